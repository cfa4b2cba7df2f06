"""Triage: the highest level that any red flag, escalation or factor rule demands."""

from __future__ import annotations

from collections.abc import Mapping

from crampcoach.core.findings import Truth
from crampcoach.knowledge.loader import KnowledgeBase
from crampcoach.knowledge.schema import RedFlag, Trigger

BASELINE = "self_care"


def trigger_met(trigger: Trigger, findings: Mapping[str, Truth]) -> bool:
    """Every `all` finding is true and no `not` finding is."""
    return all(findings[f] is True for f in trigger.all) and not any(
        findings[f] is True for f in trigger.not_
    )


def fired_red_flags(kb: KnowledgeBase, findings: Mapping[str, Truth]) -> list[RedFlag]:
    """Red flags whose trigger is met, most urgent first."""
    fired = [
        flag
        for flag in kb.red_flags.values()
        if any(trigger_met(t, findings) for t in flag.triggers)
    ]
    return sorted(fired, key=lambda flag: -kb.triage_rank(flag_level(kb, flag, findings)[0]))


def flag_level(kb: KnowledgeBase, flag: RedFlag, findings: Mapping[str, Truth]) -> tuple[str, str]:
    """The level this fired flag demands with the findings at hand, and why."""
    level, reason = flag.level, f"{flag.label}: {flag.why}"
    for escalation in flag.escalations:
        if all(findings[f] is True for f in escalation.with_) and kb.triage_rank(
            escalation.level
        ) > kb.triage_rank(level):
            level, reason = escalation.level, f"{flag.label}, with more: {escalation.reason}"
    return level, reason


def triage_of(
    kb: KnowledgeBase, findings: Mapping[str, Truth], scores: Mapping[str, float]
) -> tuple[str, list[str], list[RedFlag]]:
    """The level, its reasons (most urgent first) and the red flags that fired."""
    flags = fired_red_flags(kb, findings)
    demands: list[tuple[str, str]] = [flag_level(kb, flag, findings) for flag in flags]
    for factor in kb.factors.values():
        rule = factor.triage
        if rule is not None and scores[factor.id] >= rule.min_score:
            demands.append((rule.level, rule.reason))
    if not demands:
        return BASELINE, ["No danger sign was found in what you told me."], flags
    demands.sort(key=lambda d: -kb.triage_rank(d[0]))
    level = demands[0][0]
    if kb.triage_rank(level) < kb.triage_rank(BASELINE):
        level = BASELINE
    return level, [reason for _, reason in demands], flags
