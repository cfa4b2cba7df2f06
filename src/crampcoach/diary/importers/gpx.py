"""Read a GPX track with gpxpy; heart rate and temperature come from the point extensions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import gpxpy

from crampcoach.diary.importers.record import (
    ActivityRecord,
    NotAnActivityError,
    as_utc,
    mean,
    normalize_sport,
)

# Garmin's TrackPointExtension says <gpxtpx:hr> and <gpxtpx:atemp>; other apps write <heartrate>,
# <gpxdata:hr>, <temp> ... in their own namespaces, so match the local name only.
_HEART_RATE_TAGS = frozenset({"hr", "heartrate", "heart_rate"})
_TEMPERATURE_TAGS = frozenset({"atemp", "temp", "temperature"})


def _decode(data: bytes) -> str:
    """Text of the file; gpxpy itself only decodes UTF-8, older exports use Latin-1."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _extension_values(extensions: list[Any]) -> tuple[float | None, float | None]:
    """Heart rate and temperature in one point's raw extension elements."""
    heart_rate = temperature = None
    for extension in extensions:
        for element in extension.iter():
            tag = element.tag
            if not isinstance(tag, str) or element.text is None:
                continue  # lxml yields comments and processing instructions with a callable tag
            local = tag.rpartition("}")[2].rpartition(":")[2].lower()
            if local in _HEART_RATE_TAGS or local in _TEMPERATURE_TAGS:
                try:
                    value = float(element.text)
                except ValueError:
                    continue
                if local in _HEART_RATE_TAGS:
                    heart_rate = value
                else:
                    temperature = value
    return heart_rate, temperature


def parse_gpx(data: bytes) -> ActivityRecord:
    """Summarise the tracks of a GPX file; raises NotAnActivityError when it has none."""
    gpx = gpxpy.parse(_decode(data))
    points = 0
    heart_rates: list[float] = []
    temperatures: list[float] = []
    all_times: list[datetime] = []
    moving_s = 0.0  # a pause usually starts a new segment, so segment spans add up to moving time
    has_elevation = False
    for track in gpx.tracks:
        for segment in track.segments:
            times: list[datetime] = []
            for point in segment.points:
                points += 1
                moment = as_utc(point.time)
                if moment is not None:
                    times.append(moment)
                has_elevation = has_elevation or point.elevation is not None
                if point.extensions:
                    heart_rate, temperature = _extension_values(point.extensions)
                    if heart_rate is not None:
                        heart_rates.append(heart_rate)
                    if temperature is not None:
                        temperatures.append(temperature)
            if times:
                moving_s += (max(times) - min(times)).total_seconds()
                all_times.extend(times)
    if points == 0:
        raise NotAnActivityError("GPX file has no track points (only routes or waypoints?)")
    start = min(all_times) if all_times else as_utc(gpx.time)
    elapsed = (max(all_times) - min(all_times)).total_seconds() if all_times else None
    return ActivityRecord(
        source_path="",
        source_sha256="",
        file_format="gpx",
        sport=normalize_sport(gpx.tracks[0].type) if gpx.tracks else None,
        start=start,
        duration_s=moving_s if all_times else None,
        elapsed_s=elapsed,
        distance_m=gpx.length_2d(),
        ascent_m=gpx.get_uphill_downhill().uphill if has_elevation else None,
        avg_heart_rate=mean(heart_rates),
        max_heart_rate=max(heart_rates) if heart_rates else None,
        temperature_c=mean(temperatures),
        points=points,
    )
