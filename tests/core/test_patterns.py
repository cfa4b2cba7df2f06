"""Personal patterns: exact intervals, counts that add up, ranking and the data rule."""

from __future__ import annotations

import ast
import math
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crampcoach.core import binomial, pattern_conditions, patterns
from crampcoach.core.binomial import clopper_pearson, rate_ratio
from crampcoach.core.patterns import (
    MIN_CRAMP_SESSIONS,
    MIN_GROUP_SESSIONS,
    CrampFacts,
    Pattern,
    PatternReport,
    SessionFacts,
)
from crampcoach.core.patterns import find_patterns as find_patterns_with
from crampcoach.i18n import Translator
from crampcoach.knowledge.loader import load_knowledge
from crampcoach.knowledge.pattern_rules import load_pattern_rules
from crampcoach.package_knowledge import pattern_rules
from crampcoach.pattern_words import pattern_words

TODAY = date(2026, 11, 20)
RULES = pattern_rules(load_knowledge(), load_pattern_rules(load_knowledge()))
PREVENTION = RULES.prevention


def find_patterns(
    sessions: list[SessionFacts], cramps: list[CrampFacts], today: date, tz: tzinfo = UTC
) -> PatternReport:
    """The patterns with the package's own rules (knowledge/data/patterns.yaml)."""
    return find_patterns_with(sessions, cramps, today, tz, rules=RULES)


T0 = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)


def session(i: int, **fields: object) -> SessionFacts:
    values: dict[str, object] = {
        "id": i,
        "sport": "running",
        "start": T0 + timedelta(days=i),
        "duration_s": 3600.0,
    }
    values.update(fields)
    return SessionFacts(**values)  # type: ignore[arg-type]


def find(report_patterns: list[Pattern], condition: str, level: str) -> Pattern:
    return next(p for p in report_patterns if p.condition == condition and p.level == level)


# --- the exact interval --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        # R's binom.test(3, 10)$conf.int, and closed forms: 1 - 0.025 ** (1 / 10), ...
        (3, 10, 0.06673951, 0.65245285),
        (0, 10, 0.0, 1 - 0.025 ** (1 / 10)),
        (10, 10, 0.025 ** (1 / 10), 1.0),
        (1, 1, 0.025, 1.0),
        (0, 3000, 0.0, 1 - 0.025 ** (1 / 3000)),
    ],
)
def test_clopper_pearson_matches_reference_values(k: int, n: int, low: float, high: float) -> None:
    interval = clopper_pearson(k, n)
    assert interval.value == pytest.approx(k / n)
    assert interval.low == pytest.approx(low, abs=1e-7)
    assert interval.high == pytest.approx(high, abs=1e-7)


def binomial_tail_at_least(k: int, n: int, p: float) -> float:
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 80).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_interval_contains_the_rate_and_solves_the_exact_tail_equations(
    kn: tuple[int, int],
) -> None:
    k, n = kn
    interval = clopper_pearson(k, n)
    assert 0.0 <= interval.low <= k / n <= interval.high <= 1.0
    # The defining property: at the bounds the binomial tails are exactly 2.5 %.
    if k > 0:
        assert binomial_tail_at_least(k, n, interval.low) == pytest.approx(0.025, abs=1e-9)
    if k < n:
        at_most = 1.0 - binomial_tail_at_least(k + 1, n, interval.high)
        assert at_most == pytest.approx(0.025, abs=1e-9)


def test_clopper_pearson_rejects_impossible_counts() -> None:
    with pytest.raises(ValueError):
        clopper_pearson(3, 2)
    with pytest.raises(ValueError):
        clopper_pearson(0, 0)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 60), st.integers(1, 60), st.data())
def test_rate_ratio_interval_contains_its_estimate(n1: int, n2: int, data: st.DataObject) -> None:
    k1 = data.draw(st.integers(0, n1))
    k2 = data.draw(st.integers(0, n2))
    ratio = rate_ratio(k1, n1, k2, n2)
    assert 0.0 < ratio.low <= ratio.value <= ratio.high
    if 0 < k1 < n1 and 0 < k2 < n2:
        assert ratio.value == pytest.approx((k1 / n1) / (k2 / n2))


# --- patterns from sessions ----------------------------------------------------------------

