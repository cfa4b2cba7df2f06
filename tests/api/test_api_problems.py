"""Every 4xx and 5xx is RFC 9457 problem details, naming the field at fault."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import API, assert_problem, client_for, make_coach
from fastapi.testclient import TestClient

from crampcoach.api.limits import Limits
from crampcoach.coach import Coach
from crampcoach.errors import KnowledgeError

STORY = {"text": "Both calves seized near the finish of a hilly half marathon."}


def test_an_unknown_route_is_a_404(client: TestClient) -> None:
    body = assert_problem(client.get(f"{API}/diagnose"), 404)
    assert body["type"] == "about:blank" and body["title"] == "Not found"
    assert "/api/v1/diagnose" in body["detail"]


def test_a_method_not_allowed_is_a_405_with_allow(client: TestClient) -> None:
    response = client.delete(f"{API}/sessions")
    body = assert_problem(response, 405)
    assert body["title"] == "Method not allowed"
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}


def test_text_that_is_not_json_is_a_422_on_the_body(client: TestClient) -> None:
    response = client.post(
        f"{API}/assess", content=b'{"text": "cramp', headers={"content-type": "application/json"}
    )
    body = assert_problem(response, 422, "body")
    assert body["type"] == "urn:crampcoach:problem:validation"


def test_a_query_parameter_is_named(client: TestClient) -> None:
    assert_problem(client.get(f"{API}/export", params={"table": "plans"}), 422, "table")


def test_a_json_body_over_the_cap_is_a_413(coach: Coach) -> None:
    with client_for(coach, Limits(json_bytes=200)) as client:
        body = assert_problem(client.post(f"{API}/assess", json={"text": "x" * 300}), 413)
        assert "200 bytes" in body["detail"]
        assert client.post(f"{API}/assess", json=STORY).status_code == 200


def test_a_body_over_the_cap_without_a_length_is_a_413_as_it_is_read(coach: Coach) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield b"cramp " * 20
        yield b'"}'

    with client_for(coach, Limits(json_bytes=500)) as client:
        response = client.post(
            f"{API}/assess", content=chunks(), headers={"content-type": "application/json"}
        )
        assert "content-length" not in response.request.headers
        assert_problem(response, 413)


def test_an_unexpected_error_is_a_500_that_tells_nothing_but_is_logged(
    client: TestClient,
    coach: Coach,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken() -> None:
        raise RuntimeError("disk on fire at /home/someone/secret.sqlite")

    monkeypatch.setattr(coach, "sessions", broken)
    with caplog.at_level(logging.ERROR, logger="crampcoach.api"):
        response = client.get(f"{API}/sessions")
    body = assert_problem(response, 500)
    assert body["title"] == "Internal server error"
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert response.headers["content-language"] == "en"
    [record] = [r for r in caplog.records if r.name == "crampcoach.api"]
    assert record.exc_info is not None and "disk on fire" in str(record.exc_info[1])


def test_a_broken_knowledge_base_is_a_500(
    client: TestClient, coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(concept_id: str) -> None:
        raise KnowledgeError("factors.yaml: entry cramp_history: field prior: not a number")

    monkeypatch.setattr(coach, "explain", broken)
    response = client.get(f"{API}/explain/cramp_history")
    assert_problem(response, 500)
    assert "factors.yaml" not in response.text


def test_a_restore_into_a_diary_with_records_is_a_409(client: TestClient) -> None:
    client.put(f"{API}/profile", json={"age_years": 30})
    export = client.get(f"{API}/export").json()
    body = assert_problem(client.post(f"{API}/restore", json=export), 409)
    assert body["type"] == "urn:crampcoach:problem:diary-not-empty"
    assert "not empty" in body["detail"]


def test_a_restore_may_be_larger_than_a_json_request(coach: Coach) -> None:
    export = {
        "format": "crampcoach-diary",
        "version": 1,
        "sessions": [
            {"id": n, "sport": "running", "start": f"2026-04-{n:02d}T07:00:00Z", "duration_s": 3000}
            for n in range(1, 11)
        ],
    }
    with client_for(coach, Limits(json_bytes=300, upload_bytes=100_000)) as client:
        assert_problem(
            client.post(f"{API}/sessions", json=export["sessions"][0] | {"notes": "x" * 300}), 413
        )
        restored = client.post(f"{API}/restore", json=export)
        assert restored.status_code == 200, restored.text
        assert restored.json()["sessions"] == 10


SESSION = {"sport": "running", "start": "2026-05-03T06:30:00Z", "duration_s": 2700}


def test_a_busy_diary_is_a_503_with_retry_after_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Another writer holds the SQLite file: the server's state, not the request's fault."""
    path = tmp_path / "diary.sqlite"
    coach = make_coach(tmp_path, f"sqlite:///{path}?timeout=0.05")
    with client_for(coach) as client:
        assert client.post(f"{API}/sessions", json=SESSION).status_code == 201
        holder = sqlite3.connect(path)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            with caplog.at_level(logging.ERROR, logger="crampcoach.api"):
                later = {**SESSION, "start": "2026-05-04T06:30:00Z"}
                response = client.post(f"{API}/sessions", json=later)
        finally:
            holder.rollback()
            holder.close()
        body = assert_problem(response, 503)
        assert body["type"] == "urn:crampcoach:problem:diary-busy"
        assert response.headers["retry-after"] == "5"
        assert str(path) not in response.text  # the server's file stays in its log
        assert any(str(path) in r.getMessage() for r in caplog.records)
        assert client.post(f"{API}/sessions", json=later).status_code == 201  # once free


def test_a_diary_the_server_cannot_write_is_a_500_not_a_422(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "diary.sqlite"
    with client_for(make_coach(tmp_path, f"sqlite:///{path}")) as client:
        assert client.post(f"{API}/sessions", json=SESSION).status_code == 201
    read_only = make_coach(tmp_path, f"sqlite:///file:{path}?mode=ro&uri=true")
    with client_for(read_only) as client, caplog.at_level(logging.ERROR, "crampcoach.api"):
        later = {**SESSION, "start": "2026-05-04T06:30:00Z"}
        body = assert_problem(client.post(f"{API}/sessions", json=later), 500)
        assert body["type"] == "urn:crampcoach:problem:diary-unavailable"
        assert "nothing was saved" in body["detail"] and str(path) not in body["detail"]
        assert client.get(f"{API}/sessions").status_code == 200  # reading still works
    assert any("read-only" in r.getMessage() for r in caplog.records)
