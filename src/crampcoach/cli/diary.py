"""Diary commands: log sessions and cramps, import watch files, list, find patterns, export."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from crampcoach.cli.context import coach_of
from crampcoach.cli.errors import err_console, fail
from crampcoach.core.patterns import PatternReport, describe
from crampcoach.diary.records import DiaryExport, SessionCreate
from crampcoach.errors import CrampcoachError, describe_validation_error
from crampcoach.units import UnitError, parse_quantity

if TYPE_CHECKING:  # SQLAlchemy is imported when a diary command runs, not at start-up
    from crampcoach.coach import Coach
    from crampcoach.diary.repository import ImportOutcome, Reader

EXIT_FILES_FAILED = 1
T = TypeVar("T")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="SQLAlchemy database URL (default: $CRAMPCOACH_DB, else a SQLite file in the "
        "data folder).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]

log_app = typer.Typer(help="Add a session or a cramp to the diary.", no_args_is_help=True)
out = Console(highlight=False, soft_wrap=True)

# Tests swap in a fake reader here; None means the real watch-file parsers.
import_reader: Reader | None = None


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


class ExportTable(StrEnum):
    sessions = "sessions"
    cramps = "cramps"


def run(ctx: typer.Context, db: str | None, call: Callable[[Coach], T]) -> T:
    """`call` on the Coach of this run, on the diary at --db (or the default).

    Every known error becomes a clean exit 2.
    """
    try:
        return call(coach_of(ctx, db))
    except CrampcoachError as exc:
        fail(str(exc))


def quantity(option: str, value: str | None, target: str) -> float | None:
    """`value` in `target` units, or None; bad text fails naming the option."""
    if value is None:
        return None
    try:
        return parse_quantity(value, target)
    except UnitError as exc:
        fail(f"{option}: {exc}")


def parse_time(option: str, value: str | None) -> datetime:
    """ISO date-time; without a zone it is local time. None means now."""
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value.strip())
        return moment.astimezone(UTC) if moment.tzinfo else moment.astimezone().astimezone(UTC)
    except (ValueError, OverflowError):
        fail(f"{option}: {value[:40]!r} is not a date and time like 2026-11-01T07:30")


# Record fields as the options that set them, for messages.
OPTION_OF = {
    "duration_s": "--duration",
    "distance_m": "--distance",
    "ascent_m": "--ascent",
    "avg_heart_rate": "--avg-hr",
    "max_heart_rate": "--max-hr",
    "temperature_c": "--temperature",
    "fluids_l": "--fluids",
    "sodium_mg": "--sodium",
    "relief_s": "--relief",
    "relieved_by": "--relieved-by",
    "at_night": "--night",
    "session_id": "--session",
}


def validated(build: Callable[[], T]) -> T:
    """Run a pydantic constructor; a validation error fails naming every bad option."""
    try:
        return build()
    except ValidationError as exc:
        fail(describe_validation_error(exc, _option_of))


def _option_of(loc: tuple[str, ...]) -> str:
    field = ".".join(loc)
    return OPTION_OF.get(field, f"--{field.replace('_', '-')}" if field else "input")


def print_json(data: Any) -> None:
    """JSON on stdout, nothing else."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def clock(seconds: float | None) -> str:
    """Seconds as h:mm:ss."""
    if seconds is None:
        return ""
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _num(value: float | None, fmt: str = "{:.0f}") -> str:
    return "" if value is None else fmt.format(value)


