"""The free-text parser: stories in tests/data/stories.yaml, limits, properties, the lexicon."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crampcoach.core.intake import Intake
from crampcoach.core.story import MAX_CHARS, Fact, intake_from_facts, parse_story
from crampcoach.errors import InputError, KnowledgeError
from crampcoach.knowledge.lexicon import load_lexicon

STORIES = yaml.safe_load((Path(__file__).parents[1] / "data" / "stories.yaml").read_text())


def _get(intake: Intake, path: str) -> Any:
    part, name = path.split(".")
    return getattr(getattr(intake, part), name)


def test_enough_stories() -> None:
    assert len(STORIES) >= 70
    assert len({s["id"] for s in STORIES}) == len(STORIES)


@pytest.mark.parametrize("story", STORIES, ids=[s["id"] for s in STORIES])
def test_story(story: dict[str, Any]) -> None:
    parsed = parse_story(story["text"])
    assert parsed.usable is story.get("usable", True), parsed.understood()
    if "about" in story:
        assert parsed.about == story["about"]
    for path, want in story["expect"].items():
        got = _get(parsed.intake, path)
        if isinstance(want, float) and got is not None:
            assert got == pytest.approx(want, abs=0.02), (path, parsed.understood())
        else:
            assert got == want, (path, parsed.understood())


def test_every_fact_quotes_the_story() -> None:
    text = "My calff cramed up at km 32; it's swolen, not red. I'm 41."
    parsed = parse_story(text)
    assert parsed.facts
    for fact in parsed.facts:
        assert text[fact.start : fact.end] == fact.text
    assert any("calff" in n for n in parsed.notices)


@pytest.mark.parametrize(
    "text", ["", "   ", "help", "?!", "運動", "Hilfe, mein Bein tut weh und ich weiß nicht warum"]
)
def test_nothing_to_go_on(text: str) -> None:
    parsed = parse_story(text)
    assert not parsed.usable
    assert len(parsed.missing) == 3
    assert any("muscle" in m for m in parsed.missing)
    assert parsed.notices


def test_foreign_language_says_so() -> None:
    parsed = parse_story("运动后小腿抽筋是怎么回事？我该怎么办")
    assert any("English" in n for n in parsed.notices)


def test_usable_story_lists_only_what_is_missing() -> None:
    parsed = parse_story("I had a cramp.")
    assert parsed.usable
    assert len(parsed.missing) == 2
    assert parsed.intake.episode.muscle is None


def test_one_megabyte_is_cut_with_a_notice() -> None:
    text = "My calf cramped on a run. " + "blah " * 200_000
    parsed = parse_story(text)
    assert len(parsed.text) <= MAX_CHARS + 10
    assert any("long" in n for n in parsed.notices)
    assert parsed.intake.episode.muscle == "calf"


def test_a_danger_sign_at_the_end_of_a_long_text_is_read() -> None:
    text = "My calf cramped on a run. " * 400 + "Now I'm short of breath and my calf is swollen."
    parsed = parse_story(text)
    assert parsed.intake.findings.breathlessness is True
    assert parsed.intake.findings.swelling is True


def test_rejects_a_non_string() -> None:
    with pytest.raises(InputError, match="text"):
        parse_story(42)  # type: ignore[arg-type]


def test_dropping_a_wrong_fact_rebuilds_the_intake() -> None:
    parsed = parse_story("My left calf cramped after a long flight; it's swollen.")
    assert parsed.intake.findings.swelling is True
    kept = [f for f in parsed.facts if not f.field.startswith("findings.swelling")]
    rebuilt = intake_from_facts(kept)
    assert rebuilt.findings.swelling is None
    assert rebuilt.episode.muscle == "calf"


def test_intake_from_facts_skips_impossible_values() -> None:
    facts = [
        Fact(field="person.age_years", value=400, text="400", start=0, end=3),
        Fact(field="episode.muscle", value="calf", text="calf", start=4, end=8),
        Fact(field="no.such_field", value=True, text="x", start=0, end=1),
    ]
    intake = intake_from_facts(facts)
    assert intake.person.age_years is None
    assert intake.episode.muscle == "calf"


def test_a_warning_sign_said_anywhere_wins() -> None:
    facts = [
        Fact(field="findings.swelling", value=False, text="no swelling", start=0, end=11),
        Fact(field="findings.swelling", value=True, text="swollen", start=20, end=27),
    ]
    assert intake_from_facts(facts).findings.swelling is True


def test_words_and_water_mix() -> None:
    intake = parse_story("I drank water and a sports drink; calf cramp on the run.").intake
    assert intake.activity.fluid_kind == "mixed"


def test_deterministic() -> None:
    text = "Both calves cramped at mile 20 in 90 degrees heat, only drank water."
    assert parse_story(text) == parse_story(text)


def test_lexicon_error_names_entry_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(
        "entries:\n"
        "  - id: broken\n"
        "    set: {episode.muscle: elbow}\n"
        "    phrases: [elbow]\n"
        "relatives: {male: [], female: [], unknown: []}\n"
    )
    with pytest.raises(
        KnowledgeError, match=r"lexicon.yaml: entry 'broken': field set.episode.muscle"
    ):
        load_lexicon(bad)


def test_lexicon_unknown_field(tmp_path: Path) -> None:
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(
        "entries:\n"
        "  - id: ghost\n"
        "    set: {findings.ghosts: true}\n"
        "    phrases: [ghost]\n"
        "relatives: {male: [], female: [], unknown: []}\n"
    )
    with pytest.raises(KnowledgeError, match=r"entry 'ghost': field set.findings.ghosts"):
        load_lexicon(bad)


def test_own_lexicon_can_be_passed(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(
        "entries:\n"
        "  - id: shin\n"
        "    set: {episode.muscle: other}\n"
        "    phrases: [tibia thing]\n"
        "relatives: {male: [], female: [], unknown: []}\n"
    )
    lexicon = load_lexicon(path)
    assert parse_story("my tibia thing hurts", lexicon).intake.episode.muscle == "other"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_never_raises_on_any_text(text: str) -> None:
    parsed = parse_story(text)
    assert isinstance(parsed.intake, Intake)
    Intake.model_validate(parsed.intake.model_dump())
    for fact in parsed.facts:
        assert 0 <= fact.start <= fact.end <= len(parsed.text)


_SALAD = " ".join(
    [
        "my calf cramped no not swollen red 30 °C km miles at night I'm 45 weeks pregnant",
        "my son 10-year-old lost 3 kg drank 2 litres water sports drink warm up didn't , .",
        "hamstring thigh foot toes still locked after ran hours minutes ago maybe dark urine",
        "furosemide started last month smoker tetanus rusty nail 86F 2h30 a few",
    ]
)
WORDS = st.sampled_from(_SALAD.split())


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=40))
def test_never_raises_on_word_salad(words: list[str]) -> None:
    parsed = parse_story(" ".join(words))
    Intake.model_validate(parsed.intake.model_dump())
