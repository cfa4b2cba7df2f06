"""Whose each cramp is: the writer's ("my calf cramped", "I got a cramp in my foot") or
someone else's ("my mum is on dialysis and cramps badly", "a cramp in his calf").

The story is about the person who had the cramp. A writer who first tells of a relative's
illness and then of their own cramp writes about themselves, and the relative's facts are
history; a coach or a parent who tells only of another's cramps writes about that person.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from crampcoach.core.story.context import Context
from crampcoach.core.story.people import PEOPLE_AT_LARGE, Mention, Subject, pronoun_sex
from crampcoach.core.story.readings import Reading
from crampcoach.core.story.text import WORD, StoryText
from crampcoach.knowledge.regexes import kept_regex

# Words that name the one who has or does something ("I", "she", "mine was a quad cramp"),
# not its object ("me", "him") or an owner ("my", "his"), whose body part tells whose it is
# instead.
_NOMINATIVE = frozenset(
    {"i", "i'm", "i've", "i'd", "i'll", "im", "ive", "he", "she", "he's", "she's", "mine", "hers"}
)
# Between an owner and a body part: "my left calf", "his poor old foot".
_BODY_GAP = kept_regex(
    r"\s+(?:(?:left|right|own|other|poor|old|lower|upper|whole|inner|outer|bad|good)\s+){0,2}"
)
# An owner and a body part the lexicon names no muscle by, a few words before the cramp:
# "her legs kept cramping", "his whole body went into spasm".
_BODY_BEFORE = kept_regex(
    r"\b(?:my|his|her|their|our)\s+(?:(?:left|right|own|poor|old|lower|upper|whole|both)\s+){0,2}"
    r"(?:legs?|arms?|hands?|feet|foot|body|muscles?|toes?|fingers?|limbs?)\s+(?:\w+\s+){0,2}"
    r"[\"'“‘]?$"  # the cramp's word in quotes: 'her leg had been "cramping"'
)
# "until the cramp goes": a cramp told before, whoever is named beside it now.
_DEFINITE = kept_regex(r"\b(?:the|this|that|these|those|it)\s+$")
_REACH = 300  # characters: the farthest back a person or a muscle is looked for
_NEAR_WORDS = 5  # a muscle this many words from a cramp word is the cramping one
# Between a person named as an object and a cramp that is theirs: "watched my son cramp
# up", "saw him start to cramp". Not "ran with my dad and cramped".
_OBJECT_GAP = 3
_NOT_THEIRS = frozenset({"and", "or", "then", "with", "for", "before", "after", "while"})
# A cramp that is what is read, written, talked or worried about is nobody's: "after weeks
# of reading posts on night cramps", "a video on calf cramps", "googling leg cramps",
# "the whole team was chatting about cramps".
_TOPIC = kept_regex(
    # ... or heard of at large: "contradictory info on night cramps", "complaints of cramps".
    r"\b(?:(?:threads?|posts?|articles?|videos?|pages?|leaflets?|websites?|blogs?|books?|advice|"
    r"stuff|info|information|material|guidance|research|claims|myths|complaints?|reports?|"
    r"read|reading|researched|researching|talk|talks|talking|talked|chat|chatting|chatted|"
    r"asking|asked|arguing|argued|debating|debated|worried|worrying|panicking|paranoid)\s+"
    r"(?:up\s+)?(?:about|on|regarding|over|of)"
    r"|googled|googling|searched\s+for|searching\s+for)\s+(?:\w+\s+){0,2}$"
    # A kind of cramp set against what it may be: "a salt problem, not an ordinary cramp".
    r"|\b(?:rather\s+than|instead\s+of|more\s+than|not)\s+(?:just\s+|only\s+)?(?:an?\s+)?"
    r"(?:simple|normal|ordinary|plain|regular|usual|typical|common|everyday)\s+$"
    # Cramps to be kept away, not had: "how do I avoid these cramps on long rides".
    r"|\b(?:prevent|preventing|prevention\s+of|avoid|avoiding|ward\s+off|warding\s+off)\s+"
    r"(?:\w+\s+){0,2}$"
)


# The writer turning the story to themselves: "now it's me", "this one's about me".
_TURN_TO_ME = kept_regex(
    r"\b(?:(?:it's|it\s+is|its|this\s+is|this\s+one's|this\s+one\s+is)\s+(?:about\s+)?"
    r"|(?:as\s+for|about)\s+)(?P<me>me)\b"
)


def a_topic(story: StoryText, start: int) -> bool:
    """Whether the cramp word at `start` is what is read, talked or worried about, not a cramp
    that someone had ("the whole team was chatting about cramps")."""
    return _TOPIC.search(story.norm, max(0, start - 60), start) is not None


@dataclass(frozen=True)
class Cramp:
    """A cramp told in the story (not of the past), and whose it is."""

    start: int
    end: int
    owner: Mention | None
    clause: tuple[int, int]

    @property
    def writers(self) -> bool:
        return self.owner is not None and self.owner.kind == "writer"


def subject(
    story: StoryText,
    told: list[Cramp],
    context: Context,
    anchor: int | None,
    signs: Sequence[tuple[int, int]] = (),
) -> Subject:
    """Whom the story is about, decided by its cramps.

    A cramp of the writer's own ("I got a cramp in my foot", "my calf cramped") makes the
    story theirs, whoever else it tells of first; else the first cramp, told of someone
    else ("my son gets cramps", "watched my son cramp up"), makes it theirs, unless the
    cramps of several people are told, no sign (`signs`: where the story tells a sign as
    present) is told of that first one, and some are told of another now: a coach's report
    on two boys' passing cramps and on the keeper whose thigh has swollen since is about
    the keeper. When the first cramp names nobody, the person named where the story first
    speaks of a cramp or sign (`anchor`) decides, as `Context.subject` does.
    """
    if any(c.writers for c in told):
        return Subject()
    # Cramps of people in general ("do cramps get worse as people age?") make no one the
    # story's person: it is a question, and the writer's own.
    at_large = [c for c in told if c.owner is not None and c.owner.key in PEOPLE_AT_LARGE]
    if at_large and len(at_large) == len(told):
        return Subject()
    told = [c for c in told if c not in at_large]
    if not told:
        return context.subject(anchor)
    first = told[0].owner
    person = context.subject(anchor) if first is None else _owner_subject(story, context, first)
    owners = [c.owner for c in told[1:] if c.owner is not None]
    if not owners or not signs or _signs_of(context, signs, person, False):
        return person  # the first cramp's owner, whenever a sign of theirs is told
    # No sign is told of the first cramp's owner: the first of the others with a sign now.
    others = (_owner_subject(story, context, owner) for owner in owners)
    return next((o for o in others if o != person and _signs_of(context, signs, o, True)), person)


def _owner_subject(story: StoryText, context: Context, owner: Mention) -> Subject:
    """The person a cramp's owner names: "his calf" stands for the one named before him."""
    if owner.kind == "pronoun":
        earlier = [m for m in context.mentions if m.kind == "other" and m.start < owner.start]
        if not earlier:
            word = story.norm[owner.start : owner.end]
            sex = pronoun_sex(word) or "male"
            return Subject("someone_else", sex, (owner.start, owner.end))
        owner = context.antecedent(owner, earlier)
    return Subject("someone_else", owner.sex, owner.word, owner.key)


