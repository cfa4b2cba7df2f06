"""The FAQ knowledge: answers to common cramp questions, validated at load.

The data live in `data/faq.yaml`; ids come from `data/concepts.json` (a copy of the shared
vocabulary). A data error raises KnowledgeError naming the file, the entry and the field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from crampcoach.errors import KnowledgeError, describe_validation_error, named_field
from crampcoach.knowledge.claims import Claimed
from crampcoach.knowledge.files import read_word_list, read_yaml
from crampcoach.knowledge.schema import EVIDENCE_SCALE, EvidenceGrade

if TYPE_CHECKING:
    from crampcoach.knowledge.loader import KnowledgeBase

Stance = Literal["yes", "no", "partly", "unknown"]
# What a question asks, as crampcoach.core.answers.detect_intents reads it.
Intent = Literal[
    "amount",
    "cause",
    "drink_choice",
    "checkup",
    "efficacy",
    "compare",
    "identify",
    "lingering",
    "relieve",
    "walk_distance",
    "warmup",
]
EVIDENCE_MEANING = EVIDENCE_SCALE  # one scale for the whole knowledge base

MIN_PHRASINGS = 15


class FaqEntry(Claimed):
    """One answered question: a direct answer with a stance, then the detail and sources."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # The fields a person reads: messages of the catalogue (crampcoach.knowledge.messages).
    TEXTS: ClassVar[tuple[str, ...]] = ("question", "answer", "explanation", "what_to_do")
    # What each sentence of these says and who says it: `claims` (crampcoach.knowledge.claims).
    CLAIMED: ClassVar[tuple[str, ...]] = ("answer", "explanation", "what_to_do")

    id: str = Field(min_length=1)
    question: str = Field(min_length=5)
    answer: str = Field(min_length=20)
    stance: Stance
    explanation: str = Field(min_length=20)
    evidence: EvidenceGrade
    what_to_do: tuple[str, ...] = Field(min_length=1)
    related: tuple[str, ...] = ()
    keywords: tuple[str, ...] = Field(min_length=1)
    anchors: tuple[str, ...] = ()
    general: bool = False
    priority: float = Field(default=1.0, gt=0, le=3)
    fallback: bool = False
    danger: bool = False
    intents: tuple[Intent, ...] = ()
    phrasings: tuple[str, ...] = Field(min_length=MIN_PHRASINGS)

    @field_validator("keywords")
    @classmethod
    def _lower_keywords(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(k.strip().lower() for k in value)


class FaqBase(BaseModel):
    """All FAQ entries, in file order, with lookup by topic id."""

    model_config = ConfigDict(frozen=True)

    entries: tuple[FaqEntry, ...]
    # Real words, as a question's words are read (stemmed), that are no typos of the words
    # the topics use: the question speller leaves them as they are ("hearts" is no "heat").
    known_words: frozenset[str] = frozenset()

    def get(self, topic: str) -> FaqEntry | None:
        """The entry for `topic`, or None."""
        return next((e for e in self.entries if e.id == topic), None)

    @property
    def danger_topic(self) -> str | None:
        """The topic that answers a question describing a danger sign (`danger: true`)."""
        return next((e.id for e in self.entries if e.danger), None)

    @property
    def ids(self) -> tuple[str, ...]:
        """Topic ids in file order."""
        return tuple(e.id for e in self.entries)


# Generated with a dictionary: docs/ask.md, "Typos".
KNOWN_WORDS_FILE = "faq_known_words.json"


def _data_file(name: str) -> Path:
    return Path(str(resources.files("crampcoach.knowledge").joinpath("data", name)))


def read_concepts(path: Path | None = None) -> dict[str, Any]:
    """The shared vocabulary (concepts.json shipped in the package)."""
    path = path or _data_file("concepts.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise KnowledgeError(f"{path.name}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path.name}: expected a JSON object")
    return data


def parse_faq(raw: Any, concepts: Mapping[str, Any], file_name: str = "faq.yaml") -> FaqBase:
    """Validate raw YAML data against the schema and the vocabulary.

    Raises KnowledgeError naming the file, the entry and the field.
    """
    if not isinstance(raw, list):
        raise KnowledgeError(f"{file_name}: expected a list of entries")
    topic_ids = [t["id"] for t in concepts.get("faq_topics", [])]
    related_ids = {f["id"] for f in concepts.get("factors", [])} | {
        r["id"] for r in concepts.get("red_flags", [])
    }
    entries: list[FaqEntry] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        name = item.get("id", f"#{index + 1}") if isinstance(item, dict) else f"#{index + 1}"
        where = f"{file_name}: entry {name!s}"
        try:
            entry = FaqEntry.model_validate(item)
        except ValidationError as exc:
            detail = describe_validation_error(exc, named_field("entry"))
            raise KnowledgeError(f"{where}: {detail}") from exc
        if entry.id not in topic_ids:
            raise KnowledgeError(f"{where}: field id: not a faq_topics id of concepts.json")
        if entry.id in seen:
            raise KnowledgeError(f"{where}: field id: duplicate entry")
        seen.add(entry.id)
        unknown = [r for r in entry.related if r not in related_ids]
        if unknown:
            raise KnowledgeError(f"{where}: field related: not factor or red-flag ids: {unknown}")
        entries.append(entry)
    for flag in ("fallback", "danger"):
        marked = [e.id for e in entries if getattr(e, flag)]
        if len(marked) > 1:
            raise KnowledgeError(f"{file_name}: field {flag}: only one entry may set it: {marked}")
    missing = [t for t in topic_ids if t not in seen]
    if missing:
        raise KnowledgeError(f"{file_name}: no entry for faq_topics {missing}")
    # Keep the vocabulary's order so `--list` reads like concepts.json.
    order = {t: i for i, t in enumerate(topic_ids)}
    return FaqBase(entries=tuple(sorted(entries, key=lambda e: order[e.id])))


def faq_files() -> list[Path]:
    """The files the packaged FAQ is read from (and what is kept of it depends on)."""
    return [_data_file("faq.yaml"), _data_file("concepts.json"), _data_file(KNOWN_WORDS_FILE)]


@cache
def load_faq() -> FaqBase:
    """The packaged FAQ, validated once and cached (tests/knowledge/test_faq.py holds it so);
    read back from a copy kept between runs while its files are unchanged (`cache`): reading
    and checking faq.yaml took 40 ms of every `ask` start-up."""
    from crampcoach.knowledge.cache import cached

    path, concepts, words = faq_files()

    def build() -> FaqBase:
        faq = parse_faq(read_yaml(path), read_concepts(), path.name)
        return faq.model_copy(update={"known_words": frozenset(read_word_list(words))})

    return cached("faq", [path, concepts, words], build)


def source_citations(kb: KnowledgeBase) -> dict[str, str]:
    """Source id -> full citation, from the validated knowledge base (sources.yaml)."""
    return {source_id: s.citation for source_id, s in kb.sources.items()}
