"""The real activity files of ../shared/real-files (other projects' test files, read in
place, never copied here) and their manifest of reference values; tests skip without them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

REAL = Path(__file__).resolve().parents[3] / "shared" / "real-files"


def manifest() -> list[dict[str, Any]]:
    """The manifest's entries, one a file; none when the folder is absent."""
    if not (REAL / "manifest.json").exists():
        return []
    files: list[dict[str, Any]] = json.loads((REAL / "manifest.json").read_text())["files"]
    return files


def entries(*expect: str) -> list[dict[str, Any]]:
    """The entries whose `expect` is one of `expect`."""
    return [entry for entry in manifest() if entry["expect"] in expect]


needs_real_files = pytest.mark.skipif(not manifest(), reason="../shared/real-files is absent")


def close(value: float | None, reference: float, *, share: float, absolute: float) -> bool:
    """Within the manifest's tolerance: `share` of the reference or `absolute`, the wider."""
    return value is not None and abs(value - reference) <= max(share * reference, absolute)


def same_start(value: datetime | None, reference: str) -> bool:
    """Within the manifest's 60 s of its start (UTC, "...Z")."""
    expected = datetime.fromisoformat(reference.replace("Z", "+00:00"))
    return value is not None and abs((value - expected).total_seconds()) <= 60
