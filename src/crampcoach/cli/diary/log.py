"""`crampcoach log session` and `crampcoach log cramp`: add a record to the diary by hand."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.markup import escape

from crampcoach.cli.context import translator
from crampcoach.cli.diary.options import DbOption, JsonOption, parse_time, quantity, run, validated
from crampcoach.cli.diary.output import clock, local, print_json, screen
from crampcoach.cli.errors import err_console, fail
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.diary.records import Session, SessionCreate

EXIT_NOT_SAVED = 1  # the person chose not to save a likely duplicate
NOT_SAVED_WITHOUT_YES = N_("{problem}. Nothing was saved: add --yes to save it anyway.")

log_app = typer.Typer(help="Add a session or a cramp to the diary.", no_args_is_help=True)


@log_app.command("session")
def log_session(
    ctx: typer.Context,
    sport: Annotated[str, typer.Option(help="running, cycling, swimming, ...")],
    duration: Annotated[str, typer.Option(help='How long: "1h30", "95 min", "1:35:00".')],
    start: Annotated[
        str | None, typer.Option(help="ISO time, local unless a zone is given; default now.")
    ] = None,
    distance: Annotated[str | None, typer.Option(help='"21.1 km", "13.1 mi".')] = None,
    ascent: Annotated[str | None, typer.Option(help='Elevation gain: "450 m", "1500 ft".')] = None,
    avg_hr: Annotated[
        float | None, typer.Option("--avg-hr", help="Average heart rate (bpm).")
    ] = None,
    max_hr: Annotated[
        float | None, typer.Option("--max-hr", help="Maximum heart rate (bpm).")
    ] = None,
    temperature: Annotated[str | None, typer.Option(help='Air temperature: "28 C", "82F".')] = None,
    humidity: Annotated[
        str | None, typer.Option(help='Relative humidity of the air: "80%".')
    ] = None,
    water_temp: Annotated[
        str | None,
        typer.Option(
            "--water-temp", "--water-temperature", help='Water temperature of a swim: "14C".'
        ),
    ] = None,
    warmup: Annotated[
        bool | None, typer.Option("--warmup/--no-warmup", help="Warmed up or not.")
    ] = None,
    fluids: Annotated[
        str | None, typer.Option(help='Drunk during the session: "750 ml", "1.5 l".')
    ] = None,
    sodium: Annotated[str | None, typer.Option(help='Sodium taken: "600 mg", "1 g".')] = None,
    effort: Annotated[str | None, typer.Option(help="easy, usual, hard or race.")] = None,
    notes: Annotated[str | None, typer.Option(help="Free text.")] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", "-y", help="Save even if a session at that time is already in the diary."
        ),
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log a training session (units as you write them: "1h30", "10 km", "86 F", "80%").

    A session at the time of one already kept may be it: you are asked first (or --yes).
    """
    from crampcoach.diary.records import SessionCreate

    fields = {
        "sport": sport,
        "start": parse_time("--start", start),
        "duration_s": quantity("--duration", duration, "s"),
        "distance_m": quantity("--distance", distance, "m"),
        "ascent_m": quantity("--ascent", ascent, "m"),
        "avg_heart_rate": avg_hr,
        "max_heart_rate": max_hr,
        "temperature_c": quantity("--temperature", temperature, "degC"),
        "humidity_percent": quantity("--humidity", humidity, "percent"),
        "water_temperature_c": quantity("--water-temp", water_temp, "degC"),
        "warmup": warmup,
        "fluids_l": quantity("--fluids", fluids, "l"),
        "sodium_mg": quantity("--sodium", sodium, "mg"),
        "effort": effort,
        "notes": notes,
    }
    new = validated(lambda: SessionCreate.model_validate(fields))
    session = run(ctx, db, lambda coach: _save_session(coach, new, yes))
    if as_json:
        print_json(session.model_dump(mode="json"))
    else:
        said = translator()(
            N_("Saved session {id}: {sport}, {time}, started {start}."),
            id=session.id,
            sport=session.sport,
            time=clock(session.duration_s),
            start=local(session.start),
        )
        screen().print(said)


