"""What a route is given: the Coach that speaks the request's language, and the limits."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from crampcoach.api.language import Languages
from crampcoach.api.limits import Limits
from crampcoach.coach import Coach
from crampcoach.uploads import ImportJobs


async def request_coach(request: Request) -> Coach:
    """The app's Coach, in the language the request's Accept-Language picks (async: it
    does no I/O, and a plain function would cost every request a hop to a worker thread)."""
    languages: Languages = request.app.state.languages
    return languages.coach(languages.pick(request.headers.get("accept-language")))


async def app_limits(request: Request) -> Limits:
    """The app's caps on bodies and uploads."""
    limits: Limits = request.app.state.limits
    return limits


async def import_jobs(request: Request) -> ImportJobs:
    """The app's background imports."""
    jobs: ImportJobs = request.app.state.imports
    return jobs


CoachDep = Annotated[Coach, Depends(request_coach)]
ImportJobsDep = Annotated[ImportJobs, Depends(import_jobs)]
LimitsDep = Annotated[Limits, Depends(app_limits)]
