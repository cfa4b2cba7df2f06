"""The story lexicon (lexicon.yaml): phrases people write, and the Intake values they set.

Loading validates every entry: its fields exist in Intake, its values fit them, and
its patterns compile. Errors name the file, the entry and the field.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from crampcoach.core.intake import Intake, field_paths
from crampcoach.errors import KnowledgeError

FILE = "lexicon.yaml"
KNOWN_WORDS_FILE = "lexicon_known_words.json"
# libyaml's loader when present: the lexicon is read at every start-up.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Pseudo-fields that set nothing in Intake but tell the parser something: `_cramp` marks
# words that say a cramp happened; `_ignore` marks words that mean something else
# ("my heart was racing" is not a race), so that, with `claims`, they hide shorter matches.
SPECIAL_FIELDS = {"_cramp", "_ignore"}
Scalar = bool | int | float | str


class LexiconEntry(BaseModel):
    """One group of words with the field values they set."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    set_: dict[str, Scalar] = Field(alias="set", min_length=1)
    phrases: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    negation: Literal["flip", "drop", "ignore"] | None = None
    estimated: bool = False
    claims: bool = Field(False, description="A longer match hides shorter matches it overlaps")
    hides: list[str] = Field(
        default_factory=list, description="Entries whose shorter overlapping matches this hides"
    )
    needs: Literal["cramp_sentence", "rest_sentence"] | None = None

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from exc
        return patterns

    def negation_mode(self) -> Literal["flip", "drop", "ignore"]:
        """How "no"/"not" before the words changes them (flip for yes/no values)."""
        if self.negation is not None:
            return self.negation
        values = [v for k, v in self.set_.items() if k not in SPECIAL_FIELDS]
        return "flip" if values and all(isinstance(v, bool) for v in values) else "drop"


class Relatives(BaseModel):
    """Words for people a writer may describe instead of themselves, by sex."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    male: list[str]
    female: list[str]
    unknown: list[str]


class Lexicon(BaseModel):
    """The whole lexicon file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: list[LexiconEntry]
    relatives: Relatives
    vocabulary: list[str] = Field(default_factory=list, description="Words of the patterns")
    known_words: list[str] = Field(default_factory=list)


def _check_entry(entry: LexiconEntry, paths: set[str]) -> None:
    where = f"{FILE}: entry {entry.id!r}"
    if not entry.phrases and not entry.patterns:
        raise KnowledgeError(f"{where}: field phrases: give phrases or patterns")
    for path, value in entry.set_.items():
        if path in SPECIAL_FIELDS:
            continue
        if path not in paths:
            raise KnowledgeError(f"{where}: field set.{path}: unknown Intake field")
        part, name = path.split(".")
        data: dict[str, Any] = {part: {name: [value] if _is_list(path) else value}}
        try:
            Intake.model_validate(data)
        except ValidationError as exc:
            message = exc.errors()[0]["msg"]
            raise KnowledgeError(f"{where}: field set.{path}: {value!r}: {message}") from exc


def _is_list(path: str) -> bool:
    part, name = path.split(".")
    model = Intake.model_fields[part].annotation
    assert isinstance(model, type) and issubclass(model, BaseModel)
    return str(model.model_fields[name].annotation).startswith("list")


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read and check lexicon.yaml (the package's own unless `path` is given).

    Raises KnowledgeError naming the file, the entry and the field of the first problem.
    """
    source: Any = (
        path if path is not None else resources.files("crampcoach.knowledge") / "data" / FILE
    )
    try:
        raw = yaml.load(source.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{FILE}: file missing") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{FILE}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        raise KnowledgeError(f"{FILE}: expected a mapping with a list of entries")
    words_file = (
        source.parent / KNOWN_WORDS_FILE
        if path is not None
        else (resources.files("crampcoach.knowledge") / "data" / KNOWN_WORDS_FILE)
    )
    if words_file.is_file():
        try:
            extra = json.loads(words_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise KnowledgeError(f"{KNOWN_WORDS_FILE}: not valid JSON: {exc}") from exc
        if not isinstance(extra, list) or not all(isinstance(w, str) for w in extra):
            raise KnowledgeError(f"{KNOWN_WORDS_FILE}: expected a list of words")
        raw["known_words"] = list(raw.get("known_words") or []) + extra
    for index, item in enumerate(raw["entries"]):
        label = item.get("id") if isinstance(item, dict) else None
        where = f"{FILE}: entry {label!r}" if label else f"{FILE}: entry #{index + 1}"
        try:
            LexiconEntry.model_validate(item)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "(entry)"
            raise KnowledgeError(f"{where}: field {field}: {first['msg']}") from exc
    try:
        lexicon = Lexicon.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(file)"
        raise KnowledgeError(f"{FILE}: field {field}: {first['msg']}") from exc
    paths = set(field_paths())
    seen: set[str] = set()
    for entry in lexicon.entries:
        if entry.id in seen:
            raise KnowledgeError(f"{FILE}: entry {entry.id!r}: field id: duplicate id")
        seen.add(entry.id)
        _check_entry(entry, paths)
    for entry in lexicon.entries:
        for hidden in entry.hides:
            if hidden not in seen:
                raise KnowledgeError(
                    f"{FILE}: entry {entry.id!r}: field hides: unknown entry {hidden!r}"
                )
    return lexicon


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The package's lexicon, loaded once per process."""
    return load_lexicon()
