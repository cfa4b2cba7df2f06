"""A coach's pages (multi-user mode): invite athletes, the team view of the month, and an
athlete's diary read with their consent (sessions, cramps, red flags), never changed.

Each page needs a coach's account (the login page without one, a 403 page for another
role); an athlete's page needs that athlete's active consent, and every reading is logged
for the athlete (as over the API).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter

from crampcoach.errors import InputError
from crampcoach.fact_words import number_words, sport_label
from crampcoach.team_words import STATUS_WORDS, red_flag_reports
from crampcoach.web.errors import PageRoute
from crampcoach.web.pages import FormDep, Page, PageDep, text_field
from crampcoach.web.routes.account import gate_of_page
from crampcoach.web.routes.diary import SHOWN, session_rows, when

if TYPE_CHECKING:
    from fastapi.responses import Response

    from crampcoach.server.team import Team, TeamMember

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def team_of(page: Page) -> Team:
    return gate_of_page(page).team


def member_rows(page: Page, members: list[TeamMember]) -> list[dict[str, Any]]:
    """Each athlete's month in words: each cramp, its session and that session's plan."""
    kb, t = page.coach.kb, page.t
    rows = []
    for member in members:
        cramps = []
        for item in member.cramps:
            cramp, session, plan = item.cramp, item.session, item.plan
            cramps.append(
                {
                    "when": when(cramp.time),
                    "muscle": t(kb.muscles[cramp.muscle].label),
                    "severity": cramp.severity,
                    "night": cramp.at_night,
                    "session": sport_label(session.sport, page.coach) if session else None,
                    "duration": number_words("activity.duration_s", session.duration_s, t)
                    if session
                    else None,
                    "fluids": session.fluids_l if session else None,
                    "plan_fluid": plan.fluid_ml_per_h if plan else None,
                    "plan_sodium": plan.sodium_mg_per_h if plan else None,
                }
            )
        rows.append(
            {"id": member.athlete_id, "email": member.email, "sessions": member.sessions,
             "cramps": cramps}
        )  # fmt: skip
    return rows


def team_page(page: Page, status: int = 200, error: str | None = None, email: str = "") -> Response:
    team = team_of(page)
    today = team.now().date()
    members = team.team_view(page.account, today, page.request.url.path)
    return page.render(
        "team/index.html",
        status,
        month=f"{today:%Y-%m}",
        members=member_rows(page, members),
        invitations=team.invitations(page.account),
        status_words=STATUS_WORDS,
        error=error,
        email=email,
        invited=page.request.query_params.get("invited") == "1",
    )


@router.get("/team")
def team_view(page: PageDep) -> Response:
    return team_page(page)


@router.post("/team/invitations")
def invite(page: PageDep, form: FormDep) -> Response:
    """Invite the athlete whose account has the email typed."""
    email = text_field(form, "email", 254)
    try:
        team_of(page).invite(page.account, email)
    except InputError as exc:
        return team_page(page, 422, exc.words(page.t), email)
    return page.redirect("/team?invited=1")


@router.get("/team/athletes/{athlete_id}")
def athlete(athlete_id: int, page: PageDep) -> Response:
    """An athlete's sessions, cramps and red flags, read with their consent."""
    team = team_of(page)
    path = page.request.url.path
    for what in ("sessions", "cramps", "red_flags"):
        team.read(page.account, athlete_id, what, path)
    reader = page.coach.for_athlete(athlete_id).reading_only()
    sessions, cramps = reader.sessions(), reader.cramps()
    kb = reader.kb
    email = next(
        (link.email for link in team.invitations(page.account) if link.athlete_id == athlete_id),
        "",
    )
    return page.render(
        "team/athlete.html",
        email=email,
        sessions=session_rows(page, sessions, cramps),
        cramps=[
            {
                "when": when(c.time),
                "muscle": page.t(kb.muscles[c.muscle].label),
                "severity": c.severity,
                "night": c.at_night,
            }
            for c in reversed(cramps[-SHOWN:])
        ],
        red_flags=red_flag_reports(reader.saved("assessment"), kb, page.t),
    )
