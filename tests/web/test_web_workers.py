"""A server of several worker processes, on SQLite and (marked postgres) PostgreSQL: two apps
on one database stand for two workers. A form token made by one checks in the other, and a
POST answered by one is followed by a GET the other answers (drafts and results are kept in
the database, signed, and expire); each process opens one engine for all its requests."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_support import KNOWLEDGE, make_coach, token_of

from accounts_support import multi_user_settings
from crampcoach.coach import Coach
from crampcoach.diary import database as database_module
from crampcoach.diary.page_states import PageStateStore
from crampcoach.settings import Settings
from crampcoach.web import create_site
from crampcoach.web.state import SharedStore, Signed, StateError
from databases import Databases

STORY = "I got a calf cramp at the end of a long run in the heat yesterday; I drank only water."
KEY = "k" * 40


def two_workers(coaches: list[Coach]) -> Iterator[tuple[TestClient, TestClient]]:
    apps = [create_site(coach=coach) for coach in coaches]
    with TestClient(apps[0]) as first, TestClient(apps[1]) as second:
        yield first, second


@pytest.fixture
def workers(databases: Databases, tmp_path: Path) -> Iterator[tuple[TestClient, TestClient]]:
    """Two apps on one multi-user database, each with a Coach of its own (as two processes)."""
    settings = multi_user_settings(tmp_path, databases.migrated())
    yield from two_workers([Coach(settings, KNOWLEDGE), Coach(settings, KNOWLEDGE)])


def hand_over(source: TestClient, target: TestClient) -> None:
    """The browser's cookies go with it to the other worker."""
    target.cookies.update(source.cookies)


def test_a_form_made_by_one_worker_is_accepted_by_the_other_and_its_draft_found(
    workers: tuple[TestClient, TestClient],
) -> None:
    first, second = workers
    token = token_of(first)
    hand_over(first, second)
    posted = second.post(
        "/assess", data={"csrf_token": token, "story": STORY}, follow_redirects=False
    )
    assert posted.status_code == 303, posted.text
    draft = posted.headers["location"]
    hand_over(second, first)
    shown = first.get(draft)
    assert shown.status_code == 200
    assert "calf" in shown.text.lower()


def test_a_draft_changed_in_one_worker_is_changed_in_the_other(
    workers: tuple[TestClient, TestClient],
) -> None:
    first, second = workers
    token = token_of(first)
    posted = first.post(
        "/assess", data={"csrf_token": token, "action": "questions"}, follow_redirects=False
    )
    draft = posted.headers["location"].removesuffix("/question")
    hand_over(first, second)
    finished = second.post(
        f"{draft}/answer", data={"csrf_token": token, "action": "finish"}, follow_redirects=False
    )
    assert finished.headers["location"] == f"{draft}/result"
    hand_over(second, first)
    # The draft is finished in the first worker too: its questions lead to the result.
    asked = first.get(f"{draft}/question", follow_redirects=False)
    assert asked.status_code == 303
    assert asked.headers["location"] == f"{draft}/result"


def test_a_result_posted_to_one_worker_is_shown_by_the_other(
    workers: tuple[TestClient, TestClient],
) -> None:
    first, second = workers
    token = token_of(first)
    posted = first.post(
        "/ask",
        data={"csrf_token": token, "question": "Does pickle juice help?"},
        follow_redirects=False,
    )
    assert posted.status_code == 303
    hand_over(first, second)
    assert second.get(posted.headers["location"]).status_code == 200


def test_one_persons_server_keeps_its_drafts_in_the_process(tmp_path: Path) -> None:
    """The contrast: without accounts, on SQLite, nothing is shared (one process serves)."""
    coach = make_coach(tmp_path)
    for first, second in two_workers([coach, make_coach(tmp_path)]):
        token = token_of(first)
        posted = first.post(
            "/assess", data={"csrf_token": token, "story": STORY}, follow_redirects=False
        )
        hand_over(first, second)
        assert second.get(posted.headers["location"]).status_code == 404
        refused = second.post(
            "/assess", data={"csrf_token": token, "story": STORY}, follow_redirects=False
        )
        assert refused.status_code == 403


