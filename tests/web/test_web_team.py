"""The team's pages in multi-user mode, on SQLite and (marked postgres) PostgreSQL: a coach
invites on the team page and sees the month; the athlete accepts, declines and revokes on
the account page and sees the access log; an athlete exports everything and deletes the
account; every other role gets the login page or a 403 page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from accounts_support import PASSWORD
from databases import Databases
from team_support import Site, team_site


@pytest.fixture
def site(databases: Databases, tmp_path: Path) -> Iterator[Site]:
    with team_site(databases, tmp_path) as made:
        yield made


def test_a_coach_invites_on_the_team_page_and_the_athlete_answers_on_hers(site: Site) -> None:
    page = site.page("GET", "/team", "stranger")
    assert page.status_code == 200 and "No athlete has given you consent yet" in page.text
    unknown = site.page("POST", "/team/invitations", "stranger", data={"email": "x@example.org"})
    assert (unknown.status_code, unknown.headers["location"]) == (303, "/team?invited=1")
    not_one = site.page("POST", "/team/invitations", "stranger", data={"email": "x.example.org"})
    assert not_one.status_code == 422 and "is not an email address" in not_one.text
    sent = site.page("POST", "/team/invitations", "stranger", data={"email": "bob@example.org"})
    assert (sent.status_code, sent.headers["location"]) == (303, "/team?invited=1")
    assert "invited, not answered yet" in site.page("GET", "/team", "stranger").text

    bobs = site.page("GET", "/account", "bob")
    assert "stranger@example.org invites you." in bobs.text
    [link] = site.team.consents(site.account("bob"))
    assert site.page("POST", f"/account/consents/{link.id}/accept", "bob").status_code == 303
    athlete = site.page("GET", "/team/athletes/2", "stranger")
    assert athlete.status_code == 200 and "bob@example.org" in athlete.text
    assert "your sessions" in site.page("GET", "/account", "bob").text  # the access log

    assert site.page("POST", f"/account/consents/{link.id}/revoke", "bob").status_code == 303
    refused = site.page("GET", "/team/athletes/2", "stranger")
    assert refused.status_code == 403 and "has not given your account consent" in refused.text
    gone = site.page("POST", f"/account/consents/{link.id}/accept", "bob")
    assert gone.status_code == 404


def test_the_team_page_lists_the_months_cramps(site: Site) -> None:
    site.call("POST", "/cramps", "ann", json={"muscle": "calf", "severity": 6})
    page = site.page("GET", "/team", "coach")
    assert page.status_code == 200
    assert "ann@example.org" in page.text and "Calf" in page.text
    assert "former@example.org" not in page.text


@pytest.mark.parametrize(
    ("who", "path"),
    [("ann", "/team"), ("admin", "/team"), ("coach", "/account"), ("admin", "/account"),
     ("former", "/team/athletes/1"), ("stranger", "/team/athletes/1"), ("bob", "/team/athletes/1")],
)  # fmt: skip
def test_other_roles_get_a_403_page(site: Site, who: str, path: str) -> None:
    response = site.page("GET", path, who)
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert site.page("GET", path).headers["location"].startswith("/login?next=")


def test_an_athlete_exports_everything_and_deletes_the_account(site: Site) -> None:
    site.call("POST", "/cramps", "ann", json={"muscle": "calf", "severity": 6})
    site.page("GET", "/team/athletes/1", "coach")
    exported = site.page("GET", "/account/export", "ann")
    assert exported.status_code == 200
    data = json.loads(exported.text)
    assert data["account"]["email"] == "ann@example.org"
    assert [c["muscle"] for c in data["diary"]["cramps"]] == ["calf"]
    assert {c["coach_email"] for c in data["consents"]} == {"coach@example.org",
                                                             "former@example.org"}  # fmt: skip
    assert data["access_log"] and "password" not in exported.text.lower()

    wrong = site.page("POST", "/account/delete", "ann", data={"password": "not it at all"})
    assert wrong.status_code == 403 and site.accounts.store.login("ann@example.org")
    deleted = site.page("POST", "/account/delete", "ann", data={"password": PASSWORD})
    assert deleted.status_code == 200 and "Account deleted" in deleted.text
    assert site.accounts.store.login("ann@example.org") is None
    assert site.page("GET", "/diary", "ann").status_code == 303  # the session is gone
