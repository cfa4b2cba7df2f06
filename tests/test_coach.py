"""The Coach's own small promises: another language, diary or athlete shares the knowledge."""

from __future__ import annotations

import gc
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crampcoach.coach import Coach
from crampcoach.errors import InputError
from crampcoach.settings import Settings
from databases import Databases


def test_another_language_shares_the_knowledge_and_the_diary() -> None:
    coach = Coach(Settings(lang="en", db_url="sqlite:///:memory:"))
    pseudo = coach.with_lang("en-XA")
    assert pseudo.text.lang == "en-XA" and coach.text.lang == "en"
    assert pseudo.knowledge is coach.knowledge
    assert pseudo.settings.db_url == coach.settings.db_url
    assert coach.with_lang("en") is coach


def test_a_swim_planned_without_the_air_gets_its_forecast(tmp_path: Path) -> None:
    from crampcoach.diary.records import SessionCreate

    coach = Coach(Settings(home=tmp_path, db_url=f"sqlite:///{tmp_path / 'd.db'}", lang="en"))
    for day, air in enumerate([18.0, None, 22.0, None], start=1):
        swim = SessionCreate(
            sport="swimming",
            start=datetime(2026, 5, day, 7, tzinfo=UTC),
            duration_s=3600,
            temperature_c=air,
        )
        kept = coach.log_session(swim)
        if day == 2:
            coach.log_cramp({"muscle": "calf", "severity": 5}, session=kept.id)
    plan = coach.plan("swimming", "1h", None, water_temperature="16C")
    assert plan.session.temperature_c is None
    assert plan.forecast is not None
    assert (plan.forecast.diary_sessions, plan.forecast.diary_cramp_sessions) == (4, 1)


def test_a_language_crampcoach_does_not_speak_is_refused() -> None:
    with pytest.raises(InputError):
        Coach(Settings(lang="en")).with_lang("tlh")


def test_a_coach_for_an_athlete_keeps_to_their_diary(databases: Databases, tmp_path: Path) -> None:
    from crampcoach.diary.database import DiaryDatabase
    from crampcoach.diary.records import SessionCreate

    url = databases.migrated()
    with DiaryDatabase.open(url) as store:
        first = store.add_athlete("me")  # the single-user diary is the first athlete's
        athlete = store.add_athlete("teammate")
    assert first.id == 1
    single = Coach(Settings(home=tmp_path, db_url=url, lang="en"))
    theirs = single.for_athlete(athlete.id)
    assert theirs.knowledge is single.knowledge and single.for_athlete(None) is single
    theirs.log_session(SessionCreate(start=datetime(2026, 5, 1, 6, tzinfo=UTC), duration_s=3600))
    theirs.log_cramp({"muscle": "calf", "severity": 4}, session="last")
    assert single.sessions() == [] and single.cramps() == []
    assert len(theirs.with_lang("en-XA").sessions()) == 1  # another language, the same athlete
    assert [c.muscle for c in theirs.cramps()] == ["calf"]
    with pytest.raises(InputError, match="no athlete with id 99"):
        single.for_athlete(99).sessions()


def test_a_shared_database_dropped_without_close_closes_its_connections(
    databases: Databases, tmp_path: Path
) -> None:
    # A server's app never started (a test's client without `with`) never runs its shutdown;
    # its pool's connections were left open for the garbage collector (a ResourceWarning on
    # PostgreSQL in whichever later test it ran).
    coach = Coach(Settings(home=tmp_path, db_url=databases.migrated(), lang="en"))
    shared = coach.share_database()
    assert coach.sessions() == []  # a connection taken from the pool and given back
    pool = shared.get().engine.pool
    assert pool.checkedin() == 1
    del coach, shared
    gc.collect()
    assert pool.checkedin() == 0  # closed when the shared database was dropped
