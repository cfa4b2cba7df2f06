"""Personal cramp patterns: the cramp rate under each condition, with exact intervals.

Pure: plain records in, `Pattern` values out; `today` and the person's time zone are
passed in. The rate of a condition is the share of its sessions with at least one
cramp; it is compared with the rate of the other sessions where the same thing is
known (sessions where it is unknown count in neither group).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Literal

from crampcoach.core.binomial import CONFIDENCE, Interval, clopper_pearson, rate_ratio

MIN_GROUP_SESSIONS = 5  # sessions (or nights) in the group and in the rest
MIN_CRAMP_SESSIONS = 3  # sessions (or nights) with a cramp, group and rest together
RULE = (
    f"A pattern is shown only when the group and the rest each have at least "
    f"{MIN_GROUP_SESSIONS} sessions (or nights) and at least {MIN_CRAMP_SESSIONS} of all of "
    f"them had a cramp; otherwise it reads 'not enough data yet'. It is 'higher' or "
    f"'lower' only when the {CONFIDENCE:.0%} interval of the rate ratio excludes 1."
)

CAVEAT = (
    "These are associations in your own diary, not proof of cause: conditions overlap (long "
    "sessions are often hot), and with about thirty comparisons roughly one in twenty can "
    "look clear by chance."
)

HOT_C = 25.0
COLD_C = 10.0
HARD_EFFORTS = frozenset({"hard", "race"})

Status = Literal["higher", "no_clear_difference", "lower", "not_enough_data"]
_STATUS_ORDER: dict[str, int] = {
    "higher": 0,
    "no_clear_difference": 1,
    "lower": 2,
    "not_enough_data": 3,
}

# Prevention per factor, written from ../shared/evidence/brief.md; ids in [S#] are its sources.
PREVENTION: dict[str | None, str] = {
    "neuromuscular_fatigue": (
        "Build duration and pace gradually and start long or hard sessions slower than you "
        "feel you can: running faster than trained for predicts cramps (S3, S5)."
    ),
    "sweat_electrolyte_loss": (
        "In long or hot sessions replace fluid and sodium in proportion to measured sweat "
        "losses rather than plain water alone (S11, S15); drink to thirst, never as much as "
        "possible (S46, S48)."
    ),
    "cold_exposure": (
        "General advice (not proven to prevent cramps): keep warm before and during cold "
        "sessions; in cold water never swim alone and acclimatise slowly (S60)."
    ),
    "insufficient_warmup": (
        "General advice (no trial shows it prevents cramps): warm up gradually before hard efforts."
    ),
    None: (
        "No known mechanism links this condition to cramps: look at what else differs in "
        "these sessions (pace, duration, heat)."
    ),
}


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


@dataclass(frozen=True)
class CrampFacts:
    """One cramp: in a session (`session_id`) or at night."""

    time: datetime
    session_id: int | None = None
    at_night: bool = False


@dataclass(frozen=True)
class Pattern:
    """The cramp rate under one condition level, against the rest."""

    condition: str
    level: str
    unit: str  # "session" or "night"
    factor_id: str | None
    prevention: str
    sessions: int
    cramp_sessions: int
    cramps: int
    rest_sessions: int
    rest_cramp_sessions: int
    rate: Interval | None
    rest_rate: Interval | None
    rate_ratio: Interval | None
    share_of_cramps: float | None  # this group's share of all cramps of the condition
    status: Status


@dataclass(frozen=True)
class PatternReport:
    """All patterns, best supported first, with the counts they rest on."""

    today: date
    sessions: int
    session_cramps: int
    night_cramps: int
    rule: str
    caveat: str
    patterns: list[Pattern]


# --- conditions --------------------------------------------------------------------------

Classifier = Callable[[SessionFacts], str | None]


@dataclass(frozen=True)
class _Condition:
    name: str
    levels: tuple[str, ...]
    classify: Classifier
    factors: dict[str, str | None]


def _duration(s: SessionFacts) -> str | None:
    minutes = s.duration_s / 60.0
    if minutes < 60:
        return "under 60 min"
    if minutes < 90:
        return "60-90 min"
    if minutes < 150:
        return "90-150 min"
    return "150 min or more"


def _temperature(s: SessionFacts) -> str | None:
    if s.temperature_c is None:
        return None
    if s.temperature_c < COLD_C:
        return f"below {COLD_C:.0f} °C"
    if s.temperature_c < HOT_C:
        return f"{COLD_C:.0f}-{HOT_C:.0f} °C"
    return f"{HOT_C:.0f} °C or more"


def _warmup(s: SessionFacts) -> str | None:
    if s.warmup is None:
        return None
    return "warm-up" if s.warmup else "no warm-up"


def _sport(s: SessionFacts) -> str | None:
    return s.sport or None


def _fluids(s: SessionFacts) -> str | None:
    if s.fluids_l is None or s.duration_s <= 0:
        return None
    per_hour = s.fluids_l / (s.duration_s / 3600.0)
    if per_hour < 0.4:
        return "under 0.4 L/h"
    if per_hour <= 0.8:
        return "0.4-0.8 L/h"
    return "over 0.8 L/h"


def _sodium(s: SessionFacts) -> str | None:
    if s.sodium_mg is None:
        return None
    return "no sodium" if s.sodium_mg <= 0 else "some sodium"


def _hot_without_sodium(s: SessionFacts) -> str | None:
    if s.temperature_c is None or s.sodium_mg is None:
        return None
    return "hot, no sodium" if s.temperature_c >= HOT_C and s.sodium_mg <= 0 else "other"


def _long_and_hot(s: SessionFacts) -> str | None:
    if s.temperature_c is None:
        return None
    return "over 90 min and hot" if s.duration_s > 5400 and s.temperature_c >= HOT_C else "other"


def _intensity_classifier(sessions: Sequence[SessionFacts]) -> Classifier:
    """Effort as logged; else average heart rate against the highest heart rate on record."""
    peaks = [s.max_heart_rate for s in sessions if s.max_heart_rate and s.max_heart_rate >= 100]
    peak = max(peaks) if peaks else None

    def classify(s: SessionFacts) -> str | None:
        if s.effort:
            return "hard or race" if s.effort in HARD_EFFORTS else s.effort
        if peak is None or not s.avg_heart_rate:
            return None
        fraction = s.avg_heart_rate / peak
        if fraction >= 0.85:
            return "hard or race"
        return "easy" if fraction < 0.70 else "usual"

    return classify


def _time_of_day_classifier(tz: tzinfo) -> Classifier:
    def classify(s: SessionFacts) -> str | None:
        hour = s.start.astimezone(tz).hour
        if 5 <= hour < 12:
            return "morning"
        if 12 <= hour < 17:
            return "afternoon"
        if 17 <= hour < 22:
            return "evening"
        return "night"

    return classify


def _since_hard_classifier(sessions: Sequence[SessionFacts], tz: tzinfo) -> Classifier:
    """Days since the last hard or race session that started before this one."""
    ordered = sorted(sessions, key=lambda s: s.start)
    first_day = ordered[0].start.astimezone(tz).date() if ordered else None
    band: dict[int, str | None] = {}
    last_hard: date | None = None
    for s in ordered:
        day = s.start.astimezone(tz).date()
        if last_hard is not None:
            days = (day - last_hard).days
            band[s.id] = "within 1 day" if days <= 1 else "2-3 days" if days <= 3 else "4+ days"
        elif first_day is not None and (day - first_day).days >= 4:
            band[s.id] = "4+ days"  # the diary reaches back far enough to know
        else:
            band[s.id] = None
        if s.effort in HARD_EFFORTS:
            last_hard = day
    return lambda s: band.get(s.id)


def _conditions(sessions: Sequence[SessionFacts], tz: tzinfo) -> list[_Condition]:
    fatigue, sweat = "neuromuscular_fatigue", "sweat_electrolyte_loss"
    temps = (f"below {COLD_C:.0f} °C", f"{COLD_C:.0f}-{HOT_C:.0f} °C", f"{HOT_C:.0f} °C or more")
    sports = tuple(sorted({s.sport for s in sessions if s.sport}))
    return [
        _Condition(
            "duration",
            ("under 60 min", "60-90 min", "90-150 min", "150 min or more"),
            _duration,
            {"90-150 min": fatigue, "150 min or more": fatigue},
        ),
        _Condition(
            "intensity",
            ("easy", "usual", "hard or race"),
            _intensity_classifier(sessions),
            {"hard or race": fatigue},
        ),
        _Condition(
            "temperature", temps, _temperature, {temps[0]: "cold_exposure", temps[2]: sweat}
        ),
        _Condition(
            "warm-up", ("warm-up", "no warm-up"), _warmup, {"no warm-up": "insufficient_warmup"}
        ),
        _Condition("sport", sports, _sport, dict.fromkeys(sports, fatigue)),
        _Condition(
            "time of day",
            ("morning", "afternoon", "evening", "night"),
            _time_of_day_classifier(tz),
            {},
        ),
        _Condition(
            "fluids",
            ("under 0.4 L/h", "0.4-0.8 L/h", "over 0.8 L/h"),
            _fluids,
            {"under 0.4 L/h": sweat, "over 0.8 L/h": sweat},
        ),
        _Condition("sodium", ("no sodium", "some sodium"), _sodium, {"no sodium": sweat}),
        _Condition(
            "heat and sodium", ("hot, no sodium",), _hot_without_sodium, {"hot, no sodium": sweat}
        ),
        _Condition(
            "duration and heat",
            ("over 90 min and hot",),
            _long_and_hot,
            {"over 90 min and hot": sweat},
        ),
        _Condition(
            "days since last hard session",
            ("within 1 day", "2-3 days", "4+ days"),
            _since_hard_classifier(sessions, tz),
            {"within 1 day": fatigue},
        ),
    ]


# --- building patterns -------------------------------------------------------------------


def _pattern(
    condition: str,
    level: str,
    unit: str,
    factor_id: str | None,
    group: tuple[int, int, int],
    rest: tuple[int, int, int],
) -> Pattern:
    """One pattern from (units, units with a cramp, cramps) of the group and of the rest."""
    n1, k1, cramps1 = group
    n2, k2, cramps2 = rest
    enough = n1 >= MIN_GROUP_SESSIONS and n2 >= MIN_GROUP_SESSIONS and k1 + k2 >= MIN_CRAMP_SESSIONS
    rate = clopper_pearson(k1, n1) if n1 else None
    rest_rate = clopper_pearson(k2, n2) if n2 else None
    ratio = rate_ratio(k1, n1, k2, n2) if n1 and n2 else None
    status: Status = "not_enough_data"
    if enough and ratio is not None:
        if ratio.low > 1.0:
            status = "higher"
        elif ratio.high < 1.0:
            status = "lower"
        else:
            status = "no_clear_difference"
    total = cramps1 + cramps2
    return Pattern(
        condition=condition,
        level=level,
        unit=unit,
        factor_id=factor_id,
        prevention=PREVENTION[factor_id],
        sessions=n1,
        cramp_sessions=k1,
        cramps=cramps1,
        rest_sessions=n2,
        rest_cramp_sessions=k2,
        rate=rate,
        rest_rate=rest_rate,
        rate_ratio=ratio,
        share_of_cramps=cramps1 / total if total else None,
        status=status,
    )


def _session_patterns(
    sessions: Sequence[SessionFacts], cramps_per_session: Counter[int], tz: tzinfo
) -> Iterable[Pattern]:
    for condition in _conditions(sessions, tz):
        # Per level: [sessions, sessions with a cramp, cramps].
        counts: dict[str, list[int]] = {}
        for s in sessions:
            level = condition.classify(s)
            if level is None:
                continue
            row = counts.setdefault(level, [0, 0, 0])
            row[0] += 1
            row[1] += cramps_per_session[s.id] > 0
            row[2] += cramps_per_session[s.id]
        known = [sum(row[i] for row in counts.values()) for i in range(3)]
        for level in condition.levels:
            n, k, c = counts.get(level, [0, 0, 0])
            yield _pattern(
                condition.name,
                level,
                "session",
                condition.factors.get(level),
                (n, k, c),
                (known[0] - n, known[1] - k, known[2] - c),
            )


def _night_day(time: datetime, tz: tzinfo) -> date:
    """The evening a night belongs to: cramps before noon count to the day before."""
    local = time.astimezone(tz)
    return local.date() - timedelta(days=1) if local.hour < 12 else local.date()


def _night_pattern(
    sessions: Sequence[SessionFacts], night_cramps: Sequence[CrampFacts], today: date, tz: tzinfo
) -> Pattern:
    """Nights after a hard or long (2 h+) session against the other nights on record."""
    days = [s.start.astimezone(tz).date() for s in sessions]
    days += [_night_day(c.time, tz) for c in night_cramps]
    hard_days = {
        s.start.astimezone(tz).date()
        for s in sessions
        if s.effort in HARD_EFFORTS or s.duration_s >= 7200
    }
    per_night = Counter(_night_day(c.time, tz) for c in night_cramps)
    n = [0, 0]
    k = [0, 0]
    c = [0, 0]
    if days:
        first = min(days)
        last = max(today - timedelta(days=1), max(days))
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            i = 0 if day in hard_days else 1
            n[i] += 1
            k[i] += per_night[day] > 0
            c[i] += per_night[day]
    return _pattern(
        "night after a hard or long session",
        "yes",
        "night",
        "neuromuscular_fatigue",
        (n[0], k[0], c[0]),
        (n[1], k[1], c[1]),
    )


def _rank_key(p: Pattern) -> tuple[int, float, float]:
    ratio = p.rate_ratio
    if p.status == "lower" and ratio is not None:
        return (_STATUS_ORDER[p.status], ratio.high, 0.0)
    low = ratio.low if ratio is not None else 0.0
    rate = p.rate.value if p.rate is not None else 0.0
    return (_STATUS_ORDER[p.status], -low, -rate)


def find_patterns(
    sessions: Sequence[SessionFacts],
    cramps: Sequence[CrampFacts],
    today: date,
    tz: tzinfo = UTC,
) -> PatternReport:
    """Cramp rates by condition, ranked: clear higher risks first, then by the ratio's lower bound.

    Cramps with a `session_id` count for that session; cramps marked `at_night` feed
    the night pattern; any other cramp is counted in neither.
    """
    known_ids = {s.id for s in sessions}
    per_session: Counter[int] = Counter(
        c.session_id for c in cramps if c.session_id is not None and c.session_id in known_ids
    )
    nights = [c for c in cramps if c.session_id is None and c.at_night]
    patterns = list(_session_patterns(sessions, per_session, tz))
    patterns.append(_night_pattern(sessions, nights, today, tz))
    patterns.sort(key=_rank_key)
    return PatternReport(
        today=today,
        sessions=len(sessions),
        session_cramps=sum(per_session.values()),
        night_cramps=len(nights),
        rule=RULE,
        caveat=CAVEAT,
        patterns=patterns,
    )


def describe(p: Pattern) -> str:
    """One sentence a person can read: counts first, then the rate and its interval."""
    unit = "sessions" if p.unit == "session" else "nights"
    what = f"{p.condition}: {p.level}" if p.level not in ("yes", "other") else p.condition
    if p.rate is None:
        return f"{what}: no {unit} recorded yet."
    head = (
        f"{what}: {p.cramp_sessions} of {p.sessions} {unit} with a cramp "
        f"({p.rate.value:.0%}, {CONFIDENCE:.0%} CI {p.rate.low:.0%}-{p.rate.high:.0%})"
    )
    if p.rest_rate is not None:
        head += (
            f", vs {p.rest_cramp_sessions} of {p.rest_sessions} otherwise ({p.rest_rate.value:.0%})"
        )
    if p.status == "not_enough_data":
        return head + ". Not enough data yet."
    assert p.rate_ratio is not None
    ratio = p.rate_ratio
    verdict = {
        "higher": "more cramps",
        "lower": "fewer cramps",
        "no_clear_difference": "no clear difference",
    }[p.status]
    return (
        f"{head}: {verdict} (rate ratio {ratio.value:.1f}, "
        f"{CONFIDENCE:.0%} CI {ratio.low:.2f}-{ratio.high:.2f})."
    )
