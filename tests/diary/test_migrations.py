"""Migrations: from an empty database, from each earlier revision with data, and back; on
SQLite and (marked postgres) on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from crampcoach.diary import database
from crampcoach.diary.database import DiaryDatabase, NotMigratedError
from crampcoach.diary.jobs import JobFile
from crampcoach.diary.models import Base, CrampRow, ProfileRow, SavedRow, SessionRow
from crampcoach.diary.records import CrampCreate, SessionCreate
from databases import Databases

T0 = datetime(2025, 6, 1, 6, 0, tzinfo=UTC)
SCOPED = ("sessions", "cramps", "profile", "saved")
ACCOUNTS = ("users", "credentials", "login_failures")
CONSENT = ("coach_links", "access_log")
ADDED_BY_0006 = {"sessions": ("humidity_percent", "water_temperature_c")}


@pytest.fixture
def engine(databases: Databases) -> Iterator[Engine]:
    engine = database.make_engine(databases.url())
    yield engine
    engine.dispose()


def rows(engine: Engine, table: str) -> list[dict[str, Any]]:
    """Every row of `table` as it is stored, by id."""
    with engine.connect() as connection:
        result = connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))
        return [dict(row) for row in result.mappings()]


def rows_as_kept(engine: Engine, table: str) -> list[dict[str, Any]]:
    """`rows` of a diary kept before revision 0006, upgraded: the columns 0006 added are
    empty in every one of them, and left out."""
    found = rows(engine, table)
    for row in found:
        for column in ADDED_BY_0006.get(table, ()):
            assert row.pop(column) is None, (table, column)
    return found


def add_a_session(engine: Engine, athlete_id: int) -> None:
    """A session of `athlete_id`, in the columns every revision from 0003 has (the models'
    are the newest revision's)."""
    with engine.begin() as connection:
        connection.execute(
            SessionRow.__table__.insert().values(
                athlete_id=athlete_id, sport="other", start=T0, duration_s=60.0
            )
        )


def fill_a_single_user_diary(engine: Engine) -> None:
    """A diary of revision 0002 with a row of every kind: sessions (one imported, one by
    hand), cramps in a session and at night, the profile, a saved plan and assessment."""
    night = T0 + timedelta(days=3)
    kept: list[tuple[type[Base], dict[str, Any]]] = [
        (SessionRow, {"id": 7, "sport": "running", "start": T0, "duration_s": 5400.0,
                      "temperature_c": 27.5, "source_file": "run.fit", "source_sha256": "a" * 64}),
        (SessionRow, {"id": 9, "sport": "cycling", "start": T0 + timedelta(days=2),
                      "duration_s": 9000.0, "effort": "hard", "notes": "hilly, ü"}),
        (CrampRow, {"id": 3, "time": T0 + timedelta(minutes=80), "muscle": "calf",
                    "severity": 6, "session_id": 7, "at_night": False}),
        (CrampRow, {"id": 4, "time": night, "muscle": "foot", "severity": 2, "at_night": True}),
        (CrampRow, {"id": 5, "time": T0 + timedelta(days=2, hours=2), "muscle": "quadriceps",
                    "severity": 8, "session_id": 9, "at_night": False,
                    "relieved_by": "stretching"}),
        (ProfileRow, {"id": 1, "age_years": 52, "sex": "male"}),
        (SavedRow, {"id": 1, "kind": "plan", "created": T0, "payload": {"steps": ["stretch"]}}),
        (SavedRow, {"id": 2, "kind": "assessment", "created": T0, "payload": {"triage": "x"}}),
    ]  # fmt: skip
    with engine.begin() as connection:
        for model, values in kept:  # only the columns revision 0002 has
            connection.execute(model.__table__.insert().values(**values))
        if engine.dialect.name == "postgresql":  # as a diary that made those ids would be
            for table in SCOPED:
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id))"
                         f" FROM {table}")
                )  # fmt: skip


