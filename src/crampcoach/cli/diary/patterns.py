"""`crampcoach patterns`: the person's cramp patterns, ranked, and optionally their figure."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.text import Text

from crampcoach.cli.context import translator
from crampcoach.cli.diary.options import DbOption, JsonOption, run
from crampcoach.cli.diary.output import print_json, screen
from crampcoach.cli.errors import err_console
from crampcoach.cli.render import marked
from crampcoach.i18n import N_, Translator

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
        from crampcoach.pattern_words import pattern_report_data

        print_json(pattern_report_data(report, translator()))
    else:
        # Wrapped between words at the screen's width, whatever the diary's console does.
        screen().print(pattern_screen(report, translator()), soft_wrap=False)
    if plot is not None:
        err_console.print(escape(translator()(N_("Figure written to {path}"), path=plot)))


def pattern_screen(report: PatternReport, t: Translator) -> RenderableType:
    """The report for a person: its counts, each clear pattern as a bullet wrapped under
    its first word (its prevention below it), the rest counted, the caveat last."""
    from crampcoach.diary_words import CONDITIONS_TOO_FEW, CONDITIONS_UNCLEAR, pattern_totals
    from crampcoach.pattern_words import pattern_words

    totals = pattern_totals(report.sessions, report.session_cramps, report.night_cramps, t)
    parts: list[RenderableType] = [Text(totals)]
    counts = Counter(p.status for p in report.patterns)
    rows: list[tuple[Text, RenderableType]] = []
    for p in report.patterns:
        if p.status == "higher":
            factor = f" ({p.factor_id})" if p.factor_id else ""
            prevention = t(N_("Prevention{factor}: {advice}"), factor=factor, advice=p.prevention)
            rows.append(
                (Text("•", style="bold red"), Group(Text(pattern_words(p, t)), Text(prevention)))
            )
        elif p.status == "lower":
            rows.append((Text("•", style="green"), Text(pattern_words(p, t))))
    if rows:
        parts.append(marked(rows))
    if counts["no_clear_difference"]:
        parts.append(Text(t.plural(CONDITIONS_UNCLEAR, count=counts["no_clear_difference"])))
    if counts["not_enough_data"]:
        parts.append(
            Text(t.plural(CONDITIONS_TOO_FEW, count=counts["not_enough_data"], rule=report.rule))
        )
    parts.append(Text(report.caveat, style="dim"))
    return Group(*parts)
