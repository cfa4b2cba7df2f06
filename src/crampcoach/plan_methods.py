"""The Coach's part for plans: a sweat rate and a plan for one session, made with the
knowledge's plan rules and, for a personal plan, the person's own diary.

`PlanMethods` is a base of `crampcoach.coach.Coach`, beside `DiaryMethods`, whose diary and
profile it reads and writes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from crampcoach.diary_methods import DiaryMethods

if TYPE_CHECKING:
    from crampcoach.core.plan import Plan, SweatRateResult


class PlanMethods(DiaryMethods):
    """Sweat rates and session plans, with this coach's knowledge and diary."""

    def sweat_rate(
        self,
        before: object,
        after: object,
        drank: object,
        duration: object,
        urine: object = 0.0,
        **options: Any,
    ) -> SweatRateResult:
        """`core.sweat.sweat_rate` with this coach's plan rules (PlanInputError names a field)."""
        from crampcoach.core.plan import sweat_rate as sweat_rate_with

        return sweat_rate_with(
            before, after, drank, duration, urine, rules=self.knowledge.plan_rules, **options
        )

    def plan(
        self,
        sport: str,
        duration: object,
        temperature: object,
        *,
        personal: bool = True,
        **options: Any,
    ) -> Plan:
        """A plan for one session (`core.plan.make_plan`'s options; PlanInputError names a
        field). `personal`: made for this person from their diary (`core.personal_plan`):
        the diary answers `cramp_history` (None: not said), their patterns shape the
        advice, and the plan carries their cramp forecast."""
        from crampcoach.core.personal_plan import personal_plan
        from crampcoach.core.plan import make_plan as make_plan_with

        knowledge = self.knowledge
        if not personal:
            options["cramp_history"] = bool(options.get("cramp_history"))
            return make_plan_with(
                sport, duration, temperature, rules=knowledge.plan_rules, **options
            )
        with self.diary(reading=True) as diary:
            sessions, cramps = diary.pattern_inputs()
        now = datetime.now().astimezone()
        return personal_plan(
            sport,
            duration,
            temperature,
            sessions=sessions,
            cramps=cramps,
            now=now,
            tz=now.tzinfo or UTC,
            rules=knowledge.plan_rules,
            pattern_rules=knowledge.pattern_rules,
            forecast_rules=knowledge.forecast_rules,
            evidence={f.id: f.evidence for f in knowledge.base.factors.values()},
            **options,
        )

    def save_sweat_test(self, result: SweatRateResult) -> None:
        """Keep the sweat rate, the body mass and a measured sodium in the profile."""
        update: dict[str, Any] = {
            "sweat_rate_l_per_h": result.sweat_rate_l_per_h,
            "body_mass_kg": result.before_kg,
            "updated": datetime.now(UTC),
        }
        if result.sodium_basis == "measured":
            update["sweat_sodium_mg_per_l"] = result.sweat_sodium_mg_per_l
        self.save_profile(self.load_profile().model_copy(update=update))

    def save_plan(self, plan: Plan) -> None:
        """Keep a plan in the diary."""
        with self.diary() as diary:
            diary.save_plan(plan.model_dump(mode="json"), datetime.now(UTC))
