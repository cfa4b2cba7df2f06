"""The story lexicon's words of context (lexicon.yaml `relatives`, `context`, `cooling`,
`numbers`): who a sign belongs to and when, heat illness that cooling does not settle, and
the thresholds numbers in a story are read by. Part of `Lexicon`, checked with it."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field, PrivateAttr, field_validator, model_validator

from crampcoach.knowledge.models import FROZEN
from crampcoach.knowledge.plan_rules import Number
from crampcoach.knowledge.regexes import CompiledPattern, checked


def _compiles(patterns: list[str]) -> list[str]:
    checked(patterns)
    return patterns


class Relatives(BaseModel):
    """Words for people a writer may describe instead of themselves, by sex."""

    model_config = FROZEN

    male: list[str]
    female: list[str]
    unknown: list[str]
    names: list[str] = Field(
        default_factory=list,
        description='Relatives named like a name, without "my", at the start of a sentence: '
        '"Mum has kidney disease"',
    )
    aliases: list[list[str]] = Field(
        default_factory=list, description='Words that may name one person: "dad", "father"'
    )


class ContextCues(BaseModel):
    """Who and when a sign belongs to: ConText's experiencer and temporality cues.

    A sign told of someone other than the person the story is about, or of the past, is
    history: it sets no finding of the person now.
    """

    model_config = FROZEN

    others: list[str] = Field(
        default_factory=list, description='People without "my": "someone", "a runner"'
    )
    witness: list[str] = Field(
        default_factory=list, description="Verbs that make the person before them a witness"
    )
    objects: list[str] = Field(
        default_factory=list,
        description='Words before a person that make them an object ("ran with my dad")',
    )
    proxies: list[str] = Field(
        default_factory=list,
        description="Words before a person the writer asks for: the story is theirs, "
        '("a question for my gran"), though an object word ends them',
    )
    others_patterns: list[str] = Field(
        default_factory=list,
        description='Patterns naming someone else by a group they belong to: "one of the '
        'younger lads", "one of my patients", "another climber"',
    )
    copulas: list[str] = Field(
        default_factory=list,
        description='Words before a person who is the one before ("I\'m a runner")',
    )
    subjectless: list[str] = Field(
        default_factory=list,
        description="Verbs that, first after a terminator, carry on the person before it "
        '("she had surgery and now gets tingling lips")',
    )
    past: list[str] = Field(default_factory=list, description='"years ago", "as a child"')
    hypothetical: list[str] = Field(
        default_factory=list,
        description="Words after which a sign is only a possibility, up to its clause end: "
        '"watch for", "I read that" (told like the past: history, not a sign now)',
    )
    hypothetical_patterns: list[str] = Field(
        default_factory=list,
        description='The same, as patterns: "if they ever feel", "warns us that"',
    )
    conditions: list[str] = Field(
        default_factory=list,
        description="Patterns of a thing to look out for or to check: the clause after them "
        "is imagined, read over its verb to the clause's end (\"you should check whether "
        'your urine turns brown")',
    )
    past_patterns: list[str] = Field(default_factory=list)
    terminators: list[str] = Field(
        default_factory=list, description='Words that end any cue\'s scope: "but"'
    )
    now: list[str] = Field(
        default_factory=list,
        description='Words of the present that end any cue\'s scope and a past episode: "now"',
    )
    recoveries: list[str] = Field(
        default_factory=list,
        description='Patterns telling that an episode of the past ended for good ("full '
        'recovery", "fine ever since"): from a past cue before them to them is the past',
    )
    past_terminators: list[str] = Field(
        default_factory=list, description='Words that end a past cue\'s scope: "is", "like"'
    )

    present: list[str] = Field(
        default_factory=list,
        description='Patterns telling that a sign of someone else is happening now ("is", '
        '"isn\'t", "keeps", "right now"): between the person and the sign, they make it '
        "theirs now, not their history",
    )
    cared_for: list[str] = Field(
        default_factory=list,
        description='Patterns telling that someone else is in care already ("in hospital", '
        '"on a drip"): their signs, told in the same sentence, call on no one to help',
    )
    denials: list[str] = Field(
        default_factory=list,
        description="Patterns by which a person denies the signs just told of someone else: "
        '"none of that applies to me", "none of those for me"',
    )

    retractions: list[str] = Field(
        default_factory=list,
        description="Patterns by which a person takes back what they just said: "
        '"scratch that", "no wait": what the sentence told before them is not read',
    )

    thread_headers: list[str] = Field(
        default_factory=list,
        description="Patterns of the line that opens a post of a pasted thread, with the "
        "poster's name as group `name` (read line by line): what another poster writes is "
        "theirs",
    )

    thread_name_lines: list[str] = Field(
        default_factory=list,
        description='The same for a post opened by its poster\'s name alone ("MaggieB:"), read '
        "only in a story that calls itself a thread (`thread_words`)",
    )
    thread_words: list[str] = Field(default_factory=list)
    reported_speech: list[str] = Field(
        default_factory=list,
        description="Patterns of another person's own words told by the writer, the words as "
        "group `speech` (\"he says 'I have cramp'\"): an I or a my inside them is the speaker's",
    )
    thread_names_not: list[str] = Field(
        default_factory=list, description='Words before a colon that name no poster: "update"'
    )

    # The cue patterns the story matcher searches, compiled once as they are checked.
    SEARCHED: ClassVar[tuple[str, ...]] = (
        "others_patterns",
        "past_patterns",
        "recoveries",
        "hypothetical_patterns",
        "conditions",
        "denials",
        "retractions",
        "present",
        "cared_for",
    )
    _compiled: dict[str, tuple[CompiledPattern, ...]] = PrivateAttr(default_factory=dict)

    @field_validator("thread_headers", "thread_name_lines", "reported_speech")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        return _compiles(patterns)  # compiled, line by line, by the story matcher

    @model_validator(mode="after")
    def _searched_compile(self) -> ContextCues:
        if not self._compiled:  # pydantic re-runs this on an instance
            self._compiled = {name: checked(getattr(self, name)) for name in self.SEARCHED}
        return self

    def compiled(self, name: str) -> tuple[CompiledPattern, ...]:
        """The compiled patterns of field `name` (one of SEARCHED)."""
        return self._compiled[name]


class CoolingCues(BaseModel):
    """Heat illness that cooling does not settle: the words of the cooling measures and of
    being no better after them (read by core/story/cooling.py) [S41].

    Phrases are matched word by word ("~" = an optional the/my/his...); `unwell` are words
    of illness that the parser puts after "still" ("still dizzy") or a present-tense verb
    ("he's confused", counted only when a time of 30 minutes or so is told).
    """

    model_config = FROZEN

    measures: list[str] = Field(default_factory=list, description='"shade", "wet towels"')
    unwell: list[str] = Field(default_factory=list, description='"dizzy", "throwing up"')
    no_better: list[str] = Field(default_factory=list, description='"no better", "worse"')
    better: list[str] = Field(default_factory=list, description='"felt better", "came round"')
    breaks: list[str] = Field(
        default_factory=list, description='Times that start another scene: "the next day"'
    )
    despite: list[str] = Field(
        default_factory=list, description='"still dizzy despite the shade": words between'
    )
    local: list[str] = Field(
        default_factory=list,
        description='Words that make "no better" about the cramp: "the cramp is no better"',
    )


class StoryNumbers(BaseModel):
    """The numbers with a medical meaning that the story parser reads by, with sources."""

    model_config = FROZEN

    fever_c: Number = Field(description="A body temperature this high is a danger sign")
    body_temperature_c: Number = Field(description="Readings outside are not a body's")
    water_temperature_c: Number = Field(description="Readings outside are not of water")
    air_temperature_c: Number = Field(description="Readings outside are not of air")
    recent_medicine_months: Number = Field(description="A medicine started since is new")
    cooling_wait_minutes: Number = Field(
        description="Told this long after cooling began, it should have worked"
    )
    pregnancy_week: Number = Field(description="Weeks outside are not a week of pregnancy")
    first_trimester_week: Number = Field(description="The week read for 'first trimester'")
    second_trimester_week: Number = Field(description="The week read for 'second trimester'")
    third_trimester_week: Number = Field(description="The week read for 'third trimester'")

    @field_validator(
        "body_temperature_c", "water_temperature_c", "air_temperature_c", "pregnancy_week"
    )
    @classmethod
    def _a_range(cls, number: Number) -> Number:
        if number.low is None or number.high is None:
            raise ValueError("give low and high")
        return number
