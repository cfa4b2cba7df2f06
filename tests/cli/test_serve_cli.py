"""`crampcoach serve`: the API on the CLI's diary, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from coach_runner import CoachRunner

from crampcoach.cli.app import app
from crampcoach.cli.serve import is_loopback
from crampcoach.diary import database
from databases import BACKENDS, Databases

runner = CoachRunner()
POSTGRES = [p for p in BACKENDS if p.id == "postgres"]


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    """What uvicorn was asked to run (nothing listens)."""
    import uvicorn

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    return calls


def test_serve_runs_the_api_on_localhost_on_the_diary_given(
    served: list[tuple[Any, dict[str, Any]]], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'diary.sqlite'}"
    result = runner.invoke(app, ["serve", "--db", url], env={"CRAMPCOACH_HOME": str(tmp_path)})
    assert result.exit_code == 0, result.output
    [(api, options)] = served
    assert options == {"host": "127.0.0.1", "port": 8000}
    assert api.state.coach.settings.db_url == url
    assert "/api/v1/assess" in api.openapi()["paths"]
    assert "Warning" not in result.stderr


def test_serving_to_other_machines_warns_that_there_are_no_accounts(
    served: list[tuple[Any, dict[str, Any]]], tmp_path: Path
) -> None:
    argv = ["serve", "--host", "0.0.0.0", "--port", "9123"]
    result = runner.invoke(app, argv, env={"CRAMPCOACH_HOME": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert served[0][1] == {"host": "0.0.0.0", "port": 9123}
    assert "Warning: serving on 0.0.0.0" in result.stderr
    assert "no accounts" in result.stderr


def test_a_port_out_of_range_is_refused(served: list[tuple[Any, dict[str, Any]]]) -> None:
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert served == []


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_loopback_is_told_apart(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("databases", POSTGRES, indirect=True)
def test_serve_refuses_a_postgresql_database_not_upgraded_naming_the_command(
    served: list[tuple[Any, dict[str, Any]]], databases: Databases, tmp_path: Path
) -> None:
    url = databases.url()
    env = {"CRAMPCOACH_HOME": str(tmp_path)}
    # none, an old revision, the newest without the job queue's tables
    for revision in (None, "0002", "head"):
        if revision is not None:
            engine = database.make_engine(url)
            database.upgrade(engine, revision)
            engine.dispose()
        result = runner.invoke(app, ["serve", "--db", url], env=env)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and not result.stdout
        message = " ".join(result.stderr.split())
        assert message.startswith("Error: the d")
        assert "Run crampcoach db upgrade (with the same --db or CRAMPCOACH_DB) first." in message
        assert served == []
    assert runner.invoke(app, ["db", "upgrade", "--db", url], env=env).exit_code == 0
    result = runner.invoke(app, ["serve", "--db", url], env=env)
    assert result.exit_code == 0, result.output
    [(api, _)] = served
    assert api.state.coach.settings.db_url == url


def test_serve_on_a_server_that_does_not_answer_says_so(
    served: list[tuple[Any, dict[str, Any]]], tmp_path: Path
) -> None:
    url = "postgresql+psycopg://me@127.0.0.1:1/cramps"
    result = runner.invoke(app, ["serve", "--db", url], env={"CRAMPCOACH_HOME": str(tmp_path)})
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "cannot connect to the diary at postgresql+psycopg://me@127.0.0.1:1/cramps" in (
        " ".join(result.stderr.split())
    )
    assert served == []


def test_several_workers_are_refused_on_a_sqlite_diary(
    served: list[tuple[Any, dict[str, Any]]], tmp_path: Path
) -> None:
    argv = ["serve", "--multi-user", "--workers", "2"]
    result = runner.invoke(app, argv, env={"CRAMPCOACH_HOME": str(tmp_path)})
    assert result.exit_code == 2
    assert "--workers 2: a SQLite diary is served by one process" in result.stderr
    assert "PostgreSQL" in result.stderr
    assert served == []


@pytest.mark.parametrize("databases", POSTGRES, indirect=True)
def test_several_workers_each_build_the_site_from_the_settings_given(
    served: list[tuple[Any, dict[str, Any]]],
    databases: Databases,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    url = databases.migrated()
    for name in ("CRAMPCOACH_DB", "CRAMPCOACH_MULTI_USER", "CRAMPCOACH_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os, "environ", dict(os.environ))  # what serve exports stays here
    argv = ["serve", "--db", url, "--multi-user", "--workers", "3", "--port", "9124"]
    result = runner.invoke(app, argv, env={"CRAMPCOACH_HOME": str(tmp_path)})
    assert result.exit_code == 0, result.output
    [(target, options)] = served
    assert target == "crampcoach.web:create_site"  # an import string: each worker builds it
    assert options == {"factory": True, "host": "127.0.0.1", "port": 9124, "workers": 3}
    # A worker's site: built from the environment serve left, on the database given.
    from crampcoach.web import create_site

    site = create_site()
    assert (site.state.coach.settings.db_url, site.state.coach.settings.multi_user) == (url, True)
