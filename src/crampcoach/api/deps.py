"""What a route is given: the Coach that speaks the request's language (on the diary of the
request's account, in multi-user mode), the account, and the limits."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from crampcoach.api.auth import Gate, gate_of, request_account
from crampcoach.api.language import Languages
from crampcoach.api.limits import Limits
from crampcoach.coach import Coach
from crampcoach.diary.accounts import Account
from crampcoach.import_jobs import JobQueue
from crampcoach.server.team import Team

# Documents the token in the OpenAPI document (/docs's Authorize button); the token itself
# is read by `auth.Gate`, which also takes the web app's session cookie on reads.
oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def request_coach(request: Request) -> Coach:
    """The app's Coach, in the language the request's Accept-Language picks (async: it
    does no I/O, and a plain function would cost every request a hop to a worker thread);
    in multi-user mode on the diary of the request's account, or refusing every diary call."""
    languages: Languages = request.app.state.languages
    coach = languages.for_request(request.headers.get("accept-language"))
    gate = gate_of(request)
    if gate is None:
        return coach
    return Gate.coach_for(coach, await request_account(request))


async def diary_access(
    request: Request, _token: Annotated[str | None, Depends(oauth2)] = None
) -> None:
    """Multi-user mode: the request's account must have a diary (401 without a login, 403
    for an account without a diary) before a diary route does any work."""
    if gate_of(request) is not None:
        Gate.require_diary(await request_account(request))


async def request_team(request: Request) -> Team:
    """The server's invitations, consents and access log; a 404 problem when the server has
    no accounts."""
    from crampcoach.api.routes.auth import gate

    return gate(request).team


async def app_limits(request: Request) -> Limits:
    """The app's caps on bodies and uploads."""
    limits: Limits = request.app.state.limits
    return limits


async def import_jobs(request: Request) -> JobQueue:
    """The app's background imports."""
    jobs: JobQueue = request.app.state.imports
    return jobs


async def current_account(
    request: Request, _token: Annotated[str | None, Depends(oauth2)] = None
) -> Account | None:
    """The request's account (None: no valid login, or no multi-user mode)."""
    return await request_account(request)


CoachDep = Annotated[Coach, Depends(request_coach)]
ImportJobsDep = Annotated[JobQueue, Depends(import_jobs)]
LimitsDep = Annotated[Limits, Depends(app_limits)]
AccountDep = Annotated[Account | None, Depends(current_account)]
TeamDep = Annotated[Team, Depends(request_team)]
DIARY_ACCESS = [Depends(diary_access)]
