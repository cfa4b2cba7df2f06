"""Hostile input on every command: a clear message and exit code 2, never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from coach_runner import CoachRunner

from crampcoach.cli.app import app

runner = CoachRunner()
GPX = """<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">
<trk><trkseg><trkpt lat="46.0" lon="7.0"><time>2024-07-01T06:00:00Z</time></trkpt>
<trkpt lat="46.01" lon="7.0"><time>2024-07-01T06:10:00Z</time></trkpt></trkseg></trk></gpx>"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRAMPCOACH_HOME", str(tmp_path))
    monkeypatch.delenv("CRAMPCOACH_DB", raising=False)
    return tmp_path


def refused(args: list[str], input: str | None = None) -> str:
    result = runner.invoke(app, args, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


@pytest.mark.parametrize(
    "args",
    [["relief", "[/]"], ["explain", "[/bold]"], ["relief", "[red]calf"]],
)
def test_markup_in_the_input_is_shown_as_written(home: Path, args: list[str]) -> None:
    assert args[1] in refused(args)


def test_a_file_that_is_not_a_database(home: Path) -> None:
    bad = home / "not-a-db.sqlite"
    bad.write_text("hello, I am not SQLite")
    url = f"sqlite:///{bad}"
    assert "cannot open the diary" in refused(["sessions", "--db", url])
    intake = home / "i.json"
    intake.write_text("{}")
    env_args = ["assess", "--intake", str(intake), "--no-ask", "--save"]
    result = runner.invoke(app, env_args, env={"CRAMPCOACH_DB": url})
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_password_in_a_database_url_is_never_shown(home: Path) -> None:
    message = refused(["sessions", "--db", "postgresql+nosuchdriver://me:s3cret@localhost/x"])
    assert "s3cret" not in message


@pytest.mark.parametrize(
    "args",
    [
        ["log", "cramp", "--muscle", "calf", "--severity", "5", "--session", "9" * 30],
        ["log", "session", "--sport", "run", "--duration", "1h", "--start", "0001-01-01T00:00"],
        ["log", "cramp", "--muscle", "calf", "--severity", "5", "--time", "0001-01-01"],
    ],
)
def test_ids_and_times_out_of_range(home: Path, args: list[str]) -> None:
    refused([*args, "--db", f"sqlite:///{home / 'd.sqlite'}"])


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00binary",
        b"{}",
        b'{"format": "crampcoach-diary", "version": 1, "sessions": [{}]}',
    ],
)
def test_restore_refuses_what_is_not_an_export(home: Path, content: bytes) -> None:
    path = home / "export.json"
    path.write_bytes(content)
    assert "export" in refused(["restore", str(path), "--db", f"sqlite:///{home / 'r.sqlite'}"])


def test_deeply_nested_json_is_an_error_line_and_the_stream_goes_on(home: Path) -> None:
    deep = "[" * 100_000
    ok = json.dumps({"id": "b", "intake": {}})
    result = runner.invoke(app, ["assess", "--jsonl"], input=f"{deep}\n{ok}\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert lines[0]["error"]["code"] == "invalid_input" and lines[1]["id"] == "b"
    path = home / "deep.json"
    path.write_text(deep)
    assert "nested too deeply" in refused(["assess", "--intake", str(path), "--no-ask"])


def test_nan_in_a_json_line_is_refused_not_echoed(home: Path) -> None:
    result = runner.invoke(app, ["assess", "--jsonl"], input='{"id": NaN, "intake": {}}\n')
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["error"]["code"] == "invalid_input"


def test_intake_and_text_together_are_refused(home: Path) -> None:
    path = home / "i.json"
    path.write_text("{}")
    assert "not both" in refused(["assess", "--intake", str(path), "--text", "calf cramp"])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_import_of_a_folder_with_a_symlink_loop_names_it_and_imports_the_rest(home: Path) -> None:
    folder = home / "export"
    (folder / "sub").mkdir(parents=True)
    (folder / "run.gpx").write_text(GPX)
    (folder / "loop.fit").symlink_to("loop.fit")
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    db = f"sqlite:///{home / 'd.sqlite'}"
    result = runner.invoke(app, ["import", str(folder), "--db", db, "--json"])
    assert result.exit_code == 1, result.output  # a file failed, the rest was imported
    assert "Traceback" not in result.output
    summary = json.loads(result.stdout)
    assert summary["imported"] == 1
    assert summary["failures"] == [
        {
            "path": str(folder / "loop.fit"),
            "reason": f"{folder / 'loop.fit'}: a symbolic link that leads back to itself (a loop)",
        }
    ]
