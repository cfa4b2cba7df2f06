"""The story lexicon (lexicon.yaml): phrases people write, and the Intake values they set.

Loading validates every entry: its fields exist in Intake, its values fit them, and
its patterns compile. Errors name the file, the entry and the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.files import read_word_list, read_yaml
from crampcoach.knowledge.intake import Intake, field_paths
from crampcoach.knowledge.models import FROZEN, FROZEN_BY_NAME
from crampcoach.knowledge.regexes import CompiledPattern, checked
from crampcoach.knowledge.story_cues import ContextCues, CoolingCues, Relatives, StoryNumbers

FILE = "lexicon.yaml"
KNOWN_WORDS_FILE = "lexicon_known_words.json"
# Pseudo-fields that set nothing in Intake but tell the parser something: `_cramp` marks
# words that say a cramp happened; `_ignore` marks words that mean something else
# ("my heart was racing" is not a race), so that, with `claims`, they hide shorter matches;
# `_hand_use` marks work of the hands (writing, gripping a racket, playing the guitar), for
# entries that need idle or busy hands; `_remedy` marks what is put on a limb (a warm
# flannel, an ice pack, the cold floor): the entries it `hides` read the story without it;
# `_tried` marks what a person does to a cramp to release it (stretching, rubbing, standing
# on it): beside a cramp that still holds, it did not work; `_walk_story` marks the parts
# of claudication told over several sentences (walk, stop, eases, recurs, pain);
# `_unnamed_medicine` marks a medicine started under a name not read (a medicine, unless one
# is read in the same words).
SPECIAL_FIELDS = {
    "_cramp",
    "_ignore",
    "_hand_use",
    "_remedy",
    "_tried",
    "_walk_story",
    "_unnamed_medicine",
}
Scalar = bool | int | float | str
Derived = TypeVar("Derived")


class LexiconEntry(BaseModel):
    """One group of words with the field values they set."""

    model_config = FROZEN_BY_NAME

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
    needs: (
        Literal[
            "cramp_sentence",
            "cramp_near",
            "not_after_cramp",
            "rest_sentence",
            "idle_hands",
            "busy_hands",
        ]
        | None
    ) = Field(
        None,
        description="cramp_sentence: only in a sentence that speaks of a cramp or a muscle; "
        "cramp_near: in such a sentence or next to one; not_after_cramp: not in a sentence "
        "right after one that speaks of a cramp (unless its own does too, or the story tells "
        "of confusion); rest_sentence: a cramp sentence with no word of exercise; "
        "idle_hands / busy_hands: only in a sentence without / with work of the hands "
        "(`_hand_use`)",
    )

    # The patterns compiled, once, as they are checked (what the story matcher searches with).
    _compiled: tuple[CompiledPattern, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _patterns_compile(self) -> LexiconEntry:
        if len(self._compiled) != len(self.patterns):  # pydantic re-runs this on an instance
            self._compiled = checked(self.patterns)
        return self

    @property
    def compiled_patterns(self) -> tuple[CompiledPattern, ...]:
        return self._compiled

    def negation_mode(self) -> Literal["flip", "drop", "ignore"]:
        """How "no"/"not" before the words changes them (flip for yes/no values)."""
        if self.negation is not None:
            return self.negation
        values = [v for k, v in self.set_.items() if k not in SPECIAL_FIELDS]
        return "flip" if values and all(isinstance(v, bool) for v in values) else "drop"


class ReplyWords(BaseModel):
    """Replies to the interview's yes/no questions in one language (core/replies.py)."""

    model_config = FROZEN

    yes_words: list[str] = Field(min_length=1)
    no_words: list[str] = Field(min_length=1)
    dont_know: list[str] = Field(default_factory=list, description="leave the question open")


