"""Findings: yes / no / unknown facts derived from an Intake by the knowledge's rules."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any, get_args

from pydantic import BaseModel

from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import KnowledgeBase
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
    """Evaluate every finding on this intake (the slow, interpreted way; see compile_rule)."""
    return {finding_id: evaluate(f.when, intake) for finding_id, f in findings.items()}


Test = Callable[[Intake], Truth]
_COMPARE = {"gte": operator.ge, "gt": operator.gt, "lte": operator.le, "lt": operator.lt}


def compile_rule(rule: Rule) -> Test:
    """The rule as a function of the intake, with the same result as `evaluate`.

    Assessment evaluates every finding on every call, so rules are turned into
    closures once per knowledge base instead of being interpreted each time.
    """
    test = _compile(rule)
    if rule.false_when is None:
        return test
    fallback = compile_rule(rule.false_when)

    def with_fallback(intake: Intake) -> Truth:
        value = test(intake)
        return False if value is None and fallback(intake) else value

    return with_fallback


def _compile_findings(kb: KnowledgeBase) -> dict[str, Test]:
    return {fid: compile_rule(f.when) for fid, f in kb.findings.items()}


def finding_tests(kb: KnowledgeBase) -> dict[str, Test]:
    """Each finding's rule compiled into a function of the intake, once per knowledge base."""
    return kb.derived(_compile_findings)


class _Evaluation:
    """Every finding's test arranged to run fast: the yes/no fields of an Intake part whose
    value is a finding's truth (a plain test of the field for yes) read together, a getter
    per part (`as_told`), the other findings by their compiled rules (`others`), and the
    knowledge's order of findings."""

    def __init__(self, kb: KnowledgeBase) -> None:
        as_told: dict[str, list[tuple[str, str]]] = {}
        for fid, finding in kb.findings.items():
            rule = finding.when
            if _is_plain(rule) and rule.is_ and rule.field is not None:
                part, name = rule.field.split(".")
                if _yes_no(part, name):  # True, False or None: the finding's truth itself
                    as_told.setdefault(part, []).append((fid, name))
        # A getter of one name gives a value, not a tuple: such a finding keeps its test.
        self.as_told = [
            (part, operator.attrgetter(*(name for _, name in items)), [fid for fid, _ in items])
            for part, items in as_told.items()
            if len(items) > 1
        ]
        read = {fid for _, _, ids in self.as_told for fid in ids}
        self.others = [(fid, test) for fid, test in finding_tests(kb).items() if fid not in read]
        self.order = tuple(kb.findings)


def _yes_no(part: str, name: str) -> bool:
    """True for an Intake field that holds True, False or None (validated on assignment)."""
    model = Intake.model_fields[part].annotation
    assert isinstance(model, type) and issubclass(model, BaseModel)
    return set(get_args(model.model_fields[name].annotation)) == {bool, type(None)}


def _is_plain(rule: Rule) -> bool:
    """A yes/no test of one field of an Intake part, with nothing else to it."""
    return (
        rule.is_ is not None
        and rule.field is not None
        and rule.field.count(".") == 1
        and rule.false_when is None
        and rule.present is None
        and rule.contains_any is None
    )


def findings_of(intake: Intake, kb: KnowledgeBase) -> dict[str, Truth]:
    """Every finding of `kb` on this intake, in the knowledge's order: what its compiled
    rules (`finding_tests`) give, with the yes/no fields that are findings read a part at
    a time."""
    evaluation = kb.derived(_Evaluation)
    told: dict[str, Truth] = {}
    for part, get, ids in evaluation.as_told:
        told.update(zip(ids, get(getattr(intake, part)), strict=True))
    for fid, test in evaluation.others:
        told[fid] = test(intake)
    return {fid: told[fid] for fid in evaluation.order}


def _compile(rule: Rule) -> Test:
    if rule.any is not None:
        subs = [compile_rule(sub) for sub in rule.any]

        def any_of(intake: Intake) -> Truth:
            unknown = False
            for sub in subs:
                value = sub(intake)
                if value is True:
                    return True
                if value is None:
                    unknown = True
            return None if unknown else False

        return any_of
    if rule.all is not None:
        subs = [compile_rule(sub) for sub in rule.all]

        def all_of(intake: Intake) -> Truth:
            unknown = False
            for sub in subs:
                value = sub(intake)
                if value is False:
                    return False
                if value is None:
                    unknown = True
            return None if unknown else True

        return all_of
    if rule.not_ is not None:
        inner = compile_rule(rule.not_)

        def negated(intake: Intake) -> Truth:
            value = inner(intake)
            return None if value is None else not value

        return negated
    assert rule.field is not None
    get: Callable[[Intake], Any] = operator.attrgetter(rule.field)

    if rule.present is not None:
        wanted = rule.present
        return lambda intake: (get(intake) not in (None, [])) == wanted
    if rule.contains_any is not None:
        options = set(rule.contains_any)
        return lambda intake: True if options.intersection(get(intake) or ()) else None
    if rule.is_ is not None:
        expected = rule.is_
        return lambda intake: None if (v := get(intake)) is None else bool(v) == expected
    if rule.in_ is not None:
        allowed = set(rule.in_)
        return lambda intake: None if (v := get(intake)) is None else str(v) in allowed
    op_name, bound = next(
        (name, value)
        for name, value in (("gte", rule.gte), ("gt", rule.gt), ("lte", rule.lte), ("lt", rule.lt))
        if value is not None
    )
    compare = _COMPARE[op_name]
    return lambda intake: None if (v := get(intake)) is None else bool(compare(float(v), bound))
