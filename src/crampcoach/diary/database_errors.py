"""What went wrong with a diary's database, said for a person: what is wrong and what to do.

A driver's exception names a class ("OperationalError") and the driver's own words ("attempt
to write a readonly database"); `database_error` turns the usual ones into a `DiaryDatabaseError`
(an `InputError` on the command line, which the person running it can mend) that says which
diary, what is wrong with it and what to do about it. The URL is shown with its password
hidden. Over HTTP the same error is the server's, not the client's: the API answers 503 when
the database is busy and 500 otherwise, and logs the words.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crampcoach.errors import InputError
from crampcoach.i18n import N_


class DiaryDatabaseError(InputError):
    """The diary's database cannot be used as asked; `busy` when another writer holds it, so
    that trying again later may work."""

    busy: bool = False


# The pip command that installs the driver module SQLAlchemy could not import.
DRIVER_PACKAGES = {
    "psycopg": 'pip install "psycopg[binary]"',
    "psycopg2": "pip install psycopg2-binary",
    "pg8000": "pip install pg8000",
    "asyncpg": "pip install asyncpg",
    "pymysql": "pip install pymysql",
    "MySQLdb": "pip install mysqlclient",
    "mysql": "pip install mysql-connector-python",
    "oracledb": "pip install oracledb",
    "pyodbc": "pip install pyodbc",
}

DRIVER_MISSING = N_(
    "cannot open the diary at {where}: its database driver, the Python package {module}, is "
    "not installed. Install it ({command}), or keep the diary in a SQLite file "
    "(--db sqlite:////path/to/diary.sqlite)."
)
NO_SUCH_DRIVER = N_(
    "cannot open the diary at {where}: SQLAlchemy knows no database driver by that name "
    "({reason}). A diary URL looks like sqlite:////path/to/diary.sqlite or "
    "postgresql+psycopg://user@host/name."
)
NOT_A_DATABASE = N_(
    "cannot open the diary at {where}: the file is not a database, so not a crampcoach "
    "diary. Check the path, or name a new file to start a new diary."
)
READ_ONLY = N_(
    "cannot write to the diary at {where}: the file is read-only, and nothing was saved. "
    "Make it writable (chmod u+w {path}), or use a copy of it."
)
FOLDER_MISSING = N_(
    "cannot open the diary at {where}: the folder {folder} does not exist. Check the path, "
    "or create the folder first."
)
NOT_PERMITTED = N_(
    "cannot open the diary at {where}: the file or its folder {folder} cannot be read and "
    "written by you. Check their permissions, or choose another file with --db."
)
BUSY = N_(
    "the diary at {where} is busy: another program is writing to it, and nothing was saved. "
    "Try again in a moment."
)
DAMAGED = N_(
    "the diary at {where} is damaged ({reason}). Restore your last export into a new file "
    "(crampcoach restore FILE --db sqlite:////path/to/new.sqlite)."
)
NEWER = N_(
    "cannot open the diary at {where}: a newer version of crampcoach wrote it ({reason}). "
    "Update crampcoach to use it."
)
CANNOT_CONNECT = N_(
    "cannot connect to the diary at {where}: {reason}. Check that the database server is "
    "running, and the user, password, host, port and database name in the URL."
)
CANNOT_OPEN = N_("cannot open the diary at {where}: {reason}")
REFUSED = N_("the diary at {where} refused the change, and nothing was saved: {reason}")


def database_error(
    exc: BaseException, where: str, file: Path | None = None, *, opening: bool = True
) -> DiaryDatabaseError:
    """`exc`, raised opening (`opening`) or using the diary at `where` (a URL fit to show),
    for a person.

    `file` is the diary's SQLite file, if it is one. What is not foreseen here keeps the
    driver's own first line, and says nothing was saved when it was not raised opening.
    """
    chain = [exc]
    while (inner := getattr(chain[-1], "orig", None)) is not None and inner not in chain:
        chain.append(inner)  # SQLAlchemy wraps the driver's exception
    found = chain[-1]
    reason = _first_line(found)
    if isinstance(found, ModuleNotFoundError) and found.name:
        module = found.name.partition(".")[0]
        command = DRIVER_PACKAGES.get(module, f"pip install {module}")
        return DiaryDatabaseError(DRIVER_MISSING, where=where, module=module, command=command)
    if type(found).__name__ == "NoSuchModuleError":
        return DiaryDatabaseError(NO_SUCH_DRIVER, where=where, reason=reason)
    if type(found).__name__ in ("CommandError", "ResolutionError"):  # alembic: unknown revision
        return DiaryDatabaseError(NEWER, where=where, reason=reason)
    fallback = DiaryDatabaseError(CANNOT_OPEN if opening else REFUSED, where=where, reason=reason)
    if isinstance(found, sqlite3.Error):
        return _sqlite_error(found, where, file, reason) or fallback
    operational = any(type(e).__name__ == "OperationalError" for e in chain)
    if opening and operational and file is None:  # a server's, as connecting
        return DiaryDatabaseError(CANNOT_CONNECT, where=where, reason=reason)
    return fallback


def _sqlite_error(
    found: sqlite3.Error, where: str, file: Path | None, reason: str
) -> DiaryDatabaseError | None:
    text = reason.lower()
    path = file if file is not None else where
    folder = file.parent if file is not None else Path(".")
    if "file is not a database" in text:
        return DiaryDatabaseError(NOT_A_DATABASE, where=where)
    if "readonly database" in text or "read-only" in text:
        return DiaryDatabaseError(READ_ONLY, where=where, path=path)
    if "unable to open database file" in text:
        if file is not None and not folder.is_dir():
            return DiaryDatabaseError(FOLDER_MISSING, where=where, folder=folder)
        return DiaryDatabaseError(NOT_PERMITTED, where=where, folder=folder)
    if "database is locked" in text or "database is busy" in text:
        busy = DiaryDatabaseError(BUSY, where=where)
        busy.busy = True
        return busy
    if "malformed" in text or "disk i/o error" in text or "corrupt" in text:
        return DiaryDatabaseError(DAMAGED, where=where, reason=reason)
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]
