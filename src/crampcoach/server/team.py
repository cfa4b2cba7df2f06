"""Roles and consent on the multi-user server: a coach invites athletes, an athlete accepts,
declines or revokes, and while consent is active the coach reads (never changes) that
athlete's diary; every reading is logged for the athlete to see.

Consent is looked up in the database on every request, so a revocation holds from the next
one. An admin manages accounts (`Accounts`) and reads no diary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from crampcoach.diary.team import Access, Link, LinkStatus, TeamStore, Waiting
from crampcoach.server.accounts import valid_email
from crampcoach.server.errors import (
    ONLY_ADMINS,
    ONLY_ATHLETES,
    ONLY_COACHES,
    LoginRequiredError,
    NoConsentError,
    NoInvitationError,
    WrongRoleError,
)

if TYPE_CHECKING:
    from crampcoach.diary.accounts import Account, Role
    from crampcoach.diary.records import Cramp, Saved, Session
    from crampcoach.server.accounts import Accounts

ONLY = {"athlete": ONLY_ATHLETES, "coach": ONLY_COACHES, "admin": ONLY_ADMINS}
# What a coach read, as the access log keeps it (the faces word each).
READS = ("sessions", "cramps", "patterns", "red_flags", "team")
PLAN_BEFORE = timedelta(hours=24)  # a plan saved this long before a session is its plan


def require_role(account: Account | None, role: Role) -> Account:
    """The account, when it has `role`: LoginRequiredError without one, WrongRoleError for
    another role."""
    if account is None:
        raise LoginRequiredError()
    if account.role != role:
        raise WrongRoleError(ONLY[role])
    return account


@dataclass(frozen=True)
class PlanUsed:
    """The plan saved for a session: when, and its fluid and sodium per hour."""

    created: datetime
    fluid_ml_per_h: int | None
    sodium_mg_per_h: int | None


@dataclass(frozen=True)
class Invitation:
    """A coach's invitation as the coach sees it: the email invited and where it stands.

    While it is pending nothing says whether an account has the email (an invitation to an
    email without one waits for it, and looks the same); the athlete's id shows once they
    accepted."""

    email: str
    status: LinkStatus
    invited: datetime
    answered: datetime | None = None
    athlete_id: int | None = None

    @classmethod
    def of(cls, found: Link | Waiting) -> Invitation:
        if isinstance(found, Waiting):
            return cls(found.email, "pending", found.invited)
        shown = found.athlete_id if found.status == "active" else None
        return cls(found.athlete_email, found.status, found.invited, found.answered, shown)


@dataclass(frozen=True)
class TeamCramp:
    """A cramp of the month, the session it came in and that session's plan, if known."""

    cramp: Cramp
    session: Session | None
    plan: PlanUsed | None


@dataclass(frozen=True)
class TeamMember:
    """One consenting athlete in a month: how many sessions, and each cramp."""

    athlete_id: int
    email: str
    since: datetime | None
    sessions: int
    cramps: list[TeamCramp]


def month_span(month: date) -> tuple[datetime, datetime]:
    """The first instant of `month` (UTC) and of the month after."""
    start = datetime(month.year, month.month, 1, tzinfo=UTC)
    after = datetime(month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=UTC)
    return start, after


def plan_for(session: Session, plans: Iterable[Saved]) -> PlanUsed | None:
    """The latest plan saved for the session's sport in the day before it started."""
    chosen = None
    for saved in plans:
        payload: dict[str, Any] = saved.payload
        sport = (payload.get("session") or {}).get("sport")
        if sport == session.sport and session.start - PLAN_BEFORE <= saved.created <= session.start:
            chosen = saved
    if chosen is None:
        return None
    return PlanUsed(
        chosen.created, chosen.payload.get("fluid_ml_per_h"), chosen.payload.get("sodium_mg_per_h")
    )


def member(
    link: Link, sessions: list[Session], cramps: list[Cramp], plans: list[Saved], month: date
) -> TeamMember:
    """A consenting athlete's month, from their records."""
    start, after = month_span(month)
    by_id = {s.id: s for s in sessions}
    shown = []
    for cramp in cramps:
        if not start <= cramp.time < after:
            continue
        session = by_id.get(cramp.session_id) if cramp.session_id is not None else None
        shown.append(TeamCramp(cramp, session, plan_for(session, plans) if session else None))
    count = sum(start <= s.start < after for s in sessions)
    return TeamMember(link.athlete_id, link.athlete_email, link.answered, count, shown)


