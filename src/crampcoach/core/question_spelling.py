"""Typo repair for questions: an unknown word read as the word of the index it was meant to be.

A word the index does not know is matched to its closest index word that starts with the
same letter (rapidfuzz). Short words need a closer match, so "gears" never becomes "years",
and four-letter words are left alone ("camp" is not "cramp"), as is a whole index word with a
syllable more ("crampon" is not "cramp"). A word one swapped, missing or
extra letter away from exactly one index word with the same first two letters is read as
that word ("nigth", "cramb"; "clamp" stays "clamp"). Two words run together, one of them a
telling word, are split ("sportsdrink"). Pure and deterministic; repairs are remembered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from crampcoach.core.question_words import canonical


@dataclass(frozen=True)
class ReadWords:
    """A question's words after repair.

    `tokens` are the words to rank with, `seen` every form met (as written and as repaired,
    for keywords and anchors), `corrected` the repairs to show (as written, as read).
    """

    tokens: list[str]
    seen: set[str]
    corrected: list[tuple[str, str]]


class QuestionSpeller:
    """Reads normalised words against the words an index knows; built once per index."""

    def __init__(
        self,
        known: Iterable[str],
        *,
        quiet: Iterable[str] = (),
        joinable: Iterable[str] = (),
        telling: Iterable[str] = (),
        real: Iterable[str] = (),
    ) -> None:
        """`known`: the index's words, which typos are repaired towards.

        `quiet`: other words that match as they are (keywords, anchors, spelling variants):
        a repair of one of them is made but not reported. Two words run together are split
        when both are `known` or `joinable` and one of them is `telling` (means something
        here). `real`: words of the language that are no typos, left as they are (unless
        `quiet`: a keyword is still read as the index spells it too).
        """
        self.known = frozenset(known)
        self.quiet = frozenset(quiet) - self.known
        self.real = frozenset(real) - self.known - self.quiet
        self.joinable = self.known | frozenset(joinable)
        self.telling = frozenset(telling)
        self._by_initial: dict[str, list[str]] = {}
        for word in sorted(self.known):
            self._by_initial.setdefault(word[0], []).append(word)
        self._cache: dict[str, str | None] = {}

    def read(self, words: Iterable[str]) -> ReadWords:
        """`words` with typos repaired and run-together words split."""
        read = ReadWords([], set(), [])
        for token in words:
            read.seen.add(token)
            if token in self.known or token in self.real:
                read.tokens.append(token)
                continue
            repaired = self.repair(token)
            parts = self.split(token) if repaired is None else None
            if parts is not None:
                read.tokens.extend(parts)
                read.seen.update(parts)
                read.corrected.append((token, " ".join(parts)))
            elif repaired is None:
                read.tokens.append(token)
            else:
                read.tokens.append(repaired)
                read.seen.add(repaired)
                if token not in self.quiet:
                    read.corrected.append((token, repaired))
        return read

    def repair(self, token: str) -> str | None:
        """The closest known word to an unknown token, or None when nothing is close."""
        if token in self._cache:
            return self._cache[token]
        found: str | None = None
        # A four-letter word is too often a real word one letter from another ('camp', 'seat').
        if len(token) >= 5 and not token.isdigit() and not self._derived(token):
            # Short words need a closer match: 'gears' must not become 'years'.
            cutoff = 88.0 if len(token) <= 5 else 80.0
            # Typos rarely hit the first letter; requiring it keeps 'france' from 'race'.
            choices = self._by_initial.get(token[0], [])
            best = process.extractOne(token, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            if best is not None:
                # A whole known word with a syllable more is another word, no typo of it:
                # 'crampon' is not 'cramp' (one letter more may be: 'crampy', 'nightt').
                extended = token.startswith(best[0]) and len(token) - len(best[0]) > 1
                found = None if extended else str(best[0])
            else:
                # The first two letters must agree too: 'clamp' is not a typo of 'cramp'.
                found = _one_edit_away(token, [w for w in choices if w[:2] == token[:2]])
        self._cache[token] = found
        return found

    def _derived(self, token: str) -> bool:
        """A known word with a suffix that makes another word ('heater', 'stretchable'):
        no typo of it."""
        return any(
            token.endswith(suffix) and token[: -len(suffix)] in self.known
            for suffix in _DERIVING_SUFFIXES
        )

    def split(self, token: str) -> tuple[str, str] | None:
        """Two known words run together ('sportsdrink', 'legcramp'), or None.

        One of them must be a telling word (a keyword, cramp, a body part): 'halfway' is
        not 'half way'.
        """
        if len(token) < 7:
            return None
        for cut in range(3, len(token) - 2):
            head, tail = canonical(token[:cut]), canonical(token[cut:])
            if (
                head in self.joinable
                and tail in self.joinable
                and (head in self.telling or tail in self.telling)
            ):
                return head, tail
        return None


# Endings that make another word of a known one: a heater is no typo of heat.
_DERIVING_SUFFIXES = ("er", "ers", "able", "ness", "less", "ful", "ment")


def _one_edit_away(token: str, choices: Sequence[str]) -> str | None:
    """The one word that a single swap, slip, extra or missing letter turns `token` into.

    Catches what the ratio misses in short words ('nigth', 'cramb'): swapping two letters
    costs a ratio of 80. None when no word, or more than one, is that close.
    """
    near = [
        str(w)
        for w, _, _ in process.extract(
            token, choices, scorer=OSA.distance, score_cutoff=1, limit=None
        )
    ]
    same_length = [w for w in near if len(w) == len(token)]
    for candidates in (same_length, near):
        if len(candidates) == 1:
            return candidates[0]
    return None
