"""`crampcoach forecast report`: how well the personal cramp forecast does on your diary."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from crampcoach.cli.context import translator
from crampcoach.cli.diary.options import DbOption, JsonOption, run
from crampcoach.cli.diary.output import print_json
from crampcoach.cli.errors import err_console
from crampcoach.cli.line_breaks import ProseConsole
from crampcoach.i18n import N_

forecast_app = typer.Typer(
    help="Your own cramp forecast (the plan shows it for each session).",
    no_args_is_help=True,
)


@forecast_app.command("report")
def report(
    ctx: typer.Context,
    plot: Annotated[
        Path | None, typer.Option(help="Also draw the reliability plot to FILE (.png or .svg).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """How well your forecast does: each session scored against the forecast made before it."""
    from crampcoach.forecast_words import report_words

    t = translator()
    calibration = run(ctx, db, lambda coach: coach.forecast_report(plot=plot), reading=True)
    words = report_words(calibration, t)
    if as_json:
        print_json({**asdict(calibration), "words": words})
    else:
        console = ProseConsole(highlight=False)
        console.print(f"[bold underline]{escape(t(N_('Forecast report')))}[/]")
        for line in words:
            console.print(escape(line))
    if plot is not None:
        err_console.print(escape(t(N_("Figure written to {path}"), path=plot)))


def register(app: typer.Typer) -> None:
    """Add `forecast` to `app`."""
    app.add_typer(forecast_app, name="forecast")
