"""A person's own cramp forecast for a planned session, in three levels.

Pure: the planned session, the person's record and the rules of forecast.yaml in; a
`Forecast` out. The population's chance of a cramp in the session (forecast_prior), moved
by the person's own model: their level and their sensitivities to heat, duration, effort
and sodium, learned from all their sessions (forecast_person); that is the mean of a Beta
prior worth `strength` sessions. Each past session then adds its similarity weight (0-1:
the product of one weight per condition) to the cramp or the cramp-free count, together
at most `most_weight` sessions. The forecast is the posterior mean with its equal-tailed
interval; with no diary it is exactly the population figure. A cramp-free similar session
can only lower the forecast and a cramp in one only raise it (tested as properties); a
session unlike the planned one can move it either way, by what it teaches the person's
model. forecast_replay scores the forecast on the diary itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Literal, TypeVar

from pydantic import BaseModel

from crampcoach.core.binomial import beta_ppf
from crampcoach.core.forecast_inputs import STEPS, HistorySource, PastSession, PlannedSession
from crampcoach.core.forecast_person import (
    Record,
    inverse_logit,
    log_odds_shift,
    logit,
    planned_row,
)
from crampcoach.core.forecast_prior import prior_mean
from crampcoach.core.pattern_conditions import PatternRules, SessionFacts, conditions
from crampcoach.core.patterns import PatternReport
from crampcoach.knowledge.forecast_rules import ForecastRules, PlanPart
from crampcoach.knowledge.vocabulary import EvidenceGrade

Band = Literal["low", "moderate", "high"]
SHOWN_SIMILAR = 20  # the most similar sessions a forecast lists (for its chart)


class Risk(BaseModel):
    """A probability of cramping in the session, its interval and its band."""

    probability: float
    low: float
    high: float
    band: Band


class OddsReason(BaseModel):
    """An odds rule of the population prior that matched the planned session."""

    id: str
    factor: str
    ratio: float
    evidence: str
    sources: list[str]


class PersonalReason(BaseModel):
    """A condition of the planned session under which this person cramped more often."""

    condition: str
    level: str
    factor: str
    evidence: EvidenceGrade
    sessions: int
    cramp_sessions: int
    rest_sessions: int
    rest_cramp_sessions: int
    shapes: PlanPart | None


class SimilarSession(BaseModel):
    """A past session like the planned one: how alike (0-1) and whether it had a cramp."""

    id: int
    start: datetime
    weight: float
    cramped: bool
    duration_h: float
    temperature_c: float | None
    humidity_percent: float | None = None
    water_temperature_c: float | None = None


class Forecast(BaseModel):
    """This person's chance of a cramp in the planned session, and what it rests on.

    `risk` is the forecast and `prior` the population figure it started from; `level` is
    the person's own level against it (the cramps their model expects over the diary
    against those the population figure expects; forecast_person). The counts are of the
    similar sessions (weight at least `similarity.similar_from`), the weighted
    sums of all sessions. `enough_data` is False when fewer than `min_similar` similar
    sessions carry the claim (the forecast then stays near the prior); `interval` is the
    share of the posterior inside `low`-`high`; `band_edges` where the moderate and the
    high band begin.
    """

    risk: Risk
    prior: Risk
    interval: float
    band_edges: tuple[float, float]
    enough_data: bool
    min_similar: int
    diary_sessions: int
    diary_cramp_sessions: int
    expected_cramp_sessions: float
    level: float
    similar_sessions: int
    similar_cramp_sessions: int
    weighted_sessions: float
    weighted_cramps: float
    history: bool | None
    history_source: HistorySource
    odds: list[OddsReason]
    personal: list[PersonalReason]
    similar: list[SimilarSession]


# --- similarity and the update ---------------------------------------------------------------


T = TypeVar("T")


def _halved(distance: float, half: float) -> float:
    """A weight that halves every `half` units of `distance`."""
    return math.pow(0.5, distance / half)


def _given(*compared: tuple[str, T, float]) -> list[tuple[str, T, float]]:
    """The (attribute, planned value, rule value) whose planned value is known."""
    return [item for item in compared if item[1] is not None]


def similarity(planned: PlannedSession, past: PastSession, rules: ForecastRules) -> float:
    """How much `past` says about `planned`: 1 for the same conditions, toward 0 apart."""
    return weigher(planned, rules)(past)


def weigher(planned: PlannedSession, rules: ForecastRules) -> Callable[[PastSession], float]:
    """`similarity` to `planned` as a function of the past session, with the rules' values
    read once (a report replays it over every pair of sessions of a diary)."""
    s = rules.similarity
    unknown = s.unknown.v
    other_sport = s.other_sport.v
    planned_h = max(planned.duration_h, 1e-6)
    duration_half = s.duration_half_doublings.v
    # A quantity the planned session has is compared with the past session's, or counts as
    # unknown where that one did not record it; one the plan does not give is not compared.
    quantities = _given(
        ("air_c", planned.air_c, s.temperature_half_c.v),
        ("humidity_percent", planned.humidity_percent, s.humidity_half_points.v),
        ("water_c", planned.water_c, s.water_temperature_half_c.v),
    )
    planned_step = STEPS[planned.intensity]
    intensity_half = s.intensity_half_steps.v
    choices = _given(
        ("sodium", planned.sodium_planned, s.sodium_differs.v),
        ("warmup", planned.warmup, s.warmup_differs.v),
    )

    def weigh(past: PastSession) -> float:
        weight = 1.0 if past.sport == planned.sport else other_sport
        ratio = max(past.duration_h, 1e-6) / planned_h
        weight *= _halved(abs(math.log2(ratio)), duration_half)
        for attribute, mine, half in quantities:
            theirs = getattr(past, attribute)
            weight *= unknown if theirs is None else _halved(abs(theirs - mine), half)
        if past.intensity is None:
            weight *= unknown
        else:
            weight *= _halved(abs(STEPS[past.intensity] - planned_step), intensity_half)
        for attribute, mine, differs in choices:
            theirs = getattr(past, attribute)
            if theirs is None:
                weight *= unknown
            elif theirs != mine:
                weight *= differs
        return weight

    return weigh


def _band(probability: float, rules: ForecastRules) -> Band:
    if probability >= rules.bands.high_from.v:
        return "high"
    if probability >= rules.bands.moderate_from.v:
        return "moderate"
    return "low"


def _risk(a: float, b: float, rules: ForecastRules) -> Risk:
    tail = (1.0 - rules.interval.v) / 2.0
    mean = a / (a + b)
    return Risk(
        probability=mean,
        low=beta_ppf(tail, a, b),
        high=beta_ppf(1.0 - tail, a, b),
        band=_band(mean, rules),
    )


def posterior(
    planned: PlannedSession,
    mean: float,
    past: Sequence[PastSession],
    coefficients: Sequence[float],
    rules: ForecastRules,
) -> tuple[float, float, list[tuple[float, PastSession]]]:
    """(posterior a, posterior b, each past session with its weight) from the population
    `mean` of the planned session moved by the person's model (`coefficients`)."""
    strength = rules.strength.v
    shift = log_odds_shift(coefficients, planned_row(planned, rules))
    personal = inverse_logit(logit(mean) + shift) if shift else mean
    weigh = weigher(planned, rules)
    weighed = [(weigh(p), p) for p in past]
    cramps = sum(w for w, p in weighed if p.cramped)
    total = sum(w for w, _ in weighed)
    # Similar is not the same: together the similar sessions count as at most `most_weight`.
    scale = min(1.0, rules.similarity.most_weight.v / total) if total else 1.0
    a = personal * strength + cramps * scale
    b = (1.0 - personal) * strength + (total - cramps) * scale
    return a, b, weighed


