"""Who a sign belongs to and when, in families of wording met in long stories: someone
named by a group, a time of now inside another person's clause, a pasted thread's
bracketed headers, and the past told on by "once", "still" and "again"."""

from __future__ import annotations

import pytest

from crampcoach.core.story import parse_story


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "I do night shifts on a care ward. One of our patients was taken to A&E last week "
            "as her foot went pale and icy. Me, I just get calf cramps after long shifts.",
            "cold_pale_limb",
        ),
        (
            "At the summer camp one of the older lads was driven to hospital today with brown "
            "pee after the bleep test. My daughter only had a calf cramp; it went with stretching.",
            "dark_urine",
        ),
        (
            "Another runner in my club fainted at the finish. My hamstring cramped at 20 km.",
            "collapse",
        ),
    ],
)
def test_a_sign_of_someone_named_by_their_group_is_history(text: str, sign: str) -> None:
    parsed = parse_story(text)
    assert getattr(parsed.intake.findings, sign) is not True, parsed.understood()
    assert f"findings.{sign}" in {f.field for f in parsed.history}


def test_one_of_a_thing_names_no_one() -> None:
    parsed = parse_story("One of the worst nights yet: my calf went swollen, hot and red.")
    assert parsed.intake.findings.swelling is True


def test_a_time_of_now_starting_the_writers_clause_still_ends_another_persons() -> None:
    parsed = parse_story("My brother had a clot in 2019. Today my calf is swollen and red.")
    assert parsed.intake.findings.swelling is True, parsed.understood()


def test_a_bracketed_reply_header_opens_another_posters_post() -> None:
    text = (
        "Thread: calf cramps in training\n\n"
        "[Original post - legs_of_jelly]\n"
        "My calf cramps most nights after long runs and goes within a minute.\n\n"
        "[Reply - Hill_Harriet]\n"
        "Two winters back my calf swelled up, went hot and I got chest pain: a clot.\n\n"
        "[Reply - legs_of_jelly]\n"
        "Sorry to hear that. Mine lets go quickly."
    )
    parsed = parse_story(text)
    assert parsed.intake.findings.chest_pain is not True, parsed.understood()
    assert parsed.intake.findings.swelling is not True
    assert "findings.chest_pain" in {f.field for f in parsed.history}


def test_once_with_a_verb_in_the_past_is_the_past_still_and_again_included() -> None:
    text = (
        "Marathons make my calves cramp. I once drank litres before a race, still cramped "
        "and felt sick all afternoon."
    )
    parsed = parse_story(text)
    assert parsed.intake.findings.nausea_or_vomiting is not True, parsed.understood()


def test_still_before_the_present_ends_the_past() -> None:
    text = "Years ago I once collapsed in a race and still feel dizzy today. Calf cramps too."
    parsed = parse_story(text)
    assert parsed.intake.findings.dizziness is True, parsed.understood()
