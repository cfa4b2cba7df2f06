"""When a story tells of the past: the reach of its past cues, and the episodes it closes.

A past cue ("years ago", "in 2019", "as a child") reaches back to the start of its clause
and on to the end of its sentence, cut at a terminator ("but", "now") or a word of the
present ("is", "still hurts"); a possibility ("watch for", "if it ever") reaches forward
only; a thing to check ("see whether your urine goes brown") is imagined over its verb.

Episodes of the past that a story tells over several sentences and then closes: "In 2021
I collapsed in a race. The medics said I was confused and over 40 degrees. Full recovery,
fine ever since." A past cue reaches to the end of its own sentence only; when the story
later says that the episode ended for good (a recovery: "full recovery", "no problems
since"), everything from the past cue to the recovery was the past, however many sentences
it took, so the signs told there are history, not signs now. An episode is not closed
across a word of the present ("today", "this week": the story has come back to now, and
what it tells there counts) nor across a paragraph break, and no further than
`_EPISODE_REACH` characters.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from crampcoach.core.story.context_rules import (
    HYPOTHETICAL,
    PAST,
    PAST_TERMINATOR,
    TERMINATOR,
    ContextRules,
)
from crampcoach.core.story.text import StoryText
from crampcoach.knowledge.regexes import kept_regex

# A year told without today's date counts as past before this one ("in 2019").
PAST_BEFORE_YEAR = 2024
_WITHIN = frozenset({"when", "as"})  # time clauses a possibility reaches over
_REACH = 300  # characters: the farthest a cue reaches (a text may have no full stops)
_EPISODE_REACH = 1200  # characters from a past cue to the recovery that closes its episode
_PARAGRAPH = kept_regex(r"\n\s*\n")


@dataclass(frozen=True)
class PastReading:
    """What a story tells of the past: merged spans, the cues (sorted), the spans that are
    only possibilities, and the episodes closed by a recovery."""

    spans: list[tuple[int, int]]
    cues: list[tuple[int, int]]
    possible: list[tuple[int, int]]
    closed: list[tuple[int, int]]  # the episodes closed by a recovery


def read_past(
    story: StoryText,
    cues_found: list[tuple[int, int, int]],
    rules: ContextRules,
    today: date | None,
) -> PastReading:
    """Where `story` tells of the past, from its cues (`cues_found`: (kind, start, end)) and
    the rules' patterns: each past cue back to its clause's start and on to its sentence's
    end, cut at a terminator; a possibility forward only; a thing to check over its verb; an
    episode closed by its recovery over all its sentences."""
    norm = story.norm
    stops = [
        (a, b)
        for kind, a, b in cues_found
        if (kind == TERMINATOR and not _age_now(norm, a, b))
        or (kind == PAST_TERMINATOR and not _still_then(norm, a, b))
    ]
    stop_starts = sorted(a for a, _ in stops)
    stop_ends = sorted(b for _, b in stops)
    # A possibility reaches over the time clauses inside it ("if it ever aches when I
    # walk and settles when I stand"): "when" and "as" do not end it.
    turn_starts = sorted(
        a
        for kind, a, b in cues_found
        if kind == TERMINATOR or (kind == PAST_TERMINATOR and norm[a:b] not in _WITHIN)
    )
    cues = [(a, b) for kind, a, b in cues_found if kind == PAST]
    for regex in rules.past:
        cues.extend(m.span() for m in regex.finditer(norm) if _is_past_year(m, today))
    # A possibility ("watch for", "I read that", "if she ever feels") reaches forward only.
    forward_only = {(a, b) for kind, a, b in cues_found if kind == HYPOTHETICAL}
    for regex in rules.hypothetical:
        forward_only.update(m.span() for m in regex.finditer(norm))
    cues.extend(forward_only)
    past_cues = sorted(cues)
    spans: list[tuple[int, int]] = []
    possible: list[tuple[int, int]] = []
    for start, end in cues:
        first, last = story.sentence(start)
        index = bisect.bisect_right(stop_ends, start) - 1
        back = max(first, story.clause_start(start), start - _REACH)
        if index >= 0:
            back = max(back, stop_ends[index])
        if (start, end) in forward_only:
            back = start
        forward = min(last, end + _REACH)
        ends_at = turn_starts if (start, end) in forward_only else stop_starts
        index = bisect.bisect_left(ends_at, end)
        if index < len(ends_at):
            forward = min(forward, max(ends_at[index], end))
        spans.append((back, forward))
        if (start, end) in forward_only:
            possible.append((back, forward))
    # An episode of the past closed by its recovery is the past over all its sentences.
    words_of_now = rules.now
    now = sorted(
        a
        for kind, a, b in cues_found
        if kind == TERMINATOR and norm[a:b] in words_of_now and not _age_now(norm, a, b)
    )
    recoveries = (m.span() for regex in rules.recoveries for m in regex.finditer(norm))
    anchors = [cue for cue in cues if cue not in forward_only]
    closed = closed_episodes(norm, anchors, now, recoveries)
    spans.extend(closed)
    for regex in rules.conditions:  # "check whether the urine goes brown": over its verb
        for m in regex.finditer(norm):
            span = (m.start(), min(story.clause_end(m.end()), story.sentence(m.start())[1]))
            spans.append(span)
            possible.append(span)
            past_cues.append(m.span())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return PastReading(merged, sorted(past_cues), sorted(possible), sorted(closed))


def _is_past_year(m: re.Match[str], today: date | None) -> bool:
    year = m.groupdict().get("year")
    if year is None:
        return True
    before = today.year if today is not None else PAST_BEFORE_YEAR
    return int(year) < before


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


# An age told aside in brackets, "my daughter (now 14)": no return to the present (but
# "in 2015. Now 70, the calf is swollen" is one).
_AGED = kept_regex(r"\s+(?:aged\s+)?\d{1,3}\s*\)")
_BRACKET_BEFORE = kept_regex(r"\(\s*$")


def _age_now(norm: str, start: int, end: int) -> bool:
    """Whether the word of the present at [start, end) is "now" before an age, in brackets."""
    return (
        norm[start:end] == "now"
        and _AGED.match(norm, end) is not None
        and _BRACKET_BEFORE.search(norm, max(0, start - 3), start) is not None
    )


# "Still" and "again" before a verb in the past ("I once drank too much, still cramped and
# felt sick") tell the past on: only before the present ("still hurts") do they end it.
_STILL_THEN = frozenset({"still", "again"})
_PAST_VERB = kept_regex(r"\s+(?:\w{2,}ed|felt|got|had|went|came|kept|was|were)\b")


_USED_TO = kept_regex(r"\bused\s+to\s+$")
_USED_TO_REACH = 12  # characters before a terminator where "used to " is looked for
# A time clause told in the past: "when my iron was low", "as we were leaving".
_PAST_CLAUSE = kept_regex(
    r"\s+(?:[\w']+\s+){0,3}?(?:was|were|had|did|went|got|came|felt|kept|\w{2,}ed)\b"
)


def _still_then(norm: str, start: int, end: int) -> bool:
    """Whether the past terminator at [start, end) goes on with the past: "still" or "again"
    before a past verb, any after "used to" ("used to have"), "when" or "as" before a clause
    told in the past ("last year I had spasms, when my iron was low from a bug")."""
    word = norm[start:end]
    if word in _STILL_THEN:
        return _PAST_VERB.match(norm, end) is not None
    if _USED_TO.search(norm, max(0, start - _USED_TO_REACH), start):
        return True  # "used to have them once a month": the habit of then
    return word in _WITHIN and _PAST_CLAUSE.match(norm, end) is not None
