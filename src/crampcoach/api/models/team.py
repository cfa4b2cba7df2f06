"""Roles and consent over HTTP: invitations and their answers, the team view, what a coach
reads of an athlete, the access log, an account's export and deletion, the admin's list."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from crampcoach.diary.records import Cramp, Session
from crampcoach.server.accounts import EMAIL_MAX
from crampcoach.server.passwords import MAX_LENGTH


class InvitationRequest(BaseModel):
    """The athlete to invite, by the email of their account."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"email": "ann@example.org"}]}
    )

    email: str = Field(min_length=3, max_length=EMAIL_MAX)


class InvitationResult(BaseModel):
    """A coach's invitation as the coach sees it. While it is pending nothing says whether an
    athlete's account has the email: an invitation to an email without one waits for such an
    account (it becomes this athlete's invitation when the account is made). `athlete_id`
    shows once the athlete accepted."""

    email: str
    status: Literal["pending", "active", "declined", "revoked"]
    invited: datetime
    answered: datetime | None
    athlete_id: int | None


class LinkResult(BaseModel):
    """A coach's invitation to an athlete: while `status` is active the coach reads the
    athlete's diary (never changes it)."""

    id: int
    coach_email: str
    athlete_id: int
    athlete_email: str
    status: Literal["pending", "active", "declined", "revoked"]
    invited: datetime
    answered: datetime | None


class PlanUsedResult(BaseModel):
    """The plan saved for the session's sport in the day before it."""

    created: datetime
    fluid_ml_per_h: int | None
    sodium_mg_per_h: int | None


class TeamCrampResult(BaseModel):
    cramp: Cramp
    session: Session | None = Field(description="The session it came in (fluids_l, sodium_mg)")
    plan: PlanUsedResult | None


class TeamMemberResult(BaseModel):
    """One consenting athlete's month."""

    athlete_id: int
    email: str
    consent_since: datetime | None
    sessions: int = Field(description="Sessions in the month")
    cramped: bool
    cramps: list[TeamCrampResult]


class TeamResult(BaseModel):
    """Who cramped in the month, in what session, with which plan and fluid."""

    month: str = Field(examples=["2026-06"])
    athletes: list[TeamMemberResult]


class RedFlagWords(BaseModel):
    id: str
    label: str


class RedFlagReport(BaseModel):
    """A saved assessment that raised a red flag."""

    time: datetime
    triage: str = Field(description="The triage level's id")
    triage_words: str
    red_flags: list[RedFlagWords]


class AccessEntry(BaseModel):
    """A coach's reading of your data."""

    time: datetime
    coach_email: str
    what: Literal["sessions", "cramps", "patterns", "red_flags", "team"]
    what_words: str
    path: str


class DeleteRequest(BaseModel):
    """The account's password, again: deleting cannot be undone."""

    model_config = ConfigDict(
        # An example in the API docs, no one's password.
        extra="forbid",
        json_schema_extra={"examples": [{"password": "correct horse battery"}]},  # nosec B105
    )

    password: str = Field(max_length=MAX_LENGTH, json_schema_extra={"format": "password"})


class DeleteResult(BaseModel):
    deleted: bool = True


class UserResult(BaseModel):
    """An account, as the admin sees it (no password hash)."""

    id: int
    email: str
    role: Literal["athlete", "coach", "admin"]
    disabled: bool
    created: datetime
