"""`crampcoach users ...` on SQLite and (marked postgres) PostgreSQL: accounts added, listed,
disabled and re-passworded; passwords read from stdin and never shown; bad input a clear
message with exit code 2. `serve --multi-user` turns accounts on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from coach_runner import CoachRunner

from crampcoach.cli.app import app
from crampcoach.server.accounts import Accounts
from crampcoach.settings import Settings
from databases import Databases

runner = CoachRunner()
SECRET = "a long secret phrase"


@pytest.fixture
def db(databases: Databases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CRAMPCOACH_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CRAMPCOACH_DB", raising=False)
    return databases.migrated()


def users(db: str, *args: str, password: str | None = None) -> Any:
    stdin = None if password is None else password + "\n"
    return runner.invoke(app, ["users", *args, "--db", db], input=stdin)


def test_accounts_are_added_listed_disabled_and_re_passworded(db: str) -> None:
    added = users(db, "add", "Ann@Example.org", "--role", "athlete", "--password-stdin", "--json",
                  password=SECRET)  # fmt: skip
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["athlete_id"] == 1
    assert SECRET not in added.output
    second = users(db, "add", "bob@example.org", "--role", "athlete", "--password-stdin",
                   password=SECRET)  # fmt: skip
    assert second.exit_code == 0 and "athlete 2" in second.stdout
    coach = users(db, "add", "coach@example.org", "--role", "coach", "--password-stdin",
                  password=SECRET)  # fmt: skip
    assert coach.exit_code == 0 and "coach account coach@example.org" in coach.stdout

    listed = json.loads(users(db, "list", "--json").stdout)
    assert [(a["email"], a["role"], a["athlete_id"]) for a in listed] == [
        ("ann@example.org", "athlete", 1),
        ("bob@example.org", "athlete", 2),
        ("coach@example.org", "coach", None),
    ]
    table = users(db, "list")
    assert table.exit_code == 0 and "bob@example.org" in table.stdout
    assert "argon2" not in table.stdout + json.dumps(listed)

    assert users(db, "disable", "BOB@example.org").exit_code == 0
    assert json.loads(users(db, "list", "--json").stdout)[1]["disabled"] is True
    changed = users(db, "set-password", "ann@example.org", "--password-stdin",
                    password="another long one")  # fmt: skip
    assert changed.exit_code == 0 and "another long one" not in changed.output
    accounts = Accounts.open(Settings(db_url=db))
    try:
        assert accounts.login("ann@example.org", "another long one").id == 1
    finally:
        accounts.close()


@pytest.mark.parametrize(
    ("args", "password", "said"),
    [
        (["add", "not-an-email", "--role", "athlete", "--password-stdin"], SECRET, "not an email"),
        (["add", "a@b.org", "--role", "boss", "--password-stdin"], SECRET, "not a role"),
        (["add", "a@b.org", "--role", "coach", "--password-stdin"], "short", "at least 8"),
        (["add", "a@b.org", "--role", "coach", "--password-stdin"], "", "no password"),
        (["disable", "nobody@example.org"], None, "no account with the email"),
        (["set-password", "nobody@example.org", "--password-stdin"], SECRET, "no account"),
    ],
)
def test_bad_input_is_a_clear_message_and_exit_code_2(
    db: str, args: list[str], password: str | None, said: str
) -> None:
    result = users(db, *args, password=password)
    assert result.exit_code == 2, result.output
    assert said in result.stderr and "Traceback" not in result.output
    assert SECRET not in result.output


def test_an_email_taken_in_another_case_is_refused(db: str) -> None:
    assert users(db, "add", "ann@example.org", "--role", "athlete", "--password-stdin",
                 password=SECRET).exit_code == 0  # fmt: skip
    again = users(db, "add", "ANN@example.org", "--role", "coach", "--password-stdin",
                  password=SECRET)  # fmt: skip
    assert again.exit_code == 2 and "exists already" in again.stderr


def test_serve_multi_user_has_accounts_and_no_warning_beyond_localhost(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda site, **options: served.append(site))
    argv = ["serve", "--db", db, "--host", "0.0.0.0", "--multi-user"]
    result = runner.invoke(app, argv)
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr
    assert "holds no account yet" in result.stderr
    [site] = served
    assert site.state.gate is not None and site.state.coach.settings.multi_user
    users(db, "add", "ann@example.org", "--role", "athlete", "--password-stdin", password=SECRET)
    served.clear()
    result = runner.invoke(app, ["serve", "--db", db], env={"CRAMPCOACH_MULTI_USER": "1"})
    assert result.exit_code == 0 and "no account" not in result.stderr
    assert served[0].state.gate is not None
