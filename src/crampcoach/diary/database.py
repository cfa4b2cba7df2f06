"""Engines for any SQLAlchemy URL, and the Alembic migrations run from code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

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


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get their folder created, WAL and foreign keys.

    Raises InputError for a URL SQLAlchemy cannot read or whose driver is missing.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError(N_("--db: not a database URL: {url!r}"), url=url[:200]) from exc
    shown = safe_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                N_("--db: cannot create the folder {folder}: {reason}"),
                folder=folder,
                reason=exc.strerror,
            ) from exc
    try:
        engine = create_engine(parsed)
    except Exception as exc:  # missing driver, bad options: several error types
        raise InputError(
            N_("--db: cannot open {url}: {reason}"), url=shown, reason=exc.__class__.__name__
        ) from exc
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
