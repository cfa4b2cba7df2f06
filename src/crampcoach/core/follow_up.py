"""Follow-up questions: only those whose answer could still change the result.

Red-flag screens come first: an unknown finding that would complete a red flag
above the current triage (or complete it with at most one more answer). Then the
unknown findings whose answer, yes or no, would change the top three factors.
"""

from __future__ import annotations

from collections.abc import Mapping

from crampcoach.core.assessment import FollowUp
from crampcoach.core.findings import Truth
from crampcoach.core.scoring import ranked
from crampcoach.knowledge.loader import KnowledgeBase
from crampcoach.knowledge.schema import Finding

MAX_QUESTIONS = 10  # a person answers a few questions, not a form
MAX_SCREENS = 7  # leaves room for questions that change the likely causes
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
    """(−level rank, unknowns, finding, flag label) for findings that could raise the triage.

    A finding qualifies when it is the last unknown of a trigger that nothing rules
    out, or one of the last two when the trigger is already partly met.
    """
    current = kb.triage_rank(level)
    found = []
    for needed, blockers, rank, label in kb.screens:
        if rank <= current:
            continue
        unknown = []
        for finding_id in needed:
            value = findings[finding_id]
            if value is False:
                break
            if value is None:
                unknown.append(finding_id)
        else:
            if not unknown or len(unknown) > 2 or any(findings[f] for f in blockers):
                continue
            if len(unknown) == 1 or len(unknown) < len(needed):
                found += [(-rank, len(unknown), f, label) for f in unknown]
    return sorted(found)


def _factor_changers(
    kb: KnowledgeBase,
    logits: Mapping[str, float],
    findings: Mapping[str, Truth],
    top3: list[str],
) -> list[str]:
    """Unknown, askable findings whose yes or no would change the top three factors.

    Only the factors that weigh a finding move when it is answered. A quick bound
    skips findings that cannot reach the top three; the rest are re-ranked among the
    moved factors and the best of the others.
    """
    order = ranked(logits)
    third = logits[top3[-1]]
    top_set = set(top3)
    changers: list[tuple[int, str]] = []
    for finding_id, moved in kb.log_weights.items():
        if findings[finding_id] is not None:
            continue
        moved_ids = {fid for fid, _, _ in moved}
        best_unmoved = None
        for yes in (True, False):
            shifts: dict[str, float] = {}
            for fid, present, absent in moved:
                shifts[fid] = shifts.get(fid, 0.0) + (present if yes else absent)
            if not any(
                (fid in top_set and shift != 0) or logits[fid] + shift >= third
                for fid, shift in shifts.items()
            ):
                continue
            if best_unmoved is None:
                best_unmoved = [fid for fid in order if fid not in moved_ids][:3]
            pool = {fid: logits[fid] for fid in best_unmoved}
            pool.update({fid: logits[fid] + shift for fid, shift in shifts.items()})
            new_top = ranked(pool)[:3]
            if new_top != top3:
                changers.append((0 if new_top[0] != top3[0] else 1, finding_id))
                break
    return [finding_id for _, finding_id in sorted(changers)]


def follow_up_questions(
    kb: KnowledgeBase,
    logits: Mapping[str, float],
    findings: Mapping[str, Truth],
    level: str,
    top3: list[str],
) -> list[FollowUp]:
    """Questions to ask next, red-flag screens first; empty when nothing could change."""
    questions: list[FollowUp] = []
    asked: set[str] = set()
    for _, _, finding_id, flag_label in _red_flag_screens(kb, findings, level):
        if finding_id in asked or len(questions) >= MAX_SCREENS:
            continue
        question = _question(kb, kb.findings[finding_id], f"Screens for: {flag_label}", True)
        if question is not None:
            questions.append(question)
            asked.add(finding_id)
    factor_questions = 0
    for finding_id in _factor_changers(kb, logits, findings, top3):
        if finding_id in asked or factor_questions >= MAX_FACTOR_QUESTIONS:
            continue
        if len(questions) >= MAX_QUESTIONS:
            break
        question = _question(
            kb, kb.findings[finding_id], "Could change the most likely causes", False
        )
        if question is not None:
            questions.append(question)
            asked.add(finding_id)
            factor_questions += 1
    return questions
