"""Mend misspelt lexicon words ("calff", "swolen", "cramed") without touching real words.

A word is mended only when it is not a lexicon word, not a known English word that
merely looks like one (lexicon.yaml `known_words`), starts with the same letter as
the lexicon word, and is within one edit (two for long words) of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_LENGTH = 5


def max_edits(word: str) -> int:
    """Edits allowed between a word and its mended form."""
    return 1 if len(word) <= 7 else 2


class Speller:
    """Mends words toward a vocabulary; remembers its answers."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        known: Iterable[str],
        contractions: Mapping[str, str] | None = None,
    ) -> None:
        # Contractions written without their apostrophe ("hasnt", "wont", "im") are read
        # as written with it, whatever their length.
        self.contractions = dict(contractions or {})
        words = sorted({w for w in vocabulary if w.isalpha() and len(w) >= MIN_LENGTH - 1})
        self.vocabulary = frozenset(words)
        self.known = frozenset(known) | self.vocabulary
        self._by_first: dict[str, list[str]] = {}
        for word in words:
            self._by_first.setdefault(word[0], []).append(word)
        self._cache: dict[str, str | None] = {}

    def correct(self, word: str) -> str | None:
        """The lexicon word meant by `word`, or None to leave it as it is."""
        if word in self._cache:
            return self._cache[word]
        result = self._lookup(word)
        if len(self._cache) < 50_000:
            self._cache[word] = result
        return result

    def _lookup(self, word: str) -> str | None:
        if word in self.contractions:
            return self.contractions[word]
        if len(word) < MIN_LENGTH or word in self.known or not word.isalpha():
            return None
        limit = max_edits(word)
        candidates = [
            w for w in self._by_first.get(word[0], ()) if abs(len(w) - len(word)) <= limit
        ]
        if not candidates:
            return None
        best = process.extractOne(word, candidates, scorer=OSA.distance, score_cutoff=limit)
        return None if best is None else str(best[0])


def confusable_words(dictionary: Iterable[str], vocabulary: Iterable[str]) -> list[str]:
    """Real words the speller would wrongly mend toward `vocabulary` (to list as known)."""
    speller = Speller(vocabulary, ())
    found = set()
    for raw in dictionary:
        word = raw.strip().lower()
        if word and speller.correct(word) is not None:
            found.add(word)
    return sorted(found)
