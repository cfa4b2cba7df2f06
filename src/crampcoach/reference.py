"""The knowledge base as reference: what an id means, a muscle's relief, the coverage.

Look-ups for `Coach.explain`, `Coach.relief` and `Coach.check_knowledge`: data in, data
out (JSON-able dicts and the knowledge's own models); the faces render them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from crampcoach.core.assessment import NOT_A_DIAGNOSIS
from crampcoach.errors import InputError, KnowledgeError
from crampcoach.i18n import N_, Translator
from crampcoach.knowledge.checks import load_all
from crampcoach.knowledge.faq import FaqBase
from crampcoach.knowledge.loader import KnowledgeBase
from crampcoach.knowledge.schema import EVIDENCE_SCALE, Factor, Muscle, RedFlag
from crampcoach.views import localized

# Words people use for a muscle, as the ids of muscles.yaml.
MUSCLE_WORDS = {
    "calves": "calf",
    "hamstrings": "hamstring",
    "quads": "quadriceps",
    "thigh": "quadriceps",
    "toes": "foot",
    "feet": "foot",
    "arch": "foot",
}
# What `explain` leaves out of a FAQ topic: how it is matched, not what it says.
MATCHING = frozenset({"keywords", "anchors", "phrasings", "priority", "fallback", "general"})


def check() -> dict[str, Any]:
    """Load and cross-check every knowledge file, and that each language translates every
    knowledge text; their coverage (KnowledgeError if invalid)."""
    from pathlib import Path

    from crampcoach.i18n import languages
    from crampcoach.knowledge.loader import DATA
    from crampcoach.knowledge.messages import untranslated

    knowledge = load_all()
    for lang in languages():
        missing = untranslated(Path(str(DATA)), lang)
        if missing:
            shown = "; ".join(missing[:5]) + (
                f" (and {len(missing) - 5} more)" * (len(missing) > 5)
            )
            raise KnowledgeError(f"no {lang} translation of {shown}")
    return coverage(knowledge.base, knowledge.faq)


def coverage(kb: KnowledgeBase, faq: FaqBase | None = None) -> dict[str, Any]:
    """How much of the vocabulary, the sources and the seeds the knowledge covers."""
    ids = {
        kind: {"vocabulary": len(kb.vocabulary(kind)), "covered": len(table)}
        for kind, table in (
            ("factors", kb.factors),
            ("red_flags", kb.red_flags),
            ("muscles", kb.muscles),
        )
    }
    if faq is not None:
        covered = len({entry.id for entry in faq.entries})
        ids["faq_topics"] = {"vocabulary": len(kb.vocabulary("faq_topics")), "covered": covered}
    return {
        "ids": ids,
        "findings": len(kb.findings),
        "sources": {
            "total": len(kb.sources),
            "unverified": sum(not s.verified for s in kb.sources.values()),
        },
        "seed_statements": {
            "total": len(kb.seed_statements),
            "by_verdict": dict(Counter(s.verdict for s in kb.seed_statements)),
            "by_kind": dict(Counter(s.kind for s in kb.seed_statements)),
        },
        "factor_evidence": dict(Counter(f.evidence for f in kb.factors.values())),
    }


def explain(
    kb: KnowledgeBase, faq: FaqBase, concept_id: str, t: Translator | None = None
) -> dict[str, Any]:
    """What an id is, its evidence grade and its sources, as a JSON-able dict, its texts in
    `t`'s language (English without one).

    Raises InputError (its message lists the known ids) for an unknown id.
    """
    t = t or Translator()
    try:
        entry = kb.entry(concept_id)
    except KeyError:
        topics = {topic.id: topic for topic in faq.entries}
        if concept_id not in topics:
            known = ", ".join(sorted([*kb.factors, *kb.red_flags, *kb.muscles, *topics]))
            raise InputError(
                N_("unknown id {value!r}; known ids: {known}"), value=concept_id[:60], known=known
            ) from None
        data: dict[str, Any] = {
            key: value
            for key, value in localized(topics[concept_id], t).items()
            if key not in MATCHING
        }
        data["type"] = "faq_topic"
        source_ids = list(topics[concept_id].sources)
    else:
        data = localized(entry, t)
        data["type"] = {Factor: "factor", RedFlag: "red_flag", Muscle: "muscle"}[type(entry)]
        source_ids = list(entry.sources)
    data.pop("claims", None)  # each claim and its sources: `kb evidence`
    if "evidence" in data:
        data["evidence_scale"] = t(EVIDENCE_SCALE[data["evidence"]])
    data["sources"] = [kb.sources[s].model_dump(mode="json") for s in source_ids if s in kb.sources]
    data["note"] = t(NOT_A_DIAGNOSIS)
    return data


def muscle(kb: KnowledgeBase, name: str) -> Muscle:
    """The muscle a person names ("calves" is the calf); InputError lists the choices."""
    key = name.strip().lower()
    key = MUSCLE_WORDS.get(key, key)
    if key not in kb.muscles:
        raise InputError(
            N_("unknown muscle {value!r}; choose one of: {choices}"),
            value=name[:40],
            choices=", ".join(kb.muscles),
        )
    return kb.muscles[key]
