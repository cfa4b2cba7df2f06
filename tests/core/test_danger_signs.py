"""A danger sign that was understood is never silent: in any context, anywhere in a story.

(a) every danger sign alone is never self-care, whatever the context around it;
(b) a danger sentence inserted anywhere in a benign story of any length up to the limit
    never gives a lower triage than the sentence alone, and names the same flags;
(c) adding a danger sign never lowers the triage (test_properties.py).
The stories here are written for these tests from the evidence brief.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crampcoach.core.assess import assess
from crampcoach.core.story import MAX_CHARS, parse_story
from crampcoach.i18n import Translator
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import ALONE_FLOOR, KnowledgeBase, load_knowledge
from crampcoach.knowledge.schema import Rule
from crampcoach.views import NO_DANGER, assessment_view

KB = load_knowledge()
TRI = st.sampled_from([True, False, None])


def rank(level: str) -> int:
    return KB.triage_rank(level)


def danger_signs(kb: KnowledgeBase) -> dict[str, str]:
    """Finding -> flag for every finding that completes a trigger on its own (with its context)."""
    signs: dict[str, str] = {}
    for flag in kb.red_flags.values():
        for parts in kb.trigger_parts[flag.id]:
            if len(parts.signs) == 1 and not parts.blockers:
                signs.setdefault(parts.signs[0], flag.id)
    return signs


SIGNS = danger_signs(KB)


def witness(rule: Rule) -> dict[str, Any]:
    """Intake fields (dotted path -> value) that make `rule` true."""
    if rule.any is not None:
        return witness(rule.any[0])
    if rule.all is not None:
        found: dict[str, Any] = {}
        for sub in rule.all:
            found.update(witness(sub))
        return found
    assert rule.field is not None, "a danger sign defined by `not` needs a hand-made witness"
    if rule.is_ is not None:
        value: Any = rule.is_
    elif rule.in_ is not None:
        value = rule.in_[0]
    elif rule.contains_any is not None:
        value = [rule.contains_any[0]]
    elif rule.gt is not None:
        value = rule.gt + 1
    elif rule.gte is not None:
        value = rule.gte
    elif rule.lt is not None:
        value = rule.lt - 1
    else:
        assert rule.lte is not None
        value = rule.lte
    return {rule.field: value}


def nest(fields: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path, value in fields.items():
        part, name = path.split(".", 1)
        out.setdefault(part, {})[name] = value
    return out


contexts = st.fixed_dictionaries(
    {},
    optional={
        "episode.during_exercise": TRI,
        "episode.after_exercise": TRI,
        "episode.at_night": TRI,
        "episode.at_rest": TRI,
        "activity.hot_weather": TRI,
        "activity.cold_weather": TRI,
        "activity.air_temperature_c": st.floats(-10, 42),
        "activity.heavy_sweating": TRI,
        "activity.duration_s": st.floats(60, 6 * 3600),
        "activity.in_water": TRI,
    },
)


def test_the_knowledge_has_danger_signs_of_every_urgent_flag() -> None:
    flags = set(SIGNS.values())
    urgent = {f.id for f in KB.red_flags.values() if rank(f.level) >= rank(ALONE_FLOOR)}
    # Every urgent flag but the ones that need two findings together has a sign of its own.
    assert urgent - flags <= {"hyponatremia_signs", "persistent_severe_pain"}
    assert {"dark_urine", "confusion", "collapse", "breathlessness", "prolonged"} <= set(SIGNS)


@pytest.mark.parametrize("sign", sorted(SIGNS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(context=contexts)
def test_a_danger_sign_alone_is_never_silent_in_any_context(
    sign: str, context: dict[str, Any]
) -> None:
    flag = KB.red_flags[SIGNS[sign]]
    fields = {**context, **witness(KB.findings[sign].when)}
    result = assess(Intake.model_validate(nest(fields)), KB)
    assert result.triage.level != "self_care"
    assert rank(result.triage.level) >= min(rank(flag.level), rank(ALONE_FLOOR))
    assert result.red_flags, "the flag is named"
    assert NO_DANGER not in assessment_view(result, KB, Translator()).triage.reasons


def test_dark_urine_after_exertion_is_more_urgent_than_at_rest() -> None:
    def level(episode: dict[str, Any]) -> str:
        data = {"episode": episode, "findings": {"dark_urine": True}}
        return assess(Intake.model_validate(data), KB).triage.level

    exertion = level({"after_exercise": True})
    unknown = level({})
    at_rest = level({"at_rest": True, "during_exercise": False, "after_exercise": False})
    assert exertion == unknown == "emergency"  # unknown context: the cautious branch
    assert at_rest == "consultation_24"


# --- (b) anywhere in a long story ---------------------------------------------------------

BENIGN = [
    "Monday I went for an easy forty minute jog by the canal and felt good.",
    "Tuesday was a rest day; I did some stretching in the evening and read a book.",
    "On Wednesday the club session was hill repeats, six of them, and I drank a bottle of water.",
    "Thursday I cycled to work and back, about twelve kilometres each way.",
    "Friday I slept well and had pasta for dinner.",
    "My coach says my form is improving and that I should keep the long run easy.",
    "The weather this week was mild, around fifteen degrees, with some rain.",
    "I have been trying to go to bed earlier and eat more vegetables.",
    "Saturday was parkrun, I finished in twenty seven minutes and chatted with friends.",
    "My training plan has me at about thirty kilometres a week at the moment.",
    "I bought new shoes last month and they feel fine.",
    "Sunday I walked the dog in the park for an hour.",
]

# Sentences that carry a danger sign (with its context where the flag needs one).
DANGER = [
    "Since this morning my left calf is swollen, warm and red.",
    "Now I am short of breath even walking up the stairs.",
    "I have a tight pain in my chest since lunch.",
    "After digging the garden all day my pee has turned dark brown like cola.",
    "My right foot went cold and white and I cannot feel my toes.",
    "The cramp in my calf has lasted over forty minutes and will not go away.",
    "My lips are tingling and my fingers curl into a claw.",
]


def _padded(sentence: str, length: int, at: float, order: list[int]) -> str:
    filler: list[str] = []
    size = 0
    i = 0
    while size < length:
        text = BENIGN[order[i % len(order)]]
        filler.append(text)
        size += len(text) + 1
        i += 1
    cut = round(at * len(filler))
    return " ".join([*filler[:cut], sentence, *filler[cut:]])[: MAX_CHARS - 1]


def _assess_text(text: str) -> tuple[str, list[str]]:
    result = assess(parse_story(text).intake, KB)
    return result.triage.level, result.red_flags


@pytest.mark.parametrize("sentence", DANGER)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    length=st.integers(0, MAX_CHARS - 200),
    at=st.floats(0, 1),
    order=st.permutations(range(len(BENIGN))),
)
def test_a_danger_sentence_anywhere_in_a_long_story_is_found(
    sentence: str, length: int, at: float, order: list[int]
) -> None:
    alone_level, alone_flags = _assess_text(sentence)
    assert alone_level != "self_care", "the sentence alone must be understood"
    story = _padded(sentence, length, at, list(order))
    assert sentence in story
    level, flags = _assess_text(story)
    assert rank(level) >= rank(alone_level), f"{level} < {alone_level} at {len(story)} chars"
    assert set(alone_flags) <= set(flags)


def test_the_benign_story_alone_is_self_care() -> None:
    level, flags = _assess_text(" ".join(BENIGN * 3) + " Then my calf cramped for a minute.")
    assert (level, flags) == ("self_care", [])


def test_the_quick_danger_screen_agrees_with_the_whole_assessment() -> None:
    from pathlib import Path

    import yaml

    from crampcoach.core.assess import danger_of

    kb = load_knowledge()
    stories = yaml.safe_load((Path(__file__).parents[1] / "data" / "stories.yaml").read_text())
    for story in stories:
        intake = parse_story(story["text"]).intake
        whole = assess(intake, kb)
        assert danger_of(intake, kb) == (whole.triage.level, whole.red_flags, whole.do_now)


def _ask_texts() -> list[str]:
    """Every story and question of the test data: what `ask` may be given."""
    import json
    from pathlib import Path

    import yaml

    data = Path(__file__).parents[1] / "data"
    texts = [story["text"] for story in yaml.safe_load((data / "stories.yaml").read_text())]
    for path in sorted(data.glob("ask_*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        texts += [row["question"] for row in rows if isinstance(row.get("question"), str)]
    return texts


def test_asks_danger_warning_is_what_the_whole_assessment_finds() -> None:
    """`danger_signs` (ask's screen, which skips the triage when no trigger has all its signs)
    warns exactly when the whole assessment of the same text has a red flag at a level that
    warns, with its level, flags and steps."""
    from crampcoach.core.safety import WARN_FROM, DangerSigns, danger_signs

    kb = load_knowledge()
    texts = _ask_texts()
    warned = 0
    for text in texts:
        whole = assess(parse_story(text).intake, kb)
        expected = None
        if whole.red_flags and rank(whole.triage.level) >= rank(WARN_FROM):
            expected = DangerSigns(
                level=whole.triage.level, red_flags=whole.red_flags, do_now=whole.do_now
            )
            warned += 1
        assert danger_signs(text, kb) == expected, text
    assert 0 < warned < len(texts)  # both kinds of text are tried


def test_a_question_with_nothing_read_has_the_empty_intakes_danger() -> None:
    """The danger of a text in which nothing was read is worked out once: no danger."""
    from crampcoach.core.safety import danger_signs
    from crampcoach.knowledge.loader import load_knowledge

    kb = load_knowledge()
    assert danger_signs("Is magnesium worth taking?", kb) is None
    assert danger_signs("Why?", kb) is None
    warning = danger_signs("Is it bad that my pee went dark brown after the marathon?", kb)
    assert warning is not None and "rhabdomyolysis_signs" in warning.red_flags
