"""Diary commands through the real app, each test with its own SQLite file."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from coach_runner import CoachRunner

from crampcoach.cli.app import app
from crampcoach.cli.diary import imports as import_cli
from crampcoach.diary.importers import ActivityFileError, ActivityRecord
from crampcoach.diary.repository import Diary, ReadResult

runner = CoachRunner()
T0 = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'diary.sqlite'}"


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def ok(*args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def as_json(*args: str) -> Any:
    return json.loads(ok(*args, "--json").stdout)


def log_session(db: str, *extra: str) -> dict[str, Any]:
    data: dict[str, Any] = as_json(
        "log", "session", "--db", db, "--sport", "running", "--duration", "1h30", *extra
    )
    return data


def test_log_session_with_units_then_list_as_json(db: str) -> None:
    saved = log_session(
        db,
        "--start",
        "2026-06-01T06:00:00+00:00",
        "--distance",
        "13.1 mi",
        "--temperature",
        "86 F",
        "--fluids",
        "750 ml",
        "--sodium",
        "1 g",
        "--avg-hr",
        "151",
        "--effort",
        "hard",
        "--no-warmup",
    )
    assert saved["id"] == 1
    [listed] = as_json("sessions", "--db", db)
    assert listed == saved
    assert listed["duration_s"] == 5400
    assert listed["sport"] == "running"
    assert listed["avg_heart_rate"] == 151
    assert listed["temperature_c"] == pytest.approx(30.0)
    assert listed["distance_m"] == pytest.approx(21082.4, abs=0.1)
    assert listed["fluids_l"] == pytest.approx(0.75)
    assert listed["sodium_mg"] == pytest.approx(1000)
    assert listed["warmup"] is False
    assert listed["start"] == "2026-06-01T06:00:00Z"
    assert "running" in ok("sessions", "--db", db).stdout


def test_log_a_swims_water_temperature_and_a_humid_days_humidity(db: str, tmp_path: Path) -> None:
    swim = as_json(
        "log", "session", "--db", db, "--sport", "swimming", "--duration", "45 min",
        "--start", "2026-06-01T06:00:00+00:00", "--water-temp", "59F",
    )  # fmt: skip
    assert swim["water_temperature_c"] == pytest.approx(15.0)
    assert swim["temperature_c"] is None and swim["humidity_percent"] is None
    run_ = log_session(
        db, "--start", "2026-06-02T06:00:00+00:00", "--temperature", "28C", "--humidity", "80%"
    )
    assert run_["humidity_percent"] == 80 and run_["water_temperature_c"] is None
    same = log_session(db, "--start", "2026-06-03T06:00:00+00:00", "--water-temperature", "14C")
    assert same["water_temperature_c"] == 14  # the plan's spelling of the option too
    assert as_json("sessions", "--db", db) == [swim, run_, same]
    dump = tmp_path / "diary.json"
    ok("export", "--db", db, "--format", "json", "--output", str(dump))
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    ok("restore", str(dump), "--db", other)
    assert as_json("sessions", "--db", other) == [swim, run_, same]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--duration", "fast"], "--duration"),
        (["--duration", "1h", "--humidity", "150%"], "--humidity: 150 % is out of range"),
        (["--duration", "1h", "--humidity", "damp"], "--humidity"),
        (["--duration", "1h", "--water-temp", "70C"], "--water-temp: 70 °C is out of range"),
        (["--duration", "1h", "--temperature", "warm"], "--temperature"),
        (["--duration", "1h", "--effort", "brutal"], "--effort"),
        (["--duration", "1h", "--avg-hr", "400"], "--avg-hr"),
        (["--duration", "1h", "--start", "yesterday"], "--start"),
    ],
)
def test_bad_session_input_exits_2_and_keeps_what_was_saved(
    db: str, args: list[str], message: str
) -> None:
    log_session(db)
    result = run("log", "session", "--db", db, "--sport", "running", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert len(as_json("sessions", "--db", db)) == 1


def test_cramp_placed_inside_the_last_session(db: str) -> None:
    session = log_session(db, "--start", "2026-06-01T06:00:00Z", "--duration", "3h")
    cramp = as_json(
        "log",
        "cramp",
        "--db",
        db,
        "--muscle",
        "calf",
        "--severity",
        "7",
        "--session",
        "last",
        "--at",
        "2:31:00",
        "--duration",
        "2 min",
        "--relieved-by",
        "stretching",
        "--relief",
        "30 s",
    )
    assert cramp["session_id"] == session["id"]
    assert cramp["time"] == "2026-06-01T08:31:00Z"
    assert (cramp["duration_s"], cramp["relief_s"]) == (120, 30)
    [listed] = as_json("cramps", "--db", db)
    assert listed == cramp
    assert "at 2:31:00" in ok("cramps", "--db", db).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--muscle", "calf", "--severity", "5", "--at", "0:10:00"], "--at"),
        (["--muscle", "calf", "--severity", "5", "--session", "9"], "no session with id 9"),
        (["--muscle", "calf", "--severity", "5", "--session", "x"], "--session"),
        (["--muscle", "elbow", "--severity", "5"], "muscle"),
        (["--muscle", "calf", "--severity", "0"], "severity"),
        (["--muscle", "calf", "--severity", "5", "--session", "1", "--night"], "night"),
        (["--muscle", "calf", "--severity", "5", "--session", "1", "--at", "9:00:00"], "outside"),
    ],
)
def test_bad_cramp_input_exits_2(db: str, args: list[str], message: str) -> None:
    log_session(db)
    result = run("log", "cramp", "--db", db, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert as_json("cramps", "--db", db) == []


def test_night_cramp_and_env_var_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRAMPCOACH_DB", f"sqlite:///{tmp_path / 'env.sqlite'}")
    ok(
        "log",
        "cramp",
        "--muscle",
        "foot",
        "--severity",
        "3",
        "--night",
        "--time",
        "2026-06-02T03:10Z",
    )
    assert (tmp_path / "env.sqlite").exists()
    [cramp] = as_json("cramps")
    assert cramp["at_night"] is True and cramp["session_id"] is None


def record(name: str, day: int) -> ActivityRecord:
    return ActivityRecord(
        source_path=name,
        source_sha256=hashlib.sha256(name.encode()).hexdigest(),
        file_format="gpx",
        sport="running",
        start=T0 + timedelta(days=day),
        duration_s=3000.0,
        elapsed_s=3000.0,
        distance_m=9000.0,
        ascent_m=None,
        avg_heart_rate=148.0,
        max_heart_rate=171.0,
        temperature_c=None,
        points=50,
    )


def test_import_with_a_fake_reader_goes_on_past_a_broken_file(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["a.gpx", "broken.fit", "b.tcx"]
    for name in names:
        (tmp_path / name).write_text("stand-in")

    def reader(paths: Sequence[Path]) -> Iterator[ReadResult]:
        for i, path in enumerate(paths):
            if path.name == "broken.fit":
                yield path, ActivityFileError(f"{path}: truncated FIT file")
            else:
                yield path, record(path.name, i)

    monkeypatch.setattr(import_cli, "import_reader", reader)
    result = run("import", *[str(tmp_path / n) for n in names], "--db", db, "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["imported"], summary["duplicates"], summary["failed"]) == (2, 0, 1)
    assert "truncated FIT file" in summary["failures"][0]["reason"]
    assert "truncated FIT file" in result.stderr
    assert len(as_json("sessions", "--db", db)) == 2

    again = run("import", str(tmp_path / "a.gpx"), "--db", db)
    assert again.exit_code == 0
    assert "1 already in the diary" in again.stdout


GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><type>running</type><trkseg>
{points}
</trkseg></trk></gpx>
"""


