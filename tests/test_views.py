"""Results in words (`crampcoach.views`): the follow-up questions, worded once per language
and question, say what their translator and their red flag say each time."""

from __future__ import annotations

import dataclasses

from crampcoach.core.assess import assess
from crampcoach.i18n import PSEUDO, Translator
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import load_knowledge
from crampcoach.views import assessment_view

# A calf cramp in a long, hot session: the follow-ups screen red flags and weigh causes.
INTAKE = Intake.model_validate(
    {"episode": {"muscle": "calf"}, "activity": {"duration_s": 10800, "hot_weather": True}}
)


def test_follow_up_words_follow_the_language_and_the_red_flag() -> None:
    kb = load_knowledge()
    result = assess(INTAKE, kb)
    screens = [q for q in result.follow_up if q.red_flag]
    assert screens, "the story should raise a red-flag screen"
    english, pseudo = Translator(), Translator(PSEUDO)
    first = assessment_view(result, kb, english).follow_up
    assert assessment_view(result, kb, pseudo).follow_up != first
    assert assessment_view(result, kb, english).follow_up == first  # worded again alike
    flag = screens[0].red_flag
    assert flag is not None
    relabelled = kb.red_flags[flag].model_copy(update={"label": "A renamed sign"})
    renamed = dataclasses.replace(kb, red_flags={**kb.red_flags, flag: relabelled})
    reasons = {q.id: q.reason for q in assessment_view(result, renamed, english).follow_up}
    assert "A renamed sign" in reasons[screens[0].id]
    assert reasons[screens[0].id] != {q.id: q.reason for q in first}[screens[0].id]
