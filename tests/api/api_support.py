"""What the API tests share: the knowledge loaded once, a Coach on a temporary diary, an
in-process client, and the check that a response is problem details.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

from crampcoach.api import create_app
from crampcoach.api.limits import Limits
from crampcoach.coach import Coach
from crampcoach.package_knowledge import PackageKnowledge
from crampcoach.settings import Settings

KNOWLEDGE = PackageKnowledge()
PROBLEM_JSON = "application/problem+json"
API = "/api/v1"


def make_coach(folder: Path, db_url: str | None = None) -> Coach:
    """A Coach on a diary in `folder` (or at `db_url`), speaking English whatever the
    machine's locale."""
    db_url = db_url or f"sqlite:///{folder / 'diary.sqlite'}"
    return Coach(Settings(home=folder, db_url=db_url, lang="en"), KNOWLEDGE)


def client_for(coach: Coach, limits: Limits | None = None) -> TestClient:
    """An in-process client; an unexpected error is a 500 response, as a server sends."""
    return TestClient(create_app(coach=coach, limits=limits), raise_server_exceptions=False)


def assert_problem(response: Response, status: int, *fields: str) -> dict[str, Any]:
    """`response` is problem details of `status` naming `fields` (in order); its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    body: dict[str, Any] = response.json()
    assert set(body) == {"type", "title", "status", "detail", "instance", "errors"}
    assert body["status"] == status
    assert body["instance"] == response.request.url.path
    assert body["title"] and body["detail"]
    assert [error["field"] for error in body["errors"]] == list(fields)
    assert "Traceback" not in response.text
    return body
