"""Simulated people whose true chance of a cramp depends on known conditions.

Used by tests/core/test_forecast.py and bench/forecast_bench.py (`evaluate`). Each person has a base
chance and their own sensitivity to heat, to duration and to going without sodium in a
long session (a logistic model the forecast does not know: hinges at 15 °C and one hour).
The `conditions` scenario is the issue's: temperature, duration and sodium matter. The
`subtle` one adds intensity and makes every effect smaller, so that even the true
probabilities rank outcomes less well; it shows where the forecast's limit lies.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from crampcoach.core.forecast import forecast
from crampcoach.core.forecast_inputs import PastSession, PlannedSession
from crampcoach.core.forecast_person import record_of
from crampcoach.knowledge.forecast_rules import ForecastRules

Scenario = Literal["conditions", "subtle"]
INTENSITIES = ("easy", "usual", "hard", "race")
START = datetime(2025, 1, 1, 7, tzinfo=UTC)


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Person:
    base: float  # log-odds in a short, cool session with sodium at usual effort
    heat: float  # per 10 °C above 15 °C
    duration: float  # per doubling above one hour
    no_sodium: float  # in a session over 1.5 h without sodium
    hard: float  # per intensity step above usual


@dataclass(frozen=True)
class Conditions:
    air_c: float
    duration_h: float
    sodium: bool
    intensity: str


def draw_person(rng: random.Random, scenario: Scenario = "conditions") -> Person:
    if scenario == "conditions":
        return Person(
            base=rng.gauss(_logit(0.04), 0.7),
            heat=abs(rng.gauss(1.5, 0.7)),
            duration=abs(rng.gauss(1.2, 0.5)),
            no_sodium=abs(rng.gauss(1.2, 0.7)),
            hard=0.0,
        )
    return Person(
        base=rng.gauss(_logit(0.06), 0.8),
        heat=abs(rng.gauss(0.9, 0.7)),
        duration=abs(rng.gauss(0.8, 0.5)),
        no_sodium=abs(rng.gauss(0.8, 0.7)),
        hard=abs(rng.gauss(0.5, 0.4)),
    )


def draw_conditions(rng: random.Random) -> Conditions:
    """Seasons from near freezing to hot, sessions from 20 minutes to 5 hours."""
    return Conditions(
        air_c=round(rng.uniform(0, 34), 1),
        duration_h=min(5.0, max(0.3, math.exp(rng.gauss(0, 0.55)))),
        sodium=rng.random() >= 0.55,
        intensity=rng.choices(INTENSITIES, [0.3, 0.45, 0.2, 0.05])[0],
    )


def true_probability(person: Person, c: Conditions) -> float:
    x = (
        person.base
        + person.heat * max(0.0, c.air_c - 15) / 10
        + person.duration * max(0.0, math.log2(c.duration_h))
        + person.no_sodium * (not c.sodium and c.duration_h > 1.5)
        + person.hard * (INTENSITIES.index(c.intensity) - 1)
    )
    return 1 / (1 + math.exp(-x))


def planned(c: Conditions) -> PlannedSession:
    return PlannedSession(
        sport="running",
        duration_h=c.duration_h,
        intensity=c.intensity,
        air_c=c.air_c,
        feels_like_c=c.air_c,
        sodium_planned=c.sodium,
        warmup=True,
    )


def diary(rng: random.Random, person: Person, sessions: int) -> list[PastSession]:
    """`sessions` sessions two days apart, each with a cramp drawn from its true chance."""
    past = []
    for i in range(sessions):
        c = draw_conditions(rng)
        past.append(
            PastSession(
                id=i + 1,
                start=START + timedelta(days=2 * i),
                sport="running",
                duration_h=c.duration_h,
                air_c=c.air_c,
                intensity=c.intensity,
                sodium=c.sodium,
                warmup=True,
                cramped=rng.random() < true_probability(person, c),
            )
        )
    return past


def auc(scores: list[float], outcomes: list[bool]) -> float | None:
    """The chance that a session with a cramp scored above one without (ties count half)."""
    pos = [s for s, y in zip(scores, outcomes, strict=True) if y]
    neg = [s for s, y in zip(scores, outcomes, strict=True) if not y]
    if not pos or not neg:
        return None
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


@dataclass(frozen=True)
class Scores:
    """How a forecast did on simulated people's next sessions."""

    auc: float  # per person, averaged
    oracle: float  # the AUC of the true chances themselves: the most any forecast reaches
    brier: float
    brier_prior: float  # of the population prior alone
    coverage: float  # share of sessions whose true chance lies in the interval


def evaluate(
    rules: ForecastRules,
    scenario: Scenario,
    people: int,
    sessions: int,
    seed: int,
    tests: int = 50,
) -> Scores:
    """Each person's diary of `sessions`, then the forecast for `tests` next sessions."""
    rng = random.Random(seed)
    aucs: list[float] = []
    oracle: list[float] = []
    brier = brier_prior = covered = n = 0.0
    for _ in range(people):
        person = draw_person(rng, scenario)
        record = record_of(diary(rng, person, sessions), None, rules)
        conditions = [draw_conditions(rng) for _ in range(tests)]
        truths = [true_probability(person, c) for c in conditions]
        outcomes = [rng.random() < p for p in truths]
        made = [forecast(planned(c), record, rules) for c in conditions]
        score = auc([f.risk.probability for f in made], outcomes)
        if score is not None:
            aucs.append(score)
            oracle.append(auc(truths, outcomes) or 0.0)
        for f, truth, outcome in zip(made, truths, outcomes, strict=True):
            brier += (f.risk.probability - outcome) ** 2
            brier_prior += (f.prior.probability - outcome) ** 2
            covered += f.risk.low <= truth <= f.risk.high
            n += 1
    return Scores(
        auc=sum(aucs) / len(aucs),
        oracle=sum(oracle) / len(oracle),
        brier=brier / n,
        brier_prior=brier_prior / n,
        coverage=covered / n,
    )
