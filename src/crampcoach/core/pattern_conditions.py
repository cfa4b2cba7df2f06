"""The conditions a diary's sessions are grouped by, and the rules that draw their lines.

Pure: each condition classifies a `SessionFacts` into one of its levels (or None when it is
not known) and names the factor a higher cramp rate at a level points at. Every cut point,
factor link and advice line comes in through `PatternRules` (knowledge/data/patterns.yaml).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo


@dataclass(frozen=True)
class PatternRules:
    """Cut points, factor links and advice: the medical content of the patterns, as data.

    Built from knowledge/data/patterns.yaml, where each number names its sources; `links`
    maps a condition key (e.g. "long_and_hot") to a factor id, `prevention` a factor id to
    the advice line shown with it, `no_factor` is shown where no factor is linked.
    """

    hot_c: float
    cold_c: float
    short_session_min: float
    long_session_min: float
    very_long_session_min: float
    long_hot_session_min: float
    long_night_session_min: float
    low_fluid_l_per_h: float
    high_fluid_l_per_h: float
    hard_heart_rate_fraction: float
    easy_heart_rate_fraction: float
    min_peak_heart_rate_bpm: float
    recent_hard_session_days: float
    recovered_after_days: float
    hard_efforts: frozenset[str]
    links: Mapping[str, str]
    prevention: Mapping[str, str]
    no_factor: str

    def advice(self, factor_id: str | None) -> str:
        """The prevention line for a factor (or for no known factor)."""
        return self.prevention[factor_id] if factor_id is not None else self.no_factor


@dataclass(frozen=True)
class SessionFacts:
    """What one session says for patterns; `start` is timezone-aware."""

    id: int
    sport: str
    start: datetime
    duration_s: float
    temperature_c: float | None = None
    warmup: bool | None = None
    fluids_l: float | None = None
    sodium_mg: float | None = None
    effort: str | None = None
    avg_heart_rate: float | None = None
    max_heart_rate: float | None = None
    humidity_percent: float | None = None  # read by the forecast, not by patterns
    water_temperature_c: float | None = None  # likewise


Classifier = Callable[[SessionFacts], str | None]


@dataclass(frozen=True)
class Condition:
    name: str
    levels: tuple[str, ...]
    classify: Classifier
    factors: dict[str, str | None]


def _num(value: float) -> str:
    """A cut point as people write it: 60, 0.4."""
    return f"{value:g}"


def _duration_classifier(rules: PatternRules) -> tuple[tuple[str, ...], Classifier]:
    short, long, very_long = (
        rules.short_session_min,
        rules.long_session_min,
        rules.very_long_session_min,
    )
    levels = (
        f"under {_num(short)} min",
        f"{_num(short)}-{_num(long)} min",
        f"{_num(long)}-{_num(very_long)} min",
        f"{_num(very_long)} min or more",
    )

    def classify(s: SessionFacts) -> str | None:
        minutes = s.duration_s / 60.0
        if minutes < short:
            return levels[0]
        if minutes < long:
            return levels[1]
        if minutes < very_long:
            return levels[2]
        return levels[3]

    return levels, classify


def _temperature_classifier(rules: PatternRules) -> tuple[tuple[str, ...], Classifier]:
    cold, hot = rules.cold_c, rules.hot_c
    levels = (f"below {cold:.0f} °C", f"{cold:.0f}-{hot:.0f} °C", f"{hot:.0f} °C or more")

    def classify(s: SessionFacts) -> str | None:
        if s.temperature_c is None:
            return None
        if s.temperature_c < cold:
            return levels[0]
        if s.temperature_c < hot:
            return levels[1]
        return levels[2]

    return levels, classify


def _warmup(s: SessionFacts) -> str | None:
    if s.warmup is None:
        return None
    return "warm-up" if s.warmup else "no warm-up"


def _sport(s: SessionFacts) -> str | None:
    return s.sport or None


def _fluids_classifier(rules: PatternRules) -> tuple[tuple[str, ...], Classifier]:
    low, high = rules.low_fluid_l_per_h, rules.high_fluid_l_per_h
    levels = (
        f"under {_num(low)} L/h",
        f"{_num(low)}-{_num(high)} L/h",
        f"over {_num(high)} L/h",
    )

    def classify(s: SessionFacts) -> str | None:
        if s.fluids_l is None or s.duration_s <= 0:
            return None
        per_hour = s.fluids_l / (s.duration_s / 3600.0)
        if per_hour < low:
            return levels[0]
        if per_hour <= high:
            return levels[1]
        return levels[2]

    return levels, classify


def _sodium(s: SessionFacts) -> str | None:
    if s.sodium_mg is None:
        return None
    return "no sodium" if s.sodium_mg <= 0 else "some sodium"


def _hot_without_sodium_classifier(rules: PatternRules) -> Classifier:
    def classify(s: SessionFacts) -> str | None:
        if s.temperature_c is None or s.sodium_mg is None:
            return None
        hot = s.temperature_c >= rules.hot_c
        return "hot, no sodium" if hot and s.sodium_mg <= 0 else "other"

    return classify


def _long_and_hot_classifier(rules: PatternRules) -> tuple[str, Classifier]:
    level = f"over {_num(rules.long_hot_session_min)} min and hot"

    def classify(s: SessionFacts) -> str | None:
        if s.temperature_c is None:
            return None
        long = s.duration_s > rules.long_hot_session_min * 60
        return level if long and s.temperature_c >= rules.hot_c else "other"

    return level, classify


def intensity_classifier(sessions: Sequence[SessionFacts], rules: PatternRules) -> Classifier:
    """Effort as logged; else average heart rate against the highest heart rate on record."""
    peaks = [
        s.max_heart_rate
        for s in sessions
        if s.max_heart_rate and s.max_heart_rate >= rules.min_peak_heart_rate_bpm
    ]
    peak = max(peaks) if peaks else None

    def classify(s: SessionFacts) -> str | None:
        if s.effort:
            return "hard or race" if s.effort in rules.hard_efforts else s.effort
        if peak is None or not s.avg_heart_rate:
            return None
        fraction = s.avg_heart_rate / peak
        if fraction >= rules.hard_heart_rate_fraction:
            return "hard or race"
        return "easy" if fraction < rules.easy_heart_rate_fraction else "usual"

    return classify


# Clock hours where morning, afternoon, evening and night begin: names, not medicine.
_DAY_PARTS = ((5, "morning"), (12, "afternoon"), (17, "evening"), (22, "night"))


def _time_of_day_classifier(tz: tzinfo) -> Classifier:
    def classify(s: SessionFacts) -> str | None:
        hour = s.start.astimezone(tz).hour
        name = _DAY_PARTS[-1][1]  # before the first start, it is still night
        for begins, part in _DAY_PARTS:
            if hour >= begins:
                name = part
        return name

    return classify


def _since_hard_classifier(
    sessions: Sequence[SessionFacts], tz: tzinfo, rules: PatternRules
) -> tuple[tuple[str, ...], Classifier]:
    """Days since the last hard or race session that started before this one."""
    recent, rested = rules.recent_hard_session_days, rules.recovered_after_days
    levels = (
        f"within {_num(recent)} day{'' if recent == 1 else 's'}",
        f"{_num(recent + 1)}-{_num(rested)} days",
        f"{_num(rested + 1)}+ days",
    )
    ordered = sorted(sessions, key=lambda s: s.start)
    first_day = ordered[0].start.astimezone(tz).date() if ordered else None
    band: dict[int, str | None] = {}
    last_hard: date | None = None
    for s in ordered:
        day = s.start.astimezone(tz).date()
        if last_hard is not None:
            days = (day - last_hard).days
            band[s.id] = levels[0] if days <= recent else levels[1] if days <= rested else levels[2]
        elif first_day is not None and (day - first_day).days > rested:
            band[s.id] = levels[2]  # the diary reaches back far enough to know
        else:
            band[s.id] = None
        if s.effort in rules.hard_efforts:
            last_hard = day
    return levels, lambda s: band.get(s.id)


def conditions(
    sessions: Sequence[SessionFacts], tz: tzinfo, rules: PatternRules
) -> list[Condition]:
    link = rules.links
    durations, by_duration = _duration_classifier(rules)
    temps, by_temperature = _temperature_classifier(rules)
    fluids, by_fluids = _fluids_classifier(rules)
    long_hot, by_long_hot = _long_and_hot_classifier(rules)
    since_hard, by_since_hard = _since_hard_classifier(sessions, tz, rules)
    sports = tuple(sorted({s.sport for s in sessions if s.sport}))
    return [
        Condition(
            "duration",
            durations,
            by_duration,
            {durations[2]: link["long_session"], durations[3]: link["long_session"]},
        ),
        Condition(
            "intensity",
            ("easy", "usual", "hard or race"),
            intensity_classifier(sessions, rules),
            {"hard or race": link["hard_effort"]},
        ),
        Condition(
            "temperature",
            temps,
            by_temperature,
            {temps[0]: link["cold"], temps[2]: link["hot"]},
        ),
        Condition("warm-up", ("warm-up", "no warm-up"), _warmup, {"no warm-up": link["no_warmup"]}),
        Condition("sport", sports, _sport, dict.fromkeys(sports, link["sport"])),
        Condition(
            "time of day",
            tuple(part for _, part in _DAY_PARTS),
            _time_of_day_classifier(tz),
            {},
        ),
        Condition(
            "fluids",
            fluids,
            by_fluids,
            {fluids[0]: link["low_fluid"], fluids[2]: link["high_fluid"]},
        ),
        Condition(
            "sodium", ("no sodium", "some sodium"), _sodium, {"no sodium": link["no_sodium"]}
        ),
        Condition(
            "heat and sodium",
            ("hot, no sodium",),
            _hot_without_sodium_classifier(rules),
            {"hot, no sodium": link["hot_without_sodium"]},
        ),
        Condition("duration and heat", (long_hot,), by_long_hot, {long_hot: link["long_and_hot"]}),
        Condition(
            "days since last hard session",
            since_hard,
            by_since_hard,
            {since_hard[0]: link["soon_after_hard_session"]},
        ),
    ]
