"""The engine's method on a tiny knowledge base: triage, escalation, scoring, follow-ups."""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from crampcoach.core.assess import assess
from crampcoach.core.findings import derive_findings, evaluate
from crampcoach.i18n import Translator
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import KnowledgeBase, load_knowledge
from crampcoach.knowledge.schema import Rule
from crampcoach.views import NO_DANGER, assessment_view

DATA = Path(__file__).resolve().parents[1] / "data"


def intake(**parts: Any) -> Intake:
    return Intake.model_validate(parts)


def test_no_findings_is_self_care_with_a_reason(mini_kb: KnowledgeBase) -> None:
    result = assess(Intake(), mini_kb)
    assert result.triage.level == "self_care"
    assert result.red_flags == []
    assert assessment_view(result, mini_kb, Translator()).triage.reasons == [NO_DANGER]


def test_a_red_flag_sets_its_level(mini_kb: KnowledgeBase) -> None:
    result = assess(intake(findings={"swelling_one_side": True}), mini_kb)
    assert result.red_flags == ["one_leg_swollen"]
    assert result.triage.level == "consultation_24"
    assert result.do_now == ["See a doctor today."]


def test_a_combination_demands_more_than_either_alone(mini_kb: KnowledgeBase) -> None:
    alone = assess(intake(findings={"breathlessness": True}), mini_kb)
    both = assess(intake(findings={"breathlessness": True, "swelling_one_side": True}), mini_kb)
    assert alone.triage.level == "self_care"
    assert both.triage.level == "emergency_ambulance"
    assert set(both.red_flags) == {"one_leg_swollen", "short_of_breath"}
    assert both.red_flags[0] == "one_leg_swollen"  # escalated to the top level too


def test_a_not_finding_blocks_its_trigger(mini_kb: KnowledgeBase) -> None:
    fired = assess(intake(findings={"warmth": True, "breathlessness": True}), mini_kb)
    blocked = assess(
        intake(
            findings={"warmth": True, "breathlessness": True},
            episode={"relieved_by_stretching": True},
        ),
        mini_kb,
    )
    assert "one_leg_swollen" in fired.red_flags
    assert "one_leg_swollen" not in blocked.red_flags


def test_factor_score_is_prior_times_likelihood_ratios(mini_kb: KnowledgeBase) -> None:
    def fatigue(story: Intake) -> float:
        return next(f.score for f in assess(story, mini_kb).factors if f.id == "fatigue")

    base = intake(episode={"during_exercise": True})
    long = intake(episode={"during_exercise": True}, activity={"duration_s": "2h"})
    short = intake(episode={"during_exercise": True}, activity={"duration_s": "30 min"})
    assert fatigue(base) == pytest.approx(0.5)
    assert fatigue(long) == pytest.approx(0.75, abs=1e-3)  # odds 1 x 3
    assert fatigue(short) == pytest.approx(1 / 3, abs=1e-3)  # odds 1 x 0.5


def test_context_changes_the_prior(mini_kb: KnowledgeBase) -> None:
    night = assess(intake(episode={"at_night": True}), mini_kb)
    unknown = assess(Intake(), mini_kb)
    score = {f.id: f.score for f in night.factors}
    assert score["fatigue"] == pytest.approx(0.1)
    mean_prior = (0.5 + 0.1 + 0.1) / 3
    assert {f.id: f.score for f in unknown.factors}["fatigue"] == pytest.approx(
        mean_prior, abs=1e-3
    )


def test_a_mimic_outranks_a_cause_when_the_story_fits_it(mini_kb: KnowledgeBase) -> None:
    story = intake(episode={"at_rest": True}, findings={"swelling_one_side": True, "warmth": True})
    result = assess(story, mini_kb)
    assert result.factors[0].id == "clot"
    assert result.factors[0].supporting == ["swelling_one_side", "warmth"]
    # The factor's own triage rule applies once it scores high enough.
    assert "A clot is possible." in assessment_view(result, mini_kb, Translator()).triage.reasons


def test_follow_ups_put_red_flag_screens_first(mini_kb: KnowledgeBase) -> None:
    result = assess(intake(findings={"swelling_one_side": True}), mini_kb)
    assert result.follow_up[0].id == "breathless"
    assert result.follow_up[0].screens_red_flag


def test_findings_on_one_field_give_one_question(tmp_path: Path) -> None:
    # Two findings read the session's duration; both would complete a red flag.
    kb_dir = tmp_path / "kb"
    shutil.copytree(DATA / "kb_mini", kb_dir)
    findings = yaml.safe_load((kb_dir / "findings.yaml").read_text())
    findings.append(
        {
            "id": "very_long_session",
            "label": "a very long session",
            "question": "How many hours was the session?",
            "when": {"field": "activity.duration_s", "gte": 10800},
            "ask": {"field": "activity.duration_s", "kind": "number", "unit": "s"},
        }
    )
    (kb_dir / "findings.yaml").write_text(yaml.safe_dump(findings, sort_keys=False))
    flags = yaml.safe_load((kb_dir / "red_flags.yaml").read_text())
    flags[0]["triggers"] += [{"all": ["long_session"]}, {"all": ["very_long_session"]}]
    (kb_dir / "red_flags.yaml").write_text(yaml.safe_dump(flags, sort_keys=False))
    kb = load_knowledge(kb_dir)
    asked = [q.field for q in assess(intake(episode={"during_exercise": True}), kb).follow_up]
    assert asked.count("activity.duration_s") == 1
    assert "findings.swelling_one_side" in asked
    answered = intake(episode={"during_exercise": True}, activity={"duration_s": "1h"})
    assert "activity.duration_s" not in [q.field for q in assess(answered, kb).follow_up]


