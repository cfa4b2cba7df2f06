"""The public API and the packaged data files."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

import crampcoach

SHARED_CONCEPTS = Path(__file__).resolve().parents[2] / "shared" / "spec" / "concepts.json"


def test_all_names_exist_and_nothing_public_is_missing() -> None:
    for name in crampcoach.__all__:
        assert hasattr(crampcoach, name), name
    assert {"assess", "Intake", "Assessment"} <= set(crampcoach.__all__)


def test_data_files_are_package_resources() -> None:
    data = resources.files("crampcoach.knowledge") / "data"
    names = {entry.name for entry in data.iterdir()}
    assert {"concepts.json", "sources.yaml", "factors.yaml", "red_flags.yaml"} <= names


@pytest.mark.skipif(not SHARED_CONCEPTS.exists(), reason="shared/ not beside the checkout")
def test_packaged_vocabulary_is_the_shared_one() -> None:
    packaged = resources.files("crampcoach.knowledge") / "data" / "concepts.json"
    assert json.loads(packaged.read_text()) == json.loads(SHARED_CONCEPTS.read_text())
