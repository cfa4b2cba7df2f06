"""Triage: the highest level that any red flag, escalation or factor rule demands.

A red flag's trigger names the person's danger signs and, for some flags, the
circumstances that make them most dangerous (exertion, heat). While a circumstance is
unknown the trigger takes the cautious branch and counts it as present; once it is
known absent, the signs still demand the level their flag gives them alone. So a
danger sign that was understood is never silent, whatever the setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from crampcoach.core.assessment import Reason
from crampcoach.knowledge.loader import KnowledgeBase, TriggerParts
from crampcoach.knowledge.schema import RedFlag

BASELINE = "self_care"


@dataclass(frozen=True)
class Fired:
    """A red flag that fired: the level it demands, why (as ids), and what to do now."""

    flag: RedFlag
    level: str
    reason: Reason
    do_now: tuple[str, ...]


@dataclass(frozen=True)
class _Trigger:
    """A trigger's parts as sets, to test against the findings told present and absent."""

    signs: frozenset[str]
    contexts: frozenset[str]
    blockers: frozenset[str]
    parts: TriggerParts


def _triggers(kb: KnowledgeBase) -> tuple[tuple[RedFlag, tuple[_Trigger, ...]], ...]:
    """Each red flag, in the knowledge's order, with its triggers."""
    return tuple(
        (
            flag,
            tuple(
                _Trigger(frozenset(p.signs), frozenset(p.contexts), frozenset(p.blockers), p)
                for p in kb.trigger_parts[flag.id]
            ),
        )
        for flag in kb.red_flags.values()
    )


@dataclass(frozen=True)
class _BySign:
    """Which red flags (by their number in `_triggers`) a sign told present may fire, and
    those with a trigger of no sign (they may fire whatever is told)."""

    flags: dict[str, frozenset[int]]
    always: frozenset[int]


def _by_sign(kb: KnowledgeBase) -> _BySign:
    flags: dict[str, set[int]] = {}
    always: set[int] = set()
    for number, (_, triggers) in enumerate(kb.derived(_triggers)):
        for trigger in triggers:
            if not trigger.signs:
                always.add(number)
            for sign in trigger.signs:
                flags.setdefault(sign, set()).add(number)
    return _BySign({sign: frozenset(n) for sign, n in flags.items()}, frozenset(always))


def trigger_signs(kb: KnowledgeBase) -> tuple[tuple[str, ...], ...]:
    """Every red flag's triggers by their signs: a flag fires only through a trigger whose
    signs are all told present (`fired_red_flags`)."""
    return tuple(
        trigger.parts.signs for _, triggers in kb.derived(_triggers) for trigger in triggers
    )


def _trigger_demand(
    kb: KnowledgeBase,
    flag: RedFlag,
    trigger: _Trigger,
    present: frozenset[str],
    absent: frozenset[str],
) -> Fired | None:
    """What one trigger demands: the flag's level, its signs' level alone, or nothing."""
    if not trigger.blockers.isdisjoint(present) or not trigger.signs <= present:
        return None
    if trigger.contexts.isdisjoint(absent):
        return Fired(
            flag, flag.level, Reason(level=flag.level, red_flag=flag.id), tuple(flag.do_now)
        )
    levels = kb.alone_levels[flag.id]
    sign = max(trigger.parts.signs, key=lambda s: kb.triage_rank(levels[s].level))
    alone = levels[sign]
    reason = Reason(level=alone.level, red_flag=flag.id, sign=sign)
    return Fired(flag, alone.level, reason, tuple(alone.do_now or flag.do_now))


def _flag_demand(
    kb: KnowledgeBase,
    flag: RedFlag,
    triggers: list[_Trigger],
    present: frozenset[str],
    absent: frozenset[str],
) -> Fired | None:
    """What this red flag demands through `triggers` with the findings at hand; None when
    it is silent."""
    demands = [
        demand
        for trigger in triggers
        if (demand := _trigger_demand(kb, flag, trigger, present, absent)) is not None
    ]
    if not demands:
        return None
    fired = max(demands, key=lambda d: kb.triage_rank(d.level))
    for number, escalation in enumerate(flag.escalations):
        if present.issuperset(escalation.with_) and kb.triage_rank(
            escalation.level
        ) > kb.triage_rank(fired.level):
            reason = Reason(level=escalation.level, red_flag=flag.id, escalation=number)
            fired = Fired(flag, escalation.level, reason, tuple(flag.do_now))
    return fired


def fired_red_flags(
    kb: KnowledgeBase, present: frozenset[str], absent: frozenset[str]
) -> list[Fired]:
    """Every red flag that fires with these findings told present and absent, most urgent
    first."""
    flags = kb.derived(_triggers)
    by_sign = kb.derived(_by_sign)
    # A flag fires only through a trigger whose signs are all present: one of its signs is.
    numbers = set(by_sign.always)
    for sign in present.intersection(by_sign.flags):
        numbers.update(by_sign.flags[sign])
    fired = []
    for number in sorted(numbers):  # in the knowledge's order
        flag, triggers = flags[number]
        met = [trigger for trigger in triggers if trigger.signs <= present]  # the signs told
        if met and (demand := _flag_demand(kb, flag, met, present, absent)) is not None:
            fired.append(demand)
    return sorted(fired, key=lambda item: -kb.triage_rank(item.level))


def triage_of(
    kb: KnowledgeBase, present: frozenset[str], absent: frozenset[str], scores: Mapping[str, float]
) -> tuple[str, list[Reason], list[Fired]]:
    """The level, its reasons (most urgent first; none: no danger sign) and the red flags
    that fired, from the findings told present and absent and the factors' scores."""
    fired = fired_red_flags(kb, present, absent)
    demands = [item.reason for item in fired]
    for factor in kb.factors.values():
        rule = factor.triage
        if rule is not None and scores[factor.id] >= rule.min_score:
            demands.append(Reason(level=rule.level, factor=factor.id))
    if not demands:
        return BASELINE, [], fired
    demands.sort(key=lambda d: -kb.triage_rank(d.level))
    level = demands[0].level
    if kb.triage_rank(level) < kb.triage_rank(BASELINE):
        level = BASELINE
    return level, demands, fired
