"""Claims (knowledge/claims.py): each sentence of a text covered, each number described."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from crampcoach.knowledge.claims import Claim, claimed_sources, numbers_in, problems
from crampcoach.knowledge.faq import load_faq

TEXTS = {
    "answer": ["Stretching eases a cramp. Sweat held about 50 mmol of sodium (S9)."],
    "what_to_do": ["Stretch gently.", "Rest a day."],
}


def claim(**fields: Any) -> Claim:
    base: dict[str, Any] = {
        "in": "answer",
        "quote": "Stretching eases a cramp.",
        "sources": ["S1"],
        "grade": "strong",
        "reports": "Stretching relieves a cramp (a guideline).",
        "locator": "brief §7",
    }
    return Claim.model_validate({**base, **fields})


SODIUM = {
    "quote": "Sweat held about 50 mmol of sodium (S9).",
    "sources": ["S9"],
    "numbers": [
        {
            "value": "50",
            "unit": "mmol",
            "what": "sodium in the sweat of a session",
            "population": "ten men",
            "setting": "cycling in a hot chamber",
        }
    ],
}
ADVICE = [
    claim(**{"in": "what_to_do", "quote": "Stretch gently.", "grade": "general_advice"}),
    claim(**{"in": "what_to_do", "quote": "Rest a day", "sources": [], "grade": "general_advice"}),
]


def test_claims_that_cover_every_sentence_and_number_pass() -> None:
    claims = [claim(), claim(**SODIUM), *ADVICE]
    assert problems(TEXTS, claims) == []
    assert claimed_sources(claims) == ("S1", "S9")


@pytest.mark.parametrize(
    ("claims", "problem"),
    [
        ([claim(), *ADVICE], "no claim covers 'Sweat held"),
        (
            [claim(), claim(**{**SODIUM, "numbers": []}), *ADVICE],
            "the number '50' has no claim that describes it",
        ),
        ([claim(), claim(**{**SODIUM, "sources": ["S3"]}), *ADVICE], "cites ['S9']"),
        ([claim(), claim(**SODIUM), ADVICE[0]], "what_to_do.1: no claim covers 'Rest a day.'"),
        ([claim(quote="Stretching eases cramps."), claim(**SODIUM), *ADVICE], "quote not found"),
        ([claim(**{"in": "explanation"}), claim(**SODIUM), *ADVICE], "no text 'explanation'"),
    ],
)
def test_a_gap_is_named(claims: list[Claim], problem: str) -> None:
    assert any(problem in found for found in problems(TEXTS, claims)), problems(TEXTS, claims)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"sources": []}, "graded above general_advice needs sources"),
        ({**SODIUM, "quote": "Sweat held sodium (S9)."}, "number '50' is not in the quote"),
        ({**SODIUM, "sources": [], "grade": "general_advice"}, "numbers needs the sources"),
    ],
)
def test_a_claim_without_its_sources_does_not_load(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        claim(**fields)


def test_numbers_joined_to_letters_are_names() -> None:
    assert numbers_in("S9 and vitamin B12 in the 2nd trial: 2,970 mg/L, 1-2 g") == [
        "2,970",
        "1",
        "2",
    ]


def test_an_faq_entry_with_a_sentence_no_claim_covers_does_not_load() -> None:
    from crampcoach.errors import KnowledgeError
    from crampcoach.knowledge.faq import parse_faq, read_concepts

    raw = [entry.model_dump(mode="json", by_alias=True) for entry in load_faq().entries]
    raw[0]["explanation"] += " Cramps are caused by the moon."
    with pytest.raises(KnowledgeError, match=r"entry \w+: .*no claim covers 'Cramps are caused"):
        parse_faq(raw, read_concepts())
