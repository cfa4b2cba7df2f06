"""Errors on pages are pages: a title, what happened and what to do, never a traceback.

The API answers its own paths with problem details (`api/problems.py`); `install` wraps
those handlers so that a page's path gets an HTML page in the person's language instead,
and `PageRoute` turns anything unexpected in a page handler into a 500 page (the
traceback goes to the server's log only).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Coroutine
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.responses import Response

from crampcoach.api.problems import HTTP_DETAILS, HTTP_TITLES, ProblemError
from crampcoach.errors import CrampcoachError, InputError
from crampcoach.i18n import N_
from crampcoach.message import Message
from crampcoach.server.errors import (
    LoginRequiredError,
    NoConsentError,
    NoDiaryAccessError,
    NoInvitationError,
    ReadOnlyError,
    WrongPasswordError,
    WrongRoleError,
)
from crampcoach.web.pages import Page, PageError

logger = logging.getLogger("crampcoach.web")
API_PATHS = ("/api/", "/docs", "/openapi.json")
NOT_HERE = N_("There is no page at {path}.")
BAD_FORM = N_("Some fields of the form are not valid")
BAD_FORM_DETAIL = N_("The form could not be read. Go back and try again.")
CANNOT_USE = N_("crampcoach cannot use this input")
NO_DIARY = N_("This account has no diary")
NOT_FOR_YOU = N_("Not for this account")
NO_INVITATION = N_("No such invitation")

Handler = Callable[[Request, Any], Response | Awaitable[Response]]


def is_api(path: str) -> bool:
    """True for the API's paths (problem details), False for the pages'."""
    return path.startswith(API_PATHS) or path == "/api"


def error_page(request: Request, status: int, title: str, detail: str) -> Response:
    """The error page: `title` (a message id) and `detail` (already in words)."""
    page = Page(request)
    response = page.render("error.html", status=status, title=page.t(title), detail=detail)
    return response


def page_error(request: Request, exc: Exception) -> Response:
    """The page for an error raised while a page was made."""
    page = Page(request)
    t = page.t
    if isinstance(exc, PageError):
        return error_page(request, exc.status, exc.title, exc.detail.words(t))
    if isinstance(exc, ProblemError):
        return error_page(request, exc.kind.status, exc.kind.title, exc.message.words(t))
    if isinstance(exc, HTTPException):
        status = exc.status_code
        title = HTTP_TITLES.get(status) or HTTPStatus(status).phrase
        if status == 404:
            detail = t(NOT_HERE, path=request.url.path)
        elif status in HTTP_DETAILS:
            detail = t(HTTP_DETAILS[status], path=request.url.path, method=request.method)
        else:
            detail = t(title)
        return error_page(request, status, title, detail)
    if isinstance(exc, RequestValidationError):
        return error_page(request, 422, BAD_FORM, t(BAD_FORM_DETAIL))
    if isinstance(exc, LoginRequiredError):
        return page.redirect(login_url(request))
    if isinstance(exc, NoDiaryAccessError):
        return error_page(request, 403, NO_DIARY, exc.words(t))
    if isinstance(exc, WrongRoleError | NoConsentError | ReadOnlyError | WrongPasswordError):
        return error_page(request, 403, NOT_FOR_YOU, exc.words(t))
    if isinstance(exc, NoInvitationError):
        return error_page(request, 404, NO_INVITATION, exc.words(t))
    if isinstance(exc, InputError):
        return error_page(request, 422, CANNOT_USE, exc.words(t))
    if isinstance(exc, CrampcoachError):
        return error_page(request, 400, HTTP_TITLES[400], exc.words(t))
    logger.exception("page %s %s failed", request.method, request.url.path, exc_info=exc)
    return error_page(request, 500, HTTP_TITLES[500], t(HTTP_DETAILS[500]))


def login_url(request: Request) -> str:
    """The login page, coming back to the page asked for (a form's area for a POST: its
    page may need what the form held)."""
    path = request.url.path
    if request.method != "GET":
        path = "/" + path.split("/")[1]
    elif request.url.query:
        path = f"{path}?{request.url.query}"
    return f"/login?{urlencode({'next': path})}"


def _dispatch(api_handler: Handler) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def handle(request: Request, exc: Exception) -> Response:
        if is_api(request.url.path):
            answer = api_handler(request, exc)
            return await answer if inspect.isawaitable(answer) else answer
        return page_error(request, exc)

    return handle


def install(app: FastAPI) -> None:
    """Answer errors on pages with pages; the API's paths keep their problem details."""
    for kind, handler in list(app.exception_handlers.items()):
        if isinstance(kind, type):
            app.exception_handlers[kind] = _dispatch(handler)
    app.add_exception_handler(PageError, page_error)


class PageRoute(APIRoute):
    """A page's route: an unexpected exception becomes a 500 page, logged."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except (HTTPException, RequestValidationError, CrampcoachError, PageError):
                raise
            except Exception as exc:
                return page_error(request, exc)

        return guarded


def unavailable(title: str, detail: Message) -> PageError:
    """A 404 page: what was asked for is not (or no longer) here."""
    return PageError(404, title, detail)
