"""The language of a request: `Accept-Language` picks it, the response names it.

crampcoach renders results through a `Coach`'s translator (`Coach.text`), fixed when the
Coach is built, so the app keeps one Coach per language asked for, all sharing the one
Coach's settings, diary and knowledge (building one costs a `Translator`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crampcoach.errors import InputError
from crampcoach.i18n import SOURCE, Translator, choose_language

if TYPE_CHECKING:
    from crampcoach.coach import Coach

# One entry of Accept-Language: a tag (or *) and an optional weight.
_ENTRY = re.compile(
    r"\s*([A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]{1,5}))?\s*"
)
MAX_ENTRIES = 20  # a longer header is read this far


def requested(header: str) -> list[str]:
    """The language tags of an Accept-Language header, most wanted first (q=0 left out)."""
    weighted = []
    for position, part in enumerate(header.split(",")[:MAX_ENTRIES]):
        match = _ENTRY.fullmatch(part)
        if match is None:
            continue
        try:
            weight = float(match[2]) if match[2] is not None else 1.0
        except ValueError:
            continue
        if weight > 0:
            weighted.append((-weight, position, match[1]))
    return [tag for _, _, tag in sorted(weighted)]


class Languages:
    """The app's Coach in each language a client asks for (English when none is spoken)."""

    def __init__(self, coach: Coach) -> None:
        self.default = coach
        self._coaches = {coach.text.lang: coach}
        self._asked: dict[str, Coach] = {}  # by the language a header named

    def pick(self, header: str | None) -> str:
        """The language to answer in: the first of the header's that crampcoach speaks;
        English when it names none; the Coach's own language without the header."""
        if not header or not header.strip():
            return self.default.text.lang
        for tag in requested(header):
            if tag == "*":
                return self.default.text.lang
            lang = _spoken(tag)
            if lang is not None:
                return lang
        return SOURCE

    def named(self, header: str | None) -> str | None:
        """The language the header names (its first spoken one, as `pick`); None when it
        names none, or "*" comes first."""
        for tag in requested(header or ""):
            if tag == "*":
                return None
            lang = _spoken(tag)
            if lang is not None:
                return lang
        return None

    def for_request(self, header: str | None) -> Coach:
        """The Coach of a request: one kept to the language its header names (a story or
        question in another is answered in it too); without one, the app's Coach in the
        language `pick` gives, which answers a story in the story's own language unless
        the server was given one (`Coach.answering`)."""
        lang = self.named(header)
        if lang is None:
            return self.coach(self.pick(header))
        if lang not in self._asked:
            self._asked[lang] = self.default.with_lang(lang)
        return self._asked[lang]

    def coach(self, lang: str) -> Coach:
        """The Coach that answers in `lang` (one of `pick`'s answers)."""
        if lang not in self._coaches:
            self._coaches[lang] = self.default.with_lang(lang)
        return self._coaches[lang]

    def translator(self, header: str | None) -> Translator:
        """The words of the language `header` picks (for errors, before any route runs)."""
        return self.coach(self.pick(header)).text


def _spoken(tag: str) -> str | None:
    try:
        return choose_language(tag)
    except InputError:
        return None
