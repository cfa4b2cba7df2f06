"""How stories in another language are read: `story_<code>.yaml`, one file a language.

A language written without spaces (Chinese) gives the entries of lexicon.yaml in its own
words (the same Intake fields and values, so a story gives the findings its English
version gives), ConText's cues (negation and its scope, uncertainty, the past) as data,
the words that name the people a story may be about, and how its numbers are written and
what their units are. The reader (crampcoach.core.story.segmented) is one for every such
language; only this data and the segmenter differ.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from crampcoach.errors import KnowledgeError
from crampcoach.knowledge.files import read_yaml
from crampcoach.knowledge.intake import field_paths
from crampcoach.knowledge.lexicon import LexiconEntry, check_entry
from crampcoach.knowledge.regexes import CompiledPattern, checked
from crampcoach.knowledge.story_cues import Relatives

Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
# The languages with such a file, by the tag their catalogue has (crampcoach.i18n).
FILES = {"zh-Hans": "story_zh.yaml"}
# What a story's sentences need for an entry to count, of those lexicon.yaml offers (the
# others speak of English clause shapes).
NEEDS = frozenset({"cramp_sentence", "cramp_near", "rest_sentence"})


class NegationCue(BaseModel):
    """Words that deny what follows them (forward), what their clause told before them
    (backward), or both (bidirectional: "都不" in "脚踝都不疼" and in "红肿都不")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    words: list[Word] = Field(min_length=1)
    direction: Literal["forward", "backward", "bidirectional"] = "forward"


class StoryCues(BaseModel):
    """ConText's cues in one language (see story_zh.yaml's header)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    negations: list[NegationCue] = Field(min_length=1)
    pseudo: list[Word] = Field(default_factory=list, description="hold a cue, negate nothing")
    pseudo_patterns: list[str] = Field(
        default_factory=list,
        description='patterns of pseudo cues, "没三分钟" (within three minutes): deny nothing',
    )
    backward_patterns: list[str] = Field(
        default_factory=list,
        description='patterns of backward negations: "头晕之类的也没有" denies its clause',
    )
    terminators: list[Word] = Field(default_factory=list, description="end a cue's reach")
    reach: int = Field(ge=1, le=30, description="words a negation or a hedge reaches")
    uncertain: list[Word] = Field(default_factory=list)
    past: list[Word] = Field(default_factory=list)
    hypothetical: list[Word] = Field(
        default_factory=list, description="hearsay and ifs (听说, 如果): what they reach is not now"
    )
    now: list[Word] = Field(default_factory=list, description="end the past's reach")
    present: list[Word] = Field(
        default_factory=list,
        description="words of this moment (现在, 正在): a sign of someone else told with one "
        "in its sentence, before it, is theirs now, not their history",
    )


class Pronouns(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    male: list[Word] = Field(default_factory=list)
    female: list[Word] = Field(default_factory=list)


class People(BaseModel):
    """Who a story's words are about: the writer, relatives and others, and proxies."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    writer: list[Word] = Field(min_length=1)
    relatives: Relatives
    pronouns: Pronouns = Field(default_factory=Pronouns)
    proxies: list[Word] = Field(default_factory=list, description='"帮" in "帮我妈问"')
    asking: list[Word] = Field(default_factory=list, description='"问" in "帮我妈问"')
    companions: list[Word] = Field(
        default_factory=list, description='"跟" in "跟朋友去爬山": with someone, not about them'
    )
    witnessing: list[Word] = Field(
        default_factory=list, description='"一看" in "我一看": the writer looking, not about them'
    )
    addressing: list[Word] = Field(
        default_factory=list, description='"各位" in "问一下各位大神": the readers addressed'
    )
    likening: list[Word] = Field(
        default_factory=list,
        description='"像" in "像有人踢了我一脚": a figure of speech, no one in the story',
    )
    acted_on: list[Word] = Field(
        default_factory=list,
        description='"把" in "他把我叫醒": the writer as the one acted on, not the one told of',
    )
    reflexive: list[Word] = Field(
        default_factory=list,
        description='"自己" in "他自己把药停了": the person already told of, whoever that is',
    )


class Numerals(BaseModel):
    """How numbers are written in characters (digits are read as they are)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    digits: dict[Annotated[str, StringConstraints(min_length=1, max_length=1)], int]
    multipliers: dict[Annotated[str, StringConstraints(min_length=1, max_length=1)], int]
    point: list[Word] = Field(default_factory=list)
    half: list[Word] = Field(default_factory=list)
    about: list[Word] = Field(default_factory=list, description="多, 几: a little more")
    measure: list[Word] = Field(default_factory=list, description="个: between number and unit")


Quantity = Literal["distance", "duration", "temperature", "mass", "age", "pregnancy", "volume"]


class Unit(BaseModel):
    """Words of one unit, the quantity they measure, and the factor to the Intake's unit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    words: list[Word] = Field(min_length=1)
    quantity: Quantity
    factor: float = Field(gt=0)


