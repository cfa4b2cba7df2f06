"""The site: the REST API and the pages in one app, on one Coach.

`create_site()` builds the API (`crampcoach.api.create_app`: everything under /api/v1,
its docs at /docs) and puts the pages beside it at /: their routes, the static files,
the manifest and the service worker, HTML error pages for the pages' paths (the API's
keep their problem details), strict security headers and CSRF checks.
"""

from __future__ import annotations

import dataclasses

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from crampcoach.api import create_app
from crampcoach.api.language import Languages
from crampcoach.api.limits import Limits
from crampcoach.coach import Coach
from crampcoach.settings import Settings
from crampcoach.web import errors
from crampcoach.web.pages import DIARY_PAGES, Site
from crampcoach.web.routes import (
    account,
    ask,
    assess,
    diary,
    home,
    offline,
    plans,
    relief,
    team,
)
from crampcoach.web.security import SecurityHeaders
from crampcoach.web.state import page_state

UPLOAD_PATH = "/diary/imports"  # the one page whose form may carry more than the JSON cap


def create_site(
    settings: Settings | None = None,
    coach: Coach | None = None,
    *,
    limits: Limits | None = None,
) -> FastAPI:
    """The API at /api/v1 and the web app at /, around `coach` (default: one built from
    `settings`, else the environment's). `limits` caps bodies as for the API; the upload
    page takes as much as the API's upload."""
    limits = limits or Limits()
    limits = dataclasses.replace(limits, upload_paths=limits.upload_paths | {UPLOAD_PATH})
    app = create_app(settings, coach, limits=limits)
    languages: Languages = app.state.languages
    # The CSRF secret, drafts and results: in the database when the server's workers share them.
    app.state.site = Site(languages=languages, limits=limits, **page_state(app.state.coach))
    for area in (home, relief, assess, ask, offline, account, team):
        app.include_router(area.router)
    for area in (plans, diary):  # a diary's pages: an account's own, in multi-user mode
        app.include_router(area.router, dependencies=DIARY_PAGES)
    app.mount("/static", StaticFiles(packages=[("crampcoach.web", "static")]), name="static")
    errors.install(app)
    app.add_middleware(SecurityHeaders)
    return app
