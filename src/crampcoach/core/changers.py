"""Which unknown findings' answers would change the top three factors.

The search behind the follow-up questions that "could change the most likely causes"
(`follow_up.follow_up_questions`): for each unknown, askable finding, would its yes or
its no reorder the three best factors, or bring another into them?
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import pairwise
from operator import itemgetter

from crampcoach.core.findings import Truth
from crampcoach.core.scoring import kb_factor_logit, ranked
from crampcoach.knowledge.loader import KnowledgeBase

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


def changers(
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
