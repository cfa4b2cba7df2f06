"""The person's own measurements, kept between sessions and reused by plan and assess."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Profile(BaseModel):
    """What crampcoach remembers about the person; every field optional."""

    model_config = ConfigDict(extra="forbid")

    age_years: float | None = Field(None, ge=0, le=120)
    sex: Literal["female", "male", "other"] | None = None
    body_mass_kg: float | None = Field(None, ge=2, le=350)
    sweat_rate_l_per_h: float | None = Field(None, ge=0, le=6)
    sweat_sodium_mg_per_l: float | None = Field(None, ge=0, le=3000)
    cramp_history: bool | None = None
    updated: datetime | None = None
