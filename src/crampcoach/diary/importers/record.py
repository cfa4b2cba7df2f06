"""The record every importer returns, its errors, and helpers the three parsers share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from crampcoach.errors import InputError
from crampcoach.message import Message


class ActivityFileError(InputError):
    """A watch file that cannot be read; the message names the file and the reason."""


class NotAnActivityError(ActivityFileError):
    """A readable file that holds no activity (a FIT settings or monitoring file, a GPX route)."""


@dataclass(frozen=True)
class ActivityRecord:
    """What one activity file tells about a session; times are timezone-aware UTC."""

    source_path: str
    source_sha256: str  # of the file's bytes as stored (gzipped or not)
    file_format: str  # "fit" | "gpx" | "tcx"
    sport: str | None
    start: datetime | None
    duration_s: float | None  # moving/timer time when known, else elapsed
    elapsed_s: float | None
    distance_m: float | None
    ascent_m: float | None
    avg_heart_rate: float | None
    max_heart_rate: float | None
    temperature_c: float | None  # average device/air temperature when recorded
    points: int  # track points or records read
    sub_sport: str | None = None  # e.g. "treadmill", "indoor_cycling" (FIT only)
    # What a damaged file lost or needed mended to be read (a truncated end, an undeclared
    # namespace prefix): the import keeps the rest and shows these as warnings.
    skipped: tuple[Message, ...] = ()
    humidity_percent: float | None = None  # the weather's reports in a FIT file
    water_temperature_c: float | None = None  # GPX <gpxtpx:wtemp>


def to_utc(moment: datetime) -> datetime:
    """The same instant in UTC; a naive time is taken as UTC, as GPX and TCX specify."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """`to_utc` that lets None through."""
    return None if moment is None else to_utc(moment)


def mean(values: Iterable[float]) -> float | None:
    """Arithmetic mean, or None for no values."""
    total = 0.0
    count = 0
    for value in values:
        total += value
        count += 1
    return total / count if count else None


def ascent_of(elevations: Iterable[float]) -> float | None:
    """Sum of the rises between consecutive elevations; None when there are none."""
    ascent = 0.0
    previous: float | None = None
    for elevation in elevations:
        if previous is not None and elevation > previous:
            ascent += elevation - previous
        previous = elevation
    return ascent if previous is not None else None
