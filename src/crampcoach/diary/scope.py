"""One athlete's rows only: the ORM session a `Diary` reads and writes through.

Every ORM statement run in an `AthleteSession` (select, get, update, delete, counted or
joined) gets the criterion `athlete_id == <its athlete>` on each athlete-scoped table
(`models.AthleteScoped`), whatever the query says; a new row is stamped with the athlete,
and a row of another athlete cannot be flushed. So no query of the repository can forget
the scope. Core statements on a connection (`session.connection()`) are not scoped: the
repository uses them only where it must see the whole database, and says why.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from crampcoach.diary.models import AthleteScoped

ATHLETE = "athlete_id"  # the key of the athlete's id in `Session.info`
# Every table whose rows belong to an athlete (the models are all defined by now).
SCOPED_ROWS: tuple[type[AthleteScoped], ...] = tuple(AthleteScoped.__subclasses__())


class ScopeError(RuntimeError):
    """A row of one athlete about to be written in another athlete's diary (a bug)."""


class AthleteSession(Session):
    """An ORM session that sees and writes only the rows of `info["athlete_id"]`."""

    @property
    def athlete_id(self) -> int:
        """The athlete whose rows this session sees."""
        value = self.info[ATHLETE]
        assert isinstance(value, int)
        return value


class AthleteSessions:
    """Sessions on `engine` scoped to `athlete_id`: `sessions()` and `sessions.begin()`, as a
    sessionmaker's. Not a sessionmaker: each of those makes a subclass of `AthleteSession`,
    and SQLAlchemy's class-level event listeners are copied to a new subclass without a lock,
    so diaries opened at once on two threads (a request and the import worker) could break
    its registry (a KeyError naming AthleteSession); and one class per diary opened adds up."""

    def __init__(self, engine: Engine, athlete_id: int) -> None:
        self.engine = engine
        self.athlete_id = athlete_id

    def __call__(self) -> AthleteSession:
        return AthleteSession(self.engine, expire_on_commit=False, info={ATHLETE: self.athlete_id})

    @contextmanager
    def begin(self) -> Iterator[AthleteSession]:
        """A session in a transaction, committed at the end (rolled back on an error)."""
        with self() as session, session.begin():
            yield session


def athlete_sessions(engine: Engine, athlete_id: int) -> AthleteSessions:
    """A factory of sessions on `engine` scoped to `athlete_id`."""
    return AthleteSessions(engine, athlete_id)


@event.listens_for(AthleteSession, "do_orm_execute")
def _only_the_athletes_rows(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    athlete_id = state.session.info[ATHLETE]
    state.statement = state.statement.options(
        *(
            with_loader_criteria(
                row, lambda cls: cls.athlete_id == athlete_id, include_aliases=True
            )
            for row in SCOPED_ROWS
        )
    )


@event.listens_for(AthleteSession, "before_flush")
def _stamped_with_the_athlete(session: Session, _context: Any, _instances: Any) -> None:
    athlete_id = session.info[ATHLETE]
    for row in (*session.new, *session.dirty):
        if not isinstance(row, AthleteScoped):
            continue
        if row.athlete_id is None:
            row.athlete_id = athlete_id
        elif row.athlete_id != athlete_id:
            raise ScopeError(f"a row of athlete {row.athlete_id} in athlete {athlete_id}'s diary")
