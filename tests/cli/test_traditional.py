"""Traditional Chinese on the command line: asked for with --lang or CRAMPCOACH_LANG.

A story or question in Traditional characters is read as Simplified and answered in
zh-Hans unless zh-Hant (or zh-TW, zh-HK) is asked for; the JSON's `lang` names the
language that answered, and the ids are the same in every language.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from coach_runner import CoachRunner

from crampcoach.cli.app import app

runner = CoachRunner()
STORY = "跑馬拉松到三十公里小腿抽筋了，天很熱，只喝了白開水。"
SIMPLIFIED_STORY = "跑马拉松到三十公里小腿抽筋了，天很热，只喝了白开水。"


def _json(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("tag", ["zh-Hant", "zh-TW", "zh-HK"])
def test_lang_asks_for_traditional_characters(tag: str) -> None:
    hant = _json("--lang", tag, "assess", "--json", "--text", SIMPLIFIED_STORY)
    hans = _json("--lang", "zh", "assess", "--json", "--text", SIMPLIFIED_STORY)
    assert hant["lang"] == "zh-Hant" and hans["lang"] == "zh-Hans"
    assert hant["triage"]["level"] == hans["triage"]["level"] == "self_care"
    assert [f["id"] for f in hant["factors"]] == [f["id"] for f in hans["factors"]]
    assert hant["factors"][0]["sources"] == hans["factors"][0]["sources"]
    assert hans["triage"]["title"] == "自我护理" and hant["triage"]["title"] == "自我護理"


def test_crampcoach_lang_asks_for_it_too() -> None:
    data = _json("assess", "--json", "--text", STORY, env={"CRAMPCOACH_LANG": "zh-TW"})
    assert data["lang"] == "zh-Hant" and data["triage"]["title"] == "自我護理"


def test_a_traditional_story_with_no_language_asked_is_answered_in_simplified() -> None:
    data = _json("assess", "--json", "--text", STORY, env={"CRAMPCOACH_LANG": ""})
    assert data["lang"] == "zh-Hans" and data["triage"]["title"] == "自我护理"
    assert data["triage"]["level"] == "self_care"
    assert {f["field"] for f in data["understood"]} >= {"episode.muscle", "activity.fluid_kind"}


def test_a_jsonl_line_may_ask_for_traditional_characters() -> None:
    lines = [
        {"id": "a", "text": STORY, "lang": "zh-TW"},
        {"id": "b", "text": STORY},
    ]
    result = runner.invoke(
        app, ["assess", "--jsonl"], input="".join(json.dumps(line) + "\n" for line in lines)
    )
    assert result.exit_code == 0, result.output
    hant, hans = (json.loads(line) for line in result.stdout.splitlines())
    assert (hant["lang"], hans["lang"]) == ("zh-Hant", "zh-Hans")
    assert hant["triage"]["level"] == hans["triage"]["level"]
    assert [f["field"] for f in hant["understood"]] == [f["field"] for f in hans["understood"]]


def test_a_question_is_answered_in_the_language_asked_for() -> None:
    hant = _json("--lang", "zh-Hant", "ask", "--json", "抽筋是缺钙吗")
    hans = _json("ask", "--json", "抽筋是缺鈣嗎", env={"CRAMPCOACH_LANG": ""})
    assert hant["topic"] == hans["topic"] == "calcium_deficiency"
    assert (hant["lang"], hans["lang"]) == ("zh-Hant", "zh-Hans")
    assert "鈣" in hant["answer"] and "钙" not in hant["answer"]
    assert "钙" in hans["answer"]
    assert hant["sources"] == hans["sources"] and hant["citations"] == hans["citations"]


def test_a_jsonl_question_may_ask_for_traditional_characters() -> None:
    line = {"id": "q", "question": "比赛中抽筋了喝点盐水管用吗", "lang": "zh-HK"}
    result = runner.invoke(app, ["ask", "--jsonl"], input=json.dumps(line) + "\n")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["topic"] == "salt_sodium" and answer["lang"] == "zh-Hant"
    assert "鹽" in answer["answer"]


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # Cantonese, as Hong Kong people write it: lang_zh.yaml reads its words as Mandarin's.
        ("腳瓜成日扯筋係咪缺鈣", "calcium_deficiency"),
        ("飲鹽水對扯筋有冇用", "salt_sodium"),
        ("扯筋食香蕉有冇用", "potassium_bananas"),
        ("琴晚瞓覺大髀抽筋點解", "night_cramps"),
        ("我阿媽成日半夜腳瓜扯筋點算", "night_cramps"),
    ],
)
def test_a_question_in_cantonese_is_matched(question: str, topic: str) -> None:
    line = {"id": "q", "question": question}
    result = runner.invoke(app, ["ask", "--jsonl"], input=json.dumps(line) + "\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["topic"] == topic