def test_upgrade_from_empty_creates_every_table_at_head(engine: Engine) -> None:
    assert database.current_revision(engine) is None
    database.upgrade(engine)
    assert database.current_revision(engine) == database.head_revision() == "0008"
    tables = set(inspect(engine).get_table_names())
    assert {"athletes", *SCOPED, *ACCOUNTS, "alembic_version"} <= tables
    assert rows(engine, "athletes") == []  # an empty diary gets no athlete it did not ask for


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    database.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_from_the_first_revision_keeps_the_data(engine: Engine) -> None:
    database.upgrade(engine, "0001")
    assert "saved" not in inspect(engine).get_table_names()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO sessions (id, sport, start, duration_s, temperature_c, source_sha256)"
                " VALUES (7, 'running', '2025-06-01 06:00:00', 5400, 27.5, :sha)"
            ),
            {"sha": "a" * 64},
        )
        connection.execute(
            text(
                "INSERT INTO cramps (id, time, muscle, severity, session_id, at_night)"
                " VALUES (3, '2025-06-01 07:20:00', 'calf', 6, 7, :no)"
            ),
            {"no": False},
        )
        connection.execute(text("INSERT INTO profile (id, age_years) VALUES (1, 52)"))

    database.upgrade(engine)
    assert database.current_revision(engine) == "0008"
    diary = DiaryDatabase(engine).first_athlete()
    [session] = diary.list_sessions()
    assert (session.id, session.duration_s, session.temperature_c) == (7, 5400, 27.5)
    assert session.start == datetime(2025, 6, 1, 6, 0, tzinfo=UTC)
    [cramp] = diary.list_cramps()
    assert (cramp.id, cramp.session_id, cramp.muscle) == (3, 7, "calf")
    assert diary.load_profile().age_years == 52
    saved = diary.save_plan({"steps": ["stretch"]}, datetime(2025, 6, 2, tzinfo=UTC))
    assert diary.list_saved("plan") == [saved]


def test_a_single_user_diary_becomes_the_first_athletes_with_nothing_lost(
    engine: Engine,
) -> None:
    database.upgrade(engine, "0002")
    fill_a_single_user_diary(engine)
    before = {table: rows(engine, table) for table in SCOPED}

    database.upgrade(engine)

    [athlete] = rows(engine, "athletes")
    assert athlete["id"] == 1 and athlete["name"] is None
    for table in SCOPED:
        after = rows_as_kept(engine, table)
        assert {row.pop("athlete_id") for row in after} == {1}, table
        assert after == before[table], table  # every row, every value (cramps' sessions too)
    store = DiaryDatabase(engine)
    diary = store.first_athlete()
    assert [(s.id, s.sport) for s in diary.list_sessions()] == [(7, "running"), (9, "cycling")]
    assert [(c.id, c.session_id) for c in diary.list_cramps()] == [(3, 7), (5, 9), (4, None)]
    assert diary.load_profile().age_years == 52
    assert [s.kind for s in diary.list_saved()] == ["plan", "assessment"]
    # New rows and athletes continue after the ids kept (PostgreSQL's sequences too).
    assert store.add_athlete("second").id == 2
    added = diary.add_session(SessionCreate(start=T0 + timedelta(days=5), duration_s=600))
    assert added.id == 10
    assert diary.add_cramp(CrampCreate(time=T0, muscle="calf", severity=1)).id == 6
    assert store.for_athlete(2).list_sessions() == []


def test_the_same_file_may_be_in_two_athletes_diaries_but_once_in_each(engine: Engine) -> None:
    database.upgrade(engine, "0002")
    fill_a_single_user_diary(engine)
    database.upgrade(engine)
    store = DiaryDatabase(engine)
    other = store.for_athlete(store.add_athlete("teammate").id)
    same_file = SessionCreate(start=T0, duration_s=5400, source_sha256="a" * 64)
    assert other.add_session(same_file).source_sha256 == "a" * 64
    with pytest.raises(IntegrityError), engine.begin() as connection:  # the database holds to it
        connection.execute(
            SessionRow.__table__.insert().values(
                athlete_id=1, sport="running", start=T0, duration_s=1.0, source_sha256="a" * 64
            )
        )


