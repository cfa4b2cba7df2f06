"""Questions in a language written without spaces between words (Chinese): their words,
and whether they are about muscle cramps.

The language's data (crampcoach.knowledge.question_languages: a lang_<code>.yaml) gives
the words a segmenter must keep whole, variants read as one word, words that carry no
topic, and the words that name a cramp, a seized body part or another organ's cramp.
The segmenter itself (jieba, through rjieba) is passed in. A question's words are its
segments, each read as its canonical variant, plus every pair of adjacent characters of
each run of Han characters: "缺不缺钙" still holds "缺钙" when the segmenter splits it
otherwise. The ranking is the one English questions get (crampcoach.core.answers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from crampcoach.core.question_scope import Anchor, Scope
from crampcoach.core.story.language import HAN
from crampcoach.knowledge.regexes import kept_regex

_LATIN_OR_DIGITS = kept_regex(r"[a-z0-9]+(?:[.'-][a-z0-9]+)*")
Segmenter = Callable[[str], Iterable[str]]


@dataclass(frozen=True)
class SegmentedReader:
    """Reads questions of one language written without spaces."""

    segment: Segmenter
    synonyms: Mapping[str, str]
    stopwords: frozenset[str]
    cramp_words: frozenset[str]
    soft_cramp_words: frozenset[str]
    body_words: frozenset[str]
    other_cramps: frozenset[str]
    # A pet's cramps are a vet's question, unless the asker names a body part of their own
    # (an owner word right before a body word: "遛狗时我的小腿抽筋").
    animals: frozenset[str] = frozenset()
    owners: tuple[str, ...] = ()
    # What a question asks (the intents of crampcoach.core.intents), by the phrases that ask
    # it: {"relieve": ("怎么缓解", ...)}.
    intents: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def asked(self, text: str) -> frozenset[str]:
        """The intents whose phrases `text` holds."""
        return frozenset(
            name for name, cues in self.intents.items() if any(c in text for c in cues)
        )

    def canonical(self, word: str) -> str:
        return self.synonyms.get(word, word)

    def words(self, text: str) -> list[str]:
        """The question's words: canonical segments (not stopwords), Latin words and numbers
        as they are, then the pairs of adjacent Han characters."""
        text = text.lower()
        found = []
        for segment in self.segment(text):
            segment = segment.strip()
            if not segment or segment in self.stopwords:
                continue
            if HAN.fullmatch(segment) or _LATIN_OR_DIGITS.fullmatch(segment):
                found.append(self.canonical(segment))
        for run in HAN.findall(text):
            found += [run[i : i + 2] for i in range(len(run) - 1)]
        return found

    def anchor(self, spec: str) -> Anchor:
        """A topic's anchor, 'a|b + c|d', of this language's canonical words."""
        parts = [
            frozenset(self.canonical(w.strip().lower()) for w in part.split("|") if w.strip())
            for part in spec.split("+")
        ]
        return Anchor(tuple(part for part in parts if part))

    def scope(
        self, words: set[str], anchored: frozenset[str] = frozenset(), text: str = ""
    ) -> Scope | None:
        """How `words` are about muscle cramps, or None when they are not: a cramp word, or
        a soft one beside a body word; another organ's cramp without a body word is not,
        nor an animal's (`text`, the question as written, tells whose body it is)."""
        names_cramp = bool(words & self.cramp_words) or bool(
            words & self.soft_cramp_words and words & self.body_words
        )
        if self.names_another_organ(words) or self.about_an_animal(words, text):
            return None
        if not (names_cramp or anchored):
            return None
        return Scope(names_cramp, anchored)

    def about_an_animal(self, words: set[str], text: str) -> bool:
        """Whether the question (`text`, as written) names an animal and no body part of
        the asker's own; `words` are its words."""
        text = text.lower()
        if not (words & self.animals or any(animal in text for animal in self.animals)):
            return False
        return not any(owner + body in text for owner in self.owners for body in self.body_words)

    def names_another_organ(self, words: set[str]) -> bool:
        return bool(words & self.other_cramps) and not words & self.body_words
