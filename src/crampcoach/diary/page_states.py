"""What the processes of one server share in its database: a secret made once, and the page
flows' states (drafts and results) between a POST and the GET it redirects to.

A server of several worker processes answers each request in any of them: a form token
signed in one must check in another, and a draft kept by the POST must be there for the
GET. Both live here, in the database every worker opens. The states expire; the expired
ones are deleted as new ones are written (no clean-up job to run).
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from crampcoach.diary.models import PageStateRow, ServerSecretRow

if TYPE_CHECKING:
    from crampcoach.diary.database import DiaryDatabase

SECRET_BYTES = 32


class PageStateStore:
    """The shared secrets and page states of one database."""

    def __init__(self, database: DiaryDatabase) -> None:
        self._sessions = sessionmaker(database.engine, expire_on_commit=False)

    def secret(self, name: str, now: datetime) -> str:
        """The secret called `name`, made at random by the first process that asks (two
        processes may race: both read the one that was kept)."""
        with self._sessions() as db:
            row = db.get(ServerSecretRow, name)
            if row is not None:
                return row.value
        try:
            with self._sessions.begin() as db:
                db.add(
                    ServerSecretRow(name=name, value=secrets.token_hex(SECRET_BYTES), created=now)
                )
        except IntegrityError:
            pass  # another process made it in the meantime
        with self._sessions() as db:
            kept = db.get(ServerSecretRow, name)
            assert kept is not None
            return kept.value

    def put(self, key: str, payload: bytes, expires: datetime, now: datetime) -> None:
        """Keep `payload` under `key` until `expires`, replacing what was there; the states
        expired by `now` are deleted."""
        with self._sessions.begin() as db:
            db.execute(delete(PageStateRow).where(PageStateRow.expires <= now))
            row = db.get(PageStateRow, key)
            if row is None:
                db.add(PageStateRow(id=key, payload=payload, expires=expires))
            else:
                row.payload, row.expires = payload, expires

    def get(self, key: str, now: datetime) -> bytes | None:
        """The payload under `key`, None when there is none or it expired."""
        with self._sessions() as db:
            found = db.scalar(
                select(PageStateRow.payload).where(
                    PageStateRow.id == key, PageStateRow.expires > now
                )
            )
        return found

    def count(self) -> int:
        """How many states are kept, expired or not (for the tests)."""
        with self._sessions() as db:
            return len(db.scalars(select(PageStateRow.id)).all())
