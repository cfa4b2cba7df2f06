"""The sport vocabulary: every way a watch file names a sport, to its one name (issue 16)."""

from __future__ import annotations

import pytest

from crampcoach.knowledge.sports import (
    CATEGORIES,
    NO_SPORT,
    NUMBERED,
    SPELLINGS,
    SUB_SPORTS,
    file_sport,
    sport_name,
)


@pytest.mark.parametrize(
    ("label", "sub_sport", "app", "sport"),
    [
        ("Biking", None, None, "cycling"),
        ("road_biking", None, None, "cycling"),  # Garmin Connect's GPX <type>
        ("VirtualRide", None, None, "cycling"),
        ("Trail-Running", None, None, "running"),
        ("running", "treadmill", None, "running"),  # a named sport keeps its name
        ("fitness_equipment", "indoor_rowing", None, "rowing"),  # a category: the sub-sport
        ("generic", "lap_swimming", None, "swimming"),
        (None, "open_water", None, "swimming"),
        ("training", "yoga", None, "yoga"),
        ("fitness_equipment", None, None, "fitness_equipment"),
        ("Other", None, None, None),
        ("generic", "generic", None, None),
        (7, None, None, None),  # a FIT enum value the profile does not know
        ("9", None, 'creator="StravaGPX"', "running"),
        ("10", None, "https://www.strava.com/activities/1", "walking"),
        ("9", None, 'creator="Other app"', None),  # a number in no known numbering
        ("9", None, None, None),
        ("kayaking", None, None, "kayaking"),  # unknown to the tables: kept as its key
    ],
)
def test_a_file_label_names_its_sport(
    label: object, sub_sport: object, app: str | None, sport: str | None
) -> None:
    assert file_sport(label, sub_sport, app=app) == sport


def test_each_table_names_sports_in_the_one_spelling() -> None:
    named = [*SPELLINGS.values(), *SUB_SPORTS.values()]
    named += [sport for numbering in NUMBERED.values() for sport in numbering.values()]
    assert [s for s in named if sport_name(s) != s or s in NO_SPORT | CATEGORIES] == []
    assert [s for s in SPELLINGS if s in NO_SPORT | CATEGORIES] == []
