"""Rich renderables for results: triage first, coloured by urgency, readable at 60 columns."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crampcoach.core.assessment import NOT_A_DIAGNOSIS, Assessment
from crampcoach.knowledge.loader import KnowledgeBase

LEVEL_STYLE = {
    "emergency_ambulance": "bold white on red",
    "emergency": "bold red",
    "consultation_24": "bold dark_orange",
    "consultation": "bold yellow",
    "self_care": "bold green",
}
LEVEL_TITLE = {
    "emergency_ambulance": "CALL AN AMBULANCE NOW",
    "emergency": "GO TO AN EMERGENCY DEPARTMENT NOW",
    "consultation_24": "SEE A DOCTOR WITHIN 24 HOURS",
    "consultation": "BOOK A DOCTOR'S APPOINTMENT",
    "self_care": "SELF-CARE",
}


def bullet_list(items: list[str], marker: str = "•") -> Text:
    text = Text()
    for i, item in enumerate(items):
        if i:
            text.append("\n")
        text.append(f"{marker} ", style="dim")
        text.append(item)
    return text


def numbered(items: list[str]) -> Text:
    text = Text()
    for i, item in enumerate(items, 1):
        if i > 1:
            text.append("\n")
        text.append(f"{i}. ", style="bold")
        text.append(item)
    return text


def note_line() -> Text:
    return Text(NOT_A_DIAGNOSIS, style="dim italic")


def triage_panel(assessment: Assessment) -> Panel:
    level = assessment.triage.level
    body = [Text(assessment.triage.meaning, style="bold")]
    body.append(bullet_list(assessment.triage.reasons))
    if assessment.do_now:
        body.append(Text("\nWhat to do now", style="bold"))
        body.append(numbered(assessment.do_now))
    return Panel(
        Group(*body),
        title=Text(LEVEL_TITLE[level], style=LEVEL_STYLE[level]),
        border_style=LEVEL_STYLE[level].replace("on red", "").strip(),
    )


def factor_table(assessment: Assessment) -> Table:
    table = Table(title="What may have contributed", title_justify="left", expand=True)
    table.add_column("Factor", ratio=3)
    table.add_column("Fit", justify="right", ratio=1)
    table.add_column("Evidence", ratio=1)
    for factor in assessment.factors:
        label = f"{factor.label} ⚠" if factor.danger_sign else factor.label
        table.add_row(label, f"{factor.score:.0%}", factor.evidence.replace("_", " "))
    if any(factor.danger_sign for factor in assessment.factors):
        table.caption = "⚠ what the danger sign above may mean: it comes first"
        table.caption_justify = "left"
    return table


def assessment_view(assessment: Assessment, kb: KnowledgeBase) -> RenderableType:
    """The whole result: triage, factors with reasons, relief, prevention, the note."""
    parts: list[RenderableType] = [triage_panel(assessment)]
    if assessment.factors:
        parts.append(factor_table(assessment))
        top = assessment.factors[0]
        parts.append(Text(f"{top.label}: {top.why}"))
    muscle = kb.muscles[assessment.muscle or "other"]
    parts.append(Text(f"\nRelief: {muscle.label}", style="bold"))
    parts.append(numbered(assessment.relief))
    if assessment.avoid:
        parts.append(Text("Avoid", style="bold"))
        parts.append(bullet_list(assessment.avoid))
    if assessment.prevention:
        parts.append(Text("\nPrevention", style="bold"))
        parts.append(bullet_list(assessment.prevention))
    if assessment.follow_up:
        parts.append(Text("\nQuestions that could change this result", style="bold"))
        parts.append(bullet_list([q.text for q in assessment.follow_up[:5]], marker="?"))
    parts.append(Text())
    parts.append(note_line())
    return Group(*parts)
