"""The person's own measurements, kept between sessions and reused by plan and assess."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

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


# A plan option the profile fills when it is not given, and the profile field it reads.
PLAN_FILLS = (
    ("sweat_rate", "sweat_rate_l_per_h"),
    ("sodium", "sweat_sodium_mg_per_l"),
    ("body_mass", "body_mass_kg"),
    ("cramp_history", "cramp_history"),
)


def fill_plan_options(
    given: Mapping[str, Any], profile: Profile
) -> tuple[dict[str, Any], list[str]]:
    """The plan options with what `given` leaves as None taken from `profile` (numbers in
    the profile's units: L/h, mg/L, kg), and the profile fields used, in PLAN_FILLS order.

    A measured sodium is not used when the options give a sweat kind ("salty") instead.
    """
    values = dict(given)
    used: list[str] = []
    for option, field in PLAN_FILLS:
        saved = getattr(profile, field)
        if values.get(option) is not None or saved is None:
            continue
        if option == "sodium" and values.get("sweat") is not None:
            continue
        values[option] = saved
        used.append(field)
    return values, used
