"""Watch files uploaded to the server (the API's /imports, the web's upload form), imported
at once or in the background, with their progress kept for a client to poll.

`stage` copies each upload to a temporary folder, refusing by name what is not a watch
file and by size what is over the cap, without reading it; `import_staged` imports the
rest and says what became of each file, in the order uploaded. `ImportJobs` runs that on
a worker thread of its own (one import at a time: the diary is one SQLite file) and keeps
the last jobs' progress. Reasons are messages, rendered in the language of whoever asks.
"""

from __future__ import annotations

import dataclasses
import logging
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING, Literal

from crampcoach.i18n import N_
from crampcoach.message import Message

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.diary.repository import ImportOutcome, Reader, ReadResult

logger = logging.getLogger("crampcoach.uploads")
NOT_WATCH_FILE = N_("not a watch file: the name must end in {suffixes}")
OVER_CAP = N_("over {limit} bytes, the most one file may have")
CHUNK = 1024 * 1024
Status = Literal["imported", "duplicate", "skipped", "failed", "rejected"]


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name it was sent with, and its bytes."""

    filename: str | None
    file: IO[bytes]


@dataclass(frozen=True)
class FileOutcome:
    """What became of one uploaded file; `reason` says why it was not imported."""

    name: str
    status: Status
    reason: Message | str | None = None
    session_id: int | None = None
    warnings: tuple[Message, ...] = ()  # what was left out of an imported file

    def reason_words(self, t: Callable[..., str]) -> str | None:
        return self.reason.words(t) if isinstance(self.reason, Message) else self.reason

    def warning_words(self, t: Callable[..., str]) -> list[str]:
        return [warning.words(t) for warning in self.warnings]


@dataclass
class Staged:
    """An upload copied to a temporary folder: the files to import (copy -> its name and
    place in the upload) and the outcomes known already (refused files)."""

    folder: Path
    names: dict[Path, str] = field(default_factory=dict)
    places: dict[Path, int] = field(default_factory=dict)
    outcomes: list[FileOutcome | None] = field(default_factory=list)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def display_name(filename: str | None, number: int) -> str:
    """The file's own name (no folders), or a stand-in when the client sent none."""
    name = PurePath((filename or "").replace("\\", "/")).name
    name = "".join(char for char in name if char.isprintable()).strip()
    return name[:200] or f"file-{number}"


def _copy(source: IO[bytes], target: Path, cap: int) -> bool:
    """Copy `source` to `target`; False (and nothing kept) once it is over `cap` bytes."""
    size = 0
    with target.open("wb") as out:
        source.seek(0)
        while chunk := source.read(CHUNK):
            size += len(chunk)
            if size > cap:
                break
            out.write(chunk)
    if size > cap:
        target.unlink()
        return False
    return True


def stage(uploads: Sequence[Upload], file_cap: int) -> Staged:
    """Copy the uploads that may be watch files (by name, at most `file_cap` bytes each)."""
    from crampcoach.diary.importers.reader import ACTIVITY_SUFFIXES

    staged = Staged(Path(tempfile.mkdtemp(prefix="crampcoach-upload-")))
    staged.outcomes = [None] * len(uploads)
    for number, upload in enumerate(uploads):
        name = display_name(upload.filename, number + 1)
        if not name.lower().endswith(ACTIVITY_SUFFIXES):
            reason = Message(NOT_WATCH_FILE, {"suffixes": ", ".join(ACTIVITY_SUFFIXES)})
            staged.outcomes[number] = FileOutcome(name, "rejected", reason)
            continue
        # A folder per file: two uploads of the same name stay apart.
        target = staged.folder / str(number) / name
        target.parent.mkdir()
        if not _copy(upload.file, target, file_cap):
            reason = Message(OVER_CAP, {"limit": file_cap})
            staged.outcomes[number] = FileOutcome(name, "rejected", reason)
            continue
        staged.names[target], staged.places[target] = name, number
    return staged


def _named_reader(names: dict[Path, str]) -> Reader:
    """The watch-file reader, keeping in the diary the uploaded name, not the temporary path."""
    from crampcoach.diary.importers import read_many

    def read(paths: Sequence[Path]) -> Iterable[ReadResult]:
        for path, result in read_many(paths, workers=1):
            if not isinstance(result, Exception):
                result = dataclasses.replace(result, source_path=names[path])
            yield path, result

    return read


def import_staged(
    coach: Coach, staged: Staged, on_file: Callable[[], None] | None = None
) -> list[FileOutcome]:
    """Import what `staged` holds; every file's outcome in the order uploaded. The
    temporary copies are gone afterwards; `on_file` hears of each file as it is done."""
    try:
        if staged.names:

            def record(outcome: ImportOutcome) -> None:
                name = staged.names[outcome.path]
                reason = outcome.reason.replace(str(outcome.path), name) if outcome.reason else None
                staged.outcomes[staged.places[outcome.path]] = FileOutcome(
                    name, outcome.status, reason, outcome.session_id, tuple(outcome.warnings)
                )
                if on_file is not None:
                    on_file()

            coach.import_files(
                list(staged.names), workers=1, reader=_named_reader(staged.names), on_outcome=record
            )
    finally:
        staged.discard()
    return [outcome for outcome in staged.outcomes if outcome is not None]


@dataclass
class ImportJob:
    """An import running in the background: how far it is, and each file's outcome so far."""

    id: str
    outcomes: list[FileOutcome | None]
    status: Literal["running", "done", "failed"] = "running"
    owner: int | None = None  # the athlete whose diary it imports into (None: single-user)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def done(self) -> int:
        return sum(outcome is not None for outcome in self.outcomes)

    def finished(self) -> list[FileOutcome]:
        return [outcome for outcome in self.outcomes if outcome is not None]


class ImportJobs:
    """Imports run one at a time on a thread of their own; the last `keep` jobs are kept."""

    def __init__(self, keep: int = 50) -> None:
        self.keep = keep
        self._jobs: OrderedDict[str, ImportJob] = OrderedDict()
        self._lock = threading.Lock()
        self._worker: ThreadPoolExecutor | None = None  # started with the first job

    def start(self, coach: Coach, staged: Staged) -> ImportJob:
        """Import `staged` in the background; the job to poll (its outcomes fill in)."""
        job = ImportJob(secrets.token_urlsafe(12), staged.outcomes, owner=coach.athlete_id)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self.keep:
                self._jobs.popitem(last=False)
            if self._worker is None:
                self._worker = ThreadPoolExecutor(1, thread_name_prefix="crampcoach-import")
            self._worker.submit(self._run, job, coach, staged)
        return job

    def get(self, job_id: str, owner: int | None = None) -> ImportJob | None:
        """The job `job_id` of the diary of `owner` (an athlete; None: the single-user
        diary); None when there is no such job, or it is another athlete's."""
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and job.owner == owner else None

    def close(self) -> None:
        """Let the worker go once its import is done (waiting ones are dropped); a job
        started afterwards (the app served again) gets a new one."""
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _run(job: ImportJob, coach: Coach, staged: Staged) -> None:
        try:
            import_staged(coach, staged)
        except Exception:  # the thread's end: say it in the server's log, and to the poller
            logger.exception("import job %s failed", job.id)
            job.status = "failed"
            return
        job.status = "done"