def test_downgrade_to_each_earlier_revision_and_up_again(engine: Engine) -> None:
    database.upgrade(engine, "0002")
    fill_a_single_user_diary(engine)
    before = {table: rows(engine, table) for table in SCOPED}
    database.upgrade(engine)
    database.upgrade(engine, "0003")  # already there: nothing to do

    database.downgrade(engine, "0002")
    assert database.current_revision(engine) == "0002"
    assert "athletes" not in inspect(engine).get_table_names()
    assert {table: rows(engine, table) for table in SCOPED} == before
    database.downgrade(engine, "0001")
    assert "saved" not in inspect(engine).get_table_names()
    database.upgrade(engine)
    assert "saved" in inspect(engine).get_table_names()
    cramps = DiaryDatabase(engine).first_athlete().list_cramps()
    assert [c.session_id for c in cramps] == [7, 9, None]


def test_downgrade_is_refused_once_a_second_athlete_has_records(engine: Engine) -> None:
    database.upgrade(engine)
    store = DiaryDatabase(engine)
    store.first_athlete().add_session(SessionCreate(start=T0, duration_s=60))
    second = store.for_athlete(store.add_athlete().id)
    second.add_session(SessionCreate(start=T0, duration_s=60))
    with pytest.raises(RuntimeError, match="records of 2 athletes"):
        database.downgrade(engine, "0002")
    assert database.current_revision(engine) == "0008"
    assert len(rows(engine, "sessions")) == 2


def test_accounts_come_with_every_diary_row_kept_and_go_back_without_them(
    engine: Engine,
) -> None:
    database.upgrade(engine, "0002")
    fill_a_single_user_diary(engine)
    database.upgrade(engine, "0003")
    second = DiaryDatabase(engine).add_athlete("teammate")
    add_a_session(engine, second.id)
    before = {table: rows(engine, table) for table in ("athletes", *SCOPED)}

    database.upgrade(engine)
    assert database.current_revision(engine) == "0008"
    assert {table: rows_as_kept(engine, table) for table in ("athletes", *SCOPED)} == before
    assert all(rows(engine, table) == [] for table in ACCOUNTS)
    with engine.begin() as connection:  # an athlete's account, its token, a failed login
        connection.execute(
            text(
                "INSERT INTO users (id, email, role, disabled, password_hash, athlete_id, created)"
                " VALUES (1, 'ann@example.org', 'athlete', :no, 'x', 1, '2026-01-01')"
            ),
            {"no": False},
        )
        connection.execute(
            text(
                "INSERT INTO credentials (user_id, kind, token_sha256, created, expires)"
                " VALUES (1, 'api', :sha, '2026-01-01', '2026-01-02')"
            ),
            {"sha": "b" * 64},
        )
        connection.execute(
            text("INSERT INTO login_failures (key, time) VALUES ('account:x', '2026-01-01')")
        )
    with pytest.raises(IntegrityError), engine.begin() as connection:  # an athlete has a diary
        connection.execute(
            text(
                "INSERT INTO users (email, role, disabled, password_hash, created)"
                " VALUES ('bob@example.org', 'athlete', :no, 'x', '2026-01-01')"
            ),
            {"no": False},
        )

    database.downgrade(engine, "0003")
    assert database.current_revision(engine) == "0003"
    assert not set(ACCOUNTS) & set(inspect(engine).get_table_names())
    assert {table: rows(engine, table) for table in ("athletes", *SCOPED)} == before
    database.upgrade(engine)
    assert all(rows(engine, table) == [] for table in ACCOUNTS)


