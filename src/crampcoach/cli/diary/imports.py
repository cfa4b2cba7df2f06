"""`crampcoach import`: watch files into the diary, with a progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from crampcoach.cli.context import translator
from crampcoach.cli.diary.options import DbOption, JsonOption, run
from crampcoach.cli.diary.output import print_json, screen
from crampcoach.cli.errors import err_console
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.diary.repository import ImportOutcome, Reader


EXIT_FILES_FAILED = 1

# Tests swap in a fake reader here; None means the real watch-file parsers.
import_reader: Reader | None = None


def import_files(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (FIT, GPX, TCX, .gz).")],
    workers: Annotated[int, typer.Option(min=1, help="Processes reading files.")] = 2,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import watch files; the same file twice is skipped, a broken one reported (exit 1)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    files = run(ctx, db, lambda coach: coach.activity_files(paths))
    t = translator()
    progress = Progress(
        TextColumn(t(N_("Importing"))),
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
                failed = t(N_("Failed: {reason}"), reason=outcome.reason)
                progress.console.print(f"[red]{escape(failed)}[/]", soft_wrap=True)
            for warning in outcome.warnings:
                said = t(N_("Warning: {path}: {warning}"), path=outcome.path, warning=warning)
                progress.console.print(f"[yellow]{escape(said)}[/]", soft_wrap=True)

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
        "warnings": [
            {"path": str(o.path), "warning": w.words(t)} for o in report.warned for w in o.warnings
        ],
    }
    if as_json:
        print_json(summary)
    else:
        from crampcoach.diary_words import IMPORTED

        counts = {k: v for k, v in summary.items() if k not in ("failures", "warnings")}
        screen().print(t.plural(IMPORTED, **counts))
    if report.failed:
        raise typer.Exit(EXIT_FILES_FAILED)
