"""The authorisation matrix: every route of the site (the API and the pages), called as
anonymous, athlete A (Ann), athlete B (Bob), a coach with Ann's consent, a coach without it,
a coach after Ann revoked it, and an admin, answers exactly the status codes allowed; on
SQLite and (marked postgres) PostgreSQL.

The routes are read from the app, so a new route without a row here fails
`test_every_route_is_in_the_matrix`. Each route is tried on a site of its own (a write or
a deletion by one person does not change what the next one is answered), in the order of
ACTORS: Ann last, so that what she changes (a revocation, her deletion) comes after the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts

from accounts_support import PASSWORD
from databases import Databases
from team_support import Site, team_site

ACTORS = ("anonymous", "bob", "coach", "stranger", "former", "admin", "ann")
ATHLETES = ("ann", "bob")
COACHES = ("coach", "stranger", "former")
RIDE = {"sport": "cycling", "start": "2026-06-02T07:15:00+02:00", "duration_s": 9000}
PLAN = {"sport": "running", "duration": "2h", "temperature": "25C"}
SWEAT = {"before": "81.0kg", "after": "79.9kg", "drank": "900ml", "duration": "100min"}
EXPORT = {"format": "crampcoach-diary", "version": 1, "sessions": [], "cramps": []}
GPX = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="matrix" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><type>running</type><trkseg>
  <trkpt lat="52.0000" lon="4.0000"><time>2026-03-01T07:00:00Z</time></trkpt>
  <trkpt lat="52.0100" lon="4.0000"><time>2026-03-01T07:10:00Z</time></trkpt>
 </trkseg></trk>
</gpx>
"""
STORY = "calf cramp at km 30 of a hot marathon"
Expected = dict[str, set[int]]


def everyone(*status: int) -> Expected:
    return {actor: set(status) for actor in ACTORS}


def only(allowed: tuple[str, ...], status: set[int], others: int, anonymous: int) -> Expected:
    """`allowed` get `status`; the other logged-in accounts `others`; no login `anonymous`."""
    expected = {actor: {others} for actor in ACTORS}
    expected.update({actor: set(status) for actor in allowed})
    expected["anonymous"] = {anonymous}
    return expected


def athletes_api(*status: int) -> Expected:
    """An athlete's own diary over the API: 401 without a login, 403 for the others."""
    return only(ATHLETES, set(status), 403, 401)


def athletes_page(*status: int) -> Expected:
    """An athlete's own page: the login page (303) without one, 403 for the others."""
    return only(ATHLETES, set(status), 403, 303)


def coaches(status: int, login: int, consent_only: bool = False) -> Expected:
    """A coach's route (`consent_only`: Ann's data, for the coach she consents to)."""
    expected = only(COACHES, {status}, 403, login)
    if consent_only:
        expected["stranger"] = expected["former"] = {403}
    return expected


def admin_only(status: int) -> Expected:
    return only(("admin",), {status}, 403, 401)


