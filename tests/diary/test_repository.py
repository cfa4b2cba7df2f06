"""The Diary repository against real databases (a SQLite file; PostgreSQL when the tests
marked postgres run): records, profile, export, import."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from crampcoach.core.profile import Profile
from crampcoach.diary import importers
from crampcoach.diary.importers import ActivityFileError, ActivityRecord
from crampcoach.diary.imports import Vet
from crampcoach.diary.records import MUSCLES, CrampCreate, DiaryExport, SessionCreate
from crampcoach.diary.repository import Diary, DiaryNotEmptyError, ReadResult
from crampcoach.diary_checks import import_vet
from crampcoach.errors import InputError
from crampcoach.knowledge.record_rules import load_record_rules
from databases import Databases

T0 = datetime(2026, 5, 3, 6, 30, tzinfo=UTC)
VET = import_vet(load_record_rules(), date(2026, 6, 1), UTC)


@pytest.fixture
def diary(databases: Databases) -> Iterator[Diary]:
    with Diary.open(databases.migrated()) as opened:
        yield opened


def activity(name: str, **fields: object) -> ActivityRecord:
    values: dict[str, object] = {
        "source_path": name,
        "source_sha256": hashlib.sha256(name.encode()).hexdigest(),
        "file_format": "gpx",
        "sport": "running",
        "start": T0,
        "duration_s": 3600.0,
        "elapsed_s": 3700.0,
        "distance_m": 10_000.0,
        "ascent_m": 120.0,
        "avg_heart_rate": 150.0,
        "max_heart_rate": 172.0,
        "temperature_c": 24.0,
        "points": 100,
    }
    values.update(fields)
    return ActivityRecord(**values)  # type: ignore[arg-type]


def fake_reader(results: dict[str, ActivityRecord | ActivityFileError]):  # type: ignore[no-untyped-def]
    def read(paths: Sequence[Path]) -> Iterator[ReadResult]:
        for path in paths:
            yield path, results[path.name]

    return read


def test_sessions_and_cramps_round_trip(diary: Diary) -> None:
    session = diary.add_session(
        SessionCreate(sport="Biking", start=T0, duration_s=9000, temperature_c=31, effort="race")
    )
    assert session.sport == "cycling"
    cramp = diary.add_cramp(
        CrampCreate(
            time=diary.cramp_time(session.id, 2 * 3600 + 31 * 60),
            muscle="quadriceps",
            severity=8,
            session_id=session.id,
            relieved_by="stretching",
            relief_s=40,
        )
    )
    assert cramp.time == T0 + timedelta(hours=2, minutes=31)
    assert diary.list_sessions() == [session]
    assert diary.list_cramps() == [cramp]
    facts, cramp_facts = diary.pattern_inputs()
    assert facts[0].duration_s == 9000 and facts[0].effort == "race"
    assert cramp_facts[0].session_id == session.id


def test_times_come_back_in_utc_whatever_zone_went_in(diary: Diary) -> None:
    local = datetime(2026, 5, 3, 10, 30, tzinfo=timezone(timedelta(hours=2)))
    session = diary.add_session(SessionCreate(start=local, duration_s=600))
    assert diary.get_session(session.id).start == datetime(2026, 5, 3, 8, 30, tzinfo=UTC)
    assert diary.get_session(session.id).start.tzinfo == UTC


def test_a_cramp_outside_its_session_or_in_a_missing_session_is_refused(diary: Diary) -> None:
    session = diary.add_session(SessionCreate(start=T0, duration_s=3600))
    with pytest.raises(InputError, match="outside session"):
        diary.cramp_time(session.id, 3600 + 30 * 60 + 1)
    with pytest.raises(InputError, match="outside session"):
        diary.cramp_time(session.id, -1)
    assert diary.cramp_time(session.id, 3600 + 30 * 60) == T0 + timedelta(hours=1.5)
    with pytest.raises(InputError, match="no session with id 42"):
        diary.add_cramp(CrampCreate(time=T0, muscle="calf", severity=3, session_id=42))
    assert diary.list_cramps() == []


def test_invalid_records_name_the_field() -> None:
    with pytest.raises(ValidationError, match="severity"):
        CrampCreate(time=T0, muscle="calf", severity=11)
    with pytest.raises(ValidationError, match="either in a session or at night"):
        CrampCreate(time=T0, muscle="calf", severity=2, session_id=1, at_night=True)
    with pytest.raises(ValidationError, match="start"):
        SessionCreate(start=datetime(2026, 1, 1), duration_s=60)  # naive time


def test_muscles_are_the_concept_ids() -> None:
    import json
    from importlib import resources

    concepts = resources.files("crampcoach.knowledge") / "data" / "concepts.json"
    ids = [m["id"] for m in json.loads(concepts.read_text())["muscles"]]
    assert list(MUSCLES) == ids


def test_profile_store(diary: Diary) -> None:
    store = diary
    assert store.load() == Profile()
    profile = Profile(age_years=47, sex="female", sweat_rate_l_per_h=1.1, cramp_history=True)
    store.save(profile)
    assert diary.load_profile() == profile
    store.save(profile.model_copy(update={"age_years": 48}))
    assert store.load().age_years == 48


def test_export_then_restore_into_an_empty_diary_gives_the_same_records(
    diary: Diary, databases: Databases
) -> None:
    first = diary.add_session(SessionCreate(start=T0, duration_s=3600, notes="hilly, ü"))
    diary.add_session(SessionCreate(start=T0 + timedelta(days=1), duration_s=5400, warmup=False))
    diary.add_cramp(CrampCreate(time=T0, muscle="calf", severity=4, session_id=first.id))
    diary.add_cramp(
        CrampCreate(time=T0 + timedelta(hours=20), muscle="foot", severity=2, at_night=True)
    )
    diary.save_profile(Profile(age_years=61, sweat_sodium_mg_per_l=900))
    diary.save_assessment({"triage": "self_care", "factors": ["neuromuscular_fatigue"]}, T0)
    exported = diary.export_all(T0)
    text = exported.model_dump_json()

    with Diary.open(databases.migrated("restored")) as other:
        other.restore(DiaryExport.model_validate_json(text))
        again = other.export_all(T0)
        assert again == exported
        # New records continue after the restored ids.
        assert other.add_session(SessionCreate(start=T0, duration_s=60)).id == 3


def test_restore_refuses_a_diary_that_holds_records(diary: Diary) -> None:
    diary.add_session(SessionCreate(start=T0, duration_s=60))
    with pytest.raises(DiaryNotEmptyError, match="not empty"):
        diary.restore(DiaryExport(format="crampcoach-diary", version=1))
    assert len(diary.list_sessions()) == 1


def test_import_skips_duplicates_and_reports_broken_files(diary: Diary) -> None:
    results: dict[str, ActivityRecord | ActivityFileError] = {
        "a.gpx": activity("a.gpx"),
        "b.fit": activity("b.fit", start=T0 + timedelta(days=1), sport="biking"),
        "copy-of-a.gpx": activity("copy-of-a.gpx", source_sha256=activity("a.gpx").source_sha256),
        "broken.fit": ActivityFileError("broken.fit: truncated FIT file"),
        "no-time.gpx": activity("no-time.gpx", start=None),
    }
    paths = [Path(name) for name in results]
    seen = []
    report = diary.import_files(paths, fake_reader(results), on_outcome=seen.append)
    assert [o.status for o in report.outcomes] == [
        "imported",
        "imported",
        "duplicate",
        "failed",
        "failed",
    ]
    assert seen == report.outcomes
    assert report.failed[0].reason == "broken.fit: truncated FIT file"
    assert report.failed[1].reason == "no-time.gpx: the file has no start time"
    sessions = diary.list_sessions()
    assert [s.sport for s in sessions] == ["running", "cycling"]
    assert sessions[0].source_file == "a.gpx" and sessions[0].avg_heart_rate == 150

    second = diary.import_files(paths[:2], fake_reader(results))
    assert [o.status for o in second.outcomes] == ["duplicate", "duplicate"]
    assert len(diary.list_sessions()) == 2


def test_files_already_imported_are_not_read_again(diary: Diary, tmp_path: Path) -> None:
    paths = []
    for name in ("a.gpx", "b.gpx"):
        (tmp_path / name).write_text(f"content of {name}")
        paths.append(tmp_path / name)
    sha = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    asked: list[str] = []

    def reader(files: Sequence[Path]) -> Iterator[ReadResult]:
        for path in files:
            asked.append(path.name)
            when = T0 + timedelta(days=len(path.name) + ord(path.name[0]))  # one start per file
            yield path, activity(path.name, source_sha256=sha[path.name], start=when)

    diary.import_files(paths[:1], reader)
    report = diary.import_files(paths, reader)
    assert asked == ["a.gpx", "b.gpx"]
    assert {o.path.name: o.status for o in report.outcomes} == {
        "a.gpx": "duplicate",
        "b.gpx": "imported",
    }


def test_a_crash_mid_import_keeps_every_file_already_committed(databases: Databases) -> None:
    url = databases.migrated()

    def crashing(paths: Sequence[Path]) -> Iterator[ReadResult]:
        for i, path in enumerate(paths):
            if i == 2:
                raise KeyboardInterrupt  # the person pressed Ctrl-C, or the machine died
            yield path, activity(path.name, start=T0 + timedelta(days=i))

    with Diary.open(url) as diary, pytest.raises(KeyboardInterrupt):
        diary.import_files([Path(f"{i}.fit") for i in range(5)], crashing)
    with Diary.open(url) as reopened:
        assert [s.source_file for s in reopened.list_sessions()] == ["0.fit", "1.fit"]


def test_values_a_sensor_got_wrong_are_left_out_with_a_warning(diary: Diary) -> None:
    results: dict[str, ActivityRecord | ActivityFileError] = {
        "odd.fit": activity("odd.fit", avg_heart_rate=400.0)
    }
    report = diary.import_files([Path("odd.fit")], fake_reader(results), vet=VET)
    [outcome] = report.outcomes
    assert outcome.status == "imported"
    [warning] = outcome.warnings
    assert str(warning).startswith("avg_heart_rate left out: 400 bpm is out of range, 25 to 240")
    [session] = diary.list_sessions()
    assert session.avg_heart_rate is None and session.max_heart_rate == 172.0


def test_a_file_dated_before_any_watch_is_refused_and_not_stored(diary: Diary) -> None:
    placeholder = datetime(1901, 12, 13, 20, 45, 52, tzinfo=UTC)
    results: dict[str, ActivityRecord | ActivityFileError] = {
        "old.gpx": activity("old.gpx", start=placeholder)
    }
    report = diary.import_files([Path("old.gpx")], fake_reader(results), vet=VET)
    [failed] = report.failed
    assert failed.reason is not None
    assert failed.reason.startswith("old.gpx: start: 1901-12-13 is before 1990-01-01: ")
    assert diary.list_sessions() == []


def test_real_files_end_to_end(diary: Diary, tmp_path: Path) -> None:
    from activity_files import fit_bytes, gpx_text, tcx_text, write

    from crampcoach.diary.importers import find_activity_files

    folder = tmp_path / "export"
    folder.mkdir()
    write(folder / "ride.fit", fit_bytes(start=T0, points=31, temperature=18))
    write(folder / "run.gpx.gz", gpx_text(start=T0 + timedelta(days=1), points=21), gz=True)
    write(folder / "indoor.tcx", tcx_text(start=T0 + timedelta(days=2), points=11, indoor=True))
    write(folder / "empty.fit", b"")
    write(folder / "truncated.gpx", gpx_text(start=T0 + timedelta(days=3))[:200])
    files = find_activity_files([folder, folder / "run.gpx.gz"])
    report = diary.import_files(files)
    status = {o.path.name: o.status for o in report.outcomes}
    assert status == {
        "empty.fit": "failed",
        "indoor.tcx": "imported",
        "ride.fit": "imported",
        "run.gpx.gz": "imported",
        "truncated.gpx": "failed",
    }
    by_file = {Path(s.source_file or "").name: s for s in diary.list_sessions()}
    assert by_file["ride.fit"].duration_s == pytest.approx(30 * 60)
    assert by_file["ride.fit"].temperature_c == pytest.approx(18)
    assert by_file["run.gpx.gz"].temperature_c == pytest.approx(28)
    assert by_file["indoor.tcx"].avg_heart_rate is not None
    again = diary.import_files(find_activity_files([folder]))
    assert again.count("duplicate") == 3 and again.count("imported") == 0


def test_the_same_activity_in_another_file_is_a_duplicate(diary: Diary, tmp_path: Path) -> None:
    from activity_files import gpx_text, write

    write(tmp_path / "run.gpx", gpx_text(start=T0, points=21))
    write(tmp_path / "run.gpx.gz", gpx_text(start=T0, points=21), gz=True)
    report = diary.import_files([tmp_path / "run.gpx", tmp_path / "run.gpx.gz"], workers=1)
    assert [o.status for o in report.outcomes] == ["imported", "duplicate"]


def test_a_file_of_a_session_typed_by_hand_fills_it_in(diary: Diary, tmp_path: Path) -> None:
    """Typed first (with its cramp), then the watch file: one session, not two (issue 16)."""
    from activity_files import gpx_text, write

    from crampcoach.diary.imports import JOINED

    typed = diary.add_session(
        SessionCreate(
            sport="running",
            start=T0 + timedelta(minutes=3),  # typed from memory: a few minutes out
            duration_s=1800,
            fluids_l=0.5,
            effort="hard",
        )
    )
    cramp = diary.add_cramp(
        CrampCreate(
            time=diary.cramp_time(typed.id, 600), muscle="calf", severity=6, session_id=typed.id
        )
    )
    path = write(tmp_path / "run.gpx", gpx_text(start=T0, points=21))
    report = diary.import_files([path], workers=1, vet=VET)
    (outcome,) = report.outcomes
    assert (outcome.status, outcome.session_id) == ("imported", typed.id)
    assert [w.id for w in outcome.warnings] == [JOINED]
    assert outcome.warnings[0].values["id"] == typed.id
    (kept,) = diary.list_sessions()
    assert (kept.id, kept.start, kept.duration_s) == (typed.id, typed.start, 1800)
    assert (kept.fluids_l, kept.effort) == (0.5, "hard")  # what was typed stays
    assert kept.avg_heart_rate is not None and kept.max_heart_rate is not None
    assert kept.temperature_c == pytest.approx(28)  # what the file measured fills the rest
    assert kept.source_file == str(path) and kept.source_sha256 is not None
    assert diary.list_cramps() == [cramp]
    again = diary.import_files([path], workers=1, vet=VET)
    assert [o.status for o in again.outcomes] == ["duplicate"]
    assert len(diary.list_sessions()) == 1


def test_a_swims_file_fills_in_its_water_and_the_humidity_typed_stays(
    diary: Diary, tmp_path: Path
) -> None:
    from activity_files import gpx_text, write

    typed = SessionCreate(sport="swimming", start=T0, duration_s=1800, humidity_percent=80)
    diary.add_session(typed)
    swim = gpx_text(start=T0, points=21, atemp=None, wtemp=16.5, sport="swimming")
    path = write(tmp_path / "lake.gpx", swim)
    (outcome,) = diary.import_files([path], workers=1, vet=VET).outcomes
    assert outcome.status == "imported"
    (kept,) = diary.list_sessions()
    assert (kept.humidity_percent, kept.water_temperature_c) == (80, 16.5)
    assert kept.temperature_c is None


def test_a_typed_value_is_kept_and_heart_rates_come_together(diary: Diary) -> None:
    typed = diary.add_session(
        SessionCreate(sport="other", start=T0, duration_s=3600, avg_heart_rate=150)
    )
    results: dict[str, ActivityRecord | ActivityFileError] = {
        "ride.fit": activity(
            "ride.fit", sport="cycling", avg_heart_rate=120.0, max_heart_rate=140.0
        ),
    }
    report = diary.import_files([Path("ride.fit")], fake_reader(results), vet=VET)
    assert report.outcomes[0].session_id == typed.id
    (kept,) = diary.list_sessions()
    assert kept.sport == "cycling"  # "other" was left to be filled
    assert (kept.avg_heart_rate, kept.max_heart_rate) == (150, None)


def test_a_joined_value_that_cannot_be_beside_the_typed_ones_is_left_out(diary: Diary) -> None:
    """The file's values are checked once more as part of the one session they make with
    the typed one (issue 16): the typed 10 minutes and the file's 9 km are 54 km/h."""
    from crampcoach.diary.imports import JOINED
    from crampcoach.diary_checks import LEFT_OUT

    typed = diary.add_session(SessionCreate(sport="running", start=T0, duration_s=600))
    results: dict[str, ActivityRecord | ActivityFileError] = {
        "run.fit": activity("run.fit", duration_s=3000.0, distance_m=9000.0, temperature_c=21.0),
    }
    lenient = _vet_dropping_speed()
    (outcome,) = diary.import_files([Path("run.fit")], fake_reader(results), vet=lenient).outcomes
    assert (outcome.status, outcome.session_id) == ("imported", typed.id)
    assert [w.id for w in outcome.warnings] == [LEFT_OUT, JOINED]
    assert outcome.warnings[0].values["field"] == "distance_m"
    assert "54 km/h on average" in str(outcome.warnings[0])
    (kept,) = diary.list_sessions()
    assert (kept.distance_m, kept.temperature_c) == (None, 21.0)  # the rest is filled in


