"""Uploads imported in the background, their progress kept in the database (issue 17).

A job is rows of the diary's database (`diary.jobs`): the files' bytes until imported, each
file's outcome as it is known, the job's status; so any process of the server answers a
poll, and a worker anywhere reads the files. `JobQueue` is the one interface the faces use:
`start(coach, staged)` adds the job and has it run, `get(coach, job_id)` reads it in the
coach's diary (another athlete's job is not found). `job_queue(coach)` picks the
implementation by the database: on SQLite `ThreadJobs` runs jobs in process, on a thread
of its own (one import at a time: the diary is one file); on PostgreSQL
`queue.ProcrastinateJobs` hands them to procrastinate, whose worker may be any process.
Both run `run_job`, which imports the files and writes the progress file by file.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from crampcoach.message import Message, Plural
from crampcoach.uploads import FileOutcome, Staged, import_staged

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.diary.jobs import JobState

logger = logging.getLogger("crampcoach.import_jobs")
JobStatus = Literal["running", "done", "failed"]


@dataclass(frozen=True)
class ImportJob:
    """An import in the background: how far it is, and each file's outcome so far (None:
    not imported yet), in the order uploaded."""

    id: str
    outcomes: list[FileOutcome | None]
    status: JobStatus = "running"
    owner: int | None = None  # the athlete whose diary it imports into (None: single-user)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def done(self) -> int:
        return sum(outcome is not None for outcome in self.outcomes)

    def finished(self) -> list[FileOutcome]:
        return [outcome for outcome in self.outcomes if outcome is not None]


class JobQueue(Protocol):
    """Where background imports run; what a face starts and polls."""

    def start(self, coach: Coach, staged: Staged) -> ImportJob:
        """Keep `staged` as a job of `coach`'s diary and have it imported; the job as it
        starts (the refused files known already). The temporary copies are let go."""
        ...

    def get(self, coach: Coach, job_id: str) -> ImportJob | None:
        """The job `job_id` of `coach`'s diary; None when it has none (or it is another
        athlete's)."""
        ...

    def open(self) -> None:
        """Before the first job (the server's start-up)."""
        ...

    def close(self) -> None:
        """Let the workers go (the server's shutdown)."""
        ...


# --- a job in the database --------------------------------------------------------------


def message_json(message: Message | str | None) -> Any:
    """A reason or warning as JSON (`message_of` reads it back)."""
    if not isinstance(message, Message):
        return message
    ident: Any = message.id if isinstance(message.id, str) else list(message.id)
    values = {
        key: {"message": message_json(value)}
        if isinstance(value, Message)
        else value
        if isinstance(value, (str, int, float, bool, type(None)))
        else str(value)
        for key, value in message.values.items()
    }
    return {"id": ident, "values": values, "lang": message.lang}


def message_of(data: Any) -> Message | str | None:
    """The message `message_json` wrote."""
    if not isinstance(data, dict):
        return cast("str | None", data)
    ident = data["id"] if isinstance(data["id"], str) else Plural(*data["id"])
    values = {
        key: message_of(value["message"]) if isinstance(value, dict) else value
        for key, value in data["values"].items()
    }
    return Message(ident, values, data.get("lang"))


def outcome_json(outcome: FileOutcome) -> dict[str, Any]:
    return {
        "reason": message_json(outcome.reason),
        "session_id": outcome.session_id,
        "warnings": [message_json(w) for w in outcome.warnings],
    }


def job_of(state: JobState, owner: int | None) -> ImportJob:
    outcomes: list[FileOutcome | None] = []
    for file in state.files:
        if file.status is None or file.outcome is None:
            outcomes.append(None)
            continue
        warnings = tuple(m for m in map(message_of, file.outcome["warnings"]) if m is not None)
        outcomes.append(
            FileOutcome(
                file.name,
                file.status,  # type: ignore[arg-type]  # as written by record_job_file
                message_of(file.outcome["reason"]),
                file.outcome["session_id"],
                cast("tuple[Message, ...]", warnings),
            )
        )
    return ImportJob(state.id, outcomes, cast(JobStatus, state.status), owner)