def matrix(site: Site) -> dict[tuple[str, str], tuple[str, dict[str, Any], Expected]]:
    """(method, route) -> (the path asked, the request's keywords, the statuses allowed to
    each actor). Ids in paths are the site's: Ann is athlete 1; `pending` is a coach's
    invitation to Ann not answered; `active` the consenting coach's; Bob's user id."""
    pending, active = site.invitations["pending"], site.invitations["coach"]
    bob = site.account("bob").id
    login = {"username": "ann@example.org", "password": PASSWORD}
    api = "/api/v1"
    rows: dict[tuple[str, str], tuple[str, dict[str, Any], Expected]] = {
        # The documents and the knowledge: open.
        ("GET", "/openapi.json"): ("/openapi.json", {}, everyone(200)),
        ("GET", "/docs"): ("/docs", {}, everyone(200)),
        ("GET", "/docs/oauth2-redirect"): ("/docs/oauth2-redirect", {}, everyone(200)),
        ("GET", f"{api}/health"): (f"{api}/health", {}, everyone(200)),
        ("POST", f"{api}/assess"): (f"{api}/assess", {"json": {"text": STORY}}, everyone(200)),
        ("GET", f"{api}/explain/{{id}}"): (f"{api}/explain/dehydration", {}, everyone(200)),
        ("GET", f"{api}/relief/{{muscle}}"): (f"{api}/relief/calf", {}, everyone(200)),
        ("POST", f"{api}/ask"): (f"{api}/ask", {"json": {"question": "why?"}}, everyone(200)),
        # Logging in and out.
        ("POST", f"{api}/auth/token"): (f"{api}/auth/token", {"data": login}, everyone(200)),
        ("POST", f"{api}/auth/logout"): (f"{api}/auth/logout", {}, only(ACTORS, {200}, 0, 401)),
        ("GET", f"{api}/auth/me"): (f"{api}/auth/me", {}, only(ACTORS, {200}, 0, 401)),
        # An athlete's own diary.
        ("POST", f"{api}/plan"): (f"{api}/plan", {"json": PLAN}, athletes_api(200)),
        ("GET", f"{api}/forecast/report"): (f"{api}/forecast/report", {}, athletes_api(200)),
        ("GET", f"{api}/forecast/report/plot.{{fmt}}"): (
            f"{api}/forecast/report/plot.svg", {}, athletes_api(200)),
        ("POST", f"{api}/sweat-rate"): (f"{api}/sweat-rate", {"json": SWEAT}, athletes_api(200)),
        ("GET", f"{api}/profile"): (f"{api}/profile", {}, athletes_api(200)),
        ("PUT", f"{api}/profile"): (f"{api}/profile", {"json": {"age_years": 40}},
                                    athletes_api(200)),
        ("GET", f"{api}/sessions"): (f"{api}/sessions", {}, athletes_api(200)),
        ("POST", f"{api}/sessions"): (f"{api}/sessions", {"json": RIDE}, athletes_api(201)),
        ("GET", f"{api}/cramps"): (f"{api}/cramps", {}, athletes_api(200)),
        ("POST", f"{api}/cramps"): (f"{api}/cramps", {"json": {"muscle": "calf", "severity": 4}},
                                    athletes_api(201)),
        ("GET", f"{api}/patterns"): (f"{api}/patterns", {}, athletes_api(200)),
        ("GET", f"{api}/patterns/plot.{{fmt}}"): (f"{api}/patterns/plot.svg", {},
                                                  athletes_api(200)),
        ("GET", f"{api}/export"): (f"{api}/export", {}, athletes_api(200)),
        ("POST", f"{api}/restore"): (f"{api}/restore", {"json": EXPORT}, athletes_api(200)),
        ("POST", f"{api}/imports"): (f"{api}/imports",
                                     {"files": [("files", ("run.gpx", GPX))]}, athletes_api(200)),
        ("GET", f"{api}/imports/{{job_id}}"): (f"{api}/imports/nope", {}, athletes_api(404)),
        # A coach's.
        ("POST", f"{api}/team/invitations"): (
            f"{api}/team/invitations", {"json": {"email": "bob@example.org"}}, coaches(201, 401)),
        ("GET", f"{api}/team/invitations"): (f"{api}/team/invitations", {}, coaches(200, 401)),
        ("GET", f"{api}/team"): (f"{api}/team", {}, coaches(200, 401)),
        **{
            ("GET", f"{api}/team/athletes/{{athlete_id}}/{what}"): (
                f"{api}/team/athletes/1/{what}", {}, coaches(200, 401, consent_only=True))
            for what in ("sessions", "cramps", "patterns", "red-flags")
        },
        # An athlete's consents, access log and data rights.
        ("GET", f"{api}/consents"): (f"{api}/consents", {}, athletes_api(200)),
        ("POST", f"{api}/consents/{{invitation}}/accept"): (
            f"{api}/consents/{pending}/accept", {}, {**athletes_api(200), "bob": {404}}),
        ("POST", f"{api}/consents/{{invitation}}/decline"): (
            f"{api}/consents/{pending}/decline", {}, {**athletes_api(200), "bob": {404}}),
        ("POST", f"{api}/consents/{{invitation}}/revoke"): (
            f"{api}/consents/{active}/revoke", {}, {**athletes_api(200), "bob": {404}}),
        ("GET", f"{api}/access-log"): (f"{api}/access-log", {}, athletes_api(200)),
        ("GET", f"{api}/account/export"): (f"{api}/account/export", {}, athletes_api(200)),
        ("POST", f"{api}/account/delete"): (
            f"{api}/account/delete", {"json": {"password": PASSWORD}}, athletes_api(200)),
        # An admin's.
        ("GET", f"{api}/admin/users"): (f"{api}/admin/users", {}, admin_only(200)),
        ("POST", f"{api}/admin/users/{{user_id}}/disable"): (
            f"{api}/admin/users/{bob}/disable", {}, admin_only(200)),
        # The pages open to all.
        ("GET", "/"): ("/", {}, everyone(200)),
        ("GET", "/relief"): ("/relief", {}, everyone(200)),
        ("GET", "/relief/{muscle}"): ("/relief/calf", {}, everyone(200)),
        ("GET", "/assess"): ("/assess", {}, everyone(200)),
        ("POST", "/assess"): ("/assess", {"data": {"story": STORY}}, everyone(303)),
        ("GET", "/ask"): ("/ask", {}, everyone(200)),
        ("POST", "/ask"): ("/ask", {"data": {"question": "does salt help?"}}, everyone(303)),
        ("GET", "/ask/{answer_id}"): ("/ask/nope", {}, everyone(404)),
        ("GET", "/sw.js"): ("/sw.js", {}, everyone(200)),
        ("GET", "/manifest.webmanifest"): ("/manifest.webmanifest", {}, everyone(200)),
        ("GET", "/offline"): ("/offline", {}, everyone(200)),
        ("GET", "/login"): ("/login", {}, everyone(200)),
        ("POST", "/login"): ("/login", {"data": {"email": login["username"],
                                                 "password": PASSWORD}}, everyone(303)),
        ("POST", "/logout"): ("/logout", {}, everyone(303)),
        # An assessment's draft (kept by id; an id no one was given is a 404 to all); its
        # saving is an athlete's diary.
        **{
            (method, f"/assess/{{draft_id}}{tail}"): (f"/assess/nope{tail}", {}, everyone(404))
            for method, tail in [("GET", ""), ("POST", "/facts"), ("GET", "/question"),
                                 ("POST", "/answer"), ("GET", "/result"), ("POST", "/more")]
        },
        ("POST", "/assess/{draft_id}/save"): ("/assess/nope/save", {}, athletes_page(404)),
        # An athlete's own pages.
        ("GET", "/plan"): ("/plan", {}, athletes_page(200)),
        ("POST", "/plan"): ("/plan", {"data": PLAN}, athletes_page(303)),
        ("GET", "/plan/{plan_id}"): ("/plan/nope", {}, athletes_page(404)),
        ("GET", "/forecast"): ("/forecast", {}, athletes_page(200)),
        ("GET", "/sweat-rate"): ("/sweat-rate", {}, athletes_page(200)),
        ("POST", "/sweat-rate"): ("/sweat-rate", {"data": SWEAT}, athletes_page(303)),
        ("GET", "/sweat-rate/{result_id}"): ("/sweat-rate/nope", {}, athletes_page(404)),
        ("GET", "/diary"): ("/diary", {}, athletes_page(200)),
        ("POST", "/diary/cramps"): ("/diary/cramps", {"data": {"muscle": "calf",
                                                               "severity": "4"}},
                                    athletes_page(303)),
        ("POST", "/diary/imports"): ("/diary/imports",
                                     {"files": [("files", ("run.gpx", GPX))]},
                                     athletes_page(303)),
        ("GET", "/diary/imports/job/{job_id}"): ("/diary/imports/job/nope", {},
                                                 athletes_page(404)),
        ("GET", "/diary/imports/{result_id}"): ("/diary/imports/nope", {}, athletes_page(404)),
        ("GET", "/diary/patterns"): ("/diary/patterns", {}, athletes_page(200)),
        # A coach's pages.
        ("GET", "/team"): ("/team", {}, coaches(200, 303)),
        ("POST", "/team/invitations"): ("/team/invitations", {"data": {"email": "bob@example.org"}},
                                        coaches(303, 303)),
        ("GET", "/team/athletes/{athlete_id}"): ("/team/athletes/1", {},
                                                 coaches(200, 303, consent_only=True)),
        # An athlete's account page.
        ("GET", "/account"): ("/account", {}, athletes_page(200)),
        ("POST", "/account/consents/{invitation}/{answer}"): (
            f"/account/consents/{active}/revoke", {}, {**athletes_page(303), "bob": {404}}),
        ("GET", "/account/export"): ("/account/export", {}, athletes_page(200)),
        ("POST", "/account/delete"): ("/account/delete", {"data": {"password": PASSWORD}},
                                      athletes_page(200)),
    }  # fmt: skip
    for _, _, expected in rows.values():
        assert set(expected) == set(ACTORS) and all(expected.values())
        for actor, allowed in expected.items():
            allowed.discard(0)
            assert allowed, actor
    return rows


