"""The numbers and advice texts behind `sweat-rate` and `plan`: schema and loader of plan.yaml.

Every number names its sources (or says it is general advice); every advice text is a
template whose {placeholders} must be ones the planner fills. Errors name the file, the
entry and the field.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    Field,
    field_validator,
    model_validator,
)

from crampcoach.knowledge.claims import numbers_in
from crampcoach.knowledge.files import load_sections, parse_sections
from crampcoach.knowledge.models import FROZEN
from crampcoach.knowledge.schema import EvidenceGrade, SourceId
from crampcoach.knowledge.vocabulary import Intensity as Intensity
from crampcoach.knowledge.vocabulary import MuscleId

FILE_NAME = "plan.yaml"
# What a kept sweat rate and sweat sodium may be: up to just above the highest rate
# measured (plan.yaml max_plausible_sweat_rate_l_per_h [S50]) and the sodium range.
SweatRate = Annotated[float | None, Field(ge=0, le=6)]
SweatSodium = Annotated[float | None, Field(ge=0, le=3000)]
NumberEvidence = EvidenceGrade | Literal["arithmetic"]
SweatCategory = Literal["low", "typical", "high"]

# Placeholders the planner can fill; an advice template may use only these.
PLACEHOLDERS = frozenset(
    {
        "gain_kg",
        "change_percent",
        "loss_percent",
        "rehydrate_l",
        "sweat_sodium_mg_per_l",
        "sodium_basis",
        "sodium_mg_per_h",
        "sodium_lost_mg",
        "salt_g",
        "minutes",
        "sport",
        "muscles",
        "water_c",
        "temperature_c",
        "feels_c",
        "feels_basis",
        "duration_h",
        "fluid_ml_per_h",
        "fluid_per_15_ml",
        "ceiling_ml_per_h",
        "expected_loss_percent",
        "loss_note",
        "sweat_rate_l_per_h",
        "sweat_rate_basis",
        "estimate_l_per_h",
        "estimate_low",
        "estimate_high",
        "sweat_group",
        "reference_kg",
        "pre_low_ml",
        "pre_high_ml",
        "drink_mg_per_l",
        "salt_g_per_h",
        "teaspoon",
    }
)

# Advice ids the planner looks up; the file must define every one.
REQUIRED_ADVICE = frozenset(
    {
        "reading_gain",
        "reading_ok",
        "reading_over_2",
        "reading_over_5",
        "rehydrate",
        "sodium_loss",
        "salty_sweater",
        "weighing_tips",
        "warmup",
        "warmup_cold",
        "stretching_not_prevention",
        "cold_water",
        "very_cold_water",
        "water_unknown",
        "air_unknown",
        "cold_air",
        "swim_foot",
        "heat_caution",
        "heat_high",
        "heat_danger",
        "heat_illness_signs",
        "heat_not_cramp_cause",
        "pacing",
        "pacing_history",
        "pacing_race",
        "pacing_long",
        "pacing_damage",
        "sodium_personal",
        "fluid_none_needed",
        "fluid_plan",
        "fluid_thirst_enough",
        "fluid_guide",
        "fluid_estimate",
        "fluid_mass_assumed",
        "prehydrate",
        "overdrinking",
        "hyponatraemia_signs",
        "sodium_not_needed",
        "sodium_plan",
        "sodium_with_thirst",
        "sodium_gi",
        "sodium_honesty",
        "cramp_land_stretch",
        "cramp_calf",
        "cramp_hamstring",
        "cramp_quadriceps",
        "cramp_foot",
        "cramp_after",
        "cramp_pickle",
        "cramp_when_help",
        "cramp_water_float",
        "cramp_water_stretch",
    }
)


_PLACEHOLDER = re.compile(r"\{[^}]*\}")


class _Strict(BaseModel):
    model_config = FROZEN


def _check_sources(evidence: str, sources: list[str]) -> None:
    if evidence in ("general_advice", "arithmetic"):
        if sources:
            raise ValueError(f"{evidence} entries cite no sources (they are not cited facts)")
    elif not sources:
        raise ValueError(f"evidence {evidence!r} needs at least one source id")


class Number(_Strict):
    """One figure (or low-high range) with its unit and where it comes from."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    note: str = Field(min_length=5)
    evidence: NumberEvidence
    sources: list[SourceId] = Field(default_factory=list)
    # Whom and where a cited number was measured or meant for, so that no text moves it to
    # another population: "506 athletes of many sports", "field sweat tests in training".
    population: str | None = Field(None, min_length=3)
    setting: str | None = Field(None, min_length=3)

    @model_validator(mode="after")
    def _shape(self) -> Number:
        if self.value is None and (self.low is None or self.high is None):
            raise ValueError("give either value or both low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low is above high")
        _check_sources(self.evidence, self.sources)
        if self.sources and not (self.population and self.setting):
            raise ValueError(
                "a cited number says whom and where it was measured (population, setting)"
            )
        return self

    @property
    def v(self) -> float:
        """The single value (or the middle of the range)."""
        if self.value is not None:
            return self.value
        assert self.low is not None and self.high is not None
        return (self.low + self.high) / 2


