"""`POST /plan`, `POST /sweat-rate` and the profile: a session planned, a sweat test read.

A plan's and a sweat test's advice is a `PlanItem` of the core (message ids and values);
here it is `PlanItemWords`, its text and reason in the request's language. The results
mirror the core's models field by field (`extra="forbid"` fails on a field the core adds).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, StrictBool, WithJsonSchema

from crampcoach.core.forecast import Forecast
from crampcoach.core.hydration import FluidMode, SweatEstimate
from crampcoach.core.plan import PlanSession
from crampcoach.core.sweat import SodiumBasis, SweatStatus
from crampcoach.knowledge.vocabulary import EvidenceGrade, MuscleId

MAX_QUANTITY = 40


def _quantity(value: Any) -> float | str:
    """A number, or text with a unit; one error naming the field (not one per type tried)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and len(value) <= MAX_QUANTITY:
        return value
    raise ValueError(f"give a number, or text with a unit like '90min' (up to {MAX_QUANTITY})")


Quantity = Annotated[
    float | str,
    PlainValidator(_quantity),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "maxLength": MAX_QUANTITY, "examples": ["90min", "86F"]},
            ]
        }
    ),
]


class PlanRequest(BaseModel):
    """A session to plan; a number is in the unit named, text may name its own unit."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"sport": "cycling", "duration": "4h", "temperature": "33C", "humidity": 55},
                {
                    "sport": "swimming",
                    "duration": 1.5,
                    "water_temperature": "15C",
                    "intensity": "race",
                    "cramp_history": True,
                },
            ]
        },
    )

    sport: str = Field(max_length=40, description="running, cycling, swimming, ... or an alias")
    duration: Quantity = Field(description="Hours, or '90min', '3h'")
    temperature: Quantity | None = Field(
        None, description="Air temperature: °C, or '86F'; not needed for swimming"
    )
    humidity: Quantity | None = Field(None, description="Relative humidity, %")
    water_temperature: Quantity | None = Field(None, description="For swimming: °C, or '59F'")
    intensity: str = Field("usual", max_length=20, description="easy, usual, hard or race")
    sweat_rate: Quantity | None = Field(None, description="Measured sweat rate, L/h")
    body_mass: Quantity | None = Field(None, description="kg, or '154lb'")
    cramp_history: StrictBool | None = Field(None, description="Has cramped in such sessions")
    sodium: Quantity | None = Field(None, description="Measured sweat sodium, mg/L or '40mmol/L'")
    sweat: str | None = Field(
        None, max_length=20, description="Or its saltiness: low, typical, high"
    )
    use_profile: StrictBool = Field(
        True,
        description="Fill what is not given from the saved profile (sweat rate, sodium, "
        "body mass, cramp history)",
    )
    save: StrictBool = Field(False, description="Keep the plan in the diary")


class PlanItemWords(BaseModel):
    """One piece of advice: what to do and why, in words, with its evidence and sources."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str
    reason: str
    evidence: EvidenceGrade
    sources: list[str]


class WarmupWords(BaseModel):
    model_config = ConfigDict(extra="forbid")

    minutes_low: int
    minutes_high: int
    muscles: list[MuscleId]
    cold: bool
    items: list[PlanItemWords]


