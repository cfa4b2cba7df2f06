"""Whose and when: what a story tells of someone else or of the past is history.

History is kept and shown ("Set aside" on screen, `history` in JSON) but never put into
the Intake, so a parent's clot or an episode last year never moves the triage. The one
exception is a sign of someone else told as happening now (`someone_else_now`): it goes
into the Intake's `someone_else`, never as the person's own finding.
"""

from __future__ import annotations

import bisect

from crampcoach.core.story.context import Context
from crampcoach.core.story.derived import fact_at, norm_offset
from crampcoach.core.story.model import Fact
from crampcoach.core.story.people import PEOPLE_AT_LARGE, Subject
from crampcoach.core.story.questions import asked
from crampcoach.core.story.text import WORD, StoryText

# Facts of the person that matter only while recent: told of the past, they are history
# ("I had a deep cut years ago", "when I was pregnant with my son").
_NOW_ONLY = frozenset(
    {
        "person.pregnant",
        "person.pregnancy_week",
        "person.postpartum",
        "person.recent_wound",
        "person.recent_immobility",
        "person.recent_fluid_loss_illness",
        "person.medicine_started_recently",
        # How long an earlier cramp lasted, and how it went, say nothing of today's; nor
        # does how often they came then ("used to get one a month").
        "episode.duration_s",
        "episode.per_week",
        "episode.still_cramping",
        "episode.relieved_by_stretching",
    }
)
NOW_ONLY = _NOW_ONLY  # what every language's reader sets aside when told of the past
_DENIAL_REACH = 600  # characters: how far back "none of that applies to me" looks


def retracted(story: StoryText, facts: list[Fact], context: Context) -> list[Fact]:
    """The facts a person did not take back: "my calf is swollen - scratch that, it only
    feels tight" reads no swelling. What their sentence told before the retraction goes (the
    sentence before, when the retraction opens its own); what follows it counts, so a sign
    told again after it ("no wait, it IS dark") stays."""
    spans = [
        (_taken_back_from(story, m.start()), m.start())
        for pattern in context.rules.retractions
        for m in pattern.finditer(story.norm)
    ]  # few: a person takes back a word or two in a story
    if not spans:
        return facts
    return [
        fact for fact in facts if not any(a <= norm_offset(story, fact.start) < b for a, b in spans)
    ]


def _taken_back_from(story: StoryText, position: int) -> int:
    sentence = story.sentence(position)
    if WORD.search(story.norm, sentence[0], position):
        return sentence[0]
    before = story.sentence_before(sentence)
    return before[0] if before else sentence[0]


def set_aside(
    story: StoryText,
    facts: list[Fact],
    context: Context,
    subject: Subject,
    theirs: list[tuple[int, int]],
) -> tuple[list[Fact], list[Fact]]:
    """Split off what is told of the past or of someone else: (facts, history).

    Signs (`findings.*`) and the person's own facts (`person.*`: conditions, medicines,
    wounds, pregnancy...) of someone other than the person the story is about are
    history: "my mum is on dialysis" is not the writer's. So is the muscle, time and
    exercise of someone else's cramp (`theirs`: its clauses). A sign, or a fact that only
    matters when recent (`_NOW_ONLY`), told of the past is history too.
    """
    kept, history = [], []
    their_starts = [a for a, _ in theirs]
    for fact in facts:
        start, end = norm_offset(story, fact.start), norm_offset(story, fact.end)
        writer = subject.about == "writer"
        if context.in_others_post(start):
            history.append(fact)  # "Reply from Ann: my ankles swelled up on that hike too"
            continue
        index = bisect.bisect_right(their_starts, start) - 1  # clauses do not overlap
        theirs_here = index >= 0 and start < theirs[index][1]
        if theirs_here and fact.field.startswith(("episode.", "activity.")):
            history.append(fact)
            continue
        if fact.field == "person.sex" and writer and context.names_someone_else(start, end):
            continue  # "a guy in my club had rhabdo": not the writer's sex
        if fact.field.startswith("findings."):
            who = context.experiencer(start, end)
            past = context.is_past(start, end)
        elif fact.field == "person.conditions" and (
            asked(story.norm, start, end) or context.is_possible(start)
        ):
            # "Might it be MS?", "cramps may signal diabetes": asked or told of, no one's.
            history.append(fact)
            continue
        elif fact.field.startswith("person.") and fact.field != "person.age_years":
            # The words themselves may name someone ("gave birth to my son"): whose the
            # fact is is told before it.
            who = context.experiencer(start, start)
            past = fact.field in _NOW_ONLY and context.is_past_here(start, end)
        elif fact.field in _NOW_ONLY:  # "last winter a cramp lasted 20 minutes": not today's
            who, past = None, context.is_past_here(start, end)
        else:
            kept.append(fact)
            continue
        if past or (who is not None and not context.same_person(who, subject)):
            history.append(fact)
        else:
            kept.append(fact)
    return kept, history


def someone_else_now(
    story: StoryText, history: list[Fact], context: Context, subject: Subject
) -> tuple[list[Fact], list[Fact]]:
    """(signs, history): each sign told of someone other than the person the story is about,
    as happening now and not in another's post ("my workmate is down and not answering"),
    becomes a `someone_else.*` fact, which a flag that calls for an ambulance counts for
    their sake; the rest stays history."""
    signs, kept = [], []
    for fact in history:
        start, end = norm_offset(story, fact.start), norm_offset(story, fact.end)
        if fact.field.startswith("findings.") and not context.in_others_post(start):
            who = context.experiencer(start, end)
            if (
                who is not None
                and who.key not in PEOPLE_AT_LARGE
                and not context.same_person(who, subject)
                and not context.is_past(start, end)
                and context.told_as_now(who, start, end)
            ):
                name = fact.field.removeprefix("findings.")
                signs.append(fact.model_copy(update={"field": f"someone_else.{name}"}))
                continue
        kept.append(fact)
    return signs, kept


def denied_after_others(
    story: StoryText, history: list[Fact], context: Context, subject: Subject
) -> list[Fact]:
    """Each yes/no sign told of someone else just before a denial of the person the story
    is about ("My friend had a swollen calf. None of that applies to me") is "no" for them."""
    denials = context.denials(subject)
    if not denials:
        return []
    out: list[Fact] = []
    seen: set[tuple[str, int]] = set()
    for fact in history:
        if fact.value is not True or not fact.field.startswith(("findings.", "person.")):
            continue
        start, end = norm_offset(story, fact.start), norm_offset(story, fact.end)
        who = context.experiencer(start, end if fact.field.startswith("findings.") else start)
        if who is None or context.same_person(who, subject) or context.is_past(start, end):
            continue  # history of the past, not of someone else
        index = bisect.bisect_right(denials, (start, len(story.norm)))
        if index == len(denials) or denials[index][0] > start + _DENIAL_REACH:
            continue
        a, b = denials[index]
        if (fact.field, a) not in seen:
            seen.add((fact.field, a))
            out.append(fact_at(story, fact.field, False, a, b))
    return out
