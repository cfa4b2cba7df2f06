"""Diaries of several athletes in one database: each sees, changes and restores only its
own, on SQLite and (marked postgres) on PostgreSQL."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crampcoach.core.profile import Profile
from crampcoach.diary.database import DiaryDatabase
from crampcoach.diary.importers import ActivityFileError, ActivityRecord
from crampcoach.diary.models import Base, SessionRow
from crampcoach.diary.records import CrampCreate, DiaryExport, SessionCreate
from crampcoach.diary.repository import Diary, ReadResult
from crampcoach.diary.scope import SCOPED_ROWS, AthleteSession, ScopeError, athlete_sessions
from crampcoach.errors import InputError
from databases import Databases

T0 = datetime(2026, 5, 3, 6, 30, tzinfo=UTC)
# Every other table's rows belong to an athlete: the athletes themselves, and the accounts of
# the multi-user server (a user is linked to its athlete, but no diary reads the accounts).
UNSCOPED_TABLES = {
    *("athletes", "users", "credentials", "login_failures", "coach_links", "access_log"),
    *("server_secrets", "page_states"),  # the server's, no athlete's (diary.page_states)
    "waiting_invitations",  # a coach's, to an email no athlete's account has
}
# An athlete_id that names an athlete without being a row of their diary: the account's
# diary, a coach's link to an athlete, a coach's reading (diary.team.TeamStore names the
# athlete or the coach in each of its queries; a Diary never reads them).
LINKED_TO_AN_ATHLETE = {"users", "coach_links", "access_log"}


@pytest.fixture
def store(databases: Databases) -> Iterator[DiaryDatabase]:
    with DiaryDatabase.open(databases.migrated()) as opened:
        yield opened


def activity(name: str, start: datetime = T0) -> ActivityRecord:
    return ActivityRecord(
        source_path=name,
        source_sha256=hashlib.sha256(name.encode()).hexdigest(),
        file_format="gpx",
        sport="running",
        start=start,
        duration_s=3600.0,
        elapsed_s=3600.0,
        distance_m=10_000.0,
        ascent_m=None,
        avg_heart_rate=None,
        max_heart_rate=None,
        temperature_c=None,
        points=100,
    )


def reader(paths: list[Path]) -> Iterator[ReadResult]:
    for path in paths:
        result: ActivityRecord | ActivityFileError = activity(path.name)
        yield path, result


def fill(diary: Diary) -> None:
    """A session by hand, one imported, a cramp in each and one at night, a profile, a plan."""
    session = diary.add_session(SessionCreate(sport="cycling", start=T0, duration_s=5400))
    imported = diary.import_files([Path("run.gpx")], reader).outcomes[0].session_id
    assert imported is not None
    for session_id in (session.id, imported):
        diary.add_cramp(CrampCreate(time=T0, muscle="calf", severity=5, session_id=session_id))
    diary.add_cramp(CrampCreate(time=T0 + timedelta(hours=20), muscle="foot", severity=2))
    diary.save_profile(Profile(age_years=34, sweat_rate_l_per_h=1.4))
    diary.save_plan({"steps": ["drink"]}, T0)


def test_an_athlete_sees_nothing_of_anothers_diary(store: DiaryDatabase) -> None:
    a = store.for_athlete(store.add_athlete("A").id)
    b = store.for_athlete(store.add_athlete("B").id)
    fill(a)
    a_session = a.list_sessions()[0]

    assert b.is_empty() and not a.is_empty()
    assert b.list_sessions() == [] and b.list_cramps() == [] and b.list_saved() == []
    assert b.last_session() is None
    assert b.pattern_inputs() == ([], [])
    assert b.load_profile() == Profile()
    assert b.known_hashes() == set()
    assert not b.same_activity_exists(SessionCreate(sport="cycling", start=T0, duration_s=1))
    assert b.overlapping_sessions(SessionCreate(start=T0, duration_s=60)) == []
    exported = b.export_all(T0)
    assert (exported.sessions, exported.cramps, exported.saved) == ([], [], [])
    with pytest.raises(InputError, match=f"no session with id {a_session.id}"):
        b.get_session(a_session.id)
    with pytest.raises(InputError, match=f"no session with id {a_session.id}"):
        b.cramp_time(a_session.id, 60)
    with pytest.raises(InputError, match=f"no session with id {a_session.id}"):
        b.add_cramp(CrampCreate(time=T0, muscle="calf", severity=3, session_id=a_session.id))
    assert len(a.list_sessions()) == 2 and len(a.list_cramps()) == 3


def test_a_change_of_one_athlete_leaves_the_others_as_they_were(store: DiaryDatabase) -> None:
    a = store.for_athlete(store.add_athlete().id)
    b = store.for_athlete(store.add_athlete().id)
    fill(a)
    before = a.export_all(T0)
    b.save_profile(Profile(age_years=61))
    b.add_session(SessionCreate(start=T0, duration_s=60))
    assert a.export_all(T0) == before
    assert a.load_profile().age_years == 34 and b.load_profile().age_years == 61


def test_a_file_is_imported_once_per_athlete(store: DiaryDatabase) -> None:
    a = store.for_athlete(store.add_athlete().id)
    b = store.for_athlete(store.add_athlete().id)
    files = [Path("run.gpx")]
    assert a.import_files(files, reader).count("imported") == 1
    assert b.import_files(files, reader).count("imported") == 1  # a teammate's copy
    assert a.import_files(files, reader).count("duplicate") == 1
    assert b.import_files(files, reader).count("duplicate") == 1
    assert len(a.list_sessions()) == len(b.list_sessions()) == 1


def test_restore_among_others_records_gives_new_ids_and_keeps_each_cramp_in_its_session(
    store: DiaryDatabase,
) -> None:
    a = store.for_athlete(store.add_athlete().id)
    fill(a)
    exported = DiaryExport.model_validate_json(a.export_all(T0).model_dump_json())
    b = store.for_athlete(store.add_athlete().id)
    b.restore(exported)

    again = b.export_all(T0)
    assert not {s.id for s in again.sessions} & {s.id for s in exported.sessions}
    start_of = {s.id: s.start for s in again.sessions}
    sport_of = {s.id: s.sport for s in again.sessions}
    assert sorted(
        (c.muscle, c.session_id and sport_of[c.session_id], c.session_id and start_of[c.session_id])
        for c in again.cramps
    ) == sorted(
        (c.muscle, c.session_id and a.get_session(c.session_id).sport, c.session_id and T0)
        for c in exported.cramps
    )
    without_ids = {"sessions": {"__all__": {"id"}}, "saved": {"__all__": {"id"}}}
    assert again.model_dump(exclude={**without_ids, "cramps": True}) == exported.model_dump(
        exclude={**without_ids, "cramps": True}
    )
    assert a.export_all(T0) == exported  # the first athlete's as it was


def test_restore_refuses_a_cramp_in_a_session_the_export_lacks(store: DiaryDatabase) -> None:
    diary = store.for_athlete(store.add_athlete().id)
    broken = DiaryExport(
        format="crampcoach-diary",
        version=1,
        cramps=[{"id": 1, "time": T0, "muscle": "calf", "severity": 3, "session_id": 4}],  # type: ignore[list-item]
    )
    with pytest.raises(InputError, match="cramp 1 is in session 4, which the export lacks"):
        diary.restore(broken)
    assert diary.is_empty()


def test_an_athlete_that_does_not_exist_is_named(store: DiaryDatabase) -> None:
    with pytest.raises(InputError, match="no athlete with id 42"):
        store.for_athlete(42)
    assert store.athletes() == []


def test_the_single_user_diary_is_the_first_athletes_made_on_its_first_write(
    databases: Databases,
) -> None:
    url = databases.migrated()
    with Diary.open(url) as diary:
        assert diary.list_sessions() == [] and diary.load_profile() == Profile()
        assert diary.database.athletes() == []  # reading makes nothing
        diary.add_session(SessionCreate(start=T0, duration_s=60))
        [first] = diary.database.athletes()
        assert first.id == diary.athlete_id == 1
    with DiaryDatabase.open(url) as store:
        second = store.add_athlete("later")
        assert second.id == 2
        assert store.for_athlete(second.id).list_sessions() == []
    with Diary.open(url, athlete_id=2) as diary:
        assert diary.list_sessions() == []
    with Diary.open(url) as again:
        assert len(again.list_sessions()) == 1


def test_every_orm_query_of_a_scoped_session_is_the_athletes_whatever_it_asks(
    store: DiaryDatabase,
) -> None:
    a = store.for_athlete(store.add_athlete().id)
    b = store.for_athlete(store.add_athlete().id)
    theirs = a.add_session(SessionCreate(start=T0, duration_s=60))
    b.add_session(SessionCreate(start=T0, duration_s=60))
    with athlete_sessions(store.engine, b.athlete_id)() as db:
        assert db.get(SessionRow, theirs.id) is None
        assert [r.athlete_id for r in db.scalars(select(SessionRow))] == [b.athlete_id]
        assert db.scalar(select(func.count()).select_from(SessionRow)) == 1
        assert db.scalar(select(func.count(SessionRow.id))) == 1
    with pytest.raises(ScopeError), athlete_sessions(store.engine, b.athlete_id).begin() as db:
        db.add(SessionRow(athlete_id=a.athlete_id, start=T0, duration_s=1, sport="other"))
    assert len(a.list_sessions()) == 1


def test_diaries_opened_at_once_on_threads_share_one_session_class(store: DiaryDatabase) -> None:
    # A sessionmaker per diary made a subclass of AthleteSession each time, and SQLAlchemy
    # copies class-level listeners to a new subclass without a lock: a request and the
    # import worker opening diaries at once could break its event registry.
    ids = [store.add_athlete().id for _ in range(4)]
    for athlete_id in ids:
        store.for_athlete(athlete_id).add_session(SessionCreate(start=T0, duration_s=60))
    start = threading.Barrier(len(ids))

    def read(athlete_id: int) -> tuple[type, list[int]]:
        start.wait(timeout=10)
        with athlete_sessions(store.engine, athlete_id)() as db:
            return type(db), [r.athlete_id for r in db.scalars(select(SessionRow))]

    with ThreadPoolExecutor(len(ids)) as pool:
        seen = list(pool.map(read, ids))
    assert seen == [(AthleteSession, [athlete_id]) for athlete_id in ids]


def test_every_table_but_the_athletes_is_scoped() -> None:
    scoped = {model.__table__.name for model in SCOPED_ROWS}  # type: ignore[attr-defined]
    with_athlete = {t.name for t in Base.metadata.tables.values() if "athlete_id" in t.c}
    assert with_athlete >= LINKED_TO_AN_ATHLETE
    with_athlete -= LINKED_TO_AN_ATHLETE
    assert scoped == with_athlete == set(Base.metadata.tables) - UNSCOPED_TABLES
