"""The API in multi-user mode, over HTTP, on SQLite and (marked postgres) PostgreSQL: tokens
by the OAuth2 password flow; every diary endpoint needs one and answers for its account's
own diary only (athlete B never sees or changes athlete A's records); a coach's or an
admin's account has no diary; revoked and expired tokens are refused; logins fail alike
and lock out; without multi-user mode nothing changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from api_support import API, KNOWLEDGE, assert_problem
from fastapi.testclient import TestClient

from accounts_support import (
    PASSWORD,
    coach_on,
    multi_user_settings,
    open_accounts,
    with_accounts,
)
from crampcoach.api import create_app
from crampcoach.server.accounts import Accounts
from databases import Databases

GPX = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="api test" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><name>Canal run</name><type>running</type><trkseg>
  <trkpt lat="52.0000" lon="4.0000"><time>2026-03-01T07:00:00Z</time></trkpt>
  <trkpt lat="52.0100" lon="4.0000"><time>2026-03-01T07:10:00Z</time></trkpt>
  <trkpt lat="52.0200" lon="4.0000"><time>2026-03-01T07:20:00Z</time></trkpt>
 </trkseg></trk>
</gpx>
"""
RIDE = {"sport": "cycling", "start": "2026-06-02T07:15:00+02:00", "duration_s": 9000}
PLAN = {"sport": "running", "duration": "2h", "temperature": "25C"}
SWEAT = {"before": "81.0kg", "after": "79.9kg", "drank": "900ml", "duration": "100min"}
EXPORT = {"format": "crampcoach-diary", "version": 1, "sessions": [], "cramps": []}

# Every endpoint that reads or writes a diary: (method, path, request keywords).
DIARY_ENDPOINTS: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/sessions", {}),
    ("POST", "/sessions", {"json": RIDE}),
    ("GET", "/cramps", {}),
    ("POST", "/cramps", {"json": {"muscle": "calf", "severity": 4}}),
    ("GET", "/patterns", {}),
    ("GET", "/patterns/plot.svg", {}),
    ("GET", "/export", {}),
    ("GET", "/export?format=csv&table=cramps", {}),
    ("POST", "/restore", {"json": EXPORT}),
    ("POST", "/imports", {"files": [("files", ("run.gpx", GPX))]}),
    ("GET", "/imports/some-job", {}),
    ("POST", "/plan", {"json": PLAN}),
    ("GET", "/forecast/report", {}),
    ("GET", "/forecast/report/plot.svg", {}),
    ("POST", "/sweat-rate", {"json": SWEAT}),
    ("GET", "/profile", {}),
    ("PUT", "/profile", {"json": {"age_years": 40}}),
]
OPEN_ENDPOINTS: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/health", {}),
    ("POST", "/assess", {"json": {"text": "calf cramp at km 30 of a hot marathon"}}),
    ("POST", "/ask", {"json": {"question": "does pickle juice work?"}}),
    ("GET", "/relief/calf", {}),
    ("GET", "/explain/dehydration", {}),
]


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