session_strategy = st.builds(
    SessionFacts,
    id=st.just(0),
    sport=st.sampled_from(["running", "cycling", "swimming"]),
    start=st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2026, 11, 1), timezones=st.just(UTC)
    ),
    duration_s=st.floats(60, 6 * 3600),
    temperature_c=st.none() | st.floats(-10, 40),
    warmup=st.none() | st.booleans(),
    fluids_l=st.none() | st.floats(0, 3),
    sodium_mg=st.none() | st.sampled_from([0.0, 300.0, 800.0]),
    effort=st.none() | st.sampled_from(["easy", "usual", "hard", "race"]),
    avg_heart_rate=st.none() | st.floats(90, 180),
    max_heart_rate=st.none() | st.floats(120, 200),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(session_strategy, st.integers(0, 3)), max_size=60))
def test_counts_add_up_and_intervals_contain_rates(
    drawn: list[tuple[SessionFacts, int]],
) -> None:
    sessions = [SessionFacts(**{**s.__dict__, "id": i}) for i, (s, _) in enumerate(drawn, start=1)]
    cramps = [
        CrampFacts(time=s.start, session_id=s.id)
        for s, (_, count) in zip(sessions, drawn, strict=True)
        for _ in range(count)
    ]
    report = find_patterns(sessions, cramps, TODAY)
    assert report.session_cramps == len(cramps)
    by_condition: dict[str, list[Pattern]] = {}
    for p in report.patterns:
        by_condition.setdefault(p.condition, []).append(p)
        assert p.cramp_sessions <= p.sessions and p.cramp_sessions <= p.cramps
        if p.rate is not None:
            assert p.rate.low <= p.rate.value <= p.rate.high
            assert p.rate.value == pytest.approx(p.cramp_sessions / p.sessions)
        if p.status != "not_enough_data":
            assert p.sessions >= MIN_GROUP_SESSIONS and p.rest_sessions >= MIN_GROUP_SESSIONS
            assert p.cramp_sessions + p.rest_cramp_sessions >= MIN_CRAMP_SESSIONS
    # Duration is always known: its levels split all sessions and all cramps exactly.
    durations = by_condition["duration"]
    assert sum(p.sessions for p in durations) == len(sessions)
    assert sum(p.cramps for p in durations) == len(cramps)
    for p in durations:
        assert p.sessions + p.rest_sessions == len(sessions)
    # Within any condition, group + rest is the same total for every level.
    for group in by_condition.values():
        assert len({p.sessions + p.rest_sessions for p in group}) == 1


def long_hot_history() -> tuple[list[SessionFacts], list[CrampFacts]]:
    """10 long hot sessions, 8 with a cramp; 30 short mild ones, 1 with a cramp."""
    sessions = [
        session(i, duration_s=2 * 3600, temperature_c=29.0, sodium_mg=0.0) for i in range(1, 11)
    ]
    sessions += [
        session(i, duration_s=45 * 60, temperature_c=15.0, sodium_mg=300.0) for i in range(11, 41)
    ]
    cramps = [CrampFacts(time=s.start, session_id=s.id) for s in sessions[:8]]
    cramps.append(CrampFacts(time=sessions[20].start, session_id=sessions[20].id))
    return sessions, cramps


def test_a_clear_pattern_is_ranked_first_with_its_factor_and_advice() -> None:
    sessions, cramps = long_hot_history()
    report = find_patterns(sessions, cramps, TODAY)
    hot = find(report.patterns, "duration and heat", "over 90 min and hot")
    assert (hot.sessions, hot.cramp_sessions, hot.rest_sessions, hot.rest_cramp_sessions) == (
        10,
        8,
        30,
        1,
    )
    assert hot.status == "higher"
    assert hot.factor_id == "sweat_electrolyte_loss"
    assert hot.prevention == PREVENTION["sweat_electrolyte_loss"]
    assert hot.share_of_cramps == pytest.approx(8 / 9)
    assert report.patterns[0].status == "higher"
    statuses = [p.status for p in report.patterns]
    order = ["higher", "no_clear_difference", "lower", "not_enough_data"]
    assert statuses == sorted(statuses, key=order.index)
    cold = find(report.patterns, "temperature", "below 10 °C")
    assert cold.status == "not_enough_data" and cold.sessions == 0
    assert "8 of 10 sessions" in pattern_words(hot, Translator())
    # The sentence is made at the edge, in the reader's language; the counts stay numbers.
    accented = pattern_words(hot, Translator("en-XA"))
    assert "8 óƒ 10 šéššíóñš" in accented and "more cramps" not in accented


