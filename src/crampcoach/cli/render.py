"""Rich renderables for results: triage first, coloured by urgency, readable at 60 columns.

They draw views (crampcoach.views): every text is already in the run's language; the
few words of the screen itself go through the same Translator.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crampcoach.cli.line_breaks import Prose
from crampcoach.i18n import N_, Translator

if TYPE_CHECKING:
    from crampcoach.views import AssessmentView

LEVEL_STYLE = {
    "emergency_ambulance": "bold white on red",
    "emergency": "bold red",
    "consultation_24": "bold dark_orange",
    "consultation": "bold yellow",
    "self_care": "bold green",
}


def bullet_list(items: list[str], marker: str = "•") -> Table:
    return _hanging([(marker, "dim") for _ in items], items)


def numbered(items: list[str], start: int = 1) -> Table:
    return _hanging([(f"{i}.", "bold") for i in range(start, start + len(items))], items)


def _hanging(markers: list[tuple[str, str]], items: list[str]) -> Table:
    """Items after their markers, each wrapped under its own first word (a hanging indent):
    a Chinese sentence, which has no spaces to break at, then fills its line instead of
    starting on the next one."""
    return marked(
        [
            (Prose(marker, style=style), Prose(item))
            for (marker, style), item in zip(markers, items, strict=True)
        ]
    )


def marked(rows: Iterable[tuple[Text, RenderableType]]) -> Table:
    """Each renderable after its marker, wrapped under its own first word."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for marker, item in rows:
        grid.add_row(marker, item)
    return grid


def note_line(t: Translator) -> Text:
    from crampcoach.core.assessment import NOT_A_DIAGNOSIS

    return Prose(t(NOT_A_DIAGNOSIS), style="dim italic")


def triage_panel(view: AssessmentView, t: Translator) -> Panel:
    level = view.triage.level
    body: list[RenderableType] = [Prose(view.triage.meaning, style="bold")]
    body.append(bullet_list(view.triage.reasons))
    if view.do_now:
        body.append(Prose("\n" + t(N_("What to do now")), style="bold"))
        body.append(numbered(view.do_now))
    return Panel(
        Group(*body),
        title=Prose(view.triage.title, style=LEVEL_STYLE[level]),
        border_style=LEVEL_STYLE[level].replace("on red", "").strip(),
    )


def factor_table(view: AssessmentView, t: Translator) -> Table:
    table = Table(title=t(N_("What may have contributed")), title_justify="left", expand=True)
    # Folded, not cut with '…', where a word (or a Chinese phrase) is wider than its column.
    table.add_column(t(N_("Factor")), ratio=3, overflow="fold")
    table.add_column(t(N_("Fit")), justify="right", ratio=1, overflow="fold")
    table.add_column(t(N_("Evidence")), ratio=1, overflow="fold")
    for factor in view.factors:
        label = f"{factor.label} ⚠" if factor.danger_sign else factor.label
        table.add_row(label, f"{factor.score:.0%}", factor.evidence_name)
    if any(factor.danger_sign for factor in view.factors):
        table.caption = t(N_("⚠ what the danger sign above may mean: it comes first"))
        table.caption_justify = "left"
    return table


def assessment_screen(view: AssessmentView, t: Translator) -> RenderableType:
    """The whole result: triage, factors with reasons, relief, prevention, the note."""
    parts: list[RenderableType] = [triage_panel(view, t)]
    if view.factors:
        parts.append(factor_table(view, t))
        top = view.factors[0]
        parts.append(Prose(f"{top.label}: {top.why}"))
    parts.append(Prose("\n" + t(N_("Relief: {muscle}"), muscle=view.muscle_label), style="bold"))
    parts.append(numbered(view.relief))
    if view.avoid:
        parts.append(Prose(t(N_("Avoid")), style="bold"))
        parts.append(bullet_list(view.avoid))
    if view.prevention:
        parts.append(Prose("\n" + t(N_("Prevention")), style="bold"))
        parts.append(bullet_list(view.prevention))
    if view.follow_up:
        parts.append(Prose("\n" + t(N_("Questions that could change this result")), style="bold"))
        parts.append(bullet_list([q.text for q in view.follow_up[:5]], marker="?"))
    parts.append(Prose())
    parts.append(note_line(t))
    return Group(*parts)
