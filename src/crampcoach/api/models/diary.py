"""The diary over HTTP: a cramp to log, the patterns, an upload's and a restore's result.

Sessions, cramps, the profile and an export are the diary's own models
(`diary.records`, `core.profile`), used as they are.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from crampcoach.core.binomial import Interval
from crampcoach.core.patterns import Status
from crampcoach.diary.records import RowId, StorableTime
from crampcoach.knowledge.vocabulary import MuscleId


class CrampLogRequest(BaseModel):
    """A cramp: in a session (`session`, `offset_s` into it), at night, or at `time`."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"muscle": "hamstring", "severity": 7, "session": "last", "offset_s": 5400},
                {"muscle": "foot", "severity": 4, "at_night": True, "duration_s": 90},
            ]
        },
    )

    muscle: MuscleId
    severity: int = Field(ge=1, le=10, description="1 (mild) to 10 (worst ever)")
    duration_s: float | None = Field(None, ge=0, le=24 * 3600)
    session: RowId | Literal["last"] | None = Field(
        None, description="The session it came in: its id, or 'last'"
    )
    offset_s: float | None = Field(
        None, ge=0, description="Seconds into the session (default: its start)"
    )
    time: StorableTime | None = Field(None, description="When, if not in a session (default: now)")
    at_night: StrictBool = False
    relieved_by: str | None = Field(None, max_length=200)
    relief_s: float | None = Field(None, ge=0, le=24 * 3600)
    notes: str | None = Field(None, max_length=2000)


class PatternWords(BaseModel):
    """The cramp rate under one condition level against the rest, and a sentence on it."""

    model_config = ConfigDict(extra="forbid")

    condition: str
    level: str
    unit: Literal["session", "night"]
    factor_id: str | None
    prevention: str
    sessions: int
    cramp_sessions: int
    cramps: int
    rest_sessions: int
    rest_cramp_sessions: int
    rate: Interval | None
    rest_rate: Interval | None
    rate_ratio: Interval | None
    share_of_cramps: float | None
    status: Status
    summary: str = Field(description="The pattern in one sentence, in the response's language")


class PatternsResult(BaseModel):
    """The person's cramp patterns, best supported first, with the counts they rest on."""

    model_config = ConfigDict(extra="forbid")

    today: date
    sessions: int
    session_cramps: int
    night_cramps: int
    rule: str
    caveat: str
    patterns: list[PatternWords]


ImportStatus = Literal["imported", "duplicate", "skipped", "failed", "rejected"]


class FileResult(BaseModel):
    """What happened to one uploaded file."""

    file: str = Field(description="The file's name as uploaded")
    status: ImportStatus = Field(
        description="imported; duplicate (already in the diary); skipped (not an activity); "
        "failed (unreadable); rejected (not a watch file, or over the size cap: not read)"
    )
    session_id: int | None = Field(None, description="The session it became")
    reason: str | None = None
    warnings: list[str] = Field(
        default_factory=list,
        description="What was left out of an imported file: a value a sensor got wrong",
    )


class ImportResult(BaseModel):
    """Each uploaded file's outcome, in the order uploaded, and the counts."""

    files: int
    imported: int
    duplicates: int
    skipped: int
    failed: int
    rejected: int
    results: list[FileResult]


class ImportJobResult(BaseModel):
    """An import running in the background (POST /imports?background=true): how far it is,
    and the results of the files done so far."""

    id: str = Field(description="Poll GET /imports/{id} with it")
    status: Literal["running", "done", "failed"] = Field(
        description="failed: the import stopped on an unexpected error (files not done keep "
        "no result)"
    )
    files: int = Field(description="Files in the upload")
    done: int = Field(description="Files with a result so far")
    result: ImportResult


class RestoreResult(BaseModel):
    """What a restore put into the (empty) diary."""

    sessions: int
    cramps: int
    saved: int
    message: str
