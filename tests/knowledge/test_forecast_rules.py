"""forecast.yaml: it loads, every number names its evidence, and a broken copy fails with
the file, entry and field named."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.files import parse_sections
from crampcoach.knowledge.forecast_rules import (
    FILE_NAME,
    ForecastRules,
    check_forecast_rules,
    load_forecast_rules,
)
from crampcoach.knowledge.loader import load_knowledge

DATA = Path(__file__).resolve().parents[2] / "src" / "crampcoach" / "knowledge" / "data"
RAW: dict[str, Any] = yaml.safe_load((DATA / FILE_NAME).read_text(encoding="utf-8"))
KB = load_knowledge()


def parse(data: Any) -> ForecastRules:
    return parse_sections(ForecastRules, data, FILE_NAME)


def test_package_rules_load_and_every_number_names_its_evidence() -> None:
    rules = load_forecast_rules(KB)
    for place, number in rules.numbers():
        assert number.evidence == "general_advice" or number.sources, place
    cited = {place for place, number in rules.numbers() if number.sources}
    assert cited == {"session_rates.race", "odds.cramp_history.ratio"}
    assert {rule.factor for rule in rules.odds} <= set(KB.factors)


def _broken(path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["session_rates", "easy", "value"], 0.5, "rise from easy to race"),
        (["odds", 0, "when", 0, "at_least"], 3, "history takes is: true or false"),
        (["odds", 2, "when", 0, "field"], "pace", "entry odds.2: field when.0.field"),
        (["odds", 2, "ratio", "value"], 0, "an odds ratio is above zero"),
        (["similarity", "unknown", "value"], 1.5, "unknown is a weight between 0 and 1"),
        (["bands", "high_from", "value"], 0.05, "0 < moderate_from < high_from < 1"),
        (["calibration", "bins", "edges"], [0.0, 0.5, 0.4, 1.0], "bin edges rise from 0 to 1"),
        (["shapes", "cold_exposure"], "gloves", "entry shapes.cold_exposure"),
    ],
)
def test_a_broken_file_names_entry_and_field(path: list[Any], value: Any, expected: str) -> None:
    with pytest.raises(KnowledgeError, match=r"^forecast\.yaml: ") as info:
        parse(_broken(path, value))
    assert expected in str(info.value)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["odds", 0, "factor"], "bad_luck", "entry odds.cramp_history: field factor"),
        (["odds", 0, "ratio", "sources"], ["S999"], "unknown source 'S999'"),
        (["shapes", "bad_luck"], "sodium", "field bad_luck: unknown factor"),
    ],
)
def test_a_reference_the_knowledge_base_lacks_is_named(
    path: list[Any], value: Any, expected: str
) -> None:
    with pytest.raises(KnowledgeError, match=r"^forecast\.yaml: ") as info:
        check_forecast_rules(parse(_broken(path, value)), KB)
    assert expected in str(info.value)
