"""Factor scores: a prior per context moved by each known finding's likelihood ratio."""

from __future__ import annotations

import math
from collections.abc import Mapping

from crampcoach.core.findings import Truth
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import KnowledgeBase
from crampcoach.knowledge.schema import Factor


def context_of(intake: Intake) -> str | None:
    """exercise, night or rest; None when the story does not say."""
    episode = intake.episode
    if episode.during_exercise or episode.after_exercise:
        return "exercise"
    if episode.at_night:
        return "night"
    if episode.at_rest:
        return "rest"
    return None


# Per factor: the logit of its prior per context (None: the mean prior), and per weight
# (finding, log LR if present, log LR if absent), in the order of its weights.
_Table = tuple[dict[str | None, float], tuple[tuple[str, float, float], ...]]


def _logit(prior: float) -> float:
    return math.log(prior / (1 - prior))


def _factor_tables(kb: KnowledgeBase) -> dict[str, _Table]:
    return {fid: _factor_table(factor) for fid, factor in kb.factors.items()}


def _factor_table(factor: Factor) -> _Table:
    priors: dict[str | None, float] = {None: _logit(sum(factor.prior.values()) / len(factor.prior))}
    priors.update((context, _logit(prior)) for context, prior in factor.prior.items())
    weights = tuple((w.finding, math.log(w.present), math.log(w.absent)) for w in factor.weights)
    return priors, weights


def _table_logit(table: _Table, context: str | None, findings: Mapping[str, Truth]) -> float:
    priors, weights = table
    logit = priors[context]
    for finding, present, absent in weights:
        value = findings[finding]
        if value is True:
            logit += present
        elif value is False:
            logit += absent
    return logit


def factor_logit(factor: Factor, context: str | None, findings: Mapping[str, Truth]) -> float:
    """log-odds of the factor: logit(prior for the context) plus the log likelihood ratios."""
    return _table_logit(_factor_table(factor), context, findings)


def kb_factor_logit(
    kb: KnowledgeBase, factor_id: str, context: str | None, findings: Mapping[str, Truth]
) -> float:
    """`factor_logit` of one of `kb`'s factors, from the tables built once per knowledge base."""
    return _table_logit(kb.derived(_factor_tables)[factor_id], context, findings)


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -700 else 0.0


def factor_logits(
    kb: KnowledgeBase, context: str | None, findings: Mapping[str, Truth]
) -> dict[str, float]:
    """Every factor's log-odds."""
    tables = kb.derived(_factor_tables)
    return {fid: _table_logit(table, context, findings) for fid, table in tables.items()}


def ranked(scores: Mapping[str, float]) -> list[str]:
    """Factor ids by score, then by id so that ties are deterministic.

    Scores are compared to 9 decimals: sums of the same log ratios taken in another
    order differ in the last bits, and that must not reorder a tie.
    """
    return [fid for _, fid in sorted([(-round(value, 9), fid) for fid, value in scores.items()])]
