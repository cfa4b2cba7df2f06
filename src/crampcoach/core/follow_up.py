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
from operator import itemgetter

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
    kb: KnowledgeBase, findings: Mapping[str, Truth], level: str
) -> list[tuple[int, int, str, str]]:
    """(−level rank, unknowns, finding, flag id) for findings that could raise the triage.

    A finding qualifies when it is the last unknown of a trigger that nothing rules
    out, or one of the last two when the trigger is already partly met.
    """
    current = kb.triage_rank(level)
    present = {f for f, value in findings.items() if value is True}
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

    The top three stay when their new values keep their order by more than a tie (two
    factors left as they were keep their order, tied or not), and no factor from outside
    reaches the third: a moved one, or the best unmoved one when the third has moved.
    """
    after = [(logits[fid] + shift_of.get(fid, 0.0), fid in shift_of) for fid in top]
    for (high, moved_high), (low, moved_low) in pairwise(after):
        if (moved_high or moved_low) and high - low < TIE:
            return True
    floor = after[-1][0] - TIE
    for fid, shift in shift_of.items():
        if fid not in top and logits[fid] + shift >= floor:
            return True
    if after[-1][1]:
        for fid in outside:
            if fid not in shift_of:
                return logits[fid] >= floor
    return False


def _outside_reaches(
    shift_of: Mapping[str, float], logits: Mapping[str, float], floor: float
) -> bool:
    """`_may_change` for shifts that move only factors outside the top three: the top three
    keep their values, and the factors left as they were keep their order below them, so
    only a moved factor that reaches the third's log-odds may change it."""
    for fid, shift in shift_of.items():  # noqa: SIM110 (a loop: faster than any() here)
        if logits[fid] + shift >= floor:
            return True
    return False


class _Movers:
    """Per factor, the answers that move it ((finding, 0 for yes or 1 for no)), and those
    that raise it with their shift, largest first."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.moving: dict[str, list[tuple[str, int]]] = {}
        rising: dict[str, list[tuple[float, str, int]]] = {}
        for finding, answers in kb.answer_shifts.items():
            for answer, shift_of in enumerate(answers):
                for fid, shift in shift_of.items():
                    self.moving.setdefault(fid, []).append((finding, answer))
                    if shift > 0:
                        rising.setdefault(fid, []).append((shift, finding, answer))
        self.rising = {fid: sorted(items, reverse=True) for fid, items in rising.items()}


def _candidates(
    kb: KnowledgeBase,
    logits: Mapping[str, float],
    top3: list[str],
    outside: list[str],
    still_floor: float,
) -> dict[str, set[int]]:
    """The answers that may change the top three: those moving a factor of it, and those
    lifting a factor from outside to the third's log-odds.

    Only called when no factor outside the top three already ties the third; then an
    answer of neither kind leaves the top three as it is (`_outside_reaches`).
    """
    movers = kb.derived(_Movers)
    found: dict[str, set[int]] = {}
    for fid in top3:
        for finding, answer in movers.moving.get(fid, ()):
            found.setdefault(finding, set()).add(answer)
    for fid in outside:
        needed = still_floor - logits[fid]
        for shift, finding, answer in movers.rising.get(fid, ()):
            if shift < needed:
                break
            found.setdefault(finding, set()).add(answer)
    return found


def _changers(
    kb: KnowledgeBase,
    context: str | None,
    logits: Mapping[str, float],
    findings: Mapping[str, Truth],
    top3: list[str],
) -> Iterator[tuple[str, int]]:
    """(finding, 0 if its answer changes the first factor, else 1) for each unknown, askable
    finding whose yes or no would change the top three factors, in the order of their ids,
    found as they are asked for.

    Only the factors that weigh a finding move when it is answered, so only the answers
    that move the top three, or lift a factor into it, are looked at (`_candidates`),
    unless a factor outside already ties the third. A cheap test (`_may_change`) skips
    most of their answers; for the rest the moved factors get their new log-odds (the old
    plus the summed log ratios) and are ranked with the best of the others. Where that
    leaves a near-tie, the moved factors are scored again exactly as `assess` would, so
    that rounding cannot decide a tie differently. The first answer that changes the top
    three (yes before no) tells whether it changes the first factor.
    """
    order = ranked(logits)
    outside = order[len(top3) :]
    # What `_may_change` finds for shifts that move no factor of the top three.
    still = [logits[fid] for fid in top3]
    still_tie = any(high - low < TIE for high, low in pairwise(still))
    still_floor = still[-1] - TIE if still else 0.0
    if still_tie or (outside and logits[outside[0]] >= still_floor):
        looked_at: dict[str, set[int]] = {finding: {0, 1} for finding in kb.answer_shifts}
    else:
        looked_at = _candidates(kb, logits, top3, outside, still_floor)
    top3_set = set(top3)
    for finding_id in sorted(looked_at):
        if findings[finding_id] is not None:
            continue
        answers = kb.answer_shifts[finding_id]
        for answer in sorted(looked_at[finding_id]):  # yes before no
            yes, shift_of = answer == 0, answers[answer]
            if not shift_of:
                continue
            if not top3_set.isdisjoint(shift_of):
                if not _may_change(shift_of, logits, top3, outside):
                    continue
            elif not _outside_reaches(shift_of, logits, still_floor):
                continue
            pool: dict[str, float] = {}
            for fid in order:  # the best three factors this answer does not move
                if fid not in shift_of:
                    pool[fid] = logits[fid]
                    if len(pool) == 3:
                        break
            for fid, shift in shift_of.items():
                pool[fid] = logits[fid] + shift
            by_value = sorted(pool.items(), key=itemgetter(1))
            ties = [(a, b) for (a, low), (b, high) in pairwise(by_value) if high - low < TIE]
            if not ties:  # apart by more than a tie: the order of `ranked` is the values'
                new_top = [fid for fid, _ in by_value[:-4:-1]]
            else:
                # Only a moved factor's sum may differ in its last bits from `assess`'s own.
                if any(a in shift_of or b in shift_of for a, b in ties):
                    answered = _Answered(findings, finding_id, yes)
                    for fid in shift_of:
                        pool[fid] = kb_factor_logit(kb, fid, context, answered)
                new_top = ranked(pool)[:3]
            if new_top != top3:
                yield finding_id, 0 if new_top[0] != top3[0] else 1
                break


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
    # Those that change the first factor first, each kind in the order of their ids,
    # searched only as far as questions are still wanted.
    factor_questions = 0

    def enough() -> bool:
        return factor_questions >= MAX_FACTOR_QUESTIONS or len(questions) >= MAX_QUESTIONS

    second: list[str] = []  # findings that change only the second or third factor
    for finding_id, kind in _changers(kb, context, logits, findings, top3):
        if enough():
            break
        if kind:
            second.append(finding_id)
        elif add(_question(kb.findings[finding_id], CHANGES_CAUSES)):
            factor_questions += 1
    else:
        for finding_id in second:
            if enough():
                break
            if add(_question(kb.findings[finding_id], CHANGES_CAUSES)):
                factor_questions += 1
    return questions
