"""A person's own cramp forecast for a planned session: a population prior updated by
their similar past sessions.

Pure: the planned session, the diary's sessions and cramps and the rules of forecast.yaml
in; a `Forecast` out. Three levels: the population's session rate for the planned
intensity, its odds multiplied by every odds rule that matches the planned session; the
person's level (`record_of`: their cramps against what that figure expected over all
their sessions, shrunk toward 1), which multiplies those odds again; and their similar
sessions. The first two give the mean of a Beta prior worth `strength` sessions; each
past session adds its similarity weight (0-1: the product of one weight per condition) to
the cramp or the cramp-free count. The forecast is the posterior mean with its
equal-tailed interval; with no diary it is exactly the population figure. A cramp-free
session can only lower the forecast and a cramp only raise it (tested as properties).

`backtest` replays a diary: before each session, what the forecast would have said from
the sessions before it alone; `calibration` scores those forecasts against what happened.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel

from crampcoach.core.binomial import beta_ppf
from crampcoach.core.pattern_conditions import (
    PatternRules,
    SessionFacts,
    conditions,
    intensity_classifier,
)
from crampcoach.core.patterns import CrampFacts, PatternReport
from crampcoach.knowledge.forecast_rules import ForecastRules, OddsRule, PlanPart, Test
from crampcoach.knowledge.vocabulary import EvidenceGrade

Band = Literal["low", "moderate", "high"]
HistorySource = Literal["diary", "given", "unknown"]
STEPS: dict[str, float] = {"easy": 0, "usual": 1, "hard": 2, "race": 3}
# The intensity classifier of patterns merges hard and race when only heart rate tells.
STEPS["hard or race"] = 2
# A past session's intensity as a plan's (the backtest plans each session again).
_PLANNABLE = {"easy": "easy", "usual": "usual", "hard": "hard", "race": "race"}
_PLANNABLE["hard or race"] = "hard"
SHOWN_SIMILAR = 20  # the most similar sessions a forecast lists (for its chart)


@dataclass(frozen=True)
class PlannedSession:
    """The session a forecast is for; None where it is not known."""

    sport: str
    duration_h: float
    intensity: str
    air_c: float | None = None
    feels_like_c: float | None = None
    water_c: float | None = None
    sodium_planned: bool | None = None
    warmup: bool | None = True
    history: bool | None = None


@dataclass(frozen=True)
class PastSession:
    """One diary session as the forecast compares it; None where the diary does not say."""

    id: int
    start: datetime
    sport: str
    duration_h: float
    air_c: float | None
    intensity: str | None
    sodium: bool | None
    warmup: bool | None
    cramped: bool


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


class Forecast(BaseModel):
    """This person's chance of a cramp in the planned session, and what it rests on.

    `risk` is the forecast and `prior` the population figure it started from; `level` is
    the person's own level against it (sessions with a cramp in the diary against the
    expected, shrunk toward 1), which multiplies the prior's odds. The counts are of the
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


# --- the diary, as the forecast reads it ---------------------------------------------------


def past_sessions(
    sessions: Sequence[SessionFacts],
    cramps: Sequence[CrampFacts],
    rules: PatternRules,
    sport_of: Callable[[str], str] | None = None,
) -> list[PastSession]:
    """The diary's sessions, oldest first, each with whether a cramp came in it; the
    intensity is the logged effort, else read from heart rate as `patterns` reads it;
    `sport_of` names each sport as the plan does (by default as the diary does)."""
    cramped = {c.session_id for c in cramps if c.session_id is not None}
    intensity = intensity_classifier(sessions, rules)
    names: dict[str, str] = {}
    for s in sessions:
        if s.sport not in names:
            names[s.sport] = sport_of(s.sport) if sport_of else s.sport
    return [
        PastSession(
            id=s.id,
            start=s.start,
            sport=names[s.sport],
            duration_h=s.duration_s / 3600.0,
            air_c=s.temperature_c,
            intensity=intensity(s),
            sodium=None if s.sodium_mg is None else s.sodium_mg > 0,
            warmup=s.warmup,
            cramped=s.id in cramped,
        )
        for s in sorted(sessions, key=lambda s: (s.start, s.id))
    ]


def history_of(
    past: Sequence[PastSession], given: bool | None
) -> tuple[bool | None, HistorySource]:
    """Whether the person has cramped in a session: the diary answers when it holds a
    session cramp, or sessions and nothing `given`; else what was given."""
    if any(p.cramped for p in past):
        return True, "diary"
    if given is not None:
        return given, "given"
    if past:
        return False, "diary"
    return None, "unknown"


# --- the population prior ------------------------------------------------------------------


# One test of an odds rule, compiled: (field, is, at least, below).
_Test = tuple[str, bool | None, float | None, float | None]


def _compiled(test: Test) -> _Test:
    return (test.field, test.is_, test.at_least, test.below)


@dataclass(frozen=True)
class _Prior:
    """The population prior's rules read once into plain values, for many sessions."""

    odds: dict[str, float]  # intensity -> the odds of its session rate
    rules: tuple[tuple[OddsRule, str, float, tuple[_Test, ...]], ...]

    @classmethod
    def of(cls, rules: ForecastRules) -> _Prior:
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
        """The prior of a past session as if it were planned (the air is all it knows)."""
        values = {
            "history": history,
            "sodium_planned": past.sodium,
            "duration_h": past.duration_h,
            "feels_like_c": past.air_c,
            "air_c": past.air_c,
            "water_c": None,
        }
        return self.mean(_PLANNABLE.get(past.intensity or "usual", "usual"), values)[0]


