"""Chinese stories end to end (text -> Chinese reader -> engine): the development set.

bench/data/vignettes_zh_dev.jsonl holds stories written for the Chinese reader (forum
style: negations, numbers in characters, family members, Traditional characters, danger
signs in everyday words, long stories with the sign in the middle, Chinese mixed with
English), each with its expected triage, flags and muscle (scored as
shared/bench/score.py scores) and `read`: Intake fields the story must set (null: must not
be set, as a sign told of someone else or of the past). Development cases: every one
passes. The answer to a Chinese story is in Chinese.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crampcoach import contract
from crampcoach.coach import Coach
from test_vignettes import misses

DEV = Path(__file__).resolve().parents[1] / "bench" / "data" / "vignettes_zh_dev.jsonl"
CASES = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
COACH = Coach()


def test_the_set_is_large_enough() -> None:
    assert len(CASES) >= 100
    assert len({case["id"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_a_chinese_story_is_triaged_as_expected(case: dict[str, Any]) -> None:
    request = json.dumps({"id": case["id"], "text": case["text"]}, ensure_ascii=False)
    result = contract.answer_line(request, lambda r: contract.assess_request(COACH, r))
    under, why = misses(case, result)
    assert not under and not why, why
    assert any("\u4e00" <= c <= "\u9fff" for c in result["triage"]["title"])  # in Chinese


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_a_chinese_story_sets_the_fields_it_tells(case: dict[str, Any]) -> None:
    intake = COACH.read_story(case["text"]).intake.model_dump()
    for path, want in case["read"].items():
        part, name = path.split(".")
        got = intake[part][name]
        if isinstance(got, list):
            assert (want in got) if want is not None else not got, path
        elif want is None:
            assert got in (None, False), f"{path}: {got}"
        elif isinstance(want, bool) or isinstance(got, str):
            assert got == want, f"{path}: {got}"
        else:
            assert got == pytest.approx(want), f"{path}: {got}"
