"""The diary: log a cramp in two taps, import watch files, the sessions, the patterns.

Logging a cramp: tap the muscle, then tap how bad it is (the severity buttons send the
form); it is logged now, at night, or in a session. Watch files (FIT, GPX, TCX, plain or
.gz) are imported as the API's `/imports` does, with a result per file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from crampcoach.api.routes.imports import TOO_MANY
from crampcoach.diary_words import diary_totals
from crampcoach.errors import InputError
from crampcoach.fact_words import number_words, sport_label
from crampcoach.i18n import N_
from crampcoach.message import Message
from crampcoach.web.errors import PageRoute, unavailable
from crampcoach.web.pages import FormDep, Page, PageDep, text_field
from crampcoach.web.patterns import pattern_context

if TYPE_CHECKING:
    from fastapi.responses import Response

    from crampcoach.diary.records import Cramp, Session
    from crampcoach.i18n import Translator
    from crampcoach.import_jobs import ImportJob, JobQueue
    from crampcoach.uploads import FileOutcome

router = APIRouter(route_class=PageRoute, include_in_schema=False)
SHOWN = 20  # the newest sessions and cramps on the diary page
PICK_MUSCLE = N_("Tap the muscle that cramped first.")
PICK_SEVERITY = N_("Tap how bad it was, from 1 to 10.")
PICK_SESSION = N_("Choose the session the cramp came in.")
NO_FILES = N_("Choose one or more watch files first.")
LOGGED = N_("Cramp logged.")
GONE = N_("This import result is no longer here")
GONE_DETAIL = N_("Import results are kept only for a while; your sessions are in the diary.")
STATUS = {
    "imported": N_("imported"),
    "duplicate": N_("already in the diary"),
    "skipped": N_("skipped: not an activity"),
    "failed": N_("failed"),
    "rejected": N_("not read"),
}


def when(time: datetime) -> str:
    """A diary time in the server's local time, as numbers (the same in every language)."""
    return time.astimezone().strftime("%Y-%m-%d %H:%M")


def session_rows(page: Page, sessions: list[Session], cramps: list[Cramp]) -> list[dict[str, Any]]:
    counts: dict[int, int] = {}
    for cramp in cramps:
        if cramp.session_id is not None:
            counts[cramp.session_id] = counts.get(cramp.session_id, 0) + 1
    return [
        {
            "id": s.id,
            "when": when(s.start),
            "sport": sport_label(s.sport, page.coach),
            "duration": number_words("activity.duration_s", s.duration_s, page.t),
            "distance": number_words("activity.distance_m", s.distance_m, page.t)
            if s.distance_m
            else "",
            "cramps": counts.get(s.id, 0),
        }
        for s in reversed(sessions[-SHOWN:])
    ]


def diary_page(
    page: Page, status: int = 200, error: str | None = None, chosen: dict[str, str] | None = None
) -> Response:
    sessions, cramps = page.coach.sessions(), page.coach.cramps()
    kb = page.coach.kb
    return page.render(
        "diary/index.html",
        status,
        muscles=[(m.id, page.t(m.label)) for m in kb.muscles.values()],
        sessions=session_rows(page, sessions, cramps),
        cramps=[
            {
                "when": when(c.time),
                "muscle": page.t(kb.muscles[c.muscle].label),
                "severity": c.severity,
                "session": c.session_id,
                "night": c.at_night,
            }
            for c in reversed(cramps[-SHOWN:])
        ],
        totals=diary_totals(len(sessions), len(cramps), page.t),
        error=error,
        chosen={"muscle": "", "when": "", "session": "", **(chosen or {})},
        logged=page.request.query_params.get("logged") == "1",
        limit_files=page.site.limits.files,
    )


@router.get("/diary")
def diary(page: PageDep) -> Response:
    return diary_page(page)


