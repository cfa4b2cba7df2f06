"""Roles and consent over the API, on SQLite and (marked postgres) PostgreSQL: a coach
invites, the athlete accepts, declines or revokes (effective on the next request); with
consent the coach reads the athlete's sessions, cramps, patterns and red flags and never
writes; the team view; every reading is in the athlete's access log; an admin manages
accounts and reads no diary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from api_support import assert_problem

from accounts_support import PASSWORD
from databases import Databases
from team_support import Site, team_site

READS = ("sessions", "cramps", "patterns", "red-flags")


@pytest.fixture
def site(databases: Databases, tmp_path: Path) -> Iterator[Site]:
    with team_site(databases, tmp_path) as made:
        yield made


def fill_anns_diary(site: Site) -> dict[str, Any]:
    """A hot ride with a calf cramp in it and a plan saved for it, a night cramp, and a
    saved assessment that raised a red flag."""
    now = site.clock.now
    month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    start = month + min(timedelta(hours=7), (now - month) / 2)  # this month, in the past
    plan = site.call("POST", "/plan", "ann", json={"sport": "cycling", "duration": "2h",
                                                   "temperature": "30C"})  # fmt: skip
    assert plan.status_code == 200, plan.text
    made = plan.json()
    payload = {"session": {"sport": made["session"]["sport"]}, "fluid_ml_per_h":
               made["fluid_ml_per_h"], "sodium_mg_per_h": made["sodium_mg_per_h"]}  # fmt: skip
    site.accounts.database.for_athlete(1).save_plan(payload, start - timedelta(hours=2))
    ride = site.call(
        "POST",
        "/sessions",
        "ann",
        json={"sport": "cycling", "start": start.isoformat(), "duration_s": 7200, "fluids_l": 1.2},
    ).json()
    cramp = site.call(
        "POST", "/cramps", "ann", json={"muscle": "calf", "severity": 6, "session": ride["id"]}
    ).json()
    night = (start + timedelta(hours=15)).isoformat()
    site.call("POST", "/cramps", "ann", json={"muscle": "foot", "severity": 2, "time": night})
    story = "My calf cramped and now my urine is dark brown like cola and my legs are weak."
    assessed = site.call("POST", "/assess", "ann", json={"text": story, "save": True}).json()
    assert assessed["red_flags"], assessed
    return {"ride": ride, "cramp": cramp}


def test_a_coach_with_consent_reads_and_never_writes(site: Site) -> None:
    anns = fill_anns_diary(site)
    sessions = site.call("GET", "/team/athletes/1/sessions", "coach")
    assert [s["id"] for s in sessions.json()] == [anns["ride"]["id"]]
    cramps = site.call("GET", "/team/athletes/1/cramps", "coach").json()
    assert [c["muscle"] for c in cramps] == ["calf", "foot"]
    assert site.call("GET", "/team/athletes/1/patterns", "coach").json()["sessions"] == 1
    [flagged] = site.call("GET", "/team/athletes/1/red-flags", "coach").json()
    assert flagged["red_flags"] and all(f["label"] for f in flagged["red_flags"])
    assert flagged["triage_words"]

    # Writing stays refused: her diary's own routes are an athlete's.
    for method, path, body in [
        ("POST", "/sessions", {"sport": "running", "start": "2026-01-01T07:00:00Z",
                               "duration_s": 60}),
        ("POST", "/cramps", {"muscle": "calf", "severity": 3}),
        ("PUT", "/profile", {"age_years": 3}),
    ]:  # fmt: skip
        assert_problem(site.call(method, path, "coach", json=body), 403)
    assert len(site.accounts.database.for_athlete(1).list_sessions()) == 1


@pytest.mark.parametrize("who", ["stranger", "former", "admin", "bob", "ann"])
@pytest.mark.parametrize("what", READS)
def test_no_one_else_reads_an_athlete(site: Site, who: str, what: str) -> None:
    fill_anns_diary(site)
    response = site.call("GET", f"/team/athletes/1/{what}", who)
    body = assert_problem(response, 403)
    kind = "no-consent" if who in ("stranger", "former") else "wrong-role"
    assert body["type"] == f"urn:crampcoach:problem:{kind}"
    assert "calf" not in response.text
    assert_problem(site.call("GET", f"/team/athletes/1/{what}"), 401)


def test_an_athlete_that_does_not_exist_looks_like_no_consent(site: Site) -> None:
    for athlete in (2, 999):
        body = assert_problem(site.call("GET", f"/team/athletes/{athlete}/cramps", "coach"), 403)
        assert body["type"] == "urn:crampcoach:problem:no-consent"


def invitation_id(site: Site, athlete: str, coach: str) -> int:
    """The id of `coach`'s invitation to `athlete`, as the athlete sees it."""
    [found] = [
        x
        for x in site.call("GET", "/consents", athlete).json()
        if x["coach_email"] == f"{coach}@example.org"
    ]
    return int(found["id"])


