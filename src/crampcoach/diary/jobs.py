"""Background imports as rows of the database (revision 0007), so that any process of the
server answers a poll, and a worker in another process (or on another machine) finds the
files to import.

`ImportJobRecords` is a part of one athlete's `Diary`: it adds a job with its files (the
bytes of those to import, the outcome of those refused already), hands the worker the
bytes, records each file's outcome as it is known (the job's `done` moving with it) and
the job's end. Every query runs in the athlete's scoped session (`diary.scope`): another
athlete's job is not found. An outcome is kept as JSON the caller chose (`uploads.py`
writes and reads it); the diary does not read it.

On PostgreSQL the job queue (procrastinate) has tables of its own: `apply_queue_schema`
adds them from `crampcoach db upgrade`, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update

from crampcoach.diary.models import ImportJobFileRow, ImportJobRow
from crampcoach.errors import InputError
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from crampcoach.diary.scope import AthleteSessions

KEEP = 50  # the newest jobs of an athlete kept (the older finished ones are deleted)
QUEUE_TABLE = "procrastinate_jobs"
NO_QUEUE_TABLES = N_(
    "the database at {where} has no job queue for background imports yet. Run crampcoach db "
    "upgrade (with the same --db or CRAMPCOACH_DB) first."
)
NO_QUEUE = N_(
    "the job queue of a PostgreSQL diary needs procrastinate: install crampcoach[postgres]"
)


@dataclass(frozen=True)
class JobFile:
    """One file of a job: its place in the upload, its name, and (once known) its status
    and outcome (`content`: the bytes still to import, when the job is created)."""

    place: int
    name: str
    status: str | None = None
    outcome: dict[str, Any] | None = None
    content: bytes | None = None


@dataclass(frozen=True)
class JobState:
    """A job as stored: its status, how far it is, and its files in the order uploaded (their
    bytes left out)."""

    id: str
    athlete_id: int
    status: str
    total: int
    done: int
    created: datetime
    finished: datetime | None
    files: tuple[JobFile, ...]


class ImportJobRecords:
    """The part of one athlete's `Diary` that keeps its background imports."""

    _sessions: AthleteSessions  # every query of the athlete's (Diary sets it)
    athlete_id: int

    def _writing(self) -> None:
        """Before the first write (Diary's: the first athlete exists)."""
        raise NotImplementedError

    def add_job(self, job_id: str, files: Sequence[JobFile], *, keep: int = KEEP) -> JobState:
        """A new running job of `files` (those with an outcome count as done); the athlete's
        finished jobs beyond the newest `keep` are deleted."""
        self._writing()
        now = datetime.now(UTC)
        done = sum(file.status is not None for file in files)
        with self._sessions.begin() as db:
            db.add(ImportJobRow(id=job_id, status="running", total=len(files), done=done,
                                created=now))  # fmt: skip
            db.flush()
            db.add_all(
                ImportJobFileRow(job_id=job_id, place=f.place, name=f.name, status=f.status,
                                 outcome=f.outcome, content=f.content)
                for f in files
            )  # fmt: skip
            kept = select(ImportJobRow.id).order_by(ImportJobRow.created.desc()).limit(keep)
            old = [
                row.id
                for row in db.scalars(select(ImportJobRow).where(ImportJobRow.id.not_in(kept)))
                if row.status != "running"
            ]
            if old:
                db.execute(delete(ImportJobFileRow).where(ImportJobFileRow.job_id.in_(old)))
                db.execute(delete(ImportJobRow).where(ImportJobRow.id.in_(old)))
        state = self.job(job_id)
        assert state is not None
        return state

    def job(self, job_id: str) -> JobState | None:
        """The job `job_id` of this athlete; None when there is none (or it is another's)."""
        with self._sessions() as db:
            row = db.scalar(select(ImportJobRow).where(ImportJobRow.id == job_id))
            if row is None:
                return None
            query = select(
                ImportJobFileRow.place,
                ImportJobFileRow.name,
                ImportJobFileRow.status,
                ImportJobFileRow.outcome,
            ).where(ImportJobFileRow.job_id == job_id)
            files = tuple(
                JobFile(place, name, status, outcome)
                for place, name, status, outcome in db.execute(
                    query.order_by(ImportJobFileRow.place)
                )
            )
            return JobState(row.id, row.athlete_id, row.status, row.total, row.done,
                            row.created, row.finished, files)  # fmt: skip

    def job_contents(self, job_id: str) -> list[JobFile]:
        """The files of the job still to import, with their bytes, in the order uploaded."""
        with self._sessions() as db:
            rows = db.scalars(
                select(ImportJobFileRow)
                .where(ImportJobFileRow.job_id == job_id, ImportJobFileRow.content.is_not(None))
                .order_by(ImportJobFileRow.place)
            )
            return [JobFile(r.place, r.name, content=r.content) for r in rows]

    def record_job_file(
        self, job_id: str, place: int, status: str, outcome: dict[str, Any]
    ) -> None:
        """The outcome of one file of the job (its bytes let go); the job's `done` counts it."""
        with self._sessions.begin() as db:
            changed = db.execute(
                update(ImportJobFileRow)
                .where(
                    ImportJobFileRow.job_id == job_id,
                    ImportJobFileRow.place == place,
                    ImportJobFileRow.status.is_(None),
                )
                .values(status=status, outcome=outcome, content=None)
            ).rowcount  # type: ignore[attr-defined]
            if changed:
                db.execute(
                    update(ImportJobRow)
                    .where(ImportJobRow.id == job_id)
                    .values(done=ImportJobRow.done + 1)
                )

    def finish_job(self, job_id: str, status: str) -> None:
        """The job's end (`done` or `failed`); the bytes of files never imported let go."""
        with self._sessions.begin() as db:
            db.execute(
                update(ImportJobRow)
                .where(ImportJobRow.id == job_id)
                .values(status=status, finished=datetime.now(UTC))
            )
            db.execute(
                update(ImportJobFileRow)
                .where(ImportJobFileRow.job_id == job_id)
                .values(content=None)
            )


def queue_schema_applied(engine: Engine) -> bool:
    """The job queue's tables are in the database (PostgreSQL; SQLite needs none)."""
    from sqlalchemy import inspect

    return engine.dialect.name != "postgresql" or inspect(engine).has_table(QUEUE_TABLE)


def apply_queue_schema(engine: Engine) -> bool:
    """Add procrastinate's tables, types and functions to a PostgreSQL database that has none
    (in the schema of its search_path); True when added, False when there already (or on
    SQLite, which runs its jobs in process). InputError when procrastinate is missing."""
    if queue_schema_applied(engine):
        return False
    try:
        from procrastinate.schema import SchemaManager
    except ImportError as exc:
        raise InputError(NO_QUEUE) from exc
    sql = SchemaManager.get_schema()
    with engine.begin() as connection:
        # Its schema as one script, run on the driver's own connection: no parameters.
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute(sql)
    return True
