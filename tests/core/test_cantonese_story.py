"""Cantonese stories (issue 15): its words are families in story_zh.yaml beside their
Mandarin ones, read by the same reader, so a story gives the facts its Mandarin twin gives.

tests/data/stories_yue.jsonl holds stories of our own, written as Hong Kong people write
them (Traditional characters), each with its expected triage, flags and muscle, `read`
(Intake fields the story must set; null: must not be set) and `mandarin`, the same story
in Mandarin.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crampcoach import contract
from crampcoach.coach import Coach
from crampcoach.package_knowledge import PackageKnowledge
from test_vignettes import misses

DATA = Path(__file__).resolve().parents[1] / "data" / "stories_yue.jsonl"
CASES = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
COACH = Coach(knowledge=PackageKnowledge())
READER = COACH.knowledge.story_reader("zh-Hans")


def facts(text: str) -> dict[str, Any]:
    """The Intake's fields the story sets, by dotted path."""
    intake = READER.read(text).intake.model_dump(exclude_defaults=True)
    return {
        f"{part}.{name}": value for part, values in intake.items() for name, value in values.items()
    }


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_a_cantonese_story_is_triaged_as_expected(case: dict[str, Any]) -> None:
    request = json.dumps({"id": case["id"], "text": case["text"]}, ensure_ascii=False)
    result = contract.answer_line(request, lambda r: contract.assess_request(COACH, r))
    under, why = misses(case, result)
    assert not under and not why, why
    assert result["lang"] == "zh-Hans"  # no language asked: answered in Simplified


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_a_cantonese_story_sets_the_fields_it_tells(case: dict[str, Any]) -> None:
    found = facts(case["text"])
    for path, want in case["read"].items():
        got = found.get(path)
        if want is None:
            assert got in (None, False), f"{path}: {got}"
        elif isinstance(want, bool | str):
            assert got == want, f"{path}: {got}"
        else:
            assert got == pytest.approx(want), f"{path}: {got}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_a_cantonese_story_gives_what_its_mandarin_twin_gives(case: dict[str, Any]) -> None:
    assert facts(case["text"]) == facts(case["mandarin"])


def test_the_stories_cover_the_families() -> None:
    text = "".join(case["text"] for case in CASES)
    words = "唔係 冇腫 冇事 琴晚 尋日 今朝 朝早 我老豆 我阿媽 屋企人 腳瓜 腳瓜囊 大髀 腳板底 腳趾公"
    words += " 扯筋 抽筋 硬晒 行山 踩單車 游水 打波 好熱 飲水 流好多汗 好攰"
    assert [word for word in words.split() if word not in text] == []


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("腳瓜扯筋，冇腫", "findings.swelling", False),
        ("腳瓜扯筋，都冇腫", "findings.swelling", False),
        ("腳瓜扯筋，唔紅", "findings.redness", False),
        # 冇事 ("it is fine") and 唔該 ("thanks") hold a cue and deny nothing after them.
        ("扯完筋冇事，但係隻腳瓜腫咗", "findings.swelling", True),
        ("唔該各位，腳瓜扯筋，腫晒", "findings.swelling", True),
        # 細個 (as a child) is the past; 琴晚 (last night) brings the story back to now.
        ("細個成日扯筋，琴晚又扯筋，隻腳腫晒", "findings.swelling", True),
        ("跑完步腳瓜扯筋，冇飲水", "activity.fluid_kind", "none"),
    ],
)
def test_cantonese_cues_reach_as_their_mandarin_ones(text: str, field: str, value: object) -> None:
    assert facts(text).get(field) == value


def test_someone_named_as_company_with_tung_owns_no_words() -> None:
    story = READER.read("琴晚同我老豆去行山，我腳瓜扯筋")
    assert story.about == "writer"


def test_a_relative_in_cantonese_is_the_person_the_story_is_about() -> None:
    for text in ("我老豆行山行到腳瓜扯筋", "我阿媽瞓覺嘅時候腳瓜抽筋", "我個仔打波打到大髀扯筋"):
        assert READER.read(text).about == "someone_else", text
