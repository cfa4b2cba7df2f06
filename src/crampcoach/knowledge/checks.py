"""Every knowledge file at once: each validated by its own loader, then cross-checked.

The FAQ, the plan rules, the pattern rules, the record rules and the story lexicon have their
own schemas;
this module adds what no single file can check: that every source they cite is in sources.yaml
and every id they link to is in the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.claims import check_verified
from crampcoach.knowledge.faq import FaqBase, load_faq
from crampcoach.knowledge.forecast_rules import ForecastRules, load_forecast_rules
from crampcoach.knowledge.lexicon import Lexicon, load_lexicon
from crampcoach.knowledge.loader import KnowledgeBase, load_knowledge
from crampcoach.knowledge.pattern_rules import PatternRulesData, load_pattern_rules
from crampcoach.knowledge.plan_rules import PlanRules, load_plan_rules
from crampcoach.knowledge.record_rules import RecordRules, load_record_rules


@dataclass(frozen=True)
class Knowledge:
    """All knowledge files, loaded and checked together."""

    base: KnowledgeBase
    faq: FaqBase
    plan: PlanRules
    patterns: PatternRulesData
    forecast: ForecastRules
    lexicon: Lexicon
    records: RecordRules


def cited_sources(data: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(place, source id) for every `sources` list anywhere in dumped model data."""
    if isinstance(data, dict):
        for key, value in data.items():
            place = f"{where}.{key}" if where else str(key)
            if key == "sources" and isinstance(value, list):
                yield from ((place, str(source)) for source in value)
            else:
                yield from cited_sources(value, place)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from cited_sources(value, f"{where}.{i}")


def load_all() -> Knowledge:
    """Load and cross-check every knowledge file; KnowledgeError names file, entry, field."""
    base = load_knowledge()
    faq, plan, lexicon = load_faq(), load_plan_rules(), load_lexicon()
    patterns = load_pattern_rules(base)  # its sources, factors and advice checked against base
    records = load_record_rules()
    forecast = load_forecast_rules(base)  # its sources and factors checked against base
    for file, data in (
        ("faq.yaml", faq.model_dump(mode="json")),
        ("plan.yaml", plan.model_dump(mode="json")),
        ("lexicon.yaml", lexicon.numbers.model_dump(mode="json")),
        ("records.yaml", records.model_dump(mode="json")),
    ):
        for place, source in cited_sources(data):
            if source not in base.sources:
                raise KnowledgeError(f"{file}: field {place}: unknown source {source!r}")
    verified = {source_id: s.verified for source_id, s in base.sources.items()}
    for entry in faq.entries:
        check_verified(f"faq.yaml: entry {entry.id!r}", entry.claims, verified)
    linkable = set(base.factors) | set(base.red_flags) | set(base.muscles)
    for entry in faq.entries:
        for target in entry.related:
            if target not in linkable:
                raise KnowledgeError(
                    f"faq.yaml: entry {entry.id!r}: field related: unknown id {target!r}"
                )
    return Knowledge(
        base=base,
        faq=faq,
        plan=plan,
        patterns=patterns,
        forecast=forecast,
        lexicon=lexicon,
        records=records,
    )
