"""Shared fixtures: the package's knowledge base and the small one the engine tests use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crampcoach.knowledge.loader import KnowledgeBase, load_knowledge
from databases import BACKENDS, Databases

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def mini_kb() -> KnowledgeBase:
    """A tiny knowledge base whose numbers the engine tests can reason about by hand."""
    return load_knowledge(DATA / "kb_mini")


@pytest.fixture(params=BACKENDS)
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Databases]:
    """New databases for this test, on SQLite and (marked `postgres`) on PostgreSQL."""
    with Databases(request.param, tmp_path) as made:
        yield made
