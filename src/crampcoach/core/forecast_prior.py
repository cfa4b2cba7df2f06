"""The personal forecast's first level: the population's chance of a cramp in a session,
from the session rates and odds rules of forecast.yaml. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crampcoach.core.forecast_inputs import PLANNABLE, PastSession, PlannedSession
from crampcoach.core.plan_inputs import feels_like_c
from crampcoach.knowledge.forecast_rules import ForecastRules, OddsRule

# One test of an odds rule, read into plain values: (field, is, at least, below).
_Test = tuple[str, bool | None, float | None, float | None]


@dataclass(frozen=True)
class PopulationPrior:
    """The population prior's rules read once into plain values, for many sessions."""

    odds: dict[str, float]  # intensity -> the odds of its session rate
    rules: tuple[tuple[OddsRule, str, float, tuple[_Test, ...]], ...]

    @classmethod
    def of(cls, rules: ForecastRules) -> PopulationPrior:
        rates = {i: rules.session_rates.of(i) for i in ("easy", "usual", "hard", "race")}
        return cls(
            odds={i: r / (1.0 - r) for i, r in rates.items()},
            rules=tuple(
                (
                    r,
                    r.group,
                    r.ratio.v,
                    tuple((t.field, t.is_, t.at_least, t.below) for t in r.when),
                )
                for r in rules.odds
            ),
        )

    def mean(
        self, intensity: str, values: Mapping[str, float | bool | None]
    ) -> tuple[float, list[OddsRule]]:
        """The chance at `intensity` with the conditions `values`, and the rules used (the
        first matching rule of each group; a condition not known matches no rule)."""
        odds = self.odds[intensity]
        used: list[OddsRule] = []
        groups: set[str] = set()
        for rule, group, ratio, tests in self.rules:
            if group in groups:
                continue
            for field, is_, at_least, below in tests:
                value = values[field]
                if value is None:
                    break
                if is_ is not None:
                    if bool(value) != is_:
                        break
                elif (at_least is not None and value < at_least) or (
                    below is not None and value >= below
                ):
                    break
            else:  # every test passed
                groups.add(group)
                used.append(rule)
                odds *= ratio
        return odds / (1.0 + odds), used

    def planned_mean(self, planned: PlannedSession) -> tuple[float, list[OddsRule]]:
        return self.mean(
            planned.intensity,
            {
                "history": planned.history,
                "sodium_planned": planned.sodium_planned,
                "duration_h": planned.duration_h,
                "feels_like_c": planned.feels_like_c,
                "air_c": planned.air_c,
                "water_c": planned.water_c,
            },
        )

    def past_mean(self, past: PastSession, history: bool | None) -> float:
        """The prior of a past session as if it were planned: how hot it felt from its air
        and humidity as the plan reckons it, and its water (a swim's) as logged."""
        values = {
            "history": history,
            "sodium_planned": past.sodium,
            "duration_h": past.duration_h,
            "feels_like_c": feels_like_c(past.air_c, past.humidity_percent),
            "air_c": past.air_c,
            "water_c": past.water_c,
        }
        return self.mean(PLANNABLE.get(past.intensity or "usual", "usual"), values)[0]


def prior_mean(planned: PlannedSession, rules: ForecastRules) -> tuple[float, list[OddsRule]]:
    """The population's chance of a cramp in this session, and the odds rules used (the
    first matching rule of each group)."""
    return PopulationPrior.of(rules).planned_mean(planned)


def expected_cramps(
    past: Sequence[PastSession], history: bool | None, rules: ForecastRules
) -> float:
    """How many sessions with a cramp the population figure expects among `past`."""
    prior = PopulationPrior.of(rules)
    return sum(prior.past_mean(p, history) for p in past)
