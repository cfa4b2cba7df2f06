"""Rendered results at 60 columns, compared with stored snapshots.

Regenerate after a deliberate change of wording or layout:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/cli/test_render.py
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from crampcoach.cli.render import assessment_screen, factor_table
from crampcoach.core.assess import assess
from crampcoach.i18n import Translator
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import load_knowledge
from crampcoach.views import assessment_view

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "render"
KB = load_knowledge()
T = Translator("en")
CASES = {
    "marathon-calf": json.loads((ROOT / "examples" / "marathon-calf.json").read_text()),
    "clot-with-breathlessness": {
        "episode": {"muscle": "calf", "side": "left"},
        "person": {"recent_immobility": True},
        "findings": {"swelling_one_side": True, "warmth": True, "breathlessness": True},
    },
}


def render(intake: Intake, width: int = 60) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, legacy_windows=False)
    console.print(assessment_screen(assessment_view(assess(intake, KB), KB, T), T))
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendering_matches_the_snapshot(name: str) -> None:
    text = render(Intake.model_validate(CASES[name]))
    assert max(len(line) for line in text.splitlines()) <= 60
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_triage_comes_first_and_the_note_last() -> None:
    lines = [
        ln
        for ln in render(Intake.model_validate(CASES["clot-with-breathlessness"])).splitlines()
        if ln.strip()
    ]
    assert "CALL AN AMBULANCE NOW" in lines[0]
    assert "not a diagnosis" in lines[-1].lower()


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_the_factor_table_cuts_no_header_or_number(lang: str, width: int) -> None:
    t = Translator(lang)
    intake = Intake.model_validate(CASES["marathon-calf"])
    view = assessment_view(assess(intake, KB), KB, t)
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, legacy_windows=False)
    console.print(factor_table(view, t))
    text = out.getvalue()
    assert max(cell_len(line) for line in text.splitlines()) <= width
    assert "…" not in text
    for header in ("Factor", "Fit", "Evidence"):
        assert t(header) in text
    assert all(f"{factor.score:.0%}" in text for factor in view.factors)
