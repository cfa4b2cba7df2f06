"""The diary: sessions and cramps (list, log), the patterns and their figure, export, restore."""

from __future__ import annotations

import tempfile
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query
from fastapi.responses import JSONResponse, Response

from crampcoach.api.deps import CoachDep
from crampcoach.api.models.diary import CrampLogRequest, PatternsResult, RestoreResult
from crampcoach.api.problems import INVALID_INPUT, PROBLEM_RESPONSES, ProblemError
from crampcoach.diary.records import Cramp, DiaryExport, Session, SessionCreate
from crampcoach.diary_words import restored
from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.message import Message

router = APIRouter(tags=["diary"], responses=PROBLEM_RESPONSES)

SESSION_EXAMPLES = {
    "ride": {
        "summary": "A hot ride",
        "value": {
            "sport": "cycling",
            "start": "2026-07-04T06:30:00+02:00",
            "duration_s": 12600,
            "distance_m": 96000,
            "temperature_c": 29,
            "fluids_l": 1.5,
            "effort": "hard",
        },
    }
}
OFFSET_NEEDS_SESSION = N_("give the session too ({field} is the time into it)")
ONE_TIME = N_("give {offset} (into the session) or {time}, not both")
NO_ZONE = N_("{value!r} is not a time zone like Europe/Paris")
PLOT_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
TzQuery = Annotated[
    str | None,
    Query(
        max_length=60,
        description="The IANA time zone nights and days are counted in (default: the server's)",
        examples=["Europe/Berlin"],
    ),
]


@router.get("/sessions", response_model=list[Session], summary="List sessions")
def list_sessions(coach: CoachDep) -> list[Session]:
    """The sessions, oldest first."""
    return coach.sessions()


@router.post("/sessions", response_model=Session, status_code=201, summary="Log a session")
def log_session(
    new: Annotated[SessionCreate, Body(openapi_examples=SESSION_EXAMPLES)],
    coach: CoachDep,
    allow_overlap: Annotated[
        bool,
        Query(description="Save it even if a session at that time is already in the diary"),
    ] = False,
) -> Session:
    """Add a training session (SI units: seconds, metres, °C, litres, mg); times come
    back in UTC, as the diary keeps them. A value that cannot be (records.yaml: a start
    after today, an average heart rate above the maximum, 1,000 km/h) is a 422 naming
    each field; a session at the time of one already in the diary is a 409
    (urn:crampcoach:problem:duplicate-session) unless `allow_overlap`."""
    utc = new.model_copy(update={"start": new.start.astimezone(UTC)})
    return coach.log_session(utc, allow_overlap=allow_overlap)


@router.get("/cramps", response_model=list[Cramp], summary="List cramps")
def list_cramps(coach: CoachDep) -> list[Cramp]:
    """The cramps, oldest first."""
    return coach.cramps()


@router.post("/cramps", response_model=Cramp, status_code=201, summary="Log a cramp")
def log_cramp(request: CrampLogRequest, coach: CoachDep) -> Cramp:
    """Add a cramp: in a session (`session`: an id or 'last'; `offset_s` into it, else at
    its start), at night (`at_night`), or at `time` (default: now)."""
    if request.offset_s is not None and request.session is None:
        message = Message(OFFSET_NEEDS_SESSION, {"field": "offset_s"})
        raise ProblemError(INVALID_INPUT, message, [("session", message)])
    if request.offset_s is not None and request.time is not None:
        message = Message(ONE_TIME, {"offset": "offset_s", "time": "time"})
        raise ProblemError(INVALID_INPUT, message, [("offset_s", message), ("time", message)])
    fields = request.model_dump(exclude={"session", "offset_s", "time"})
    time = request.time.astimezone(UTC) if request.time is not None else None
    try:
        return coach.log_cramp(
            fields, session=request.session, offset_s=request.offset_s, time=time
        )
    except InputError as exc:
        if request.session is None:
            raise
        # The session is missing, or the time into it lies outside it.
        field = "offset_s" if "offset" in exc.message.values else "session"
        raise ProblemError.of(exc, field) from exc


def time_zone(name: str | None) -> tzinfo | None:
    """The zone named, None for the server's; a name that is no zone is a 422 on `tz`."""
    if name is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        message = Message(NO_ZONE, {"value": name})
        raise ProblemError(INVALID_INPUT, message, [("tz", message)]) from exc


@router.get("/patterns", response_model=PatternsResult, summary="Your cramp patterns")
def patterns(coach: CoachDep, tz: TzQuery = None) -> PatternsResult:
    """Cramp rate by condition with exact 95% intervals, ranked; each with a sentence."""
    from crampcoach.pattern_words import pattern_report_data

    report = coach.patterns(tz=time_zone(tz))
    return PatternsResult.model_validate(pattern_report_data(report, coach.text))


@router.get(
    "/patterns/plot.{fmt}",
    response_class=Response,
    summary="Your cramp patterns as a figure",
    responses={200: {"content": {t: {"schema": {"type": "string"}} for t in PLOT_TYPES.values()}}},
)
def patterns_plot(fmt: Literal["png", "svg"], coach: CoachDep, tz: TzQuery = None) -> Response:
    """Cramps per month and the cramp rate by condition, drawn as PNG or SVG."""
    zone = time_zone(tz)
    with tempfile.TemporaryDirectory(prefix="crampcoach-plot-") as folder:
        path = Path(folder) / f"patterns.{fmt}"
        coach.patterns(tz=zone, plot=path)
        figure = path.read_bytes()
    return Response(figure, media_type=PLOT_TYPES[fmt])


@router.get(
    "/export",
    response_class=JSONResponse,
    summary="Export the diary",
    responses={
        200: {
            "model": DiaryExport,
            "description": "JSON: everything, restorable; CSV: one table",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
)
def export(
    coach: CoachDep,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
    table: Annotated[
        Literal["sessions", "cramps"], Query(description="The table, for csv")
    ] = "sessions",
) -> Response:
    """The whole diary as JSON (for `/restore`), or one table as CSV."""
    text = coach.export(format, table)
    name = "crampcoach-diary.json" if format == "json" else f"crampcoach-{table}.csv"
    media = "application/json" if format == "json" else "text/csv; charset=utf-8"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(text, media_type=media, headers=headers)


RESTORE_EXAMPLES = {
    "small": {
        "summary": "One session with a cramp in it",
        "value": {
            "format": "crampcoach-diary",
            "version": 1,
            "sessions": [
                {
                    "id": 1,
                    "sport": "running",
                    "start": "2026-05-10T08:00:00Z",
                    "duration_s": 5400,
                    "distance_m": 16000,
                }
            ],
            "cramps": [
                {
                    "id": 1,
                    "time": "2026-05-10T09:20:00Z",
                    "muscle": "calf",
                    "severity": 5,
                    "session_id": 1,
                }
            ],
        },
    }
}


@router.post("/restore", response_model=RestoreResult, summary="Restore an export")
def restore(
    data: Annotated[DiaryExport, Body(openapi_examples=RESTORE_EXAMPLES)], coach: CoachDep
) -> RestoreResult:
    """Restore a JSON export into an empty diary; a diary that holds records is a 409."""
    coach.restore(data)
    counts = {"sessions": len(data.sessions), "cramps": len(data.cramps), "saved": len(data.saved)}
    return RestoreResult(**counts, message=restored(**counts, t=coach.text))
