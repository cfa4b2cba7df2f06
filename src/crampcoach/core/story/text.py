"""The story as the matcher sees it: lower-cased, tidied, typos mended, offsets kept.

Every character of the working text remembers where it came from, so a fact can
quote the person's own words even after "calff" was read as "calf".
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from crampcoach.core.story.phrases import Words
from crampcoach.knowledge.regexes import kept_regex

# Characters people paste from phones and word processors, mapped one to one.
_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00ba": "\u00b0",
        "\u00a0": " ",
        "~": " ",  # "after ~2 blocks": about two
        "\u2248": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
        "\r": "\n",
    }
)
WORD = kept_regex(r"[a-z]+(?:'[a-z]+)?")
# Where the scope of "no"/"not" ends: punctuation, and words that start a new clause.
_BOUNDARY = kept_regex(
    r"[.;:!?\n()\[\]]"
    r"|,(?=\s*(?:but|and|it|it's|i|i'm|i've|he|she|they|we|then|so|which|while|when|now|after|"
    r"before|today|yesterday|later|since|my|his|her|the)\b)"
    r"|\b(?:but|although|though|however|yet|except|whereas|because|until|then|so)\b"
    r"|\band\s+(?=(?:i|i'm|i've|he|she|it|it's|my|his|her|then|now|today|the|they|we)\b)"
)
_REACH = 300  # characters either side of a position that count as "its sentence"
_SENTENCE = kept_regex(r"(?<!\d)[.!?](?!\d)|\n|;")


@dataclass(frozen=True)
class Correction:
    """A word read as another: `original` at [start, end) of the person's text."""

    original: str
    corrected: str
    start: int
    end: int


@dataclass
class StoryText:
    """Working text (`norm`) with a map from each of its characters to the original."""

    original: str
    norm: str
    origin: list[int]
    corrections: list[Correction] = field(default_factory=list)
    _bounds: list[int] = field(default_factory=list)
    _sentences: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._bounds = [m.start() for m in _BOUNDARY.finditer(self.norm)]
        self._sentences = [m.end() for m in _SENTENCE.finditer(self.norm)]

    @cached_property
    def words(self) -> Words:
        """The words of `norm` as the phrase indexes look them up, found once."""
        return Words(self.norm)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The [start, end) of the original text that norm[start:end] came from."""
        if not self.origin:
            return 0, 0
        first = self.origin[min(start, len(self.origin) - 1)]
        last = self.origin[max(min(end, len(self.origin)) - 1, 0)] + 1
        return first, max(last, first)

    def quote(self, start: int, end: int) -> str:
        a, b = self.source_span(start, end)
        return self.original[a:b]

    def clause_start(self, position: int) -> int:
        """Start of the clause holding `position` (after the last boundary before it)."""
        index = bisect.bisect_right(self._bounds, position - 1) - 1
        return self._bounds[index] + 1 if index >= 0 else 0

    def clause_end(self, position: int) -> int:
        """End of the clause holding `position` (the first boundary at or after it)."""
        index = bisect.bisect_left(self._bounds, position)
        return self._bounds[index] if index < len(self._bounds) else len(self.norm)

    def sentence(self, position: int) -> tuple[int, int]:
        """[start, end) of the sentence holding `position`."""
        index = bisect.bisect_right(self._sentences, position)
        start = self._sentences[index - 1] if index > 0 else 0
        end = self._sentences[index] if index < len(self._sentences) else len(self.norm)
        return start, end

    def sentence_before(self, sentence: tuple[int, int]) -> tuple[int, int] | None:
        """The sentence with words just before `sentence` ([start, end)), if any."""
        start = sentence[0]
        while start > 0:
            start, stop = self.sentence(start - 1)
            if WORD.search(self.norm, start, stop):
                return start, stop
        return None

    def sentence_after(self, sentence: tuple[int, int]) -> tuple[int, int] | None:
        """The sentence with words just after `sentence` ([start, end)), if any."""
        end = sentence[1]
        while end < len(self.norm):
            start, end = self.sentence(end)
            if WORD.search(self.norm, start, end):
                return start, end
        return None

    def sentence_text(self, position: int, reach: int = _REACH) -> str:
        """The sentence holding `position`, at most `reach` characters either side of it."""
        start, end = self.sentence(position)
        return self.norm[max(start, position - reach) : min(end, position + reach)]

    def words_before(self, position: int, count: int, *, clause: bool = True) -> list[str]:
        """The last `count` words before `position`, within its clause unless told not."""
        begin = self.clause_start(position) if clause else self.sentence(position)[0]
        # Words are short: looking back 15 characters a word is plenty, and keeps
        # a text with no punctuation from costing the square of its length.
        begin = max(begin, position - 15 * count - 15)
        return WORD.findall(self.norm, begin, position)[-count:]


def _normalise(text: str) -> tuple[str, list[int]]:
    # translate() maps one character to one, so offsets are unchanged; lower() may not
    # ("İ" becomes two characters), and then such characters are kept as they are.
    tidy = text.translate(_CHAR_MAP)
    low = tidy.lower()
    if len(low) != len(tidy):
        low = "".join(c if len(c) == 1 else t for t, c in ((t, t.lower()) for t in tidy))
    return low, list(range(len(text)))


def build_text(text: str, correct: Callable[[str], str | None]) -> StoryText:
    """Normalise `text`, then replace each word that `correct` mends."""
    norm, origin = _normalise(text)
    pieces: list[str] = []
    new_origin: list[int] = []
    corrections: list[Correction] = []
    last = 0
    for match in WORD.finditer(norm):
        fixed = correct(match.group())
        if fixed is None or fixed == match.group():
            continue
        pieces.append(norm[last : match.start()])
        new_origin.extend(origin[last : match.start()])
        pieces.append(fixed)
        # Every character of the mended word points into the original word.
        span, size = match.end() - match.start(), len(fixed)
        new_origin.extend(
            origin[match.start() + (i * (span - 1)) // max(size - 1, 1)] for i in range(size)
        )
        corrections.append(Correction(match.group(), fixed, match.start(), match.end()))
        last = match.end()
    if not corrections:
        return StoryText(text, norm, origin)
    pieces.append(norm[last:])
    new_origin.extend(origin[last:])
    return StoryText(text, "".join(pieces), new_origin, corrections)
