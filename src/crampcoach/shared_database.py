"""One database for every request of a server process, opened on first use."""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crampcoach.diary.database import DiaryDatabase
    from crampcoach.settings import Settings


class SharedDatabase:
    """One database for every request of a server process: one engine, so one pool of
    connections (its size from the settings), opened on first use and kept until `close`.

    Without it (the command line) each call of `Coach.diary` opens the database and closes it.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._database: DiaryDatabase | None = None
        self._release: weakref.finalize[Any, Any] | None = None
        self._lock = threading.Lock()

    def get(self) -> DiaryDatabase:
        """The database, opened as `Coach.diary` opens it (a SQLite file upgraded; another
        database refused unless upgraded) the first time."""
        from crampcoach.diary.database import DiaryDatabase, Pool

        settings = self.settings
        with self._lock:
            if self._database is None:
                pool = Pool(
                    settings.db_pool_size, settings.db_max_overflow, settings.db_pool_timeout
                )
                database = DiaryDatabase.open(
                    settings.db_url, create_folder=not settings.db_given, pool=pool
                )
                # A server never started has no lifespan to call `close` (a test's client,
                # an app built and dropped): its connections are closed when it is dropped,
                # not left to the garbage collector open.
                self._release = weakref.finalize(self, database.close)
                self._database = database
            return self._database

    def close(self) -> None:
        """Release the connections (the server stops)."""
        with self._lock:
            if self._release is not None:
                self._release()  # the database's close, once
            self._database = self._release = None
