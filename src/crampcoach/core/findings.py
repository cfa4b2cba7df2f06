"""Findings: yes / no / unknown facts derived from an Intake by the knowledge's rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crampcoach.core.intake import Intake
from crampcoach.knowledge.schema import Finding, Rule

Truth = bool | None


def field_value(intake: Intake, path: str) -> Any:
    """The value at a dotted Intake path ("findings.swelling")."""
    part, name = path.split(".", 1)
    return getattr(getattr(intake, part), name)


def evaluate(rule: Rule, intake: Intake) -> Truth:
    """Three-valued evaluation of a rule: True, False, or None when unknown."""
    result = _evaluate(rule, intake)
    if result is None and rule.false_when is not None and evaluate(rule.false_when, intake):
        return False
    return result


def _evaluate(rule: Rule, intake: Intake) -> Truth:
    if rule.any is not None:
        values = [evaluate(sub, intake) for sub in rule.any]
        if any(v is True for v in values):
            return True
        return False if all(v is False for v in values) else None
    if rule.all is not None:
        values = [evaluate(sub, intake) for sub in rule.all]
        if any(v is False for v in values):
            return False
        return True if all(v is True for v in values) else None
    if rule.not_ is not None:
        value = evaluate(rule.not_, intake)
        return None if value is None else not value
    assert rule.field is not None
    value = field_value(intake, rule.field)
    if rule.present is not None:
        return (value is not None and value != []) == rule.present
    if rule.contains_any is not None:
        if any(item in rule.contains_any for item in value or []):
            return True
        return None
    if value is None:
        return None
    if rule.is_ is not None:
        return bool(value) == rule.is_
    if rule.in_ is not None:
        return str(value) in rule.in_
    number = float(value)
    if rule.gte is not None:
        return number >= rule.gte
    if rule.gt is not None:
        return number > rule.gt
    if rule.lte is not None:
        return number <= rule.lte
    assert rule.lt is not None
    return number < rule.lt


def derive_findings(intake: Intake, findings: Mapping[str, Finding]) -> dict[str, Truth]:
    """Evaluate every finding of the knowledge base on this intake."""
    return {finding_id: evaluate(f.when, intake) for finding_id, f in findings.items()}
