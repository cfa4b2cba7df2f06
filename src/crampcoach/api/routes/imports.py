"""`POST /imports`: watch files (FIT, GPX, TCX, gzipped or not) uploaded into the diary.

Each file is checked (its name, its size), written to a temporary folder and imported
with `Coach.import_files`; the response says what became of each file. A file that is
not a watch file or is over the cap is `rejected` without being read; the rest of the
upload goes on.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, File, UploadFile

from crampcoach.api.deps import CoachDep, LimitsDep
from crampcoach.api.models.diary import FileResult, ImportResult
from crampcoach.api.problems import INVALID_INPUT, PROBLEM_RESPONSES, ProblemError
from crampcoach.i18n import N_, Translator
from crampcoach.message import Message

if TYPE_CHECKING:
    from crampcoach.diary.repository import Reader, ReadResult

router = APIRouter(tags=["diary"], responses=PROBLEM_RESPONSES)

TOO_MANY = N_("at most {limit} files in one upload (got {count})")
NOT_WATCH_FILE = N_("not a watch file: the name must end in {suffixes}")
OVER_CAP = N_("over {limit} bytes, the most one file may have")
CHUNK = 1024 * 1024


def display_name(upload: UploadFile, number: int) -> str:
    """The file's own name (no folders), or a stand-in when the client sent none."""
    name = PurePath((upload.filename or "").replace("\\", "/")).name
    name = "".join(char for char in name if char.isprintable()).strip()
    return name[:200] or f"file-{number}"


def named_reader(names: dict[Path, str]) -> Reader:
    """The watch-file reader, keeping in the diary the uploaded name, not the temporary path."""
    from crampcoach.diary.importers import read_many

    def read(paths: Sequence[Path]) -> Iterable[ReadResult]:
        for path, result in read_many(paths, workers=1):
            if not isinstance(result, Exception):
                result = dataclasses.replace(result, source_path=names[path])
            yield path, result

    return read


def save_upload(upload: UploadFile, target: Path, cap: int) -> bool:
    """Copy the upload to `target`; False (and nothing kept) once it is over `cap` bytes."""
    size = 0
    with target.open("wb") as out:
        upload.file.seek(0)
        while chunk := upload.file.read(CHUNK):
            size += len(chunk)
            if size > cap:
                break
            out.write(chunk)
    if size > cap:
        target.unlink()
        return False
    return True


def reason_words(reason: str | None, temporary: Path, name: str) -> str | None:
    """A reader's reason, naming the uploaded file rather than its temporary copy."""
    return reason.replace(str(temporary), name) if reason else reason


UPLOAD_EXAMPLE = {
    "two files": {
        "summary": "A FIT file and a gzipped GPX file, as multipart/form-data parts 'files'",
        "value": {"files": ["morning-run.fit", "hill-ride.gpx.gz"]},
    }
}


@router.post(
    "/imports",
    response_model=ImportResult,
    summary="Import watch files",
    openapi_extra={
        "requestBody": {"content": {"multipart/form-data": {"examples": UPLOAD_EXAMPLE}}}
    },
)
def import_files(
    files: Annotated[
        list[UploadFile],
        File(description="FIT, GPX or TCX files, plain or .gz, each under the per-file cap"),
    ],
    coach: CoachDep,
    limits: LimitsDep,
) -> ImportResult:
    """Import watch files as sessions. The same file twice is a duplicate; a broken file is
    `failed` with its reason, a file of another kind or over the cap `rejected`."""
    from crampcoach.diary.importers.reader import ACTIVITY_SUFFIXES

    t: Translator = coach.text
    if len(files) > limits.files:
        message = Message(TOO_MANY, {"limit": limits.files, "count": len(files)})
        raise ProblemError(INVALID_INPUT, message, [("files", message)])
    results: list[FileResult | None] = [None] * len(files)
    with tempfile.TemporaryDirectory(prefix="crampcoach-upload-") as folder:
        names: dict[Path, str] = {}
        order: dict[Path, int] = {}
        for number, upload in enumerate(files):
            name = display_name(upload, number + 1)
            if not name.lower().endswith(ACTIVITY_SUFFIXES):
                reason = t(NOT_WATCH_FILE, suffixes=", ".join(ACTIVITY_SUFFIXES))
                results[number] = FileResult(file=name, status="rejected", reason=reason)
                continue
            # A folder per file: two uploads of the same name stay apart.
            target = Path(folder, str(number), name)
            target.parent.mkdir()
            if not save_upload(upload, target, limits.file_bytes):
                reason = t(OVER_CAP, limit=limits.file_bytes)
                results[number] = FileResult(file=name, status="rejected", reason=reason)
                continue
            names[target], order[target] = name, number
        if names:
            report = coach.import_files(list(names), workers=1, reader=named_reader(names))
            for outcome in report.outcomes:
                name = names[outcome.path]
                results[order[outcome.path]] = FileResult(
                    file=name,
                    status=outcome.status,
                    session_id=outcome.session_id,
                    reason=reason_words(outcome.reason, outcome.path, name),
                    warnings=[warning.words(t) for warning in outcome.warnings],
                )
    done = [result for result in results if result is not None]
    return ImportResult(
        files=len(done),
        imported=sum(r.status == "imported" for r in done),
        duplicates=sum(r.status == "duplicate" for r in done),
        skipped=sum(r.status == "skipped" for r in done),
        failed=sum(r.status == "failed" for r in done),
        rejected=sum(r.status == "rejected" for r in done),
        results=done,
    )
