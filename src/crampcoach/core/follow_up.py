"""Follow-up questions: only those whose answer could still change the result.

Red-flag screens come first: an unknown finding that would complete a red flag
above the current triage (or complete it with at most one more answer). Then the
unknown findings whose answer, yes or no, would change the top three factors.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from crampcoach.core.assessment import FollowUp
from crampcoach.core.findings import Truth
from crampcoach.core.scoring import factor_logit, ranked
from crampcoach.knowledge.loader import KnowledgeBase
from crampcoach.knowledge.schema import Finding

MAX_FACTOR_QUESTIONS = 4
YES_NO = ["yes", "no", "not sure"]


def _question(kb: KnowledgeBase, finding: Finding, reason: str, screens: bool) -> FollowUp | None:
    if finding.ask is None or finding.question is None:
        return None
    ask = finding.ask
    return FollowUp(
        id=finding.id,
        text=finding.question,
        kind=ask.kind,
        field=ask.field,
        unit=ask.unit,
        choices=ask.choices or (YES_NO if ask.kind == "yes_no" else []),
        reason=reason,
        screens_red_flag=screens,
    )


def _red_flag_screens(
    kb: KnowledgeBase, findings: Mapping[str, Truth], level: str
) -> list[tuple[int, int, str, str]]:
    """(−level rank, unknowns, finding, flag label) for findings that could raise the triage."""
    current = kb.triage_rank(level)
    found = []
    for flag in kb.red_flags.values():
        rank = kb.triage_rank(flag.level)
        combos = [(t.all, t.not_) for t in flag.triggers] + [
            (list(e.with_), []) for e in flag.escalations if kb.triage_rank(e.level) > current
        ]
        for needed, blockers in combos:
            if any(findings[f] is True for f in blockers) or any(
                findings[f] is False for f in needed
            ):
                continue
            unknown = [f for f in needed if findings[f] is None]
            if not unknown or len(unknown) > 2 or rank <= current:
                continue
            found += [(-rank, len(unknown), f, flag.label) for f in unknown]
    return sorted(found)


def _factor_changers(
    kb: KnowledgeBase, context: str | None, findings: Mapping[str, Truth], top3: list[str]
) -> list[str]:
    """Unknown findings whose yes or no answer would change the top three factors."""
    logits = {fid: factor_logit(f, context, findings) for fid, f in kb.factors.items()}
    moves: dict[str, dict[str, tuple[float, float]]] = {}
    for factor in kb.factors.values():
        for weight in factor.weights:
            if findings[weight.finding] is None:
                moves.setdefault(weight.finding, {})[factor.id] = (
                    math.log(weight.present),
                    math.log(weight.absent),
                )
    changers: list[tuple[int, str]] = []
    for finding_id, by_factor in moves.items():
        for answer in (0, 1):
            shifted = {fid: v + by_factor.get(fid, (0.0, 0.0))[answer] for fid, v in logits.items()}
            new_top = ranked(shifted)[:3]
            if new_top != top3:
                changers.append((0 if new_top[0] != top3[0] else 1, finding_id))
                break
    return [finding_id for _, finding_id in sorted(changers)]


def follow_up_questions(
    kb: KnowledgeBase,
    context: str | None,
    findings: Mapping[str, Truth],
    level: str,
    top3: list[str],
) -> list[FollowUp]:
    """Questions to ask next, red-flag screens first; empty when nothing could change."""
    questions: list[FollowUp] = []
    asked: set[str] = set()
    for _, _, finding_id, flag_label in _red_flag_screens(kb, findings, level):
        if finding_id in asked:
            continue
        question = _question(kb, kb.findings[finding_id], f"Screens for: {flag_label}", True)
        if question is not None:
            questions.append(question)
            asked.add(finding_id)
    factor_questions = 0
    for finding_id in _factor_changers(kb, context, findings, top3):
        if finding_id in asked or factor_questions >= MAX_FACTOR_QUESTIONS:
            continue
        question = _question(
            kb, kb.findings[finding_id], "Could change the most likely causes", False
        )
        if question is not None:
            questions.append(question)
            asked.add(finding_id)
            factor_questions += 1
    return questions