class Ranges(_Strict):
    """What a planner or sweat-rate input may be (low-high): outside, it is a typing slip
    or a wrong unit, and the input is refused with the range it must be in."""

    duration_h: Number
    air_temperature_c: Number
    water_temperature_c: Number
    body_mass_kg: Number
    drank_l: Number
    urine_l: Number
    sweat_sodium_mg_per_l: Number

    @model_validator(mode="after")
    def _ranges(self) -> Ranges:
        for name, number in self.__dict__.items():
            if number.low is None or number.high is None:
                raise ValueError(f"{name}: give low and high")
        return self


class Numbers(_Strict):
    """Every figure the planner uses, by name."""

    litres_per_kg: Number
    target_max_loss_percent: Number
    refer_loss_percent: Number
    max_plausible_mass_change_percent: Number
    max_plausible_sweat_rate_l_per_h: Number
    rehydration_l_per_kg_lost: Number
    no_fluid_needed_minutes: Number
    overdrinking_risk_hours: Number
    fluid_cap_ml_per_h: Number
    reference_body_mass_kg: Number
    prehydration_ml_per_kg: Number
    long_session_hours: Number
    drink_sodium_mg_per_l: Number
    sodium_gi_caution_mg_per_h: Number
    sodium_cap_mg_per_h: Number
    salty_sweat_mg_per_l: Number
    sodium_fraction_of_salt: Number
    mg_per_mmol_sodium: Number
    grams_salt_per_teaspoon: Number
    cold_water_c: Number
    swim_failure_water_c: Number
    cold_air_c: Number
    warmup_minutes: Number
    cold_warmup_minutes: Number
    long_pacing_hours: Number
    prolonged_cramp_minutes: Number
    sweat_rate_sd_l_per_h: Number
    sweat_rate_min_l_per_h: Number


class SweatCategoryRule(_Strict):
    """Sweat sodium for a self-rated category: an estimate and its band."""

    TEXTS: ClassVar[tuple[str, ...]] = ("label",)

    mg_per_l: float = Field(gt=0)
    low: float = Field(gt=0)
    high: float = Field(gt=0)
    label: str
    sources: list[SourceId] = Field(min_length=1)
    population: str = Field(min_length=3, description="Whom the band was measured in")
    setting: str = Field(min_length=3, description="Where and how it was measured")

    @model_validator(mode="after")
    def _inside(self) -> SweatCategoryRule:
        if not self.low <= self.mg_per_l <= self.high:
            raise ValueError("mg_per_l must lie between low and high")
        return self


class SportRule(_Strict):
    """A sport: its names, typical sweat rate and the muscles it loads."""

    TEXTS: ClassVar[tuple[str, ...]] = ("label", "sweat_group")

    label: str
    aliases: list[str] = Field(default_factory=list)
    sweat_rate_l_per_h: float = Field(gt=0, le=6)
    sweat_group: str
    sources: list[SourceId] = Field(min_length=1)
    # Whom the sweat rate was measured in and how ("1,303 athletes, field sweat tests").
    population: str = Field(min_length=3)
    setting: str = Field(min_length=3)
    muscles: list[MuscleId] = Field(min_length=1)
    in_water: bool = Field(False, description="Part of it is in water: cold-water precautions")
    only_in_water: bool = Field(
        False, description="All of it is in water: air temperature says little about sweating"
    )

    @model_validator(mode="after")
    def _water(self) -> SportRule:
        if self.only_in_water and not self.in_water:
            raise ValueError("only_in_water needs in_water")
        return self


