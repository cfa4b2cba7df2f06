"""Read a GPX track with gpxpy; heart rate and temperatures come from the point extensions."""

from __future__ import annotations

import functools
import re
from datetime import datetime
from typing import Any

import gpxpy
import gpxpy.gpx

from crampcoach.diary.importers import xml_repairs
from crampcoach.diary.importers.record import (
    ActivityFileError,
    ActivityRecord,
    NotAnActivityError,
    as_utc,
    mean,
    to_utc,
)
from crampcoach.i18n import N_, NP_
from crampcoach.knowledge.sports import file_sport
from crampcoach.message import Message

# Garmin's TrackPointExtension says <gpxtpx:hr>, <gpxtpx:atemp> and, in the water,
# <gpxtpx:wtemp>; other apps write <heartrate>, <gpxdata:hr>, <temp> ... in their own
# namespaces, so match the local name only.
_HEART_RATE_TAGS = frozenset({"hr", "heartrate", "heart_rate"})
_TEMPERATURE_TAGS = frozenset({"atemp", "temp", "temperature"})
_WATER_TEMPERATURE_TAGS = frozenset({"wtemp"})


# Elements that name a sport, in any namespace (their local name, as in _HEART_RATE_TAGS);
# a <link>'s <type> is a MIME type, so links are left out of the search.
_SPORT_ELEMENT = re.compile(
    r"<(?:[\w.-]+:)?(?:type|sport|sporttype|activity|activitytype)\b[^>]*>\s*([^<]{1,80}?)\s*<",
    re.IGNORECASE,
)
_LINK = re.compile(r"<(?:[\w.-]+:)?link\b.*?</(?:[\w.-]+:)?link>", re.IGNORECASE | re.DOTALL)
_HEAD_CHARS = 65536  # where a file's own words end and its points begin, at the latest


def _decode(data: bytes) -> str:
    """Text of the file; gpxpy itself only decodes UTF-8, older exports use Latin-1 or UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


@functools.cache
def _kind(tag: str) -> str | None:
    """ "hr", "temp", "wtemp" or None for an element tag such as "{namespace}hr"."""
    local = tag.rpartition("}")[2].rpartition(":")[2].lower()
    if local in _HEART_RATE_TAGS:
        return "hr"
    if local in _WATER_TEMPERATURE_TAGS:
        return "wtemp"
    return "temp" if local in _TEMPERATURE_TAGS else None


def _extension_values(extensions: list[Any]) -> tuple[float | None, float | None, float | None]:
    """Heart rate, air temperature and water temperature in one point's raw extension
    elements."""
    heart_rate = temperature = water = None
    for extension in extensions:
        for element in extension.iter():
            tag = element.tag
            # lxml yields comments and processing instructions with a callable tag
            kind = _kind(tag) if isinstance(tag, str) else None
            if kind is None or element.text is None:
                continue
            try:
                value = float(element.text)
            except ValueError:
                continue
            if kind == "hr":
                heart_rate = value
            elif kind == "wtemp":
                water = value
            else:
                temperature = value
    return heart_rate, temperature, water


def _span(times: list[datetime]) -> tuple[datetime, datetime]:
    """First and last time in UTC. Points are in time order; min/max only guard the odd file
    that is not, as comparing gpxpy's aware times is slow."""
    first, last = to_utc(times[0]), to_utc(times[-1])
    if last < first:
        utc = [to_utc(t) for t in times]
        first, last = min(utc), max(utc)
    return first, last


