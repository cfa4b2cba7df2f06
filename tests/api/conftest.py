"""The API in process: an app around a Coach on a temporary SQLite diary, per test
(never the user's); the package's knowledge is loaded once for all (api_support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import client_for, make_coach
from fastapi.testclient import TestClient

from crampcoach.coach import Coach


@pytest.fixture
def coach(tmp_path: Path) -> Coach:
    return make_coach(tmp_path)


@pytest.fixture
def client(coach: Coach) -> Iterator[TestClient]:
    with client_for(coach) as running:  # runs the app's start-up: the knowledge warmed
        yield running
