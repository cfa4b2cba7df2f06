"""How well the personal forecast does on a person's own diary: before each session, the
forecast from the sessions before it alone (`backtest`), scored against what happened
(`calibration`: Brier scores and a reliability table). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from crampcoach.core.forecast import posterior
from crampcoach.core.forecast_inputs import PLANNABLE, PastSession, PlannedSession
from crampcoach.core.forecast_person import fit, logit, past_rows, prior_sds
from crampcoach.core.forecast_prior import PopulationPrior
from crampcoach.core.plan_inputs import feels_like_c
from crampcoach.knowledge.forecast_rules import ForecastRules


@dataclass(frozen=True)
class Scored:
    """A forecast made before a session from the sessions before it, and what happened."""

    session_id: int
    probability: float
    prior: float
    cramped: bool


@dataclass(frozen=True)
class CalibrationBin:
    low: float
    high: float
    forecasts: int
    mean_forecast: float | None
    observed: float | None


@dataclass(frozen=True)
class Calibration:
    """Brier scores of the personal forecast and of the population prior alone, and the
    reliability table: in each bin of forecasts, the share of sessions that had a cramp."""

    forecasts: int
    cramps: int
    needed: int
    enough: bool
    brier: float | None
    brier_prior: float | None
    bins: list[CalibrationBin]


def as_planned(past: PastSession, history: bool | None) -> PlannedSession:
    """A past session as if it were being planned (for the backtest)."""
    return PlannedSession(
        sport=past.sport,
        duration_h=past.duration_h,
        intensity=PLANNABLE.get(past.intensity or "usual", "usual"),
        air_c=past.air_c,
        feels_like_c=feels_like_c(past.air_c, past.humidity_percent),
        water_c=past.water_c,
        sodium_planned=past.sodium,
        warmup=past.warmup,
        history=history,
        humidity_percent=past.humidity_percent,
    )


def backtest(past: Sequence[PastSession], rules: ForecastRules) -> list[Scored]:
    """Before each of the latest sessions (up to `calibration.max_forecasts`), the forecast
    from the sessions before it alone, and whether it had a cramp; the history is what
    the diary said at the time."""
    latest = int(rules.calibration.max_forecasts.v)
    prior = PopulationPrior.of(rules)
    means = {h: [prior.past_mean(p, h) for p in past] for h in (True, False)}
    cramps = [0]
    for p in past:
        cramps.append(cramps[-1] + p.cramped)
    # The person's model's inputs, read once: each replay fits the sessions before it.
    inputs = past_rows(past, rules)
    offsets = {h: [logit(m) for m in ms] for h, ms in means.items()}
    outcomes = [p.cramped for p in past]
    sds = prior_sds(rules.person)
    scored: list[Scored] = []
    coefficients: tuple[float, ...] | None = None
    for i in range(max(1, len(past) - latest), len(past)):
        history = cramps[i] > 0  # the diary answers: it holds sessions before this one
        # Each fit starts from the last one: one session more moves it little.
        model = fit(inputs[:i], offsets[history][:i], outcomes[:i], sds, coefficients)
        coefficients = model.coefficients
        mean = means[history][i]
        a, b, _ = posterior(as_planned(past[i], history), mean, past[:i], coefficients, rules)
        scored.append(Scored(past[i].id, a / (a + b), mean, past[i].cramped))
    return scored


def calibration(scored: Sequence[Scored], rules: ForecastRules) -> Calibration:
    """Brier scores and the reliability table of backtested forecasts."""
    n = len(scored)
    edges = rules.calibration.bins.edges
    bins: list[CalibrationBin] = []
    for i, (low, high) in enumerate(pairwise(edges)):
        last = i == len(edges) - 2
        inside = [
            s for s in scored if low <= s.probability < high or (last and s.probability == high)
        ]
        bins.append(
            CalibrationBin(
                low=low,
                high=high,
                forecasts=len(inside),
                mean_forecast=sum(s.probability for s in inside) / len(inside) if inside else None,
                observed=sum(s.cramped for s in inside) / len(inside) if inside else None,
            )
        )
    return Calibration(
        forecasts=n,
        cramps=sum(s.cramped for s in scored),
        needed=int(rules.calibration.min_forecasts.v),
        enough=n >= rules.calibration.min_forecasts.v,
        brier=sum((s.probability - s.cramped) ** 2 for s in scored) / n if n else None,
        brier_prior=sum((s.prior - s.cramped) ** 2 for s in scored) / n if n else None,
        bins=bins,
    )
