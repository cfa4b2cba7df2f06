"""Clock times in a story, and the time between them ("since 4:40, it's now 5:05")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from crampcoach.core.story.quantities import Found
from crampcoach.core.story.text import StoryText

# A clock time needs minutes, am/pm or "o'clock": a bare "at 5" may be km 5.
_TIME = (
    r"(?P<{p}h>[01]?\d|2[0-3])(?:(?:[:.]|h)(?P<{p}m>[0-5]\d)\s*(?P<{p}ap>[ap]\.?m\.?)?"
    r"|\s*(?P<{p}ap2>[ap]\.?m\.?)(?![a-z])|\s*o'?clock)"
)
_START = re.compile(
    r"\b(?:(?P<since>since|from)|at|around|about|began\s+at|started\s+at|started\s+around)"
    r"\s+(?:about\s+|around\s+)?" + _TIME.format(p="s")
)
_NOW = re.compile(
    r"\b(?:now|it'?s|it\s+is)\s+(?:now\s+)?(?:already\s+)?(?:about\s+|around\s+|nearly\s+|gone\s+)?"
    + _TIME.format(p="n")
    + r"|"
    + _TIME.format(p="t")
    + r"\s+now\b"
)


def _minutes(m: re.Match[str], p: str) -> tuple[int, str | None]:
    hour = int(m.group(p + "h"))
    minute = int(m.group(p + "m") or 0)
    marker = m.group(p + "ap") or m.group(p + "ap2")
    half = marker[0] if marker else None
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return hour * 60 + minute, half


def elapsed(text: StoryText) -> Iterator[Found]:
    """Time from a clock time the story starts at to the one it says it is now.

    "story.ago_s" for "at 4:40 ... now 5:05"; "story.ongoing_s" for "since 4:40 ... now
    5:05", which says that what began then is still going on.
    """
    norm = text.norm
    nows = list(_NOW.finditer(norm))
    if not nows:
        return
    now = nows[-1]
    prefix = "n" if now.group("nh") is not None else "t"
    now_minutes, now_half = _minutes(now, prefix)
    starts = [m for m in _START.finditer(norm, 0, now.start()) if m.end() <= now.start()]
    if not starts:
        return
    start_minutes, start_half = _minutes(starts[-1], "s")
    gap = now_minutes - start_minutes
    if gap < 0:
        # "since 11:40, now 12:05" without am/pm, or across midnight.
        gap += 12 * 60 if now_half is None or start_half is None else 24 * 60
    if 0 < gap <= 24 * 60:
        field = "story.ongoing_s" if starts[-1].group("since") else "story.ago_s"
        yield Found(field, gap * 60.0, starts[-1].start(), now.end())
