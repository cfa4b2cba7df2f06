"""A multi-user site for the team tests: the API and the pages, with six accounts.

Ann and Bob are athletes; `coach` has Ann's active consent, `stranger` (a coach) has none,
`former` (a coach) had Ann's consent and she revoked it; `admin` manages accounts. Each
acts through the API with a token, or on the pages with a web session and the CSRF token
the pages would give it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from accounts_support import PASSWORD, coach_on, multi_user_settings, open_accounts, with_accounts
from crampcoach.api.auth import SESSION_COOKIE
from crampcoach.package_knowledge import PackageKnowledge
from crampcoach.server.accounts import Accounts
from crampcoach.server.team import Team
from crampcoach.web.app import create_site
from crampcoach.web.security import CSRF_COOKIE, CSRF_FIELD
from databases import Databases

API = "/api/v1"
KNOWLEDGE = PackageKnowledge()
PEOPLE = {
    "ann": ("ann@example.org", "athlete"),
    "bob": ("bob@example.org", "athlete"),
    "coach": ("coach@example.org", "coach"),
    "stranger": ("stranger@example.org", "coach"),
    "former": ("former@example.org", "coach"),
    "admin": ("admin@example.org", "admin"),
}
CSRF = "csrf-cookie-of-the-tests"


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


class Site:
    """The site, its accounts, and a client per person."""

    def __init__(self, client: TestClient, accounts: Accounts, clock: Clock) -> None:
        self.client = client
        self.app = client.app
        self.accounts = accounts
        self.clock = clock
        self.team = Team(accounts)
        self._tokens: dict[str, str] = {}
        self._pages: dict[str, tuple[TestClient, str]] = {}
        self.invitations: dict[str, int] = {}

    def email(self, who: str) -> str:
        return PEOPLE[who][0]

    def account(self, who: str) -> Any:
        found = self.accounts.store.login(self.email(who))
        assert found is not None
        return found.account

    def token(self, who: str) -> str:
        if who not in self._tokens:
            response = self.client.post(
                f"{API}/auth/token", data={"username": self.email(who), "password": PASSWORD}
            )
            assert response.status_code == 200, response.text
            self._tokens[who] = response.json()["access_token"]
        return self._tokens[who]

    def call(self, method: str, path: str, who: str | None = None, **kwargs: Any) -> Any:
        """An API call (`path` under /api/v1) with `who`'s token, or none."""
        headers = {"Authorization": f"Bearer {self.token(who)}"} if who else {}
        headers.update(kwargs.pop("headers", {}))
        return self.client.request(method, f"{API}{path}", headers=headers, **kwargs)

    def page_client(self, who: str | None) -> tuple[TestClient, str]:
        """A browser of `who` (logged in with a web session; None: no login) and the CSRF
        token its forms carry."""
        key = who or ""
        if key not in self._pages:
            cookies = {CSRF_COOKIE: CSRF}
            session = None
            if who is not None:
                session = self.accounts.issue(self.account(who), "web").token
                cookies[SESSION_COOKIE] = session
            client = TestClient(
                self.app, raise_server_exceptions=False, cookies=cookies, follow_redirects=False
            )
            token = self.app.state.site.csrf.token(CSRF, session)
            self._pages[key] = (client, token)
        return self._pages[key]

    def page(self, method: str, path: str, who: str | None = None, **kwargs: Any) -> Any:
        """A page's request by `who`'s browser; a POST's form gets the CSRF token."""
        client, token = self.page_client(who)
        if method == "POST":
            kwargs["data"] = {CSRF_FIELD: token, **kwargs.get("data", {})}
        return client.request(method, path, **kwargs)

    def close(self) -> None:
        for client, _ in self._pages.values():
            client.close()


@contextmanager
def team_site(databases: Databases, folder: Path) -> Iterator[Site]:
    """The site with the six accounts; Ann consents to `coach`, and revoked `former`."""
    settings = multi_user_settings(folder, databases.migrated())
    clock = Clock()
    accounts = open_accounts(settings, clock)
    for email, role in PEOPLE.values():
        accounts.add(email, role, PASSWORD)
    app = with_accounts(create_site(coach=coach_on(settings, KNOWLEDGE)), accounts)
    try:
        with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as client:
            site = Site(client, accounts, clock)
            ann = site.account("ann")
            for coach in ("coach", "former"):
                link = site.team.invite(site.account(coach), site.email("ann"))
                site.team.accept(ann, link.id)
                site.invitations[coach] = link.id
            site.team.revoke(ann, site.invitations["former"])
            try:
                yield site
            finally:
                site.close()
    finally:
        accounts.close()
