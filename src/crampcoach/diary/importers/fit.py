"""Read a FIT activity with fitdecode: session totals, filled in from the records; the
relative humidity from the weather the device was told during the activity (its
`weather_conditions` messages of the current weather, which a watch writes when a phone
gives it the forecast). FIT has no field for the water's temperature."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import fitdecode

from crampcoach.diary.importers.record import (
    ActivityFileError,
    ActivityRecord,
    NotAnActivityError,
    as_utc,
    ascent_of,
    mean,
    normalize_sport,
)
from crampcoach.i18n import N_

_RECORD_FIELDS = frozenset(
    {"timestamp", "heart_rate", "distance", "temperature", "enhanced_altitude", "altitude"}
)


@dataclass
class _Records:
    """What the per-second `record` messages add up to; used where the session is silent."""

    count: int = 0
    first: datetime | None = None
    last: datetime | None = None
    max_distance: float | None = None
    heart_rates: list[float] = field(default_factory=list)
    temperatures: list[float] = field(default_factory=list)
    altitudes: list[float] = field(default_factory=list)
    humidities: list[float] = field(default_factory=list)  # of the current weather reports

    def add_weather(self, message: Any) -> None:
        """A weather report: its relative humidity counts when it is the current weather (not
        a forecast of later hours or days)."""
        if message.get_value("weather_report", fallback=None) != "current":
            return
        humidity = message.get_value("relative_humidity", fallback=None)
        if isinstance(humidity, int | float):
            self.humidities.append(float(humidity))

    def add(self, message: Any) -> None:
        self.count += 1
        altitude = enhanced_altitude = None
        for fld in message.fields:
            name, value = fld.name, fld.value
            if value is None or name not in _RECORD_FIELDS:
                continue
            if name == "timestamp" and isinstance(value, datetime):
                self.first = self.first or value
                self.last = value
            elif name == "heart_rate":
                self.heart_rates.append(float(value))
            elif name == "distance":
                self.max_distance = max(float(value), self.max_distance or 0.0)
            elif name == "temperature":
                self.temperatures.append(float(value))
            elif name == "enhanced_altitude":
                enhanced_altitude = float(value)
            elif name == "altitude":
                altitude = float(value)
        # Newer devices write enhanced_altitude (wider range); older ones only altitude.
        chosen = enhanced_altitude if enhanced_altitude is not None else altitude
        if chosen is not None:
            self.altitudes.append(chosen)

    def span_s(self) -> float | None:
        if self.first is None or self.last is None:
            return None
        return (self.last - self.first).total_seconds()


def _number(session: dict[str, Any], name: str) -> float | None:
    value = session.get(name)
    return float(value) if isinstance(value, int | float) else None


def _total(sessions: list[dict[str, Any]], name: str) -> float | None:
    """Sum over sessions (a multisport file has one per leg); None when none has it."""
    values = [v for s in sessions if (v := _number(s, name)) is not None]
    return sum(values) if values else None


def _weighted(sessions: list[dict[str, Any]], name: str) -> float | None:
    """An average field across sessions, weighted by each session's time."""
    pairs = [
        (v, _number(s, "total_timer_time") or _number(s, "total_elapsed_time") or 1.0)
        for s in sessions
        if (v := _number(s, name)) is not None
    ]
    weight = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / weight if pairs and weight else None


def _label(sessions: list[dict[str, Any]], name: str, mixed: str | None) -> str | None:
    labels = {normalize_sport(s.get(name)) for s in sessions} - {None}
    if len(labels) > 1:
        return mixed
    return labels.pop() if labels else None


def parse_fit(data: bytes) -> ActivityRecord:
    """Summarise a FIT activity; raises ActivityFileError when it holds no activity."""
    sessions: list[dict[str, Any]] = []
    records = _Records()
    file_type: object = None
    messages = 0
    # Tolerate unknown developer fields and bad CRCs (common from Coros, Wahoo, Apple Watch
    # exports); a truncated or garbled body still raises, and the caller names the file.
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.DISABLED,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    )
    try:
        with reader:
            for frame in reader:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                messages += 1
                if frame.name == "record":
                    records.add(frame)
                elif frame.name == "weather_conditions":
                    records.add_weather(frame)
                elif frame.name == "session":
                    sessions.append({f.name: f.value for f in frame.fields})
                elif frame.name == "file_id" and file_type is None:
                    file_type = frame.get_value("type", fallback=None)
    except fitdecode.FitEOFError as exc:
        raise ActivityFileError(N_("truncated FIT file ({reason})"), reason=str(exc)) from exc
    except fitdecode.FitError as exc:
        raise ActivityFileError(N_("damaged FIT file ({reason})"), reason=str(exc)) from exc
    if messages == 0:
        raise ActivityFileError(N_("FIT file holds no messages"))
    if isinstance(file_type, str) and file_type != "activity":
        raise NotAnActivityError(N_("a FIT {file_type} file, not an activity"), file_type=file_type)
    if not sessions and records.count == 0:  # weather reports alone are no activity
        raise NotAnActivityError(N_("FIT file has neither session nor record messages"))
    return _summarise(sessions, records)


def _summarise(sessions: list[dict[str, Any]], records: _Records) -> ActivityRecord:
    starts = [s["start_time"] for s in sessions if isinstance(s.get("start_time"), datetime)]
    heart_maxima = [v for s in sessions if (v := _number(s, "max_heart_rate")) is not None]
    start = min(starts) if starts else None
    elapsed = _total(sessions, "total_elapsed_time")
    distance = _total(sessions, "total_distance")
    ascent = _total(sessions, "total_ascent")
    avg_hr = _weighted(sessions, "avg_heart_rate")
    max_hr = max(heart_maxima) if heart_maxima else None
    temperature = _weighted(sessions, "avg_temperature")
    # Where the session is missing or silent, the records speak (summed as they were read:
    # keeping every message of a long activity for later would cost memory and time).
    if None in (start, elapsed, distance, ascent, avg_hr, max_hr, temperature):
        start = start or records.first
        elapsed = elapsed if elapsed is not None else records.span_s()
        distance = distance if distance is not None else records.max_distance
        ascent = ascent if ascent is not None else ascent_of(records.altitudes)
        avg_hr = avg_hr if avg_hr is not None else mean(records.heart_rates)
        if max_hr is None and records.heart_rates:
            max_hr = max(records.heart_rates)
        temperature = temperature if temperature is not None else mean(records.temperatures)
    duration = _total(sessions, "total_timer_time")
    return ActivityRecord(
        source_path="",
        source_sha256="",
        file_format="fit",
        sport=_label(sessions, "sport", mixed="multisport"),
        start=as_utc(start),
        duration_s=duration if duration is not None else elapsed,
        elapsed_s=elapsed,
        distance_m=distance,
        ascent_m=ascent,
        avg_heart_rate=avg_hr,
        max_heart_rate=max_hr,
        temperature_c=temperature,
        points=records.count,
        sub_sport=_label(sessions, "sub_sport", mixed=None),
        humidity_percent=mean(records.humidities),
    )
