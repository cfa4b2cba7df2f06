"""Episodes of the past that a story tells over several sentences and then closes.

"In 2021 I collapsed in a race. The medics said I was confused and over 40 degrees. Full
recovery, fine ever since." A past cue reaches to the end of its own sentence only
(core/story/context.py); what follows it is read as now. When the story later says that
the episode ended for good (a recovery: "full recovery", "no problems since"), everything
from the past cue to the recovery was the past, however many sentences it took, so the
signs told there are history, not signs now.

An episode is not closed across a word of the present ("today", "this week": the story has
come back to now, and what it tells there counts) nor across a paragraph break, and no
further than `_EPISODE_REACH` characters.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

_EPISODE_REACH = 1200  # characters from a past cue to the recovery that closes its episode
_PARAGRAPH = re.compile(r"\n\s*\n")


def closed_episodes(
    norm: str,
    past_cues: Iterable[tuple[int, int]],
    now: Sequence[int],
    recoveries: Iterable[tuple[int, int]],
) -> list[tuple[int, int]]:
    """The spans [past cue, recovery end) of the episodes a story closes: for each recovery,
    from the latest past cue before it with no word of the present (`now`: their starts,
    sorted) and no paragraph break between."""
    cues = sorted(past_cues)
    starts = [a for a, _ in cues]
    episodes = []
    for begin, end in recoveries:
        index = bisect.bisect_left(starts, begin) - 1
        if index < 0:
            continue
        cue_start, cue_end = cues[index]
        if begin - cue_start > _EPISODE_REACH:
            continue
        later = bisect.bisect_left(now, cue_end)
        if later < len(now) and now[later] < begin:
            continue  # the story came back to now before the recovery
        if _PARAGRAPH.search(norm, cue_end, begin):
            continue
        episodes.append((cue_start, end))
    return episodes