def test_the_short_mild_sessions_show_as_lower_risk() -> None:
    sessions, cramps = long_hot_history()
    report = find_patterns(sessions, cramps, TODAY)
    short = find(report.patterns, "duration", "under 60 min")
    assert short.status == "lower"
    assert short.rate_ratio is not None and short.rate_ratio.high < 1


def test_few_sessions_are_not_enough_data() -> None:
    sessions = [session(i, temperature_c=30.0) for i in range(1, 4)]
    cramps = [CrampFacts(time=s.start, session_id=s.id) for s in sessions]
    report = find_patterns(sessions, cramps, TODAY)
    assert {p.status for p in report.patterns} == {"not_enough_data"}
    assert "Not enough data yet" in pattern_words(report.patterns[0], Translator())


def test_intensity_uses_effort_then_heart_rate_against_the_highest_on_record() -> None:
    sessions = [
        session(1, effort="race"),
        session(2, avg_heart_rate=170.0, max_heart_rate=190.0),  # 0.89 of 190: hard
        session(3, avg_heart_rate=120.0),  # 0.63: easy
        session(4, avg_heart_rate=150.0),  # 0.79: usual
        session(5),  # nothing known
    ]
    report = find_patterns(sessions, [], TODAY)
    counts = {p.level: p.sessions for p in report.patterns if p.condition == "intensity"}
    assert counts == {"hard or race": 2, "easy": 1, "usual": 1}


def test_days_since_the_last_hard_session() -> None:
    sessions = [
        session(0, effort="hard"),
        session(1),  # day after the hard one
        session(3),  # 3 days after
        session(8),  # 8 days after
    ]
    report = find_patterns(sessions, [], TODAY)
    counts = {
        p.level: p.sessions
        for p in report.patterns
        if p.condition == "days since last hard session"
    }
    # Session 0 has no earlier hard session and the diary starts that day: unknown.
    assert counts == {"within 1 day": 1, "2-3 days": 1, "4+ days": 1}


def test_time_of_day_is_read_in_the_persons_time_zone() -> None:
    start = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)  # 10:00 UTC is 19:00 in UTC+9
    sessions = [session(1, start=start)]
    in_utc = find_patterns(sessions, [], TODAY, UTC)
    in_tokyo = find_patterns(sessions, [], TODAY, timezone(timedelta(hours=9)))
    assert find(in_utc.patterns, "time of day", "morning").sessions == 1
    assert find(in_tokyo.patterns, "time of day", "evening").sessions == 1


def test_night_cramps_after_hard_days_are_counted_per_night() -> None:
    hard_days = [session(i, effort="hard") for i in range(0, 20, 2)]  # 10 hard days
    cramps = [
        # 03:00 the next morning belongs to the night after the hard day.
        CrampFacts(time=s.start + timedelta(hours=20), at_night=True)
        for s in hard_days[:6]
    ]
    cramps.append(CrampFacts(time=T0 + timedelta(days=5, hours=16), at_night=True))
    report = find_patterns(hard_days, cramps, T0.date() + timedelta(days=20))
    night = find(report.patterns, "night after a hard or long session", "yes")
    assert night.unit == "night"
    assert (night.sessions, night.cramp_sessions) == (10, 6)
    assert (night.rest_sessions, night.rest_cramp_sessions) == (10, 1)
    assert report.night_cramps == 7


def test_cramps_outside_known_sessions_are_not_counted_in_sessions() -> None:
    sessions = [session(1)]
    cramps = [CrampFacts(time=T0, session_id=99), CrampFacts(time=T0)]
    report = find_patterns(sessions, cramps, TODAY)
    assert report.session_cramps == 0 and report.night_cramps == 0


def test_every_factor_id_is_a_concept_id() -> None:
    import json

    concepts = Path(__file__).resolve().parents[3] / "shared" / "spec" / "concepts.json"
    if not concepts.exists():
        pytest.skip("../shared is not beside the project")
    ids = {f["id"] for f in json.loads(concepts.read_text())["factors"]}
    used = {f for f in PREVENTION if f is not None} | set(RULES.links.values())
    assert used <= ids


@pytest.mark.parametrize("module", [patterns, pattern_conditions, binomial])
def test_statistics_modules_are_pure(module: object) -> None:
    tree = ast.parse(Path(str(getattr(module, "__file__", ""))).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    stdlib = {
        "__future__",
        "math",
        "collections",
        "collections.abc",
        "dataclasses",
        "datetime",
        "typing",
        "statistics",
    }
    assert {name for name in imported if not name.startswith("crampcoach.core.")} <= stdlib
