"""Watch files into a diary: each file read, vetted and committed in its own transaction.

`import_files` is what `Diary.import_files` does: a file already in the diary (same
sha256, or the same sport and start) is not imported twice, a broken file is reported with
its reason and the others go on, and what was committed stays committed if the process dies
half-way. A file of a session already typed by hand (one that overlaps it, the rule of
`log session`'s duplicates, of the same sport or "other") fills that session in instead of
making a second one: the typed session keeps its id, its cramps and what was typed, and a
warning says so; a file overlapping a typed session of another sport is kept beside it, with
a warning.
A `Vet` (the Coach's, from records.yaml) refuses a session that cannot be, or
leaves out the values that cannot be, with a warning. A damaged file that could be read in
part is imported with a warning that says what was skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from crampcoach.diary.importers import ActivityFileError, ActivityRecord, NotAnActivityError
from crampcoach.diary.importers.reader import stored_sha256
from crampcoach.diary.records import Session, SessionCreate, filled_in
from crampcoach.errors import InputError, describe_validation_error
from crampcoach.i18n import N_
from crampcoach.message import Message

if TYPE_CHECKING:
    from crampcoach.diary.repository import Diary

ReadResult = tuple[Path, ActivityRecord | ActivityFileError]
Reader = Callable[[Sequence[Path]], Iterable[ReadResult]]
ImportStatus = Literal["imported", "duplicate", "skipped", "failed"]
JOINED = N_(
    "the same session as session {id} typed by hand ({sport}, started {start}): the file "
    "filled in what it left blank, and its cramps are kept"
)
BESIDE = N_(
    "at the time of session {id} typed by hand ({sport}, started {start}), of another sport: "
    "kept as a session of its own"
)
# A session as read from a file -> the session to keep and what was left out of it, or
# InputError when the file is to be refused.
Vet = Callable[[SessionCreate], tuple[SessionCreate, list[Message]]]


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file; `warnings` say what was left out of an imported one."""

    path: Path
    status: ImportStatus
    session_id: int | None = None
    reason: str | None = None
    warnings: tuple[Message, ...] = ()


@dataclass
class ImportReport:
    """Every file's outcome, in the order they were read."""

    outcomes: list[ImportOutcome] = field(default_factory=list)

    def count(self, status: ImportStatus) -> int:
        """How many files ended with `status`."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[ImportOutcome]:
        """The files that could not be imported, with their reasons."""
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def warned(self) -> list[ImportOutcome]:
        """The files imported with a value left out."""
        return [o for o in self.outcomes if o.warnings]


def default_reader(workers: int = 2) -> Reader:
    """The watch-file parsers' `read_many`, using up to `workers` processes."""
    from crampcoach.diary.importers import read_many

    def read(paths: Sequence[Path]) -> Iterable[ReadResult]:
        return read_many(paths, workers=workers)

    return read


def session_from_activity(record: ActivityRecord) -> SessionCreate:
    """The session an activity file describes; raises InputError if it lacks start or duration."""
    if record.start is None:
        raise InputError(N_("the file has no start time"))
    duration = record.duration_s if record.duration_s is not None else record.elapsed_s
    if duration is None:
        raise InputError(N_("the file has no duration"))
    try:
        return SessionCreate(
            sport=record.sport or "other",
            start=record.start,
            duration_s=duration,
            distance_m=record.distance_m,
            ascent_m=record.ascent_m,
            avg_heart_rate=record.avg_heart_rate,
            max_heart_rate=record.max_heart_rate,
            temperature_c=record.temperature_c,
            humidity_percent=record.humidity_percent,
            water_temperature_c=record.water_temperature_c,
            source_file=record.source_path,
            source_sha256=record.source_sha256,
        )
    except ValidationError as exc:
        raise InputError(
            N_("implausible values: {problem}"), problem=describe_validation_error(exc)
        ) from exc