def test_the_settings_secret_key_signs_the_tokens_of_every_worker(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'd.sqlite'}"
    coaches = [
        Coach(Settings(home=tmp_path, db_url=url, lang="en", secret_key=KEY), KNOWLEDGE)
        for _ in range(2)
    ]
    for first, second in two_workers(coaches):
        token = token_of(first)
        hand_over(first, second)
        posted = second.post(
            "/assess", data={"csrf_token": token, "story": STORY}, follow_redirects=False
        )
        assert posted.status_code == 303


def test_a_secret_key_shorter_than_32_characters_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 32"):
        Settings(secret_key="short")


def test_the_database_secret_is_made_once(databases: Databases) -> None:
    with database_module.DiaryDatabase.open(databases.migrated()) as opened:
        states = PageStateStore(opened)
        now = datetime.now(UTC)
        made = states.secret("csrf", now)
        assert len(made) == 64
        assert states.secret("csrf", now) == made
        assert PageStateStore(opened).secret("other", now) != made


@pytest.fixture
def store(databases: Databases) -> Iterator[tuple[SharedStore, list[datetime]]]:
    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    with database_module.DiaryDatabase.open(databases.migrated()) as opened:
        signed = Signed(lambda: b"s" * 32)
        yield SharedStore(lambda: opened, signed, clock=lambda: now[0]), now


def test_a_kept_state_expires_and_is_deleted_as_others_are_written(
    store: tuple[SharedStore, list[datetime]],
) -> None:
    shared, now = store
    key = shared.add(("question", "cramp?"))
    assert shared.get(key) == ("question", "cramp?")
    now[0] += shared.ttl + timedelta(seconds=1)
    assert shared.get(key) is None
    shared.add(("plan", {"sport": "running"}))
    assert shared._states().count() == 1  # the expired one went


def test_a_state_not_signed_by_the_server_is_not_read(
    store: tuple[SharedStore, list[datetime]],
) -> None:
    shared, now = store
    other = Signed(lambda: b"t" * 32)
    shared._states().put("forged", other.dump(("question", "x")), now[0] + shared.ttl, now[0])
    assert shared.get("forged") is None
    key = shared.add(("question", "x"))
    assert shared.get(key) == ("question", "x")


def test_a_signed_state_runs_no_function() -> None:
    signed = Signed(lambda: b"s" * 32)
    with pytest.raises(StateError, match="print"):
        signed.load(signed.dump(print))
    with pytest.raises(StateError, match="not signed"):
        signed.load(b"x" * 32 + pickle.dumps(1))


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every engine made from now on."""
    made: list[object] = []
    make_engine = database_module.make_engine

    def counted(*args: object, **kwargs: object) -> object:
        engine = make_engine(*args, **kwargs)  # type: ignore[arg-type]
        made.append(engine)
        return engine

    monkeypatch.setattr(database_module, "make_engine", counted)
    return made


def test_a_server_opens_one_engine_for_all_its_requests(
    databases: Databases, tmp_path: Path, engines: list[Any]
) -> None:
    url = databases.migrated()
    engines.clear()  # the one that migrated it
    settings = multi_user_settings(tmp_path, url, db_pool_size=3, db_max_overflow=2)
    with TestClient(create_site(coach=Coach(settings, KNOWLEDGE))) as client:
        for _ in range(3):
            token = token_of(client)
            client.post("/assess", data={"csrf_token": token, "story": STORY})
            unknown = {"Authorization": "Bearer not-a-token"}  # looked up in the accounts
            assert client.get("/api/v1/sessions", headers=unknown).status_code == 401
    assert len(engines) == 1
    if databases.backend == "postgres":
        assert (engines[0].pool.size(), engines[0].pool._max_overflow) == (3, 2)


def test_one_persons_server_opens_one_engine_for_its_diary(
    databases: Databases, tmp_path: Path, engines: list[Any]
) -> None:
    settings = Settings(home=tmp_path, db_url=databases.migrated(), lang="en")
    engines.clear()
    with TestClient(create_site(coach=Coach(settings, KNOWLEDGE))) as client:
        session = {"sport": "running", "start": "2026-03-01T07:00:00Z", "duration_s": 3000}
        assert client.post("/api/v1/sessions", json=session).status_code == 201
        for _ in range(3):
            assert len(client.get("/api/v1/sessions").json()) == 1
    assert len(engines) == 1
