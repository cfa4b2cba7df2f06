"""The start page: relief first (for a cramp now), then the other flows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter

from crampcoach.web.errors import PageRoute
from crampcoach.web.pages import PageDep

if TYPE_CHECKING:
    from fastapi.responses import Response

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/")
def home(page: PageDep) -> Response:
    return page.render("home.html")
