"""The thresholds, factor links and advice behind `patterns`: schema and loader of patterns.yaml.

Every number names its sources (or says it is general advice), as in plan.yaml. The advice
is not written here: each factor names entries of its `prevention` list in factors.yaml,
which `check_pattern_rules` resolves. Errors name the file, the entry and the field.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.files import parse_sections, read_yaml
from crampcoach.knowledge.loader import KnowledgeBase
from crampcoach.knowledge.plan_rules import Number
from crampcoach.knowledge.schema import Advice, EvidenceGrade, Id, SourceId
from crampcoach.knowledge.vocabulary import Intensity

FILE_NAME = "patterns.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PatternNumbers(_Strict):
    """Every cut point the patterns use, by name."""

    hot_c: Number
    cold_c: Number
    short_session_min: Number
    long_session_min: Number
    very_long_session_min: Number
    long_hot_session_min: Number
    long_night_session_min: Number
    low_fluid_l_per_h: Number
    high_fluid_l_per_h: Number
    hard_heart_rate_fraction: Number
    easy_heart_rate_fraction: Number
    min_peak_heart_rate_bpm: Number
    recent_hard_session_days: Number
    recovered_after_days: Number

    @model_validator(mode="after")
    def _ordered(self) -> PatternNumbers:
        for low, high in (
            ("cold_c", "hot_c"),
            ("short_session_min", "long_session_min"),
            ("long_session_min", "very_long_session_min"),
            ("low_fluid_l_per_h", "high_fluid_l_per_h"),
            ("easy_heart_rate_fraction", "hard_heart_rate_fraction"),
            ("recent_hard_session_days", "recovered_after_days"),
        ):
            if getattr(self, low).v >= getattr(self, high).v:
                raise ValueError(f"{low} must be below {high}")
        if self.hard_heart_rate_fraction.v > 1:
            raise ValueError("hard_heart_rate_fraction is a share of the highest heart rate")
        return self


class HardEfforts(_Strict):
    """Which logged efforts count as hard, and why."""

    efforts: list[Intensity] = Field(min_length=1)
    note: str = Field(min_length=5)
    evidence: EvidenceGrade
    sources: list[SourceId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _cited(self) -> HardEfforts:
        if (self.evidence == "general_advice") == bool(self.sources):
            raise ValueError("general advice cites no sources; any other grade needs one")
        return self


class PatternLinks(_Strict):
    """The factor id each condition points at when its cramp rate is higher."""

    long_session: Id
    hard_effort: Id
    sport: Id
    soon_after_hard_session: Id
    night_after_hard_or_long_session: Id
    cold: Id
    hot: Id
    low_fluid: Id
    high_fluid: Id
    no_sodium: Id
    hot_without_sodium: Id
    long_and_hot: Id
    no_warmup: Id


class PatternRulesData(_Strict):
    """Everything patterns.yaml holds, validated."""

    numbers: PatternNumbers
    hard_efforts: HardEfforts
    links: PatternLinks
    prevention: dict[Id, list[int]]
    no_factor: str = Field(min_length=10)

    @model_validator(mode="after")
    def _advised(self) -> PatternRulesData:
        for factor in sorted(set(self.links.model_dump().values()) - set(self.prevention)):
            raise ValueError(f"prevention names no advice for linked factor {factor!r}")
        for factor, items in self.prevention.items():
            if not items or len(set(items)) != len(items):
                raise ValueError(f"prevention of {factor!r} needs distinct entries")
        return self

    def advice(self, kb: KnowledgeBase) -> dict[str, list[Advice]]:
        """Factor id -> the factors.yaml prevention entries a pattern shows (checked first)."""
        return {
            factor: [kb.factors[factor].prevention[i] for i in items]
            for factor, items in self.prevention.items()
        }


def check_pattern_rules(data: PatternRulesData, kb: KnowledgeBase) -> None:
    """Every source, factor id and prevention entry resolves; KnowledgeError names the field."""
    for name, number in data.numbers:
        for source in number.sources:
            if source not in kb.sources:
                raise KnowledgeError(
                    f"{FILE_NAME}: entry numbers.{name}: field sources: unknown source {source!r}"
                )
    for source in data.hard_efforts.sources:
        if source not in kb.sources:
            raise KnowledgeError(
                f"{FILE_NAME}: entry hard_efforts: field sources: unknown source {source!r}"
            )
    for name, factor in data.links:
        if factor not in kb.factors:
            raise KnowledgeError(
                f"{FILE_NAME}: entry links: field {name}: unknown factor {factor!r}"
            )
    for factor, items in data.prevention.items():
        if factor not in kb.factors:
            raise KnowledgeError(f"{FILE_NAME}: entry prevention: field {factor}: unknown factor")
        count = len(kb.factors[factor].prevention)
        for i in items:
            if not 0 <= i < count:
                raise KnowledgeError(
                    f"{FILE_NAME}: entry prevention: field {factor}: factors.yaml has no "
                    f"prevention entry {i} (it has {count})"
                )


def parse_pattern_rules(data: Any, file_name: str = FILE_NAME) -> PatternRulesData:
    """Validate already-read YAML data; KnowledgeError names file, entry and field."""
    return parse_sections(PatternRulesData, data, file_name)


def load_pattern_rules(kb: KnowledgeBase, path: Path | None = None) -> PatternRulesData:
    """Read, validate and cross-check patterns.yaml (the package's own unless `path` is given)."""
    source: Any = path if path is not None else resources.files("crampcoach.knowledge") / "data"
    if path is None:
        source = source / FILE_NAME
    name = str(path) if path is not None else FILE_NAME
    data = parse_pattern_rules(read_yaml(source, name), name)
    check_pattern_rules(data, kb)
    return data
