"""An athlete's data rights: everything of theirs as one JSON document, and their account
deleted with everything in it.

The export holds the account (no password hash), the whole diary (`DiaryExport`: it can be
restored into a new diary), every coach's invitation and its answer, and the access log.
Deleting needs the account's password again; it removes the athlete, and with them (the
database's foreign keys) every row of theirs, then their failed logins.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from crampcoach.diary.records import DiaryExport
from crampcoach.server.accounts import failure_key
from crampcoach.server.errors import WrongPasswordError
from crampcoach.server.passwords import MAX_LENGTH
from crampcoach.server.team import require_role

if TYPE_CHECKING:
    from crampcoach.diary.accounts import Account
    from crampcoach.server.team import Team


class AccountData(BaseModel):
    email: str
    role: Literal["athlete", "coach", "admin"]
    created: datetime


class ConsentData(BaseModel):
    """A coach's invitation to the athlete and where it stands."""

    coach_email: str
    status: Literal["pending", "active", "declined", "revoked"]
    invited: datetime
    answered: datetime | None


class AccessData(BaseModel):
    """A coach's reading of the athlete's data."""

    time: datetime
    coach_email: str
    what: str = Field(description="sessions, cramps, patterns, red_flags or team")
    path: str


class AccountExport(BaseModel):
    """Everything the server keeps of an athlete."""

    format: Literal["crampcoach-account"] = "crampcoach-account"
    version: Literal[1] = 1
    exported: datetime
    account: AccountData
    diary: DiaryExport
    consents: list[ConsentData]
    access_log: list[AccessData]


def export_account(team: Team, account: Account | None) -> AccountExport:
    """Everything of the athlete's account."""
    athlete = require_role(account, "athlete")
    assert athlete.athlete_id is not None
    now = team.now()
    diary = team.accounts.database.for_athlete(athlete.athlete_id)
    return AccountExport(
        exported=now,
        account=AccountData(email=athlete.email, role=athlete.role, created=athlete.created),
        diary=diary.export_all(now),
        consents=[
            ConsentData(
                coach_email=link.coach_email,
                status=link.status,
                invited=link.invited,
                answered=link.answered,
            )
            for link in team.consents(athlete)
        ],
        access_log=[
            AccessData(time=a.time, coach_email=a.coach_email, what=a.what, path=a.path)
            for a in team.access_log(athlete)
        ],
    )


def delete_account(team: Team, account: Account | None, password: str) -> None:
    """The athlete's account and everything in it, gone (WrongPasswordError unless
    `password` is the account's)."""
    athlete = require_role(account, "athlete")
    accounts = team.accounts
    found = accounts.store.login(athlete.email)
    if found is None or not accounts.passwords.verify(
        found.password_hash, password[: MAX_LENGTH + 1]
    ):
        raise WrongPasswordError()
    accounts.store.delete_user(athlete.id, [failure_key(athlete.email)])