def import_files(
    diary: Diary,
    paths: Sequence[Path],
    reader: Reader | None = None,
    *,
    workers: int = 2,
    on_outcome: Callable[[ImportOutcome], None] | None = None,
    vet: Vet | None = None,
) -> ImportReport:
    """Import activity files into `diary`, one transaction per file.

    A file already in the diary (same sha256) is skipped; a broken file is reported with
    its reason and the others go on. What was committed stays committed if the process
    dies half-way. `vet` refuses a session that cannot be, or leaves out its impossible values.
    """
    read = reader or default_reader(workers)
    seen = diary.known_hashes()
    report = ImportReport()

    def record(outcome: ImportOutcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    # Hashing is far cheaper than parsing: files already imported are not parsed again.
    to_read = []
    for path in paths:
        if stored_sha256(path) in seen:
            record(ImportOutcome(path, "duplicate"))
        else:
            to_read.append(path)
    for path, result in read(to_read):
        record(_import_one(diary, path, result, seen, vet))
    return report


def _import_one(
    diary: Diary,
    path: Path,
    result: ActivityRecord | ActivityFileError,
    seen: set[str],
    vet: Vet | None,
) -> ImportOutcome:
    if isinstance(result, NotAnActivityError):
        # Bulk exports are full of settings and monitoring files: not a failure.
        return ImportOutcome(path, "skipped", reason=str(result))
    if isinstance(result, ActivityFileError):
        return ImportOutcome(path, "failed", reason=str(result))
    if result.source_sha256 in seen:
        return ImportOutcome(path, "duplicate")
    warnings = list(result.skipped)  # what a damaged file lost; the rest is kept
    try:
        session = session_from_activity(result)
        if vet is not None:
            session, left_out = vet(session)
            warnings += left_out
    except InputError as exc:
        return ImportOutcome(path, "failed", reason=f"{path}: {exc}")
    typed = [s for s in diary.overlapping_sessions(session) if s.source_sha256 is None]
    same = [s for s in typed if _same_sport(s.sport, session.sport)]
    if same:  # typed by hand before the file came: one session, not two
        joined = same[0]
        try:
            session, left_out = _vet_joined(joined, session, vet)
        except InputError as exc:
            return ImportOutcome(path, "failed", reason=f"{path}: {exc}")
        warnings += left_out
        if not diary.fill_from_file(joined.id, session):
            return ImportOutcome(path, "duplicate")
        seen.add(result.source_sha256)
        warnings.append(Message(JOINED, _named(joined)))
        return ImportOutcome(path, "imported", session_id=joined.id, warnings=tuple(warnings))
    if typed:  # another sport at that time (a brick, or a slip): both kept, and said
        warnings.append(Message(BESIDE, _named(typed[0])))
    if diary.same_activity_exists(session):
        # The same activity in another file (x.fit and x.fit.gz, or re-exported).
        return ImportOutcome(path, "duplicate")
    session_id = diary.add_imported(session)
    if session_id is None:
        return ImportOutcome(path, "duplicate")
    seen.add(result.source_sha256)
    return ImportOutcome(path, "imported", session_id=session_id, warnings=tuple(warnings))


def _vet_joined(
    typed: Session, imported: SessionCreate, vet: Vet | None
) -> tuple[SessionCreate, list[Message]]:
    """The file's session to join to `typed`, checked as the one session they make: a value
    of the file that cannot be beside the typed ones (a distance too far for the typed
    duration) is left out with a warning, or refuses the file, by the rules of `vet`.
    Raises InputError when the file is refused."""
    filled = filled_in(typed, imported)
    if vet is None or not filled:
        return imported, []
    together, warnings = vet(typed.model_copy(update=filled))
    dropped = {name: None for name in filled if getattr(together, name) is None}
    said = [w for w in warnings if w.values.get("field") in filled]  # of the typed: said before
    return imported.model_copy(update=dropped), said


def _same_sport(typed: str, imported: str) -> bool:
    """Whether a typed session and a file's can be one: the same sport, or either "other"."""
    return typed == imported or "other" in (typed, imported)


def _named(session: Session) -> dict[str, object]:
    return {"id": session.id, "sport": session.sport, "start": session.start.isoformat()}
