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


class _Rows:
    """Every answer that moves a factor, as a row, in the order the search asks them
    (finding ids, yes before no): its finding, its answer (0 yes, 1 no), the factors it
    moves, each as (column, shift), a column per factor in the order of their ids, and the
    set of those columns. A shift of 0 leaves its factor unmoved."""

    def __init__(self, kb: KnowledgeBase) -> None:
        # By id: a stable sort of equal log-odds then keeps them in the order `ranked` does.
        self.factors = sorted(kb.factors)
        self.column = {fid: n for n, fid in enumerate(self.factors)}
        self.rows: list[tuple[str, int, _Moves, frozenset[int]]] = []
        for finding in sorted(kb.answer_shifts):
            for answer, shift_of in enumerate(kb.answer_shifts[finding]):
                moves = tuple((self.column[f], s) for f, s in shift_of.items() if s != 0)
                if shift_of:
                    self.rows.append((finding, answer, moves, frozenset(c for c, _ in moves)))


_Moves = tuple[tuple[int, float], ...]  # (column, shift) of each factor an answer moves

# Where the best factors after an answer are further apart than this, their order by
# value is the order `ranked` gives them (it rounds to 9 decimals), whichever way a sum
# was taken; closer, the answer is weighed one by one, exactly (`_Search.change`).
CLEAR = 8 * TIE

# What an answer does to the top three: whether it changes them (by value), whether it
# changes the first, and whether the best factors after it stand clearly apart.
_Outcome = tuple[bool, bool, bool]


class _Ranks:
    """The factors' log-odds of one assessment, best first, and what an answer's shifts
    do to the best of them (`outcome`).

    A factor is ranked by its key (minus its log-odds, its column): the keys in order are
    the factors by value, equal log-odds in the order of their ids, as in `ranked`.
    """

    def __init__(self, rows: _Rows, logits: Mapping[str, float], top3: list[str]) -> None:
        self.values = [logits[fid] for fid in rows.factors]
        self.keys = sorted((-value, col) for col, value in enumerate(self.values))
        self.width = min(len(top3) + 1, len(self.values))
        self.last = self.keys[self.width - 1]  # the key of the last of the best `width`
        self.best = frozenset(col for _, col in self.keys[: self.width])
        self.top = [rows.column[fid] for fid in top3]
        self.unmoved = self.outcome((), frozenset())  # an answer that moves none of the best

    def outcome(self, moves: _Moves, moved: frozenset[int]) -> _Outcome:
        """What the answer with these (column, shift) (the columns `moved`) does to the top
        three.

        The best factors after it are the best of those it moves, at their new log-odds,
        and of the best `width` it leaves as they were. Where they are closer than CLEAR,
        they stand apart only when tied exactly and both left as they were (their ids then
        order them, as in `ranked`)."""
        values, width = self.values, self.width
        pool = [(-(values[col] + shift), col) for col, shift in moves]
        kept = 0
        for key in self.keys:
            if key[1] not in moved:
                pool.append(key)
                kept += 1
                if kept == width:
                    break
        pool.sort()
        best = pool[:width]
        clear = True
        for (high, a), (low, b) in pairwise(best):
            gap = low - high  # the keys are minus the log-odds
            if not (gap > CLEAR or (gap == 0 and a not in moved and b not in moved)):
                clear = False
                break
        top = self.top
        changed = [col for _, col in best[: len(top)]] != top
        return changed, best[0][1] != top[0], clear

    def after(self, moves: _Moves, moved: frozenset[int]) -> _Outcome:
        """`outcome`, without weighing again an answer that moves only factors outside the
        best `width` and none of them up to the last of those (as many answers do)."""
        if not moved.isdisjoint(self.best):
            return self.outcome(moves, moved)
        values, last = self.values, self.last
        for col, shift in moves:
            if (-(values[col] + shift), col) < last:
                return self.outcome(moves, moved)
        return self.unmoved


