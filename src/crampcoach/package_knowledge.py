"""The package's knowledge as the Coach holds it: each file loaded once, on first use.

`PackageKnowledge` loads and keeps the knowledge base, the lexicon, the FAQ and its
index, and the plan, pattern and record rules; `pattern_rules` turns the checked patterns.yaml
data into the core's `PatternRules`, each piece of advice a sentence with its evidence.
"""

from __future__ import annotations

from functools import cached_property

from crampcoach.core.answers import AnswerIndex, build_index
from crampcoach.core.patterns import PatternRules
from crampcoach.knowledge.faq import FaqBase, load_faq, source_citations
from crampcoach.knowledge.lexicon import Lexicon, load_lexicon
from crampcoach.knowledge.loader import KnowledgeBase, load_knowledge
from crampcoach.knowledge.pattern_rules import PatternRulesData, load_pattern_rules
from crampcoach.knowledge.plan_rules import PlanRules, load_plan_rules
from crampcoach.knowledge.record_rules import RecordRules, load_record_rules
from crampcoach.knowledge.schema import Advice


class PackageKnowledge:
    """The package's knowledge files, each loaded and validated on first use, then kept.

    One per process is enough; Coaches with other settings (another database) share it.
    """

    @cached_property
    def base(self) -> KnowledgeBase:
        return load_knowledge()

    @cached_property
    def lexicon(self) -> Lexicon:
        return load_lexicon()

    @cached_property
    def faq(self) -> FaqBase:
        return load_faq()

    @cached_property
    def plan_rules(self) -> PlanRules:
        return load_plan_rules()

    @cached_property
    def record_rules(self) -> RecordRules:
        """What a diary record can be, from records.yaml."""
        return load_record_rules()

    @cached_property
    def pattern_rules(self) -> PatternRules:
        """The cut points, factor links and advice of `patterns`, from patterns.yaml."""
        return pattern_rules(self.base, load_pattern_rules(self.base))

    @cached_property
    def citations(self) -> dict[str, str]:
        """Source id -> full citation."""
        return source_citations(self.base)

    @cached_property
    def _indexes(self) -> dict[bool, AnswerIndex]:
        return {}

    def answer_index(self, semantic: bool = False) -> AnswerIndex:
        """The FAQ index (with the optional semantic scorer), built once."""
        if semantic not in self._indexes:
            scorer = None
            if semantic:
                from crampcoach.embeddings import build_semantic_scorer

                scorer = build_semantic_scorer(self.faq.entries)
            self._indexes[semantic] = build_index(self.faq.entries, semantic=scorer)
        return self._indexes[semantic]


def _advice_line(advice: Advice) -> str:
    """One prevention entry as a sentence that carries its evidence: sources, or a label."""
    if advice.evidence == "general_advice":
        return f"General advice (not proven to prevent cramps): {advice.text}"
    return f"{advice.text.rstrip('.')} ({', '.join(advice.sources)})."


def pattern_rules(kb: KnowledgeBase, data: PatternRulesData) -> PatternRules:
    """The core's `PatternRules` from checked patterns.yaml data and the factors it names."""
    return PatternRules(
        **{name: number.v for name, number in data.numbers},
        hard_efforts=frozenset(data.hard_efforts.efforts),
        links=data.links.model_dump(),
        prevention={
            factor: " ".join(_advice_line(a) for a in advice)
            for factor, advice in data.advice(kb).items()
        },
        no_factor=data.no_factor,
    )
