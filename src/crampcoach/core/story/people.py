"""The persons a story names: the writer, someone else, or "he"/"she" (`Mention`), whom the
story is about (`Subject`), and the words that tell a person's role in a sentence (the one
who has or does, an object, a witness). The story's `Context` finds them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from crampcoach.knowledge.regexes import kept_regex

THIRD_PERSON = frozenset({"he", "she", "his", "him", "her", "he's", "she's", "hers"})
FIRST_PERSON = frozenset(
    {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "im", "ive", "mine"}
)
# The writer after a preposition is no one who does or has anything ("a man next to me
# collapsed"), while after a verb they may be the one it happens to ("she started me on").
WRITER_OBJECT = frozenset({"me", "myself"})
# People in general ("are cramps common in people over sixty?"): no one the person is with, and
# no one a story is about.
PEOPLE_AT_LARGE = frozenset(
    {"people", "other people", "lots of people", "a lot of people", "many people"}
)
# Verbs of answering or addressing someone: the writer after them is the one spoken to,
# and whoever does not answer, or calls them by the wrong name, is someone else ("she is
# not answering me", "he kept calling me Sam").
ANSWERING = frozenset(
    {"answer", "answers", "answered", "answering", "respond", "responds", "responded"}
    | {"responding", "reply", "replies", "replied", "replying", "recognise", "recognize"}
    | {"recognises", "recognizes", "recognised", "recognized", "recognising", "recognizing"}
    | {"call", "calls", "called", "calling", "ask", "asks", "asked", "asking"}
)
# Verbs of seeing someone do something: the one seen does it ("I saw a runner collapse",
# "watched my brother fall"), unless no deed follows (`NO_DEED`: "saw my GP on Monday").
SEEING = frozenset(
    {"saw", "see", "seen", "sees", "watched", "watch", "watching", "noticed", "heard"}
    | {"spotted", "found"}
)
NO_DEED = frozenset(
    {"and", "or", "but", "the", "a", "an", "my", "his", "her", "their", "our", "who", "that"}
    | {"which", "when", "yesterday", "today", "tonight", "last", "this", "earlier", "again"}
    | {"once", "twice", "recently", "lately", "for", "in", "on", "at", "about", "with", "to"}
    | {"from", "before", "after", "there", "here", "then", "so", "too", "as", "while"}
)
# A pronoun only ever an object: someone named before it is not whom it stands for ("a
# teammate passed him the ball").
OBJECT_PRONOUNS = frozenset({"him", "them"})
PREPOSITIONS = frozenset(
    {"to", "beside", "behind", "near", "with", "alongside", "past", "by", "from", "than"}
    | {"like", "at", "towards", "toward", "against", "about", "unlike", "around"}
    | {"of", "after"}  # "the rider in front of me fainted", "the runner after me fell"
)
# "someone in my club", "a guy from my work": the "my" is part of who they are.
BELONGING = kept_regex(
    r"\s+(?:in|from|at|of|on)\s+(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?:club|team|gym|class|"
    r"office|work|group|squad|crew|street|family|school|building|unit|ward|year|road|site|"
    r"shift|yard|depot|warehouse|farm|kitchen|platoon|course)s?\b"
)
# Words ending like a verb ("passed", "helping") before a person make them its object;
# these few end so but are no verbs.
NOT_VERBS = frozenset(
    {"morning", "evening", "spring", "something", "nothing", "anything", "everything"}
    | {"thing", "during", "bed", "red", "need", "speed", "hundred", "ring", "king"}
)
# Words between a terminator and a verb that say nothing of who ("now also gets").
FILLER_ADVERBS = frozenset(
    {"and", "also", "still", "then", "just", "often", "always", "sometimes", "even", "suddenly"}
    | {"again", "usually", "occasionally", "constantly", "regularly", "only", "really"}
)
# "one of my boys", "two of his teammates": the people themselves, not an object of "of".
PART_OF = frozenset(
    {"one", "two", "three", "some", "each", "any", "none", "all", "both", "several", "many"}
    | {"few", "most", "either", "neither"}
)
# The person before it has or does what follows: "a man whose calf was red", "told us about
# a runner who had ..." (not "the friend who I called").
WHOSE = kept_regex(r"\s*,?\s*(?:whose\b|who\b(?!\s+(?:i|we|you)\b))")
LIKENED = kept_regex(r"\b(?:as\s+if|as\s+though|like)\s+$")
# A name just after the word for a person: "my club mate Dan", "my friend, Sara,".
NAME_AFTER = kept_regex(r"\s*,?\s*([a-z]+)\b")
Kind = Literal["writer", "other", "pronoun"]
# How a person is named: as the one who does or has ("my dad had"), as an object ("ran
# with my dad"), as a witness ("my wife noticed"), or as the one before ("I'm a runner").
Role = Literal["subject", "object", "witness", "same"]


@dataclass(frozen=True)
class Mention:
    """A person the story names: the writer ("I", "my"), someone else, or "he"/"she"."""

    kind: Kind
    start: int
    end: int
    key: str | None = None  # the word naming someone else: "dad", "a runner"
    sex: str | None = None
    word: tuple[int, int] | None = None  # where that word is
    role: Role = "subject"

    @property
    def subject(self) -> bool:
        return self.role == "subject"


@dataclass(frozen=True)
class Subject:
    """Whom the story is about: the writer, or someone they describe."""

    about: Literal["writer", "someone_else"] = "writer"
    sex: str | None = None
    word: tuple[int, int] | None = None  # where the word naming them is ("son")
    key: str | None = None


# The baby of a pregnancy ("pregnant with our first baby"): no one who cramps.
UNBORN = kept_regex(
    r"\b(?:pregnant|expecting|carrying)(?:\s+with)?[\s,]+(?:(?:our|my|her|his|their|a|the)\s+)?"
    r"(?:(?:first|second|third|1st|2nd|3rd)\s+)?$"
)


def pronoun_sex(word: str) -> str | None:
    """The sex a pronoun says ("she", "her" female; "he", "his" male); None for others."""
    if word.startswith(("she", "her")):
        return "female"
    if word.startswith(("he", "him", "his")):
        return "male"
    return None
