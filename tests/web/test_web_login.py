"""The web app in multi-user mode, on SQLite and (marked postgres) PostgreSQL: the login
page, the session cookie, diary pages that send a stranger to the login and show each
athlete only their own diary, CSRF tokens bound to the session, logout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from web_support import GPX, KNOWLEDGE, page_of, token_of

from accounts_support import PASSWORD, coach_on, multi_user_settings, open_accounts, with_accounts
from crampcoach.server.accounts import Accounts
from crampcoach.web import create_site
from databases import Databases

DIARY_PAGES = ["/diary", "/diary/patterns", "/plan", "/sweat-rate", "/forecast"]
OPEN_PAGES = ["/", "/relief", "/relief/calf", "/assess", "/ask"]
HAMSTRING = "Back of the thigh (hamstrings)"  # the muscle's label: in the picker, and a cramp's
FOOT = "Foot and toes"


@pytest.fixture
def accounts(databases: Databases, tmp_path: Path) -> Iterator[Accounts]:
    settings = multi_user_settings(tmp_path, databases.migrated(), login_max_failures=3)
    opened = open_accounts(settings)
    for email, role in [
        ("ann@example.org", "athlete"),
        ("bob@example.org", "athlete"),
        ("coach@example.org", "coach"),
    ]:
        opened.add(email, role, PASSWORD)
    yield opened
    opened.close()


@pytest.fixture
def site(accounts: Accounts) -> Iterator[TestClient]:
    app = with_accounts(create_site(coach=coach_on(accounts.settings, KNOWLEDGE)), accounts)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def browser(site: TestClient) -> TestClient:
    """Another browser on the same site (cookies of its own)."""
    return TestClient(site.app, raise_server_exceptions=False)


def log_in(client: TestClient, email: str, password: str = PASSWORD, goal: str = "") -> Response:
    form = {"csrf_token": token_of(client, "/login"), "email": email, "password": password}
    if goal:
        form["next"] = goal
    return client.post("/login", data=form, follow_redirects=False)


def log_cramp(client: TestClient, muscle: str) -> Response:
    form = {"csrf_token": token_of(client, "/diary"), "muscle": muscle, "severity": "6"}
    return client.post("/diary/cramps", data=form, follow_redirects=False)


@pytest.mark.parametrize("path", DIARY_PAGES)
def test_a_diary_page_sends_a_stranger_to_the_login(site: TestClient, path: str) -> None:
    response = site.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next={path.replace('/', '%2F')}"


@pytest.mark.parametrize("path", OPEN_PAGES)
def test_relief_assess_and_ask_need_no_login(site: TestClient, path: str) -> None:
    response = site.get(path)
    assert response.status_code == 200
    assert 'href="/login"' in response.text


def test_a_form_posted_without_a_login_changes_no_diary(
    site: TestClient, accounts: Accounts
) -> None:
    form = {"csrf_token": token_of(site, "/assess"), "muscle": "calf", "severity": "6"}
    response = site.post("/diary/cramps", data=form, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login?next=%2Fdiary")
    files = {"files": ("ride.gpx", GPX)}
    upload = site.post("/diary/imports", data=form, files=files, follow_redirects=False)
    assert upload.status_code == 303
    assert accounts.database.athletes()[0].id == 1
    assert accounts.database.for_athlete(1).list_cramps() == []
    assert accounts.database.for_athlete(1).list_sessions() == []


def test_logging_in_sets_a_session_cookie_and_goes_where_asked(
    site: TestClient, accounts: Accounts
) -> None:
    response = log_in(site, "Ann@Example.org", goal="/diary/patterns")
    assert (response.status_code, response.headers["location"]) == (303, "/diary/patterns")
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("crampcoach_session=")
    )
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "samesite=lax", "path=/"} <= flags
    assert "secure" not in flags  # plain http, and the setting is off
    assert f"max-age={accounts.settings.session_ttl}" in flags
    diary = site.get("/diary")
    assert diary.status_code == 200 and "ann@example.org" in diary.text


def test_the_session_cookie_is_secure_over_https(site: TestClient) -> None:
    https = TestClient(site.app, base_url="https://testserver", raise_server_exceptions=False)
    response = log_in(https, "ann@example.org")
    assert response.status_code == 303
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("crampcoach_session=")
    )
    assert "secure" in {part.strip().lower() for part in cookie.split(";")}


def test_a_login_elsewhere_is_not_followed(site: TestClient) -> None:
    response = log_in(site, "ann@example.org", goal="//evil.example/")
    assert response.headers["location"] == "/diary"


def test_a_wrong_password_and_an_unknown_email_show_the_same_page(site: TestClient) -> None:
    wrong = log_in(site, "ann@example.org", "wrong password")
    unknown = log_in(site, "eve@example.org", "wrong password")
    assert wrong.status_code == unknown.status_code == 401
    said = [t for t in page_of(wrong).main_text() if "wrong" in t]
    assert said == ["The email or the password is wrong."]
    assert said == [t for t in page_of(unknown).main_text() if "wrong" in t]
    assert "crampcoach_session" not in wrong.headers.get("set-cookie", "")
    assert "wrong password" not in wrong.text  # the password is never shown back


def test_too_many_failed_logins_lock_the_page_out(site: TestClient) -> None:
    for _ in range(3):
        assert log_in(site, "ann@example.org", "wrong password").status_code == 401
    locked = log_in(site, "ann@example.org")
    assert locked.status_code == 429
    assert any("Too many failed logins" in t for t in page_of(locked).main_text())


def test_athlete_b_never_sees_athlete_as_diary_on_the_pages(
    site: TestClient, accounts: Accounts
) -> None:
    assert log_in(site, "ann@example.org").status_code == 303
    assert log_cramp(site, "hamstring").status_code == 303
    upload = {"csrf_token": token_of(site, "/diary")}
    uploaded = site.post(
        "/diary/imports", data=upload, files={"files": ("ride.gpx", GPX)}, follow_redirects=False
    )
    assert uploaded.status_code == 303
    result_page = uploaded.headers["location"]
    assert "ride.gpx" in site.get(result_page).text
    anns_diary = site.get("/diary").text
    assert anns_diary.count(HAMSTRING) == 2 and "2026-04-02" in anns_diary  # the picker's, hers

    bob = browser(site)
    assert log_in(bob, "bob@example.org").status_code == 303
    bobs_diary = bob.get("/diary")
    assert bobs_diary.status_code == 200
    assert bobs_diary.text.count(HAMSTRING) == 1 and "2026-04-02" not in bobs_diary.text
    assert bob.get(result_page).status_code == 404  # Ann's import result is not his
    assert log_cramp(bob, "foot").status_code == 303
    assert [c.muscle for c in accounts.database.for_athlete(1).list_cramps()] == ["hamstring"]
    assert [c.muscle for c in accounts.database.for_athlete(2).list_cramps()] == ["foot"]
    assert site.get("/diary").text.count(FOOT) == 1


def test_a_coachs_account_has_no_diary_page(site: TestClient) -> None:
    assert log_in(site, "coach@example.org").status_code == 303
    response = site.get("/diary")
    assert response.status_code == 403
    assert "This account has no diary" in response.text


def test_a_form_token_is_bound_to_the_session(site: TestClient, accounts: Accounts) -> None:
    before = token_of(site, "/assess")  # a form opened before the login
    assert log_in(site, "ann@example.org").status_code == 303
    stale = {"csrf_token": before, "muscle": "calf", "severity": "6"}
    assert site.post("/diary/cramps", data=stale, follow_redirects=False).status_code == 403
    assert log_cramp(site, "calf").status_code == 303
    # Another session of the same browser's CSRF cookie: the old session's tokens fail.
    token = token_of(site, "/diary")
    site.cookies.set("crampcoach_session", accounts.issue(accounts.all()[0], "web").token)
    again = {"csrf_token": token, "muscle": "calf", "severity": "6"}
    assert site.post("/diary/cramps", data=again, follow_redirects=False).status_code == 403
    assert len(accounts.database.for_athlete(1).list_cramps()) == 1


def test_logging_out_ends_the_session(site: TestClient, accounts: Accounts) -> None:
    assert log_in(site, "ann@example.org").status_code == 303
    session = site.cookies.get("crampcoach_session")
    assert session and accounts.account_for("web", session) is not None
    form = {"csrf_token": token_of(site, "/diary")}
    response = site.post("/logout", data=form, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/")
    assert accounts.account_for("web", session) is None  # revoked in the database
    assert site.get("/diary", follow_redirects=False).status_code == 303
    replayed = browser(site)
    replayed.cookies.set("crampcoach_session", session)
    assert replayed.get("/diary", follow_redirects=False).status_code == 303


def test_without_multi_user_mode_the_diary_needs_no_login(tmp_path: Path) -> None:
    from web_support import client_for, make_coach

    with client_for(make_coach(tmp_path)) as client:
        assert client.get("/diary").status_code == 200
        assert 'href="/login"' not in client.get("/").text
        assert client.get("/login").status_code == 404
