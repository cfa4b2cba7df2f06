"""The follow-up question the engine would put for a finding, for the interview tests."""

from __future__ import annotations

from crampcoach.core.assessment import FollowUp
from crampcoach.knowledge.loader import KnowledgeBase, load_knowledge

KB = load_knowledge()


def question_for(finding_id: str, kb: KnowledgeBase = KB) -> FollowUp:
    """The follow-up the engine would put for this finding."""
    finding = kb.findings[finding_id]
    assert finding.ask is not None and finding.question is not None
    return FollowUp(
        id=finding_id,
        text=finding.question,
        kind=finding.ask.kind,
        field=finding.ask.field,
        unit=finding.ask.unit,
        choices=finding.ask.choices or ["yes", "no", "not sure"],
        reason="test",
        screens_red_flag=False,
    )
