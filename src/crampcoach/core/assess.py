"""The assessment engine: red flags first, then factors ranked by fit, then advice.

Pure and deterministic: `assess(intake, kb)` reads nothing but its arguments (the
caller loads the knowledge base once and passes it in). The method, all of whose
numbers live in the data:

- findings: yes/no/unknown facts derived from the Intake (findings.yaml);
- triage: the highest level demanded by any red flag whose trigger is met, by an
  escalation (a flag plus further findings), or by a factor's triage rule;
- factors: a prior for the context (exercise, night, rest) moved by the
  likelihood ratio of each known finding, score = sigmoid(logit(prior) + Σ log LR).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from crampcoach.core.assessment import Assessment, Reason, Triage
from crampcoach.core.findings import Truth, findings_of
from crampcoach.core.follow_up import follow_up_questions
from crampcoach.core.scoring import context_of, factor_logits, ranked, sigmoid
from crampcoach.core.triage import Fired, fired_red_flags, triage_of
from crampcoach.i18n import N_
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import KnowledgeBase
from crampcoach.knowledge.schema import Factor

MIN_SCORE = 0.05  # factors scoring less are not listed
MAX_FACTORS = 8
MAX_PREVENTION = 6
DANGER_FIRST = N_(
    "Danger signs come first: do what is said above. These steps are for an ordinary cramp."
)
# With a danger sign that stretching or rubbing could worsen, no relief steps are given.
RELIEF_WITHHELD = N_(
    "Danger signs come first: do what is said above. Until a doctor has seen you, do not "
    "stretch, rub or massage the muscle, and rest it."
)


def _leaning(ratio: float) -> int:
    """1 when a likelihood ratio points to the factor, -1 when away from it, else 0."""
    return (ratio > 1) - (ratio < 1)


def _leanings(kb: KnowledgeBase) -> dict[str, tuple[tuple[str, int, int], ...]]:
    """Per factor, per weight: its finding and where a yes and a no point (`_leaning`)."""
    return {
        fid: tuple((w.finding, _leaning(w.present), _leaning(w.absent)) for w in factor.weights)
        for fid, factor in kb.factors.items()
    }


def _factor_result(
    kb: KnowledgeBase,
    factor: Factor,
    score: float,
    findings: Mapping[str, Truth],
    danger_sign: bool,
) -> dict[str, Any]:
    """A FactorResult's fields (the Assessment builds them all in its one validation)."""
    supporting: list[str] = []
    against: list[str] = []
    for finding, if_yes, if_no in kb.derived(_leanings)[factor.id]:
        value = findings[finding]
        leaning = if_yes if value is True else if_no if value is False else 0
        if leaning > 0:
            supporting.append(finding)
        elif leaning < 0:
            against.append(finding)
    return {
        "id": factor.id,
        "kind": factor.kind,
        "score": round(score, 3),
        "supporting": supporting,
        "against": against,
        "evidence": factor.evidence,
        "sources": factor.sources,
        "danger_sign": danger_sign,
    }


def _unique(items: list[str], limit: int | None = None) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen[:limit] if limit else seen


def _do_now(fired: list[Fired], level: str) -> list[str]:
    """What to do now: the steps of the red flags that demand the final level themselves.

    A lower flag's steps ("see a doctor today") would contradict the top one ("call an
    ambulance"); they only count when no flag demands the final level on its own. A
    flag raised by an escalation keeps its own level's steps out of the way the same way.
    """
    top = (
        [item for item in fired if item.flag.level == level == item.level]
        or [item for item in fired if item.level == level]
        or fired
    )
    # Beside a sign the ordinary relief could harm (a clot), no flag's step says to stretch.
    withheld = _relief_withheld(fired)
    return _unique(
        [
            step
            for item in top
            for step in item.do_now
            if not (withheld and step in item.flag.relief_do_now)
        ]
    )


def _relief_withheld(fired: list[Fired]) -> bool:
    """Whether a fired flag of the person's own withholds the ordinary relief steps."""
    return any(item.flag.withhold_relief and not item.reason.someone_else for item in fired)


def _suspects(fired: list[Fired], order: list[str]) -> list[str]:
    """The factors the fired red flags point to, best fit first: they lead the list.

    A danger sign names the condition to rule out first ("dark urine after exertion":
    muscle breakdown), whatever ordinary causes of cramp score higher; someone else's
    too, as the result is first about that danger.
    """
    pointed = {factor for item in fired for factor in item.flag.suspects}
    return [fid for fid in order if fid in pointed]


