"""Background imports kept in the database, the same tests on both implementations: on
SQLite a thread of the process (`ThreadJobs`), on PostgreSQL (marked `postgres`)
procrastinate, its worker running inside the app under test.

A poll from a second app on the same database finds the job; another athlete's job is a
404; a broken file is `failed` and an unexpected error fails the job; the progress moves
file by file.
"""

from __future__ import annotations

import io
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import API, KNOWLEDGE, client_for, make_coach
from fastapi.testclient import TestClient
from test_api_imports import GPX

from accounts_support import PASSWORD, multi_user_settings, open_accounts, with_accounts
from crampcoach.api import create_app
from crampcoach.coach import Coach
from crampcoach.diary.database import make_engine, upgrade
from crampcoach.diary.jobs import ImportJobRecords, apply_queue_schema, queue_schema_applied
from crampcoach.import_jobs import ThreadJobs, read_job
from databases import Databases


def gpx(hour: int) -> bytes:
    """The API tests' track, started at `hour` o'clock (each hour a session of its own)."""
    return GPX.replace(b"2026-03-14T17:", f"2026-03-14T{hour:02d}:".encode())


BROKEN = ("broken.tcx", b"<TrainingCenterDatabase><Activities>")


def upload(client: TestClient, *files: tuple[str, bytes], **headers: str) -> str:
    """Start a background import; the job's URL."""
    response = client.post(
        f"{API}/imports",
        params={"background": "true"},
        files=[("files", f) for f in files],
        headers=headers,
    )
    assert response.status_code == 202, response.text
    location: str = response.headers["location"]
    return location


def finished(client: TestClient, location: str, **headers: str) -> dict[str, Any]:
    """The job once it is no longer running."""
    job: dict[str, Any] = {}
    for _ in range(400):
        response = client.get(location, headers=headers)
        assert response.status_code == 200, response.text
        job = response.json()
        if job["status"] != "running":
            return job
        time.sleep(0.05)
    raise AssertionError(f"still running: {job}")


@pytest.fixture
def db_url(databases: Databases) -> str:
    return databases.migrated()


@pytest.fixture
def coach(db_url: str, tmp_path: Path) -> Coach:
    return make_coach(tmp_path, db_url)


@pytest.fixture
def client(coach: Coach) -> Iterator[TestClient]:
    with client_for(coach) as running:  # the start-up runs: on PostgreSQL, the worker
        yield running


def test_the_queue_is_chosen_by_the_database(client: TestClient, db_url: str) -> None:
    queue = client.app.state.imports  # type: ignore[attr-defined]
    if db_url.startswith("sqlite"):
        assert isinstance(queue, ThreadJobs)
    else:
        from crampcoach.job_worker import ProcrastinateJobs

        assert isinstance(queue, ProcrastinateJobs)


def test_a_job_runs_with_a_result_per_file_a_failed_one_among_them(
    client: TestClient,
) -> None:
    location = upload(client, ("canal.gpx", gpx(17)), ("notes.txt", b"x"), BROKEN)
    job = finished(client, location)
    assert job["status"] == "done" and job["done"] == job["files"] == 3
    statuses = [(r["file"], r["status"]) for r in job["result"]["results"]]
    assert statuses == [("canal.gpx", "imported"), ("notes.txt", "rejected"),
                        ("broken.tcx", "failed")]  # fmt: skip
    assert job["result"]["results"][2]["reason"]  # why it failed, kept with the job
    [session] = client.get(f"{API}/sessions").json()
    assert session["id"] == job["result"]["results"][0]["session_id"]
    assert session["source_file"] == "canal.gpx"


def test_a_second_app_on_the_same_database_answers_the_poll(
    client: TestClient, db_url: str, tmp_path: Path
) -> None:
    location = upload(client, ("canal.gpx", gpx(17)), ("notes.txt", b"x"))
    job = finished(client, location)
    second = make_coach(tmp_path, db_url)
    other = client_for(second)  # no start-up: it runs no worker, and no shutdown closes its pool
    try:
        seen = other.get(location).json()
        assert seen == job
        pseudo = other.get(location, headers={"Accept-Language": "en-XA"}).json()
        assert pseudo["result"]["results"][1]["reason"] != job["result"]["results"][1]["reason"]
    finally:
        second.close_database()  # what its shutdown would do; else its connections are left open