@log_app.command("cramp")
def log_cramp(
    ctx: typer.Context,
    muscle: Annotated[str, typer.Option(help="calf, hamstring, quadriceps, foot or other.")],
    severity: Annotated[int, typer.Option(help="1 (mild) to 10 (worst ever).")],
    duration: Annotated[
        str | None, typer.Option(help='How long it lasted: "2 min", "45 s".')
    ] = None,
    session: Annotated[str | None, typer.Option(help='Session id, or "last".')] = None,
    at: Annotated[
        str | None, typer.Option(help='Time into the session: "2:31:00", "1h20".')
    ] = None,
    time: Annotated[
        str | None, typer.Option(help="ISO time, local unless a zone is given.")
    ] = None,
    night: Annotated[bool, typer.Option("--night", help="It woke you at night.")] = False,
    relieved_by: Annotated[str | None, typer.Option(help='What helped: "stretching".')] = None,
    relief: Annotated[str | None, typer.Option(help='How fast it helped: "30 s".')] = None,
    notes: Annotated[str | None, typer.Option(help="Free text.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log a cramp: in a session (--session ID|last --at 2:31:00), at night (--night), or else."""
    if at is not None and session is None:
        fail(N_("--at: give the session too (--session ID or --session last)"))
    if at is not None and time is not None:
        fail(N_("--at and --time: give one of them"))
    offset = quantity("--at", at, "s")
    fields: dict[str, Any] = {
        "muscle": muscle,
        "severity": severity,
        "duration_s": quantity("--duration", duration, "s"),
        "at_night": night,
        "relieved_by": relieved_by,
        "relief_s": quantity("--relief", relief, "s"),
        "notes": notes,
    }
    session_id = _session_id(session)
    moment = parse_time("--time", time) if time is not None else None
    cramp = run(
        ctx,
        db,
        lambda coach: validated(
            lambda: coach.log_cramp(fields, session=session_id, offset_s=offset, time=moment)
        ),
    )
    if as_json:
        print_json(cramp.model_dump(mode="json"))
    else:
        t = translator()
        if cramp.session_id:
            where = t(N_("in session {id}"), id=cramp.session_id)
        else:
            where = t(N_("at night")) if cramp.at_night else ""
        said = t(
            N_("Saved cramp {id}: {muscle}, severity {severity} {where}"),
            id=cramp.id,
            muscle=cramp.muscle,
            severity=cramp.severity,
            where=where,
        )
        screen().print(said.rstrip() + ".")


def _stdin_is_terminal() -> bool:
    """Whether a person is at the keyboard to answer (tests replace this)."""
    return sys.stdin.isatty()


def _save_session(coach: Coach, new: SessionCreate, yes: bool) -> Session:
    """Save `new`; one that overlaps a session already kept only once the person says so."""
    from rich.prompt import Confirm

    from crampcoach.diary_checks import DuplicateSessionError

    try:
        return coach.log_session(new, allow_overlap=yes)
    except DuplicateSessionError as exc:
        t = translator()
        if not _stdin_is_terminal():
            fail(NOT_SAVED_WITHOUT_YES, problem=exc.message)
        for old in exc.existing:
            said = t(
                N_("Session {id} is already in the diary: {sport}, {time}, started {start}."),
                id=old.id,
                sport=old.sport,
                time=clock(old.duration_s),
                start=local(old.start),
            )
            err_console.print(escape(said))
        if not Confirm.ask(t(N_("Save this one too?")), console=err_console, default=False):
            err_console.print(escape(t(N_("Nothing was saved."))))
            raise typer.Exit(EXIT_NOT_SAVED) from None
        return coach.log_session(new, allow_overlap=True)


def _session_id(given: str | None) -> int | Literal["last"] | None:
    if given is None:
        return None
    if given.strip().lower() == "last":
        return "last"
    try:
        number = int(given)
    except ValueError:
        fail(N_("--session: {value!r} is neither a session id nor 'last'"), value=given[:40])
    if not 1 <= number < 2**63:
        fail(N_("--session: no session has the id {value}"), value=given[:40])
    return number
