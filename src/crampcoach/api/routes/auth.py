"""Logging in over the API (multi-user mode): the OAuth2 password flow, logout, and who am I.

`POST /auth/token` takes the form fields `username` (the email) and `password` and answers
`{access_token, token_type: "bearer", expires_in}`; the token goes in `Authorization: Bearer`
until it expires or `POST /auth/logout` revokes it. An unknown email, a wrong password and a
disabled account get the same 401 after the same work; too many failures lock the account
and the client's address out for a while (429, `Retry-After`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from crampcoach.api.auth import Gate, bearer_token, gate_of
from crampcoach.api.deps import AccountDep
from crampcoach.api.problems import NOT_FOUND, PROBLEM_RESPONSES, ProblemError
from crampcoach.i18n import N_
from crampcoach.message import Message
from crampcoach.server.accounts import EMAIL_MAX
from crampcoach.server.errors import LoginRequiredError
from crampcoach.server.passwords import MAX_LENGTH

router = APIRouter(prefix="/auth", tags=["accounts"], responses=PROBLEM_RESPONSES)

NO_ACCOUNTS = N_(
    "This server has no accounts: it serves one person's diary without a login. "
    "crampcoach serve --multi-user turns accounts on."
)


class TokenResult(BaseModel):
    """An API token (RFC 6749 section 5.1): send it as `Authorization: Bearer <token>`."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until it expires")


class LogoutResult(BaseModel):
    """The token was revoked."""

    revoked: bool = True


class Me(BaseModel):
    """The account of the token."""

    email: str
    role: Literal["athlete", "coach", "admin"]
    athlete_id: int | None = Field(description="The athlete whose diary is this account's")


def gate(request: Request) -> Gate:
    """The app's gate; a 404 problem when the server has no accounts."""
    found = gate_of(request)
    if found is None:
        raise ProblemError(NOT_FOUND, Message(NO_ACCOUNTS))
    return found


LOGIN_EXAMPLE = {
    "login": {
        "summary": "An athlete's email and password, as form fields",
        # An example in the API docs.
        "value": {"username": "ann@example.org", "password": "correct horse battery"},  # nosec B105
    }
}


@router.post(
    "/token",
    response_model=TokenResult,
    summary="Log in: get an API token",
    openapi_extra={
        "requestBody": {
            "content": {"application/x-www-form-urlencoded": {"examples": LOGIN_EXAMPLE}}
        }
    },
)
async def token(
    request: Request,
    username: Annotated[str, Form(max_length=EMAIL_MAX, description="The account's email")],
    password: Annotated[str, Form(max_length=MAX_LENGTH, json_schema_extra={"format": "password"})],
    grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
) -> JSONResponse:
    """The OAuth2 password flow: an API token for the account, expiring after the server's
    token life (`CRAMPCOACH_TOKEN_TTL`)."""
    accounts = gate(request).accounts
    address = request.client.host if request.client else None
    account = await run_in_threadpool(accounts.login, username, password, address)
    issued = await run_in_threadpool(accounts.issue, account, "api")
    body = TokenResult(access_token=issued.token, expires_in=issued.expires_in)
    return JSONResponse(
        body.model_dump(), headers={"Cache-Control": "no-store", "Pragma": "no-cache"}
    )


@router.post("/logout", response_model=LogoutResult, summary="Log out")
async def logout(request: Request, account: AccountDep) -> LogoutResult:
    """Revoke the token the request is made with: it is refused from now on."""
    accounts = gate(request).accounts
    given = bearer_token(request)
    if account is None or given is None:
        raise LoginRequiredError()
    await run_in_threadpool(accounts.revoke, given)
    return LogoutResult()


@router.get("/me", response_model=Me, summary="The account of the token")
async def me(request: Request, account: AccountDep) -> Me:
    """The email, role and diary of the account the request is made by."""
    gate(request)
    if account is None:
        raise LoginRequiredError()
    return Me(email=account.email, role=account.role, athlete_id=account.athlete_id)
