"""A past episode told over several sentences and closed by its recovery is history
(core/story/past.py); the same signs told now, or without the recovery, still count."""

from __future__ import annotations

import pytest

from crampcoach.core.story import parse_story
from crampcoach.core.story.past import closed_episodes

_CLOSED = [
    (
        "Back in 2018 I passed out near the end of a hot half marathon. In the medical tent "
        "they said I was confused and my temperature was 41. I made a full recovery. These "
        "days I only get ordinary calf cramps at the end of long runs.",
        ("collapse", "confusion", "very_hot_skin"),
    ),
    (
        "Two summers ago I flew to Perth and came back with a clot in my left calf. The calf "
        "was swollen, red and hot for weeks. I recovered completely. My calves just cramp at "
        "night now.",
        ("swelling", "redness"),
    ),
    (
        "Years ago I did a crazy spin class. The day after, my urine was the colour of cola "
        "and I spent two nights on a drip. No problems since. Last night my hamstring "
        "cramped in bed.",
        ("dark_urine",),
    ),
]


@pytest.mark.parametrize(("text", "signs"), _CLOSED)
def test_the_signs_of_a_closed_past_episode_are_history(text: str, signs: tuple[str]) -> None:
    parsed = parse_story(text)
    for sign in signs:
        assert getattr(parsed.intake.findings, sign) is not True, (sign, parsed.understood())
    assert {f"findings.{s}" for s in signs} <= {f.field for f in parsed.history}


def test_a_word_of_now_before_the_recovery_keeps_the_signs() -> None:
    parsed = parse_story(
        "Back in 2018 I ran a hot half marathon. This week I passed out in the garden and my "
        "wife says I was confused; I recovered fully by the evening. My calves cramped too."
    )
    assert parsed.intake.findings.collapse is True, parsed.understood()
    assert parsed.intake.findings.confusion is True


def test_an_episode_is_not_closed_across_a_paragraph() -> None:
    parsed = parse_story(
        "In 2019 I ran my first marathon.\n\nMy calf is swollen, red and hot since the "
        "flight home on Sunday. I had a full recovery from the race."
    )
    assert parsed.intake.findings.swelling is True, parsed.understood()


def test_without_a_recovery_a_later_sentence_is_read_as_now() -> None:
    parsed = parse_story(
        "In 2019 I ran my first marathon. My calf is swollen, red and hot after the flight."
    )
    assert parsed.intake.findings.swelling is True, parsed.understood()


def test_closed_episodes_runs_from_the_latest_past_cue_to_the_recovery() -> None:
    norm = "in 2019 a. in 2020 b. fine since. today c. full recovery."
    cues = [(0, 7), (11, 18)]
    recovery = (norm.index("fine since"), norm.index("fine since") + 10)
    assert closed_episodes(norm, cues, [], [recovery]) == [(11, recovery[1])]
    # A word of the present between the cue and the recovery: no episode is closed.
    late = (norm.index("full recovery"), len(norm) - 1)
    assert closed_episodes(norm, cues, [norm.index("today")], [late]) == []
    assert closed_episodes(norm, [], [], [recovery]) == []
