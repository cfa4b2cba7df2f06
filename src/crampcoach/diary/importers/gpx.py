"""Read a GPX track with gpxpy; heart rate and temperatures come from the point extensions."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

import gpxpy

from crampcoach.diary.importers.record import (
    ActivityRecord,
    NotAnActivityError,
    as_utc,
    mean,
    normalize_sport,
    to_utc,
)
from crampcoach.i18n import N_

# Garmin's TrackPointExtension says <gpxtpx:hr>, <gpxtpx:atemp> and, in the water,
# <gpxtpx:wtemp>; other apps write <heartrate>, <gpxdata:hr>, <temp> ... in their own
# namespaces, so match the local name only.
_HEART_RATE_TAGS = frozenset({"hr", "heartrate", "heart_rate"})
_TEMPERATURE_TAGS = frozenset({"atemp", "temp", "temperature"})
_WATER_TEMPERATURE_TAGS = frozenset({"wtemp"})


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
    gpx = gpxpy.parse(_decode(data))
    points = 0
    heart_rates: list[float] = []
    temperatures: list[float] = []
    waters: list[float] = []
    spans: list[tuple[datetime, datetime]] = []
    has_elevation = False
    for track in gpx.tracks:
        for segment in track.segments:
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
        sport=normalize_sport(gpx.tracks[0].type) if gpx.tracks else None,
        start=start,
        duration_s=moving_s if spans else None,
        elapsed_s=elapsed,
        distance_m=gpx.length_2d(),
        ascent_m=gpx.get_uphill_downhill().uphill if has_elevation else None,
        avg_heart_rate=mean(heart_rates),
        max_heart_rate=max(heart_rates) if heart_rates else None,
        temperature_c=mean(temperatures),
        points=points,
        water_temperature_c=mean(waters),
    )
