"""An admin's side (multi-user mode): the accounts, listed and disabled. An admin reads no
diary. Every route needs an admin's account (401 without a login, 403 for another role)."""

from __future__ import annotations

from fastapi import APIRouter

from crampcoach.api.deps import AccountDep, TeamDep
from crampcoach.api.models.team import UserResult
from crampcoach.api.problems import NOT_FOUND, PROBLEM_RESPONSES, ProblemError
from crampcoach.i18n import N_
from crampcoach.message import Message
from crampcoach.server.team import require_role

router = APIRouter(prefix="/admin", tags=["admin"], responses=PROBLEM_RESPONSES)
NO_USER = N_("There is no account {user}.")


@router.get("/users", response_model=list[UserResult], summary="The accounts")
def users(account: AccountDep, team: TeamDep) -> list[UserResult]:
    """Every account, in the order they were added (no password hash)."""
    require_role(account, "admin")
    return [UserResult.model_validate(a, from_attributes=True) for a in team.accounts.all()]


@router.post("/users/{user_id}/disable", response_model=UserResult, summary="Disable an account")
def disable(user_id: int, account: AccountDep, team: TeamDep) -> UserResult:
    """The account can no longer log in; its tokens and sessions end now."""
    require_role(account, "admin")
    found = team.accounts.store.account(user_id)
    if found is None:
        raise ProblemError(NOT_FOUND, Message(NO_USER, {"user": user_id}))
    disabled = team.accounts.disable(found.email)
    return UserResult.model_validate(disabled, from_attributes=True)
