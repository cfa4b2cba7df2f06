"""The database of the diaries: engines for any SQLAlchemy URL, the Alembic migrations run
from code, and `DiaryDatabase` (its athletes, a `Diary` for each).

A SQLite diary (one person's file) is brought up to date when opened; any other database
(a server's PostgreSQL) only on command (`crampcoach db upgrade`): opening one that is not
at the newest revision is refused (`NotMigratedError`), so that no process changes a shared
schema behind the others' backs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from crampcoach.diary.database_errors import (
    FOLDER_MISSING,
    NEWER,
    DiaryDatabaseError,
    database_error,
)
from crampcoach.diary.models import FIRST_ATHLETE, AthleteRow
from crampcoach.diary.records import Athlete
from crampcoach.errors import InputError
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.diary.repository import Diary

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "head"
# Alembic keeps its running context in module globals: one migration at a time per process
# (a request thread and a background import both open a SQLite diary, and so upgrade it).
_MIGRATING = threading.Lock()

NOT_MIGRATED = N_(
    "the diary at {where} is at revision {current}, and this crampcoach needs {head}: it is "
    "not upgraded automatically. Run crampcoach db upgrade (with the same --db or "
    "CRAMPCOACH_DB) first."
)
NOT_MIGRATED_EMPTY = N_(
    "the database at {where} holds no crampcoach diary yet: it is not set up automatically. "
    "Run crampcoach db upgrade (with the same --db or CRAMPCOACH_DB) first."
)


NO_ATHLETE = N_("athlete: no athlete with id {athlete} in this database")


class NotMigratedError(DiaryDatabaseError):
    """A database that is not at the newest revision, where only a command may upgrade it."""


@dataclass(frozen=True)
class SchemaState:
    """The revision a database is at (None: no diary yet) and the one this version needs."""

    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        """The database is at the newest revision."""
        return self.current == self.head


def upgrades_itself(url: str) -> bool:
    """A SQLite diary is upgraded when opened; another database only by `db upgrade`."""
    try:
        return make_url(url).get_backend_name() == "sqlite"
    except ArgumentError:
        return False


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


@dataclass(frozen=True)
class Pool:
    """The connections a server process keeps to a database other than SQLite (settings
    CRAMPCOACH_DB_POOL_SIZE, CRAMPCOACH_DB_MAX_OVERFLOW, CRAMPCOACH_DB_POOL_TIMEOUT)."""

    size: int = 5
    max_overflow: int = 10
    timeout: float = 30.0


def make_engine(url: str, *, create_folder: bool = True, pool: Pool | None = None) -> Engine:
    """An engine for `url`; SQLite files get WAL and foreign keys.

    `pool`: the connection pool of a database other than SQLite, each connection checked
    before use (a managed PostgreSQL closes idle ones); SQLite keeps SQLAlchemy's own.

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
            raise DiaryDatabaseError(FOLDER_MISSING, where=shown, folder=file.parent)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                N_("--db: cannot create the folder {folder}: {reason}"),
                folder=file.parent,
                reason=exc.strerror,
            ) from exc
    options: dict[str, Any] = {}
    if pool is not None and parsed.get_backend_name() != "sqlite":
        options = {
            "pool_size": pool.size,
            "max_overflow": pool.max_overflow,
            "pool_timeout": pool.timeout,
            "pool_pre_ping": True,
        }
    try:
        engine = create_engine(parsed, **options)
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
    """Bring the database up to `revision` (default: the newest), all in one transaction."""
    _migrate(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to `revision` (for tests and by hand; no command does it)."""
    _migrate(engine, "downgrade", revision)


def _migrate(engine: Engine, direction: str, revision: str) -> None:
    with _MIGRATING:
        _migrate_now(engine, direction, revision)


def _migrate_now(engine: Engine, direction: str, revision: str) -> None:
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite alters a table by copying it and dropping the old one; with foreign keys
            # on, that drop would empty every cramp's session. The pragma is a no-op inside a
            # transaction: it is set before, and the keys are checked after.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                getattr(command, direction)(config, revision)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise RuntimeError(f"migration broke a foreign key: {tuple(broken)}")
        finally:
            if sqlite:
                connection.rollback()
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        rev = MigrationContext.configure(connection).get_current_revision()
    return str(rev) if rev is not None else None


def schema_state(engine: Engine) -> SchemaState:
    """The revision `engine`'s database is at, and the newest."""
    return SchemaState(current_revision(engine), head_revision())


def check_current(engine: Engine, where: str) -> None:
    """NotMigratedError unless the database is at the newest revision (`where`: its URL
    fit to show); InputError for a revision a newer crampcoach wrote."""
    state = schema_state(engine)
    if state.up_to_date:
        return
    if state.current is not None and not _known(state.current):
        raise DiaryDatabaseError(NEWER, where=where, reason=state.current)
    if state.current is None:
        raise NotMigratedError(NOT_MIGRATED_EMPTY, where=where)
    raise NotMigratedError(NOT_MIGRATED, where=where, current=state.current, head=state.head)


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def head_revision() -> str:
    """The newest revision shipped with this version of crampcoach."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return str(head)


class DiaryDatabase:
    """A database of diaries: its engine, its revision, its athletes; a Diary for each."""

    def __init__(self, engine: Engine, where: str | None = None) -> None:
        self.engine = engine
        self.where = where or safe_url(engine.url.render_as_string())
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(
        cls, url: str, *, migrate: bool = True, create_folder: bool = True, pool: Pool | None = None
    ) -> DiaryDatabase:
        """Open the database at `url`; `migrate`: a SQLite file is brought up to the newest
        revision, another database refused unless it is there (NotMigratedError names
        `crampcoach db upgrade`). `migrate=False` opens it as it is. `pool`: the
        connections a server process keeps (`make_engine`).

        A SQLite file's missing folder is created when `create_folder`, else refused. Raises
        InputError saying what is wrong and what to do (a missing driver or folder, a file
        that is not a database, a diary of a newer version, a server that does not answer).
        """
        from alembic.util import CommandError

        engine = make_engine(url, create_folder=create_folder, pool=pool)
        where = safe_url(url)
        try:
            if migrate and upgrades_itself(url):
                upgrade(engine)
            elif migrate:
                check_current(engine, where)
        except (SQLAlchemyError, CommandError) as exc:
            engine.dispose()
            raise database_error(exc, where, sqlite_file(url)) from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, where)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> DiaryDatabase:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- the schema --------------------------------------------------------------------

    def schema(self) -> SchemaState:
        """The revision the database is at, and the newest."""
        return schema_state(self.engine)

    def upgrade(self) -> SchemaState:
        """Bring the database to the newest revision, and (PostgreSQL) add the job queue's
        tables when it has none; the state it was in before."""
        from crampcoach.diary.jobs import apply_queue_schema

        before = self.schema()
        upgrade(self.engine)
        apply_queue_schema(self.engine)
        return before

    # --- athletes ----------------------------------------------------------------------

    def add_athlete(self, name: str | None = None) -> Athlete:
        """A new athlete, with an empty diary."""
        row = AthleteRow(name=name, created=datetime.now(UTC))
        with self._sessions.begin() as db:
            db.add(row)
        return Athlete.model_validate(row)

    def athletes(self) -> list[Athlete]:
        """Every athlete, in the order they were added."""
        with self._sessions() as db:
            rows = db.scalars(select(AthleteRow).order_by(AthleteRow.id))
            return [Athlete.model_validate(row) for row in rows]

    def athlete(self, athlete_id: int) -> Athlete:
        """The athlete with `athlete_id`; InputError when there is none."""
        with self._sessions() as db:
            row = db.get(AthleteRow, athlete_id)
        if row is None:
            raise InputError(NO_ATHLETE, athlete=athlete_id)
        return Athlete.model_validate(row)

    def for_athlete(self, athlete_id: int) -> Diary:
        """The diary of the athlete `athlete_id` (InputError when there is none)."""
        from crampcoach.diary.repository import Diary

        self.athlete(athlete_id)
        return Diary(self, athlete_id)

    def first_athlete(self) -> Diary:
        """The single-user diary: the first athlete's, who is added on its first write."""
        from crampcoach.diary.repository import Diary

        return Diary(self, FIRST_ATHLETE)

    def ensure_first_athlete(self) -> None:
        """Add the first athlete unless there is one (two processes may race: one wins)."""
        with self._sessions() as db:
            if db.get(AthleteRow, FIRST_ATHLETE) is not None:
                return
        try:
            with self._sessions.begin() as db:
                db.add(AthleteRow(id=FIRST_ATHLETE, created=datetime.now(UTC)))
                db.flush()
                if self.engine.dialect.name == "postgresql":  # the id was given explicitly
                    self.move_athlete_sequence(db)
        except IntegrityError:
            pass  # another process added it in the meantime

    @staticmethod
    def move_athlete_sequence(db: Session) -> None:
        """PostgreSQL: the athletes' id sequence moved past an id given explicitly."""
        db.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('athletes', 'id'), "
                "(SELECT MAX(id) FROM athletes))"
            )
        )
