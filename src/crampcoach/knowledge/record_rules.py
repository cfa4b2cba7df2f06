"""What a diary record can physically and physiologically be: schema and loader of records.yaml.

Every range says why it is what it is (`note`, a person reads it when a value is refused)
and, for a watch file, whether a value outside it refuses the file or is dropped from it
with a warning (`watch`). The checks themselves are `core.record_checks`. Errors name the
file, the entry and the field.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from crampcoach.knowledge.files import load_sections, parse_sections
from crampcoach.knowledge.schema import SourceId
from crampcoach.knowledge.vocabulary import EvidenceGrade

FILE_NAME = "records.yaml"
# refuse: a watch file with a value outside is refused by name (what it says about the
# session's when and how long is wrong); drop: the value is left out of the session it
# gives, with a warning (one sensor's reading is wrong, the rest of the file is good).
OnWatch = Literal["refuse", "drop"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Reasoned(_Strict):
    """A bound and the reason for it."""

    TEXTS: ClassVar[tuple[str, ...]] = ("note",)

    note: str = Field(min_length=10)
    evidence: EvidenceGrade
    sources: list[SourceId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _cited(self) -> _Reasoned:
        if (self.evidence == "general_advice") == bool(self.sources):
            raise ValueError("general advice cites no sources; any other grade needs one")
        return self


class FieldRange(_Reasoned):
    """What one measured field of a record may be, in the unit the diary keeps it in."""

    low: float
    high: float
    unit: str = Field(min_length=1)
    watch: OnWatch = "drop"

    @model_validator(mode="after")
    def _ordered(self) -> FieldRange:
        if self.low >= self.high:
            raise ValueError("low must be below high")
        return self


class Earliest(_Reasoned):
    """No record before this day."""

    date: date


class AfterToday(_Reasoned):
    """How many days after today a record may be dated (0: today at the latest)."""

    days: int = Field(ge=0, le=2)


class SessionStart(_Strict):
    """When a session may have started: by hand, from a watch file, and at the latest."""

    earliest_by_hand: Earliest
    earliest_from_watch: Earliest
    after_today: AfterToday

    @model_validator(mode="after")
    def _watch_later(self) -> SessionStart:
        if self.earliest_from_watch.date < self.earliest_by_hand.date:
            raise ValueError("earliest_from_watch must not be before earliest_by_hand")
        return self


class SessionRanges(_Strict):
    """The measured fields of a session, by their names in the diary."""

    duration_s: FieldRange
    distance_m: FieldRange
    ascent_m: FieldRange
    avg_heart_rate: FieldRange
    max_heart_rate: FieldRange
    temperature_c: FieldRange
    humidity_percent: FieldRange
    water_temperature_c: FieldRange
    fluids_l: FieldRange
    sodium_mg: FieldRange

    @model_validator(mode="after")
    def _duration_kept(self) -> SessionRanges:
        if self.duration_s.watch != "refuse":
            raise ValueError("duration_s: watch must be refuse (a session has a duration)")
        return self


class AtMost(_Reasoned):
    """One field of a record may not be above another (an average above its maximum)."""

    field: Literal["avg_heart_rate"]
    at_most: Literal["max_heart_rate"]
    watch: OnWatch = "drop"


class Speed(_Reasoned):
    """The fastest average speed of a session (distance over duration), in km/h."""

    km_h: float = Field(gt=0)


class Speeds(_Strict):
    """The fastest average speed for any sport, and for the sports that are slower."""

    any_sport: Speed
    by_sport: dict[str, Speed] = Field(default_factory=dict)
    watch: OnWatch = "refuse"

    @model_validator(mode="after")
    def _slower(self) -> Speeds:
        for sport, speed in self.by_sport.items():
            if speed.km_h > self.any_sport.km_h:
                raise ValueError(f"by_sport.{sport} is faster than any_sport")
        return self


class SessionRules(_Strict):
    start: SessionStart
    fields: SessionRanges
    at_most: list[AtMost] = Field(default_factory=list)
    speed: Speeds


class CrampTime(_Strict):
    earliest: Earliest
    after_today: AfterToday


class CrampRanges(_Strict):
    duration_s: FieldRange
    relief_s: FieldRange


class CrampRules(_Strict):
    time: CrampTime
    fields: CrampRanges


class RecordRules(_Strict):
    """Everything records.yaml holds, validated."""

    sessions: SessionRules
    cramps: CrampRules

    def source_ids(self) -> set[str]:
        """Every source id the file cites."""
        found: set[str] = set()

        def walk(value: object) -> None:
            if isinstance(value, _Reasoned):
                found.update(value.sources)
            if isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    walk(getattr(value, name))
            elif isinstance(value, list | tuple):
                for item in value:
                    walk(item)
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)

        walk(self)
        return found


def parse_record_rules(data: Any, file_name: str = FILE_NAME) -> RecordRules:
    """Validate already-read YAML data; KnowledgeError names file, entry and field."""
    return parse_sections(RecordRules, data, file_name)


def load_record_rules(path: Path | None = None) -> RecordRules:
    """Read and validate records.yaml (the package's own unless `path` is given)."""
    return load_sections(RecordRules, FILE_NAME, path)
