"""Danger signs in any text: a question to `ask` can describe an emergency too.

"I get cramps and chest pain when running" is a question about cramps, and also a
reason to see a doctor now. The story parser and the engine read the text as a
story; when a red flag fires, the answer leads with it, and the topic is one that
speaks to that danger (`lead_with_danger`).
"""

from __future__ import annotations

import dataclasses

from pydantic import BaseModel

from crampcoach.core.answers import AnswerIndex, AnswerMatch, answer_question
from crampcoach.core.assess import danger_of
from crampcoach.core.findings import Truth, finding_tests
from crampcoach.core.story import parse_story
from crampcoach.core.triage import trigger_signs
from crampcoach.knowledge.faq import FaqBase
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.lexicon import Lexicon
from crampcoach.knowledge.loader import KnowledgeBase

WARN_FROM = "consultation_24"  # lower levels are for the assess command, not a warning
# When the red flags, not the wording, chose the topic: as sure as a clear match.
DANGER_CONFIDENCE = 0.8


class DangerSigns(BaseModel):
    """Red flags found in a text, how urgent they are, and what to do now (message ids);
    `crampcoach.views` words the warning."""

    level: str
    red_flags: list[str]
    do_now: list[str]


def danger_signs(
    text: str, kb: KnowledgeBase, lexicon: Lexicon | None = None
) -> DangerSigns | None:
    """The red flags the text describes, when they need a doctor within a day or sooner.

    `lexicon` reads the text (the story parser's own default when None).
    """
    story = parse_story(text, lexicon)
    if not story.facts:
        # Nothing read ("does magnesium help?"): the empty intake's danger, worked out once.
        danger = kb.derived(_nothing_told)
    elif not _may_fire(story.intake, kb):
        return None  # no red flag fires, whatever the rest of the triage
    else:
        danger = danger_of(story.intake, kb)
    level, red_flags, do_now = danger
    if not red_flags or kb.triage_rank(level) < kb.triage_rank(WARN_FROM):
        return None
    return DangerSigns(level=level, red_flags=list(red_flags), do_now=list(do_now))


def _may_fire(intake: Intake, kb: KnowledgeBase) -> bool:
    """False when no red flag can fire: no trigger has all its signs told present. Tests
    the few findings that are signs, one trigger at a time, before the whole triage."""
    tests = finding_tests(kb)
    told: dict[str, Truth] = {}
    for signs in kb.derived(trigger_signs):
        for sign in signs:
            if sign not in told:
                told[sign] = tests[sign](intake)
            if told[sign] is not True:
                break
        else:
            return True
    return False


def _nothing_told(kb: KnowledgeBase) -> tuple[str, list[str], list[str]]:
    return danger_of(Intake(), kb)


def danger_topic(topic: str | None, warning: DangerSigns, faq: FaqBase) -> str | None:
    """The topic that answers a question describing `warning`'s danger signs.

    The matched `topic` stays when it is a specific topic that lists one of the red flags
    in `related` (heat cramps for heat stroke, pregnancy for a clot); otherwise the FAQ's
    danger topic (`danger: true`) answers, so "a swollen hot calf" is a clot warning, not
    heat cramps. Returns `topic` unchanged when the FAQ marks no danger topic.
    """
    entry = faq.get(topic) if topic else None
    if entry is not None and not entry.general and set(entry.related) & set(warning.red_flags):
        return topic
    return faq.danger_topic or topic


def lead_with_danger(match: AnswerMatch, warning: DangerSigns | None, faq: FaqBase) -> AnswerMatch:
    """`match` led by the danger warning (`led`), with a topic that fits the danger.

    A question outside cramps keeps no topic (the refusal says where to ask) but still
    leads with the danger. Without a warning, `match` is returned as it is.
    """
    if warning is None:
        return match
    if match.topic is None:
        return dataclasses.replace(match, led=True)
    topic = danger_topic(match.topic, warning, faq)
    entry = faq.get(topic) if topic else None
    if entry is None or topic == match.topic:
        return dataclasses.replace(match, led=True)
    return AnswerMatch(
        topic=topic,
        confidence=max(match.confidence, DANGER_CONFIDENCE),
        answer=entry.answer,
        alternatives=tuple(t for t in (match.topic,) if t is not None),
        corrected=match.corrected,
        led=True,
    )


def answer_safely(
    question: str,
    index: AnswerIndex,
    faq: FaqBase,
    kb: KnowledgeBase,
    lexicon: Lexicon | None = None,
) -> tuple[AnswerMatch, DangerSigns | None]:
    """Match `question` to a topic, leading with any danger sign it describes."""
    warning = danger_signs(question, kb, lexicon)
    return lead_with_danger(answer_question(question, index), warning, faq), warning
