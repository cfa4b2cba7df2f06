"""records.yaml: it loads, every range has its reason, its fields are the diary's, `kb check`
validates it with the others, and a broken copy fails with the file, entry and field named."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from crampcoach.diary.records import CrampCreate, SessionCreate
from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.checks import load_all
from crampcoach.knowledge.record_rules import (
    FieldRange,
    load_record_rules,
    parse_record_rules,
)
from crampcoach.knowledge.sports import sport_name

DATA = Path(__file__).resolve().parents[2] / "src" / "crampcoach" / "knowledge" / "data"
RAW: dict[str, Any] = yaml.safe_load((DATA / "records.yaml").read_text(encoding="utf-8"))


def test_every_range_names_a_field_of_the_diary_and_gives_its_reason() -> None:
    rules = load_record_rules()
    for model, ranges in (
        (SessionCreate, rules.sessions.fields),
        (CrampCreate, rules.cramps.fields),
    ):
        for name, bound in ranges:
            assert name in model.model_fields, name
            assert isinstance(bound, FieldRange) and len(bound.note) > 20, name
    for rule in rules.sessions.at_most:
        assert {rule.field, rule.at_most} <= set(SessionCreate.model_fields)


def test_speeds_are_for_sports_as_the_diary_names_them() -> None:
    for sport in load_record_rules().sessions.speed.by_sport:
        assert sport_name(sport) == sport


def test_what_the_issue_found_accepted_is_outside_the_ranges() -> None:
    """2099, an average heart rate above the maximum and 1,000 km/h (issue 16)."""
    sessions = load_record_rules().sessions
    assert sessions.start.after_today.days == 0
    assert sessions.speed.any_sport.km_h < 1000
    assert [(r.field, r.at_most) for r in sessions.at_most] == [
        ("avg_heart_rate", "max_heart_rate")
    ]
    assert sessions.start.earliest_from_watch.date.year >= 1980


def test_kb_check_loads_it_with_the_others() -> None:
    assert load_all().records == load_record_rules()


def _broken(path: list[str], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ["sessions", "fields", "distance_m", "note"],
            None,
            "entry sessions.fields: field distance_m.note",
        ),
        (["sessions", "fields", "distance_m", "low"], 9e9, "low must be below high"),
        (["sessions", "fields", "duration_s", "watch"], "drop", "watch must be refuse"),
        (["sessions", "fields", "pace"], {}, "entry sessions.fields: field pace"),
        (["sessions", "speed", "by_sport", "running", "km_h"], 500, "faster than any_sport"),
        (["sessions", "start", "earliest_from_watch", "date"], "1800-01-01", "earliest_from_watch"),
        (["cramps", "fields", "relief_s", "sources"], ["S1"], "general advice cites no sources"),
    ],
)
def test_a_broken_file_names_entry_and_field(path: list[str], value: Any, expected: str) -> None:
    with pytest.raises(KnowledgeError, match=r"^records\.yaml: ") as info:
        parse_record_rules(_broken(path, value))
    assert expected in str(info.value)
