"""Follow-up questions: only those whose answer could still change the result.

Red-flag screens come first: an unknown finding that would complete a red flag
above the current triage (or complete it with at most one more answer). Then the
unknown findings whose answer, yes or no, would change the top three factors.
Several findings may share one Intake field (age 40+ and 60+); a field is asked
about once, and a list item (a condition, a medicine) once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from itertools import pairwise

from crampcoach.core.assessment import FollowUp
from crampcoach.core.findings import Truth
from crampcoach.core.scoring import kb_factor_logit, ranked
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


def _red_flag_screens(
    kb: KnowledgeBase, findings: Mapping[str, Truth], level: str
) -> list[tuple[int, int, str, str]]:
    """(−level rank, unknowns, finding, flag id) for findings that could raise the triage.

    A finding qualifies when it is the last unknown of a trigger that nothing rules
    out, or one of the last two when the trigger is already partly met.
    """
    current = kb.triage_rank(level)
    found = []
    for needed, blockers, rank, flag_id in kb.screens:
        if rank <= current:
            continue
        unknown = []
        for finding_id in needed:
            value = findings[finding_id]
            if value is False:
                break
            if value is None:
                unknown.append(finding_id)
        else:
            if not unknown or len(unknown) > 2 or any(findings[f] for f in blockers):
                continue
            if len(unknown) == 1 or len(unknown) < len(needed):
                found += [(-rank, len(unknown), f, flag_id) for f in unknown]
    return sorted(found)


TIE = 1e-9  # closer than this, two log-odds are a tie decided by the factor id


class _Answered(Mapping[str, Truth]):
    """The findings with one of them answered, without copying the rest."""

    def __init__(self, base: Mapping[str, Truth], key: str, value: bool) -> None:
        self.base, self.key, self.value = base, key, value

    def __getitem__(self, key: str) -> Truth:
        return self.value if key == self.key else self.base[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.base)

    def __len__(self) -> int:
        return len(self.base)


def _may_change(
    shift_of: Mapping[str, float],
    logits: Mapping[str, float],
    top: list[str],
    outside: list[str],
) -> bool:
    """False when these shifts surely leave the top three as it is; True when they may not.

    The top three stay when their new values keep their order by more than a tie,
    and no factor from outside (moved, or the best unmoved one) reaches the third.
    """
    after = [logits[fid] + shift_of.get(fid, 0.0) for fid in top]
    if any(high - low < TIE for high, low in pairwise(after)):
        return True
    floor = after[-1] - TIE
    for fid, shift in shift_of.items():
        if fid not in top and logits[fid] + shift >= floor:
            return True
    for fid in outside:
        if fid not in shift_of:
            return logits[fid] >= floor
    return False


def _outside_reaches(
    shift_of: Mapping[str, float], logits: Mapping[str, float], outside: list[str], floor: float
) -> bool:
    """`_may_change` for shifts that move only factors outside the top three."""
    for fid, shift in shift_of.items():
        if logits[fid] + shift >= floor:
            return True
    for fid in outside:
        if fid not in shift_of:
            return logits[fid] >= floor
    return False


def _factor_changers(
    kb: KnowledgeBase,
    context: str | None,
    logits: Mapping[str, float],
    findings: Mapping[str, Truth],
    top3: list[str],
) -> list[str]:
    """Unknown, askable findings whose yes or no would change the top three factors.

    Only the factors that weigh a finding move when it is answered. A cheap test
    (`_may_change`) skips most answers; for the rest the moved factors get their new
    log-odds (the old plus the summed log ratios) and are ranked with the best of the
    others. Where that leaves a near-tie, the moved factors are scored again exactly as
    `assess` would, so that rounding cannot decide a tie differently.
    """
    order = ranked(logits)
    outside = order[len(top3) :]
    # What `_may_change` finds for shifts that move no factor of the top three.
    still = [logits[fid] for fid in top3]
    still_tie = any(high - low < TIE for high, low in pairwise(still))
    still_floor = still[-1] - TIE if still else 0.0
    changers: list[tuple[int, str]] = []
    for finding_id, answers in kb.answer_shifts.items():
        if findings[finding_id] is not None:
            continue
        for yes, shift_of in zip((True, False), answers, strict=True):
            if not shift_of:
                continue
            if any(fid in shift_of for fid in top3):
                if not _may_change(shift_of, logits, top3, outside):
                    continue
            elif not still_tie and not _outside_reaches(shift_of, logits, outside, still_floor):
                continue
            pool: dict[str, float] = {}
            for fid in order:  # the best three factors this answer does not move
                if fid not in shift_of:
                    pool[fid] = logits[fid]
                    if len(pool) == 3:
                        break
            for fid, shift in shift_of.items():
                pool[fid] = logits[fid] + shift
            values = sorted(pool.values())
            if any(high - low < TIE for low, high in pairwise(values)):
                answered = _Answered(findings, finding_id, yes)
                for fid in shift_of:
                    pool[fid] = kb_factor_logit(kb, fid, context, answered)
            new_top = ranked(pool)[:3]
            if new_top != top3:
                changers.append((0 if new_top[0] != top3[0] else 1, finding_id))
                break
    return [finding_id for _, finding_id in sorted(changers)]


def follow_up_questions(
    kb: KnowledgeBase,
    context: str | None,
    logits: Mapping[str, float],
    findings: Mapping[str, Truth],
    level: str,
    top3: list[str],
) -> list[FollowUp]:
    """Questions to ask next, red-flag screens first; empty when nothing could change."""
    questions: list[FollowUp] = []
    settled: set[tuple[str, str]] = set()

    def add(question: FollowUp | None) -> bool:
        """Keep a question unless an earlier one already asks everything it asks."""
        if question is None or settles(question) <= settled:
            return False
        questions.append(question)
        settled.update(settles(question))
        return True

    for _, _, finding_id, flag_id in _red_flag_screens(kb, findings, level):
        if len(questions) >= MAX_SCREENS:
            break
        add(_question(kb.findings[finding_id], SCREENS_FOR, flag_id))
    factor_questions = 0
    for finding_id in _factor_changers(kb, context, logits, findings, top3):
        if factor_questions >= MAX_FACTOR_QUESTIONS or len(questions) >= MAX_QUESTIONS:
            break
        if add(_question(kb.findings[finding_id], CHANGES_CAUSES)):
            factor_questions += 1
    return questions