def test_invite_accept_and_revoke_hold_from_the_next_request(site: Site) -> None:
    invited = site.call("POST", "/team/invitations", "stranger", json={"email": "BOB@example.org"})
    assert invited.status_code == 201, invited.text
    sent = invited.json()
    assert (sent["email"], sent["status"], sent["answered"], sent["athlete_id"]) == (
        "bob@example.org",
        "pending",
        None,
        None,
    )
    # Pending is not consent.
    assert_problem(site.call("GET", "/team/athletes/2/sessions", "stranger"), 403)
    link = {"id": invitation_id(site, "bob", "stranger")}
    [seen] = [x for x in site.call("GET", "/consents", "bob").json() if x["id"] == link["id"]]
    assert (seen["coach_email"], seen["status"]) == ("stranger@example.org", "pending")
    # Ann cannot answer Bob's invitation; nor a coach.
    assert_problem(site.call("POST", f"/consents/{link['id']}/accept", "ann"), 404)
    assert_problem(site.call("POST", f"/consents/{link['id']}/accept", "stranger"), 403)

    accepted = site.call("POST", f"/consents/{link['id']}/accept", "bob").json()
    assert accepted["status"] == "active" and accepted["answered"]
    assert site.call("GET", "/team/athletes/2/sessions", "stranger").json() == []
    assert_problem(site.call("POST", f"/consents/{link['id']}/accept", "bob"), 404)  # done
    mine = site.call("GET", "/team/invitations", "stranger").json()
    assert [(x["email"], x["status"], x["athlete_id"]) for x in mine] == [
        ("bob@example.org", "active", 2)  # the athlete's id shows once they accepted
    ]

    assert site.call("POST", f"/consents/{link['id']}/revoke", "bob").json()["status"] == "revoked"
    body = assert_problem(site.call("GET", "/team/athletes/2/sessions", "stranger"), 403)
    assert body["type"] == "urn:crampcoach:problem:no-consent"
    assert [a["email"] for a in site.call("GET", "/team", "stranger").json()["athletes"]] == []

    # Asked again, declined.
    again = site.call("POST", "/team/invitations", "stranger", json={"email": "bob@example.org"})
    assert again.json()["status"] == "pending"
    assert invitation_id(site, "bob", "stranger") == link["id"]
    declined = site.call("POST", f"/consents/{link['id']}/decline", "bob").json()
    assert declined["status"] == "declined"
    assert_problem(site.call("GET", "/team/athletes/2/cramps", "stranger"), 403)
    mine = site.call("GET", "/team/invitations", "stranger").json()
    assert [(x["email"], x["status"]) for x in mine] == [("bob@example.org", "declined")]


@pytest.mark.parametrize("email", ["nobody@example.org", "coach@example.org", "ann@example.org"])
def test_an_invitation_answers_the_same_whether_an_athletes_account_has_the_email(
    site: Site, email: str
) -> None:
    """No account, a coach's, an athlete's: the same status, the same fields, the same list."""
    response = site.call("POST", "/team/invitations", "stranger", json={"email": email})
    assert response.status_code == 201, response.text
    body = response.json()
    del body["invited"]
    assert body == {"email": email, "status": "pending", "answered": None, "athlete_id": None}
    [listed] = site.call("GET", "/team/invitations", "stranger").json()
    del listed["invited"]
    assert listed == body


def test_an_invitation_waits_for_the_athletes_account(site: Site) -> None:
    site.call("POST", "/team/invitations", "stranger", json={"email": "Dee@example.org"})
    site.call("POST", "/team/invitations", "coach", json={"email": "dee@example.org"})
    dee = site.accounts.add("dee@example.org", "athlete", PASSWORD)
    assert dee.athlete_id is not None
    site._tokens["dee"] = site.accounts.issue(dee, "api").token
    site.call("POST", f"/consents/{invitation_id(site, 'dee', 'stranger')}/accept", "dee")
    assert site.call("GET", f"/team/athletes/{dee.athlete_id}/cramps", "stranger").json() == []
    # The other coach's waits for Dee's answer.
    assert_problem(site.call("GET", f"/team/athletes/{dee.athlete_id}/cramps", "coach"), 403)
    statuses = {x["coach_email"]: x["status"] for x in site.call("GET", "/consents", "dee").json()}
    assert statuses == {"stranger@example.org": "active", "coach@example.org": "pending"}


