"""A language's cue and people words ready to look up (built once per language from its
data), and the small values a reading of a story with them gives: cues, the people named,
and merged spans.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from crampcoach.knowledge.story_languages import StoryLanguage

WRITER = "writer"


class Spans:
    """Half-open spans [start, end), merged, asked whether they cover a position."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(s for s in spans if s[0] < s[1]):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._starts = [a for a, _ in merged]
        self._spans = merged

    def cover(self, position: int) -> bool:
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._spans[index][1]

    def holds(self, start: int, end: int) -> bool:
        """Whether one span holds all of [start, end)."""
        index = bisect.bisect_right(self._starts, start) - 1
        return index >= 0 and end <= self._spans[index][1]


@dataclass(frozen=True)
class Cue:
    # negation, backward, bidirectional, pseudo, terminator, uncertain, past, hypothetical, now
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A person named at [start, end): the writer, or another by a canonical key."""

    person: str
    sex: str | None
    start: int
    end: int
    # Named as company ("跟朋友"), the writer as a witness ("我一看") or acted on ("把我叫醒"),
    # or a reflexive ("自己"): the words after are not theirs (the reflexive's are the last
    # person's).
    bystander: bool = False


@dataclass(frozen=True)
class CueWords:
    """A language's cue words by kind, and its people's words, ready to look up."""

    kinds: dict[str, str]  # word -> kind (the longest kind wins where words are the same)
    longest: int
    reach: int
    people: dict[str, tuple[str, str | None]]  # word -> (person key, sex)
    pronouns: dict[str, str]  # word -> sex
    proxies: frozenset[str]
    asking: frozenset[str]
    companions: frozenset[str]
    witnessing: tuple[str, ...]
    addressing: tuple[str, ...]
    likening: tuple[str, ...]
    acted_on: tuple[str, ...]
    reflexive: frozenset[str]
    first_chars: re.Pattern[str]  # a character that begins some word above
    pseudo_patterns: tuple[re.Pattern[str], ...]  # "没三分钟": within three minutes
    backward_patterns: tuple[re.Pattern[str], ...]  # "之类的也没有": denies its clause
    present: tuple[str, ...] = ()  # words of this moment: someone else's sign told now

    @classmethod
    def of(cls, data: StoryLanguage) -> CueWords:
        cues, people = data.cues, data.people
        kinds: dict[str, str] = {}
        for cue in cues.negations:
            for word in cue.words:
                kinds[word] = {"forward": "negation"}.get(cue.direction, cue.direction)
        for kind, words in (
            ("terminator", cues.terminators),
            ("uncertain", cues.uncertain),
            ("past", cues.past),
            ("hypothetical", cues.hypothetical),
            ("now", cues.now),
            ("pseudo", cues.pseudo),
        ):
            kinds.update(dict.fromkeys(words, kind))
        relatives = people.relatives
        keys = {word: group[0] for group in relatives.aliases for word in group}
        named: dict[str, tuple[str, str | None]] = dict.fromkeys(people.writer, (WRITER, None))
        for sex, words in (
            ("male", relatives.male),
            ("female", relatives.female),
            (None, relatives.unknown),
        ):
            named.update({w: (keys.get(w, w), sex) for w in words})
        pronouns = {w: "male" for w in people.pronouns.male}
        pronouns |= {w: "female" for w in people.pronouns.female}
        every = [*kinds, *named, *pronouns]
        return cls(
            kinds=kinds,
            longest=max(len(w) for w in every),
            reach=cues.reach,
            people=named,
            pronouns=pronouns,
            proxies=frozenset(people.proxies),
            asking=frozenset(people.asking),
            companions=frozenset(people.companions),
            witnessing=tuple(people.witnessing),
            addressing=tuple(people.addressing),
            likening=tuple(people.likening),
            acted_on=tuple(people.acted_on),
            reflexive=frozenset(people.reflexive),
            first_chars=re.compile("[" + "".join(sorted({re.escape(w[0]) for w in every})) + "]"),
            pseudo_patterns=tuple(p.regex for p in data.compiled_pseudo()),
            backward_patterns=tuple(p.regex for p in data.compiled_backward()),
            present=tuple(cues.present),
        )
