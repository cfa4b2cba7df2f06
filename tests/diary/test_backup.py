"""A backup is only one once it was restored (docs/deploy.md): `pg_dump` of a server's database
with athletes, their diaries and accounts, `pg_restore` into a new database, and every diary
read back the same. PostgreSQL only (marked `postgres`), when pg_dump is installed."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from glob import glob
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from accounts_support import PASSWORD, cheap_passwords
from crampcoach.diary.database import DiaryDatabase
from crampcoach.diary.records import CrampCreate, SessionCreate
from crampcoach.server.accounts import Accounts
from crampcoach.settings import Settings
from databases import Databases

pytestmark = pytest.mark.postgres
T0 = datetime(2026, 5, 3, 7, 0, tzinfo=UTC)


def tool(name: str) -> str:
    """The path of a PostgreSQL client program (PATH, else Debian's versioned folder)."""
    versioned = sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"))
    found = shutil.which(name) or (versioned[-1] if versioned else None)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def libpq(url: URL) -> str:
    """The URL as pg_dump reads it: no SQLAlchemy driver, no options."""
    plain = url.set(drivername="postgresql", query={})
    return plain.render_as_string(hide_password=False)


@pytest.fixture
def restored_database(databases: Databases) -> Iterator[tuple[str, URL]]:
    """The test schema's URL (filled by the test) and a new, empty database to restore into."""
    if databases.backend != "postgres":
        pytest.skip("pg_dump is PostgreSQL's")
    url = databases.migrated()
    name = f"restored_{uuid.uuid4().hex[:10]}"
    server = create_engine(make_url(url).set(query={}), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield url, make_url(url).set(database=name)
    finally:
        with server.connect() as connection:
            connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        server.dispose()


@pytest.mark.parametrize("databases", ["postgres"], indirect=True)
def test_a_dump_restored_into_a_new_database_reads_back_every_diary(
    restored_database: tuple[str, URL], tmp_path: Path
) -> None:
    url, target = restored_database
    settings = Settings(home=tmp_path, db_url=url, multi_user=True)
    with DiaryDatabase.open(url) as opened:
        accounts = Accounts(opened, settings, passwords=cheap_passwords())
        for n, email in enumerate(["ann@example.org", "bob@example.org", "cy@example.org"]):
            athlete = accounts.add(email, "athlete", PASSWORD)
            assert athlete.athlete_id is not None
            diary = opened.for_athlete(athlete.athlete_id)
            for day in range(n + 2):
                start = T0 + timedelta(days=day)
                session = diary.add_session(
                    SessionCreate(sport="running", start=start, duration_s=3600 + 60 * n)
                )
                diary.add_cramp(
                    CrampCreate(
                        time=start + timedelta(minutes=30),
                        muscle="calf",
                        severity=3 + n,
                        session_id=session.id,
                    )
                )
        before = {
            a.id: (opened.for_athlete(a.id).list_sessions(), opened.for_athlete(a.id).list_cramps())
            for a in opened.athletes()
        }
    dump = tmp_path / "crampcoach.dump"
    source = make_url(url)
    schema = str(source.query["options"]).removeprefix("-csearch_path=")
    subprocess.run(
        [tool("pg_dump"), "--format=custom", "--no-owner", f"--schema={schema}",
         f"--file={dump}", libpq(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [tool("pg_restore"), "--no-owner", f"--dbname={libpq(target)}", str(dump)],
        check=True, capture_output=True,
    )  # fmt: skip

    restored_url = target.update_query_dict({"options": f"-csearch_path={schema}"})
    restored = restored_url.render_as_string(hide_password=False)
    with DiaryDatabase.open(restored) as opened:  # at the newest revision, as it was
        after = {
            a.id: (opened.for_athlete(a.id).list_sessions(), opened.for_athlete(a.id).list_cramps())
            for a in opened.athletes()
        }
        assert after == before
        assert sum(len(sessions) for sessions, _ in after.values()) == 2 + 3 + 4
        accounts = Accounts(opened, settings.model_copy(update={"db_url": restored}))
        assert accounts.login("bob@example.org", PASSWORD).email == "bob@example.org"