# --- log ---------------------------------------------------------------------------------


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
    temperature: Annotated[
        str | None, typer.Option(help='Air or water temperature: "28 C", "82F".')
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
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log a training session (units as you write them: "1h30", "10 km", "86 F")."""
    fields = {
        "sport": sport,
        "start": parse_time("--start", start),
        "duration_s": quantity("--duration", duration, "s"),
        "distance_m": quantity("--distance", distance, "m"),
        "ascent_m": quantity("--ascent", ascent, "m"),
        "avg_heart_rate": avg_hr,
        "max_heart_rate": max_hr,
        "temperature_c": quantity("--temperature", temperature, "degC"),
        "warmup": warmup,
        "fluids_l": quantity("--fluids", fluids, "l"),
        "sodium_mg": quantity("--sodium", sodium, "mg"),
        "effort": effort,
        "notes": notes,
    }
    new = validated(lambda: SessionCreate.model_validate(fields))
    session = run(ctx, db, lambda coach: coach.log_session(new))
    if as_json:
        print_json(session.model_dump(mode="json"))
    else:
        out.print(
            f"Saved session {session.id}: {session.sport}, {clock(session.duration_s)}, "
            f"started {local(session.start)}."
        )


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
        fail("--at: give the session too (--session ID or --session last)")
    if at is not None and time is not None:
        fail("--at and --time: give one of them")
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
        where = (
            f"in session {cramp.session_id}"
            if cramp.session_id
            else "at night"
            if cramp.at_night
            else ""
        )
        out.print(
            f"Saved cramp {cramp.id}: {cramp.muscle}, severity {cramp.severity} {where}".rstrip()
            + "."
        )


def _session_id(given: str | None) -> int | Literal["last"] | None:
    if given is None:
        return None
    if given.strip().lower() == "last":
        return "last"
    try:
        number = int(given)
    except ValueError:
        fail(f"--session: {given[:40]!r} is neither a session id nor 'last'")
    if not 1 <= number < 2**63:
        fail(f"--session: no session has the id {given[:40]}")
    return number


# --- import ------------------------------------------------------------------------------


def import_files(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (FIT, GPX, TCX, .gz).")],
    workers: Annotated[int, typer.Option(min=1, help="Processes reading files.")] = 2,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import watch files; the same file twice is skipped, a broken one reported (exit 1)."""
    files = run(ctx, db, lambda coach: coach.activity_files(paths))
    progress = Progress(
        TextColumn("Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    )
    with progress:
        task = progress.add_task("import", total=len(files))

        def advance(outcome: ImportOutcome) -> None:
            progress.advance(task)
            if outcome.status == "failed":
                progress.console.print(f"[red]Failed:[/] {outcome.reason}", soft_wrap=True)

        report = run(
            ctx,
            db,
            lambda coach: coach.import_files(
                files, workers=workers, reader=import_reader, on_outcome=advance
            ),
        )
    summary = {
        "files": len(report.outcomes),
        "imported": report.count("imported"),
        "duplicates": report.count("duplicate"),
        "skipped": report.count("skipped"),
        "failed": report.count("failed"),
        "failures": [{"path": str(o.path), "reason": o.reason} for o in report.failed],
    }
    if as_json:
        print_json(summary)
    else:
        out.print(
            f"Imported {summary['imported']} of {summary['files']} files; "
            f"{summary['duplicates']} already in the diary; {summary['skipped']} not activities "
            f"(settings or monitoring files); {summary['failed']} failed."
        )
    if report.failed:
        raise typer.Exit(EXIT_FILES_FAILED)


# --- lists -------------------------------------------------------------------------------


def sessions(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List sessions, oldest first."""
    rows = run(ctx, db, lambda coach: coach.sessions())
    if as_json:
        print_json([s.model_dump(mode="json") for s in rows])
        return
    table = Table("id")
    table.add_column("start", no_wrap=True)
    for name in ("sport", "time", "km", "avg HR", "°C", "effort"):
        table.add_column(name)
    for s in rows:
        table.add_row(
            str(s.id),
            local(s.start),
            s.sport,
            clock(s.duration_s),
            _num(s.distance_m and s.distance_m / 1000, "{:.1f}"),
            _num(s.avg_heart_rate),
            _num(s.temperature_c, "{:.1f}"),
            s.effort or "",
        )
    out.print(table if rows else "No sessions yet: crampcoach log session, or crampcoach import.")


def cramps(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List cramps, oldest first."""
    rows = run(ctx, db, lambda coach: coach.cramps())
    starts = {s.id: s.start for s in run(ctx, db, lambda coach: coach.sessions())} if rows else {}
    if as_json:
        print_json([c.model_dump(mode="json") for c in rows])
        return
    table = Table("id")
    table.add_column("time", no_wrap=True)
    for name in ("muscle", "sev.", "lasted"):
        table.add_column(name)
    table.add_column("where", no_wrap=True)
    table.add_column("relieved by")
    for c in rows:
        where = "night" if c.at_night else ""
        if c.session_id is not None and c.session_id in starts:
            offset = (c.time - starts[c.session_id]).total_seconds()
            where = f"session {c.session_id} at {clock(offset)}"
        table.add_row(
            str(c.id),
            local(c.time),
            c.muscle,
            str(c.severity),
            clock(c.duration_s),
            where,
            c.relieved_by or "",
        )
    out.print(table if rows else "No cramps yet: crampcoach log cramp.")


# --- patterns ----------------------------------------------------------------------------


def report_json(report: PatternReport) -> dict[str, Any]:
    """The pattern report as JSON-ready data, each pattern with its sentence."""
    data = asdict(report)
    data["today"] = report.today.isoformat()
    for item, pattern in zip(data["patterns"], report.patterns, strict=True):
        item["summary"] = describe(pattern)
    return data


def patterns(
    ctx: typer.Context,
    plot: Annotated[
        Path | None, typer.Option(help="Also draw the figures to FILE (.png or .svg).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Your own cramp patterns: rate by condition with exact 95% intervals, ranked."""
    report = run(ctx, db, lambda coach: coach.patterns(plot=plot))
    if as_json:
        print_json(report_json(report))
    else:
        _print_report(report)
    if plot is not None:
        err_console.print(f"Figure written to {plot}")


def _print_report(report: PatternReport) -> None:
    out.print(
        f"{report.sessions} sessions, {report.session_cramps} cramps in sessions, "
        f"{report.night_cramps} at night."
    )
    counts = Counter(p.status for p in report.patterns)
    for p in report.patterns:
        if p.status == "higher":
            out.print(f"[bold red]•[/] {describe(p)}")
            factor = f" ({p.factor_id})" if p.factor_id else ""
            out.print(f"  Prevention{factor}: {p.prevention}")
        elif p.status == "lower":
            out.print(f"[green]•[/] {describe(p)}")
    if counts["no_clear_difference"]:
        out.print(f"No clear difference: {counts['no_clear_difference']} conditions (see --json).")
    if counts["not_enough_data"]:
        out.print(f"Not enough data yet: {counts['not_enough_data']} conditions. {report.rule}")
    out.print(f"[dim]{report.caveat}[/]")


# --- export and restore ------------------------------------------------------------------


def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="json (everything) or csv (one table).")
    ] = ExportFormat.json,
    table: Annotated[ExportTable, typer.Option(help="Table for csv.")] = ExportTable.sessions,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export the diary: JSON holds everything and can be restored; CSV is one table."""
    text = run(ctx, db, lambda coach: coach.export(fmt.value, table.value))
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"--output: cannot write {output}: {exc.strerror}")
    err_console.print(f"Exported to {output}")


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A JSON file written by crampcoach export.")],
    db: DbOption = None,
) -> None:
    """Restore a JSON export into an empty diary (refuses a diary that holds records)."""
    try:
        raw = file.read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"restore: cannot read {file}: {exc.strerror}")
    except UnicodeDecodeError:
        fail(f"restore: {file} is not a text file, so not a crampcoach export")
    try:
        data = DiaryExport.model_validate_json(raw)
    except ValidationError as exc:
        fail(f"restore: {file} is not a crampcoach export: {describe_validation_error(exc)}")
    run(ctx, db, lambda coach: coach.restore(data))
    out.print(
        f"Restored {len(data.sessions)} sessions, {len(data.cramps)} cramps and "
        f"{len(data.saved)} saved results."
    )


def register(app: typer.Typer) -> None:
    """Add the diary commands to `app`."""
    app.add_typer(log_app, name="log")
    app.command("import")(import_files)
    app.command("sessions")(sessions)
    app.command("cramps")(cramps)
    app.command("patterns")(patterns)
    app.command("export")(export)
    app.command("restore")(restore)