@dataclass(frozen=True)
class _Triaged:
    """The first half of an assessment: findings, factor log-odds and the triage."""

    findings: dict[str, Truth]
    present: list[str]  # the findings told present, in the knowledge's order
    absent: list[str]  # and those told absent
    context: str | None
    logits: dict[str, float]
    scores: dict[str, float]
    level: str
    reasons: list[Reason]
    fired: list[Fired]


def _for_someone_else(intake: Intake, kb: KnowledgeBase) -> list[Fired]:
    """The red flags marked `for_someone_else` that the signs of someone with the person
    now fire, in the setting they share (the person's episode and activity)."""
    if not intake.someone_else.model_fields_set:
        return []
    theirs = Intake(episode=intake.episode, activity=intake.activity, findings=intake.someone_else)
    findings = findings_of(theirs, kb)
    present = frozenset(fid for fid, value in findings.items() if value is True)
    absent = frozenset(fid for fid, value in findings.items() if value is False)
    return [
        replace(item, reason=item.reason.model_copy(update={"someone_else": True}))
        for item in fired_red_flags(kb, present, absent)
        if item.flag.for_someone_else
    ]


def _triaged(intake: Intake, kb: KnowledgeBase) -> _Triaged:
    findings = findings_of(intake, kb)
    present = [fid for fid, value in findings.items() if value is True]
    absent = [fid for fid, value in findings.items() if value is False]
    context = context_of(intake)
    logits = factor_logits(kb, context, findings)
    scores = {fid: sigmoid(value) for fid, value in logits.items()}
    level, reasons, fired = triage_of(kb, frozenset(present), frozenset(absent), scores)
    mine = {item.flag.id for item in fired}
    theirs = [item for item in _for_someone_else(intake, kb) if item.flag.id not in mine]
    if theirs:  # most urgent first, as `triage_of` gives them
        fired = sorted(fired + theirs, key=lambda item: -kb.triage_rank(item.level))
        reasons = sorted(
            reasons + [item.reason for item in theirs], key=lambda r: -kb.triage_rank(r.level)
        )
        level = max(level, reasons[0].level, key=kb.triage_rank)
    return _Triaged(findings, present, absent, context, logits, scores, level, reasons, fired)


def danger_of(intake: Intake, kb: KnowledgeBase) -> tuple[str, list[str], list[str]]:
    """The triage level, the red flags that fired and what to do now, as `assess` gives
    them, without the factors, relief and follow-ups (a quick screen of any text)."""
    triaged = _triaged(intake, kb)
    level, fired = triaged.level, triaged.fired
    return level, [item.flag.id for item in fired], _do_now(fired, level)


def assess(intake: Intake, kb: KnowledgeBase) -> Assessment:
    """Assess one cramp story with `kb`: triage, red flags, ranked factors, relief, follow-ups."""
    t = _triaged(intake, kb)
    findings, logits, scores, level, fired = t.findings, t.logits, t.scores, t.level, t.fired
    flags = [item.flag for item in fired]
    order = ranked(logits)  # the same order as the scores, and the one follow-ups compare
    suspects = _suspects(fired, order)
    shown = suspects + [fid for fid in order if fid not in suspects]
    listed = [fid for fid in shown if fid in suspects or scores[fid] >= MIN_SCORE]
    listed = listed[:MAX_FACTORS] or shown[:3]
    factors = [
        _factor_result(kb, kb.factors[fid], scores[fid], findings, fid in suspects)
        for fid in listed
    ]

    muscle_id = intake.episode.muscle
    muscle = kb.muscles[muscle_id or "other"]
    relief = [step.text for step in muscle.steps]
    if intake.activity.in_water:
        relief = muscle.in_water + relief
    if _relief_withheld(fired):
        relief = [RELIEF_WITHHELD]
    elif flags:
        relief = [DANGER_FIRST, *relief]

    prevention: list[str] = []
    for fid in listed[:3]:
        factor = kb.factors[fid]
        prevention += [a.text for a in factor.prevention] or [a.text for a in factor.what_to_do]

    return Assessment(
        triage=Triage(level=level, reasons=t.reasons),
        red_flags=[flag.id for flag in flags],
        do_now=_do_now(fired, level),
        factors=factors,
        muscle=muscle_id,
        relief=relief,
        avoid=list(muscle.avoid),
        prevention=_unique(prevention, MAX_PREVENTION),
        follow_up=follow_up_questions(
            kb, t.context, logits, findings, frozenset(t.present), level, order
        ),
        findings_present=t.present,
        findings_absent=t.absent,
    )
