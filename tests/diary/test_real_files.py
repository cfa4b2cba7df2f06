"""The real files of ../shared/real-files imported through the Coach and compared with the
manifest's reference values: the damaged but readable ones are kept with a warning that says
what was skipped (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from real_files import REAL, close, entries, needs_real_files, same_start

from crampcoach.coach import Coach
from crampcoach.diary.importers import read_activity
from crampcoach.knowledge.sports import file_sport
from crampcoach.package_knowledge import PackageKnowledge
from crampcoach.settings import Settings

KNOWLEDGE = PackageKnowledge()
# What each damaged file's warning says was skipped or mended.
SKIPPED = {
    "fitparse__nick.fit": "truncated FIT file: read up to byte 403456, where it ends",
    "fitparse__strava-android-app-201.10-b1218918.fit": (
        "damaged FIT file at byte 7471 (local message 11 not defined): what came before was "
        "read, the rest of the file skipped"
    ),
    "sportslib__6037744996.gpx": (
        "namespace prefixes used but never declared (gpxdata): read as declared"
    ),
    "sportslib__6281425038.tcx": "text before the XML declaration was skipped",
}


@pytest.fixture
def coach(tmp_path: Path) -> Iterator[Coach]:
    yield Coach(Settings(db_url=f"sqlite:///{tmp_path / 'diary.sqlite'}"), KNOWLEDGE)


@needs_real_files
def test_every_damaged_file_the_manifest_lists_is_named_here() -> None:
    assert sorted(entry["file"] for entry in entries("recover")) == sorted(SKIPPED)


@needs_real_files
@pytest.mark.parametrize("entry", entries("recover"), ids=lambda e: e["file"])
def test_a_damaged_real_file_is_kept_with_a_warning(coach: Coach, entry: dict[str, Any]) -> None:
    [outcome] = coach.import_files([REAL / entry["file"]], workers=1).outcomes
    assert outcome.status == "imported", outcome.reason
    assert str(outcome.warnings[0]).startswith(SKIPPED[entry["file"]])
    [session] = coach.sessions()
    assert same_start(session.start, entry["start"])
    assert close(session.duration_s, entry["duration_s"], share=0.02, absolute=60)
    assert close(session.distance_m, entry["distance_m"], share=0.02, absolute=50)


def _manifest_sport(entry: dict[str, Any]) -> str | None:
    """The sport the manifest's readers found, in the one vocabulary: its sessions'
    sport/sub-sport pairs for FIT (several sports: multisport), else its label."""
    pairs = [tuple(s.split("/")) for s in entry.get("sessions") or []]
    if not pairs:
        return file_sport(entry["sport"])
    sports = {file_sport(sport, None if sub == "None" else sub) for sport, sub in pairs}
    sports.discard(None)
    return (sports.pop() if len(sports) == 1 else "multisport") if sports else None


@needs_real_files
@pytest.mark.parametrize(
    "entry",
    [e for e in entries("ok", "recover", "either") if e.get("sport") and not e["sport"].isdigit()],
    ids=lambda e: e["file"],
)
def test_the_sport_is_the_one_the_manifest_gives(entry: dict[str, Any]) -> None:
    assert read_activity(REAL / entry["file"]).sport == _manifest_sport(entry)


@needs_real_files
def test_the_strava_gpx_keeps_its_numbered_sport() -> None:
    [entry] = [e for e in entries("recover") if e["file"] == "sportslib__6037744996.gpx"]
    assert entry["sport"] == "9"  # Strava's number for a run; its links name strava.com
    assert read_activity(REAL / entry["file"]).sport == "running"


@needs_real_files
def test_a_truncated_fit_file_takes_its_sport_from_the_sport_message() -> None:
    assert read_activity(REAL / "fitparse__nick.fit").sport == "cycling"  # no session left
