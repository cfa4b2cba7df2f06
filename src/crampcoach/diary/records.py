"""The diary's records as validated values: what goes in (`...Create`), what comes out."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from crampcoach.core.profile import Profile
from crampcoach.knowledge.sports import sport_name
from crampcoach.knowledge.vocabulary import MUSCLES as MUSCLES
from crampcoach.knowledge.vocabulary import Intensity, MuscleId


def _has_utc(value: datetime) -> datetime:
    """A time the diary can keep: one that has a place in UTC (the years 1 to 9999 there),
    which the diary stores. The value itself is kept as given."""
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise ValueError("the time falls outside the years 1 to 9999 in UTC") from None
    return value


# A time with its offset that the diary can store (a request's or a record's).
StorableTime = Annotated[AwareDatetime, AfterValidator(_has_utc)]

# Ids as the databases store them (a 64-bit signed integer).
RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def normalize_sport(sport: str | None) -> str:
    """One spelling per sport ("Biking", "ride" -> "cycling"); none given -> "other"."""
    return (sport_name(sport) if sport else "")[:40] or "other"


# A measurement: a finite number. What it can be (no negative distance, no heart rate of
# 300) is knowledge, records.yaml, checked by the Coach (core.record_checks) with the reason
# for each range; a stored record is read back as it was kept.
Measure = Annotated[float, Field(allow_inf_nan=False)]


class SessionCreate(BaseModel):
    """A session to store; every measurement optional except start and duration."""

    model_config = ConfigDict(extra="forbid")

    sport: str = Field("other", min_length=1, max_length=40)
    start: StorableTime
    duration_s: Measure
    distance_m: Measure | None = None
    ascent_m: Measure | None = None
    avg_heart_rate: Measure | None = None
    max_heart_rate: Measure | None = None
    temperature_c: Measure | None = None  # the air's
    humidity_percent: Measure | None = None  # relative humidity of the air
    water_temperature_c: Measure | None = None
    warmup: bool | None = None
    fluids_l: Measure | None = None
    sodium_mg: Measure | None = None
    effort: Intensity | None = None
    notes: str | None = None
    source_file: str | None = None
    source_sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")

    @field_validator("sport")
    @classmethod
    def _sport(cls, value: str) -> str:
        return normalize_sport(value)


class Session(SessionCreate):
    """A stored session."""

    id: RowId


def filled_in(typed: SessionCreate, imported: SessionCreate) -> dict[str, Any]:
    """What a watch file's session (`imported`) fills in of the same session typed by hand:
    what it measured where the typed session has nothing (the heart rates only together, so
    an average never exceeds a maximum it was not typed with; the sport where it was left
    "other"). Its start, duration and typed values stay."""
    filled = {
        name: getattr(imported, name)
        for name in (
            "distance_m",
            "ascent_m",
            "temperature_c",
            "humidity_percent",
            "water_temperature_c",
        )
        if getattr(typed, name) is None and getattr(imported, name) is not None
    }
    if typed.avg_heart_rate is None and typed.max_heart_rate is None:
        hearts = ("avg_heart_rate", "max_heart_rate")
        filled |= {n: v for n in hearts if (v := getattr(imported, n)) is not None}
    if typed.sport == "other":
        filled["sport"] = imported.sport
    return filled


class CrampCreate(BaseModel):
    """A cramp to store: in a session (`session_id`), at night, or neither."""

    model_config = ConfigDict(extra="forbid")

    time: StorableTime
    muscle: MuscleId
    severity: int = Field(ge=1, le=10)
    duration_s: Measure | None = None
    session_id: RowId | None = None
    at_night: bool = False
    relieved_by: str | None = None
    relief_s: Measure | None = None
    notes: str | None = None

    @model_validator(mode="after")
    def _night_or_session(self) -> CrampCreate:
        if self.at_night and self.session_id is not None:
            raise ValueError("a cramp is either in a session or at night, not both")
        return self


class Cramp(CrampCreate):
    """A stored cramp."""

    id: RowId


class Saved(BaseModel):
    """A saved assessment or plan."""

    model_config = ConfigDict(extra="forbid")

    id: RowId
    kind: Literal["assessment", "plan"]
    created: AwareDatetime
    payload: dict[str, Any]


class Athlete(BaseModel):
    """A person whose diary the database keeps."""

    model_config = ConfigDict(from_attributes=True)

    id: RowId
    name: str | None = None
    created: AwareDatetime


class DiaryExport(BaseModel):
    """Everything in a diary, as `crampcoach export --format json` writes it."""

    model_config = ConfigDict(extra="forbid")

    # Required on restore: a JSON file without them is not an export.
    format: Literal["crampcoach-diary"]
    version: Literal[1]
    exported: datetime | None = None
    sessions: list[Session] = []
    cramps: list[Cramp] = []
    profile: Profile = Profile()
    saved: list[Saved] = []
