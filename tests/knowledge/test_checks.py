"""Cross-file checks: FAQ and plan sources resolve, FAQ links name vocabulary ids."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge import checks
from crampcoach.knowledge.faq import FaqBase, FaqEntry, load_faq


def test_every_knowledge_file_loads_and_cross_checks() -> None:
    knowledge = checks.load_all()
    assert len(knowledge.faq.entries) == len(knowledge.base.vocabulary("faq_topics"))


def test_cited_sources_finds_nested_lists() -> None:
    data = {"a": {"sources": ["S1"]}, "b": [{"sources": ["S2", "S3"]}], "sources": ["S4"]}
    assert sorted(checks.cited_sources(data)) == [
        ("a.sources", "S1"),
        ("b.0.sources", "S2"),
        ("b.0.sources", "S3"),
        ("sources", "S4"),
    ]


def _first_claim_cites(*sources: str) -> Callable[[FaqEntry], dict[str, Any]]:
    def change(entry: FaqEntry) -> dict[str, Any]:
        first = entry.claims[0].model_copy(update={"sources": sources, "grade": "moderate"})
        return {"claims": (first, *entry.claims[1:])}

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_first_claim_cites("S999"), "unknown source 'S999'"),
        # S7 is unverified: alone, it cannot carry a claim graded above general advice.
        (_first_claim_cites("S7"), r"claims\.0\.sources: graded moderate on unverified"),
        (lambda entry: {"related": ("banana",)}, "banana"),
    ],
)
def test_a_broken_faq_reference_names_file_entry_and_field(
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[FaqEntry], dict[str, Any]],
    message: str,
) -> None:
    faq = load_faq()
    first = faq.entries[0]
    broken = FaqBase(entries=(first.model_copy(update=change(first)), *faq.entries[1:]))
    monkeypatch.setattr(checks, "load_faq", lambda: broken)
    with pytest.raises(KnowledgeError, match=message) as info:
        checks.load_all()
    assert "faq.yaml" in str(info.value)
