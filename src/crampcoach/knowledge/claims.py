"""Claims: what a text of the knowledge base says, each with its own sources.

A claim quotes the words it covers in one of its entry's texts, names the sources behind
them and what each source reports (a short paraphrase, with where in the source), grades
them, and describes every number it contains: what was measured, in whom, in what setting
and in what unit. So the evidence table (`crampcoach kb evidence`) can list every claim
for a reviewer, and a translator sees whom a number describes instead of guessing.

`problems` checks an entry's claims against its texts: every quote is in its text, every
sentence (every advice item) is covered by a claim, every number lies in a claim that
describes it, and every source cited inline ("(S9)") is a source of a claim there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import ClassVar

from pydantic import BaseModel, Field, model_validator

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.models import FROZEN, FROZEN_BY_NAME
from crampcoach.knowledge.vocabulary import EvidenceGrade, SourceId


class Measured(BaseModel):
    """One number of a claim, and whom and what it was measured in."""

    model_config = FROZEN

    value: str = Field(min_length=1, description='As the text writes it: "145", "1-2"')
    unit: str = Field(min_length=1, description='"mmol", "% of body mass", "minutes"')
    what: str = Field(min_length=3, description="What the number is")
    population: str = Field(min_length=3, description='Whom: "10 healthy men"')
    setting: str = Field(min_length=3, description='Where, how: "one-leg cycling at 41 °C"')


class Claim(BaseModel):
    """What one part of a text says, and the sources that say it."""

    model_config = FROZEN_BY_NAME

    field: str = Field(alias="in", description="The text it is in: answer, explanation, ...")
    quote: str = Field(min_length=3, description="The words it covers, exactly as written")
    sources: tuple[SourceId, ...] = ()
    grade: EvidenceGrade
    reports: str = Field(min_length=10, description="What the sources report, paraphrased")
    locator: str = Field(min_length=3, description='Where in the source: "abstract", "Table 2"')
    numbers: tuple[Measured, ...] = ()

    @model_validator(mode="after")
    def _cited(self) -> Claim:
        if self.grade != "general_advice" and not self.sources:
            raise ValueError("a claim graded above general_advice needs sources")
        if self.numbers and not self.sources:
            raise ValueError("a claim with numbers needs the sources they come from")
        for number in self.numbers:
            if not set(numbers_in(number.value)) <= set(numbers_in(self.quote)):
                raise ValueError(f"number {number.value!r} is not in the quote")
        return self


class Claimed(BaseModel):
    """An entry whose texts (the fields named in CLAIMED) are covered by its own claims.

    It does not load when a sentence or a number of those texts has no claim (`problems`);
    its `sources` are its claims' sources.
    """

    model_config = FROZEN
    CLAIMED: ClassVar[tuple[str, ...]] = ()

    claims: tuple[Claim, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _claims_cover_texts(self) -> Claimed:
        found = problems(self.texts(), self.claims)
        if found:
            raise ValueError("; ".join(found[:3]) + (" ..." if len(found) > 3 else ""))
        return self

    @cached_property
    def sources(self) -> tuple[str, ...]:
        """The sources of the entry's claims, each once, in the order first cited."""
        return claimed_sources(self.claims)

    def texts(self) -> dict[str, list[str]]:
        """The texts the claims cover, by field (a list field: each item on its own)."""
        out: dict[str, list[str]] = {}
        for name in self.CLAIMED:
            value = getattr(self, name)
            if isinstance(value, str):
                out[name] = [value]
            elif value:
                out[name] = list(value)
        return out


def check_verified(where: str, claims: Sequence[Claim], verified: Mapping[str, bool]) -> None:
    """Raise KnowledgeError (naming `where`, "file: entry ...") for the first claim graded
    above general advice whose every source is unverified (`verified`: source id -> whether
    its identity and authors are confirmed)."""
    for number, claim in enumerate(claims):
        if claim.grade != "general_advice" and not any(verified.get(s) for s in claim.sources):
            raise KnowledgeError(
                f"{where}: field claims.{number}.sources: graded {claim.grade} on unverified "
                f"sources only {list(claim.sources)}"
            )


def claimed_sources(claims: Sequence[Claim]) -> tuple[str, ...]:
    """The sources of `claims`, each once, in the order they are first cited."""
    return tuple(dict.fromkeys(s for claim in claims for s in claim.sources))


# A number as a text writes it; digits joined to letters (S9, B12, 2nd) are names, not numbers.
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")
_ID = r"(?:S\d+[a-z]?|X-[a-z0-9-]+)"
_INLINE = re.compile(rf"[(\[]({_ID}(?:\s*[,;]\s*{_ID})*)[)\]]")  # "(S3, S4)", "[S9]"


def numbers_in(text: str) -> list[str]:
    return [m.group() for m in _NUMBER.finditer(text)]


def undescribed(text: str, numbers: Iterable[Measured]) -> list[str]:
    """The numbers of `text` that no record of `numbers` describes."""
    described = {n for m in numbers for n in numbers_in(m.value)}
    return [n for n in numbers_in(text) if n not in described]


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for gap in _SENTENCE_END.finditer(text):
        yield start, gap.start()
        start = gap.end()
    if start < len(text):
        yield start, len(text)


def problems(texts: Mapping[str, Sequence[str]], claims: Sequence[Claim]) -> list[str]:
    """What is wrong with `claims` as the claims of `texts` (field -> its texts); [] if nothing.

    A field with several texts (the items of `what_to_do`) has each item covered on its own.
    """
    found: list[str] = []
    spans: dict[tuple[str, int], list[tuple[int, int, Claim]]] = {}
    for number, claim in enumerate(claims):
        items = texts.get(claim.field)
        if items is None:
            found.append(f"claims.{number}: no text {claim.field!r} to quote")
            continue
        hits = [(i, t.find(claim.quote)) for i, t in enumerate(items) if claim.quote in t]
        if not hits:
            found.append(f"claims.{number}: quote not found in {claim.field}: {claim.quote!r}")
        for item, start in hits:
            spans.setdefault((claim.field, item), []).append(
                (start, start + len(claim.quote), claim)
            )
    for field, items in texts.items():
        for item, text in enumerate(items):
            place = field if len(items) == 1 else f"{field}.{item}"
            here = spans.get((field, item), [])
            found.extend(_text_problems(place, text, here))
    return found


def _text_problems(place: str, text: str, spans: list[tuple[int, int, Claim]]) -> Iterator[str]:
    for start, end in _sentences(text):
        over = [c for a, b, c in spans if a < end and start < b]
        sentence = text[start:end]
        if not over:
            yield f"{place}: no claim covers {_short(sentence)!r}"
            continue
        cited = {s.strip() for m in _INLINE.finditer(sentence) for s in re.split(r"[,;]", m[1])}
        missing = cited - {s for c in over for s in c.sources}
        if missing:
            yield f"{place}: cites {sorted(missing)} but no claim there names them"
    for match in _NUMBER.finditer(text):
        inside = [c for a, b, c in spans if a <= match.start() and match.end() <= b]
        if undescribed(match.group(), (m for c in inside for m in c.numbers)):
            yield f"{place}: the number {match.group()!r} has no claim that describes it"


def _short(sentence: str) -> str:
    return sentence if len(sentence) <= 60 else sentence[:57] + "..."
