"""Watch files whose values cannot be, imported through the Coach (records.yaml): a file
whose when or how long is impossible is refused by name; a sensor's impossible reading is
left out of the session with a warning; the real files of ../shared/real-files behave."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from activity_files import START, fit_bytes, gpx_text, write
from real_files import REAL, entries, needs_real_files

from crampcoach.coach import Coach
from crampcoach.diary.repository import ImportOutcome
from crampcoach.package_knowledge import PackageKnowledge
from crampcoach.settings import Settings

KNOWLEDGE = PackageKnowledge()
PLACEHOLDER = datetime(1901, 12, 13, 20, 45, 52, tzinfo=UTC)  # the smallest 32-bit Unix time


@pytest.fixture
def coach(tmp_path: Path) -> Iterator[Coach]:
    yield Coach(Settings(db_url=f"sqlite:///{tmp_path / 'diary.sqlite'}"), KNOWLEDGE)


def import_one(coach: Coach, path: Path) -> ImportOutcome:
    [outcome] = coach.import_files([path], workers=1).outcomes
    return outcome


def refusal(coach: Coach, path: Path) -> str:
    outcome = import_one(coach, path)
    assert outcome.status == "failed", outcome
    assert coach.sessions() == []
    assert outcome.reason is not None and outcome.reason.startswith(f"{path}: ")
    return outcome.reason.removeprefix(f"{path}: ")


def test_a_track_stamped_with_a_placeholder_date_is_refused_by_name(
    coach: Coach, tmp_path: Path
) -> None:
    path = write(tmp_path / "old.gpx", gpx_text(start=PLACEHOLDER))
    assert refusal(coach, path).startswith("start: 1901-12-13 is before 1990-01-01: no watch")


def test_a_zero_time_track_with_distance_is_refused_by_name(coach: Coach, tmp_path: Path) -> None:
    path = write(tmp_path / "still.gpx", gpx_text(interval_s=0))  # 1 km, every point at 06:00
    assert refusal(coach, path).startswith("duration_s: 0 s is out of range, 1 to 604,800 s: ")


def test_a_track_faster_than_anyone_is_refused_by_name(coach: Coach, tmp_path: Path) -> None:
    path = write(tmp_path / "fast.gpx", gpx_text(interval_s=1))  # 111 m a second: 400 km/h
    reason = refusal(coach, path)
    assert reason.startswith("distance_m: 1.00") and " km in 9 s is 40" in reason
    assert " km/h on average, faster than 45 km/h for running: " in reason


def test_a_file_dated_after_today_is_refused_by_name(coach: Coach, tmp_path: Path) -> None:
    later = datetime.now(UTC) + timedelta(days=400)
    path = write(tmp_path / "later.fit", fit_bytes(start=later))
    assert refusal(coach, path).startswith(f"start: {later.astimezone().date()} is after today")


def test_a_heart_rate_no_heart_beats_is_left_out_with_a_warning(
    coach: Coach, tmp_path: Path
) -> None:
    path = write(tmp_path / "strap.gpx", gpx_text(hr0=250))  # 250 to 259 bpm
    outcome = import_one(coach, path)
    assert outcome.status == "imported"
    assert [str(w).split(":")[0] for w in outcome.warnings] == [
        "avg_heart_rate left out",
        "max_heart_rate left out",
    ]
    [session] = coach.sessions()
    assert session.avg_heart_rate is None and session.max_heart_rate is None
    assert session.duration_s == 9 * 60 and session.temperature_c == 28


def test_a_swims_water_temperature_is_kept_and_an_impossible_one_left_out(
    coach: Coach, tmp_path: Path
) -> None:
    swim = write(tmp_path / "lake.gpx", gpx_text(atemp=None, wtemp=14.0, sport="swimming"))
    assert import_one(coach, swim).warnings == ()
    hot = gpx_text(start=START + timedelta(days=1), atemp=None, wtemp=85.0, sport="swimming")
    outcome = import_one(coach, write(tmp_path / "kettle.gpx", hot))
    assert outcome.status == "imported"
    assert [str(w).split(":")[0] for w in outcome.warnings] == ["water_temperature_c left out"]
    assert [s.water_temperature_c for s in coach.sessions()] == [14.0, None]


@needs_real_files
def test_the_real_gpx_stamped_1901_is_refused_by_name(coach: Coach) -> None:
    path = REAL / "gpxpy__Mojstrovka.gpx"
    reason = refusal(coach, path)
    assert reason.startswith("start: 1901-12-13 is before 1990-01-01: ")
    assert "; duration_s: 0 s is out of range" in reason


@needs_real_files
def test_the_real_files_that_are_fine_import_without_a_value_left_out(coach: Coach) -> None:
    fine = [REAL / entry["file"] for entry in entries("ok")]
    report = coach.import_files(fine, workers=1)
    assert [(o.path.name, o.reason) for o in report.failed] == []
    assert [(o.path.name, [str(w) for w in o.warnings]) for o in report.warned] == []
    assert report.count("imported") == len(fine)
