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


def factor_logit(factor: Factor, context: str | None, findings: Mapping[str, Truth]) -> float:
    """log-odds of the factor: logit(prior for the context) plus the log likelihood ratios."""
    if context is None:
        prior = sum(factor.prior.values()) / len(factor.prior)
    else:
        prior = factor.prior[context]  # type: ignore[index]
    logit = math.log(prior / (1 - prior))
    for weight in factor.weights:
        value = findings[weight.finding]
        if value is True:
            logit += math.log(weight.present)
        elif value is False:
            logit += math.log(weight.absent)
    return logit


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -700 else 0.0


def factor_logits(
    kb: KnowledgeBase, context: str | None, findings: Mapping[str, Truth]
) -> dict[str, float]:
    """Every factor's log-odds."""
    return {fid: factor_logit(f, context, findings) for fid, f in kb.factors.items()}


def ranked(scores: Mapping[str, float]) -> list[str]:
    """Factor ids by score, then by id so that ties are deterministic.

    Scores are compared to 9 decimals: sums of the same log ratios taken in another
    order differ in the last bits, and that must not reorder a tie.
    """
    return sorted(scores, key=lambda fid: (-round(scores[fid], 9), fid))