def parse_gpx(data: bytes) -> ActivityRecord:
    """Summarise the tracks of a GPX file; raises NotAnActivityError when it has none."""
    try:
        gpx, text, mended = _parse(data)
    except gpxpy.gpx.GPXXMLSyntaxException:
        raise  # not well-formed XML: read_activity says so
    except gpxpy.gpx.GPXException as exc:  # a value gpxpy cannot read ("108,0" for <ele>)
        raise ActivityFileError(
            N_("GPX file holds a value that cannot be read ({reason})"), reason=str(exc)[:200]
        ) from exc
    points = 0
    heart_rates: list[float] = []
    temperatures: list[float] = []
    waters: list[float] = []
    spans: list[tuple[datetime, datetime]] = []
    has_elevation = False
    misplaced = 0
    for track in gpx.tracks:
        for segment in track.segments:
            kept = [p for p in segment.points if _on_earth(p.latitude, p.longitude)]
            misplaced += len(segment.points) - len(kept)
            segment.points = kept
            times: list[datetime] = []
            for point in segment.points:
                points += 1
                if point.time is not None:
                    times.append(point.time)
                has_elevation = has_elevation or point.elevation is not None
                if point.extensions:
                    heart_rate, temperature, water = _extension_values(point.extensions)
                    if heart_rate is not None:
                        heart_rates.append(heart_rate)
                    if temperature is not None:
                        temperatures.append(temperature)
                    if water is not None:
                        waters.append(water)
            if times:
                spans.append(_span(times))
    if points == 0 and misplaced:
        raise ActivityFileError(N_("GPX file: every track point has a position off the globe"))
    if points == 0:
        raise NotAnActivityError(N_("GPX file has no track points (only routes or waypoints?)"))
    # A pause usually starts a new segment, so the segments' spans add up to the moving time.
    moving_s = sum((last - first).total_seconds() for first, last in spans)
    start = min(first for first, _ in spans) if spans else as_utc(gpx.time)
    end = max(last for _, last in spans) if spans else None
    elapsed = (end - start).total_seconds() if start and end else None
    return ActivityRecord(
        source_path="",
        source_sha256="",
        file_format="gpx",
        sport=_sport(gpx, text),
        start=start,
        duration_s=moving_s if spans else None,
        elapsed_s=elapsed,
        distance_m=gpx.length_2d(),
        ascent_m=gpx.get_uphill_downhill().uphill if has_elevation else None,
        avg_heart_rate=mean(heart_rates),
        max_heart_rate=max(heart_rates) if heart_rates else None,
        temperature_c=mean(temperatures),
        points=points,
        skipped=(*mended, *_misplaced(misplaced)),
        water_temperature_c=mean(waters),
    )


def _on_earth(latitude: float, longitude: float) -> bool:
    """Whether a point's position can be: a damaged one (a latitude of 999, NaN) would make
    the track's length a math error or thousands of km."""
    return -90 <= latitude <= 90 and -180 <= longitude <= 180  # False for NaN


def _misplaced(count: int) -> list[Message]:
    if not count:
        return []
    said = NP_(
        "{count} point with a position off the globe skipped",
        "{count} points with a position off the globe skipped",
    )
    return [Message(said, {"count": count})]


def _parse(data: bytes) -> tuple[gpxpy.gpx.GPX, str, list[Message]]:
    """The GPX and its text, read strictly, else after mending the damage `xml_repairs`
    knows (said)."""
    text = _decode(data)
    try:
        return gpxpy.parse(text), text, []
    except gpxpy.gpx.GPXXMLSyntaxException as strict:
        mended, said = xml_repairs.mend(data)
        if not said:
            raise
        text = _decode(mended)
        try:
            return gpxpy.parse(text), text, said
        except gpxpy.gpx.GPXXMLSyntaxException:
            raise strict from None  # the file's own fault, not the mended copy's


def _sport(gpx: gpxpy.gpx.GPX, text: str) -> str | None:
    """The sport the file names: its tracks' <type>, else an element before the first
    point that says one (<metadata><type>, an app's extension such as <gpxdata:sportType>).
    A number is read in the numbering of the app named in the file's head (Strava's)."""
    first_point = text.find("<trkpt")
    head = text[: first_point if 0 <= first_point < _HEAD_CHARS else _HEAD_CHARS]
    labels = [str(track.type) for track in gpx.tracks if track.type]
    labels += [m.group(1) for m in _SPORT_ELEMENT.finditer(_LINK.sub("", head))]
    return next((s for label in labels if (s := file_sport(label, app=head)) is not None), None)