def add_job(coach: Coach, staged: Staged) -> ImportJob:
    """`staged` kept as a running job of `coach`'s diary: the bytes of the files to import,
    the outcomes of those refused. The temporary copies are let go."""
    from crampcoach.diary.jobs import JobFile

    job_id = secrets.token_urlsafe(12)
    files = [
        JobFile(place, outcome.name, outcome.status, outcome_json(outcome))
        for place, outcome in enumerate(staged.outcomes)
        if outcome is not None
    ]
    try:
        files += [
            JobFile(staged.places[path], name, content=path.read_bytes())
            for path, name in staged.names.items()
        ]
        with coach.diary() as diary:
            state = diary.add_job(job_id, sorted(files, key=lambda file: file.place))
    finally:
        staged.discard()
    return job_of(state, coach.athlete_id)


def read_job(coach: Coach, job_id: str) -> ImportJob | None:
    """The job `job_id` of `coach`'s diary, as far as it is; None when it has none."""
    with coach.diary(reading=True) as diary:
        state = diary.job(job_id[:32])
    return None if state is None else job_of(state, coach.athlete_id)


def run_job(coach: Coach, job_id: str) -> None:
    """Import the files of the job `job_id` of `coach`'s diary, its progress written file by
    file; the job is `done` at the end, or `failed` on an unexpected error (logged)."""
    try:
        with coach.diary() as diary:
            files = diary.job_contents(job_id)
            folder = Path(tempfile.mkdtemp(prefix="crampcoach-job-"))
            places = max((file.place for file in files), default=-1) + 1
            staged = Staged(folder, outcomes=[None] * places)
            try:
                for file in files:
                    # A folder per file: two uploads of the same name stay apart.
                    target = folder / str(file.place) / file.name
                    target.parent.mkdir()
                    target.write_bytes(file.content or b"")
                    staged.names[target], staged.places[target] = file.name, file.place
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise

            def record(place: int, outcome: FileOutcome) -> None:
                diary.record_job_file(job_id, place, outcome.status, outcome_json(outcome))

            import_staged(coach, staged, on_file=record)
            diary.finish_job(job_id, "done")
    except Exception:  # the job's end: say it in the server's log, and to the poller
        logger.exception("import job %s failed", job_id)
        with coach.diary() as diary:
            diary.finish_job(job_id, "failed")


# --- in process (SQLite) ----------------------------------------------------------------


class ThreadJobs:
    """Jobs run one at a time on a thread of this process (a SQLite diary: one writer)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._worker: ThreadPoolExecutor | None = None  # started with the first job
        self._waiting: dict[str, tuple[Future[None], Coach]] = {}  # the jobs not run yet

    def start(self, coach: Coach, staged: Staged) -> ImportJob:
        job = add_job(coach, staged)
        with self._lock:
            if self._worker is None:
                self._worker = ThreadPoolExecutor(1, thread_name_prefix="crampcoach-import")
            future = self._worker.submit(run_job, coach, job.id)
            self._waiting[job.id] = (future, coach)
            future.add_done_callback(lambda _: self._waiting.pop(job.id, None))
        return job

    def get(self, coach: Coach, job_id: str) -> ImportJob | None:
        return read_job(coach, job_id)

    def open(self) -> None:
        """Nothing to do: the thread starts with the first job."""

    def close(self) -> None:
        """Let the worker go once its import is done; the jobs still waiting are dropped
        and `failed` (no process would ever run them). A job started afterwards (the app
        served again) gets a new worker."""
        with self._lock:
            worker, self._worker = self._worker, None
            waiting = list(self._waiting.items())
        for job_id, (future, coach) in waiting:
            if future.cancel():  # not started: it never will be
                with coach.diary() as diary:
                    diary.finish_job(job_id, "failed")
        if worker is not None:
            worker.shutdown(wait=False)


def job_queue(coach: Coach) -> JobQueue:
    """The job queue for `coach`'s database: procrastinate on PostgreSQL, else in process."""
    from sqlalchemy.engine import make_url

    if make_url(coach.settings.db_url).get_backend_name() != "postgresql":
        return ThreadJobs()
    from crampcoach.job_worker import ProcrastinateJobs

    return ProcrastinateJobs(coach)
