"""The package-level conveniences: `assess`, `make_plan` and `sweat_rate` on their own.

They take no knowledge, so they use the package's, loaded once per process; a `Coach`
holds its own.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from crampcoach.core.assess import assess as assess_with
from crampcoach.core.assessment import Assessment
from crampcoach.core.plan import Plan, SweatRateResult
from crampcoach.core.plan import make_plan as make_plan_with
from crampcoach.core.plan import sweat_rate as sweat_rate_with
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import KnowledgeBase
from crampcoach.knowledge.plan_rules import PlanRules
from crampcoach.package_knowledge import PackageKnowledge


@cache
def package_knowledge() -> PackageKnowledge:
    """The package's knowledge for `assess`, `make_plan` and `sweat_rate` called on their own.

    The one process-wide default left: the documented `crampcoach.assess(intake)` takes no
    knowledge base. A Coach holds its own.
    """
    return PackageKnowledge()


def assess(intake: Intake, kb: KnowledgeBase | None = None) -> Assessment:
    """Assess one Intake with `kb` (default: the package's knowledge base, loaded once)."""
    return assess_with(intake, kb if kb is not None else package_knowledge().base)


def make_plan(
    sport: str,
    duration: object,
    temperature: object,
    *,
    rules: PlanRules | None = None,
    **options: Any,
) -> Plan:
    """`core.plan.make_plan` with `rules` (default: the package's plan.yaml, loaded once)."""
    rules = rules if rules is not None else package_knowledge().plan_rules
    return make_plan_with(sport, duration, temperature, rules=rules, **options)


def sweat_rate(
    before: object,
    after: object,
    drank: object,
    duration: object,
    urine: object = 0.0,
    *,
    rules: PlanRules | None = None,
    **options: Any,
) -> SweatRateResult:
    """`core.sweat.sweat_rate` with `rules` (default: the package's plan.yaml, loaded once)."""
    rules = rules if rules is not None else package_knowledge().plan_rules
    return sweat_rate_with(before, after, drank, duration, urine, rules=rules, **options)
