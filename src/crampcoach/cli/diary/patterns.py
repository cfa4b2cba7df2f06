"""`crampcoach patterns`: the person's cramp patterns, ranked, and optionally their figure."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from crampcoach.cli.context import translator
from crampcoach.cli.diary.options import DbOption, JsonOption, run
from crampcoach.cli.diary.output import out, print_json
from crampcoach.cli.errors import err_console
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.core.patterns import PatternReport


def patterns(
    ctx: typer.Context,
    plot: Annotated[
        Path | None, typer.Option(help="Also draw the figures to FILE (.png or .svg).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Your own cramp patterns: rate by condition with exact 95% intervals, ranked."""
    report = run(ctx, db, lambda coach: coach.patterns(plot=plot), reading=True)
    if as_json:
        from crampcoach.views import pattern_report_data

        print_json(pattern_report_data(report, translator()))
    else:
        _print_report(report)
    if plot is not None:
        err_console.print(escape(translator()(N_("Figure written to {path}"), path=plot)))


def _print_report(report: PatternReport) -> None:
    from crampcoach.views import pattern_words

    t = translator()
    out.print(
        t(
            N_("{sessions} sessions, {cramps} cramps in sessions, {nights} at night."),
            sessions=report.sessions,
            cramps=report.session_cramps,
            nights=report.night_cramps,
        )
    )
    counts = Counter(p.status for p in report.patterns)
    for p in report.patterns:
        if p.status == "higher":
            out.print(f"[bold red]•[/] {escape(pattern_words(p, t))}")
            factor = f" ({p.factor_id})" if p.factor_id else ""
            prevention = t(N_("Prevention{factor}: {advice}"), factor=factor, advice=p.prevention)
            out.print(f"  {escape(prevention)}")
        elif p.status == "lower":
            out.print(f"[green]•[/] {escape(pattern_words(p, t))}")
    if counts["no_clear_difference"]:
        out.print(
            t(
                N_("No clear difference: {count} conditions (see --json)."),
                count=counts["no_clear_difference"],
            )
        )
    if counts["not_enough_data"]:
        out.print(
            t(
                N_("Not enough data yet: {count} conditions. {rule}"),
                count=counts["not_enough_data"],
                rule=report.rule,
            )
        )
    out.print(f"[dim]{report.caveat}[/]")
