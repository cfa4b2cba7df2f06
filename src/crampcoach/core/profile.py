"""The person's own measurements, kept between sessions and reused by plan and assess."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from crampcoach.knowledge.intake import AgeYears, BodyMass
from crampcoach.knowledge.plan_rules import SweatRate, SweatSodium


class Profile(BaseModel):
    """What crampcoach remembers about the person; every field optional."""

    model_config = ConfigDict(extra="forbid")

    age_years: AgeYears = None
    sex: Literal["female", "male", "other"] | None = None
    body_mass_kg: BodyMass = None
    sweat_rate_l_per_h: SweatRate = None
    sweat_sodium_mg_per_l: SweatSodium = None
    cramp_history: bool | None = None
    updated: datetime | None = None
