"""The web app for the phone: server-rendered pages on the same Coach as the API.

`create_site()` builds one app that serves the pages at / and the REST API at /api/v1;
`crampcoach serve` runs it. See docs/web.md.
"""

from crampcoach.web.app import create_site

__all__ = ["create_site"]
