"""The API's request and response models, a module per area (named by role: `...Request`,
`...Result`); the core's and the diary's own models are used as they are where they fit."""