@pytest.mark.parametrize("email", ["not an email", "two@at@example.org"])
def test_only_an_email_address_can_be_invited(site: Site, email: str) -> None:
    response = site.call("POST", "/team/invitations", "coach", json={"email": email})
    assert_problem(response, 422, "email")
    assert_problem(site.call("POST", "/team/invitations", "ann", json={"email": email}), 403)


def test_the_team_view_says_who_cramped_this_month_in_what_with_which_plan(site: Site) -> None:
    anns = fill_anns_diary(site)
    site.call("POST", "/team/invitations", "coach", json={"email": "bob@example.org"})
    site.call("POST", f"/consents/{invitation_id(site, 'bob', 'coach')}/accept", "bob")
    last_month = (site.clock.now.replace(day=1) - timedelta(days=3)).isoformat()
    site.call("POST", "/cramps", "bob", json={"muscle": "calf", "severity": 2, "time": last_month})

    view = site.call("GET", "/team", "coach").json()
    assert view["month"] == f"{site.clock.now:%Y-%m}"
    ann, bob = view["athletes"]
    assert (ann["email"], ann["cramped"], ann["sessions"]) == ("ann@example.org", True, 1)
    assert (bob["email"], bob["cramped"], bob["cramps"]) == ("bob@example.org", False, [])
    in_ride, at_night = ann["cramps"]
    assert in_ride["cramp"]["id"] == anns["cramp"]["id"]
    assert in_ride["session"]["sport"] == "cycling" and in_ride["session"]["fluids_l"] == 1.2
    assert in_ride["plan"]["fluid_ml_per_h"] > 0  # the plan saved before the ride
    assert at_night["session"] is None and at_night["plan"] is None
    earlier = site.call("GET", f"/team?month={last_month[:7]}", "coach").json()
    assert [a["cramped"] for a in earlier["athletes"]] == [False, True]
    assert_problem(site.call("GET", "/team?month=2026-13", "coach"), 422, "month")
    assert_problem(site.call("GET", "/team", "ann"), 403)


def test_every_reading_is_in_the_athletes_access_log(site: Site) -> None:
    fill_anns_diary(site)
    assert site.call("GET", "/access-log", "ann").json() == []
    for what in READS:
        site.call("GET", f"/team/athletes/1/{what}", "coach")
    site.call("GET", "/team", "coach")
    site.call("GET", "/team/athletes/1/cramps", "former")  # refused: not logged
    log = site.call("GET", "/access-log", "ann").json()
    assert [e["what"] for e in log] == ["team", "red_flags", "patterns", "cramps", "sessions"]
    assert {e["coach_email"] for e in log} == {"coach@example.org"}
    assert log[-1]["path"] == "/api/v1/team/athletes/1/sessions"
    assert log[0]["what_words"] == "the team view: your cramps of the month"
    assert site.call("GET", "/access-log", "bob").json() == []
    assert_problem(site.call("GET", "/access-log", "coach"), 403)
    chinese = site.call("GET", "/access-log", "ann", headers={"Accept-Language": "zh-Hans"})
    assert chinese.json()[0]["what_words"] != log[0]["what_words"]


def test_an_admin_manages_accounts_and_reads_no_diary(site: Site) -> None:
    fill_anns_diary(site)
    users = site.call("GET", "/admin/users", "admin").json()
    assert [u["email"] for u in users][:2] == ["ann@example.org", "bob@example.org"]
    assert all("password" not in str(u) for u in users)
    bob_id = users[1]["id"]
    bob_token = site.token("bob")
    disabled = site.call("POST", f"/admin/users/{bob_id}/disable", "admin").json()
    assert disabled["disabled"] is True
    assert_problem(
        site.call("GET", "/sessions", headers={"Authorization": f"Bearer {bob_token}"}), 401
    )
    assert_problem(site.call("POST", "/admin/users/999/disable", "admin"), 404)
    for path in ("/sessions", "/cramps", "/team/athletes/1/cramps", "/team", "/access-log"):
        assert_problem(site.call("GET", path, "admin"), 403)
    for who in ("ann", "coach"):
        assert_problem(site.call("GET", "/admin/users", who), 403)
    assert datetime.now(UTC)  # the clock is the site's