class Lexicon(BaseModel):
    """The whole lexicon file."""

    model_config = FROZEN

    entries: list[LexiconEntry]
    relatives: Relatives
    context: ContextCues = Field(default_factory=ContextCues)
    cooling: CoolingCues = Field(default_factory=CoolingCues)
    numbers: StoryNumbers
    other_languages: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Common words of languages crampcoach does not read yet, by language",
    )
    contractions: dict[str, str] = Field(
        default_factory=dict,
        description='Contractions written without the apostrophe, read with it: "hasnt"',
    )
    shorthands: dict[str, str] = Field(
        default_factory=dict,
        description="Words as texting writes them, and words of English-based pidgins and "
        'creoles, read as the word meant: "nyt" is night, "wen" is when, "cyaan" is can\'t',
    )
    replies: dict[str, ReplyWords] = Field(
        default_factory=dict, description="Yes, no and don't know, by language tag"
    )
    vocabulary: list[str] = Field(default_factory=list, description="Words of the patterns")
    known_words: list[str] = Field(default_factory=list)
    # What the core builds from this lexicon (its compiled matcher), kept with it: built once
    # per lexicon, never in a module global (the same as KnowledgeBase.derived).
    _derived: dict[Callable[..., Any], Any] = PrivateAttr(default_factory=dict)

    def derived(self, build: Callable[[Lexicon], Derived]) -> Derived:
        """`build(self)`, computed on the first call and kept with this lexicon."""
        derived = self._derived  # read once: pydantic looks a private attribute up in Python
        if build not in derived:
            derived[build] = build(self)
        result: Derived = derived[build]
        return result


def check_entry(entry: LexiconEntry, paths: set[str], file: str = FILE) -> None:
    """KnowledgeError unless `entry` has words and sets Intake fields (`paths`) to values
    that fit them (`file` names where it was read)."""
    where = f"{file}: entry {entry.id!r}"
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


def load_lexicon(
    path: Path | None = None,
    *,
    derive: Callable[[Lexicon], object] | None = None,
    code: Iterable[Traversable] = (),
) -> Lexicon:
    """Read and check lexicon.yaml (the package's own unless `path` is given; the package's
    own is read back from a copy kept between runs when it has not changed: `cache`).

    `derive` (what a layer above builds from the package's lexicon, `Lexicon.derived`) is
    built with it and kept with it; `code` names the files of its code, which the kept copy
    must match as well.

    Raises KnowledgeError naming the file, the entry and the field of the first problem.
    """
    if path is not None:
        return _read_lexicon(path)
    from crampcoach.knowledge.cache import cached

    def build() -> Lexicon:
        lexicon = _read_lexicon(None)
        if derive is not None:
            lexicon.derived(derive)
        return lexicon

    data = resources.files("crampcoach.knowledge") / "data"
    name = "lexicon" if derive is None else f"lexicon+{derive.__name__}"
    return cached(name, [data / FILE, data / KNOWN_WORDS_FILE], build, code=code)


def _read_lexicon(path: Path | None) -> Lexicon:
    source: Any = (
        path if path is not None else resources.files("crampcoach.knowledge") / "data" / FILE
    )
    raw = read_yaml(source, FILE)
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        raise KnowledgeError(f"{FILE}: expected a mapping with a list of entries")
    words_file = (
        source.parent / KNOWN_WORDS_FILE
        if path is not None
        else (resources.files("crampcoach.knowledge") / "data" / KNOWN_WORDS_FILE)
    )
    if words_file.is_file():
        raw["known_words"] = list(raw.get("known_words") or []) + read_word_list(words_file)
    entries = []  # each validated (and its patterns compiled) once, named in any error
    for index, item in enumerate(raw["entries"]):
        label = item.get("id") if isinstance(item, dict) else None
        where = f"{FILE}: entry {label!r}" if label else f"{FILE}: entry #{index + 1}"
        try:
            entries.append(LexiconEntry.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "(entry)"
            raise KnowledgeError(f"{where}: field {field}: {first['msg']}") from exc
    try:
        lexicon = Lexicon.model_validate({**raw, "entries": entries})
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
        check_entry(entry, paths)
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