def test_the_progress_moves_file_by_file_for_any_reader(
    client: TestClient, coach: Coach, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = make_coach(tmp_path, db_url)  # another Coach, as another process would be
    seen: list[tuple[int, int]] = []
    record = ImportJobRecords.record_job_file

    def spied(self: ImportJobRecords, job_id: str, *args: Any) -> None:
        record(self, job_id, *args)
        job = read_job(reader, job_id)
        assert job is not None
        seen.append((job.done, job.total))

    monkeypatch.setattr(ImportJobRecords, "record_job_file", spied)
    files = [(f"run{n}.gpx", gpx(8 + n)) for n in range(3)]
    job = finished(client, upload(client, ("notes.txt", b"x"), *files))
    assert job["status"] == "done"
    assert seen == [(2, 4), (3, 4), (4, 4)]  # the refused file was done at the start


def test_an_unexpected_error_fails_the_job_and_keeps_what_it_knew(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(Coach, "import_files", fail)
    job = finished(client, upload(client, ("notes.txt", b"x"), ("canal.gpx", gpx(17))))
    assert job["status"] == "failed"
    assert (job["done"], job["files"]) == (1, 2)  # the refused file; the other got no result
    assert "import job" in caplog.text and "the disk went away" in caplog.text


def test_an_unknown_job_is_a_404(client: TestClient) -> None:
    response = client.get(f"{API}/imports/no-such-job")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "job_id"


def test_only_the_newest_finished_jobs_are_kept(coach: Coach) -> None:
    from crampcoach.diary.jobs import JobFile

    with coach.diary() as diary:
        for n in range(3):
            diary.add_job(f"job{n}", [JobFile(0, "a.txt", "rejected", {})], keep=2)
            diary.finish_job(f"job{n}", "done")
        assert diary.job("job0") is None
        assert diary.job("job2") is not None and diary.job("job1") is not None


def test_another_athletes_job_is_not_found(databases: Databases, tmp_path: Path) -> None:
    settings = multi_user_settings(tmp_path, databases.migrated())
    accounts = open_accounts(settings)
    try:
        for who in ("ann", "bob"):
            accounts.add(f"{who}@example.org", "athlete", PASSWORD)
        app = with_accounts(create_app(coach=Coach(settings, KNOWLEDGE)), accounts)
        with TestClient(app, raise_server_exceptions=False) as client:
            token = {}
            for who in ("ann", "bob"):
                response = client.post(
                    f"{API}/auth/token",
                    data={"username": f"{who}@example.org", "password": PASSWORD},
                )
                token[who] = f"Bearer {response.json()['access_token']}"
            location = upload(client, ("canal.gpx", gpx(17)), Authorization=token["ann"])
            job = finished(client, location, Authorization=token["ann"])
            assert job["result"]["imported"] == 1
            response = client.get(location, headers={"Authorization": token["bob"]})
            assert response.status_code == 404, response.text
            assert "canal.gpx" not in response.text
            bob_sessions = client.get(f"{API}/sessions", headers={"Authorization": token["bob"]})
            assert bob_sessions.json() == []
    finally:
        accounts.close()


def test_the_queue_schema_is_applied_once_on_postgresql(databases: Databases) -> None:
    engine = make_engine(databases.url())
    try:
        upgrade(engine)  # the diary's revisions alone
        applied = [apply_queue_schema(engine), apply_queue_schema(engine)]
        assert queue_schema_applied(engine)
    finally:
        engine.dispose()
    assert applied == ([True, False] if databases.backend == "postgres" else [False, False])


def test_jobs_still_waiting_when_the_server_stops_are_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crampcoach.uploads import Upload, stage

    coach = make_coach(tmp_path)
    running, release = threading.Event(), threading.Event()

    def slow(*args: Any, **kwargs: Any) -> None:
        running.set()
        release.wait(10)

    monkeypatch.setattr(Coach, "import_files", slow)
    jobs = ThreadJobs()
    first, second = (
        jobs.start(coach, stage([Upload(f"run{n}.gpx", io.BytesIO(gpx(8 + n)))], 10_000))
        for n in range(2)
    )
    assert running.wait(10)
    jobs.close()  # the first is being imported, the second waits
    release.set()
    for _ in range(200):
        done = read_job(coach, first.id)
        if done is not None and done.status != "running":
            break
        time.sleep(0.02)
    assert done is not None and done.status == "done"  # let finish
    waited = read_job(coach, second.id)
    assert waited is not None and waited.status == "failed"


def test_postgresql_without_procrastinate_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crampcoach.errors import InputError
    from crampcoach.job_worker import ProcrastinateJobs

    monkeypatch.setitem(sys.modules, "procrastinate", None)  # as if not installed
    coach = make_coach(tmp_path, "postgresql+psycopg://me@127.0.0.1:1/cramps")
    with pytest.raises(InputError, match=r"install crampcoach\[postgres\]"):
        ProcrastinateJobs(coach)
