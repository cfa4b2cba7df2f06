"""The options the diary commands share, and their values read: a clean exit 2 on bad input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from crampcoach.cli.context import coach_of
from crampcoach.cli.errors import fail
from crampcoach.errors import CrampcoachError, describe_validation_error
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.core.record_checks import RecordError


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


def run(
    ctx: typer.Context, db: str | None, call: Callable[[Coach], T], *, reading: bool = False
) -> T:
    """`call` on the Coach of this run, on the diary at --db (or the default).

    `reading`: the command only reads, and a diary named that does not exist is an error
    (a path typed with a slip), not a new empty file. Every known error becomes a clean
    exit 2.
    """
    from crampcoach.core.record_checks import RecordError

    try:
        coach = coach_of(ctx, db)
        if reading:
            coach.require_diary()
        return call(coach)
    except RecordError as exc:
        fail(by_option(exc))
    except CrampcoachError as exc:
        fail(exc)


def by_option(exc: RecordError) -> RecordError:
    """A RecordError as the options that set its fields name them: "--avg-hr: ..."."""
    from crampcoach.core.record_checks import RecordError as Named
    from crampcoach.core.record_checks import RecordProblem

    return Named([RecordProblem(_option_of((p.field,)), p.message) for p in exc.problems])


def quantity(option: str, value: str | None, target: str) -> float | None:
    """`value` in `target` units, or None; bad text fails naming the option."""
    from crampcoach.units import UnitError, parse_quantity

    if value is None:
        return None
    try:
        return parse_quantity(value, target)
    except UnitError as exc:
        fail(N_("{where}: {problem}"), where=option, problem=exc)


def parse_time(option: str, value: str | None) -> datetime:
    """ISO date-time; without a zone it is local time. None means now."""
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value.strip())
        return moment.astimezone(UTC) if moment.tzinfo else moment.astimezone().astimezone(UTC)
    except (ValueError, OverflowError):
        fail(
            N_("{option}: {value!r} is not a date and time like 2026-11-01T07:30"),
            option=option,
            value=value[:40],
        )


# Record fields as the options that set them, for messages.
OPTION_OF = {
    "duration_s": "--duration",
    "distance_m": "--distance",
    "ascent_m": "--ascent",
    "avg_heart_rate": "--avg-hr",
    "max_heart_rate": "--max-hr",
    "temperature_c": "--temperature",
    "humidity_percent": "--humidity",
    "water_temperature_c": "--water-temp",
    "fluids_l": "--fluids",
    "sodium_mg": "--sodium",
    "relief_s": "--relief",
    "relieved_by": "--relieved-by",
    "at_night": "--night",
    "session_id": "--session",
    "time": "--time",
}


def validated(build: Callable[[], T]) -> T:
    """Run a pydantic constructor; a validation error fails naming every bad option."""
    from pydantic import ValidationError

    try:
        return build()
    except ValidationError as exc:
        fail(N_("{problems}"), problems=describe_validation_error(exc, _option_of))


def _option_of(loc: tuple[str, ...]) -> str:
    field = ".".join(loc)
    return OPTION_OF.get(field, f"--{field.replace('_', '-')}" if field else "input")