def test_consent_comes_with_every_account_and_diary_row_kept_and_goes_back_without_it(
    engine: Engine,
) -> None:
    database.upgrade(engine, "0002")
    fill_a_single_user_diary(engine)
    database.upgrade(engine, "0004")
    store = DiaryDatabase(engine)
    second = store.add_athlete("teammate")
    add_a_session(engine, second.id)
    with engine.begin() as connection:  # Ann (athlete 1), the teammate, a coach, a token
        for user_id, email, role, athlete in [
            (1, "ann@example.org", "athlete", 1),
            (2, "tom@example.org", "athlete", second.id),
            (3, "coach@example.org", "coach", None),
        ]:
            connection.execute(
                text(
                    "INSERT INTO users (id, email, role, disabled, password_hash, athlete_id,"
                    " created) VALUES (:id, :email, :role, :no, 'x', :athlete, '2026-01-01')"
                ),
                {"id": user_id, "email": email, "role": role, "no": False, "athlete": athlete},
            )
        connection.execute(
            text(
                "INSERT INTO credentials (user_id, kind, token_sha256, created, expires)"
                " VALUES (3, 'api', :sha, '2026-01-01', '2026-01-02')"
            ),
            {"sha": "b" * 64},
        )
    before = {table: rows(engine, table) for table in ("athletes", *SCOPED, *ACCOUNTS)}

    database.upgrade(engine)
    assert database.current_revision(engine) == "0008"
    kept = ("athletes", *SCOPED, *ACCOUNTS)
    assert {table: rows_as_kept(engine, table) for table in kept} == before
    assert all(rows(engine, table) == [] for table in CONSENT)
    with engine.begin() as connection:  # the coach invited Ann, she accepted; one reading
        connection.execute(
            text(
                "INSERT INTO coach_links (coach_id, athlete_id, status, invited, answered)"
                " VALUES (3, 1, 'active', '2026-01-01', '2026-01-02')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO access_log (athlete_id, coach_id, coach_email, time, what, path)"
                " VALUES (1, 3, 'coach@example.org', '2026-01-03', 'cramps', '/x')"
            )
        )
    for bad in (  # a state that is none, a second link of the same pair
        "INSERT INTO coach_links (coach_id, athlete_id, status, invited)"
        " VALUES (3, 2, 'maybe', '2026-01-01')",
        "INSERT INTO coach_links (coach_id, athlete_id, status, invited)"
        " VALUES (3, 1, 'pending', '2026-01-01')",
    ):
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(text(bad))

    database.downgrade(engine, "0004")
    assert not set(CONSENT) & set(inspect(engine).get_table_names())
    assert {table: rows(engine, table) for table in ("athletes", *SCOPED, *ACCOUNTS)} == before
    database.upgrade(engine)
    assert all(rows(engine, table) == [] for table in CONSENT)


def test_humidity_and_water_temperature_come_with_every_row_kept_and_go_back_without_them(
    engine: Engine,
) -> None:
    database.upgrade(engine, "0002")
    fill_a_single_user_diary(engine)
    database.upgrade(engine, "0005")
    before = {table: rows(engine, table) for table in ("athletes", *SCOPED)}

    database.upgrade(engine)
    assert database.current_revision(engine) == "0008"
    columns = {c["name"] for c in inspect(engine).get_columns("sessions")}
    assert {"humidity_percent", "water_temperature_c"} <= columns
    # every row and value kept, the two new columns empty in each session
    assert {table: rows_as_kept(engine, table) for table in ("athletes", *SCOPED)} == before
    diary = DiaryDatabase(engine).first_athlete()
    swim = SessionCreate(
        sport="swimming",
        start=T0 + timedelta(days=9),
        duration_s=1800,
        humidity_percent=85,
        water_temperature_c=14.5,
    )
    added = diary.add_session(swim)
    assert diary.list_sessions()[-1] == added
    assert (added.humidity_percent, added.water_temperature_c) == (85, 14.5)
    with pytest.raises(IntegrityError), engine.begin() as connection:  # the CHECKs still hold
        connection.execute(text("UPDATE sessions SET effort = 'sprint' WHERE id = 7"))

    database.downgrade(engine, "0005")
    assert database.current_revision(engine) == "0005"
    columns = {c["name"] for c in inspect(engine).get_columns("sessions")}
    assert not {"humidity_percent", "water_temperature_c"} & columns
    kept = {table: rows(engine, table) for table in ("athletes", *SCOPED)}
    assert kept["sessions"][:-1] == before["sessions"]  # the swim stays, without the two
    assert kept["sessions"][-1]["sport"] == "swimming"
    database.upgrade(engine)
    assert rows(engine, "sessions")[-1]["water_temperature_c"] is None


