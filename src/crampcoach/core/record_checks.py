"""Whether a diary record can be: its values against the ranges of records.yaml.

Pure: a record's values (by the diary's field names), the `RecordRules`, today and the
person's time zone in; the problems out, each naming its field, with a message id and its
values (the range's reason among them). A record typed by hand is refused with any problem
(`RecordError`). For a watch file, a problem whose rule says `drop` leaves its fields out of
the session (`RecordProblem.drops`) and the rest is kept; any other refuses the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.knowledge.record_rules import (
    AfterToday,
    Earliest,
    FieldRange,
    RecordRules,
)
from crampcoach.message import Message

OUT_OF_RANGE = N_("{value:,.6g} {unit} is out of range, {low:,.10g} to {high:,.10g} {unit}: {why}")
TOO_EARLY = N_("{value} is before {earliest}: {why}")
AFTER_TODAY = N_("{value} is after today ({today}): {why}")
ABOVE = N_("{value:g} {unit} is above {other} ({limit:g} {unit}): {why}")
TOO_FAST = N_(
    "{distance:.4g} km in {duration:.4g} s is {speed:.0f} km/h on average, faster than "
    "{limit:g} km/h for {sport}: {why}"
)
FIELD_PROBLEM = N_("{field}: {problem}")
AND_THEN = N_("{first}; {then}")


@dataclass(frozen=True)
class RecordProblem:
    """One value that cannot be: its field, what is wrong, and for a watch file whether the
    session is kept without `drops` (else the file is refused)."""

    field: str
    message: Message
    drop: bool = False
    drops: tuple[str, ...] = ()


class RecordError(InputError):
    """A record with values that cannot be; `problems` names each field."""

    def __init__(self, problems: Sequence[RecordProblem]) -> None:
        self.problems = tuple(problems)
        said = [Message(FIELD_PROBLEM, {"field": p.field, "problem": p.message}) for p in problems]
        joined = said[0]
        for more in said[1:]:
            joined = Message(AND_THEN, {"first": joined, "then": more})
        super().__init__(N_("{problems}"), problems=joined)


def session_problems(
    values: Mapping[str, Any],
    rules: RecordRules,
    today: date,
    tz: tzinfo,
    *,
    from_watch: bool = False,
) -> list[RecordProblem]:
    """What cannot be in a session's `values` (a watch file's when `from_watch`)."""
    kept = rules.sessions
    problems: list[RecordProblem] = []
    start = values.get("start")
    if isinstance(start, datetime):
        earliest = kept.start.earliest_from_watch if from_watch else kept.start.earliest_by_hand
        problems += _dated("start", start, earliest, kept.start.after_today, today, tz)
    for name, bound in kept.fields:
        problems += _ranged(name, values.get(name), bound)
    for rule in kept.at_most:
        value, limit = values.get(rule.field), values.get(rule.at_most)
        named = {p.field for p in problems}
        if value is None or limit is None or value <= limit or named & {rule.field, rule.at_most}:
            continue
        said = {"value": value, "unit": kept.fields.avg_heart_rate.unit, "other": rule.at_most}
        message = Message(ABOVE, {**said, "limit": limit, "why": Message(rule.note)})
        both = (rule.field, rule.at_most)
        problems.append(RecordProblem(rule.field, message, rule.watch == "drop", both))
    problems += _speed(values, rules, {p.field for p in problems})
    return problems


def cramp_problems(
    values: Mapping[str, Any], rules: RecordRules, today: date, tz: tzinfo
) -> list[RecordProblem]:
    """What cannot be in a cramp's `values`."""
    kept = rules.cramps
    problems: list[RecordProblem] = []
    moment = values.get("time")
    if isinstance(moment, datetime):
        problems += _dated("time", moment, kept.time.earliest, kept.time.after_today, today, tz)
    for name, bound in kept.fields:
        problems += _ranged(name, values.get(name), bound)
    return problems


def _dated(
    field: str,
    moment: datetime,
    earliest: Earliest,
    after_today: AfterToday,
    today: date,
    tz: tzinfo,
) -> list[RecordProblem]:
    day = moment.astimezone(tz).date() if moment.tzinfo is not None else moment.date()
    if day < earliest.date:
        values = {"value": day.isoformat(), "earliest": earliest.date.isoformat()}
        return [RecordProblem(field, Message(TOO_EARLY, {**values, "why": Message(earliest.note)}))]
    if day > today + timedelta(days=after_today.days):
        values = {"value": day.isoformat(), "today": today.isoformat()}
        message = Message(AFTER_TODAY, {**values, "why": Message(after_today.note)})
        return [RecordProblem(field, message)]
    return []


def _ranged(field: str, value: Any, bound: FieldRange) -> list[RecordProblem]:
    if value is None or bound.low <= value <= bound.high:
        return []
    values = {"value": value, "unit": bound.unit, "low": bound.low, "high": bound.high}
    message = Message(OUT_OF_RANGE, {**values, "why": Message(bound.note)})
    return [RecordProblem(field, message, bound.watch == "drop", (field,))]


def _speed(values: Mapping[str, Any], rules: RecordRules, named: set[str]) -> list[RecordProblem]:
    """A distance covered faster than anyone can (a track whose every point has one time)."""
    distance, duration = values.get("distance_m"), values.get("duration_s")
    if distance is None or not duration or duration <= 0 or "distance_m" in named:
        return []
    speeds = rules.sessions.speed
    sport = str(values.get("sport") or "")
    limit = speeds.by_sport.get(sport, speeds.any_sport)
    km_h = distance / 1000 / (duration / 3600)
    if km_h <= limit.km_h:
        return []
    said = {"distance": distance / 1000, "duration": duration, "speed": km_h}
    shown = {**said, "limit": limit.km_h, "sport": sport or Message(N_("any sport"))}
    message = Message(TOO_FAST, {**shown, "why": Message(limit.note)})
    return [RecordProblem("distance_m", message, speeds.watch == "drop", ("distance_m",))]
