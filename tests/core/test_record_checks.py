"""A record's values against records.yaml: each value that cannot be is named, with its
reason; for a watch file, a sensor's value is left out and the rest refuses the file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from crampcoach.core.record_checks import (
    RecordError,
    RecordProblem,
    cramp_problems,
    session_problems,
)
from crampcoach.knowledge.record_rules import RecordRules, load_record_rules

TODAY = date(2026, 6, 15)
RULES = load_record_rules()
GOOD = {
    "sport": "running",
    "start": datetime(2026, 6, 14, 7, 0, tzinfo=UTC),
    "duration_s": 3600.0,
    "distance_m": 12_000.0,
    "ascent_m": 150.0,
    "avg_heart_rate": 150.0,
    "max_heart_rate": 182.0,
    "temperature_c": 21.0,
    "fluids_l": 0.5,
    "sodium_mg": 300.0,
}


def problems(rules: RecordRules = RULES, *, from_watch: bool = False, **changes: Any) -> list:  # type: ignore[type-arg]
    return session_problems({**GOOD, **changes}, rules, TODAY, UTC, from_watch=from_watch)


def fields(found: list[RecordProblem]) -> list[str]:
    return [p.field for p in found]


def test_a_plausible_session_has_no_problem() -> None:
    assert problems() == []
    assert problems(from_watch=True) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": datetime(2099, 1, 1, tzinfo=UTC)}, "start"),
        ({"start": datetime(2026, 6, 16, 0, 30, tzinfo=UTC)}, "start"),
        ({"start": datetime(1899, 12, 31, tzinfo=UTC)}, "start"),
        ({"duration_s": 0.0}, "duration_s"),
        ({"duration_s": -60.0}, "duration_s"),
        ({"duration_s": 8 * 24 * 3600.0}, "duration_s"),
        ({"distance_m": -5.0}, "distance_m"),
        ({"distance_m": 6e6, "duration_s": 6 * 24 * 3600.0, "sport": "cycling"}, "distance_m"),
        ({"avg_heart_rate": 12.0}, "avg_heart_rate"),
        ({"max_heart_rate": 255.0}, "max_heart_rate"),
        ({"avg_heart_rate": 190.0, "max_heart_rate": 170.0}, "avg_heart_rate"),
        ({"temperature_c": 85.0}, "temperature_c"),
        ({"ascent_m": -1.0}, "ascent_m"),
        ({"fluids_l": 750.0}, "fluids_l"),
        ({"sodium_mg": -1.0}, "sodium_mg"),
        ({"distance_m": 1_000_000.0, "duration_s": 3600.0, "sport": "other"}, "distance_m"),
        ({"distance_m": 50_000.0, "duration_s": 3600.0}, "distance_m"),  # 50 km/h running
        ({"distance_m": 12_000.0, "duration_s": 3600.0, "sport": "swimming"}, "distance_m"),
    ],
)
def test_each_value_that_cannot_be_is_named(changes: dict[str, Any], field: str) -> None:
    assert fields(problems(**changes)) == [field]


def test_later_today_is_accepted_in_the_persons_time_zone() -> None:
    late = datetime(2026, 6, 15, 23, 30, tzinfo=timezone(timedelta(hours=-7)))  # 16th in UTC
    found = session_problems({**GOOD, "start": late}, RULES, TODAY, late.tzinfo or UTC)
    assert found == []


def test_a_watch_file_before_1990_is_a_placeholder_but_typed_by_hand_it_may_be_history() -> None:
    gps_epoch = datetime(1980, 1, 6, tzinfo=UTC)
    assert problems(start=gps_epoch) == []
    [found] = problems(start=gps_epoch, from_watch=True)
    assert found.field == "start" and not found.drop
    assert str(found.message).startswith("1980-01-06 is before 1990-01-01: no watch recorded")


def test_a_sensors_value_is_dropped_and_the_sessions_when_refuses() -> None:
    found = problems(
        from_watch=True,
        start=datetime(1901, 12, 13, tzinfo=UTC),
        avg_heart_rate=255.0,
        temperature_c=127.0,
    )
    assert [(p.field, p.drop, p.drops) for p in found] == [
        ("start", False, ()),
        ("avg_heart_rate", True, ("avg_heart_rate",)),
        ("temperature_c", True, ("temperature_c",)),
    ]


def test_an_average_above_its_maximum_leaves_out_both() -> None:
    [found] = problems(from_watch=True, avg_heart_rate=180.0, max_heart_rate=160.0)
    assert found.drops == ("avg_heart_rate", "max_heart_rate") and found.drop
    assert str(found.message) == (
        "180 bpm is above max_heart_rate (160 bpm): an average cannot be above the highest "
        "value it is the average of"
    )


def test_a_speed_no_one_reaches_refuses_a_watch_file() -> None:
    [found] = problems(from_watch=True, distance_m=2700.0, duration_s=1.5, sport="hiking")
    assert found.field == "distance_m" and not found.drop
    assert str(found.message).startswith(
        "2.7 km in 1.5 s is 6480 km/h on average, faster than 20 km/h for hiking: "
    )


def test_the_message_of_a_range_names_it_and_gives_its_reason() -> None:
    [found] = problems(max_heart_rate=300.0)
    assert str(found.message).startswith(
        "300 bpm is out of range, 25 to 240 bpm: the slowest hearts measured"
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"time": datetime(2099, 1, 1, tzinfo=UTC)}, "time"),
        ({"time": datetime(1850, 1, 1, tzinfo=UTC)}, "time"),
        ({"duration_s": -5.0}, "duration_s"),
        ({"duration_s": 3 * 86400.0}, "duration_s"),
        ({"relief_s": -1.0}, "relief_s"),
    ],
)
def test_a_cramp_that_cannot_be_is_named(changes: dict[str, Any], field: str) -> None:
    cramp = {"time": datetime(2026, 6, 15, 3, 0, tzinfo=UTC), "duration_s": 90.0, "relief_s": 30}
    assert cramp_problems(cramp, RULES, TODAY, UTC) == []
    assert fields(cramp_problems({**cramp, **changes}, RULES, TODAY, UTC)) == [field]


def test_a_record_error_names_every_field() -> None:
    error = RecordError(problems(avg_heart_rate=12.0, temperature_c=85.0))
    assert str(error).startswith("avg_heart_rate: 12 bpm is out of range")
    assert "; temperature_c: 85 °C is out of range, -60 to 60 °C: " in str(error)
