"""Read a FIT activity with fitdecode: session totals, filled in from the records; the
relative humidity from the weather the device was told during the activity (its
`weather_conditions` messages of the current weather, which a watch writes when a phone
gives it the forecast). FIT has no field for the water's temperature."""

from __future__ import annotations

import dataclasses
import io
import struct
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
)
from crampcoach.i18n import N_
from crampcoach.knowledge.sports import NO_SPORT, file_sport, sport_key
from crampcoach.message import Message

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
            if name not in _RECORD_FIELDS:
                continue
            if name == "timestamp" and isinstance(value, datetime):
                self.first = self.first or value
                self.last = value
            elif not isinstance(value, int | float):
                continue  # absent, or garbled into a tuple by a damaged definition
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


# The messages in which a FIT file names its sport (and sub-sport), the most telling first:
# a session's, the `sport` message's (which a truncated file may keep without a session),
# then its laps'.
_NAMING = ("session", "sport", "lap")
Named = dict[str, set[tuple[object, object]]]  # message name -> its (sport, sub_sport) pairs


def _sport(named: Named) -> str | None:
    """The sport the first of `_NAMING` that names one says; "multisport" when it names
    several (a triathlon's legs)."""
    for source in _NAMING:
        sports = {file_sport(sport, sub) for sport, sub in named[source]} - {None}
        if sports:
            return sports.pop() if len(sports) == 1 else "multisport"
    return None


def _sub_sport(named: Named) -> str | None:
    """The one sub-sport ("treadmill") the first of `_NAMING` that gives one says."""
    for source in _NAMING:
        subs = {sport_key(sub) for _, sub in named[source] if isinstance(sub, str)} - NO_SPORT
        if subs:
            return subs.pop() if len(subs) == 1 else None
    return None


# What fitdecode itself raises on a message garbled past what it checks (a field of an
# impossible size, a count that does not fit): the file is damaged there, like a FitError.
_SLIPS = (struct.error, ValueError, TypeError, AssertionError, IndexError, KeyError, OverflowError)
TRUNCATED = N_("truncated FIT file: read up to byte {offset}, where it ends; the rest is missing")
DAMAGED = N_(
    "damaged FIT file at byte {offset} ({reason}): what came before was read, the rest of the "
    "file skipped"
)


def parse_fit(data: bytes) -> ActivityRecord:
    """Summarise a FIT activity; raises ActivityFileError when it holds no activity.

    A file damaged or cut off after its activity began (a bad message, a truncated end) keeps
    what was read before the damage, and says in `skipped` where it stopped.
    """
    sessions: list[dict[str, Any]] = []
    records = _Records()
    file_type: object = None
    messages = 0
    # Tolerate unknown developer fields and bad CRCs (common from Coros, Wahoo, Apple Watch
    # exports); a truncated or garbled body ends the read where it is.
    stream = io.BytesIO(data)
    reader = fitdecode.FitReader(
        stream,
        check_crc=fitdecode.CrcCheck.DISABLED,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    )
    named: Named = {source: set() for source in _NAMING}
    damage: Message | None = None  # where a damaged file stopped being read
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
                elif frame.name in _NAMING:
                    named[frame.name].add(_sport_fields(frame))
                elif frame.name == "file_id" and file_type is None:
                    file_type = frame.get_value("type", fallback=None)
    except fitdecode.FitEOFError as exc:
        if messages == 0:
            raise ActivityFileError(N_("truncated FIT file ({reason})"), reason=str(exc)) from exc
        damage = Message(TRUNCATED, {"offset": exc.offset + exc.got})
    except (fitdecode.FitError, *_SLIPS) as exc:
        if messages == 0:
            raise ActivityFileError(N_("damaged FIT file ({reason})"), reason=_reason(exc)) from exc
        offset = getattr(exc, "offset", None)
        where = offset if isinstance(offset, int) else stream.tell()
        damage = Message(DAMAGED, {"offset": where, "reason": _reason(exc)})
    if messages == 0:
        if damage is not None:
            raise ActivityFileError(damage.id, **damage.values)
        raise ActivityFileError(N_("FIT file holds no messages"))
    if isinstance(file_type, str) and file_type != "activity":
        raise NotAnActivityError(N_("a FIT {file_type} file, not an activity"), file_type=file_type)
    if not sessions and records.count == 0:  # weather reports alone are no activity
        if damage is not None:
            raise ActivityFileError(damage.id, **damage.values)
        raise NotAnActivityError(N_("FIT file has neither session nor record messages"))
    named["session"] = {(s.get("sport"), s.get("sub_sport")) for s in sessions}
    record = _summarise(sessions, records, named)
    if damage is None:
        return record
    return dataclasses.replace(record, skipped=(damage,))


def _reason(exc: Exception) -> str:
    """What went wrong, in a few words: fitdecode's after its "FIT parsing error @ N: "
    prefix, else the error's kind and first line."""
    if isinstance(exc, fitdecode.FitParseError):
        return str(exc).partition(": ")[2] or str(exc)
    if isinstance(exc, fitdecode.FitError):
        return str(exc)
    text = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _sport_fields(frame: Any) -> tuple[object, object]:
    return frame.get_value("sport", fallback=None), frame.get_value("sub_sport", fallback=None)


def _summarise(sessions: list[dict[str, Any]], records: _Records, named: Named) -> ActivityRecord:
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
        sport=_sport(named),
        start=as_utc(start),
        duration_s=duration if duration is not None else elapsed,
        elapsed_s=elapsed,
        distance_m=distance,
        ascent_m=ascent,
        avg_heart_rate=avg_hr,
        max_heart_rate=max_hr,
        temperature_c=temperature,
        points=records.count,
        sub_sport=_sub_sport(named),
        humidity_percent=mean(records.humidities),
    )
