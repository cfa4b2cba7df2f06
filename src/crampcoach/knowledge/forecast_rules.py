"""The personal cramp forecast's rules: schema and loader of forecast.yaml.

The population prior (a session rate per intensity, odds rules), what makes a past session
similar to the planned one, the risk bands, and which part of the plan a personal pattern
shapes. Every number names its sources or says it is general advice, as in plan.yaml.
Errors name the file, the entry and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.files import load_sections
from crampcoach.knowledge.loader import KnowledgeBase
from crampcoach.knowledge.plan_rules import Number
from crampcoach.knowledge.schema import Id

FILE_NAME = "forecast.yaml"

# The planned session's conditions an odds rule may test (core.forecast.PlannedSession).
BoolField = Literal["history", "sodium_planned"]
NumberField = Literal["duration_h", "feels_like_c", "air_c", "water_c"]
PlanPart = Literal["sodium", "pacing"]
# The past and planned sessions' conditions a term of the person's model reads.
TermField = Literal["air_c", "duration_h", "intensity", "sodium"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Test(_Strict):
    """One test of an odds rule: a yes/no condition is (or is not) so, or a quantity is
    at least `at_least` and below `below`. A condition not known never matches."""

    field: BoolField | NumberField
    is_: bool | None = Field(None, alias="is")
    at_least: float | None = None
    below: float | None = None

    @model_validator(mode="after")
    def _shape(self) -> Test:
        yes_no = self.field in ("history", "sodium_planned")
        if yes_no != (self.is_ is not None) or (
            yes_no == (self.at_least is not None or self.below is not None)
        ):
            raise ValueError(
                f"{self.field} takes {'is: true or false' if yes_no else 'at_least or below'}"
            )
        if self.at_least is not None and self.below is not None and self.at_least >= self.below:
            raise ValueError("at_least must be below below")
        return self


class OddsRule(_Strict):
    """An odds multiplier of the prior, standing for a factor of factors.yaml."""

    id: Id
    factor: Id
    group: Id
    when: list[Test] = Field(min_length=1)
    ratio: Number

    @model_validator(mode="after")
    def _positive(self) -> OddsRule:
        if self.ratio.v <= 0:
            raise ValueError("an odds ratio is above zero")
        return self


class PersonTerm(_Strict):
    """One sensitivity of the person's own model: a slope of their log-odds of a cramp,
    learned from their diary and shrunk toward 0 (the population's) by a normal prior of
    standard deviation `sd`. Its value in a session: `air_c` per `per` degrees from
    `centre`; `duration_h` per doubling from `centre` hours; `intensity` per step from
    usual (easy, usual, hard, race); `sodium` 1 when the session's sodium `is` so. A
    condition not known counts as the centre (0)."""

    id: Id
    factor: Id
    field: TermField
    centre: float | None = None
    per: float | None = None
    is_: bool | None = Field(None, alias="is")
    sd: Number
    note: str = Field(min_length=5)  # why the term, and what its centre and scale mean

    @model_validator(mode="after")
    def _shape(self) -> PersonTerm:
        needs = {
            "air_c": ("centre", "per"),
            "duration_h": ("centre",),
            "intensity": (),
            "sodium": ("is_",),
        }[self.field]
        given = tuple(k for k in ("centre", "per", "is_") if getattr(self, k) is not None)
        if given != needs:
            wanted = ", ".join(k.rstrip("_") for k in needs) or "nothing more"
            raise ValueError(f"a term of {self.field} takes {wanted}")
        if (self.per is not None and self.per <= 0) or (
            self.field == "duration_h" and (self.centre or 0) <= 0
        ):
            raise ValueError("per and a duration centre are above zero")
        if self.sd.v <= 0:
            raise ValueError("sd is above zero")
        return self


class PersonModel(_Strict):
    """The person's own model: their level (an intercept of standard deviation
    `level_sd`) and their sensitivities, on top of the population prior."""

    level_sd: Number
    terms: list[PersonTerm]

    @model_validator(mode="after")
    def _unique(self) -> PersonModel:
        ids = [t.id for t in self.terms]
        if len(set(ids)) != len(ids):
            raise ValueError("term ids are unique")
        if self.level_sd.v <= 0:
            raise ValueError("level_sd is above zero")
        return self


class SessionRates(_Strict):
    """The chance of a cramp in one session at each intensity, before anything else."""

    easy: Number
    usual: Number
    hard: Number
    race: Number

    @model_validator(mode="after")
    def _ordered(self) -> SessionRates:
        rates = [self.easy.v, self.usual.v, self.hard.v, self.race.v]
        if not all(0 < r < 1 for r in rates) or rates != sorted(rates):
            raise ValueError("rates are between 0 and 1 and rise from easy to race")
        return self

    def of(self, intensity: str) -> float:
        number: Number = getattr(self, intensity)
        return number.v


class Similarity(_Strict):
    """How much a past session says about the planned one: weights multiply to 0-1."""

    other_sport: Number
    temperature_half_c: Number
    humidity_half_points: Number
    water_temperature_half_c: Number
    duration_half_doublings: Number
    intensity_half_steps: Number
    sodium_differs: Number
    warmup_differs: Number
    unknown: Number
    similar_from: Number
    min_similar: Number
    most_weight: Number

    @model_validator(mode="after")
    def _in_range(self) -> Similarity:
        for name in ("other_sport", "sodium_differs", "warmup_differs", "unknown", "similar_from"):
            if not 0 <= getattr(self, name).v <= 1:
                raise ValueError(f"{name} is a weight between 0 and 1")
        for name in (
            "temperature_half_c",
            "humidity_half_points",
            "water_temperature_half_c",
            "duration_half_doublings",
            "intensity_half_steps",
            "most_weight",
        ):
            if getattr(self, name).v <= 0:
                raise ValueError(f"{name} is above zero")
        return self


class Bands(_Strict):
    moderate_from: Number
    high_from: Number

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if not 0 < self.moderate_from.v < self.high_from.v < 1:
            raise ValueError("0 < moderate_from < high_from < 1")
        return self


class Bins(_Strict):
    edges: list[float] = Field(min_length=3)
    note: str = Field(min_length=5)

    @model_validator(mode="after")
    def _edges(self) -> Bins:
        if self.edges[0] != 0 or self.edges[-1] != 1 or self.edges != sorted(set(self.edges)):
            raise ValueError("bin edges rise from 0 to 1")
        return self


class Calibration(_Strict):
    min_forecasts: Number
    max_forecasts: Number
    bins: Bins


class ForecastRules(_Strict):
    """Everything forecast.yaml holds, validated."""

    session_rates: SessionRates
    strength: Number
    person: PersonModel
    odds: list[OddsRule]
    similarity: Similarity
    bands: Bands
    interval: Number
    shapes: dict[Id, PlanPart]
    calibration: Calibration

    @model_validator(mode="after")
    def _consistent(self) -> ForecastRules:
        ids = [rule.id for rule in self.odds]
        if len(set(ids)) != len(ids):
            raise ValueError("odds rule ids are unique")
        if self.strength.v <= 0 or not 0.5 <= self.interval.v < 1:
            raise ValueError("strength is above zero and interval between 0.5 and 1")
        return self

    def numbers(self) -> list[tuple[str, Number]]:
        """Every number with its place in the file (for the source check)."""
        found: list[tuple[str, Number]] = [("strength", self.strength)]
        found += [("person.level_sd", self.person.level_sd), ("interval", self.interval)]
        found += [(f"person.terms.{t.id}.sd", t.sd) for t in self.person.terms]
        found += [(f"session_rates.{k}", v) for k, v in self.session_rates]
        found += [(f"odds.{r.id}.ratio", r.ratio) for r in self.odds]
        for section in (self.similarity, self.bands):
            found += [(k, v) for k, v in section if isinstance(v, Number)]
        return found


def check_forecast_rules(data: ForecastRules, kb: KnowledgeBase) -> None:
    """Every source and factor id resolves; KnowledgeError names the field."""
    for place, number in data.numbers():
        for source in number.sources:
            if source not in kb.sources:
                raise KnowledgeError(
                    f"{FILE_NAME}: entry {place}: field sources: unknown source {source!r}"
                )
    for rule in data.odds:
        if rule.factor not in kb.factors:
            raise KnowledgeError(
                f"{FILE_NAME}: entry odds.{rule.id}: field factor: unknown factor {rule.factor!r}"
            )
    for term in data.person.terms:
        if term.factor not in kb.factors:
            raise KnowledgeError(
                f"{FILE_NAME}: entry person.terms.{term.id}: field factor: "
                f"unknown factor {term.factor!r}"
            )
    for factor in data.shapes:
        if factor not in kb.factors:
            raise KnowledgeError(f"{FILE_NAME}: entry shapes: field {factor}: unknown factor")


def load_forecast_rules(kb: KnowledgeBase, path: Path | None = None) -> ForecastRules:
    """Read, validate and cross-check forecast.yaml (the package's own unless `path` is given)."""
    data = load_sections(ForecastRules, FILE_NAME, path)
    check_forecast_rules(data, kb)
    return data