def prior_mean(planned: PlannedSession, rules: ForecastRules) -> tuple[float, list[OddsRule]]:
    """The population's chance of a cramp in this session, and the odds rules used (the
    first matching rule of each group)."""
    return _Prior.of(rules).planned_mean(planned)


# --- similarity and the update ---------------------------------------------------------------


def _halved(distance: float, half: float) -> float:
    """A weight that halves every `half` units of `distance`."""
    return math.pow(0.5, distance / half)


def similarity(planned: PlannedSession, past: PastSession, rules: ForecastRules) -> float:
    """How much `past` says about `planned`: 1 for the same conditions, toward 0 apart."""
    s = rules.similarity
    unknown = s.unknown.v
    weight = 1.0 if past.sport == planned.sport else s.other_sport.v
    ratio = max(past.duration_h, 1e-6) / max(planned.duration_h, 1e-6)
    weight *= _halved(abs(math.log2(ratio)), s.duration_half_doublings.v)
    if planned.air_c is not None:
        if past.air_c is None:
            weight *= unknown
        else:
            weight *= _halved(abs(past.air_c - planned.air_c), s.temperature_half_c.v)
    if past.intensity is None:
        weight *= unknown
    else:
        steps = abs(STEPS[past.intensity] - STEPS[planned.intensity])
        weight *= _halved(steps, s.intensity_half_steps.v)
    for mine, theirs, differs in (
        (planned.sodium_planned, past.sodium, s.sodium_differs.v),
        (planned.warmup, past.warmup, s.warmup_differs.v),
    ):
        if mine is None:
            continue
        if theirs is None:
            weight *= unknown
        elif theirs != mine:
            weight *= differs
    return weight


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


def expected_cramps(
    past: Sequence[PastSession], history: bool | None, rules: ForecastRules
) -> float:
    """How many sessions with a cramp the population figure expects among `past`."""
    prior = _Prior.of(rules)
    return sum(prior.past_mean(p, history) for p in past)


def level(cramps: int, expected: float, rules: ForecastRules) -> float:
    """The person's level: their cramps against the expected, shrunk toward 1."""
    k = rules.level_strength.v
    return (cramps + k) / (expected + k)


def _with_level(probability: float, ratio: float) -> float:
    odds = probability / (1.0 - probability) * ratio
    return odds / (1.0 + odds)


def _posterior(
    planned: PlannedSession,
    mean: float,
    past: Sequence[PastSession],
    ratio: float,
    rules: ForecastRules,
) -> tuple[float, float, list[tuple[float, PastSession]]]:
    """(posterior a, posterior b, each past session with its weight) from the population
    `mean` of the planned session and the person's level `ratio`."""
    strength = rules.strength.v
    personal = _with_level(mean, ratio)
    a, b = personal * strength, (1.0 - personal) * strength
    weighed = [(similarity(planned, p, rules), p) for p in past]
    for weight, p in weighed:
        if p.cramped:
            a += weight
        else:
            b += weight
    return a, b, weighed


@dataclass(frozen=True)
class Record:
    """A person's diary as every forecast from it reads it: the sessions (oldest first),
    the cramp history it gives, and their level against the population figure."""

    sessions: Sequence[PastSession]
    history: bool | None
    history_source: HistorySource
    cramps: int
    expected: float
    level: float


def record_of(
    past: Sequence[PastSession], given_history: bool | None, rules: ForecastRules
) -> Record:
    """The record of `past` (oldest first); `given_history` is what the person said of
    earlier cramps (None: nothing), which the diary overrides when it can."""
    history, source = history_of(past, given_history)
    cramps = sum(p.cramped for p in past)
    expected = expected_cramps(past, history, rules)
    return Record(past, history, source, cramps, expected, level(cramps, expected, rules))


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
    a, b, weighed = _posterior(planned, mean, past, record.level, rules)
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


# --- how well it does ------------------------------------------------------------------------


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
        intensity=_PLANNABLE.get(past.intensity or "usual", "usual"),
        air_c=past.air_c,
        feels_like_c=past.air_c,
        sodium_planned=past.sodium,
        warmup=past.warmup,
        history=history,
    )


def backtest(past: Sequence[PastSession], rules: ForecastRules) -> list[Scored]:
    """Before each of the latest sessions (up to `calibration.max_forecasts`), the forecast
    from the sessions before it alone, and whether it had a cramp; the history is what
    the diary said at the time."""
    latest = int(rules.calibration.max_forecasts.v)
    # The expected cramps of the sessions before each one, for either history, summed once.
    prior = _Prior.of(rules)
    expected: dict[bool, list[float]] = {}
    for history in (True, False):
        running = [0.0]
        for p in past:
            running.append(running[-1] + prior.past_mean(p, history))
        expected[history] = running
    cramps = [0]
    for p in past:
        cramps.append(cramps[-1] + p.cramped)
    scored: list[Scored] = []
    for i in range(max(1, len(past) - latest), len(past)):
        history = cramps[i] > 0  # the diary answers: it holds sessions before this one
        ratio = level(cramps[i], expected[history][i], rules)
        mean = prior.past_mean(past[i], history)
        a, b, _ = _posterior(as_planned(past[i], history), mean, past[:i], ratio, rules)
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