def gpx(start: datetime, minutes: int) -> str:
    points = "\n".join(
        f'<trkpt lat="{45 + i * 0.001:.4f}" lon="7.0"><ele>100</ele>'
        f"<time>{(start + timedelta(minutes=i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time>"
        "<extensions><gpxtpx:TrackPointExtension><gpxtpx:atemp>27</gpxtpx:atemp>"
        "<gpxtpx:hr>150</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>"
        for i in range(minutes + 1)
    )
    return GPX.format(points=points)


def test_import_real_files_from_a_folder(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "one.gpx").write_text(gpx(T0, 40))
    (folder / "two.gpx").write_text(gpx(T0 + timedelta(days=1), 70))
    (folder / "empty.gpx").write_text("")
    result = run("import", str(folder), "--db", db)
    assert result.exit_code == 1
    assert "empty.gpx" in result.stderr
    assert "Imported 2 of 3 files" in result.stdout
    sessions = as_json("sessions", "--db", db)
    assert [s["duration_s"] for s in sessions] == [2400, 4200]
    assert {s["temperature_c"] for s in sessions} == {27}
    (folder / "three.gpx").write_text(gpx(T0 + timedelta(days=2), 30))
    one = ok("import", str(folder / "three.gpx"), "--db", db).stdout
    assert "Imported 1 of 1 file;" in one  # not "1 files"


