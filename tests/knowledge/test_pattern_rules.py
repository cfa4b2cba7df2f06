"""patterns.yaml: it loads, reuses the knowledge base's cut points and advice, cites only
known sources, and a broken copy fails with the file, entry and field named."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.loader import load_knowledge
from crampcoach.knowledge.pattern_rules import (
    check_pattern_rules,
    load_pattern_rules,
    parse_pattern_rules,
)
from crampcoach.knowledge.plan_rules import load_plan_rules

DATA = Path(__file__).resolve().parents[2] / "src" / "crampcoach" / "knowledge" / "data"
RAW: dict[str, Any] = yaml.safe_load((DATA / "patterns.yaml").read_text(encoding="utf-8"))
KB = load_knowledge()


def test_package_rules_load_and_every_number_names_its_evidence() -> None:
    rules = load_pattern_rules(KB)
    for name, number in rules.numbers:
        assert number.evidence == "general_advice" or number.sources, name
        assert set(number.sources) <= set(KB.sources), name
    assert rules.numbers.long_hot_session_min.sources == ["S55"]
    assert rules.hard_efforts.efforts == ["hard", "race"]


def test_cut_points_are_the_ones_the_knowledge_base_already_uses() -> None:
    numbers = load_pattern_rules(KB).numbers
    rule = KB.findings["hot_conditions"].when.any
    assert rule is not None and rule[0].gte == numbers.hot_c.v
    assert load_plan_rules().numbers.cold_air_c.v == numbers.cold_c.v
    assert load_plan_rules().numbers.long_session_hours.v * 60 == numbers.long_hot_session_min.v
    long_session = KB.findings["long_session"].when.any
    assert long_session is not None and long_session[0].gte == numbers.long_session_min.v * 60


def test_advice_is_the_factors_own_prevention() -> None:
    rules = load_pattern_rules(KB)
    for factor, advice in rules.advice(KB).items():
        assert advice and all(a in KB.factors[factor].prevention for a in advice)
    linked = set(rules.links.model_dump().values())
    assert linked <= set(rules.prevention) and linked <= set(KB.factors)


def _broken(path: list[str], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["numbers", "hot_c", "sources"], ["S55"], "entry numbers.hot_c: field (entry)"),
        (["numbers", "long_hot_session_min", "sources"], [], "entry numbers.long_hot_session_min"),
        (["numbers", "cold_c", "value"], 30, "cold_c must be below hot_c"),
        (["hard_efforts", "efforts"], ["sprint"], "entry hard_efforts.efforts: field 0"),
        (["prevention", "cold_exposure"], [], "needs distinct entries"),
        (["prevention"], {"neuromuscular_fatigue": [0]}, "no advice for linked factor"),
    ],
)
def test_a_broken_file_names_entry_and_field(path: list[str], value: Any, expected: str) -> None:
    with pytest.raises(KnowledgeError, match=r"^patterns\.yaml: ") as info:
        parse_pattern_rules(_broken(path, value))
    assert expected in str(info.value)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["prevention", "cold_exposure"], [0, 9], "field cold_exposure: factors.yaml has no"),
        (["links", "cold"], "frostbite", "field cold: unknown factor 'frostbite'"),
        (["numbers", "long_hot_session_min", "sources"], ["S999"], "unknown source 'S999'"),
    ],
)
def test_a_reference_the_knowledge_base_lacks_is_named(
    path: list[str], value: Any, expected: str
) -> None:
    data = _broken(path, value)
    if path[0] == "links":
        data["prevention"]["frostbite"] = [0]
    with pytest.raises(KnowledgeError, match=r"^patterns\.yaml: ") as info:
        check_pattern_rules(parse_pattern_rules(data), KB)
    assert expected in str(info.value)
