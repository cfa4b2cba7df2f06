"""`crampcoach export` and `crampcoach restore`: the whole diary out as text, and back in."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from crampcoach.cli.context import translator
from crampcoach.cli.diary.options import DbOption, run
from crampcoach.cli.diary.output import screen
from crampcoach.cli.errors import err_console, fail
from crampcoach.errors import describe_validation_error
from crampcoach.i18n import N_

if TYPE_CHECKING:
    pass


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


class ExportTable(StrEnum):
    sessions = "sessions"
    cramps = "cramps"


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
    text = run(ctx, db, lambda coach: coach.export(fmt.value, table.value), reading=True)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(N_("--output: cannot write {path}: {reason}"), path=output, reason=exc.strerror)
    err_console.print(escape(translator()(N_("Exported to {path}"), path=output)))


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A JSON file written by crampcoach export.")],
    db: DbOption = None,
) -> None:
    """Restore a JSON export into an empty diary (refuses a diary that holds records)."""
    from pydantic import ValidationError

    from crampcoach.diary.records import DiaryExport

    try:
        raw = file.read_text(encoding="utf-8")
    except OSError as exc:
        fail(N_("restore: cannot read {path}: {reason}"), path=file, reason=exc.strerror)
    except UnicodeDecodeError:
        fail(N_("restore: {path} is not a text file, so not a crampcoach export"), path=file)
    try:
        data = DiaryExport.model_validate_json(raw)
    except ValidationError as exc:
        fail(
            N_("restore: {path} is not a crampcoach export: {problems}"),
            path=file,
            problems=describe_validation_error(exc),
        )
    run(ctx, db, lambda coach: coach.restore(data))
    from crampcoach.diary_words import restored

    said = restored(len(data.sessions), len(data.cramps), len(data.saved), translator())
    screen().print(said)