def test_a_joined_session_that_cannot_be_refuses_the_file(diary: Diary) -> None:
    typed = diary.add_session(SessionCreate(sport="running", start=T0, duration_s=600))
    results: dict[str, ActivityRecord | ActivityFileError] = {
        "run.fit": activity("run.fit", duration_s=3000.0, distance_m=9000.0, temperature_c=21.0),
    }
    (outcome,) = diary.import_files([Path("run.fit")], fake_reader(results), vet=VET).outcomes
    assert outcome.status == "failed"  # records.yaml: a speed no one reaches refuses a file
    assert outcome.reason is not None and outcome.reason.startswith("run.fit: distance_m: 9 km")
    (kept,) = diary.list_sessions()
    assert kept == typed  # left as typed, no file joined


def _vet_dropping_speed() -> Vet:
    """The Coach's vet with the speed rule saying `drop` instead of records.yaml's `refuse`."""
    rules = load_record_rules()
    speed = rules.sessions.speed.model_copy(update={"watch": "drop"})
    sessions = rules.sessions.model_copy(update={"speed": speed})
    return import_vet(rules.model_copy(update={"sessions": sessions}), date(2026, 6, 1), UTC)


def test_a_file_of_another_sport_is_kept_beside_a_typed_session(diary: Diary) -> None:
    from crampcoach.diary.imports import BESIDE

    typed = diary.add_session(SessionCreate(sport="cycling", start=T0, duration_s=5400))
    report = diary.import_files([Path("a.gpx")], fake_reader({"a.gpx": activity("a.gpx")}))
    (outcome,) = report.outcomes
    assert outcome.status == "imported" and outcome.session_id != typed.id
    assert [w.id for w in outcome.warnings] == [BESIDE]
    assert outcome.warnings[0].values["id"] == typed.id
    assert [s.sport for s in diary.list_sessions()] == ["cycling", "running"]


def test_a_file_overlapping_only_imported_sessions_is_its_own(diary: Diary) -> None:
    first = {"a.gpx": activity("a.gpx")}
    diary.import_files([Path("a.gpx")], fake_reader(first), vet=VET)
    later = {"b.gpx": activity("b.gpx", sport="cycling")}
    report = diary.import_files([Path("b.gpx")], fake_reader(later), vet=VET)
    assert report.outcomes[0].status == "imported" and not report.outcomes[0].warnings
    assert len(diary.list_sessions()) == 2


def test_files_that_are_not_activities_are_skipped_not_failed(diary: Diary) -> None:
    results: dict[str, ActivityRecord | ActivityFileError] = {
        "settings.fit": importers.NotAnActivityError("settings.fit: a settings file"),
        "a.gpx": activity("a.gpx"),
    }
    report = diary.import_files([Path(n) for n in results], fake_reader(results))
    assert [o.status for o in report.outcomes] == ["skipped", "imported"]
    assert report.failed == []
