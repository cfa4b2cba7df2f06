"""A coach's side of the team (multi-user mode): invite athletes, the team view, and what a
coach reads, read only, of an athlete who consented: sessions, cramps, patterns, red flags.

Every route needs a coach's account (401 without a login, 403 for another role); an
athlete's data is given only while that athlete's consent is active (403 otherwise, the
same for an athlete that does not exist), and each reading is logged for the athlete.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from crampcoach.api.deps import AccountDep, CoachDep, TeamDep
from crampcoach.api.models.diary import PatternsResult
from crampcoach.api.models.team import (
    InvitationRequest,
    InvitationResult,
    RedFlagReport,
    TeamResult,
)
from crampcoach.api.problems import INVALID_INPUT, PROBLEM_RESPONSES, ProblemError
from crampcoach.api.routes.diary import TzQuery, time_zone
from crampcoach.coach import Coach
from crampcoach.diary.accounts import Account
from crampcoach.diary.records import Cramp, Session
from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.message import Message
from crampcoach.server.team import Invitation, Team, TeamMember
from crampcoach.team_words import red_flag_reports

router = APIRouter(prefix="/team", tags=["team"], responses=PROBLEM_RESPONSES)
NOT_A_MONTH = N_("{value!r} is not a month like 2026-06")
MonthQuery = Annotated[
    str | None,
    Query(
        pattern=r"^\d{4}-\d{2}$",
        description="The month, YYYY-MM (default: this month, UTC)",
        examples=["2026-06"],
    ),
]


def invitation_result(invitation: Invitation) -> InvitationResult:
    return InvitationResult.model_validate(invitation, from_attributes=True)


@router.post(
    "/invitations",
    response_model=InvitationResult,
    status_code=201,
    summary="Invite an athlete",
)
def invite(body: InvitationRequest, account: AccountDep, team: TeamDep) -> InvitationResult:
    """Invite the athlete whose account has `email`: the invitation is pending until the
    athlete accepts (`POST /consents/{id}/accept`) or declines it. Inviting again after a
    decline or a revocation asks again. The answer is the same whether an athlete's account
    has the email or not (so it tells no one which accounts exist): an invitation to an email
    without one waits, and becomes that athlete's when their account is made. Only what is
    not an email address is a 422."""
    try:
        return invitation_result(Invitation.of(team.invite(account, body.email)))
    except InputError as exc:
        raise ProblemError.of(exc, "email") from exc


@router.get("/invitations", response_model=list[InvitationResult], summary="Your invitations")
def invitations(account: AccountDep, team: TeamDep) -> list[InvitationResult]:
    """Every invitation of this coach and where it stands, oldest first."""
    return [invitation_result(invitation) for invitation in team.invitations(account)]


def month_of(value: str | None, today: date) -> date:
    if value is None:
        return today.replace(day=1)
    try:
        return date(int(value[:4]), int(value[5:7]), 1)
    except ValueError as exc:
        message = Message(NOT_A_MONTH, {"value": value})
        raise ProblemError(INVALID_INPUT, message, [("month", message)]) from exc


@router.get("", response_model=TeamResult, summary="The team view")
def team_view(
    request: Request, account: AccountDep, team: TeamDep, month: MonthQuery = None
) -> TeamResult:
    """Each athlete whose consent is active: their sessions in the month, whether they
    cramped, and each cramp with the session it came in (its fluid and sodium) and the plan
    saved for it, if any. Logged in each athlete's access log."""
    chosen = month_of(month, team.now().date())
    members = team.team_view(account, chosen, request.url.path)
    return TeamResult(month=f"{chosen:%Y-%m}", athletes=[member_result(m) for m in members])


def member_result(member: TeamMember) -> dict[str, object]:
    return {
        "athlete_id": member.athlete_id,
        "email": member.email,
        "consent_since": member.since,
        "sessions": member.sessions,
        "cramped": bool(member.cramps),
        "cramps": [
            {
                "cramp": c.cramp,
                "session": c.session,
                "plan": c.plan.__dict__ if c.plan is not None else None,
            }
            for c in member.cramps
        ],
    }


async def athlete_coach(
    request: Request, athlete_id: int, what: str, account: Account | None, team: Team, coach: Coach
) -> Coach:
    """The Coach on the athlete's diary, read only, once the coach's consent is checked and
    the reading logged."""
    await run_in_threadpool(team.read, account, athlete_id, what, request.url.path)
    return coach.for_athlete(athlete_id).reading_only()


@router.get(
    "/athletes/{athlete_id}/sessions",
    response_model=list[Session],
    summary="An athlete's sessions",
)
async def athlete_sessions(
    request: Request, athlete_id: int, account: AccountDep, team: TeamDep, coach: CoachDep
) -> list[Session]:
    """The sessions of an athlete who consented, oldest first."""
    reader = await athlete_coach(request, athlete_id, "sessions", account, team, coach)
    return await run_in_threadpool(reader.sessions)


@router.get(
    "/athletes/{athlete_id}/cramps", response_model=list[Cramp], summary="An athlete's cramps"
)
async def athlete_cramps(
    request: Request, athlete_id: int, account: AccountDep, team: TeamDep, coach: CoachDep
) -> list[Cramp]:
    """The cramps of an athlete who consented, oldest first."""
    reader = await athlete_coach(request, athlete_id, "cramps", account, team, coach)
    return await run_in_threadpool(reader.cramps)


@router.get(
    "/athletes/{athlete_id}/patterns",
    response_model=PatternsResult,
    summary="An athlete's cramp patterns",
)
async def athlete_patterns(
    request: Request,
    athlete_id: int,
    account: AccountDep,
    team: TeamDep,
    coach: CoachDep,
    tz: TzQuery = None,
) -> PatternsResult:
    """The cramp patterns of an athlete who consented (as their own `/patterns`)."""
    from crampcoach.pattern_words import pattern_report_data

    zone = time_zone(tz)
    reader = await athlete_coach(request, athlete_id, "patterns", account, team, coach)
    report = await run_in_threadpool(lambda: reader.patterns(tz=zone))
    return PatternsResult.model_validate(pattern_report_data(report, reader.text))


@router.get(
    "/athletes/{athlete_id}/red-flags",
    response_model=list[RedFlagReport],
    summary="An athlete's red flags",
)
async def athlete_red_flags(
    request: Request, athlete_id: int, account: AccountDep, team: TeamDep, coach: CoachDep
) -> list[RedFlagReport]:
    """The saved assessments of an athlete who consented that raised a red flag, newest
    first: when, the triage level and each red flag."""
    reader = await athlete_coach(request, athlete_id, "red_flags", account, team, coach)
    saved = await run_in_threadpool(reader.saved, "assessment")
    return [
        RedFlagReport.model_validate(r) for r in red_flag_reports(saved, reader.kb, reader.text)
    ]
