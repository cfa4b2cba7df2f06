"""How long a duration told in words is: "5 minutes", "two and a half hours", "an hour and
a half", "a quarter of an hour", "10+ min", in seconds. Where it belongs (the cramp, the
session, the time since) is `durations`'s business."""

from __future__ import annotations

import re
from collections.abc import Iterator

from crampcoach.core.story.phrases import Pattern
from crampcoach.core.story.quantities import NUM, number
from crampcoach.core.story.text import StoryText
from crampcoach.knowledge.regexes import kept_regex

_HALF = r"(?P<half>\s+and\s+(?:a\s+)?half)?"  # "two and a half hours", "three and half hours"
# A word that stresses the amount between it and its unit: "a solid hour", "forty long
# minutes", "a full 20 minutes" is read where the number is.
_STRESSED = r"(?:(?:solid|full|whole|good|long|entire|straight|agonising|agonizing)\s+)?"

# A `Pattern` (phrases.py), as the searches of quantities.py: faster than a plain regex here.
DURATION = Pattern(
    r"(?<![\w.])(?P<n>"
    + NUM
    + r"|an|a)"
    + _HALF
    + r"(?P<plus>\s*\+|[\s-]+plus)?[\s-]*"
    + _STRESSED
    + r"(?P<u>hours?|hrs?|h|minutes?|mins?|min|seconds?|secs?)(?![a-z])"
    r"(?:\s*(?:and\s+)?(?P<n2>\d{1,2})\s*(?:minutes?|mins?|min|m)?(?![\w.])"
    r"|(?P<half2>\s+and\s+a\s+half)\b)?"
    r"|\b(?P<hh>an?|one)\s+hour\s+and\s+a\s+half\b|\b(?:an?\s+)?half[\s-]+(?:an?\s+)?hour\b"
    r"|\b(?P<q>(?:a|one|three)[\s-]+)?quarters?[\s-]+(?:of\s+an\s+)?hours?\b"
    # A length told without a number (`_AT_LEAST`): "for hours", "all afternoon", "the whole
    # night", or since a time of an earlier day or part of this one ("since yesterday").
    r"|(?<![\w.])(?P<w>hours|(?:all|the\s+whole)\s+(?:day|night|morning|afternoon|evening)"
    r"|since\s+(?:yesterday|last\s+night|the\s+night|this\s+morning|this\s+afternoon"
    r"|lunch(?:time)?|breakfast|the\s+weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day))(?![\w'])"
)

_SIMPLE_UNITS = {
    "h": 3600.0,
    "hour": 3600.0,
    "hr": 3600.0,
    "min": 60.0,
    "minute": 60.0,
    "sec": 1.0,
    "second": 1.0,
}


def _unit_key(unit: str) -> str:
    unit = unit.rstrip("s") if unit not in ("s",) else unit
    for key in ("hour", "hr", "minute", "min", "second", "sec"):
        if unit.startswith(key):
            return key
    return unit


# A length told without a number is at least this long: "hours" two of them, a part of the
# day a few hours, since an earlier day the night between.
_AT_LEAST = {
    "hours": 7200.0,
    "day": 14400.0,
    "night": 14400.0,
    "morning": 7200.0,
    "afternoon": 7200.0,
    "evening": 7200.0,
    "since": 3600.0,  # since lunch, this morning or this afternoon
    "since_day": 21600.0,  # since yesterday, last night, the weekend or a day of the week
}
_EARLIER_DAY = kept_regex(r"yesterday|night|weekend|\w+day$")


def _at_least(told: str) -> float:
    """How long a length told without a number is at least (`_AT_LEAST`)."""
    last = told.split()[-1]
    if last in _AT_LEAST and (told == "hours" or told.startswith(("all", "the whole"))):
        return _AT_LEAST[last]
    return _AT_LEAST["since_day" if _EARLIER_DAY.search(told) else "since"]


def duration_value(m: re.Match[str]) -> float | None:
    if m.group("w"):
        return _at_least(m.group("w"))
    if m.group("hh"):
        return 5400.0
    if m.group("q") is not None or (m.group("n") is None and "quarter" in m.group()):
        return 2700.0 if (m.group("q") or "").startswith("three") else 900.0
    if m.group("n") is None:
        return 1800.0  # half an hour
    value = number(m.group("n"))
    if value is None:
        return None
    if m.group("half") or m.group("half2"):  # "two and a half hours", "an hour and a half"
        value += 0.5
    seconds = value * _SIMPLE_UNITS[_unit_key(m.group("u"))]
    if m.group("n2"):
        seconds += float(m.group("n2")) * 60
    if m.group("plus"):
        seconds *= 1.1
    return seconds


def spans(text: StoryText) -> Iterator[tuple[int, int, float]]:
    """Every duration told, whatever it is of: (start, end, seconds) in the working text."""
    for m in DURATION.finditer(text.norm):
        seconds = None if m.group("w") else duration_value(m)  # only a counted length
        if seconds is not None and seconds > 0:
            yield m.start(), m.end(), seconds
