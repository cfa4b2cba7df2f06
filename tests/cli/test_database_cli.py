"""--db that cannot work: each error says what is wrong and what to do, with exit code 2 and
no traceback; reading a diary that is not there makes no file. `db upgrade` and `db current`
on SQLite and (marked postgres) PostgreSQL, which is upgraded on command only."""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from coach_runner import CoachRunner

from crampcoach.cli.app import app
from crampcoach.diary import database
from crampcoach.diary.repository import Diary
from databases import BACKENDS, Databases

runner = CoachRunner()
READING = [
    ["sessions"],
    ["cramps"],
    ["patterns"],
    ["patterns", "--json"],
    ["export"],
    ["export", "--format", "csv", "--table", "cramps"],
]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRAMPCOACH_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CRAMPCOACH_DB", raising=False)
    return tmp_path / "home"


def refused(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not result.stdout
    return " ".join(result.stderr.split())  # the message, unwrapped


def log_session(db: str) -> list[str]:
    return ["log", "session", "--sport", "running", "--duration", "1h", "--db", db]


def test_a_postgresql_url_without_its_driver_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if importlib.util.find_spec("psycopg") is not None:  # the dev extra installs it
        monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not
    message = refused("sessions", "--db", "postgresql+psycopg://me:s3cret@localhost/cramps")
    assert message == (
        "Error: cannot open the diary at postgresql+psycopg://me:***@localhost/cramps: its "
        "database driver, the Python package psycopg, is not installed. Install it (pip "
        'install "psycopg[binary]"), or keep the diary in a SQLite file (--db '
        "sqlite:////path/to/diary.sqlite)."
    )


def test_a_file_that_is_not_a_database_is_named_so(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("my running notes, not a database")
    for args in (["sessions"], log_session(f"sqlite:///{notes}")[:-2]):
        message = refused(*args, "--db", f"sqlite:///{notes}")
        assert message == (
            f"Error: cannot open the diary at sqlite:///{notes}: the file is not a database, "
            "so not a crampcoach diary. Check the path, or name a new file to start a new diary."
        )
    assert notes.read_text() == "my running notes, not a database"


def test_a_read_only_diary_is_read_and_a_change_refused_keeping_what_was_saved(
    tmp_path: Path,
) -> None:
    path = tmp_path / "diary.sqlite"
    assert runner.invoke(app, log_session(f"sqlite:///{path}")).exit_code == 0
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"  # as a file without write permission
    listed = runner.invoke(app, ["sessions", "--json", "--db", read_only])
    assert listed.exit_code == 0 and '"sport": "running"' in listed.stdout
    message = refused(*log_session(read_only), "--yes")
    assert "the file is read-only, and nothing was saved" in message
    assert f"Make it writable (chmod u+w {path}), or use a copy of it." in message
    with Diary.open(f"sqlite:///{path}") as diary:
        assert len(diary.list_sessions()) == 1


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write a read-only file"
)
def test_a_diary_file_without_write_permission(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite"
    assert runner.invoke(app, log_session(f"sqlite:///{path}")).exit_code == 0
    path.chmod(0o444)
    try:
        message = refused(*log_session(f"sqlite:///{path}"))
    finally:
        path.chmod(0o644)
    assert "read-only" in message and "chmod u+w" in message


def test_a_folder_that_does_not_exist_is_named_and_not_made(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "diary.sqlite"
    message = refused(*log_session(f"sqlite:///{missing}"))
    assert message == (
        f"Error: cannot open the diary at sqlite:///{missing}: the folder {missing.parent} "
        "does not exist. Check the path, or create the folder first."
    )
    assert not missing.parent.exists()


def test_the_default_diary_gets_its_folder(home: Path) -> None:
    result = runner.invoke(app, ["log", "session", "--sport", "running", "--duration", "1h"])
    assert result.exit_code == 0, result.output
    assert (home / "diary.sqlite").exists()


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_reading_a_diary_that_is_not_there_makes_no_file(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "dairy.sqlite"
    message = refused(*args, "--db", f"sqlite:///{missing}")
    assert message == (
        f"Error: no diary at sqlite:///{missing}: the file {missing} does not exist. Check "
        "the path, or start a diary there with crampcoach log session or crampcoach import."
    )
    assert list(tmp_path.iterdir()) == [tmp_path / "home"] or not list(tmp_path.iterdir())


def test_reading_a_diary_named_by_the_environment_that_is_not_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "dairy.sqlite"
    monkeypatch.setenv("CRAMPCOACH_DB", f"sqlite:///{missing}")
    assert "no diary at" in refused("sessions")
    assert not missing.exists()


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_the_default_diary_not_started_yet_reads_as_empty_and_stays_unmade(
    home: Path, args: list[str]
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert not home.exists()


def test_a_diary_of_a_newer_version_says_to_update(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite"
    Diary.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'r9999_future'")
    connection.close()
    message = refused("sessions", "--db", f"sqlite:///{path}")
    assert message.startswith(
        f"Error: cannot open the diary at sqlite:///{path}: a newer version of crampcoach "
        "wrote it ("
    )
    assert message.endswith("Update crampcoach to use it.")


# --- db upgrade and db current ------------------------------------------------------------

POSTGRES = [p for p in BACKENDS if p.id == "postgres"]
HEAD = database.head_revision()


def said(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def at_revision(url: str, revision: str) -> None:
    engine = database.make_engine(url)
    try:
        database.upgrade(engine, revision)
    finally:
        engine.dispose()


def test_db_upgrade_sets_up_a_new_diary_then_has_nothing_to_do(databases: Databases) -> None:
    url = databases.url()
    if databases.backend == "sqlite":
        (databases.folder / "diary.sqlite").touch()  # an empty database (a missing one is named)
    shown = database.safe_url(url)
    assert said("db", "current", "--db", url) == (
        f"The database at {shown} holds no diary yet; crampcoach db upgrade sets it up "
        f"(revision {HEAD})."
    )
    assert said("db", "upgrade", "--db", url) == f"Set up the diary at {shown}: revision {HEAD}."
    assert said("db", "upgrade", "--db", url) == (
        f"The diary at {shown} is up to date: revision {HEAD}."
    )
    assert said("db", "current", "--db", url) == (
        f"The diary at {shown} is at revision {HEAD}, the newest."
    )
    assert json.loads(said("db", "current", "--db", url, "--json")) == {
        "database": shown,
        "current": HEAD,
        "head": HEAD,
        "up_to_date": True,
    }


def test_db_upgrade_brings_an_older_diary_up_keeping_its_records(databases: Databases) -> None:
    url = databases.url()
    at_revision(url, "0002")
    engine = database.make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO sessions (sport, start, duration_s) "
            "VALUES ('running', '2026-05-01 06:00:00', 3600)"
        )
    engine.dispose()
    shown = database.safe_url(url)
    assert said("db", "current", "--db", url) == (
        f"The diary at {shown} is at revision 0002; this crampcoach needs {HEAD}. "
        "Run crampcoach db upgrade."
    )
    upgraded = json.loads(said("db", "upgrade", "--db", url, "--json"))
    assert (upgraded["before"], upgraded["current"], upgraded["up_to_date"]) == ("0002", HEAD, True)
    [session] = json.loads(said("sessions", "--json", "--db", url))
    assert session["sport"] == "running" and session["duration_s"] == 3600


def test_a_sqlite_diary_is_still_upgraded_by_the_first_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'diary.sqlite'}"
    at_revision(url, "0002")
    assert json.loads(said("sessions", "--json", "--db", url)) == []
    assert json.loads(said("db", "current", "--json", "--db", url))["current"] == HEAD


GPX = """<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">
<trk><trkseg><trkpt lat="46.0" lon="7.0"><time>2024-07-01T06:00:00Z</time></trkpt>
<trkpt lat="46.01" lon="7.0"><time>2024-07-01T06:10:00Z</time></trkpt></trkseg></trk></gpx>"""


@pytest.mark.parametrize("databases", POSTGRES, indirect=True)
@pytest.mark.parametrize(
    "args",
    [*READING, ["log", "session", "--sport", "running", "--duration", "1h"], ["import"]],
    ids=" ".join,
)
def test_a_postgresql_database_not_upgraded_is_refused_naming_the_command(
    databases: Databases, args: list[str], tmp_path: Path
) -> None:
    if args == ["import"]:
        (tmp_path / "run.gpx").write_text(GPX)
        args = ["import", str(tmp_path / "run.gpx")]
    url = databases.url()
    message = refused(*args, "--db", url)
    assert message == (
        f"Error: the database at {database.safe_url(url)} holds no crampcoach diary yet: it is "
        "not set up automatically. Run crampcoach db upgrade (with the same --db or "
        "CRAMPCOACH_DB) first."
    )
    at_revision(url, "0002")
    message = refused(*args, "--db", url)
    assert message.endswith(
        f"is at revision 0002, and this crampcoach needs {HEAD}: it is not upgraded "
        "automatically. Run crampcoach db upgrade (with the same --db or CRAMPCOACH_DB) first."
    )
    assert said("db", "current", "--db", url).endswith("Run crampcoach db upgrade.")


def test_db_commands_on_a_server_that_does_not_answer() -> None:
    url = "postgresql+psycopg://me:s3cret@127.0.0.1:1/cramps"
    for command in ("current", "upgrade"):
        message = refused("db", command, "--db", url)
        assert message.startswith(
            "Error: cannot connect to the diary at postgresql+psycopg://me:***@127.0.0.1:1/cramps"
        )
        assert "s3cret" not in message


def test_db_current_names_a_missing_diary_and_makes_nothing(tmp_path: Path, home: Path) -> None:
    missing = tmp_path / "dairy.sqlite"
    assert "no diary at" in refused("db", "current", "--db", f"sqlite:///{missing}")
    assert said("db", "current").startswith("The database at sqlite:///")  # the default one
    assert not missing.exists() and not home.exists()
