"""What makes the relief pages work offline: the manifest, the service worker, /offline.

The service worker (static/sw.js, served from / so that it may control every page) keeps
the relief pages and the static files in the browser's cache when it is installed, and
answers them from there when the network is gone; any other page then shows /offline.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from crampcoach.i18n import N_
from crampcoach.web.errors import PageRoute
from crampcoach.web.pages import PageDep

if TYPE_CHECKING:
    from crampcoach.web.pages import Page

router = APIRouter(route_class=PageRoute, include_in_schema=False)
STATIC = ("/static/app.css", "/static/app.js", "/static/relief.js", "/static/icon.svg")
DESCRIPTION = N_("Evidence-based help for muscle cramps")


def cached_paths(page: Page) -> list[str]:
    """What the service worker keeps when installed: the relief pages and static files."""
    muscles = [f"/relief/{muscle}" for muscle in page.coach.kb.muscles]
    version = page.site.version
    return ["/offline", "/relief", *muscles, *(f"{path}?v={version}" for path in STATIC)]


@router.get("/sw.js")
def service_worker(page: PageDep) -> Response:
    script = (resources.files("crampcoach.web") / "static" / "sw.js").read_text(encoding="utf-8")
    script = script.replace('"__VERSION__"', json.dumps(page.site.version))
    script = script.replace('["__CACHED__"]', json.dumps(cached_paths(page)))
    return Response(
        script,
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/manifest.webmanifest")
def manifest(page: PageDep) -> Response:
    t = page.t
    body = {
        "name": t(N_("crampcoach")),
        "short_name": t(N_("crampcoach")),
        "description": t(DESCRIPTION),
        "lang": page.lang,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b57a4",
        "icons": [
            {"src": "/static/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
        ],
    }
    return JSONResponse(body, media_type="application/manifest+json")


@router.get("/offline")
def offline(page: PageDep) -> Response:
    return page.render("offline.html")
