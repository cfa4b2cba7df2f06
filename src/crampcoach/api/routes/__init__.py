"""The /api/v1 routes, a module per area: each parses the request, calls the Coach and
returns a response model."""
