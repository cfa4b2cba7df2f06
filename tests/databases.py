"""The databases the diary tests run on: a SQLite file, and PostgreSQL when
CRAMPCOACH_TEST_DATABASE_URL names one (the tests marked `postgres`; .ci/run starts a
cluster of its own and sets it).

Each test gets databases of its own: a new SQLite file in its `tmp_path`, or a new schema
of the PostgreSQL database (the URL's search_path), dropped afterwards; so tests run in
parallel (`pytest -n`) without meeting.
"""

from __future__ import annotations

import os
import uuid
from functools import cache
from pathlib import Path
from types import TracebackType

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool

from crampcoach.diary import database

ENV = "CRAMPCOACH_TEST_DATABASE_URL"
SKIP_REASON = (
    f"PostgreSQL: set {ENV} to a database (postgresql+psycopg://user@host:port/name) to run "
    "it; .ci/run starts one"
)
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@cache
def _server() -> Engine:
    """The PostgreSQL database the schemas are made in (no pool: each call connects)."""
    return create_engine(make_url(os.environ[ENV]), poolclass=NullPool)


class Databases:
    """Fresh databases on one backend for one test; `close` drops what it made."""

    def __init__(self, backend: str, folder: Path) -> None:
        if backend == "postgres" and not os.environ.get(ENV):
            pytest.skip(SKIP_REASON)
        self.backend = backend
        self.folder = folder
        self._schemas: list[str] = []

    def url(self, name: str = "diary") -> str:
        """The URL of a new, empty database (nothing migrated)."""
        if self.backend == "sqlite":
            return f"sqlite:///{self.folder / f'{name}.sqlite'}"
        schema = f"t_{name}_{uuid.uuid4().hex[:12]}"
        with _server().begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        self._schemas.append(schema)
        url = make_url(os.environ[ENV]).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    def migrated(self, name: str = "diary") -> str:
        """The URL of a new database at the newest revision, with the job queue's tables on
        PostgreSQL (which is not upgraded when opened: `crampcoach db upgrade` does it)."""
        url = self.url(name)
        engine = database.make_engine(url)
        try:
            database.DiaryDatabase(engine).upgrade()
        finally:
            engine.dispose()
        return url

    def close(self) -> None:
        """Drop the schemas made."""
        if self._schemas:
            with _server().begin() as connection:
                for schema in self._schemas:
                    connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            self._schemas.clear()

    def __enter__(self) -> Databases:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
