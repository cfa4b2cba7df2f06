"""Text per locale: the gettext catalogue, the language a run speaks, and a pseudo-locale.

Every person-facing string is a gettext message whose id is its English text: the
knowledge texts in the YAML (extracted by `crampcoach.knowledge.messages`) and the
strings of the faces, marked with `N_` where they are defined. `make messages` extracts
them with Babel into `locale/crampcoach.pot`; a language is a catalogue beside it
(`locale/<lang>/LC_MESSAGES/crampcoach.po`, compiled to `.mo`). English is the source
text, so it needs no catalogue. The pseudo-locale `en-XA` accents every letter that
passes through the catalogue: a screen shown in it that still holds a plain letter
printed a string that escaped the catalogue.

The language is the first of: the `--lang` option, `CRAMPCOACH_LANG`, the system locale
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG), English.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from crampcoach.errors import InputError
from crampcoach.message import Message, Plural

DOMAIN = "crampcoach"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE = "en"  # the language of the message ids
PSEUDO = "en-XA"  # every letter accented: shows what escaped the catalogue
_SYSTEM_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçðéƒĝĥíĵķļɱñóþǫŕšţúṽŵẋýžÁƁÇÐÉƑĜĤÍĴĶĻṀÑÓÞǪŔŠŢÚṼŴẊÝŽ",
)


def N_(message: str) -> str:
    """Mark `message` for the catalogue where it is defined; it is translated when shown."""
    return message


def NP_(singular: str, plural: str, by: str = "count") -> Plural:
    """Mark a message with a form for one and one for more (`babel.cfg` extracts both); the
    value named `by` chooses the form when it is shown: `t.plural(message, count=3)`."""
    return Plural(singular, plural, by)


def languages() -> tuple[str, ...]:
    """The languages crampcoach speaks: English and those with a compiled catalogue."""
    found = (
        sorted(
            p.parent.parent.name.replace("_", "-")  # the folder zh_Hans is the tag zh-Hans
            for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
        )
        if LOCALE_DIR.is_dir()
        else []
    )
    return (SOURCE, *(lang for lang in found if lang != SOURCE))


def _tag(value: str) -> str:
    """ "zh_CN.UTF-8" → "zh-CN"; "C" and "POSIX" name no language."""
    tag = value.split(".")[0].split("@")[0].replace("_", "-")
    return "" if tag in ("C", "POSIX") else tag


def _supported(tag: str, known: Iterable[str]) -> str | None:
    """The known language that `tag` names: itself, or one of the same first part
    ("en-GB" → "en", "zh" and "zh-CN" → "zh-Hans")."""
    if tag.lower() == PSEUDO.lower():
        return PSEUDO
    known = tuple(known)
    for lang in known:
        if lang.lower() == tag.lower():
            return lang
    first = tag.split("-")[0].lower()
    return next((lang for lang in known if lang.split("-")[0].lower() == first), None)


def choose_language(requested: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language of a run: `requested` (--lang or CRAMPCOACH_LANG), else the system's.

    A language asked for by name that crampcoach does not speak is an InputError that
    lists those it does; a system locale it does not speak falls back to English.
    """
    known = languages()
    if requested is not None and requested.strip():
        lang = _supported(_tag(requested.strip()), known)
        if lang is None:
            raise InputError(
                N_(
                    "language {value!r}: crampcoach speaks {languages}"
                    " (and {test}, a test language)"
                ),
                value=requested,
                languages=", ".join(known),
                test=PSEUDO,
            )
        return lang
    env = os.environ if environ is None else environ
    for variable in _SYSTEM_VARIABLES:
        for value in env.get(variable, "").split(":"):  # LANGUAGE lists several
            tag = _tag(value)
            if tag:
                return _supported(tag, known) or SOURCE
    return SOURCE


class _Pseudo(gettext.NullTranslations):
    """Accents every letter of a message outside its {placeholders}."""

    def gettext(self, message: str) -> str:
        parts = []
        depth = 0
        for char in message:
            depth += char == "{"
            parts.append(char if depth else char.translate(_ACCENTED))
            depth -= char == "}" and depth > 0
        return "".join(parts)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == PSEUDO:
        return _Pseudo()
    if lang == SOURCE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang.replace("-", "_"), lang])


def translated_ids(lang: str) -> frozenset[str]:
    """The message ids `lang`'s catalogue translates (to a non-empty text)."""
    catalogue = _catalogue(lang)
    texts: dict[object, str] = getattr(catalogue, "_catalog", {})  # gettext's own table
    return frozenset(key for key, text in texts.items() if isinstance(key, str) and key and text)


class Translator:
    """Renders message ids in one language: `t(N_("Fits: {signs}."), signs=...)`."""

    def __init__(self, lang: str = SOURCE) -> None:
        self.lang = lang
        self._catalogue = _catalogue(lang)

    def __call__(self, message: str, /, **values: object) -> str:
        """`message` in this language, filled with `values`; a value that is itself a
        `Message` (a warning inside "Warning: {path}: {warning}") is worded in it too."""
        text = self._catalogue.gettext(message)
        if not values:
            return text
        return text.format(**{k: _worded(v, self) for k, v in values.items()})

    def plural(self, message: Plural, /, **values: object) -> str:
        """The form of `message` for its count ("1 cramp", "3 cramps"), the value named by
        `message.by`, with its placeholders filled."""
        count = values[message.by]
        if not isinstance(count, int):
            raise TypeError(f"{message.by} must be a whole number, not {count!r}")
        return self.ngettext(message.singular, message.plural, count, **values)

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The form for `count`, filled with `values` (left as a template without them, for
        a page's script to fill); the pages' templates call it as gettext's `ngettext`."""
        text = self._catalogue.ngettext(singular, plural, count)
        return text.format(**values) if values else text

    def join(self, items: Iterable[str], separator: str = N_("; ")) -> str:
        """Items of a list in one line, with this language's separator."""
        return self(separator).join(items)

    def all(self, messages: Iterable[str]) -> list[str]:
        return [self(message) for message in messages]


def _worded(value: object, t: Translator) -> object:
    return value.words(t) if isinstance(value, Message) else value
