"""ASGI middleware around the app: the body cap, the response's language, and the 500.

It names the language of every response (`Content-Language`, `Vary: Accept-Language`),
refuses a body over its cap (413) before or while it is read, and answers any exception
nothing else handled with a 500 problem whose detail says nothing of the cause (the
traceback goes to the server's log, never to the client).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from starlette.datastructures import Headers, MutableHeaders

from crampcoach.api.problems import (
    HTTP_DETAILS,
    INTERNAL,
    TOO_LARGE,
    ProblemError,
    problem_response,
)
from crampcoach.i18n import N_
from crampcoach.message import Message

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send
    from starlette.types import Message as AsgiMessage

    from crampcoach.api.language import Languages
    from crampcoach.api.limits import Limits

logger = logging.getLogger("crampcoach.api")
OVER_CAP = N_("The request body is over {limit} bytes, the most {path} takes.")


class Guard:
    """Wraps the app: one per app, holding its languages and limits."""

    def __init__(self, app: ASGIApp, languages: Languages, limits: Limits) -> None:
        self.app = app
        self.languages = languages
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        lang = self.languages.pick(headers.get("accept-language"))
        t = self.languages.coach(lang).text
        path: str = scope["path"]
        cap = self.limits.body_cap(path)
        started = False

        async def send_named(message: AsgiMessage) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                named = MutableHeaders(scope=message)
                if "content-language" not in named:
                    named["Content-Language"] = lang
                named.add_vary_header("Accept-Language")
            await send(message)

        too_large = Message(OVER_CAP, {"limit": cap, "path": path})
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            response = problem_response(t, TOO_LARGE, too_large.words(t), path)
            await response(scope, receive, send_named)
            return

        received = 0

        async def receive_capped() -> AsgiMessage:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise ProblemError(TOO_LARGE, too_large)
            return message

        try:
            await self.app(scope, receive_capped, send_named)
        except Exception:
            logger.exception("unexpected error on %s %s", scope.get("method"), path)
            if started:  # the client has the start of a response: nothing left to say
                raise
            response = problem_response(t, INTERNAL, t(HTTP_DETAILS[500]), path)
            await response(scope, receive, send_named)
