"""One error shape for every 4xx and 5xx: RFC 9457 problem details, in the request's language.

`application/problem+json` with `type`, `title`, `status`, `detail`, `instance` (the path
asked for) and `errors`: one `{field, message}` per field at fault (empty when no one
field is). Routes raise `ProblemError` (or let a crampcoach error through); FastAPI's
validation errors, Starlette's HTTP errors and crampcoach's errors are answered here, an
unexpected exception by `guard.Guard`. Titles and details pass through the catalogue;
pydantic's words about a bad field stay English (docs/architecture.md).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.exceptions import HTTPException
from starlette.routing import Match

from crampcoach.errors import CrampcoachError, InputError, KnowledgeError, validation_problems
from crampcoach.i18n import N_, Translator
from crampcoach.message import Message

if TYPE_CHECKING:
    from crampcoach.api.language import Languages

logger = logging.getLogger("crampcoach.api")
PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:crampcoach:problem:"


@dataclass(frozen=True)
class Kind:
    """A kind of problem: its type URI, its HTTP status and its title (a message id)."""

    type: str
    status: int
    title: str


VALIDATION = Kind(TYPE_PREFIX + "validation", 422, N_("Some fields of the request are not valid"))
INVALID_INPUT = Kind(TYPE_PREFIX + "invalid-input", 422, N_("crampcoach cannot use this input"))
NOT_FOUND = Kind("about:blank", 404, N_("Not found"))
DIARY_NOT_EMPTY = Kind(TYPE_PREFIX + "diary-not-empty", 409, N_("The diary is not empty"))
DUPLICATE_SESSION = Kind(
    TYPE_PREFIX + "duplicate-session", 409, N_("A session at that time is already in the diary")
)
TOO_LARGE = Kind("about:blank", 413, N_("Request too large"))
LOGIN_REQUIRED = Kind(TYPE_PREFIX + "login-required", 401, N_("Log in first"))
LOGIN_FAILED = Kind(TYPE_PREFIX + "login-failed", 401, N_("The login failed"))
NO_DIARY_ACCESS = Kind(TYPE_PREFIX + "no-diary-access", 403, N_("This account has no diary"))
WRONG_ROLE = Kind(TYPE_PREFIX + "wrong-role", 403, N_("Not for this account's role"))
NO_CONSENT = Kind(TYPE_PREFIX + "no-consent", 403, N_("No consent"))
READ_ONLY = Kind(TYPE_PREFIX + "read-only", 403, N_("Read only"))
NO_INVITATION = Kind(TYPE_PREFIX + "no-invitation", 404, N_("No such invitation"))
WRONG_PASSWORD = Kind(TYPE_PREFIX + "wrong-password", 403, N_("Wrong password"))
LOCKED_OUT = Kind(TYPE_PREFIX + "locked-out", 429, N_("Too many failed logins"))
INTERNAL = Kind("about:blank", 500, N_("Internal server error"))
DIARY_BUSY = Kind(TYPE_PREFIX + "diary-busy", 503, N_("The diary is busy"))
DIARY_UNAVAILABLE = Kind(TYPE_PREFIX + "diary-unavailable", 500, N_("The diary cannot be used"))
# What a client is told of a diary database's fault: the server's words (its URL, its files)
# go to the log, for whoever runs it.
DIARY_BUSY_DETAIL = N_(
    "Another request is writing to the diary, and nothing was saved. Try again in a moment."
)
DIARY_UNAVAILABLE_DETAIL = N_(
    "The server cannot use its diary database, and nothing was saved; this has been logged "
    "for whoever runs the server."
)
BUSY_RETRY_AFTER_S = 5
BAD_REQUEST = Kind("about:blank", 400, N_("Bad request"))

# The titles and details of the HTTP errors Starlette and FastAPI raise themselves.
HTTP_TITLES = {
    400: BAD_REQUEST.title,
    404: NOT_FOUND.title,
    405: N_("Method not allowed"),
    413: TOO_LARGE.title,
    415: N_("Unsupported media type"),
    500: INTERNAL.title,
}
HTTP_DETAILS = {
    400: N_("The request body could not be read."),
    404: N_("Nothing is at {path}; the endpoints are listed at /docs."),
    405: N_("{method} is not allowed on {path}."),
    500: N_("Something went wrong on our side; it has been logged. Please try again later."),
}
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
BODY_FIELD = "body"  # the field named when the body as a whole is at fault
_PLACES = frozenset({"body", "query", "path", "header", "cookie"})


class FieldProblem(BaseModel):
    """One field at fault and what is wrong with it."""

    field: str = Field(
        description="A dotted path in the body ('intake.episode.muscle'), a query or path "
        "parameter's name, or 'body' for the body as a whole",
        examples=["intake.episode.muscle"],
    )
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details: the shape of every error response."""

    type: str = Field(
        description="'about:blank' for a plain HTTP error, else urn:crampcoach:problem:<kind>",
        examples=["urn:crampcoach:problem:validation"],
    )
    title: str = Field(description="Short, the same for every problem of this type")
    status: int = Field(description="The HTTP status code", examples=[422])
    detail: str = Field(description="What went wrong this time, for a person")
    instance: str = Field(description="The path that was asked for", examples=["/api/v1/assess"])
    errors: list[FieldProblem] = Field(
        default_factory=list, description="The fields at fault (empty when no one field is)"
    )


