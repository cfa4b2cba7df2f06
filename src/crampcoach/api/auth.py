"""Who is asking, on the multi-user server: the account of a request, and the Coach it gets.

A request names its account by an API token (`Authorization: Bearer <token>`) or, from the
web app, by its session cookie. The cookie counts on the pages (whose forms carry a CSRF
token bound to the session) and on the API's reads (GET and HEAD: the upload page polls an
import's progress) but never on an API call that changes something, which needs a token: a
cookie is sent by the browser on its own, a token only by a client that holds it.

An athlete's request gets a Coach on their own diary (`Coach.for_athlete`); one without a
login, or of an account that has no diary (a coach's or an admin's: a coach reads an
athlete's diary, read only, through the team routes once the athlete consented), gets a
Coach that refuses every diary call (`Coach.refusing_diary`), so a route that forgot its
check still cannot reach a diary. Without multi-user mode there is no gate,
and everything is the single-user diary's, as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from crampcoach.server.errors import LoginRequiredError, NoDiaryAccessError

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.diary.accounts import Account
    from crampcoach.diary.database import DiaryDatabase
    from crampcoach.server.accounts import Accounts
    from crampcoach.server.team import Team
    from crampcoach.settings import Settings

SESSION_COOKIE = "crampcoach_session"
SAFE_METHODS = frozenset({"GET", "HEAD"})
ACCOUNT = "crampcoach.account"  # the request's account, once looked up (in its ASGI scope)
_UNKNOWN = object()


def bearer_token(connection: HTTPConnection) -> str | None:
    """The token of an `Authorization: Bearer` header, or None."""
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class Gate:
    """The accounts of a multi-user server (opened on first use, kept for the app's life)
    and what each request may reach."""

    def __init__(
        self,
        settings: Settings,
        accounts: Accounts | None = None,
        database: Callable[[], DiaryDatabase] | None = None,
    ) -> None:
        self.settings = settings
        self._accounts = accounts
        # The server's one database (`Coach.share_database`), whose pool the accounts share
        # with the diaries; None: the accounts open their own.
        self._database = database
        self._team: Team | None = None
        self._lock = threading.Lock()

    @property
    def accounts(self) -> Accounts:
        """The accounts, opened on first use (a SQLite file upgraded; PostgreSQL checked)."""
        with self._lock:
            return self._accounts or self._open_accounts()

    @property
    def team(self) -> Team:
        """The invitations, consents and access log (on the accounts' database)."""
        with self._lock:
            if self._team is None:
                from crampcoach.server.team import Team

                self._team = Team(self._accounts or self._open_accounts())
            return self._team

    def _open_accounts(self) -> Accounts:
        from crampcoach.server.accounts import Accounts

        if self._database is not None:
            self._accounts = Accounts(self._database(), self.settings)
        else:
            self._accounts = Accounts.open(self.settings, create_folder=not self.settings.db_given)
        return self._accounts

    def close(self) -> None:
        with self._lock:
            self._team = None
            if self._accounts is not None and self._database is None:
                self._accounts.close()  # a shared database is closed by its owner
            self._accounts = None

    def secure_cookies(self, connection: HTTPConnection) -> bool:
        """Session cookies are Secure over https, or always when the settings say so."""
        return connection.url.scheme == "https" or self.settings.secure_cookies

    def account_of(self, connection: HTTPConnection, *, page: bool = False) -> Account | None:
        """The account the request is made by (None: no valid login), looked up once per
        request. `page`: a page's request, whose session cookie always counts."""
        known = connection.scope.get(ACCOUNT, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[no-any-return]
        account = None
        token = bearer_token(connection)
        if token is not None:
            account = self.accounts.account_for("api", token)
        else:
            cookie = connection.cookies.get(SESSION_COOKIE)
            method = connection.scope.get("method", "GET")
            if cookie and (page or method in SAFE_METHODS):
                account = self.accounts.account_for("web", cookie)
        connection.scope[ACCOUNT] = account
        return account

    @staticmethod
    def require_diary(account: Account | None) -> Account:
        """The account, when it has a diary; LoginRequiredError or NoDiaryAccessError."""
        if account is None:
            raise LoginRequiredError()
        if account.role != "athlete" or account.athlete_id is None:
            raise NoDiaryAccessError()
        return account

    @staticmethod
    def coach_for(coach: Coach, account: Account | None) -> Coach:
        """`coach` on the account's diary, or refusing every diary call."""
        if account is None:
            return coach.refusing_diary(LoginRequiredError)
        if account.role != "athlete" or account.athlete_id is None:
            return coach.refusing_diary(NoDiaryAccessError)
        return coach.for_athlete(account.athlete_id)


def gate_of(connection: HTTPConnection) -> Gate | None:
    """The app's gate; None without multi-user mode."""
    gate: Gate | None = getattr(connection.app.state, "gate", None)
    return gate


async def request_account(connection: HTTPConnection, *, page: bool = False) -> Account | None:
    """The request's account (multi-user mode), looked up on a worker thread."""
    gate = gate_of(connection)
    if gate is None:
        return None
    if ACCOUNT in connection.scope:
        return connection.scope[ACCOUNT]  # type: ignore[no-any-return]
    return await run_in_threadpool(gate.account_of, connection, page=page)
