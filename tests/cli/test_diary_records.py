"""Records that cannot be are refused naming the option, and a likely duplicate session is
asked about (--yes saves it; without a terminal it is refused); nothing saved is lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from coach_runner import CoachRunner

from crampcoach.cli.app import app
from crampcoach.cli.diary import log as log_module

runner = CoachRunner()
START = "2026-06-01T06:00:00+00:00"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'diary.sqlite'}"


def log_session(db: str, *extra: str, input: str | None = None) -> Any:
    args = ["log", "session", "--db", db, "--sport", "running", "--duration", "1h30"]
    return runner.invoke(app, [*args, *extra], input=input)


def refused(result: Any) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return " ".join(result.stderr.split())


def stored(db: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["sessions", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--start", "2099-01-01T07:00"], "--start: 2099-01-01 is after today ("),
        (["--start", "1899-05-01T07:00"], "--start: 1899-05-01 is before 1900-01-01: "),
        (
            ["--avg-hr", "190", "--max-hr", "170"],
            "--avg-hr: 190 bpm is above max_heart_rate (170 bpm): an average cannot be",
        ),
        (["--avg-hr", "300"], "--avg-hr: 300 bpm is out of range, 25 to 240 bpm: the slowest"),
        (["--max-hr", "10"], "--max-hr: 10 bpm is out of range, 25 to 240 bpm: "),
        (["--distance", "1500 km"], "--distance: 1500 km in 5400 s is 1000 km/h on average"),
        (["--distance=-5 km"], "--distance: -5,000 m is out of range, 0 to 5,000,000 m: "),
        (["--temperature", "150 F"], "--temperature: 65.5556 °C is out of range, -60 to 60"),
        (["--fluids", "750 l"], "--fluids: 750 L is out of range, 0 to 30 L: "),
    ],
)
def test_a_session_that_cannot_be_is_refused_naming_the_option(
    db: str, extra: list[str], said: str
) -> None:
    assert log_session(db, "--start", START).exit_code == 0
    message = refused(log_session(db, "--start", "2026-05-01T06:00:00+00:00", *extra))
    assert said in message
    assert len(stored(db)) == 1  # what was saved before is still there, nothing added


@pytest.mark.parametrize(
    ("duration", "said"),
    [("-1h", "--duration: -3,600 s is out of range"), ("9 days", "--duration: 777,600 s")],
)
def test_a_duration_that_cannot_be_is_refused(db: str, duration: str, said: str) -> None:
    args = ["log", "session", "--db", db, "--sport", "running", "--duration", duration]
    assert said in refused(runner.invoke(app, [*args, "--start", START]))


def test_a_cramp_after_today_is_refused_naming_the_option(db: str) -> None:
    args = ["log", "cramp", "--db", db, "--muscle", "calf", "--severity", "5"]
    message = refused(runner.invoke(app, [*args, "--time", "2099-03-01T03:00"]))
    assert message.startswith("Error: --time: 2099-03-01 is after today (")
    assert "--duration: 172,800 s is out of range" in refused(
        runner.invoke(app, [*args, "--duration", "2 days"])
    )


def test_a_likely_duplicate_without_a_terminal_is_refused_and_yes_saves_it(db: str) -> None:
    first = json.loads(log_session(db, "--start", START, "--json").stdout)
    again = refused(log_session(db, "--start", "2026-06-01T06:45:00+00:00"))  # inside the first
    assert again.startswith(f"Error: start: session {first['id']} (running, started 2026-06-01")
    assert again.endswith("Nothing was saved: add --yes to save it anyway.")
    assert len(stored(db)) == 1
    assert log_session(db, "--start", START, "--yes").exit_code == 0
    assert len(stored(db)) == 2
    after = log_session(db, "--start", "2026-06-01T07:30:00+00:00")  # just after it: not one
    assert after.exit_code == 0, after.output


def test_the_same_sport_and_start_is_a_duplicate_too(db: str) -> None:
    short = ["log", "session", "--db", db, "--sport", "swim", "--start", START]
    assert runner.invoke(app, [*short, "--duration", "1 s"]).exit_code == 0
    assert "Nothing was saved" in refused(runner.invoke(app, [*short, "--duration", "1 s"]))


@pytest.mark.parametrize(("answer", "code", "count"), [("y\n", 0, 2), ("n\n", 1, 1), ("\n", 1, 1)])
def test_at_a_terminal_a_likely_duplicate_is_asked_about(
    db: str, monkeypatch: pytest.MonkeyPatch, answer: str, code: int, count: int
) -> None:
    assert log_session(db, "--start", START).exit_code == 0
    monkeypatch.setattr(log_module, "_stdin_is_terminal", lambda: True)
    result = log_session(db, "--start", START, input=answer)
    assert result.exit_code == code, result.output
    assert "Session 1 is already in the diary: running, 1:30:00, started" in result.stderr
    assert "Save this one too?" in result.stderr
    assert ("Nothing was saved." in result.stderr) == (code == 1)
    assert len(stored(db)) == count


GPX_POINT = (
    '<trkpt lat="{lat}" lon="7.0"><time>2024-07-01T06:{minute:02d}:00Z</time><extensions>'
    "<gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr></gpxtpx:TrackPointExtension>"
    "</extensions></trkpt>"
)


def test_import_leaves_out_a_sensors_impossible_value_and_says_so(db: str, tmp_path: Path) -> None:
    points = "".join(
        GPX_POINT.format(lat=46 + i / 1000, minute=i, hr=255) for i in range(10)
    )  # 255: the "no value" of a heart rate strap, read as a heart rate
    (tmp_path / "strap.gpx").write_text(
        '<?xml version="1.0"?><gpx version="1.1" creator="t" '
        'xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><type>running</type><trkseg>{points}</trkseg></trk></gpx>"
    )
    result = runner.invoke(app, ["import", str(tmp_path / "strap.gpx"), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["imported"] == 1
    assert [w["warning"].split(":")[0] for w in summary["warnings"]] == [
        "avg_heart_rate left out",
        "max_heart_rate left out",
    ]
    [session] = stored(db)
    assert session["avg_heart_rate"] is None and session["duration_s"] == 540
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    shown = runner.invoke(app, ["import", str(tmp_path / "strap.gpx"), "--db", other])
    assert f"Warning: {tmp_path / 'strap.gpx'}: avg_heart_rate left out: 255 bpm" in shown.stderr
