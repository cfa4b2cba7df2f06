"""Clock times in a story, and the time between them: "since 4:40, it's now 5:05", "woke at
ten past three ... ten to four now", "began at half eight and it's gone nine now".

Times are read in digits or in words: "4:40", "5pm", "four o'clock", "twenty to six",
"quarter past six", "half past two", British "half two" (2:30), "four forty". "Gone
nine" and "nearly eleven" are read as nine and eleven.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from crampcoach.core.story.durations import ON_AND_OFF
from crampcoach.core.story.quantities import Found, number
from crampcoach.core.story.text import StoryText
from crampcoach.knowledge.regexes import kept_regex

_HOURS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "noon": 12,
    "midday": 12,
    "midnight": 0,
}
_HOUR_WORD = r"(?:" + "|".join(sorted(_HOURS, key=len, reverse=True)) + r")"
_HOUR = r"(?:" + _HOUR_WORD + r"|[01]?\d|2[0-3])"
# Minutes past or to the hour: "twenty", "twenty-five", "quarter", "half", "10".
_PAST_TO = (
    r"(?:(?:a\s+)?quarter|half|twenty[\s-]+five|twenty|ten|five|[1-5]?\d)"
    r"(?:\s+(?:minutes?|mins?))?\s+(?:past|after|to|till|til)\s+" + _HOUR
)
# "four forty", "six fifteen": an hour word and its minutes in words.
_SPOKEN = (
    _HOUR_WORD + r"\s+(?:(?:twenty|thirty|forty|fifty)(?:[\s-]+(?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|fifteen|ten|o[\s-]?(?:five|one|two|three|four|six|seven|eight|nine))"
    r"(?![\s-]*(?:minutes?|mins?|hours?|km|k\b|miles?|kg|kilos?|lbs?|pounds?|years?|degrees?))"
)
_DIGITS = (
    r"(?:[01]?\d|2[0-3])(?:(?:[:.]|h)[0-5]\d\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?(?![a-z])"
    r"|\s*o'?clock)"
)
# A bare hour ("woke at four", "gone nine now") only where nothing else follows it
# that makes it a count: not "at four miles", "since two weeks", "at five and a half km".
_BARE = (
    _HOUR + r"(?:\s+o'?clock)?(?!\s+and\s+a\s+half)"
    r"(?=\s*(?:[.,;:!?)]|\s-|$|now\b|and\b|but\b|with\b|this\b|tonight\b|today\b|when\b|then\b"
    r"|so\b|i\b|it\b|my\b|in\s+the\s+(?:morning|afternoon|evening|night)\b|at\s+night\b"
    r"|last\s+night\b|[ap]\.?m\b))"
)
_HALF = (  # British "half two" (2:30); not "half past", "half an hour", "half ten km"
    r"half\s+(?!past\b)" + _HOUR + r"(?![\s-]*(?:an?\b|hours?|minutes?|mins?|k\b|km|miles?|"
    r"dozen|way|time))"
)
_FULL = r"(?:" + "|".join((_PAST_TO, _HALF, _DIGITS, _SPOKEN, _HOUR_WORD + r"\s+o'?clock")) + ")"
# "since quarter to eleven, now it's quarter past": the hour is the one after the start.
_HOURLESS = (
    r"(?P<r>(?:(?:a\s+)?quarter|half|twenty[\s-]+five|twenty|ten|five)\s+(?:past|to))"
    r"(?=\s*(?:[.,;:!?)]|$|now\b|and\b|but\b|so\b|already\b))"
)
_TIME = r"(?P<{p}>" + _FULL + r"|" + _BARE + r")"
_AROUND = (
    r"(?:(?:about|around|roughly|approximately|just|well|exactly|sometime|some\s+time)\s+)?"
    r"(?:(?:before|after|past|gone|nearly|almost)\s+)?"
)
# The start: "since 4:40", "at ten past three", "began at half eight", "started just before
# eight", or "since" an event told with its time: "since the final whistle at four",
# "since I got into bed at eleven".
_START = kept_regex(
    r"\b(?:(?P<since>since|from)(?:\s+(?:[a-z']+\s+){1,5}?(?:at|around|about)|\s+the"
    r"(?=\s+[a-z-]+\s+o'?clock\b))?|at|around|about"
    r"|(?:began|started|start|starting|begun|woke|woken|waking|wakes|came\s+on|kicked\s+in|hit"
    r"|struck|got\s+up)(?:\s+(?:me|him|her))?(?:\s+up)?(?:\s+(?:at|around|about)|(?=\s+(?:just"
    r"|about|around|roughly|before|after|gone|nearly|almost)\b)))\s+"
    + _AROUND
    + _TIME.format(p="s")
)
_NOW = kept_regex(
    r"\b(?:now|it'?s|it\s+is)\s+(?:now\s+)?(?:already\s+)?"
    r"(?:about\s+|around\s+|nearly\s+|almost\s+|gone\s+|past\s+|after\s+|just\s+(?:after|gone|"
    r"past)\s+|well\s+(?:after|gone|past)\s+|getting\s+on\s+for\s+|coming\s+up\s+to\s+|"
    r"going\s+on\s+|approaching\s+|close\s+to\s+)?(?:"
    + _TIME.format(p="n")
    + "|"
    + _HOURLESS
    + r")"
)
# "ten past five now": found back from each "now" (a search for the time itself everywhere
# would try every word of the text as an hour).
_BEFORE_NOW = kept_regex(r"\b(?P<t>" + _FULL + r")\s+$")
_NOW_WORD = kept_regex(r"\bnow\b")
# The start is the cramp's when its clause speaks of the cramp: "cramping since ten past
# six", "woke at four with a calf cramp", "it began at half eight".
_OF_THE_CRAMP = kept_regex(
    r"\b(?:cramp\w*|spasm\w*|locked|locking|seiz\w*|knot\w*|clenched|charley|it|this|that|"
    r"rock[\s-]+(?:hard|solid)|solid|(?:hard|tight|stiff)\s+as|like\s+a\s+(?:rock|brick|stone|"
    r"plank|board)|bunched|balled)\b"
)
_AMPM = kept_regex(r"([ap])\.?m\.?")
_IN_WORDS = kept_regex(
    r"(?P<m>.+?)(?:\s+(?:minutes?|mins?))?\s+(?P<dir>past|after|to|till|til)\s+(?P<h>\S+)"
)
_MINUTE_WORDS = {"quarter": 15, "a quarter": 15, "half": 30, "twenty five": 25, "twenty-five": 25}


def _hour(word: str) -> int | None:
    if word in _HOURS:
        return _HOURS[word]
    return int(word) if word.isdigit() else None


def _spoken_minutes(words: str) -> int | None:
    """ "forty-five" = 45, "o five" = 5, "fifteen" = 15."""
    total = 0
    for part in re.split(r"[\s-]+", words):
        if part in ("o", "oh"):
            continue
        value = number(part)
        if value is None:
            return None
        total += int(value)
    return total if total < 60 else None


def _read(time: str) -> tuple[int, str | None] | None:
    """Minutes after midnight of a matched time, and "a"/"p" when am or pm is told."""
    text = re.sub(r"\s+", " ", time.strip())
    marker = _AMPM.search(text)
    half = marker.group(1) if marker else None
    text = re.sub(r"\s*(?:[ap]\.?m\.?|o'?clock)$", "", text)
    hour: int | None
    minute = 0
    if m := _IN_WORDS.fullmatch(text):
        hour = _hour(m.group("h"))
        words = m.group("m")
        step = _MINUTE_WORDS.get(words)
        step = step if step is not None else _spoken_minutes(words)
        if hour is None or step is None:
            return None
        minute = step
        if m.group("dir") in ("to", "till", "til"):
            hour, minute = (hour - 1) % 24, 60 - step
    elif text.startswith("half "):
        hour, minute = _hour(text[5:]), 30  # British: "half two" is 2:30
    elif m := re.fullmatch(r"(\d{1,2})(?:[:.]|h)(\d\d)", text):
        hour, minute = int(m.group(1)), int(m.group(2))
    elif " " in text:
        word, rest = text.split(" ", 1)
        hour, spoken = _hour(word), _spoken_minutes(rest)
        if spoken is None:
            return None
        minute = spoken
    else:
        hour = _hour(text)
    if hour is None:
        return None
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return hour * 60 + minute, half


def elapsed(text: StoryText, of_the_cramp: bool = True) -> Iterator[Found]:
    """Time from a clock time the story starts at to the one it says it is now.

    "story.ago_s" for "at 4:40 ... now 5:05"; "story.ongoing_s" for "since 4:40 ... now
    5:05" (or "since before quarter past ten, now nearly eleven", "since the six o'clock
    news"), which says that what began then is still going on. Only a start told of the
    cramp counts, unless `of_the_cramp` is False (how long cooling has gone on).
    """
    norm = text.norm
    now = _last_now(norm)
    if now is None:
        return
    starts = [m for m in _START.finditer(norm, 0, now.start()) if m.end() <= now.start()]
    # Or told after it, in the same or the next sentence: "It's 2:10 and my calf has
    # been locked since 1:40."
    later = _START.search(norm, now.end(), min(len(norm), now.end() + _LATER_REACH))
    if not starts and later is None:
        return
    start = starts[-1] if starts else later
    assert start is not None
    clause = norm[text.clause_start(start.start()) : text.clause_end(start.end())]
    told = not of_the_cramp or _OF_THE_CRAMP.search(clause)
    read_start = _read(start.group("s")) if told else None
    if read_start is None:
        return  # "on my feet since eight": not when the cramp began
    if ON_AND_OFF.search(norm, text.clause_start(start.start()), text.clause_end(now.end())):
        return  # cramps that come and go since then: no one cramp's length
    said = now.groupdict()
    if said.get("r") is not None:  # "quarter past": of the hour after the start
        hour = read_start[0] // 60
        read_now = _read(f"{said['r']} {hour}")
        if read_now is not None and read_now[0] <= read_start[0]:
            read_now = (read_now[0] + 60, read_now[1])
    else:
        read_now = _read(said.get("n") or said["t"])
    if read_now is None:
        return
    (now_minutes, now_half), (start_minutes, start_half) = read_now, read_start
    gap = now_minutes - start_minutes
    if gap < 0:
        # "since 11:40, now 12:05" without am/pm, or across midnight.
        gap += 12 * 60 if now_half is None or start_half is None else 24 * 60
        if gap < 0:
            gap += 12 * 60
    if 0 < gap <= 24 * 60:
        field = "story.ongoing_s" if start.group("since") else "story.ago_s"
        yield Found(field, gap * 60.0, min(start.start(), now.start()), max(now.end(), start.end()))


_LATER_REACH = 200  # characters after "it's now ..." where its start may still be told


def _last_now(norm: str) -> re.Match[str] | None:
    """The last time the story says it is now: "it's now 5:05", "ten past five now"."""
    said = None
    for match in _NOW.finditer(norm):
        said = match
    told = None
    for word in _NOW_WORD.finditer(norm, said.end() if said is not None else 0):
        told = _BEFORE_NOW.search(norm, max(0, word.start() - 40), word.start()) or told
    return told or said