class Team:
    """The invitations, consents and access log of one server's accounts."""

    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts
        self.store = TeamStore(accounts.database)

    def now(self) -> datetime:
        return self.accounts.clock()

    # --- a coach -----------------------------------------------------------------------

    def invite(self, coach: Account | None, email: str) -> Link | Waiting:
        """The coach's invitation to the athlete whose account has `email`, or, when no
        athlete's account has it (none, a disabled one, a coach's), an invitation that waits
        for an athlete's account with it; AccountError for what is not an email address.
        `Invitation.of` the answer tells the coach nothing of which it was."""
        coach = require_role(coach, "coach")
        key = valid_email(email)
        found = self.accounts.store.login(key)
        athlete = found.account if found is not None else None
        if athlete is None or athlete.athlete_id is None or athlete.disabled:
            return self.store.wait(coach.id, key, self.now())
        return self.store.invite(coach.id, athlete.athlete_id, self.now())

    def invitations(self, coach: Account | None) -> list[Invitation]:
        """The coach's invitations, whatever their state (those waiting for an account
        among the pending ones), oldest first."""
        coach = require_role(coach, "coach")
        found: list[Link | Waiting] = [
            *self.store.links_of_coach(coach.id),
            *self.store.waiting_of_coach(coach.id),
        ]
        return sorted((Invitation.of(x) for x in found), key=lambda x: (x.invited, x.email))

    def read(self, coach: Account | None, athlete_id: int, what: str, path: str) -> None:
        """Before a coach reads an athlete's data: NoConsentError unless the athlete's
        consent is active now; the reading is logged in the athlete's access log."""
        coach = require_role(coach, "coach")
        if not self.store.consented(coach.id, athlete_id):
            raise NoConsentError()
        self.store.log_access([athlete_id], coach.id, coach.email, what, path, self.now())

    def members(self, coach: Account | None, path: str) -> list[Link]:
        """The athletes whose consent to the coach is active (the reading is logged in
        each one's access log)."""
        coach = require_role(coach, "coach")
        links = self.store.links_of_coach(coach.id, "active")
        ids = [link.athlete_id for link in links]
        self.store.log_access(ids, coach.id, coach.email, "team", path, self.now())
        return links

    def team_view(self, coach: Account | None, month: date, path: str) -> list[TeamMember]:
        """Each consenting athlete's `month`: sessions, and each cramp with its session and
        that session's plan."""
        database = self.accounts.database
        view = []
        for link in self.members(coach, path):
            diary = database.for_athlete(link.athlete_id)  # read only: lists, nothing else
            sessions, cramps = diary.list_sessions(), diary.list_cramps()
            view.append(member(link, sessions, cramps, diary.list_saved("plan"), month))
        return view

    # --- an athlete --------------------------------------------------------------------

    def consents(self, athlete: Account | None) -> list[Link]:
        """Every coach's invitation to the athlete, whatever its state."""
        athlete = require_role(athlete, "athlete")
        assert athlete.athlete_id is not None
        return self.store.links_of_athlete(athlete.athlete_id)

    def accept(self, athlete: Account | None, link_id: int) -> Link:
        """Consent given: the coach reads the athlete's diary from now on."""
        return self._answer(athlete, link_id, "active", ("pending",))

    def decline(self, athlete: Account | None, link_id: int) -> Link:
        return self._answer(athlete, link_id, "declined", ("pending",))

    def revoke(self, athlete: Account | None, link_id: int) -> Link:
        """Consent ended (or an invitation refused): the coach's next request is refused."""
        return self._answer(athlete, link_id, "revoked", ("pending", "active"))

    def _answer(
        self,
        athlete: Account | None,
        link_id: int,
        status: LinkStatus,
        from_states: tuple[LinkStatus, ...],
    ) -> Link:
        athlete = require_role(athlete, "athlete")
        assert athlete.athlete_id is not None
        link = self.store.answer(link_id, athlete.athlete_id, status, from_states, self.now())
        if link is None:
            raise NoInvitationError(link_id)
        return link

    def access_log(self, athlete: Account | None) -> list[Access]:
        """What coaches read of the athlete's data, newest first."""
        athlete = require_role(athlete, "athlete")
        assert athlete.athlete_id is not None
        return self.store.access_log(athlete.athlete_id)
