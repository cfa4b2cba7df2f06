"""The database of the diaries: engines for any SQLAlchemy URL, the Alembic migrations run
from code, and `DiaryDatabase` (its athletes, a `Diary` for each)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from crampcoach.diary.database_errors import FOLDER_MISSING, database_error
from crampcoach.diary.models import FIRST_ATHLETE, AthleteRow
from crampcoach.diary.records import Athlete
from crampcoach.errors import InputError
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.diary.repository import Diary

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "head"

NO_ATHLETE = N_("athlete: no athlete with id {athlete} in this database")


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
    """Bring the database up to `revision` (default: the newest), all in one transaction."""
    _migrate(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to `revision` (for tests and by hand; no command does it)."""
    _migrate(engine, "downgrade", revision)


def _migrate(engine: Engine, direction: str, revision: str) -> None:
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
    def open(cls, url: str, *, migrate: bool = True, create_folder: bool = True) -> DiaryDatabase:
        """Open the database at `url`, creating or upgrading its tables unless `migrate` is False.

        A SQLite file's missing folder is created when `create_folder`, else refused. Raises
        InputError saying what is wrong and what to do (a missing driver or folder, a file
        that is not a database, a diary of a newer version, a server that does not answer).
        """
        from alembic.util import CommandError

        engine = make_engine(url, create_folder=create_folder)
        where = safe_url(url)
        try:
            if migrate:
                upgrade(engine)
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
                    db.execute(
                        text(
                            "SELECT setval(pg_get_serial_sequence('athletes', 'id'), "
                            "(SELECT MAX(id) FROM athletes))"
                        )
                    )
        except IntegrityError:
            pass  # another process added it in the meantime