class TemperatureFactor(_Strict):
    below_c: float
    factor: float = Field(gt=0, le=3)


class SweatRateAdjustments(_Strict):
    """Rule-of-thumb factors for an estimated sweat rate (general advice)."""

    evidence: Literal["general_advice"]
    note: str
    temperature: list[TemperatureFactor] = Field(min_length=1)
    intensity: dict[Intensity, float]

    @model_validator(mode="after")
    def _ordered(self) -> SweatRateAdjustments:
        limits = [band.below_c for band in self.temperature]
        if limits != sorted(limits):
            raise ValueError("temperature bands must be in increasing order of below_c")
        if set(self.intensity) != {"easy", "usual", "hard", "race"}:
            raise ValueError("intensity needs easy, usual, hard and race")
        return self


class HeatBand(_Strict):
    from_c: float
    level: Literal["caution", "high", "danger"]
    advice: str


class Advice(_Strict):
    """One piece of advice: text and reason (templates), its evidence and sources."""

    TEXTS: ClassVar[tuple[str, ...]] = ("text", "reason")

    text: str = Field(min_length=10)
    reason: str = Field(min_length=10)
    evidence: EvidenceGrade
    sources: list[SourceId] = Field(default_factory=list)

    @field_validator("text", "reason")
    @classmethod
    def _known_placeholders(cls, template: str) -> str:
        for _, name, _, _ in string.Formatter().parse(template):
            if name is not None and name not in PLACEHOLDERS:
                raise ValueError(f"unknown placeholder {{{name}}}")
        return template

    @model_validator(mode="after")
    def _consistent(self) -> Advice:
        _check_sources(self.evidence, self.sources)
        # A figure written into the words (not a {placeholder} filled from `numbers`) is a
        # claim: it needs the sources it comes from.
        written = numbers_in(_PLACEHOLDER.sub("", f"{self.text} {self.reason}"))
        if written and not self.sources:
            raise ValueError(f"the number {written[0]!r} in the text needs sources")
        return self


class PlanRules(_Strict):
    """Everything plan.yaml holds, validated."""

    numbers: Numbers
    ranges: Ranges
    sweat_categories: dict[SweatCategory, SweatCategoryRule]
    sports: dict[str, SportRule]
    sweat_rate_adjustments: SweatRateAdjustments
    heat_bands: list[HeatBand]
    advice: dict[str, Advice]

    @model_validator(mode="after")
    def _cross_check(self) -> PlanRules:
        if set(self.sweat_categories) != {"low", "typical", "high"}:
            raise ValueError("sweat_categories needs low, typical and high")
        if "other" not in self.sports:
            raise ValueError("sports needs an 'other' entry")
        missing = sorted(REQUIRED_ADVICE - set(self.advice))
        if missing:
            raise ValueError(f"advice is missing {', '.join(missing)}")
        for band in self.heat_bands:
            if band.advice not in self.advice:
                raise ValueError(f"heat band {band.level} names unknown advice {band.advice!r}")
        return self

    def source_ids(self) -> set[str]:
        """Every source id the file cites."""
        ids: set[str] = set()
        for number in [*self.numbers.__dict__.values(), *self.ranges.__dict__.values()]:
            ids.update(number.sources)
        for group in (self.sweat_categories, self.sports, self.advice):
            for entry in group.values():
                ids.update(entry.sources)
        return ids


def parse_plan_rules(data: Any, file_name: str = FILE_NAME) -> PlanRules:
    """Validate already-read YAML data; KnowledgeError names file, entry and field."""
    return parse_sections(PlanRules, data, file_name)


def load_plan_rules(path: Path | None = None) -> PlanRules:
    """Read and validate plan.yaml (the package's own unless `path` is given)."""
    return load_sections(PlanRules, FILE_NAME, path)
