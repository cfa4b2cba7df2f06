"""Strict headers on every response, and CSRF protection for every form a page posts.

The headers: a Content-Security-Policy that allows the app's own scripts, styles and
images only (no inline script, no inline style, no framing), `nosniff`, no referrer,
and `no-store` on pages (they may hold health details). The interactive API docs
(`/docs`) load Swagger UI and keep FastAPI's own policy-free page.

CSRF: a random token in a cookie (`HttpOnly`, `SameSite=Strict`); each form carries an
HMAC of it, and of the login session when there is one, under the app's secret (a signed
double-submit token bound to the session). A POST whose form token does not match its
cookies is refused with a 403 page. The secret is the same in every worker process of a
server: CRAMPCOACH_SECRET_KEY, else one made once and kept in the database (`web.state`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.datastructures import MutableHeaders

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "crampcoach_csrf"
CSRF_FIELD = "csrf_token"
POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect"})


class SecurityHeaders:
    """ASGI middleware: the headers above on every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if path not in DOCS_PATHS:
                    headers.setdefault("Content-Security-Policy", POLICY)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Csrf:
    """Makes and checks the form tokens of one app, under its secret: `secret` itself, or
    what `secret()` gives on first use (the settings' key, or one kept in the database that
    every worker of the server reads); a random one living as long as the app without."""

    def __init__(self, secret: bytes | Callable[[], bytes] | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)
        self._lock = threading.Lock()

    @property
    def secret(self) -> bytes:
        """The key tokens are signed with (read once, on first use)."""
        if callable(self._secret):
            with self._lock:
                if callable(self._secret):
                    self._secret = self._secret()
        assert isinstance(self._secret, bytes)
        return self._secret

    @staticmethod
    def new_cookie() -> str:
        return secrets.token_urlsafe(32)

    def token(self, cookie: str, session: str | None = None) -> str:
        """The form token that goes with `cookie`, bound to the login `session` (the session
        cookie, multi-user mode): a form made before a login, or in another session, is
        refused after it."""
        bound = hashlib.sha256(session.encode()).hexdigest() if session else ""
        message = f"{cookie}|{bound}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def valid(self, cookie: str | None, token: object, session: str | None = None) -> bool:
        """True when `token` (from the form) was made for `cookie` (from the browser) in
        the same login `session`."""
        if not cookie or not isinstance(token, str):
            return False
        return hmac.compare_digest(self.token(cookie, session), token)
