"""Which language a story (or a question) is in: English, Chinese, one crampcoach does not
read yet, or unclear."""

from __future__ import annotations

from crampcoach.core.story.text import WORD
from crampcoach.i18n import N_, SOURCE
from crampcoach.knowledge.regexes import kept_regex
from crampcoach.message import Message

# Han characters (CJK Unified Ideographs and extension A): a run of them is one "word" to a
# reader that splits on spaces.
HAN = kept_regex(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
CHINESE = "zh-Hans"
# Han characters among the letters: "跑完half marathon小腿抽筋" is Chinese, an English
# question quoting one Chinese word is not.
HAN_SHARE = 0.3


def written_in(text: str) -> str:
    """The language tag of `text`, as far as crampcoach tells languages apart: Chinese
    (Simplified or Traditional) when enough of its letters are Han characters, else
    English."""
    return CHINESE if han_share(text) >= HAN_SHARE else SOURCE


def han_share(text: str) -> float:
    """The share of Han characters among the letters of `text` (0 when it has none)."""
    if text.isascii():
        return 0.0  # no Han character (checked in C: most texts)
    han = sum(len(run) for run in HAN.findall(text))
    letters = sum(char.isalpha() for char in text)
    return han / letters if letters else 0.0


# Common English words: a text with almost none of them is not English.
_ENGLISH = frozenset(
    {"the", "a", "an", "and", "i", "my", "me", "is", "was", "it", "to", "of", "in", "on", "at"}
    | {"for", "with", "after", "before", "have", "had", "get", "got", "this", "that", "but"}
    | {"not", "no", "when", "what", "how", "why", "leg", "legs", "cramp", "cramps", "help"}
)
_SAMPLE = 2000  # characters: enough to tell the language
# Words with the letters of Latin-script languages ("después", "krämpfe", "j'ai").
_ANY_WORD = kept_regex(r"[^\W\d_]+(?:'[^\W\d_]+)?")
NOT_READ = N_("crampcoach reads English and Chinese (Simplified or Traditional).")


def read_as(text: str, words_by_language: dict[str, frozenset[str]]) -> tuple[bool, bool]:
    """(foreign, English): whether the text is in a language crampcoach does not read yet,
    and else whether it looks English.

    Text mostly in another script (Chinese, Cyrillic, ...) is foreign; so is Latin-script
    text with at least three common words of one other language and fewer than half as many
    English. Text with almost no English function words does not look English. The words
    are found once for both where they are the same (a text in ASCII: most stories).
    """
    sample = text[:_SAMPLE]
    if _other_script(sample):
        return True, False
    lowered = sample.lower()
    words = _ANY_WORD.findall(lowered)
    english = sum(1 for w in words if w in _ENGLISH)
    for vocabulary in words_by_language.values():
        hits = sum(1 for w in words if w in vocabulary)
        if hits >= 3 and hits > 2 * english:
            return True, False
    if not lowered.isascii():  # letters English does not have split its words
        words = WORD.findall(lowered)
        english = sum(1 for w in words if w in _ENGLISH)
    return False, len(words) < 4 or english >= 0.1 * len(words)


def _other_script(sample: str) -> bool:
    if sample.isascii():
        return False  # every letter is Latin (checked in C: most stories)
    letters = [c for c in sample if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if not c.isascii()) > 0.3 * len(letters)


def why_unusable(text: str, english: bool, other_language: bool) -> list[Message]:
    """What to tell the person when the text gives nothing to go on."""
    if not text.strip():
        return [Message(N_("The text is empty: tell me about the cramp in a few words."))]
    if other_language:
        return [Message(NOT_READ)]
    if not english:
        return [
            Message(
                N_("This does not look like English; {not_read}"), {"not_read": Message(NOT_READ)}
            )
        ]
    return [Message(N_("I could not find a cramp, a muscle or a symptom in the text."))]
