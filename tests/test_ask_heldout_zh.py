"""Chinese questions held out from the index (tests/data/ask_heldout_zh.jsonl, issue 15).

Written by someone who had read neither the code nor lang_zh.yaml, as people ask on Chinese
forums (Simplified and Traditional, typos of the input method, English words mixed in), with
questions about something else that shares the words; never copied into the index. Four
questions the writer had worded as the index already words them were taken out (they were
not held out).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from crampcoach.coach import Coach
from crampcoach.core.intents import INTENTS
from crampcoach.knowledge.faq import load_faq
from crampcoach.knowledge.question_languages import load_question_language
from crampcoach.settings import Settings

HELDOUT = Path(__file__).parent / "data" / "ask_heldout_zh.jsonl"
ROWS = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line]
FAQ = load_faq()


@pytest.fixture(scope="module")
def coach() -> Coach:
    return Coach(Settings(db_url="sqlite:///:memory:"))


def _squash(text: str) -> str:
    return "".join(re.findall(r"[\w]", text.lower()))


def test_at_least_150_questions_five_a_topic_and_some_out_of_scope() -> None:
    counts = Counter(row["topic"] for row in ROWS)
    assert len(ROWS) >= 150
    assert {topic for topic in counts if topic} == set(FAQ.ids)
    assert min(n for topic, n in counts.items() if topic) >= 5
    assert counts[None] >= 10


def test_each_held_out_question_gets_its_topic_in_chinese(coach: Coach) -> None:
    misses = []
    for row in ROWS:
        answer = coach.ask(row["question"])
        if answer.match.topic != row["topic"] or answer.lang != "zh-Hans":
            misses.append((row["id"], answer.match.topic, row["topic"], answer.lang))
    assert not misses


def test_no_chinese_phrasing_copies_a_held_out_question() -> None:
    data = load_question_language("zh-Hans", FAQ.ids, INTENTS)
    phrasings = {_squash(p) for words in data.topics.values() for p in words.phrasings}
    assert not [row["id"] for row in ROWS if _squash(row["question"]) in phrasings]