def _signs_of(
    context: Context, signs: Sequence[tuple[int, int]], person: Subject, now: bool
) -> int:
    """How many of `signs` are told of `person` (named with them, or standing for them);
    `now`: only those told as happening now."""
    count = 0
    for start, end in signs:
        if context.in_others_post(start) or context.is_past(start, end):
            continue  # a reply in a pasted thread, an illness of the past: not now, not here
        who = context.experiencer(start, end)
        if who is None:
            continue  # told of nobody named: no one's more than another's
        if person.about == "writer":
            count += who.kind == "writer"
        elif (
            who.kind != "writer"
            and context.same_person(who, person)
            and (not now or context.told_as_now(who, start, end))
        ):
            count += 1  # now: as `history.someone_else_now` would count it
    return count


def cramps(story: StoryText, context: Context, readings: list[Reading]) -> list[Cramp]:
    """Every cramp told now (not "as a child"), with the person it belongs to."""
    muscles = sorted(
        (r.match.start, r.match.end)
        for r in readings
        if "episode.muscle" in r.match.entry.set_ and r.status != "denied"
    )
    starts = [m.start for m in context.mentions]
    found = []
    for reading in readings:
        match = reading.match
        if "_cramp" not in match.entry.set_ or context.is_past(match.start, match.end):
            continue
        if a_topic(story, match.start):
            continue
        clause = (story.clause_start(match.start), story.clause_end(match.end))
        muscle = _muscle(story, muscles, match.start, match.end, clause)
        owner = _possessor(story, context, starts, match.start)
        if owner is None and muscle is not None:
            owner = _possessor(story, context, starts, muscle[0]) or _owner_inside(
                context, starts, muscle
            )
        if owner is None and muscle is None:
            owner = _body_owner(story, context, starts, match.start)
        if owner is None and not _DEFINITE.search(story.norm, max(0, match.start - 8), match.start):
            owner = _named(story, context, starts, match.start)
        if owner is None:
            owner = _body_later(story, context, starts, muscles, match.end)
        if owner is None:
            owner = _turned_to_me(story, context, starts, match.start)
        found.append(Cramp(match.start, match.end, owner, clause))
    return found