class Quantities(BaseModel):
    """Units, and the words that tell which field a number fills."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    units: list[Unit] = Field(min_length=1)
    water: list[Word] = Field(default_factory=list)
    body: list[Word] = Field(default_factory=list)
    below_zero: list[Word] = Field(default_factory=list)
    loss: list[Word] = Field(default_factory=list)
    weight: list[Word] = Field(default_factory=list, description="before the body's mass")
    drinking: list[Word] = Field(default_factory=list, description="before a volume drunk")
    lasting: list[Word] = Field(default_factory=list, description="before a cramp's length")
    weather: list[Word] = Field(
        default_factory=list, description="near a bare 度: a temperature of the air"
    )
    pregnancy: list[Word] = Field(default_factory=list)
    per_week: list[str] = Field(
        default_factory=list, description="patterns of how often a week, the count as group n"
    )

    per_month: list[str] = Field(
        default_factory=list, description="patterns of how often a month, the count as group n"
    )
    weeks_a_month: float = Field(default=1.0, gt=0, description="a count a month, a week")
    count_ends: list[Word] = Field(
        default_factory=list, description="words that may follow a count a week at its clause's end"
    )

    def compiled_per_week(self) -> tuple[CompiledPattern, ...]:
        return checked(self.per_week)

    def compiled_per_month(self) -> tuple[CompiledPattern, ...]:
        return checked(self.per_month)


class StoryLanguage(BaseModel):
    """What reading a story in one language needs (see the module's docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    language: str
    words: list[Word] = Field(default_factory=list, description="kept whole by the segmenter")
    entries: list[LexiconEntry] = Field(min_length=1)
    cues: StoryCues
    people: People
    numerals: Numerals
    quantities: Quantities

    def compiled_pseudo(self) -> tuple[CompiledPattern, ...]:
        return checked(self.cues.pseudo_patterns)

    def compiled_backward(self) -> tuple[CompiledPattern, ...]:
        return checked(self.cues.backward_patterns)

    def dictionary(self) -> set[str]:
        """Every word the segmenter should keep whole: the words, phrases and cues."""
        cues, people = self.cues, self.people
        relatives = people.relatives
        found = {*self.words, *cues.pseudo, *cues.terminators, *cues.uncertain, *cues.hypothetical}
        found |= {*cues.past, *cues.now, *cues.present, *people.writer, *people.proxies}
        found |= {*people.asking}
        found |= {*people.addressing}
        found |= {*relatives.male, *relatives.female, *relatives.unknown}
        found |= {w for cue in cues.negations for w in cue.words}
        found |= {p for entry in self.entries for p in entry.phrases}
        return {w for w in found if w.strip()}


def load_story_language(lang: str) -> StoryLanguage:
    """The validated data of `lang` (a key of FILES): each entry's fields and values fit
    the Intake, its patterns compile, its ids are unique and its `needs` are those the
    reader knows.

    Raises KnowledgeError naming the file, the entry and what is wrong.
    """
    from importlib import resources

    name = FILES[lang]
    raw = read_yaml(resources.files("crampcoach.knowledge") / "data" / name, name)
    try:
        data = StoryLanguage.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(file)"
        raise KnowledgeError(f"{name}: field {field}: {first['msg']}") from exc
    if data.language != lang:
        raise KnowledgeError(f"{name}: language {data.language!r}, expected {lang!r}")
    paths, seen = set(field_paths()), set()
    for entry in data.entries:
        if entry.id in seen:
            raise KnowledgeError(f"{name}: entry {entry.id!r}: field id: duplicate id")
        seen.add(entry.id)
        if entry.needs is not None and entry.needs not in NEEDS:
            raise KnowledgeError(
                f"{name}: entry {entry.id!r}: field needs: {entry.needs!r} is not read here "
                f"(read: {', '.join(sorted(NEEDS))})"
            )
        check_entry(entry, paths, name)
    for entry in data.entries:
        unknown = [hidden for hidden in entry.hides if hidden not in seen]
        if unknown:
            raise KnowledgeError(f"{name}: entry {entry.id!r}: field hides: unknown {unknown}")
    data.quantities.compiled_per_week()
    data.quantities.compiled_per_month()
    data.compiled_pseudo()
    data.compiled_backward()
    return data
