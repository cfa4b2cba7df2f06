"""Coaches and athletes, as the database keeps them: a coach's invitations and the athletes'
answers (`coach_links`), and the log of what a coach read of an athlete's data
(`access_log`).

`TeamStore` is storage only: who may invite, answer or read is decided by
`crampcoach.server.team`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased, sessionmaker

from crampcoach.diary.database import DiaryDatabase
from crampcoach.diary.models import AccessLogRow, CoachLinkRow, UserRow, WaitingInvitationRow

LinkStatus = Literal["pending", "active", "declined", "revoked"]


@dataclass(frozen=True)
class Link:
    """A coach's invitation to an athlete and where it stands, with both accounts' emails."""

    id: int
    coach_id: int
    coach_email: str
    athlete_id: int
    athlete_email: str
    status: LinkStatus
    invited: datetime
    answered: datetime | None


@dataclass(frozen=True)
class Waiting:
    """A coach's invitation to an email no athlete's account has (yet)."""

    coach_id: int
    email: str
    invited: datetime


@dataclass(frozen=True)
class Access:
    """One reading of an athlete's data by a coach."""

    time: datetime
    coach_email: str
    what: str
    path: str


class TeamStore:
    """The coach links and the access log of one database."""

    def __init__(self, database: DiaryDatabase) -> None:
        self.database = database
        self._sessions: sessionmaker[Session] = sessionmaker(
            database.engine, expire_on_commit=False
        )

    # --- links -------------------------------------------------------------------------

    def _links(self, db: Session, *where: object) -> list[Link]:
        coach, athlete = aliased(UserRow), aliased(UserRow)
        query = (
            select(CoachLinkRow, coach.email, athlete.email)
            .join(coach, coach.id == CoachLinkRow.coach_id)
            .join(athlete, athlete.athlete_id == CoachLinkRow.athlete_id)
            .where(*where)  # type: ignore[arg-type]
            .order_by(CoachLinkRow.id)
        )
        return [
            Link(
                row.id,
                row.coach_id,
                coach_email,
                row.athlete_id,
                athlete_email,
                row.status,  # type: ignore[arg-type]  # the CHECK holds it to the four
                row.invited,
                row.answered,
            )
            for row, coach_email, athlete_email in db.execute(query)
        ]

    def invite(self, coach_id: int, athlete_id: int, now: datetime) -> Link:
        """The coach's invitation to the athlete: a new one, one declined or revoked made
        pending again, or the one pending or active as it is."""
        with self._sessions.begin() as db:
            row = db.scalar(
                select(CoachLinkRow).where(
                    CoachLinkRow.coach_id == coach_id, CoachLinkRow.athlete_id == athlete_id
                )
            )
            if row is None:
                row = CoachLinkRow(
                    coach_id=coach_id, athlete_id=athlete_id, status="pending", invited=now
                )
                db.add(row)
            elif row.status in ("declined", "revoked"):
                row.status, row.invited, row.answered = "pending", now, None
            db.flush()
            [link] = self._links(db, CoachLinkRow.id == row.id)
            return link

    def wait(self, coach_id: int, email: str, now: datetime) -> Waiting:
        """The coach's invitation to `email`, waiting for an athlete's account with it (one
        waiting already is kept as it is)."""
        with self._sessions.begin() as db:
            row = db.scalar(
                select(WaitingInvitationRow).where(
                    WaitingInvitationRow.coach_id == coach_id, WaitingInvitationRow.email == email
                )
            )
            if row is None:
                row = WaitingInvitationRow(coach_id=coach_id, email=email, invited=now)
                db.add(row)
            return Waiting(row.coach_id, row.email, row.invited)

    def waiting_of_coach(self, coach_id: int) -> list[Waiting]:
        """The coach's invitations still waiting for an account, oldest first."""
        with self._sessions() as db:
            rows = db.scalars(
                select(WaitingInvitationRow)
                .where(WaitingInvitationRow.coach_id == coach_id)
                .order_by(WaitingInvitationRow.id)
            )
            return [Waiting(row.coach_id, row.email, row.invited) for row in rows]

    def links_of_coach(self, coach_id: int, status: LinkStatus | None = None) -> list[Link]:
        """The coach's invitations (of one status), oldest first."""
        with self._sessions() as db:
            where = [CoachLinkRow.coach_id == coach_id]
            if status is not None:
                where.append(CoachLinkRow.status == status)
            return self._links(db, *where)

    def links_of_athlete(self, athlete_id: int) -> list[Link]:
        """Every coach's invitation to the athlete, oldest first."""
        with self._sessions() as db:
            return self._links(db, CoachLinkRow.athlete_id == athlete_id)

    def answer(
        self,
        link_id: int,
        athlete_id: int,
        status: LinkStatus,
        from_states: tuple[LinkStatus, ...],
        now: datetime,
    ) -> Link | None:
        """The athlete's link `link_id` set to `status` if it is in one of `from_states`;
        None when the athlete has no such link in those states."""
        with self._sessions.begin() as db:
            done = db.execute(
                update(CoachLinkRow)
                .where(
                    CoachLinkRow.id == link_id,
                    CoachLinkRow.athlete_id == athlete_id,
                    CoachLinkRow.status.in_(from_states),
                )
                .values(status=status, answered=now)
            )
            if not done.rowcount:  # type: ignore[attr-defined]
                return None
            [link] = self._links(db, CoachLinkRow.id == link_id)
            return link

    def consented(self, coach_id: int, athlete_id: int) -> bool:
        """True while the athlete's consent to the coach is active."""
        with self._sessions() as db:
            found = db.scalar(
                select(CoachLinkRow.id).where(
                    CoachLinkRow.coach_id == coach_id,
                    CoachLinkRow.athlete_id == athlete_id,
                    CoachLinkRow.status == "active",
                )
            )
            return found is not None

    # --- the access log ----------------------------------------------------------------

    def log_access(
        self,
        athlete_ids: list[int],
        coach_id: int,
        coach_email: str,
        what: str,
        path: str,
        now: datetime,
    ) -> None:
        """One entry in each athlete's access log."""
        with self._sessions.begin() as db:
            db.add_all(
                AccessLogRow(
                    athlete_id=athlete_id,
                    coach_id=coach_id,
                    coach_email=coach_email,
                    time=now,
                    what=what,
                    path=path[:300],
                )
                for athlete_id in athlete_ids
            )

    def access_log(self, athlete_id: int, limit: int = 1000) -> list[Access]:
        """The athlete's access log, newest first (at most `limit` entries)."""
        with self._sessions() as db:
            rows = db.scalars(
                select(AccessLogRow)
                .where(AccessLogRow.athlete_id == athlete_id)
                .order_by(AccessLogRow.time.desc(), AccessLogRow.id.desc())
                .limit(limit)
            )
            return [Access(row.time, row.coach_email, row.what, row.path) for row in rows]