def _muscle(
    story: StoryText,
    muscles: list[tuple[int, int]],
    start: int,
    end: int,
    clause: tuple[int, int],
) -> tuple[int, int] | None:
    """The body part nearest the cramp word in its clause ("cramp in my foot")."""
    best, distance = None, _NEAR_WORDS + 1
    first, last = max(clause[0], start - _REACH), min(clause[1], end + _REACH)
    index = bisect.bisect_left(muscles, (first, 0))
    for a, b in muscles[index:]:
        if a >= last:
            break
        if b > last:
            continue
        gap = story.norm[min(b, end) : max(a, start)] if (b <= start or a >= end) else ""
        words = len(WORD.findall(gap))
        if words < distance:
            best, distance = (a, b), words
    return best


def _possessor(
    story: StoryText, context: Context, starts: list[int], position: int
) -> Mention | None:
    """Whose the body part or cramp at `position` is: "my calf", "his cramp", "my son's foot"."""
    index = bisect.bisect_left(starts, position) - 1
    if index < 0:
        return None
    mention = context.mentions[index]
    if mention.end > position or not _BODY_GAP.fullmatch(story.norm, mention.end, position):
        return None
    return mention


def _owner_inside(context: Context, starts: list[int], muscle: tuple[int, int]) -> Mention | None:
    """Whose a body part told with its owner inside it is: "the sole of her left foot",
    "the front of my shin"."""
    index = bisect.bisect_left(starts, muscle[0])
    if index < len(starts) and starts[index] < muscle[1]:
        return context.mentions[index]
    return None


def _body_owner(
    story: StoryText, context: Context, starts: list[int], position: int
) -> Mention | None:
    """Whose the body part just before the cramp at `position` is, when it names no muscle."""
    body = _BODY_BEFORE.search(story.norm, max(0, position - 60), position)
    if body is None:
        return None
    index = bisect.bisect_left(starts, body.start())
    if index < len(starts) and starts[index] == body.start():
        return context.mentions[index]
    return None


def _body_later(
    story: StoryText,
    context: Context,
    starts: list[int],
    muscles: list[tuple[int, int]],
    position: int,
) -> Mention | None:
    """Whose the body part told later in the sentence of a cramp that names no one is:
    "Toe cramps most nights, gone when my wife flexes my foot" (the writer's)."""
    last = story.sentence(position)[1]
    for start, _ in muscles[bisect.bisect_left(muscles, (position, 0)) :]:
        if start >= last:
            break
        owner = _possessor(story, context, starts, start)
        if owner is not None:
            return owner
    return None


def _turned_to_me(
    story: StoryText, context: Context, starts: list[int], position: int
) -> Mention | None:
    """The writer, when the sentence of a cramp that names no one turns the story to them
    first: "Gran has cirrhosis, poor thing. Now it's me: calf seized on a run"."""
    turns = list(_TURN_TO_ME.finditer(story.norm, story.sentence(position)[0], position))
    if not turns:
        return None
    turn = turns[-1]
    index = bisect.bisect_left(starts, turn.start("me"))
    if index < len(starts) and starts[index] == turn.start("me"):
        return context.mentions[index]
    return None


def _named(story: StoryText, context: Context, starts: list[int], position: int) -> Mention | None:
    """The person named as the one who cramps: someone named as an object just before the
    cramp ("watched my son cramp up", "saw him cramp"), else the last "I", "she" or "my son"
    before it in its sentence."""
    index = bisect.bisect_left(starts, position) - 1
    first = max(story.sentence(position)[0], position - _REACH)
    nearest = True
    while index >= 0:
        mention = context.mentions[index]
        index -= 1
        if mention.start < first:
            return None
        if nearest and mention.kind != "writer" and not mention.subject:
            gap = WORD.findall(story.norm, mention.end, position)
            if len(gap) <= _OBJECT_GAP and not _NOT_THEIRS.intersection(gap):
                return mention
        nearest = False
        if mention.subject and (
            mention.kind == "other" or story.norm[mention.start : mention.end] in _NOMINATIVE
        ):
            return mention
    return None


def theirs(told: list[Cramp], context: Context, subject: Subject) -> list[tuple[int, int]]:
    """The clauses that tell of someone else's cramp, in a story about the writer ("my mum
    cramps at night, and I got a cramp in yoga"): where, when and in what muscle they
    cramp is theirs."""
    if subject.about != "writer":
        return []
    mine = {c.clause for c in told if c.writers}
    return sorted(
        c.clause
        for c in told
        if c.owner is not None
        and not context.same_person(c.owner, subject)
        and c.clause not in mine
    )