def changers(
    kb: KnowledgeBase,
    context: str | None,
    logits: Mapping[str, float],
    findings: Mapping[str, Truth],
    order: list[str],
) -> Iterator[tuple[str, int]]:
    """(finding, 0 if its answer changes the first factor, else 1) for each unknown, askable
    finding whose yes or no would change the top three factors, in the order of their ids;
    `order` holds the factors best first, as `ranked` gives them.

    Each answer's new log-odds are its shifts added to the factors' log-odds (the same
    additions `_Search.change` makes); where the best factors after an answer stand
    clearly apart, their order by value is the new top three (`_Ranks`). An answer that
    leaves a near-tie among them is weighed by `_Search.change`, as the search did one
    answer at a time. The first answer that changes the top three (yes before no) tells
    whether it changes the first factor.
    """
    rows = kb.derived(_Rows)
    top3 = order[:3]
    if not rows.rows or not top3:
        return
    ranks = _Ranks(rows, logits, top3)
    search: _Search | None = None
    done = ""
    for finding_id, answer, moves, moved in rows.rows:
        if finding_id == done or findings[finding_id] is not None:
            continue
        changed, first_changed, clear = ranks.after(moves, moved)
        if clear and not changed:
            continue
        if clear:
            kind: int | None = 0 if first_changed else 1
        else:
            search = search or _Search(kb, context, logits, findings, order)
            kind = search.change(finding_id, answer)
        if kind is not None:
            done = finding_id
            yield finding_id, kind


class _Search:
    """The answers one at a time: whether an answer changes the top three, as it was found
    before the answers were summed at once (and still is, where they come near a tie)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        context: str | None,
        logits: Mapping[str, float],
        findings: Mapping[str, Truth],
        order: list[str],
    ) -> None:
        self.kb, self.context, self.logits, self.findings = kb, context, logits, findings
        top3 = order[:3]
        self.top3, self.top3_set = top3, set(top3)
        self.order = order
        self.outside = self.order[len(top3) :]
        # What `_may_change` finds for shifts that move no factor of the top three.
        still = [logits[fid] for fid in top3]
        still_tie = any(high - low < TIE for high, low in pairwise(still))
        self.still_floor = still[-1] - TIE if still else 0.0
        if still_tie or (self.outside and logits[self.outside[0]] >= self.still_floor):
            self.looked_at: dict[str, set[int]] = {f: {0, 1} for f in kb.answer_shifts}
        else:
            self.looked_at = _candidates(kb, logits, top3, self.outside, self.still_floor)

    def change(self, finding_id: str, answer: int) -> int | None:
        """0 if this answer (0 yes, 1 no) changes the first factor, 1 if only the second or
        third, None if it leaves the top three as it is.

        Only the answers that move the top three, or lift a factor into it, are looked at
        (`_candidates`), unless a factor outside already ties the third. A cheap test
        (`_may_change`) skips most of them; for the rest the moved factors get their new
        log-odds (the old plus the summed log ratios) and are ranked with the best of the
        others. Where that leaves a near-tie, the moved factors are scored again exactly
        as `assess` would, so that rounding cannot decide a tie differently.
        """
        if answer not in self.looked_at.get(finding_id, ()):
            return None
        logits, top3 = self.logits, self.top3
        shift_of = self.kb.answer_shifts[finding_id][answer]
        if not self.top3_set.isdisjoint(shift_of):
            if not _may_change(shift_of, logits, top3, self.outside):
                return None
        elif not _outside_reaches(shift_of, logits, self.still_floor):
            return None
        pool: dict[str, float] = {}
        for fid in self.order:  # the best three factors this answer does not move
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
                answered = _Answered(self.findings, finding_id, answer == 0)
                for fid in shift_of:
                    pool[fid] = kb_factor_logit(self.kb, fid, self.context, answered)
            new_top = ranked(pool)[:3]
        if new_top == top3:
            return None
        return 0 if new_top[0] != top3[0] else 1


def changers_one_by_one(
    kb: KnowledgeBase,
    context: str | None,
    logits: Mapping[str, float],
    findings: Mapping[str, Truth],
    order: list[str],
) -> Iterator[tuple[str, int]]:
    """What `changers` finds, with every answer weighed one at a time (`_Search.change`):
    the slower search it must agree with."""
    search = _Search(kb, context, logits, findings, order)
    for finding_id in sorted(kb.answer_shifts):
        if findings[finding_id] is not None:
            continue
        for answer, shift_of in enumerate(kb.answer_shifts[finding_id]):  # yes before no
            if shift_of and (kind := search.change(finding_id, answer)) is not None:
                yield finding_id, kind
                break
