"""How lexicon words are found: phrases in a word trie, patterns as fast regular expressions.

Both serve the lexicon's entries and the context cues ("a friend", "years ago").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from crampcoach.knowledge.regexes import CompiledPattern, kept_pattern, kept_regex

TOKEN = kept_regex(r"[a-z0-9]+(?:'[a-z0-9]+)*(?:\.[0-9]+)?")
_DETERMINERS = frozenset(
    {"the", "my", "his", "her", "their", "your", "our", "a", "an", "one", "both", "this", "that"}
    | {"its", "each"}
)
_DET_KEY = "~"
_END = ""  # key of the list of entries whose phrase ends at a trie node
_SPACES = kept_regex(r"[\s-]+")


def key(token: str) -> str:
    return token.replace("'", "")


class PhraseIndex:
    """A word trie of every lexicon phrase: far faster to build than one regex per entry.

    A phrase matches whole words; "~" matches an optional article or possessive, and
    the last word also matches its plural ("cramp" matches "cramps").
    """

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    @classmethod
    def of(cls, groups: Iterable[tuple[int, Iterable[str]]]) -> PhraseIndex:
        """An index of (kind, phrases) groups: each phrase found yields its group's kind."""
        index = cls()
        for kind, phrases in groups:
            for phrase in phrases:
                index.add(phrase, kind)
        return index

    def add(self, phrase: str, entry: int) -> None:
        tokens = [t if t == _DET_KEY else key(t) for t in _phrase_tokens(phrase)]
        if tokens:
            self._add(self.root, tokens, entry)

    def _add(self, node: dict[str, Any], tokens: list[str], entry: int) -> None:
        head, rest = tokens[0], tokens[1:]
        if head == _DET_KEY:
            if rest:
                self._add(node, rest, entry)  # the article left out
                self._add(node.setdefault(_DET_KEY, {}), rest, entry)
            return
        forms = [head] if rest or not head[-1].isalpha() else [head, head + "s", head + "es"]
        for form in forms:
            child = node.setdefault(form, {})
            if rest:
                self._add(child, rest, entry)
            else:
                child.setdefault(_END, []).append(entry)

    def find(self, keys: list[str]) -> Iterator[tuple[int, int, int]]:
        """(entry, first token, last token + 1) of every phrase found in `keys`."""
        root = self.root
        for first, word in enumerate(keys):
            if word not in root and (word not in _DETERMINERS or _DET_KEY not in root):
                continue  # no phrase starts here (the root ends none): most words
            stack = [(root, first)]
            while stack:
                node, index = stack.pop()
                for entry in node.get(_END, ()):
                    yield entry, first, index
                if index >= len(keys):
                    continue
                child = node.get(keys[index])
                if child is not None:
                    stack.append((child, index + 1))
                if keys[index] in _DETERMINERS and _DET_KEY in node:
                    stack.append((node[_DET_KEY], index + 1))


def _phrase_tokens(phrase: str) -> list[str]:
    return [t for t in _SPACES.split(phrase.lower().strip()) if t]


class Words:
    """The words of a text as a phrase index looks them up (`TOKEN`s and their keys): found
    once per story, as its lexicon phrases, context cues and cooling cues are all looked up
    in the same words."""

    __slots__ = ("keys", "tokens")

    def __init__(self, text: str) -> None:
        self.tokens = list(TOKEN.finditer(text))
        self.keys = [key(token.group()) for token in self.tokens]


def find_spans(index: PhraseIndex, words: Words) -> list[tuple[int, int, int]]:
    """(entry, start, end) in the text of `words` of the longest phrase of each entry at
    each word."""
    tokens = words.tokens
    longest: dict[tuple[int, int], int] = {}
    for entry, first, last in index.find(words.keys):
        if last > longest.get((entry, first), first):
            longest[(entry, first)] = last
    return sorted(
        (entry, tokens[first].start(), tokens[last - 1].end())
        for (entry, first), last in longest.items()
    )


_WORD_CHAR = kept_regex(r"\w")


def _at_boundary(text: str, position: int) -> bool:
    before = position > 0 and _WORD_CHAR.match(text, position - 1) is not None
    after = position < len(text) and _WORD_CHAR.match(text, position) is not None
    return before != after


class Pattern:
    r"""A regular expression of the lexicon (or one of the reader's own, for numbers and
    ages), found exactly as `re.finditer` would find it, faster.

    Python's re finds a pattern that starts with letters far faster than one that starts
    with \b, so a leading \b is left out of the compiled pattern and checked on each match.
    """

    def __init__(self, pattern: str | CompiledPattern) -> None:
        # A lexicon entry's patterns come compiled, once, from when the lexicon was checked.
        compiled = kept_pattern(pattern) if isinstance(pattern, str) else pattern
        self.compiled, self.boundary = compiled, compiled.boundary
        # Words one of which every match contains: a text with none of them is not searched;
        # nor one that lacks all of a further set (`also`).
        self.needs, self.also = compiled.needs, compiled.also
        self._need_sets = () if self.needs is None else (self.needs, *self.also)

    def may_match(self, text: str) -> bool:
        """False when `text` holds none of the words every match contains."""
        for needs in self._need_sets:
            for need in needs:
                if need in text:
                    break
            else:
                return False
        return True

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches in `text`, as `re.finditer` finds them."""
        return self.search_all(text) if self.may_match(text) else iter(())

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in `text`, as `re.search` would find it; None when there is none."""
        return next(self.finditer(text), None)

    def search_all(self, text: str) -> Iterator[re.Match[str]]:
        """The matches in `text`, without first looking for the needed words (for a caller
        that has looked for them already)."""
        regex = self.compiled.regex  # compiled on its first search
        return self._at_boundaries(regex, text) if self.boundary else regex.finditer(text)

    @staticmethod
    def _at_boundaries(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """The matches of `regex` that start at a word boundary (its left-out \\b)."""
        position, size = 0, len(text)
        while position <= size:
            m = regex.search(text, position)
            if m is None:
                return
            start = m.start()
            if _at_boundary(text, start):
                yield m
                position = m.end() if m.end() > start else start + 1
            else:
                position = start + 1
