"""Engines for any SQLAlchemy URL, and the Alembic migrations run from code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from crampcoach.diary.database_errors import FOLDER_MISSING, database_error
from crampcoach.errors import InputError
from crampcoach.i18n import N_

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "head"


def safe_url(url: str) -> str:
    """The URL fit for a message: the password hidden, the length bounded."""
    try:
        return make_url(url).render_as_string(hide_password=True)[:200]
    except ArgumentError:
        return url[:200]


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for another database, one in memory, or a bad URL."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or name in (None, "", ":memory:"):
        return None
    if name.startswith("file:"):  # a URI filename (?uri=true): its path, without options
        name = name.removeprefix("file:").partition("?")[0]
        if not name or name == ":memory:" or parsed.query.get("mode") == "memory":
            return None
    return Path(name).expanduser()


def make_engine(url: str, *, create_folder: bool = True) -> Engine:
    """An engine for `url`; SQLite files get WAL and foreign keys.

    The folder of a SQLite file is created when `create_folder`; otherwise a folder that
    does not exist is an InputError (the Coach makes only the default diary's folder: a URL
    typed with a slip should not make folders). Raises InputError for a URL SQLAlchemy cannot read
    or whose driver is missing, saying what to do.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError(N_("--db: not a database URL: {url!r}"), url=url[:200]) from exc
    shown = safe_url(url)
    file = sqlite_file(url)
    if file is not None and not file.parent.is_dir():
        if not create_folder:
            raise InputError(FOLDER_MISSING, where=shown, folder=file.parent)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                N_("--db: cannot create the folder {folder}: {reason}"),
                folder=file.parent,
                reason=exc.strerror,
            ) from exc
    try:
        engine = create_engine(parsed)
    except Exception as exc:  # missing driver, bad options: several error types
        raise database_error(exc, shown, file) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers run beside an import; foreign keys are off by default in SQLite."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL keeps every commit safe from an application crash.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config() -> Any:
    """Alembic configuration pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = HEAD) -> None:
    """Bring the database up to `revision` (default: the newest)."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        rev = MigrationContext.configure(connection).get_current_revision()
    return str(rev) if rev is not None else None


def head_revision() -> str:
    """The newest revision shipped with this version of crampcoach."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return str(head)
