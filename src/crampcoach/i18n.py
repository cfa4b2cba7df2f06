"""Text per locale: the gettext catalogue, the language a run speaks, and a pseudo-locale.

Every person-facing string is a gettext message whose id is its English text: the
knowledge texts in the YAML (extracted by `crampcoach.knowledge.messages`) and the
strings of the faces, marked with `N_` where they are defined. `make messages` extracts
them with Babel into `locale/crampcoach.pot`; a language is a catalogue beside it
(`locale/<lang>/LC_MESSAGES/crampcoach.po`, compiled to `.mo`). English is the source
text, so it needs no catalogue. The pseudo-locale `en-XA` accents every letter that
passes through the catalogue: a screen shown in it that still holds a plain letter
printed a string that escaped the catalogue.

A language may also be another one's text converted (`CONVERTED`): zh-Hant is the
zh-Hans catalogue in Traditional characters through OpenCC, converted once a process.

The language is the first of: the `--lang` option, `CRAMPCOACH_LANG`, the system locale
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG), English.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path

from crampcoach.errors import InputError
from crampcoach.message import Message, Plural

DOMAIN = "crampcoach"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE = "en"  # the language of the message ids
PSEUDO = "en-XA"  # every letter accented: shows what escaped the catalogue
# A language whose words are another's converted: its tag -> (the catalogue it converts, the
# OpenCC configuration). s2twp: Taiwan's standard characters and words (資料庫, 檔案, 訊號),
# the Traditional most readers read (Hong Kong's too); OpenCC's own s2t writes forms neither
# uses (爲, 牀, 喫, 纔), and s2hk would suit Hong Kong alone.
CONVERTED = {"zh-Hant": ("zh-Hans", "s2twp")}
# OpenCC's phrase segmentation misreads a few of the catalogue's phrases; each wrong form,
# found by reading its zh-Hant texts, is set right after the conversion ("发烫" of skin is
# 發燙, not hair's 髮; "只能" is 只, not the measure word 隻; "声明了" is 了, not 瞭).
CORRECTIONS = {
    "zh-Hant": {
        **{f"髮{after}": f"發{after}" for after in "燙紅緊白涼麻軟硬熱抖黑紫青腫"},
        **{f"隻{after}": f"只{after}" for after in "有能喝讀是要會"},
        "併發出": "並發出",
        "聲明瞭": "聲明了",
    }
}
# The regions and scripts of a Chinese tag that ask for Traditional characters.
_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})
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
    converted = [lang for lang, (base, _) in CONVERTED.items() if base in found]
    return (SOURCE, *sorted(lang for lang in {*found, *converted} if lang != SOURCE))


def base_language(lang: str) -> str:
    """The language whose catalogue and readers `lang` uses: zh-Hans for zh-Hant (a
    Traditional story or question is read as Simplified), else `lang` itself."""
    return CONVERTED[lang][0] if lang in CONVERTED else lang


def _tag(value: str) -> str:
    """ "zh_CN.UTF-8" → "zh-CN"; "C" and "POSIX" name no language."""
    tag = value.split(".")[0].split("@")[0].replace("_", "-")
    return "" if tag in ("C", "POSIX") else tag


def _supported(tag: str, known: Iterable[str]) -> str | None:
    """The known language that `tag` names: itself, or one of the same first part
    ("en-GB" → "en", "zh" and "zh-CN" → "zh-Hans"); a Chinese tag with Traditional's
    script or one of its regions names zh-Hant ("zh-TW", "zh-HK", "zh-Hant-TW")."""
    if tag.lower() == PSEUDO.lower():
        return PSEUDO
    known = tuple(known)
    for lang in known:
        if lang.lower() == tag.lower():
            return lang
    first, *rest = tag.lower().split("-")
    if first == "zh" and "zh-Hant" in known and _TRADITIONAL.intersection(rest):
        return "zh-Hant"
    return next(
        (lang for lang in known if lang.split("-")[0].lower() == first and lang not in CONVERTED),
        None,
    )


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


@cache
def converter(lang: str) -> Callable[[str], str]:
    """How a converted language (`CONVERTED`) makes its base language's text its own:
    OpenCC with its configuration, then `CORRECTIONS`; built once a process."""
    import opencc  # only a run that speaks a converted language loads it

    opencc_converter = opencc.OpenCC(CONVERTED[lang][1])
    corrections = CORRECTIONS.get(lang, {})

    def convert(text: str) -> str:
        converted: str = opencc_converter.convert(text)
        for wrong, right in corrections.items():
            converted = converted.replace(wrong, right)
        return converted

    return convert


class _Converted(gettext.GNUTranslations):
    """Another language's catalogue with every text converted."""

    def __init__(self, base: gettext.NullTranslations, convert: Callable[[str], str]) -> None:
        super().__init__()
        texts: dict[object, str] = getattr(base, "_catalog", {})
        self._catalog = {key: convert(text) for key, text in texts.items()}
        self.plural = getattr(base, "plural", lambda n: int(n != 1))
        self._info = base.info()
        self._charset = base.charset()


@cache
def _converted(lang: str) -> gettext.NullTranslations:
    return _Converted(_catalogue(CONVERTED[lang][0]), converter(lang))


def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == PSEUDO:
        return _Pseudo()
    if lang == SOURCE:
        return gettext.NullTranslations()
    if lang in CONVERTED:
        return _converted(lang)  # converted once a process: each Translator shares it
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
