"""Typed replies to interview questions: everyday words in, Intake values or a reason out."""

from __future__ import annotations

from typing import Any

import pytest
from followups import question_for

from crampcoach.core.follow_up import MUSCLE_QUESTION, WHEN_QUESTION
from crampcoach.core.replies import ReplyError, read_reply
from crampcoach.knowledge.intake import Intake


def value(intake: Intake, field: str) -> Any:
    part, name = field.split(".")
    return getattr(getattr(intake, part), name)


@pytest.mark.parametrize(
    ("finding_id", "answer", "field", "expected"),
    [
        ("swelling", "y", "findings.swelling", True),
        ("swelling", "Yes.", "findings.swelling", True),
        ("swelling", "nope", "findings.swelling", False),
        ("swelling", "No, not at all", "findings.swelling", False),
        ("swelling", "don't know", "findings.swelling", None),
        ("swelling", "", "findings.swelling", None),
        ("age_60_plus", "I'm 67", "person.age_years", 67),
        ("hot_conditions", "90F", "activity.air_temperature_c", pytest.approx(32.2, abs=0.1)),
        ("hot_conditions", "31 degrees", "activity.air_temperature_c", 31),
        ("hot_conditions", "hot", "activity.hot_weather", True),
        ("long_session", "an hour and a half", "activity.duration_s", 5400),
        ("long_session", "2h15", "activity.duration_s", 8100),
        ("prolonged", "roughly 3 mins", "episode.duration_s", 180),
        ("frequent", "2-4", "episode.per_week", 3),
        ("frequent", "none", "episode.per_week", 0),
        ("hard_intensity", "yes", "activity.intensity", "hard"),
        ("plain_water_only", "water, then some sports drink", "activity.fluid_kind", "mixed"),
        ("diabetes", "yes", "person.conditions", ["diabetes"]),
        ("diabetes", "no", "person.conditions", []),
        (
            "cramp_linked_medicine",
            "a statin and water pills",
            "person.medicines",
            ["diuretic", "statin"],
        ),
        ("cramp_linked_medicine", "none", "person.takes_no_medicines", True),
    ],
)
def test_answers_are_read_in_everyday_words(
    finding_id: str, answer: str, field: str, expected: object
) -> None:
    assert value(read_reply(Intake(), question_for(finding_id), answer), field) == expected


@pytest.mark.parametrize(
    ("finding_id", "answer", "field", "expected"),
    [
        ("swelling", "是", "findings.swelling", True),
        ("swelling", "有", "findings.swelling", True),
        ("swelling", "对的", "findings.swelling", True),
        ("swelling", "不是", "findings.swelling", False),
        ("swelling", "没有", "findings.swelling", False),
        ("swelling", "不对。", "findings.swelling", False),
        ("swelling", "沒有", "findings.swelling", False),  # Traditional
        ("swelling", "没有，一点都不肿", "findings.swelling", False),
        ("swelling", "是的，右边粗一些", "findings.swelling", True),
        ("swelling", "不知道", "findings.swelling", None),
        ("diabetes", "有", "person.conditions", ["diabetes"]),
        ("diabetes", "没有", "person.conditions", []),
        ("cramp_linked_medicine", "没有", "person.takes_no_medicines", True),
    ],
)
def test_answers_in_chinese_are_read_from_the_lexicons_reply_words(
    finding_id: str, answer: str, field: str, expected: object
) -> None:
    assert value(read_reply(Intake(), question_for(finding_id), answer), field) == expected


def test_a_chinese_reply_that_says_neither_is_asked_again() -> None:
    with pytest.raises(ReplyError):
        read_reply(Intake(), question_for("swelling"), "腿肚有点胀")


@pytest.mark.parametrize(
    ("finding_id", "answer", "reason"),
    [
        ("age_60_plus", "abc", "number"),
        ("age_60_plus", "200", "the most is 120"),
        ("age_60_plus", "yes", "number"),
        ("swelling", "perhaps", "yes, no or don't know"),
        ("hot_conditions", "25 kg", "temperature"),
        ("hot_conditions", "95", "Fahrenheit"),
        ("long_session", "40", "unit"),
        ("long_session", "-10 min", "below zero"),
        ("hard_intensity", "whatever", "easy, usual, hard, race"),
        ("cramp_linked_medicine", "yes", "name them"),
    ],
)
def test_an_answer_that_does_not_fit_gets_a_one_line_reason(
    finding_id: str, answer: str, reason: str
) -> None:
    with pytest.raises(ReplyError) as caught:
        read_reply(Intake(), question_for(finding_id), answer)
    message = str(caught.value)
    assert reason in message
    assert "\n" not in message and "validation error" not in message.lower()


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("calves", {"episode.muscle": "calf"}),
        ("quads, both sides", {"episode.muscle": "quadriceps"}),
        ("all over my body", {"episode.widespread": True}),
    ],
)
def test_the_muscle_is_read_with_the_story_lexicon(answer: str, expected: dict[str, Any]) -> None:
    intake = read_reply(Intake(), MUSCLE_QUESTION, answer)
    assert {field: value(intake, field) for field in expected} == expected


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        ("during", "episode.during_exercise"),
        ("once I had stopped, after the match", "episode.after_exercise"),
        ("it woke me", "episode.at_night"),
        ("resting on the couch", "episode.at_rest"),
    ],
)
def test_when_it_came_sets_one_context(answer: str, field: str) -> None:
    intake = read_reply(Intake(), WHEN_QUESTION, answer)
    assert value(intake, field) is True


def test_a_leg_is_not_a_muscle_and_a_day_is_not_a_time() -> None:
    with pytest.raises(ReplyError, match="calf, hamstring"):
        read_reply(Intake(), MUSCLE_QUESTION, "my leg")
    with pytest.raises(ReplyError, match="at night in bed"):
        read_reply(Intake(), WHEN_QUESTION, "the other week")
