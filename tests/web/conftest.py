"""The site in process: pages and API around a Coach on a temporary SQLite diary, per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_support import client_for, make_coach

from crampcoach.coach import Coach


@pytest.fixture
def coach(tmp_path: Path) -> Coach:
    return make_coach(tmp_path)


@pytest.fixture
def client(coach: Coach) -> Iterator[TestClient]:
    with client_for(coach) as running:
        yield running
