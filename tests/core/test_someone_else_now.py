"""Someone with the person now: their signs are history, except that a flag that calls
for an ambulance (`for_someone_else` in red_flags.yaml) fires for them, so that the person
who reads the result calls for help; their signs never become the person's own."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import intakes

from crampcoach.coach import Coach
from crampcoach.core.assess import assess
from crampcoach.core.story import parse_story
from crampcoach.knowledge.intake import Activity, Episode, Findings, Intake
from crampcoach.knowledge.loader import load_knowledge
from crampcoach.settings import Settings

KB = load_knowledge()


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "Laying slabs with my uncle in 33 degrees, my forearm cramped, and now he is "
            "stumbling about and saying odd things. What should I do?",
            "confusion",
        ),
        (
            "My flatmate is on the bathroom floor and won't wake up; my calves keep "
            "cramping all evening in this heatwave.",
            "collapse",
        ),
        (
            "Out on the bikes in the hills, my quad seized, and my brother is clutching at "
            "his chest right now and can't catch his breath.",
            "breathlessness",
        ),
    ],
)
def test_a_sign_of_someone_else_told_as_now_is_theirs_now(text: str, sign: str) -> None:
    parsed = parse_story(text)
    assert getattr(parsed.intake.someone_else, sign) is True, parsed.understood()
    assert getattr(parsed.intake.findings, sign) is not True  # never the writer's own


@pytest.mark.parametrize(
    "text",
    [
        # Told in the past, with no word of the present up to the sign.
        "My cousin fainted at a sweltering fun run and was muddled afterwards. My calf "
        "cramped in that race too.",
        # Better by now: the present comes after the sign.
        "At the fete my nephew collapsed from the heat, he's fine now. My calf knotted "
        "while I carried the tables.",
        # In care already.
        "My mother is on the ward now with chest pain and they are running tests. My own calves "
        "cramp at night.",
        # Long ago.
        "Years ago my grandad had chest pain on a hill walk. I get hamstring cramps on hill walks.",
    ],
)
def test_a_sign_of_someone_else_not_told_as_now_stays_history(text: str) -> None:
    parsed = parse_story(text)
    assert not parsed.intake.someone_else.model_fields_set, parsed.understood()
    assert any(fact.field.startswith("findings.") for fact in parsed.history)


def _hot_work() -> Intake:
    return Intake(
        episode=Episode(muscle="calf", during_exercise=True),
        activity=Activity(sport="other", hot_weather=True),
    )


def test_an_emergency_in_someone_else_raises_the_result_for_them() -> None:
    intake = _hot_work().model_copy(
        update={"someone_else": Findings(collapse=True, confusion=True)}
    )
    result = assess(intake, KB)
    assert result.triage.level == "emergency_ambulance"
    assert "heat_stroke_signs" in result.red_flags
    assert result.triage.reasons[0].someone_else
    # The danger the result is about leads the factors, but the signs stay theirs.
    assert result.factors[0].id == "heat_illness" and result.factors[0].danger_sign
    assert "collapse" not in result.findings_present


def test_someone_elses_sign_does_not_withhold_the_persons_relief() -> None:
    intake = _hot_work().model_copy(update={"someone_else": Findings(chest_pain=True)})
    result = assess(intake, KB)
    assert result.triage.level == "emergency_ambulance"
    assert KB.red_flags["breathlessness_or_chest_pain"].withhold_relief
    assert len(result.relief) > 1  # the danger notice, then the calf's own steps


def test_a_sign_below_an_emergency_in_someone_else_is_theirs_to_see_to() -> None:
    intake = _hot_work().model_copy(
        update={"someone_else": Findings(swelling=True, redness=True, warmth=True)}
    )
    assert not KB.red_flags["dvt_signs"].for_someone_else
    assert assess(intake, KB).triage.level == assess(_hot_work(), KB).triage.level


def test_the_persons_own_flag_is_not_told_twice() -> None:
    both = Findings(collapse=True, confusion=True)
    intake = _hot_work().model_copy(update={"findings": both, "someone_else": both})
    result = assess(intake, KB)
    assert result.red_flags.count("heat_stroke_signs") == 1
    assert not any(reason.someone_else for reason in result.triage.reasons)


def test_the_reason_says_whose_the_signs_are() -> None:
    coach = Coach(Settings(lang="en", db_url="sqlite:///:memory:"))
    story = "My workmate is slumped by the cement mixer and is not answering me, it is "
    story += "scorching today, and my thighs cramp."
    assessed = coach.assess_story(story)
    view = coach.view(assessed.result)
    assert view.triage.level == "emergency_ambulance"
    assert view.triage.reasons[0].startswith("Someone you describe shows this now")
    understood = [fact.field for fact in assessed.story.facts]
    assert "someone_else.confusion" in understood


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    intakes,
    st.dictionaries(st.sampled_from(list(Findings.model_fields)), st.sampled_from([True, False])),
)
def test_someone_elses_signs_never_lower_the_triage(
    intake: Intake, theirs: dict[str, bool]
) -> None:
    """Whatever is told of someone else now, the person's own triage stays at least where
    it was, and their own findings are untouched."""
    alone = assess(intake, KB)
    both = assess(intake.model_copy(update={"someone_else": Findings(**theirs)}), KB)
    assert KB.triage_rank(both.triage.level) >= KB.triage_rank(alone.triage.level)
    assert both.findings_present == alone.findings_present
    assert set(alone.red_flags) <= set(both.red_flags)
