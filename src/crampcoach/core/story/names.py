"""Names in a story: "the Red Lion", "Red Bull", "Blue Mountains", "Hot Springs Road".

A name sets no sign and no weather: a pint at the Red Lion is no redness, a run down Hot
Springs Road no hot day. A name is two or more capitalised words in a row, at least one of
them in the middle of a sentence and at least one not a word of the lexicon ("Lion",
"Road"): "my calf is Swollen and Red" or a line that starts "Swollen Calf" is no name, and
neither is a title written in capitals throughout.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from crampcoach.core.story.model import Fact
from crampcoach.knowledge.regexes import kept_regex

# Fields a name never sets.
NOT_BY_NAMES = ("findings.", "activity.hot_weather", "activity.cold_weather")
_WORD = kept_regex(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_TITLE = kept_regex(r"(?<![A-Za-z'])[A-Z][a-z]+(?:'[a-z]+)?(?![A-Za-z])")
# Between two words of one name: spaces, and "of", "the"... ("Isle of Man").
_JOIN = kept_regex(r"\s+(?:(?:of|the|on|upon|de|la|le|du|von|van)\s+)*")
_OPENERS = frozenset(".!?;:\u2022*()[]\"\u201c\u201d'-\u2013\u2014>#")
_SENTENCE_END = kept_regex(r"[.!?\n;]")
# Capitalised words that are no part of a name: "I'm", and days and months ("It's Monday").
_NOT_NAMES = frozenset(
    {"I'm", "I've", "I'd", "I'll", "Im", "Ive"}
    | {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
    | {"January", "February", "March", "April", "June", "July", "August", "September"}
    | {"October", "November", "December"}
)
_HEADLINE = 0.6  # a sentence with this share of capitalised words is a title, not names


def name_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """[start, end) in `text` of each name; `words` are the lexicon's (lower case)."""
    known = frozenset(words)
    titles = [m for m in _TITLE.finditer(text) if m.group() not in _NOT_NAMES]
    runs: list[list[re.Match[str]]] = []
    for title in titles:
        if runs and _JOIN.fullmatch(text, runs[-1][-1].end(), title.start()):
            runs[-1].append(title)
        else:
            runs.append([title])
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    starts = [t.start() for t in titles]
    spans = []
    for run in runs:
        if len(run) < 2 or all(t.group().lower() in known for t in run):
            continue
        opens = len(run) == 2 and _starts_sentence(text, run[0].start())
        if opens and run[1].group().lower() in known:
            continue  # "Swollen Calf" starting a line: no name
        index = bisect.bisect_right(ends, run[0].start())
        first = ends[index - 1] if index else 0
        last = ends[index] if index < len(ends) else len(text)
        capitals = bisect.bisect_left(starts, last) - bisect.bisect_left(starts, first)
        count = len(_WORD.findall(text, first, last))
        if count >= 3 and capitals >= _HEADLINE * count:
            continue  # "My Calf Is Swollen And Red": a title, every word capitalised
        spans.append((run[0].start(), run[-1].end()))
    return spans


def _starts_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 20) : position].rstrip()
    if not before:
        return position <= 20 or not text[:position].strip()
    return before[-1] in _OPENERS


def not_by_names(facts: list[Fact], spans: list[tuple[int, int]]) -> list[Fact]:
    """Leave out the signs and weather read from a name: "the Red Lion", "Hot Springs Road"."""
    if not spans:
        return facts
    starts = [a for a, _ in spans]
    kept = []
    for fact in facts:
        index = bisect.bisect_right(starts, fact.start) - 1
        named = index >= 0 and fact.start < spans[index][1]
        if not (named and fact.field.startswith(NOT_BY_NAMES)):
            kept.append(fact)
    return kept
