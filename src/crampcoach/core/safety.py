"""Danger signs in any text: a question to `ask` can describe an emergency too.

"I get cramps and chest pain when running" is a question about cramps, and also a
reason to see a doctor now. The story parser and the engine read the text as a
story; when a red flag fires, the answer leads with it.
"""

from __future__ import annotations

from pydantic import BaseModel

from crampcoach.core.assess import assess
from crampcoach.core.story import parse_story
from crampcoach.knowledge.loader import KnowledgeBase, default_knowledge

WARN_FROM = "consultation_24"  # lower levels are for the assess command, not a warning


class DangerSigns(BaseModel):
    """Red flags found in a text, how urgent they are, and what to do now."""

    level: str
    red_flags: list[str]
    message: str
    do_now: list[str]


def danger_signs(text: str, kb: KnowledgeBase | None = None) -> DangerSigns | None:
    """The red flags the text describes, when they need a doctor within a day or sooner."""
    kb = kb or default_knowledge()
    result = assess(parse_story(text).intake, kb)
    if not result.red_flags or kb.triage_rank(result.triage.level) < kb.triage_rank(WARN_FROM):
        return None
    labels = "; ".join(kb.red_flags[flag].label.lower() for flag in result.red_flags)
    message = (
        f"What you describe can be a danger sign ({labels}). {result.triage.meaning} "
        "Run `crampcoach assess` with your whole story for more."
    )
    return DangerSigns(
        level=result.triage.level,
        red_flags=result.red_flags,
        message=message,
        do_now=result.do_now,
    )
