"""The REST API (FastAPI): `create_app()` builds the app; `crampcoach serve` runs it.

A face like the CLI: routes parse the request, call the one `Coach` and return response
models; see docs/api.md.
"""

from crampcoach.api.app import create_app

__all__ = ["create_app"]
