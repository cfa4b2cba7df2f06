"""Intents: what a question asks, read from its shape."""

from __future__ import annotations

from typing import get_args

import pytest

from crampcoach.core.intents import INTENT_WORDS, INTENTS, detect_intents, plain_text
from crampcoach.knowledge.faq import Intent, load_faq


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("How many litres on a long ride?", "amount"),
        ("what amount of salt per hour", "amount"),
        ("I drink plenty, so it's not dehydration after all?", "cause"),
        ("Is my statin to blame for the cramps?", "cause"),
        ("I take magnesium daily and still cramp, is it actually low magnesium?", "cause"),
        ("my sodium is fine in the blood test, how could it be salt then", "cause"),
        ("two litres a day and cramps, how it can be the water?", "cause"),
        ("Should I get my legs checked out?", "checkup"),
        ("is it worth seeing someone about night cramps", "checkup"),
        ("Cramp, or did I pull something?", "compare"),
        ("how can I tell if my calf is torn", "compare"),
        ("how do I get it to let go", "relieve"),
        ("what to do when my calf cramps up mid-race", "relieve"),
        ("a little easy spinning before the race", "warmup"),
        ("is jogging before the match enough", "warmup"),
        ("he stops every 200 yards then carries on", "walk_distance"),
        ("my leg is still sore from the cramp", "lingering"),
        ("the knot is gone but the thigh still paining, why?", "lingering"),
        ("my toes went rigid, what was that?", "identify"),
        ("the GP put me on tablets for my heart and now my legs knot", "cause"),
        ("ever since I started the new pills my calves lock", "cause"),
        ("which drink works best against cramps on long rides", "drink_choice"),
        ("what kind of drink stops cramping in a match", "drink_choice"),
        ("what we can do if the calf locks in the race", "relieve"),
        ("quickest way to loosen a knotted calf?", "relieve"),
        ("do those salt capsules really help, or is it marketing?", "efficacy"),
        ("is there any research behind taping for cramp?", "efficacy"),
    ],
)
def test_detect_intents(question: str, intent: str) -> None:
    assert intent in detect_intents(question)


@pytest.mark.parametrize(
    "question",
    ["Does magnesium help cramps?", "cramps at night", "What is a cramp?", "charley horse"],
)
def test_plain_questions_have_no_stray_intents(question: str) -> None:
    assert not detect_intents(question) & {"amount", "checkup", "compare", "walk_distance"}


def test_how_much_to_drink_is_not_a_choice_of_drink() -> None:
    assert "drink_choice" not in detect_intents("what drink amount per hour stops cramps")
    assert "drink_choice" not in detect_intents("how much should I drink to avoid cramps")


def test_every_topic_intent_is_one_the_matcher_detects() -> None:
    assert {i for e in load_faq().entries for i in e.intents} <= set(INTENTS)


def test_the_faq_schema_accepts_exactly_the_detected_intents() -> None:
    assert set(get_args(Intent)) == set(INTENTS)
    assert set(INTENT_WORDS) <= set(INTENTS)


@pytest.mark.parametrize(
    "question",
    [
        "I cramp after 30 km of a marathon",
        "I stop to stretch mid-run and then carry on",
        "after 200 metres of the race my calf goes",
        "my foot cramped about 300 m from the shore in the lake",
    ],
)
def test_a_walking_limit_is_not_read_into_running(question: str) -> None:
    assert "walk_distance" not in detect_intents(question)


def test_plain_text_writes_contractions_out() -> None:
    assert plain_text("It\u2019s not, CAN'T, won't") == "it not, can not, will not"