def app_routes(site: Site) -> set[tuple[str, str]]:
    """(method, path) of every route the site serves (GET for GET and HEAD)."""
    found = set()
    for route in iter_route_contexts(site.app.routes):  # type: ignore[attr-defined]
        for method in getattr(route, "methods", None) or ():
            if method != "HEAD":
                found.add((method, route.path))
    return found


ROUTES_SEEN = 84  # the size of the matrix is this times len(ACTORS)


@pytest.fixture
def site(databases: Databases, tmp_path: Path) -> Iterator[Site]:
    with team_site(databases, tmp_path) as made:
        invited = made.team.invite(made.account("stranger"), made.email("ann"))
        made.invitations["pending"] = invited.id
        yield made


def ask(site: Site, actor: str, method: str, path: str, kwargs: dict[str, Any]) -> int:
    who = None if actor == "anonymous" else actor
    if path.startswith(("/api/", "/openapi.json", "/docs")):
        headers = {"Authorization": f"Bearer {site.token(who)}"} if who else {}
        response = site.client.request(method, path, headers=headers, **kwargs)
    else:
        response = site.page(method, path, who, **kwargs)
    return int(response.status_code)


def test_every_route_is_in_the_matrix(site: Site) -> None:
    served = app_routes(site)
    rows = set(matrix(site))
    assert served - rows == set(), "routes missing from the matrix"
    assert rows - served == set(), "rows of routes the site no longer has"
    assert len(served) == ROUTES_SEEN


def route_keys() -> list[tuple[str, str]]:
    """The matrix's rows, read off a site with no database (only the routes are needed)."""
    from crampcoach.web.app import create_site

    class Bare:
        app = create_site()

    return sorted(app_routes(Bare))  # type: ignore[arg-type]


@pytest.mark.parametrize(("method", "route"), route_keys())
def test_each_actor_gets_exactly_what_is_allowed(site: Site, method: str, route: str) -> None:
    path, kwargs, expected = matrix(site)[(method, route)]
    got = {actor: ask(site, actor, method, path, kwargs) for actor in ACTORS}
    wrong = {a: (got[a], sorted(expected[a])) for a in ACTORS if got[a] not in expected[a]}
    assert wrong == {}, f"{method} {path}: (got, allowed) per actor"
