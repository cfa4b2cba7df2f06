"""Personal cramp patterns: the cramp rate under each condition, with exact intervals.

Pure: plain records in, `Pattern` values out; `today`, the person's time zone and the
`PatternRules` (cut points, factor links and advice, from knowledge/data/patterns.yaml) are
passed in. The rate of a condition is the share of its sessions with at least one
cramp; it is compared with the rate of the other sessions where the same thing is
known (sessions where it is unknown count in neither group).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Literal

from crampcoach.core.binomial import CONFIDENCE, Interval, clopper_pearson, rate_ratio
from crampcoach.core.pattern_conditions import PatternRules as PatternRules
from crampcoach.core.pattern_conditions import SessionFacts as SessionFacts
from crampcoach.core.pattern_conditions import conditions

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

Status = Literal["higher", "no_clear_difference", "lower", "not_enough_data"]
_STATUS_ORDER: dict[str, int] = {
    "higher": 0,
    "no_clear_difference": 1,
    "lower": 2,
    "not_enough_data": 3,
}


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


# --- building patterns -------------------------------------------------------------------


def _pattern(
    condition: str,
    level: str,
    unit: str,
    factor_id: str | None,
    group: tuple[int, int, int],
    rest: tuple[int, int, int],
    rules: PatternRules,
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
        prevention=rules.advice(factor_id),
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
    sessions: Sequence[SessionFacts],
    cramps_per_session: Counter[int],
    tz: tzinfo,
    rules: PatternRules,
) -> Iterable[Pattern]:
    per_session = [cramps_per_session.get(s.id, 0) for s in sessions]
    for condition in conditions(sessions, tz, rules):
        # Per level: [sessions, sessions with a cramp, cramps].
        counts: dict[str, list[int]] = {}
        for s, cramps in zip(sessions, per_session, strict=True):
            level = condition.classify(s)
            if level is None:
                continue
            row = counts.get(level)
            if row is None:
                row = counts[level] = [0, 0, 0]
            row[0] += 1
            row[1] += cramps > 0
            row[2] += cramps
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
                rules,
            )


def _night_day(time: datetime, tz: tzinfo) -> date:
    """The evening a night belongs to: cramps before noon count to the day before."""
    local = time.astimezone(tz)
    return local.date() - timedelta(days=1) if local.hour < 12 else local.date()


def _night_pattern(
    sessions: Sequence[SessionFacts],
    night_cramps: Sequence[CrampFacts],
    today: date,
    tz: tzinfo,
    rules: PatternRules,
) -> Pattern:
    """Nights after a hard or long session against the other nights on record."""
    days = [s.start.astimezone(tz).date() for s in sessions]
    days += [_night_day(c.time, tz) for c in night_cramps]
    hard_days = {
        s.start.astimezone(tz).date()
        for s in sessions
        if s.effort in rules.hard_efforts or s.duration_s >= rules.long_night_session_min * 60
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
        rules.links["night_after_hard_or_long_session"],
        (n[0], k[0], c[0]),
        (n[1], k[1], c[1]),
        rules,
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
    *,
    rules: PatternRules,
) -> PatternReport:
    """Cramp rates by condition, ranked: clear higher risks first, then by the ratio's lower bound.

    Cramps with a `session_id` count for that session; cramps marked `at_night` feed
    the night pattern; any other cramp is counted in neither. `rules` holds the cut
    points, factor links and advice (knowledge/data/patterns.yaml).
    """
    known_ids = {s.id for s in sessions}
    per_session: Counter[int] = Counter(
        c.session_id for c in cramps if c.session_id is not None and c.session_id in known_ids
    )
    nights = [c for c in cramps if c.session_id is None and c.at_night]
    patterns = list(_session_patterns(sessions, per_session, tz, rules))
    patterns.append(_night_pattern(sessions, nights, today, tz, rules))
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
