"""The interview: what is asked first, what counts as settled, and when it stops."""

from __future__ import annotations

import pytest
from followups import KB, question_for

from crampcoach.core.assess import assess
from crampcoach.core.assessment import Assessment
from crampcoach.core.follow_up import MUSCLE_QUESTION, WHEN_QUESTION, settles, story_questions
from crampcoach.core.interview import MAX_QUESTIONS, Interview, is_settled, run
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import KnowledgeBase


def test_without_a_story_muscle_and_time_come_first() -> None:
    assert story_questions(Intake()) == [MUSCLE_QUESTION, WHEN_QUESTION]
    session = Interview(Intake(), KB)
    assert session.next_question() == MUSCLE_QUESTION
    session.answer(MUSCLE_QUESTION, "calf")
    assert session.next_question() == WHEN_QUESTION
    session.answer(WHEN_QUESTION, "don't know")
    following = session.next_question()
    assert following is not None and following.id not in {"muscle", "when"}


def test_when_settles_every_question_about_the_time() -> None:
    assert is_settled(question_for("exercise_context"), [WHEN_QUESTION])
    assert is_settled(question_for("at_night"), [WHEN_QUESTION])


def test_one_question_about_a_field_settles_the_others_on_it() -> None:
    # "Which medicines do you take?" covers "Do you take a water pill?", not the reverse.
    which, water_pill = question_for("cramp_linked_medicine"), question_for("diuretic")
    assert is_settled(water_pill, [which])
    assert not is_settled(which, [water_pill])
    # Conditions are separate items of one list: asking one leaves the others open.
    assert not is_settled(question_for("diabetes"), [question_for("kidney_disease")])
    assert settles(question_for("age_60_plus")) == {("person.age_years", "")}


@pytest.mark.parametrize("reply", ["don't know", "no", "yes"])
def test_nothing_is_asked_twice_nor_listed_after(reply: str) -> None:
    story = Intake.model_validate({"episode": {"muscle": "calf", "at_night": True}})
    session = run(story, lambda q: reply if q.kind == "yes_no" else "don't know", KB)
    texts = [q.text for q in session.asked]
    assert len(texts) == len(set(texts))
    assert len(session.asked) <= MAX_QUESTIONS
    listed = session.result().follow_up
    assert not any(is_settled(q, session.asked) for q in listed)


def test_the_interview_stops_once_nothing_could_change() -> None:
    story = Intake.model_validate({"episode": {"muscle": "calf", "during_exercise": True}})
    session = run(story, lambda q: "don't know", KB)
    assert len(session.asked) < MAX_QUESTIONS  # stopped by itself, not by the cap
    assert session.next_question() is None
    assert session.result().follow_up == []


def test_an_emergency_leaves_only_questions_that_could_raise_it() -> None:
    story = Intake.model_validate(
        {"episode": {"muscle": "calf", "during_exercise": True}, "findings": {"dark_urine": True}}
    )
    first = assess(story, KB)
    assert KB.triage_rank(first.triage.level) >= KB.triage_rank("emergency")
    session = run(story, lambda q: "don't know", KB)
    assert all(q.screens_red_flag for q in session.asked)


def test_the_interview_assesses_each_intake_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking for the next question and the result of one intake assesses it once; an
    answer (a new intake) is assessed afresh."""
    import crampcoach.core.interview as interview_module

    kb = KB
    calls: list[Intake] = []
    real = interview_module.assess

    def counted(intake: Intake, knowledge: KnowledgeBase) -> Assessment:
        calls.append(intake)
        return real(intake, knowledge)

    monkeypatch.setattr(interview_module, "assess", counted)
    intake = Intake.model_validate({"episode": {"muscle": "calf"}})
    session = interview_module.Interview(intake, kb)
    question = session.next_question()
    session.result()
    assert len(calls) == 1 and question is not None
    session.answer(question, "")  # don't know: the intake stays, and so does its assessment
    session.result()
    assert len(calls) == 1
    session.answer(question, question.choices[0] if question.choices else "yes")
    session.result()
    assert len(calls) == 2 and calls[1] is session.intake
