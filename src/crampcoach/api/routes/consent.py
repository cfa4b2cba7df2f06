"""An athlete's side of the team (multi-user mode): the coaches' invitations and the
athlete's answers, the access log, and the athlete's data rights (export everything, delete
the account).

Every route needs an athlete's account (401 without a login, 403 for a coach or an admin).
A revocation holds from the coach's next request.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from crampcoach.api.deps import AccountDep, CoachDep, TeamDep
from crampcoach.api.models.team import AccessEntry, DeleteRequest, DeleteResult, LinkResult
from crampcoach.api.problems import PROBLEM_RESPONSES
from crampcoach.server.rights import AccountExport, delete_account, export_account
from crampcoach.team_words import READ_WORDS


def link_result(link: object) -> LinkResult:
    return LinkResult.model_validate(link, from_attributes=True)


router = APIRouter(tags=["consent"], responses=PROBLEM_RESPONSES)


@router.get("/consents", response_model=list[LinkResult], summary="Coaches' invitations")
def consents(account: AccountDep, team: TeamDep) -> list[LinkResult]:
    """Every coach's invitation to you and where it stands: pending, active (the coach
    reads your diary), declined or revoked."""
    return [link_result(link) for link in team.consents(account)]


@router.post("/consents/{invitation}/accept", response_model=LinkResult, summary="Accept")
def accept(invitation: int, account: AccountDep, team: TeamDep) -> LinkResult:
    """Give the coach consent: from now on they read (never change) your sessions, cramps,
    patterns and red flags, and each reading is in your access log."""
    return link_result(team.accept(account, invitation))


@router.post("/consents/{invitation}/decline", response_model=LinkResult, summary="Decline")
def decline(invitation: int, account: AccountDep, team: TeamDep) -> LinkResult:
    """Decline a pending invitation."""
    return link_result(team.decline(account, invitation))


@router.post("/consents/{invitation}/revoke", response_model=LinkResult, summary="Revoke")
def revoke(invitation: int, account: AccountDep, team: TeamDep) -> LinkResult:
    """End a consent (or a pending invitation): the coach's next request is refused."""
    return link_result(team.revoke(account, invitation))


@router.get("/access-log", response_model=list[AccessEntry], summary="Who read your data")
def access_log(account: AccountDep, team: TeamDep, coach: CoachDep) -> list[AccessEntry]:
    """Every reading of your data by a coach, newest first."""
    return [
        AccessEntry(
            time=a.time,
            coach_email=a.coach_email,
            what=a.what,  # type: ignore[arg-type]  # one of server.team.READS
            what_words=coach.text(READ_WORDS.get(a.what, a.what)),
            path=a.path,
        )
        for a in team.access_log(account)
    ]


@router.get("/account/export", response_model=AccountExport, summary="Export everything")
def export(account: AccountDep, team: TeamDep) -> Response:
    """Everything the server keeps of you, as one JSON document: the account (no password
    hash), the whole diary (its `diary` part restores with `POST /restore`), the coaches'
    invitations and your answers, and the access log."""
    data = export_account(team, account)
    headers = {"Content-Disposition": 'attachment; filename="crampcoach-account.json"'}
    return Response(
        data.model_dump_json(indent=2) + "\n", media_type="application/json", headers=headers
    )


@router.post("/account/delete", response_model=DeleteResult, summary="Delete your account")
async def delete(body: DeleteRequest, account: AccountDep, team: TeamDep) -> DeleteResult:
    """Delete your account with everything in it: the diary, the profile, saved results,
    consents, the access log, tokens and sessions. It cannot be undone: the password is
    asked again (403 when it is wrong, and nothing is deleted)."""
    await run_in_threadpool(delete_account, team, account, body.password)
    return DeleteResult()
