"""The closed sets written as types match the shared vocabulary they copy (concepts.json)."""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest

from crampcoach.cli import render
from crampcoach.core import follow_up
from crampcoach.diary import records
from crampcoach.knowledge import intake, plan_rules, schema, vocabulary
from crampcoach.knowledge.loader import DATA

CONCEPTS = json.loads((DATA / "concepts.json").read_text(encoding="utf-8"))


def _ids(kind: str) -> list[str]:
    return [entry["id"] for entry in CONCEPTS[kind]]


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (get_args(vocabulary.TriageLevel), "triage_levels"),
        (get_args(vocabulary.MuscleId), "muscles"),
        (vocabulary.MUSCLES, "muscles"),
        (follow_up.MUSCLES, "muscles"),
        (render.LEVEL_STYLE, "triage_levels"),
    ],
)
def test_a_type_holds_exactly_the_ids_of_concepts_json(values: Any, kind: str) -> None:
    assert sorted(values) == sorted(_ids(kind))


def test_triage_levels_run_from_the_most_urgent_in_concepts_json() -> None:
    assert list(get_args(vocabulary.TriageLevel)) == _ids("triage_levels")[::-1]


def test_every_module_uses_the_one_definition() -> None:
    assert schema.TriageLevel is vocabulary.TriageLevel
    assert plan_rules.MuscleId is intake.MuscleId is records.MuscleId is vocabulary.MuscleId
    assert plan_rules.Intensity is intake.Intensity is records.Intensity is vocabulary.Intensity