def test_import_of_a_session_typed_by_hand_says_it_joined_it(db: str, tmp_path: Path) -> None:
    typed = log_session(db, "--start", "2026-06-01T06:03:00+00:00", "--fluids", "500ml")
    ok("log", "cramp", "--db", db, "--muscle", "calf", "--severity", "6", "--session", "last")
    (tmp_path / "run.gpx").write_text(gpx(T0, 60))
    result = ok("import", str(tmp_path / "run.gpx"), "--db", db)
    assert f"the same session as session {typed['id']} typed by hand" in result.stderr
    assert "its cramps are kept" in result.stderr
    (session,) = as_json("sessions", "--db", db)
    assert session["id"] == typed["id"] and session["temperature_c"] == 27
    assert session["fluids_l"] == 0.5 and session["source_file"].endswith("run.gpx")
    (cramp,) = as_json("cramps", "--db", db)
    assert cramp["session_id"] == typed["id"]


def test_import_of_nothing_is_bad_input(db: str, tmp_path: Path) -> None:
    result = run("import", str(tmp_path), "--db", db)
    assert result.exit_code == 2
    assert "no .fit, .gpx or .tcx files" in result.stderr


def seed_history(db: str) -> None:
    for day in range(20):
        long_hot = day < 10
        log_session(
            db,
            "--start",
            (T0 + timedelta(days=day)).isoformat(),
            "--duration",
            "2h" if long_hot else "40 min",
            "--temperature",
            "30 C" if long_hot else "12 C",
        )
        if long_hot and day < 8:
            ok(
                "log",
                "cramp",
                "--db",
                db,
                "--muscle",
                "calf",
                "--severity",
                "6",
                "--session",
                "last",
            )


