"""Follow-up questions: only those whose answer could still change the result.

Red-flag screens come first: an unknown finding that would complete a red flag
above the current triage (or complete it with at most one more answer). Then the
unknown findings whose answer, yes or no, would change the top three factors.
Several findings may share one Intake field (age 40+ and 60+); a field is asked
about once, and a list item (a condition, a medicine) once.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from crampcoach.core.assessment import FollowUp
from crampcoach.core.changers import changers
from crampcoach.core.findings import Truth
from crampcoach.i18n import N_
from crampcoach.knowledge import vocabulary
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import KnowledgeBase
from crampcoach.knowledge.schema import Finding

MAX_QUESTIONS = 10  # a person answers a few questions, not a form
MAX_SCREENS = 7  # leaves room for questions that change the likely causes
MAX_FACTOR_QUESTIONS = 4
YES_NO = ["yes", "no", "not sure"]

# Asked first when the story does not say: which muscle, and when the cramp came.
CONTEXT_FIELDS = {
    "during exercise": "episode.during_exercise",
    "after exercise": "episode.after_exercise",
    "at night in bed": "episode.at_night",
    "at rest": "episode.at_rest",
}
MUSCLES = list(vocabulary.MUSCLES)
MUSCLE_QUESTION = FollowUp(
    id="muscle",
    text=N_("Which muscle cramped?"),
    kind="choice",
    field="episode.muscle",
    choices=MUSCLES,
    reason=N_("The story does not say which muscle"),
    screens_red_flag=False,
)
WHEN_QUESTION = FollowUp(
    id="when",
    text=N_("When did it come?"),
    kind="choice",
    field="episode.during_exercise",  # or one of the other CONTEXT_FIELDS
    choices=list(CONTEXT_FIELDS),
    reason=N_("The story does not say when it came"),
    screens_red_flag=False,
)


def story_questions(intake: Intake) -> list[FollowUp]:
    """Which muscle, and when it came: asked before the follow-ups when the story is silent."""
    episode = intake.episode
    questions = []
    if episode.muscle is None and not episode.widespread:
        questions.append(MUSCLE_QUESTION)
    if not any(getattr(episode, f.split(".")[1]) for f in CONTEXT_FIELDS.values()):
        questions.append(WHEN_QUESTION)
    return questions


@cache
def is_list_field(field: str) -> bool:
    """True for an Intake field that holds a list (person.conditions, person.medicines)."""
    part, name = field.split(".", 1)
    return isinstance(getattr(getattr(Intake(), part), name, None), list)


def settles(question: FollowUp) -> frozenset[tuple[str, str]]:
    """What an answer to `question` settles: (field, "") for a field, (field, item) for items.

    "Which medicines do you take?" settles every medicine it offers, so it also answers
    "Do you take a water pill?"; "How old are you?" settles the age for every finding
    that reads it; "When did it come?" settles every question about the time.
    """
    if question.id == WHEN_QUESTION.id:
        return frozenset((field, "") for field in CONTEXT_FIELDS.values())
    if is_list_field(question.field) and question.choices:
        return frozenset((question.field, choice) for choice in question.choices)
    return frozenset({(question.field, "")})


SCREENS_FOR = N_("Screens for: {flag}")
CHANGES_CAUSES = N_("Could change the most likely causes")


def _question(finding: Finding, reason: str, red_flag: str | None = None) -> FollowUp | None:
    if finding.ask is None or finding.question is None:
        return None
    ask = finding.ask
    return FollowUp(
        id=finding.id,
        text=finding.question,
        kind=ask.kind,
        field=ask.field,
        unit=ask.unit,
        choices=ask.choices or (YES_NO if ask.kind == "yes_no" else []),
        reason=reason,
        screens_red_flag=red_flag is not None,
        red_flag=red_flag,
    )


class _Askable:
    """Per askable finding, its question's fields but why it is asked, and what an answer
    to it settles."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.fields: dict[str, tuple[dict[str, Any], list[str]]] = {}
        self.settles: dict[str, frozenset[tuple[str, str]]] = {}
        for finding in kb.findings.values():
            question = _question(finding, "")
            if question is not None:
                own = question.model_dump(include=_OWN_FIELDS)
                self.fields[finding.id] = (own, question.choices)
                self.settles[finding.id] = settles(question)


_OWN_FIELDS = {"id", "text", "kind", "field", "unit"}  # the finding's, not why it is asked


