"""plan.yaml: it loads, cites only known sources, keeps unverified advice as general advice,
and a broken copy fails with the file, entry and field named."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.plan_rules import (
    load_plan_rules,
    parse_plan_rules,
)

DATA = Path(__file__).resolve().parents[2] / "src" / "crampcoach" / "knowledge" / "data"
RAW: dict[str, Any] = yaml.safe_load((DATA / "plan.yaml").read_text(encoding="utf-8"))


def test_package_rules_load() -> None:
    rules = load_plan_rules()
    assert rules.numbers.target_max_loss_percent.v == 2.0
    assert rules.numbers.cold_water_c.v == 15
    assert set(rules.sweat_categories) == {"low", "typical", "high"}


def test_every_cited_source_is_in_the_source_list() -> None:
    sources = yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))
    known = {entry["id"] for entry in sources}
    assert load_plan_rules().source_ids() <= known


@pytest.mark.parametrize(
    "advice_id",
    [
        "warmup",  # warm-up as prevention: UNVERIFIED in the brief (§3, §8)
        "warmup_cold",
        "cold_air",  # cold as a trigger: UNVERIFIED
        "cramp_water_stretch",  # the in-water stretch: UNVERIFIED
        "cramp_foot",  # foot stretch: UNVERIFIED
        "heat_caution",  # no heat thresholds in the brief
        "heat_high",
        "heat_danger",
    ],
)
def test_unverified_advice_is_general_advice(advice_id: str) -> None:
    advice = load_plan_rules().advice[advice_id]
    assert advice.evidence == "general_advice"
    assert advice.sources == []


def test_numbers_without_evidence_are_marked() -> None:
    numbers = load_plan_rules().numbers
    for name in ("fluid_cap_ml_per_h", "cold_air_c", "warmup_minutes"):
        assert getattr(numbers, name).evidence == "general_advice"
    assert numbers.drink_sodium_mg_per_l.sources == ["S55"]
    assert numbers.cold_water_c.sources == ["S60"]


def _broken(path: list[str], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["advice", "pacing", "sources"], [], "entry advice.pacing: field (entry)"),
        (["advice", "warmup", "sources"], ["S65"], "entry advice.warmup: field (entry)"),
        (
            ["advice", "pacing", "text"],
            "Go {nowhere} fast, please.",
            "entry advice.pacing: field text: unknown placeholder",
        ),
        (["advice", "pacing", "sources"], ["Smith 2020"], "entry advice.pacing: field sources.0"),
        (["numbers", "fluid_cap_ml_per_h"], KeyError, "entry numbers.fluid_cap_ml_per_h"),
        (["numbers", "warmup_minutes", "low"], 30, "low is above high"),
        (["sports", "running", "muscles"], ["heart"], "entry sports.running: field muscles.0"),
        (["advice", "overdrinking"], KeyError, "plan.yaml: (file): advice is missing overdrinking"),
        # A cited figure says whom it was measured in, so no text can move it elsewhere.
        (["numbers", "litres_per_kg", "population"], KeyError, "says whom and where"),
        (["sports", "running", "setting"], KeyError, "entry sports.running: field setting"),
        # A figure written into general advice has no source: refused.
        (["advice", "warmup", "text"], "Warm up for 12 minutes.", "needs sources"),
    ],
)
def test_broken_data_names_file_entry_and_field(path: list[str], value: Any, expected: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        parse_plan_rules(_broken(path, value))
    message = str(caught.value)
    assert message.startswith("plan.yaml: ")
    assert expected in message


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="file missing"):
        load_plan_rules(tmp_path / "plan.yaml")
    bad = tmp_path / "plan.yaml"
    bad.write_text("numbers: [", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not valid YAML"):
        load_plan_rules(bad)