def test_no_follow_up_once_nothing_could_change(mini_kb: KnowledgeBase) -> None:
    story = intake(
        episode={"during_exercise": True},
        activity={"duration_s": "2h"},
        findings={"swelling_one_side": False, "warmth": False, "breathlessness": False},
    )
    assert assess(story, mini_kb).follow_up == []


@pytest.mark.parametrize(
    ("rule", "values", "expected"),
    [
        (
            {
                "any": [
                    {"field": "findings.warmth", "is": True},
                    {"field": "findings.redness", "is": True},
                ]
            },
            {"warmth": False},
            None,
        ),
        (
            {
                "any": [
                    {"field": "findings.warmth", "is": True},
                    {"field": "findings.redness", "is": True},
                ]
            },
            {"warmth": False, "redness": True},
            True,
        ),
        (
            {
                "all": [
                    {"field": "findings.warmth", "is": True},
                    {"field": "findings.redness", "is": True},
                ]
            },
            {"warmth": False},
            False,
        ),
        ({"not": {"field": "findings.warmth", "is": True}}, {"warmth": True}, False),
        ({"not": {"field": "findings.warmth", "is": True}}, {}, None),
    ],
)
def test_rules_are_three_valued(
    rule: dict[str, Any], values: dict[str, bool], expected: bool | None
) -> None:
    assert evaluate(Rule.model_validate(rule), intake(findings=values)) is expected


def test_a_list_rule_is_false_only_once_the_list_is_said_complete() -> None:
    rule = Rule.model_validate(
        {
            "field": "person.medicines",
            "contains_any": ["diuretic"],
            "false_when": {"field": "person.takes_no_medicines", "is": True},
        }
    )
    assert evaluate(rule, intake(person={"medicines": ["diuretic"]})) is True
    assert evaluate(rule, intake(person={"medicines": ["statin"]})) is None
    assert evaluate(rule, intake(person={"takes_no_medicines": True})) is False


def test_derived_findings_cover_every_entry(mini_kb: KnowledgeBase) -> None:
    values = derive_findings(Intake(), mini_kb.findings)
    assert set(values) == set(mini_kb.findings)
    assert all(v is None for v in values.values())


def test_scores_stay_probabilities_with_extreme_ratios(mini_kb: KnowledgeBase) -> None:
    story = intake(findings={"swelling_one_side": True, "warmth": True})
    for factor in assess(story, mini_kb).factors:
        assert 0 <= factor.score <= 1 and not math.isnan(factor.score)


@pytest.mark.parametrize(
    ("findings", "flag"),
    [
        ({"swelling_one_side": True, "warmth": True, "breathlessness": True}, "dvt_signs"),
        ({"dark_urine": True, "severe_pain": True}, "rhabdomyolysis_signs"),
    ],
)
def test_a_danger_that_stretching_could_worsen_gives_no_relief_steps(
    findings: dict[str, bool], flag: str
) -> None:
    from crampcoach.core.assess import RELIEF_WITHHELD

    intake = Intake.model_validate(
        {"episode": {"muscle": "calf", "after_exercise": True}, "findings": findings}
    )
    result = assess(intake, load_knowledge())
    assert flag in result.red_flags
    assert result.relief == [RELIEF_WITHHELD]  # no stretch, no massage, no walking on it
    assert result.avoid  # what to avoid still stands


def test_beside_a_possible_clot_no_flag_says_to_keep_stretching() -> None:
    """A long cramp's own step (keep stretching) stands alone, and goes beside a flag that
    withholds the relief steps (a clot), while the long cramp's other steps stay."""
    kb = load_knowledge()
    steps = kb.red_flags["prolonged_cramp"].relief_do_now
    assert steps
    episode = {"muscle": "calf", "still_cramping": True, "duration_s": 3600}
    alone = assess(Intake.model_validate({"episode": episode}), kb)
    assert "prolonged_cramp" in alone.red_flags
    assert set(steps) <= set(alone.do_now)
    clot = Intake.model_validate(
        {"episode": episode, "findings": {"swelling_one_side": True, "warmth": True}}
    )
    beside = assess(clot, kb)
    assert {"prolonged_cramp", "dvt_signs"} <= set(beside.red_flags)
    assert not set(steps) & set(beside.do_now)
    assert set(alone.do_now) - set(steps) <= set(beside.do_now)


def test_other_danger_signs_keep_the_steps_after_the_danger() -> None:
    from crampcoach.core.assess import DANGER_FIRST

    intake = Intake.model_validate(
        {"episode": {"muscle": "calf", "during_exercise": True}, "findings": {"confusion": True}}
    )
    kb = load_knowledge()
    result = assess(intake, kb)
    withheld = [f for f in result.red_flags if kb.red_flags[f].withhold_relief]
    assert result.red_flags and not withheld
    assert result.relief[0] == DANGER_FIRST and len(result.relief) > 1