@router.post("/diary/cramps")
def log_cramp(page: PageDep, form: FormDep) -> Response:
    """A cramp: the muscle tapped, then its severity (the button that sends the form)."""
    muscle = text_field(form, "muscle", 20)
    severity = text_field(form, "severity", 3)
    moment = text_field(form, "when", 10) or "now"
    session = text_field(form, "session", 20)
    chosen = {"muscle": muscle, "when": moment, "session": session}
    if muscle not in page.coach.kb.muscles:
        return diary_page(page, 422, page.t(PICK_MUSCLE), chosen)
    if not severity.isdigit() or not 1 <= int(severity) <= 10:
        return diary_page(page, 422, page.t(PICK_SEVERITY), chosen)
    fields = {"muscle": muscle, "severity": int(severity), "at_night": moment == "night"}
    in_session: int | None = None
    if moment == "session":
        if not session.isdigit():
            return diary_page(page, 422, page.t(PICK_SESSION), chosen)
        in_session = int(session)
    try:
        page.coach.log_cramp(
            fields, session=in_session, time=None if in_session else datetime.now(UTC)
        )
    except (InputError, ValidationError) as exc:
        words = exc.words(page.t) if isinstance(exc, InputError) else page.t(PICK_SESSION)
        return diary_page(page, 422, words, chosen)
    return page.redirect("/diary?logged=1#log")


@router.post("/diary/imports")
def import_files(page: PageDep, form: FormDep) -> Response:
    """Watch files into the diary; a result per file (as the API's /imports). The page's
    script sends the form with `background=1`: the import then runs on while the page
    shows its progress (the API's GET /imports/{job}), and its result page follows."""
    from crampcoach.uploads import Upload, import_staged, stage

    t = page.t
    limits = page.site.limits
    uploads = [
        u for u in form.getlist("files") if isinstance(u, UploadFile) and (u.filename or u.size)
    ]
    if not uploads:
        return diary_page(page, 422, t(NO_FILES))
    if len(uploads) > limits.files:
        return diary_page(page, 422, t(TOO_MANY, limit=limits.files, count=len(uploads)))
    staged = stage([Upload(u.filename, u.file) for u in uploads], limits.file_bytes)
    if form.get("background") == "1":
        job = import_jobs(page).start(page.coach, staged)
        body = {"progress": f"/api/v1/imports/{job.id}", "result": f"/diary/imports/job/{job.id}"}
        return JSONResponse(body, status_code=202)
    outcomes = import_staged(page.coach, staged)
    kept = ("imports", outcomes, page.coach.athlete_id)
    return page.redirect(f"/diary/imports/{page.site.results.add(kept)}")


def import_jobs(page: Page) -> JobQueue:
    jobs: JobQueue = page.request.app.state.imports
    return jobs


@router.get("/diary/imports/job/{job_id}")
def import_job(job_id: str, page: PageDep) -> Response:
    """A background import: its result, or how far it is (the page reloads until done)."""
    job = import_jobs(page).get(page.coach, job_id)
    if job is None:
        raise unavailable(GONE, Message(GONE_DETAIL))
    return imports_page(page, job.finished(), job)


@router.get("/diary/imports/{result_id}")
def import_result(result_id: str, page: PageDep) -> Response:
    kept = page.site.results.get(result_id)
    if not (isinstance(kept, tuple) and kept[0] == "imports" and kept[2] == page.coach.athlete_id):
        raise unavailable(GONE, Message(GONE_DETAIL))
    return imports_page(page, kept[1])


def shown_reason(outcome: FileOutcome, t: Translator) -> str | None:
    """Why a file was not imported, or what was left out of one that was."""
    return "; ".join(outcome.warning_words(t)) or outcome.reason_words(t)


def imports_page(page: Page, outcomes: list[FileOutcome], job: ImportJob | None = None) -> Response:
    """Each file's result; for a background import still running, how far it is."""
    return page.render(
        "diary/imports.html",
        rows=[(o, page.t(STATUS[o.status]), shown_reason(o, page.t)) for o in outcomes],
        imported=sum(o.status == "imported" for o in outcomes),
        running=job is not None and job.status == "running",
        failed=job is not None and job.status == "failed",
        done=job.done if job else len(outcomes),
        files=job.total if job else len(outcomes),
    )


@router.get("/diary/patterns")
def patterns(page: PageDep) -> Response:
    """The cramp rate under each condition, with its interval, drawn and listed."""
    return page.render("diary/patterns.html", **pattern_context(page, page.coach.patterns()))