def forecast(
    planned: PlannedSession,
    record: Record,
    rules: ForecastRules,
    *,
    personal: Sequence[PersonalReason] = (),
) -> Forecast:
    """The forecast for `planned` from the person's `record`; the planned session's cramp
    history is the record's."""
    past = record.sessions
    planned = replace(planned, history=record.history)
    mean, used = prior_mean(planned, rules)
    a, b, weighed = posterior(planned, mean, past, record.coefficients, rules)
    strength = rules.strength.v
    similar = sorted(
        ((w, p) for w, p in weighed if w >= rules.similarity.similar_from.v),
        key=lambda item: (-item[0], -item[1].start.timestamp()),
    )
    return Forecast(
        risk=_risk(a, b, rules),
        prior=_risk(mean * strength, (1.0 - mean) * strength, rules),
        interval=rules.interval.v,
        band_edges=(rules.bands.moderate_from.v, rules.bands.high_from.v),
        enough_data=len(similar) >= rules.similarity.min_similar.v,
        min_similar=int(rules.similarity.min_similar.v),
        diary_sessions=len(past),
        diary_cramp_sessions=record.cramps,
        expected_cramp_sessions=record.expected,
        level=record.level,
        similar_sessions=len(similar),
        similar_cramp_sessions=sum(p.cramped for _, p in similar),
        weighted_sessions=sum(w for w, _ in weighed),
        weighted_cramps=sum(w for w, p in weighed if p.cramped),
        history=record.history,
        history_source=record.history_source,
        odds=[
            OddsReason(
                id=r.id,
                factor=r.factor,
                ratio=r.ratio.v,
                evidence=r.ratio.evidence,
                sources=list(r.ratio.sources),
            )
            for r in used
        ],
        personal=list(personal),
        similar=[
            SimilarSession(
                id=p.id,
                start=p.start,
                weight=w,
                cramped=p.cramped,
                duration_h=p.duration_h,
                temperature_c=p.air_c,
                humidity_percent=p.humidity_percent,
                water_temperature_c=p.water_c,
            )
            for w, p in similar[:SHOWN_SIMILAR]
        ],
    )


# --- what sets this person apart ---------------------------------------------------------------


def personal_reasons(
    planned: SessionFacts,
    sessions: Sequence[SessionFacts],
    report: PatternReport,
    tz: tzinfo,
    pattern_rules: PatternRules,
    rules: ForecastRules,
    evidence: Mapping[str, EvidenceGrade],
) -> list[PersonalReason]:
    """The person's clearly higher cramp rates (`patterns`) under conditions the planned
    session shares, each with its factor, the factor's evidence and the part of the plan
    it shapes. `planned` is the planned session as a diary session would record it."""
    by_name = {c.name: c for c in conditions([*sessions, planned], tz, pattern_rules)}
    reasons: list[PersonalReason] = []
    for p in report.patterns:
        condition = by_name.get(p.condition)
        if p.status != "higher" or p.factor_id is None or condition is None:
            continue
        if condition.classify(planned) != p.level:
            continue
        reasons.append(
            PersonalReason(
                condition=p.condition,
                level=p.level,
                factor=p.factor_id,
                evidence=evidence[p.factor_id],
                sessions=p.sessions,
                cramp_sessions=p.cramp_sessions,
                rest_sessions=p.rest_sessions,
                rest_cramp_sessions=p.rest_cramp_sessions,
                shapes=rules.shapes.get(p.factor_id),
            )
        )
    return reasons