def test_import_jobs_come_with_every_row_kept_and_go_back_without_them(engine: Engine) -> None:
    database.upgrade(engine, "0002")
    fill_a_single_user_diary(engine)
    database.upgrade(engine, "0006")
    store = DiaryDatabase(engine)
    second = store.add_athlete("teammate")
    add_a_session(engine, second.id)
    kept = ("athletes", *SCOPED, *ACCOUNTS, *CONSENT)
    before = {table: rows(engine, table) for table in kept}

    database.upgrade(engine, "0007")
    assert database.current_revision(engine) == "0007"
    assert {table: rows(engine, table) for table in kept} == before
    first, teammate = store.first_athlete(), store.for_athlete(second.id)
    files = [JobFile(0, "run.gpx", content=b"<gpx/>"), JobFile(1, "a.txt", "rejected", {})]
    started = first.add_job("job-1", files)
    assert (started.status, started.done, started.total) == ("running", 1, 2)
    assert [f.name for f in first.job_contents("job-1")] == ["run.gpx"]
    first.record_job_file("job-1", 0, "imported", {"session_id": 7})
    first.finish_job("job-1", "done")
    job = first.job("job-1")
    assert job is not None and (job.status, job.done, job.finished is not None) == ("done", 2, True)
    assert teammate.job("job-1") is None  # another athlete's job is not there
    assert first.job_contents("job-1") == []  # the bytes let go once imported

    database.downgrade(engine, "0006")
    assert database.current_revision(engine) == "0006"
    tables = set(inspect(engine).get_table_names())
    assert not {"import_jobs", "import_job_files"} & tables
    assert {table: rows(engine, table) for table in kept} == before
    database.upgrade(engine)
    assert store.first_athlete().job("job-1") is None


def test_shared_server_state_comes_with_every_diary_row_kept_and_goes_back_without_it(
    engine: Engine,
) -> None:
    database.upgrade(engine, "0007")
    diary = DiaryDatabase(engine).first_athlete()
    diary.add_session(SessionCreate(sport="running", start=T0, duration_s=3600))
    before = {table: rows(engine, table) for table in ("athletes", "sessions")}
    database.upgrade(engine)
    assert {"server_secrets", "page_states"} <= set(inspect(engine).get_table_names())
    assert {table: rows(engine, table) for table in before} == before
    database.downgrade(engine, "0007")
    assert not {"server_secrets", "page_states"} & set(inspect(engine).get_table_names())
    assert {table: rows(engine, table) for table in before} == before


def test_sqlite_runs_in_wal_mode_with_foreign_keys(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's own settings")
    database.upgrade(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO cramps (time, muscle, severity, session_id, at_night, athlete_id)"
                " VALUES ('2025-06-01 07:20:00', 'calf', 6, 999, :no, 1)"
            ),
            {"no": False},
        )


def test_migrations_ship_inside_the_package() -> None:
    versions = database.MIGRATIONS / "versions"
    assert (database.MIGRATIONS / "env.py").is_file()
    assert (database.MIGRATIONS / "script.py.mako").is_file()
    assert sorted(p.name for p in versions.glob("r*.py")) == [
        "r0001_initial.py",
        "r0002_saved_and_indexes.py",
        "r0003_athletes.py",
        "r0004_accounts.py",
        "r0005_consent.py",
        "r0006_humidity_and_water.py",
        "r0007_import_jobs.py",
        "r0008_page_states.py",
    ]


def test_only_sqlite_is_upgraded_when_opened_another_database_on_command(
    databases: Databases,
) -> None:
    url = databases.url()
    if databases.backend == "sqlite":
        with DiaryDatabase.open(url) as opened:
            assert opened.schema().up_to_date
        return
    with pytest.raises(NotMigratedError, match="holds no crampcoach diary yet"):
        DiaryDatabase.open(url)
    with DiaryDatabase.open(url, migrate=False) as opened:
        assert opened.schema() == database.SchemaState(None, database.head_revision())
        assert opened.upgrade().current is None
        assert opened.schema().up_to_date
    with DiaryDatabase.open(url) as opened:  # at the newest revision: opened as it is
        assert opened.athletes() == []
