"""`POST /imports`: watch files (FIT, GPX, TCX, gzipped or not) uploaded into the diary.

Each file is checked (its name, its size), written to a temporary folder and imported
with `Coach.import_files`; the response says what became of each file. A file that is
not a watch file or is over the cap is `rejected` without being read; the rest of the
upload goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from crampcoach.api.deps import CoachDep, ImportJobsDep, LimitsDep
from crampcoach.api.models.diary import FileResult, ImportJobResult, ImportResult
from crampcoach.api.problems import INVALID_INPUT, NOT_FOUND, PROBLEM_RESPONSES, ProblemError
from crampcoach.i18n import N_, Translator
from crampcoach.message import Message

if TYPE_CHECKING:
    from crampcoach.api.limits import Limits
    from crampcoach.import_jobs import ImportJob
    from crampcoach.uploads import FileOutcome, Staged


router = APIRouter(tags=["diary"], responses=PROBLEM_RESPONSES)

TOO_MANY = N_("at most {limit} files in one upload (got {count})")
NO_JOB = N_("no import {id} here: it finished long ago, or it is not yours")


def staged_uploads(files: list[UploadFile], limits: Limits) -> Staged:
    """The upload's files copied aside (too many is a 422 problem, before any is read)."""
    from crampcoach.uploads import Upload, stage

    if len(files) > limits.files:
        message = Message(TOO_MANY, {"limit": limits.files, "count": len(files)})
        raise ProblemError(INVALID_INPUT, message, [("files", message)])
    return stage([Upload(f.filename, f.file) for f in files], limits.file_bytes)


def file_results(outcomes: Sequence[FileOutcome], t: Translator) -> list[FileResult]:
    return [
        FileResult(
            file=o.name,
            status=o.status,
            session_id=o.session_id,
            reason=o.reason_words(t),
            warnings=o.warning_words(t),
        )
        for o in outcomes
    ]


def import_result(outcomes: Sequence[FileOutcome], t: Translator) -> ImportResult:
    """The counts and each file's result, in the order uploaded."""
    return ImportResult(
        files=len(outcomes),
        imported=sum(o.status == "imported" for o in outcomes),
        duplicates=sum(o.status == "duplicate" for o in outcomes),
        skipped=sum(o.status == "skipped" for o in outcomes),
        failed=sum(o.status == "failed" for o in outcomes),
        rejected=sum(o.status == "rejected" for o in outcomes),
        results=file_results(outcomes, t),
    )


def job_view(job: ImportJob, t: Translator) -> ImportJobResult:
    return ImportJobResult(
        id=job.id,
        status=job.status,
        files=job.total,
        done=job.done,
        result=import_result(job.finished(), t),
    )


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
    responses={202: {"model": ImportJobResult, "description": "Started in the background"}},
)
def import_files(
    files: Annotated[
        list[UploadFile],
        File(description="FIT, GPX or TCX files, plain or .gz, each under the per-file cap"),
    ],
    coach: CoachDep,
    limits: LimitsDep,
    jobs: ImportJobsDep,
    request: Request,
    background: Annotated[
        bool,
        Query(
            description="Start the import and answer at once (202, with the job's URL in "
            "Location): poll GET /imports/{job_id} for its progress. Without it the answer "
            "waits for the whole import."
        ),
    ] = False,
) -> ImportResult | JSONResponse:
    """Import watch files as sessions. The same file twice is a duplicate; a broken file is
    `failed` with its reason, a file of another kind or over the cap `rejected`."""
    from crampcoach.uploads import import_staged

    staged = staged_uploads(files, limits)
    if background:
        job = jobs.start(coach, staged)
        return JSONResponse(
            job_view(job, coach.text).model_dump(mode="json"),
            status_code=202,
            headers={"Location": f"{request.url.path.rstrip('/')}/{job.id}"},
        )
    return import_result(import_staged(coach, staged), coach.text)


@router.get("/imports/{job_id}", response_model=ImportJobResult, summary="An import's progress")
def import_job(job_id: str, coach: CoachDep, jobs: ImportJobsDep) -> ImportJobResult:
    """How far a background import is (`done` of `files`), and each file's result so far."""
    job = jobs.get(coach, job_id)
    if job is None:
        message = Message(NO_JOB, {"id": job_id[:40]})
        raise ProblemError(NOT_FOUND, message, [("job_id", message)])
    return job_view(job, coach.text)