def _asked(
    fields: tuple[dict[str, Any], list[str]], reason: str, red_flag: str | None
) -> dict[str, Any]:
    """What `_question` gives, as the fields of a FollowUp, from those read once
    (`_Askable`); `follow_up_questions` validates them all at once."""
    own, choices = fields
    return {
        **own,
        "choices": choices,
        "reason": reason,
        "screens_red_flag": red_flag is not None,
        "red_flag": red_flag,
    }


@cache
def _questions() -> TypeAdapter[list[FollowUp]]:
    """The validator of a list of questions (one call builds every FollowUp)."""
    return TypeAdapter(list[FollowUp])


class _Screens:
    """`kb.screens` arranged for the search: those of one finding, and by finding those of
    several (which matter only once one of their findings is present)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.singles: list[tuple[str, frozenset[str], int, str]] = []
        self.several: list[tuple[tuple[str, ...], frozenset[str], frozenset[str], int, str]] = []
        self.by_finding: dict[str, list[int]] = {}
        for needed, blockers, rank, flag_id in kb.screens:
            needed_set = frozenset(needed)
            if len(needed_set) == 1:
                self.singles.append((needed[0], blockers, rank, flag_id))
                continue
            for finding in needed_set:
                self.by_finding.setdefault(finding, []).append(len(self.several))
            self.several.append((needed, needed_set, blockers, rank, flag_id))


def _red_flag_screens(
    kb: KnowledgeBase, findings: Mapping[str, Truth], present: frozenset[str], level: str
) -> list[tuple[int, int, str, str]]:
    """(−level rank, unknowns, finding, flag id) for findings that could raise the triage.

    A finding qualifies when it is the last unknown of a trigger that nothing rules
    out, or one of the last two when the trigger is already partly met.
    """
    current = kb.triage_rank(level)
    screens = kb.derived(_Screens)
    found = [
        (-rank, 1, finding, flag_id)
        for finding, blockers, rank, flag_id in screens.singles
        if rank > current and findings[finding] is None and blockers.isdisjoint(present)
    ]
    # A trigger of several findings counts once one of them is present.
    touched = {number for f in present for number in screens.by_finding.get(f, ())}
    for number in touched:
        needed, needed_set, blockers, rank, flag_id = screens.several[number]
        if rank <= current or any(findings[f] is False for f in needed_set):
            continue
        unknown = [f for f in needed if f not in present]
        if not unknown or len(unknown) > 2 or not blockers.isdisjoint(present):
            continue
        found += [(-rank, len(unknown), f, flag_id) for f in unknown]
    return sorted(found)


def follow_up_questions(
    kb: KnowledgeBase,
    context: str | None,
    logits: Mapping[str, float],
    findings: Mapping[str, Truth],
    present: frozenset[str],
    level: str,
    order: list[str],
) -> list[FollowUp]:
    """Questions to ask next, red-flag screens first; empty when nothing could change.

    `present` holds the findings told present, `order` the factors best first (`ranked`).
    """
    questions: list[dict[str, Any]] = []
    settled: set[tuple[str, str]] = set()
    askable = kb.derived(_Askable)

    def add(finding_id: str, reason: str, red_flag: str | None = None) -> bool:
        """Ask about a finding unless it has no question, or an earlier question already
        asks everything it asks."""
        covered = askable.settles.get(finding_id)
        if covered is None or covered <= settled:
            return False
        questions.append(_asked(askable.fields[finding_id], reason, red_flag))
        settled.update(covered)
        return True

    for _, _, finding_id, flag_id in _red_flag_screens(kb, findings, present, level):
        if len(questions) >= MAX_SCREENS:
            break
        add(finding_id, SCREENS_FOR, flag_id)
    # Those that change the first factor first, each kind in the order of their ids,
    # searched only as far as questions are still wanted.
    factor_questions = 0

    def enough() -> bool:
        return factor_questions >= MAX_FACTOR_QUESTIONS or len(questions) >= MAX_QUESTIONS

    second: list[str] = []  # findings that change only the second or third factor
    for finding_id, kind in changers(kb, context, logits, findings, order):
        if enough():
            break
        if kind:
            second.append(finding_id)
        elif add(finding_id, CHANGES_CAUSES):
            factor_questions += 1
    else:
        for finding_id in second:
            if enough():
                break
            if add(finding_id, CHANGES_CAUSES):
                factor_questions += 1
    return _questions().validate_python(questions)
