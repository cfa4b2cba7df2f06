"""What a driver's error becomes for a person: what is wrong and what to do, never only a
class name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from crampcoach.diary.database import sqlite_file
from crampcoach.diary.database_errors import database_error

WHERE = "sqlite:////data/diary.sqlite"
FILE = Path("/data/diary.sqlite")


def wrapped(exc: BaseException) -> OperationalError:
    return OperationalError("SELECT 1", {}, exc)


@pytest.mark.parametrize(
    ("driver_error", "says"),
    [
        (sqlite3.DatabaseError("file is not a database"), "the file is not a database"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "chmod u+w"),
        (sqlite3.OperationalError("database is locked"), "Try again in a moment"),
        (sqlite3.DatabaseError("database disk image is malformed"), "Restore your last export"),
        (sqlite3.OperationalError("unable to open database file"), "does not exist"),
        (sqlite3.OperationalError("no such table: sessions"), "no such table: sessions"),
    ],
)
def test_sqlite_errors_say_what_to_do(driver_error: sqlite3.Error, says: str) -> None:
    for exc in (driver_error, wrapped(driver_error)):
        message = str(database_error(exc, WHERE, FILE))
        assert says in message and WHERE in message
        assert "OperationalError" not in message and "DatabaseError" not in message


def test_a_server_that_does_not_answer() -> None:
    class DriverError(Exception):
        pass

    refused = DriverError('connection to server at "db" (10.0.0.2), port 5432 failed\nmore')
    message = str(database_error(wrapped(refused), "postgresql+psycopg://me:***@db/cramps"))
    assert message == (
        "cannot connect to the diary at postgresql+psycopg://me:***@db/cramps: connection to "
        'server at "db" (10.0.0.2), port 5432 failed. Check that the database server is '
        "running, and the user, password, host, port and database name in the URL."
    )


def test_a_driver_module_missing_names_its_package() -> None:
    missing = ModuleNotFoundError("No module named 'psycopg2'", name="psycopg2")
    assert "(pip install psycopg2-binary)" in str(database_error(missing, WHERE))


def test_an_unforeseen_error_while_saving_keeps_the_drivers_words() -> None:
    error = wrapped(sqlite3.IntegrityError("FOREIGN KEY constraint failed"))
    assert str(database_error(error, WHERE, FILE, opening=False)) == (
        f"the diary at {WHERE} refused the change, and nothing was saved: "
        "FOREIGN KEY constraint failed"
    )


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("sqlite:////data/diary.sqlite", Path("/data/diary.sqlite")),
        ("sqlite:///relative.sqlite", Path("relative.sqlite")),
        ("sqlite:///file:/data/d.sqlite?mode=ro&uri=true", Path("/data/d.sqlite")),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("postgresql+psycopg://me@host/cramps", None),
        ("not a url", None),
    ],
)
def test_the_file_of_a_sqlite_url(url: str, file: Path | None) -> None:
    assert sqlite_file(url) == file