class FluidWords(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: FluidMode
    ml_per_h: int
    ceiling_ml_per_h: int
    cap_ml_per_h: int
    sweat_rate: SweatEstimate
    body_mass_kg: float
    body_mass_assumed: bool
    expected_loss_percent: float | None
    items: list[PlanItemWords]


class SodiumWords(BaseModel):
    model_config = ConfigDict(extra="forbid")

    needed: bool
    mg_per_h: int
    drink_mg_per_l: int | None
    sweat_sodium_mg_per_l: float
    sweat_sodium_basis: SodiumBasis
    sweat_sodium_loss_mg_per_h: int
    cap_mg_per_h: int
    salt_g_per_h: float
    items: list[PlanItemWords]


class CrampResponseWords(BaseModel):
    model_config = ConfigDict(extra="forbid")

    land: list[PlanItemWords]
    water: list[PlanItemWords]


class ForecastWordsModel(BaseModel):
    """The forecast in sentences of the request's language."""

    model_config = ConfigDict(extra="forbid")

    headline: str
    basis: list[str]
    reasons: list[str]
    population: str | None


class ForecastResult(Forecast):
    """This person's chance of a cramp in the session (from their diary), what it rests
    on, and its sentences."""

    model_config = ConfigDict(extra="forbid")

    words: ForecastWordsModel


class PlanResult(BaseModel):
    """The plan: warm-up, conditions, pacing, fluid, sodium and what to do if a cramp comes."""

    model_config = ConfigDict(extra="forbid")

    session: PlanSession
    warmup: WarmupWords
    conditions: list[PlanItemWords]
    pacing: list[PlanItemWords]
    fluid_ml_per_h: int
    fluid: FluidWords
    sodium_mg_per_h: int
    sodium: SodiumWords
    if_cramp: CrampResponseWords
    forecast: ForecastResult | None = Field(
        description="Your cramp forecast for the session, from your diary"
    )
    disclaimer: str = Field(description="Not medical advice")
    from_profile: list[str] = Field(description="The profile's fields the plan used")


class CalibrationBinResult(BaseModel):
    """One bin of forecasts: how many, their mean, and the share that had a cramp."""

    model_config = ConfigDict(extra="forbid")

    low: float
    high: float
    forecasts: int
    mean_forecast: float | None
    observed: float | None


class ForecastReportResult(BaseModel):
    """How well the forecast does on the diary: each of the latest sessions against the
    forecast made before it from the sessions before it alone."""

    model_config = ConfigDict(extra="forbid")

    forecasts: int = Field(description="Sessions scored (each with the forecast made before it)")
    cramps: int = Field(description="Of them, sessions with a cramp")
    needed: int = Field(description="Forecasts needed before the report says anything")
    enough: bool
    brier: float | None = Field(description="Brier score of the personal forecast")
    brier_prior: float | None = Field(description="Brier score of the population figure alone")
    bins: list[CalibrationBinResult]
    words: list[str] = Field(description="The report in sentences, in the request's language")


class SweatRateRequest(BaseModel):
    """Body mass before and after a session, what was drunk and passed, and how long."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"before": "82.4kg", "after": "81.1kg", "drank": "600ml", "duration": "75min"},
                {"before": 61, "after": 60.2, "drank": 0.5, "duration": 1, "sweat": "high"},
            ]
        },
    )

    before: Quantity = Field(description="Body mass before: kg, or '154lb'")
    after: Quantity = Field(description="Body mass after: kg, or '152lb'")
    drank: Quantity = Field(description="Drunk during it: L, or '750ml'")
    duration: Quantity = Field(description="Hours, or '90min'")
    urine: Quantity = Field(0.0, description="Urine passed during it: L")
    sodium: Quantity | None = Field(None, description="Measured sweat sodium, mg/L")
    sweat: str | None = Field(
        None, max_length=20, description="Or its saltiness: low, typical, high"
    )
    save: StrictBool = Field(
        False, description="Keep the rate, body mass and sodium in the profile"
    )


class SweatRateReport(BaseModel):
    """What one weighed session says about sweating, with its reading in words."""

    model_config = ConfigDict(extra="forbid")

    before_kg: float
    after_kg: float
    drank_l: float
    urine_l: float
    duration_h: float
    mass_change_kg: float
    mass_change_percent: float
    sweat_loss_l: float
    sweat_rate_l_per_h: float
    status: SweatStatus
    sweat_sodium_mg_per_l: float | None
    sodium_basis: SodiumBasis | None
    sweat_sodium_range_mg_per_l: tuple[float, float] | None
    sodium_mg_per_h: float | None
    sodium_mg_per_h_range: tuple[float, float] | None
    sodium_lost_mg: float | None
    rehydrate_l: float | None
    reading: list[PlanItemWords]
    disclaimer: str = Field(description="Not medical advice")
    saved: bool = Field(description="Kept in the profile")
