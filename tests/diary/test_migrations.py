"""Migrations: from an empty database, from the previous revision with data, and back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from crampcoach.diary import database
from crampcoach.diary.models import Base
from crampcoach.diary.repository import Diary


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = database.make_engine(f"sqlite:///{tmp_path / 'data' / 'diary.sqlite'}")
    yield engine  # type: ignore[misc]
    engine.dispose()


def test_upgrade_from_empty_creates_every_table_at_head(engine: Engine) -> None:
    assert database.current_revision(engine) is None
    database.upgrade(engine)
    assert database.current_revision(engine) == database.head_revision() == "0002"
    tables = set(inspect(engine).get_table_names())
    assert {"sessions", "cramps", "profile", "saved", "alembic_version"} <= tables


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    database.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_from_the_previous_revision_keeps_the_data(engine: Engine) -> None:
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
    engine.dispose()

    with Diary(engine) as diary:
        database.upgrade(engine)
        assert database.current_revision(engine) == "0002"
        [session] = diary.list_sessions()
        assert (session.id, session.duration_s, session.temperature_c) == (7, 5400, 27.5)
        assert session.start == datetime(2025, 6, 1, 6, 0, tzinfo=UTC)
        [cramp] = diary.list_cramps()
        assert (cramp.id, cramp.session_id, cramp.muscle) == (3, 7, "calf")
        assert diary.load_profile().age_years == 52
        saved = diary.save_plan({"steps": ["stretch"]}, datetime(2025, 6, 2, tzinfo=UTC))
        assert diary.list_saved("plan") == [saved]


def test_downgrade_to_the_previous_revision_and_up_again(engine: Engine) -> None:
    database.upgrade(engine)
    database.upgrade(engine, "0002")  # already there: nothing to do
    from alembic import command

    config = database.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert database.current_revision(engine) == "0001"
    assert "saved" not in inspect(engine).get_table_names()
    database.upgrade(engine)
    assert "saved" in inspect(engine).get_table_names()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(engine: Engine) -> None:
    database.upgrade(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO cramps (time, muscle, severity, session_id, at_night)"
                " VALUES ('2025-06-01 07:20:00', 'calf', 6, 999, :no)"
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
    ]