class Server:
    """A multi-user API with the accounts of Ann and Bob (athletes), a coach and an admin."""

    def __init__(self, client: TestClient, accounts: Accounts, clock: Clock) -> None:
        self.client = client
        self.accounts = accounts
        self.clock = clock

    def token(self, email: str, password: str = PASSWORD) -> str:
        response = self.client.post(
            f"{API}/auth/token", data={"username": email, "password": password}
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"access_token", "token_type", "expires_in"}
        assert body["token_type"] == "bearer"
        assert body["expires_in"] == self.accounts.settings.token_ttl
        assert response.headers["cache-control"] == "no-store"
        token: str = body["access_token"]
        return token

    def call(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.client.request(method, f"{API}{path}", headers=headers, **kwargs)


@pytest.fixture
def server(databases: Databases, tmp_path: Path) -> Iterator[Server]:
    settings = multi_user_settings(tmp_path, databases.migrated(), login_max_failures=3)
    clock = Clock()
    accounts = open_accounts(settings, clock)
    for email, role in [
        ("ann@example.org", "athlete"),
        ("bob@example.org", "athlete"),
        ("coach@example.org", "coach"),
        ("admin@example.org", "admin"),
    ]:
        accounts.add(email, role, PASSWORD)
    app = with_accounts(create_app(coach=coach_on(settings, KNOWLEDGE)), accounts)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            yield Server(client, accounts, clock)
    finally:
        accounts.close()


def fill_anns_diary(server: Server, ann: str) -> dict[str, Any]:
    """Ann's records: a session, a cramp in it, an imported run, her profile."""
    session = server.call("POST", "/sessions", ann, json=RIDE).json()
    cramp = server.call(
        "POST", "/cramps", ann, json={"muscle": "calf", "severity": 7, "session": session["id"]}
    ).json()
    imported = server.call("POST", "/imports", ann, files=[("files", ("run.gpx", GPX))])
    assert imported.json()["imported"] == 1
    profile = server.call("PUT", "/profile", ann, json={"age_years": 52, "sex": "female"})
    assert profile.status_code == 200
    return {"session": session, "cramp": cramp}


@pytest.mark.parametrize(("method", "path", "kwargs"), DIARY_ENDPOINTS)
def test_every_diary_endpoint_needs_a_login(
    server: Server, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    response = server.call(method, path, **kwargs)
    body = assert_problem(response, 401)
    assert body["type"] == "urn:crampcoach:problem:login-required"
    assert response.headers["www-authenticate"].startswith("Bearer")
    bad = server.call(method, path, "not-a-token", **kwargs)
    assert_problem(bad, 401)


@pytest.mark.parametrize(("method", "path", "kwargs"), DIARY_ENDPOINTS)
def test_a_coach_or_an_admin_has_no_diary_yet(
    server: Server, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    for email in ("coach@example.org", "admin@example.org"):
        response = server.call(method, path, server.token(email), **kwargs)
        body = assert_problem(response, 403)
        assert body["type"] == "urn:crampcoach:problem:no-diary-access"
    assert server.accounts.database.for_athlete(1).list_sessions() == []


@pytest.mark.parametrize(("method", "path", "kwargs"), OPEN_ENDPOINTS)
def test_the_knowledge_stays_open(
    server: Server, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    assert server.call(method, path, **kwargs).status_code == 200


def test_saving_an_assessment_needs_a_login(server: Server) -> None:
    body = {"text": "calf cramp at km 30 of a hot marathon", "save": True}
    assert_problem(server.call("POST", "/assess", json=body), 401)
    ann = server.token("ann@example.org")
    assert server.call("POST", "/assess", ann, json=body).status_code == 200
    assert len(server.accounts.database.for_athlete(1).list_saved("assessment")) == 1


def test_athlete_b_never_sees_or_changes_athlete_as_diary(server: Server) -> None:
    ann, bob = server.token("ann@example.org"), server.token("bob@example.org")
    anns = fill_anns_diary(server, ann)
    before = {path: server.call("GET", path, ann).content for path in ("/sessions", "/cramps")}
    assert len(server.call("GET", "/sessions", ann).json()) == 2

    # Bob reads nothing of Ann's, anywhere.
    assert server.call("GET", "/sessions", bob).json() == []
    assert server.call("GET", "/cramps", bob).json() == []
    assert server.call("GET", "/profile", bob).json()["age_years"] is None
    exported = server.call("GET", "/export", bob).json()
    assert exported["sessions"] == [] and exported["cramps"] == []
    csv = server.call("GET", "/export?format=csv&table=sessions", bob).text
    assert csv.strip().count("\n") == 0  # the header only
    patterns = server.call("GET", "/patterns", bob).json()
    assert (patterns["sessions"], patterns["session_cramps"]) == (0, 0)
    assert server.call("GET", "/patterns", ann).json()["sessions"] == 2
    assert server.call("GET", "/forecast/report", bob).json()["forecasts"] == 0
    plan = server.call("POST", "/plan", bob, json=PLAN).json()
    assert plan["forecast"]["diary_sessions"] == 0
    assert server.call("POST", "/plan", ann, json=PLAN).json()["forecast"]["diary_sessions"] == 2
    job = server.call(
        "POST", "/imports?background=true", ann, files=[("files", ("run2.gpx", GPX))]
    ).json()
    assert_problem(server.call("GET", f"/imports/{job['id']}", bob), 404, "job_id")
    assert server.call("GET", f"/imports/{job['id']}", ann).status_code == 200

    # Nor changes it: a cramp in Ann's session, a session like hers, her profile, a restore.
    into_hers = {"muscle": "calf", "severity": 3, "session": anns["session"]["id"]}
    refused = server.call("POST", "/cramps", bob, json=into_hers)
    assert refused.status_code in (404, 422), refused.text
    assert server.call("POST", "/sessions", bob, json=RIDE).status_code == 201  # his own
    assert server.call("PUT", "/profile", bob, json={"age_years": 30}).status_code == 200
    restore = server.call("POST", "/restore", bob, json=EXPORT)
    assert restore.status_code == 409  # his diary has his session now
    for path, content in before.items():
        assert server.call("GET", path, ann).content == content
    assert server.call("GET", "/profile", ann).json()["age_years"] == 52
    assert [s["sport"] for s in server.call("GET", "/sessions", bob).json()] == ["cycling"]
    database = server.accounts.database
    assert len(database.for_athlete(1).list_sessions()) == 2
    assert len(database.for_athlete(2).list_sessions()) == 1


def test_a_revoked_token_is_refused(server: Server) -> None:
    ann = server.token("ann@example.org")
    other = server.token("ann@example.org")
    assert server.call("GET", "/auth/me", ann).json() == {
        "email": "ann@example.org",
        "role": "athlete",
        "athlete_id": 1,
    }
    assert server.call("POST", "/auth/logout", ann).json() == {"revoked": True}
    assert_problem(server.call("GET", "/sessions", ann), 401)
    assert_problem(server.call("POST", "/auth/logout", ann), 401)
    assert server.call("GET", "/sessions", other).status_code == 200  # only that one ended


def test_an_expired_token_is_refused(server: Server) -> None:
    ann = server.token("ann@example.org")
    server.clock.now += timedelta(seconds=server.accounts.settings.token_ttl - 1)
    assert server.call("GET", "/sessions", ann).status_code == 200
    server.clock.now += timedelta(seconds=1)
    assert_problem(server.call("GET", "/sessions", ann), 401)


def test_a_disabled_account_is_refused_at_once(server: Server) -> None:
    ann = server.token("ann@example.org")
    server.accounts.disable("ann@example.org")
    assert_problem(server.call("GET", "/sessions", ann), 401)


def test_an_unknown_email_and_a_wrong_password_get_the_same_answer(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    dummies: list[str] = []
    passwords = server.accounts.passwords
    real = passwords.verify_dummy
    monkeypatch.setattr(passwords, "verify_dummy", lambda p: dummies.append(p) or real(p))
    token = f"{API}/auth/token"
    wrong = server.client.post(token, data={"username": "ann@example.org", "password": "nope"})
    unknown = server.client.post(token, data={"username": "eve@example.org", "password": "nope"})
    assert dummies == ["nope"]  # the unknown email was checked against the dummy hash
    for response in (wrong, unknown):
        body = assert_problem(response, 401)
        assert body["type"] == "urn:crampcoach:problem:login-failed"
    assert wrong.json() == unknown.json()
    assert wrong.headers["www-authenticate"] == unknown.headers["www-authenticate"]
    assert PASSWORD not in wrong.text and "nope" not in wrong.text


def test_too_many_failed_logins_lock_the_account_out(server: Server) -> None:
    token = f"{API}/auth/token"
    for _ in range(3):
        failed = server.client.post(token, data={"username": "ann@example.org", "password": "x"})
        assert_problem(failed, 401)
    locked = server.client.post(token, data={"username": "ann@example.org", "password": PASSWORD})
    body = assert_problem(locked, 429)
    assert body["type"] == "urn:crampcoach:problem:locked-out"
    assert 0 < int(locked.headers["retry-after"]) <= server.accounts.settings.login_lockout
    assert server.token("bob@example.org")  # another account is not locked
    server.clock.now += timedelta(seconds=server.accounts.settings.login_lockout)
    assert server.token("ann@example.org")


def test_a_token_request_without_its_fields_names_them(server: Server) -> None:
    response = server.client.post(f"{API}/auth/token", data={"username": "ann@example.org"})
    assert_problem(response, 422, "password")
    grant = {"username": "a@b.c", "password": "x", "grant_type": "client_credentials"}
    assert_problem(server.client.post(f"{API}/auth/token", data=grant), 422, "grant_type")


def test_a_web_session_cookie_reads_but_never_changes_over_the_api(server: Server) -> None:
    issued = server.accounts.issue(server.accounts.login("ann@example.org", PASSWORD), "web")
    server.client.cookies.set("crampcoach_session", issued.token)
    try:
        assert server.call("GET", "/sessions").status_code == 200
        assert_problem(server.call("POST", "/sessions", json=RIDE), 401)
    finally:
        server.client.cookies.clear()
    assert server.accounts.database.for_athlete(1).list_sessions() == []


def test_without_multi_user_mode_there_are_no_accounts_and_no_login(tmp_path: Path) -> None:
    from api_support import client_for, make_coach

    with client_for(make_coach(tmp_path)) as client:
        assert client.get(f"{API}/sessions").status_code == 200
        response = client.post(f"{API}/auth/token", data={"username": "a@b.c", "password": "x"})
        body = assert_problem(response, 404)
        assert "--multi-user" in body["detail"]
