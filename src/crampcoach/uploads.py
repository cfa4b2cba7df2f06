"""Watch files uploaded to the server (the API's /imports, the web's upload form), imported
at once or in the background, with their progress kept for a client to poll.

`stage` copies each upload to a temporary folder, refusing by name what is not a watch
file and by size what is over the cap, without reading it; `import_staged` imports the
rest and says what became of each file, in the order uploaded (`import_jobs` runs it in
the background). Reasons are messages, rendered in the language of whoever asks.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING, Literal

from crampcoach.i18n import N_
from crampcoach.message import Message

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.diary.repository import ImportOutcome, Reader, ReadResult

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
    coach: Coach, staged: Staged, on_file: Callable[[int, FileOutcome], None] | None = None
) -> list[FileOutcome]:
    """Import what `staged` holds; every file's outcome in the order uploaded. The
    temporary copies are gone afterwards; `on_file` hears of each file as it is done (its
    place in the upload, its outcome)."""
    try:
        if staged.names:

            def record(outcome: ImportOutcome) -> None:
                name = staged.names[outcome.path]
                reason = outcome.reason.replace(str(outcome.path), name) if outcome.reason else None
                place = staged.places[outcome.path]
                staged.outcomes[place] = done = FileOutcome(
                    name, outcome.status, reason, outcome.session_id, tuple(outcome.warnings)
                )
                if on_file is not None:
                    on_file(place, done)

            coach.import_files(
                list(staged.names), workers=1, reader=_named_reader(staged.names), on_outcome=record
            )
    finally:
        staged.discard()
    return [outcome for outcome in staged.outcomes if outcome is not None]
