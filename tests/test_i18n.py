"""Plural messages: a count before a noun takes the noun's form for that count, in every
language, and no message of the catalogue puts a count before a plural noun without one."""

from __future__ import annotations

import pickle
import re

import pytest
from babel.messages.pofile import read_po

from crampcoach.errors import InputError
from crampcoach.i18n import LOCALE_DIR, N_, NP_, PSEUDO, Translator
from crampcoach.message import Message

CRAMPS = NP_("{count} cramp", "{count} cramps")


@pytest.mark.parametrize(("count", "said"), [(0, "0 cramps"), (1, "1 cramp"), (2, "2 cramps")])
def test_english_takes_the_form_for_the_count(count: int, said: str) -> None:
    assert Translator("en").plural(CRAMPS, count=count) == said
    assert str(Message(CRAMPS, {"count": count})) == said


def test_chinese_has_one_form_and_the_pseudo_locale_accents_the_one_chosen() -> None:
    assert Translator("zh-Hans").plural(CRAMPS, count=1) == "1 次抽筋"
    assert Translator("zh-Hans").plural(CRAMPS, count=5) == "5 次抽筋"
    assert Translator(PSEUDO).plural(CRAMPS, count=1) == "1 çŕáɱþ"
    assert Translator(PSEUDO).plural(CRAMPS, count=3) == "3 çŕáɱþš"


def test_the_value_that_chooses_the_form_may_be_another_than_count() -> None:
    files = NP_("{done} of {files} file", "{done} of {files} files", "files")
    assert Translator("en").plural(files, done=1, files=1) == "1 of 1 file"
    assert Translator("en").plural(files, done=1, files=4) == "1 of 4 files"
    with pytest.raises(TypeError, match="whole number"):
        Translator("en").plural(files, done=1, files=1.5)


def test_an_error_with_a_plural_message_keeps_it_across_processes() -> None:
    error = InputError(NP_("only {count} byte", "only {count} bytes"), count=1)
    back = pickle.loads(pickle.dumps(error))
    assert str(back) == str(error) == "only 1 byte"
    assert back.words(Translator(PSEUDO)) == "óñļý 1 ƀýţé"


# A count, then a noun in the plural: a message that needs a form for one. Those left are
# counts that are never one: limits (an upload's most files, a body's most bytes, a text's
# most characters), the tries of an interview, the characters read of a text cut short,
# the repeats of a hold (shown when more than one), the data's least group of sessions,
# a person's age, the forecasts a report scores (20 or more) and a ratio with a decimal.
COUNT_THEN_PLURAL = re.compile(
    r"\{(\w+)(?::[^}]*)?\} (sessions|cramps|nights|files|conditions|bytes|characters"
    r"|seconds|results|times|tries|days|hours|minutes|years)\b"
)
NEVER_ONE = {
    ("limit", "files"),
    ("limit", "bytes"),
    ("limit", "characters"),
    ("tries", "tries"),
    ("read", "characters"),
    ("times", "times"),
    ("sessions", "sessions"),
    ("value", "years"),
    ("forecasts", "sessions"),  # the forecast report's scores: from 20 forecasts on
    ("level", "times"),  # a ratio with a decimal: "1.0 times", never "1 time"
}


def test_no_message_puts_a_count_before_a_plural_noun_without_a_form_for_one() -> None:
    with (LOCALE_DIR / "crampcoach.pot").open("rb") as handle:
        catalogue = read_po(handle)
    singular_only = [
        match.group(0)
        for message in catalogue
        if isinstance(message.id, str)
        for match in COUNT_THEN_PLURAL.finditer(message.id)
        if match.groups() not in NEVER_ONE
    ]
    assert singular_only == []
    plurals = [m.id for m in catalogue if isinstance(m.id, tuple)]
    assert ("{count} session", "{count} sessions") in plurals


def test_a_message_given_as_a_value_is_worded_in_the_language_of_the_run() -> None:
    """A warning inside "Warning: {path}: {warning}" is Chinese too, not English."""
    from crampcoach.diary_checks import LEFT_OUT

    inner = Message(LEFT_OUT, {"field": "avg_heart_rate", "problem": "above the maximum"})
    zh = Translator("zh-Hans")
    said = zh(N_("Warning: {path}: {warning}"), path="ride.fit", warning=inner)
    assert said == zh(N_("Warning: {path}: {warning}"), path="ride.fit", warning=inner.words(zh))
    assert inner.words(zh) != inner.words(Translator()) and inner.words(zh) in said