def _problem_responses() -> dict[int | str, dict[str, Any]]:
    content = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {
        "4XX": {"description": "A client error (problem details)", "content": content},
        "5XX": {"description": "A server error (problem details)", "content": content},
    }


# Every route's documented errors (and FastAPI then adds no HTTPValidationError of its own).
PROBLEM_RESPONSES = _problem_responses()


class ProblemError(HTTPException):
    """A problem a route reports: its kind, its message and the fields at fault.

    An HTTPException, so that FastAPI lets it through while it reads a body.
    """

    def __init__(
        self,
        kind: Kind,
        message: Message,
        fields: Sequence[tuple[str, Message | str]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(kind.status, str(message), dict(headers) if headers else None)
        self.kind = kind
        self.message = message
        self.fields = list(fields)

    @classmethod
    def of(
        cls, error: CrampcoachError, field: str | None = None, kind: Kind = INVALID_INPUT
    ) -> ProblemError:
        """`error`'s message as a problem of `kind`, naming `field` when one is at fault."""
        return cls(kind, error.message, [(field, error.message)] if field else [])


def problem_response(
    t: Translator,
    kind: Kind,
    detail: str,
    instance: str,
    errors: Sequence[tuple[str, str]] = (),
    *,
    title: str | None = None,
    status: int | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """The response for a problem, its title in the language of `t`."""
    body = Problem(
        type=kind.type,
        title=t(title or kind.title),
        status=status or kind.status,
        detail=detail,
        instance=instance,
        errors=[FieldProblem(field=field, message=message) for field, message in errors],
    )
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=body.status,
        media_type=PROBLEM_JSON,
        headers=dict(headers) if headers else None,
    )


def translator(request: Request) -> Translator:
    """The words of the language the request asked for."""
    languages: Languages = request.app.state.languages
    return languages.translator(request.headers.get("accept-language"))


def api_field(loc: tuple[str, ...]) -> str:
    """A pydantic location as the API names the field: `intake.episode.muscle`, `format`."""
    parts = loc[1:] if loc and loc[0] in _PLACES else loc
    return ".".join(parts) or BODY_FIELD


def _words(value: Message | str, t: Translator) -> str:
    return value.words(t) if isinstance(value, Message) else value


async def on_problem(request: Request, exc: Exception) -> JSONResponse:
    """A `ProblemError` a route or the body cap raised."""
    assert isinstance(exc, ProblemError)
    # A message bound to a language (that of the story it answers) brings its title along.
    bound = exc.message.lang
    t = translator(request) if bound is None else Translator(bound)
    headers = dict(exc.headers or {})
    if bound is not None:
        headers["Content-Language"] = bound
    fields = [(field, _words(message, t)) for field, message in exc.fields]
    return problem_response(
        t, exc.kind, exc.message.words(t), request.url.path, fields, headers=headers or None
    )


@dataclass(frozen=True)
class _Errors:
    """An error list, for the one formatter (`errors.validation_problems`)."""

    found: Sequence[Mapping[str, Any]]

    def errors(self) -> Sequence[Mapping[str, Any]]:
        return self.found


async def on_validation(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's RequestValidationError, or a pydantic ValidationError a route let through."""
    assert isinstance(exc, RequestValidationError | ValidationError)
    # Text that is not JSON is located at a character, not a field: the body is at fault.
    found = [
        {**error, "loc": (BODY_FIELD,)} if error.get("type") == "json_invalid" else error
        for error in exc.errors()
    ]
    problems = validation_problems(_Errors(found), api_field)
    detail = "; ".join(f"{field}: {message}" for field, message in problems)
    return problem_response(translator(request), VALIDATION, detail, request.url.path, problems)


async def on_http(request: Request, exc: Exception) -> JSONResponse:
    """An HTTPException of Starlette or FastAPI (404 unknown route, 405, 400 unreadable body)."""
    assert isinstance(exc, HTTPException)
    t = translator(request)
    status = exc.status_code
    values = {"path": request.url.path, "method": request.method}
    if status in HTTP_DETAILS:
        detail = t(HTTP_DETAILS[status], **values)
    else:
        detail = str(exc.detail) if exc.detail else HTTPStatus(status).phrase
    title = HTTP_TITLES.get(status) or HTTPStatus(status).phrase
    kind = Kind("about:blank", status, title)
    headers = dict(exc.headers or {})
    if status == 405:  # Starlette names the methods of the first route of the path only
        headers["Allow"] = ", ".join(allowed_methods(request))
    return problem_response(t, kind, detail, request.url.path, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """The methods some route of the app answers at the request's path."""
    routes = request.app.router.routes
    return [
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes
        )
    ]


async def on_crampcoach(request: Request, exc: Exception) -> JSONResponse:
    """A crampcoach error a route let through: bad input is 422 (naming each field of a
    record that cannot be; 409 for a diary not empty and a session at the time of one
    already kept), a broken knowledge file 500 (the server's fault, logged), the diary's
    database busy 503 and otherwise unusable 500 (logged), any other 400."""
    from crampcoach.core.plan_inputs import PlanInputError
    from crampcoach.core.record_checks import RecordError
    from crampcoach.diary.database_errors import DiaryDatabaseError
    from crampcoach.diary.repository import DiaryNotEmptyError
    from crampcoach.diary_checks import DuplicateSessionError

    assert isinstance(exc, CrampcoachError)
    t = translator(request)
    path = request.url.path
    if (answered := account_problem(exc, t, path)) is not None:
        return answered
    if isinstance(exc, KnowledgeError):
        logger.error("knowledge base invalid on %s %s: %s", request.method, path, exc)
        return problem_response(t, INTERNAL, t(HTTP_DETAILS[500]), path)
    if isinstance(exc, DiaryDatabaseError):  # the server's database, not the request
        logger.error("diary database on %s %s: %s", request.method, path, exc)
        if exc.busy:
            retry = {"Retry-After": str(BUSY_RETRY_AFTER_S)}
            return problem_response(t, DIARY_BUSY, t(DIARY_BUSY_DETAIL), path, headers=retry)
        return problem_response(t, DIARY_UNAVAILABLE, t(DIARY_UNAVAILABLE_DETAIL), path)
    if not isinstance(exc, InputError):
        return problem_response(t, BAD_REQUEST, exc.words(t), path)
    if isinstance(exc, DiaryNotEmptyError):
        return problem_response(t, DIARY_NOT_EMPTY, exc.words(t), path)
    if isinstance(exc, DuplicateSessionError):
        said = exc.words(t)
        return problem_response(t, DUPLICATE_SESSION, said, path, [("start", said)])
    fields: list[tuple[str, str]] = []
    if isinstance(exc, PlanInputError):
        fields = [(exc.field, exc.detail.words(t))]
    if isinstance(exc, RecordError):
        fields = [(problem.field, problem.message.words(t)) for problem in exc.problems]
    return problem_response(t, INVALID_INPUT, exc.words(t), path, fields)


def account_problem(exc: CrampcoachError, t: Translator, path: str) -> JSONResponse | None:
    """The answer to a login that is missing, failed or locked out, to an account without a
    diary or of another role, to a coach without consent, to an answer to no invitation and
    to a wrong password (multi-user mode); None for another error."""
    from crampcoach.server.errors import (
        LockedOutError,
        LoginFailedError,
        LoginRequiredError,
        NoConsentError,
        NoDiaryAccessError,
        NoInvitationError,
        ReadOnlyError,
        WrongPasswordError,
        WrongRoleError,
    )

    bearer = {"WWW-Authenticate": 'Bearer realm="crampcoach"'}
    if isinstance(exc, LoginRequiredError):
        return problem_response(t, LOGIN_REQUIRED, exc.words(t), path, headers=bearer)
    if isinstance(exc, LoginFailedError):
        return problem_response(t, LOGIN_FAILED, exc.words(t), path, headers=bearer)
    if isinstance(exc, NoDiaryAccessError):
        return problem_response(t, NO_DIARY_ACCESS, exc.words(t), path)
    kinds: list[tuple[type[CrampcoachError], Kind]] = [
        (WrongRoleError, WRONG_ROLE),
        (NoConsentError, NO_CONSENT),
        (ReadOnlyError, READ_ONLY),
        (NoInvitationError, NO_INVITATION),
        (WrongPasswordError, WRONG_PASSWORD),
    ]
    for error, kind in kinds:
        if isinstance(exc, error):
            return problem_response(t, kind, exc.words(t), path)
    if isinstance(exc, LockedOutError):
        retry = {"Retry-After": str(exc.seconds)}
        return problem_response(t, LOCKED_OUT, exc.words(t), path, headers=retry)
    return None


def document(app: FastAPI) -> None:
    """Put the `Problem` schema, which every operation's 4XX and 5XX name, in the app's
    OpenAPI document (FastAPI adds only the models of a route's own responses)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            found = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(found.pop("$defs", {}))
            schemas["Problem"] = found
        return app.openapi_schema or build()

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way


def install(app: FastAPI) -> None:
    """Answer every error the app raises with problem details, and document them."""
    document(app)
    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(ValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(CrampcoachError, on_crampcoach)
