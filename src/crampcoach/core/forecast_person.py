"""The person's own model, the forecast's second level: their level and their
sensitivities to the conditions of forecast.yaml `person.terms`, learned from their diary.

A logistic model of a cramp in each past session. Its offset is the population prior's
log-odds of that session; on top come the person's level (an intercept) and one slope per
term. Every coefficient has a normal prior centred on 0, the population's own figure, so
the fit is a ridge-penalised logistic regression, solved by Newton's method to its most
probable values. With no diary every coefficient is 0 and the model is the population
prior. `record_of` reads a diary once into the `Record` every forecast from it uses.
Pure; numpy is imported only when there is a diary to fit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from crampcoach.core.forecast_inputs import (
    HistorySource,
    PastSession,
    PlannedSession,
    history_of,
)
from crampcoach.core.forecast_prior import PopulationPrior
from crampcoach.knowledge.forecast_rules import ForecastRules, PersonModel, PersonTerm

# Effort steps from usual; the classifier of patterns merges hard and race when only the
# heart rate tells.
_STEPS: dict[str, float] = {"easy": -1, "usual": 0, "hard": 1, "race": 2, "hard or race": 1}
_MAX_NEWTON_STEPS = 50
_CONVERGED = 1e-9  # the largest change of a coefficient at which the fit has converged


# A session's conditions as the terms read them: air (°C), duration (h), effort, sodium.
Conditions = tuple[float | None, float, str | None, bool | None]


def _column(term: PersonTerm, sessions: Sequence[Conditions]) -> list[float]:
    """The term's value in each session; a condition not known is the centre, 0."""
    if term.field == "air_c":
        centre, per = term.centre or 0.0, term.per or 1.0
        return [0.0 if air is None else (air - centre) / per for air, _, _, _ in sessions]
    if term.field == "duration_h":
        hours = term.centre or 1.0
        return [math.log2(max(duration, 1e-6) / hours) for _, duration, _, _ in sessions]
    if term.field == "intensity":
        return [_STEPS.get(effort or "usual", 0.0) for _, _, effort, _ in sessions]
    return [float(sodium is not None and sodium == term.is_) for _, _, _, sodium in sessions]


def rows(model: PersonModel, sessions: Sequence[Conditions]) -> list[tuple[float, ...]]:
    """The model's inputs for each session: 1 for the level, then each term's value."""
    columns = [[1.0] * len(sessions), *(_column(t, sessions) for t in model.terms)]
    return list(zip(*columns, strict=True))


def prior_sds(model: PersonModel) -> tuple[float, ...]:
    return (model.level_sd.v, *(t.sd.v for t in model.terms))


@dataclass(frozen=True)
class Fit:
    """The most probable coefficients (the level, then one per term) and the chance of a
    cramp they give each session fitted."""

    coefficients: tuple[float, ...]
    chances: tuple[float, ...]


def fit(
    rows: Sequence[Sequence[float]],
    offsets: Sequence[float],
    outcomes: Sequence[bool],
    sds: Sequence[float],
    start: Sequence[float] | None = None,
) -> Fit:
    """Newton's method on the penalised log-likelihood, each step halved until the
    objective improves (it is strictly concave, so this converges from any `start`)."""
    if not rows:
        return Fit(tuple(0.0 for _ in sds), ())
    import numpy as np

    x = np.asarray(rows, dtype=float)
    offset = np.asarray(offsets, dtype=float)
    y = np.asarray(outcomes, dtype=float)
    precision = 1.0 / np.asarray(sds, dtype=float) ** 2
    beta = np.zeros(len(sds)) if start is None else np.asarray(start, dtype=float)

    def objective(b: np.ndarray) -> float:
        eta = offset + x @ b
        return float(y @ eta - np.logaddexp(0.0, eta).sum() - 0.5 * precision @ (b * b))

    current = objective(beta)
    for _ in range(_MAX_NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(offset + x @ beta)))
        gradient = x.T @ (y - p) - precision * beta
        hessian = (x * (p * (1.0 - p))[:, None]).T @ x + np.diag(precision)
        step = np.linalg.solve(hessian, gradient)
        size = 1.0
        while True:
            trial = beta + size * step
            value = objective(trial)
            if value >= current or size < 1e-6:
                break
            size /= 2.0
        beta, current = trial, value
        if float(np.abs(size * step).max()) < _CONVERGED:
            break
    chances = 1.0 / (1.0 + np.exp(-(offset + x @ beta)))
    return Fit(tuple(float(b) for b in beta), tuple(float(c) for c in chances))


def log_odds_shift(coefficients: Sequence[float], inputs: Sequence[float]) -> float:
    """How far the person's model moves the population's log-odds of one session."""
    return sum(c * v for c, v in zip(coefficients, inputs, strict=True))


def logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def inverse_logit(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _past_conditions(past: PastSession) -> Conditions:
    return (past.air_c, past.duration_h, past.intensity, past.sodium)


def past_rows(past: Sequence[PastSession], rules: ForecastRules) -> list[tuple[float, ...]]:
    """The model's inputs for each past session (`rows`)."""
    return rows(rules.person, [_past_conditions(p) for p in past])


def planned_row(planned: PlannedSession, rules: ForecastRules) -> tuple[float, ...]:
    conditions = (planned.air_c, planned.duration_h, planned.intensity, planned.sodium_planned)
    return rows(rules.person, [conditions])[0]


@dataclass(frozen=True)
class Record:
    """A person's diary as every forecast from it reads it: the sessions (oldest first),
    the cramp history it gives, their model's coefficients (the level, then one per term)
    and their level against the population figure: the cramps their
    model expects over the diary against the cramps the population figure expects."""

    sessions: Sequence[PastSession]
    history: bool | None
    history_source: HistorySource
    cramps: int
    expected: float
    coefficients: tuple[float, ...]
    level: float


def fitted(
    past: Sequence[PastSession],
    means: Sequence[float],
    rules: ForecastRules,
    start: Sequence[float] | None = None,
) -> Fit:
    """The person's model fitted to `past`, whose population chances are `means`."""
    return fit(
        past_rows(past, rules),
        [logit(m) for m in means],
        [p.cramped for p in past],
        prior_sds(rules.person),
        start,
    )


def record_of(
    past: Sequence[PastSession], given_history: bool | None, rules: ForecastRules
) -> Record:
    """The record of `past` (oldest first); `given_history` is what the person said of
    earlier cramps (None: nothing), which the diary overrides when it can."""
    history, source = history_of(past, given_history)
    prior = PopulationPrior.of(rules)
    means = [prior.past_mean(p, history) for p in past]
    model = fitted(past, means, rules)
    expected = sum(means)
    return Record(
        sessions=past,
        history=history,
        history_source=source,
        cramps=sum(p.cramped for p in past),
        expected=expected,
        coefficients=model.coefficients,
        level=sum(model.chances) / expected if past else 1.0,
    )
