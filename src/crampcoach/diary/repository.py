"""The one interface the Coach uses to read and write diaries.

A `DiaryDatabase` is the database: its engine, its schema's revision, its athletes. A `Diary`
is one athlete's diary in it, and every query it runs sees only that athlete's rows
(`diary.scope`): `database.for_athlete(id)`, or `Diary.open(url)` for the single-user diary
(the first athlete's, made on its first write).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from crampcoach.core.patterns import CrampFacts, SessionFacts
from crampcoach.core.profile import Profile
from crampcoach.diary.database import DiaryDatabase
from crampcoach.diary.imported import ImportedSessions, session_of
from crampcoach.diary.imports import (  # defined there, reached from here as before
    ImportOutcome as ImportOutcome,
)
from crampcoach.diary.imports import ImportReport as ImportReport
from crampcoach.diary.imports import ImportStatus as ImportStatus
from crampcoach.diary.imports import Reader as Reader
from crampcoach.diary.imports import ReadResult as ReadResult
from crampcoach.diary.imports import Vet as Vet
from crampcoach.diary.imports import default_reader as default_reader
from crampcoach.diary.imports import session_from_activity as session_from_activity
from crampcoach.diary.jobs import ImportJobRecords
from crampcoach.diary.models import FIRST_ATHLETE, CrampRow, ProfileRow, SavedRow, SessionRow
from crampcoach.diary.records import (
    Cramp,
    CrampCreate,
    DiaryExport,
    Saved,
    Session,
    SessionCreate,
)
from crampcoach.diary.scope import athlete_sessions
from crampcoach.errors import InputError
from crampcoach.i18n import N_

PAUSE_SLACK_S = 30 * 60


class DiaryNotEmptyError(InputError):
    """A restore into a diary that already holds records."""


class Diary(ImportedSessions, ImportJobRecords):
    """One athlete's sessions, cramps, profile and saved results: every query is theirs."""

    def __init__(self, database: DiaryDatabase, athlete_id: int, *, owner: bool = False) -> None:
        self.database = database
        self.athlete_id = athlete_id
        self._owner = owner  # closing the diary closes its database
        self._athlete_known = athlete_id != FIRST_ATHLETE  # for_athlete checked it
        self._sessions = athlete_sessions(database.engine, athlete_id)

    @classmethod
    def open(
        cls,
        url: str,
        *,
        athlete_id: int | None = None,
        migrate: bool = True,
        create_folder: bool = True,
    ) -> Diary:
        """The diary of `athlete_id` (default: the first athlete's, the single-user diary)
        in the database at `url`, opened as `DiaryDatabase.open` does; closing it closes
        the database."""
        opened = DiaryDatabase.open(url, migrate=migrate, create_folder=create_folder)
        try:
            diary = opened.first_athlete() if athlete_id is None else opened.for_athlete(athlete_id)
        except BaseException:
            opened.close()
            raise
        diary._owner = True
        return diary

    @property
    def engine(self) -> Engine:
        """The database's engine."""
        return self.database.engine

    def close(self) -> None:
        """Release the database connections, if this diary opened the database."""
        if self._owner:
            self.database.close()

    def __enter__(self) -> Diary:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _writing(self) -> None:
        """Before the first write: the first athlete exists (added on first use)."""
        if not self._athlete_known:
            self.database.ensure_first_athlete()
            self._athlete_known = True

    # --- sessions and cramps ---------------------------------------------------------

    def add_session(self, session: SessionCreate) -> Session:
        """Store a session; raises InputError if its source file is already in the diary."""
        self._writing()
        row = SessionRow(**session.model_dump())
        try:
            with self._sessions.begin() as db:
                db.add(row)
        except IntegrityError as exc:
            raise InputError(N_("source_sha256: this file is already in the diary")) from exc
        return session_of(row)

    def get_session(self, session_id: int) -> Session:
        """The session with `session_id`; raises InputError if this diary has none."""
        with self._sessions() as db:
            row = db.scalar(select(SessionRow).where(SessionRow.id == session_id))
        if row is None:
            raise InputError(N_("session: no session with id {session}"), session=session_id)
        return session_of(row)

    def last_session(self) -> Session | None:
        """The session that started last, if any."""
        with self._sessions() as db:
            row = db.scalars(select(SessionRow).order_by(SessionRow.start.desc()).limit(1)).first()
        return session_of(row) if row is not None else None

    def cramp_time(self, session_id: int, offset_s: float) -> datetime:
        """The time `offset_s` seconds into a session; InputError if it lies outside it.

        Up to PAUSE_SLACK_S past the recorded duration is accepted: an imported duration
        is moving time, so pauses can put a real cramp after it.
        """
        session = self.get_session(session_id)
        if offset_s < 0 or offset_s > session.duration_s + PAUSE_SLACK_S:
            raise InputError(
                N_(
                    "at: {offset:.0f} s is outside session {session}, which lasted {duration:.0f} s"
                ),
                offset=offset_s,
                session=session_id,
                duration=session.duration_s,
            )
        return session.start + timedelta(seconds=offset_s)

    def add_cramp(self, cramp: CrampCreate) -> Cramp:
        """Store a cramp; raises InputError if its session does not exist."""
        if cramp.session_id is not None:
            self.get_session(cramp.session_id)
        self._writing()
        row = CrampRow(**cramp.model_dump())
        with self._sessions.begin() as db:
            db.add(row)
        return _cramp(row)

    def list_sessions(self) -> list[Session]:
        """All sessions, oldest first."""
        with self._sessions() as db:
            rows = db.scalars(select(SessionRow).order_by(SessionRow.start, SessionRow.id))
            return [session_of(row) for row in rows]

    def list_cramps(self) -> list[Cramp]:
        """All cramps, oldest first."""
        with self._sessions() as db:
            rows = db.scalars(select(CrampRow).order_by(CrampRow.time, CrampRow.id))
            return [_cramp(row) for row in rows]

    def pattern_inputs(self) -> tuple[list[SessionFacts], list[CrampFacts]]:
        """Sessions and cramps as the plain records `core.patterns` reads."""
        with self._sessions() as db:
            sessions = [
                SessionFacts(
                    id=r.id,
                    sport=r.sport,
                    start=r.start,
                    duration_s=r.duration_s,
                    temperature_c=r.temperature_c,
                    warmup=r.warmup,
                    fluids_l=r.fluids_l,
                    sodium_mg=r.sodium_mg,
                    effort=r.effort,
                    avg_heart_rate=r.avg_heart_rate,
                    max_heart_rate=r.max_heart_rate,
                    humidity_percent=r.humidity_percent,
                    water_temperature_c=r.water_temperature_c,
                )
                for r in db.scalars(select(SessionRow))
            ]
            cramps = [
                CrampFacts(time=r.time, session_id=r.session_id, at_night=r.at_night)
                for r in db.scalars(select(CrampRow))
            ]
        return sessions, cramps

    # --- profile ---------------------------------------------------------------------

    def load_profile(self) -> Profile:
        """The stored profile, or an empty one."""
        with self._sessions() as db:
            row = db.scalar(select(ProfileRow))
        if row is None:
            return Profile()
        return Profile(**{name: getattr(row, name) for name in Profile.model_fields})

    def save_profile(self, profile: Profile) -> None:
        """Replace the stored profile."""
        self._writing()
        with self._sessions.begin() as db:
            row = db.scalar(select(ProfileRow)) or ProfileRow()
            for name, value in profile.model_dump().items():
                if isinstance(value, datetime) and value.tzinfo is None:
                    value = value.replace(tzinfo=UTC)  # the diary keeps aware UTC times
                setattr(row, name, value)
            db.add(row)

    load = load_profile
    save = save_profile

    # --- saved assessments and plans -------------------------------------------------

    def _save(self, kind: str, payload: dict[str, Any], created: datetime) -> Saved:
        self._writing()
        row = SavedRow(kind=kind, created=created, payload=payload)
        with self._sessions.begin() as db:
            db.add(row)
        return Saved.model_validate(row, from_attributes=True)

    def save_assessment(self, payload: dict[str, Any], created: datetime) -> Saved:
        """Keep an assessment's JSON payload."""
        return self._save("assessment", payload, created)

    def save_plan(self, payload: dict[str, Any], created: datetime) -> Saved:
        """Keep a plan's JSON payload."""
        return self._save("plan", payload, created)

    def list_saved(self, kind: str | None = None) -> list[Saved]:
        """Saved assessments and plans, oldest first."""
        query = select(SavedRow).order_by(SavedRow.created, SavedRow.id)
        if kind is not None:
            query = query.where(SavedRow.kind == kind)
        with self._sessions() as db:
            return [Saved.model_validate(r, from_attributes=True) for r in db.scalars(query)]

    # --- export and restore ----------------------------------------------------------

    def is_empty(self) -> bool:
        """True when the diary holds no session, cramp, profile or saved result."""
        with self._sessions() as db:
            for model in (SessionRow, CrampRow, ProfileRow, SavedRow):
                if db.scalar(select(func.count()).select_from(model)):
                    return False
        return True

    def export_all(self, now: datetime | None = None) -> DiaryExport:
        """Everything in the diary; `now` is recorded as the export time."""
        return DiaryExport(
            format="crampcoach-diary",
            version=1,
            exported=now,
            sessions=self.list_sessions(),
            cramps=self.list_cramps(),
            profile=self.load_profile(),
            saved=self.list_saved(),
        )

    def restore(self, export: DiaryExport) -> None:
        """Load an export into this diary; all or nothing.

        The ids are kept when the database holds no one's records (a new diary, as a
        single-user restore is); among other athletes' records they are new, each cramp
        still in its session. Raises DiaryNotEmptyError if the diary already holds records,
        InputError for a cramp in a session the export does not hold.
        """
        if not self.is_empty():
            raise DiaryNotEmptyError(
                N_(
                    "restore: the diary is not empty; restore into a new database (--db) "
                    "so nothing already saved is overwritten"
                )
            )
        session_ids = {s.id for s in export.sessions}
        for cramp in export.cramps:
            if cramp.session_id is not None and cramp.session_id not in session_ids:
                raise InputError(
                    N_("restore: cramp {cramp} is in session {session}, which the export lacks"),
                    cramp=cramp.id,
                    session=cramp.session_id,
                )
        self._writing()
        with self._sessions.begin() as db:
            keep_ids = not any(
                # The whole table, every athlete's: an id kept must be free in all of them.
                # A name of the tuple below.
                db.connection().execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first()  # nosec B608
                for table in ("sessions", "cramps", "saved")
            )
            rows = [
                SessionRow(**s.model_dump(exclude=set() if keep_ids else {"id"}))
                for s in export.sessions
            ]
            db.add_all(rows)
            db.flush()  # sessions before the cramps that point at them: their ids now known
            new_id = {s.id: row.id for s, row in zip(export.sessions, rows, strict=True)}
            for cramp in export.cramps:
                fields = cramp.model_dump(exclude=set() if keep_ids else {"id"})
                if cramp.session_id is not None:
                    fields["session_id"] = new_id[cramp.session_id]
                db.add(CrampRow(**fields))
            db.add_all(
                SavedRow(**s.model_dump(exclude=set() if keep_ids else {"id"}))
                for s in export.saved
            )
            if export.profile != Profile():
                db.add(ProfileRow(**export.profile.model_dump()))
            if keep_ids and self.engine.dialect.name == "postgresql":
                db.flush()
                for table in ("sessions", "cramps", "saved"):
                    # Ids were given explicitly: move each sequence past them.
                    db.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            # A name of the tuple above.
                            f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"  # nosec B608
                        )
                    )

    # --- import (the rest: ImportedSessions) ---------------------------------------------

    def import_files(
        self,
        paths: Sequence[Path],
        reader: Reader | None = None,
        *,
        workers: int = 2,
        on_outcome: Callable[[ImportOutcome], None] | None = None,
        vet: Vet | None = None,
    ) -> ImportReport:
        """Import activity files, one transaction per file (`diary.imports.import_files`)."""
        from crampcoach.diary.imports import import_files

        return import_files(self, paths, reader, workers=workers, on_outcome=on_outcome, vet=vet)


def _cramp(row: CrampRow) -> Cramp:
    return Cramp.model_validate(row, from_attributes=True)
