"""What importing watch files asks of a diary: the files already stored, the sessions a new
one may repeat or overlap, and storing it (`ImportedSessions`, a base class of `Diary`)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from crampcoach.diary.models import SessionRow
from crampcoach.diary.records import Session, SessionCreate, filled_in
from crampcoach.errors import InputError
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.diary.scope import AthleteSessions


class ImportedSessions:
    """The part of one athlete's `Diary` that imports watch files."""

    _sessions: AthleteSessions  # every query of the athlete's (Diary sets it)

    def _writing(self) -> None:
        """Before the first write (Diary's: the first athlete exists)."""
        raise NotImplementedError

    def known_hashes(self) -> set[str]:
        """sha256 of every source file already imported."""
        with self._sessions() as db:
            query = select(SessionRow.source_sha256).where(SessionRow.source_sha256.is_not(None))
            return {h for h in db.scalars(query) if h is not None}

    def same_activity_exists(self, session: SessionCreate) -> bool:
        """A session of the same sport that started at the same moment is already stored."""
        with self._sessions() as db:
            found = db.scalar(
                select(SessionRow.id).where(
                    SessionRow.sport == session.sport, SessionRow.start == session.start
                )
            )
        return found is not None

    def add_imported(self, session: SessionCreate) -> int | None:
        """Store an imported session; its id, or None when its file is already stored."""
        self._writing()
        row = SessionRow(**session.model_dump())
        try:
            with self._sessions.begin() as db:
                db.add(row)
        except IntegrityError:
            return None  # another process imported the same file in the meantime
        return row.id

    def fill_from_file(self, session_id: int, imported: SessionCreate) -> bool:
        """Fill the session `session_id` (typed by hand) from a watch file's session of the
        same time (`records.filled_in`: what the file measured goes where the typed session
        has nothing), and record the file as its source. Its start, duration, cramps and
        typed values stay. False when the file is already stored (another process imported
        it in the meantime)."""
        self._writing()
        try:
            with self._sessions.begin() as db:
                row = db.scalar(select(SessionRow).where(SessionRow.id == session_id))
                if row is None:
                    raise InputError(
                        N_("session: no session with id {session}"), session=session_id
                    )
                for name, value in filled_in(session_of(row), imported).items():
                    setattr(row, name, value)
                row.source_file = imported.source_file
                row.source_sha256 = imported.source_sha256
        except IntegrityError:
            return False
        return True

    def overlapping_sessions(self, session: SessionCreate) -> list[Session]:
        """Stored sessions that overlap `session` in time, or start with it in the same sport."""
        end = session.start + timedelta(seconds=max(session.duration_s, 0))
        # No session lasts over a week (records.yaml): only those started since can overlap.
        since = session.start - timedelta(days=7)
        with self._sessions() as db:
            query = select(SessionRow).where(SessionRow.start >= since, SessionRow.start <= end)
            rows = [session_of(r) for r in db.scalars(query.order_by(SessionRow.start))]
        return [
            row
            for row in rows
            if (row.sport == session.sport and row.start == session.start)
            or (row.start < end and session.start < row.start + timedelta(seconds=row.duration_s))
        ]


def session_of(row: SessionRow) -> Session:
    return Session.model_validate(row, from_attributes=True)
