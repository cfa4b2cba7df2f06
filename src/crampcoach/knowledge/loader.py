"""Read and validate the knowledge base; the only place that touches its files.

Every error names the file, the entry and the field, so that a content change
that breaks the data says exactly where.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from crampcoach.errors import KnowledgeError, describe_validation_error, named_field
from crampcoach.knowledge.claims import Claimed, check_verified
from crampcoach.knowledge.files import read_yaml
from crampcoach.knowledge.intake import field_paths
from crampcoach.knowledge.schema import (
    Alone,
    Factor,
    Finding,
    Muscle,
    RedFlag,
    Rule,
    SeedStatement,
    Source,
)

DATA = resources.files("crampcoach.knowledge") / "data"
Model = TypeVar("Model", bound=BaseModel)
Derived = TypeVar("Derived")
# A danger sign on its own, its context known absent, needs a doctor within a day at
# least (or its flag's own level, where that is lower).
ALONE_FLOOR = "consultation_24"
# A flag fires for someone with the person (`for_someone_else`) only when it calls for an
# ambulance, which the person can do for them; anything less is that person's own to see
# to, and their history here.
SOMEONE_ELSE_FLOOR = "emergency_ambulance"


@dataclass(frozen=True)
class TriggerParts:
    """A trigger split into the person's signs and the circumstances it needs."""

    signs: tuple[str, ...]
    contexts: tuple[str, ...]
    blockers: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the engine knows, validated and cross-checked."""

    concepts: dict[str, Any]
    sources: dict[str, Source]
    findings: dict[str, Finding]
    factors: dict[str, Factor]
    red_flags: dict[str, RedFlag]
    muscles: dict[str, Muscle]
    seed_statements: tuple[SeedStatement, ...]
    # What other layers build from this knowledge base (the core's compiled rules), kept
    # with it so that it is built once per knowledge base, never in a module global.
    _derived: dict[Callable[..., Any], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @cached_property
    def ranks(self) -> dict[str, int]:
        """Triage level id -> rank (self_care 1 ... emergency_ambulance 5)."""
        return {t["id"]: int(t["rank"]) for t in self.concepts["triage_levels"]}

    def derived(self, build: Callable[[KnowledgeBase], Derived]) -> Derived:
        """`build(self)`, computed on the first call and kept with this knowledge base.

        Lets a higher layer (the core) cache what it derives from the data without this
        layer importing it, and without a module-level cache.
        """
        if build not in self._derived:
            self._derived[build] = build(self)
        result: Derived = self._derived[build]
        return result

    @cached_property
    def log_weights(self) -> dict[str, tuple[tuple[str, float, float], ...]]:
        """Askable finding id -> (factor id, log LR if present, log LR if absent) per factor.

        Several weights of one factor on the same finding are summed.
        """
        index: dict[str, dict[str, tuple[float, float]]] = {}
        for factor in self.factors.values():
            for w in factor.weights:
                if self.findings[w.finding].ask is not None:
                    by_factor = index.setdefault(w.finding, {})
                    present, absent = by_factor.get(factor.id, (0.0, 0.0))
                    by_factor[factor.id] = (
                        present + math.log(w.present),
                        absent + math.log(w.absent),
                    )
        return {
            finding: tuple((fid, p, a) for fid, (p, a) in by_factor.items())
            for finding, by_factor in index.items()
        }

    @cached_property
    def answer_shifts(self) -> dict[str, tuple[dict[str, float], dict[str, float]]]:
        """Askable finding id -> (log-odds shift per factor if yes, the same if no).

        A finding with no question is never asked, so its answer is never weighed.
        """
        return {
            finding: (
                {fid: present for fid, present, _ in moved if present},
                {fid: absent for fid, _, absent in moved if absent},
            )
            for finding, moved in self.log_weights.items()
            if self.findings[finding].ask is not None and self.findings[finding].question
        }

    @cached_property
    def trigger_parts(self) -> dict[str, tuple[TriggerParts, ...]]:
        """Red flag id -> its triggers, each split into signs, contexts and blockers."""
        return {
            flag.id: tuple(
                TriggerParts(
                    signs=tuple(f for f in t.all if not self.findings[f].context),
                    contexts=tuple(f for f in t.all if self.findings[f].context),
                    blockers=tuple(t.not_),
                )
                for t in flag.triggers
            )
            for flag in self.red_flags.values()
        }

    @cached_property
    def alone_levels(self) -> dict[str, dict[str, Alone]]:
        """Red flag id -> sign -> what it demands when its context is known absent."""
        table: dict[str, dict[str, Alone]] = {}
        for flag in self.red_flags.values():
            levels = table.setdefault(flag.id, {})
            for alone in flag.alone:
                for sign in alone.signs:
                    held = levels.get(sign)
                    if held is None or self.ranks[alone.level] > self.ranks[held.level]:
                        levels[sign] = alone
        return table

    @cached_property
    def screens(self) -> list[tuple[tuple[str, ...], frozenset[str], int, str]]:
        """(needed findings, blocking findings, rank, flag id) of each trigger and escalation."""
        combos = []
        for flag in self.red_flags.values():
            rank = self.ranks[flag.level]
            for trigger in flag.triggers:
                blockers = frozenset(trigger.not_)
                combos.append((tuple(trigger.all), blockers, rank, flag.id))
                for escalation in flag.escalations:
                    needed = tuple(dict.fromkeys([*trigger.all, *escalation.with_]))
                    combos.append((needed, blockers, self.ranks[escalation.level], flag.id))
        return combos

    def triage_rank(self, level: str) -> int:
        """The rank of a triage level id (self_care 1 ... emergency_ambulance 5)."""
        return self.ranks[level]

    def triage_meaning(self, level: str) -> str:
        return str(next(t["meaning"] for t in self.concepts["triage_levels"] if t["id"] == level))

    def vocabulary(self, kind: str) -> list[str]:
        """Ids of one kind of concept: factors, red_flags, muscles, faq_topics, triage_levels."""
        return [entry["id"] for entry in self.concepts[kind]]

    def entry(self, concept_id: str) -> Factor | RedFlag | Muscle:
        """The factor, red flag or muscle with this id; KeyError if none."""
        for table in (self.factors, self.red_flags, self.muscles):
            if concept_id in table:
                return table[concept_id]
        raise KeyError(concept_id)


def _read_list(directory: Path | Any, name: str) -> list[dict[str, Any]]:
    data = read_yaml(directory / name, name)
    if not isinstance(data, list):
        raise KnowledgeError(f"{name}: expected a list of entries at the top level")
    return data


def _entries(directory: Path | Any, name: str, model: type[Model]) -> list[Model]:
    entries = []
    for index, raw in enumerate(_read_list(directory, name)):
        label = raw.get("id") if isinstance(raw, dict) else None
        where = f"{name}: entry {label!r}" if label else f"{name}: entry #{index + 1}"
        try:
            entries.append(model.model_validate(raw))
        except ValidationError as exc:
            problem = describe_validation_error(exc, named_field("(entry)"), first_only=True)
            raise KnowledgeError(f"{where}: {problem}") from exc
    return entries


def _by_id(name: str, entries: list[Model]) -> dict[str, Model]:
    table: dict[str, Model] = {}
    for entry in entries:
        key: str = entry.id  # type: ignore[attr-defined]
        if key in table:
            raise KnowledgeError(f"{name}: entry {key!r}: field id: duplicate id")
        table[key] = entry
    return table


def _rule_fields(rule: Rule) -> Iterator[str]:
    if rule.field is not None:
        yield rule.field
    for sub in (rule.any or []) + (rule.all or []):
        yield from _rule_fields(sub)
    for maybe in (rule.not_, rule.false_when):
        if maybe is not None:
            yield from _rule_fields(maybe)


def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    """Load and check the knowledge base (the package's own unless `directory` is given).

    The package's own is read back from a copy kept between runs when it has not changed
    (`cache`). Raises KnowledgeError naming the file, the entry and the field of the first
    problem.
    """
    if directory is not None:
        return _read_knowledge(directory)
    from crampcoach.knowledge.cache import cached

    return cached("knowledge", [DATA / name for name in FILES], lambda: _read_knowledge(DATA))


# The files `load_knowledge` reads.
FILES = (
    "concepts.json",
    "sources.yaml",
    "findings.yaml",
    "factors.yaml",
    "red_flags.yaml",
    "muscles.yaml",
    "seed_coverage.yaml",
)


def _read_knowledge(where: Path | Any) -> KnowledgeBase:
    concepts = json.loads((where / "concepts.json").read_text(encoding="utf-8"))
    kb = KnowledgeBase(
        concepts=concepts,
        sources=_by_id("sources.yaml", _entries(where, "sources.yaml", Source)),
        findings=_by_id("findings.yaml", _entries(where, "findings.yaml", Finding)),
        factors=_by_id("factors.yaml", _entries(where, "factors.yaml", Factor)),
        red_flags=_by_id("red_flags.yaml", _entries(where, "red_flags.yaml", RedFlag)),
        muscles=_by_id("muscles.yaml", _entries(where, "muscles.yaml", Muscle)),
        seed_statements=tuple(_entries(where, "seed_coverage.yaml", SeedStatement)),
    )
    _cross_check(kb)
    return kb


def _cross_check(kb: KnowledgeBase) -> None:
    """Ids match the vocabulary; every reference (finding, source, field) resolves."""
    for file, table, kind in (
        ("factors.yaml", kb.factors, "factors"),
        ("red_flags.yaml", kb.red_flags, "red_flags"),
        ("muscles.yaml", kb.muscles, "muscles"),
    ):
        wanted = set(kb.vocabulary(kind))
        for missing in sorted(wanted - set(table)):
            raise KnowledgeError(f"{file}: entry {missing!r}: missing (the vocabulary has it)")
        for extra in sorted(set(table) - wanted):
            raise KnowledgeError(f"{file}: entry {extra!r}: field id: not in the vocabulary")

    paths = set(field_paths())
    for finding in kb.findings.values():
        for path in _rule_fields(finding.when):
            if path not in paths:
                where = f"findings.yaml: entry {finding.id!r}: field when"
                raise KnowledgeError(f"{where}: unknown Intake field {path!r}")
        if finding.ask is not None and finding.ask.field not in paths:
            raise KnowledgeError(
                f"findings.yaml: entry {finding.id!r}: field ask.field: "
                f"unknown Intake field {finding.ask.field!r}"
            )

    def check_finding(file: str, entry: str, field: str, finding: str) -> None:
        if finding not in kb.findings:
            raise KnowledgeError(
                f"{file}: entry {entry!r}: field {field}: unknown finding {finding!r}"
            )

    def check_sources(file: str, entry: str, field: str, ids: list[str]) -> None:
        for source in ids:
            if source not in kb.sources:
                raise KnowledgeError(
                    f"{file}: entry {entry!r}: field {field}: unknown source {source!r}"
                )

    for factor in kb.factors.values():
        check_sources("factors.yaml", factor.id, "claims", list(factor.sources))
        for i, weight in enumerate(factor.weights):
            check_finding("factors.yaml", factor.id, f"weights.{i}.finding", weight.finding)
        for key in ("prevention", "what_to_do"):
            for i, advice in enumerate(getattr(factor, key)):
                check_sources("factors.yaml", factor.id, f"{key}.{i}.sources", advice.sources)
    for flag in kb.red_flags.values():
        check_sources("red_flags.yaml", flag.id, "claims", list(flag.sources))
        for i, trigger in enumerate(flag.triggers):
            for finding_id in trigger.all + trigger.not_:
                check_finding("red_flags.yaml", flag.id, f"triggers.{i}", finding_id)
        for i, escalation in enumerate(flag.escalations):
            for finding_id in escalation.with_:
                check_finding("red_flags.yaml", flag.id, f"escalations.{i}.with", finding_id)
            if kb.triage_rank(escalation.level) <= kb.triage_rank(flag.level):
                raise KnowledgeError(
                    f"red_flags.yaml: entry {flag.id!r}: field escalations.{i}.level: "
                    "must be higher than the red flag's own level"
                )
        for i, alone in enumerate(flag.alone):
            for finding_id in alone.signs:
                check_finding("red_flags.yaml", flag.id, f"alone.{i}.signs", finding_id)
        for factor_id in flag.suspects:
            if factor_id not in kb.factors:
                raise KnowledgeError(
                    f"red_flags.yaml: entry {flag.id!r}: field suspects: "
                    f"unknown factor {factor_id!r}"
                )
        minimum = next(r["min_triage"] for r in kb.concepts["red_flags"] if r["id"] == flag.id)
        if kb.triage_rank(flag.level) < kb.triage_rank(minimum):
            raise KnowledgeError(
                f"red_flags.yaml: entry {flag.id!r}: field level: below the vocabulary's {minimum}"
            )
    for flag in kb.red_flags.values():  # every finding is known by now
        _check_signs_never_silent(kb, flag)
        if flag.for_someone_else and kb.triage_rank(flag.level) < kb.triage_rank(
            SOMEONE_ELSE_FLOOR
        ):
            raise KnowledgeError(
                f"red_flags.yaml: entry {flag.id!r}: field for_someone_else: the flag's level "
                f"{flag.level} is below {SOMEONE_ELSE_FLOOR}"
            )
    for muscle in kb.muscles.values():
        check_sources("muscles.yaml", muscle.id, "claims", list(muscle.sources))
    known_ids = set(kb.factors) | set(kb.red_flags) | set(kb.muscles) | set(kb.findings)
    verified = {source_id: s.verified for source_id, s in kb.sources.items()}
    for i, statement in enumerate(kb.seed_statements):
        for target in statement.covered_by:
            if target not in known_ids:
                raise KnowledgeError(
                    f"seed_coverage.yaml: entry #{i + 1}: field covered_by: unknown id {target!r}"
                )
        check_sources("seed_coverage.yaml", f"#{i + 1}", "claims", list(statement.sources))
    claimed: list[tuple[str, str, Claimed]] = [
        *(("factors.yaml", repr(factor.id), factor) for factor in kb.factors.values()),
        *(("red_flags.yaml", repr(flag.id), flag) for flag in kb.red_flags.values()),
        *(("muscles.yaml", repr(muscle.id), muscle) for muscle in kb.muscles.values()),
        *(("seed_coverage.yaml", f"#{i}", s) for i, s in enumerate(kb.seed_statements, 1)),
    ]
    for file, label, entry in claimed:
        check_verified(f"{file}: entry {label}", entry.claims, verified)


def _check_signs_never_silent(kb: KnowledgeBase, flag: RedFlag) -> None:
    """A danger sign that some context could leave at self-care is a knowledge error.

    A trigger that needs a circumstance (exertion, heat) fires at the flag's level while
    that circumstance is unknown; once it is known absent, each of the trigger's signs
    must still demand a level of its own (`alone`), at least ALONE_FLOOR or the flag's
    level where that is lower.
    """
    floor = min(kb.triage_rank(ALONE_FLOOR), kb.triage_rank(flag.level))
    levels = kb.alone_levels[flag.id]
    for i, parts in enumerate(kb.trigger_parts[flag.id]):
        if not parts.contexts:
            continue
        if not parts.signs:
            raise KnowledgeError(
                f"red_flags.yaml: entry {flag.id!r}: field triggers.{i}: "
                "a trigger of circumstances only names no danger sign"
            )
        for sign in parts.signs:
            held = levels.get(sign)
            if held is None:
                raise KnowledgeError(
                    f"red_flags.yaml: entry {flag.id!r}: field alone: danger sign {sign!r} "
                    f"of triggers.{i} is silent when {', '.join(parts.contexts)} is known "
                    "absent; say what it demands on its own"
                )
            if kb.triage_rank(held.level) < floor:
                raise KnowledgeError(
                    f"red_flags.yaml: entry {flag.id!r}: field alone: danger sign {sign!r} "
                    f"alone demands {held.level}, below {ALONE_FLOOR}"
                )