def test_patterns_json_and_plots(db: str, tmp_path: Path) -> None:
    seed_history(db)
    report = as_json("patterns", "--db", db)
    assert report["sessions"] == 20 and report["session_cramps"] == 8
    assert "not enough data" in report["rule"]
    first = report["patterns"][0]
    assert first["status"] == "higher"
    assert first["factor_id"] in {"neuromuscular_fatigue", "sweat_electrolyte_loss"}
    assert first["rate"]["low"] <= first["rate"]["value"] <= first["rate"]["high"]
    assert first["summary"].startswith(first["condition"])
    text = ok("patterns", "--db", db).stdout
    assert "Prevention" in text
    for name in ("p.png", "p.svg"):
        result = ok("patterns", "--db", db, "--plot", str(tmp_path / name))
        assert (tmp_path / name).stat().st_size > 1000, result.output
    assert (tmp_path / "p.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "p.svg").read_bytes()[:500]
    bad = run("patterns", "--db", db, "--plot", str(tmp_path / "p.jpg"))
    assert bad.exit_code == 2 and ".png or .svg" in bad.stderr


@pytest.mark.parametrize("width", [60, 80, 120])
def test_patterns_wrap_between_words_at_the_screens_width(db: str, width: int) -> None:
    seed_history(db)
    report = as_json("patterns", "--db", db)
    shown = runner.invoke(app, ["patterns", "--db", db], env={"COLUMNS": str(width)}).stdout
    assert max(len(line) for line in shown.splitlines()) <= width
    words = set(shown.split())
    clear = [p for p in report["patterns"] if p["status"] in ("higher", "lower")]
    assert clear
    for p in clear:  # every word and number of each sentence whole, none cut at the edge
        assert set(p["summary"].split()) <= words, p["summary"]
    assert set(report["caveat"].split()) <= words


def test_sessions_and_cramps_fit_a_narrow_screen(db: str) -> None:
    seed_history(db)
    ok("log", "cramp", "--db", db, "--muscle", "foot", "--severity", "2", "--night",
       "--relieved-by", "flexing the toes up")  # fmt: skip
    for command in ("sessions", "cramps"):
        shown = runner.invoke(app, [command, "--db", db], env={"COLUMNS": "60"}).stdout
        assert max(len(line) for line in shown.splitlines()) <= 60
        assert "…" not in shown
        assert shown.split()[0] == "id"


def test_patterns_on_an_empty_diary(db: str) -> None:
    Diary.open(db).close()
    report = as_json("patterns", "--db", db)
    assert report["sessions"] == 0
    assert {p["status"] for p in report["patterns"]} == {"not_enough_data"}


def test_export_json_restore_round_trip_and_refusal(db: str, tmp_path: Path) -> None:
    seed_history(db)
    ok("log", "cramp", "--db", db, "--muscle", "foot", "--severity", "2", "--night")
    dump = tmp_path / "diary.json"
    ok("export", "--db", db, "--format", "json", "--output", str(dump))
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    restored = ok("restore", str(dump), "--db", other)
    assert "Restored 20 sessions, 9 cramps" in restored.stdout

    def records(url: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(ok("export", "--db", url).stdout)
        data.pop("exported")
        return data

    assert records(other) == records(db)
    refused = run("restore", str(dump), "--db", other)
    assert refused.exit_code == 2 and "not empty" in refused.stderr
    assert len(as_json("sessions", "--db", other)) == 20


def test_restore_rejects_a_file_that_is_not_an_export(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"sessions": [{"sport": "running"}]}')
    result = run("restore", str(bad), "--db", db)
    assert result.exit_code == 2
    assert "sessions.0.start" in result.stderr
    missing = run("restore", str(tmp_path / "nope.json"), "--db", db)
    assert missing.exit_code == 2 and "cannot read" in missing.stderr


def test_export_csv_tables(db: str) -> None:
    seed_history(db)
    sessions = list(csv.DictReader(io.StringIO(ok("export", "--db", db, "--format", "csv").stdout)))
    assert len(sessions) == 20
    assert sessions[0]["id"] == "1" and sessions[0]["duration_s"] == "7200.0"
    cramps_csv = ok("export", "--db", db, "--format", "csv", "--table", "cramps").stdout
    cramps = list(csv.DictReader(io.StringIO(cramps_csv)))
    assert len(cramps) == 8 and cramps[0]["muscle"] == "calf"


def test_a_database_url_that_cannot_work_is_bad_input(tmp_path: Path) -> None:
    result = run("sessions", "--db", "nonsense://")
    assert result.exit_code == 2
    assert "no database driver by that name" in result.stderr
    assert "A diary URL looks like sqlite:////path/to/diary.sqlite" in result.stderr


def test_a_data_folder_that_cannot_be_created_is_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CRAMPCOACH_HOME", str(blocker / "sub"))
    monkeypatch.delenv("CRAMPCOACH_DB", raising=False)
    result = run("log", "session", "--sport", "running", "--duration", "1h")
    assert result.exit_code == 2
    assert "cannot create the folder" in result.stderr
