"""A piece of advice of `sweat-rate` and `plan`: plan.yaml's template ids, the values of
their placeholders, and the evidence, rendered in a language only by a face."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from crampcoach.i18n import N_
from crampcoach.knowledge.plan_rules import Advice
from crampcoach.knowledge.schema import EvidenceGrade
from crampcoach.message import Message

# One line even at 60 columns.
NOT_MEDICAL_ADVICE = N_("Not a diagnosis or medical advice: see a doctor if unsure.")


class Disclaimed(BaseModel):
    """A result a person could take for medical advice, a plan or a sweat test: each ends
    with the one disclaimer, which is not a field a caller could set otherwise (the two
    once differed)."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def disclaimer(self) -> str:
        """The message id of the disclaimer, the same for every such result."""
        return NOT_MEDICAL_ADVICE


class PlanItem(BaseModel):
    """One piece of advice: what to do, why, and on what evidence.

    `text_id` and `reason_id` are message ids (plan.yaml's templates) and `values` fill
    their {placeholders}; a value may itself be a `Message` (a sport's name, a basis in
    words). `words(t)` renders both in the language of `t`; `text` and `reason` are the
    English.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    # Left out of a dump, which keeps the English text and reason (`--json` renders them in
    # the run's language through `crampcoach.views`).
    text_id: str = Field(exclude=True)
    reason_id: str = Field(exclude=True)
    values: dict[str, Any] = Field(default_factory=dict, exclude=True)
    evidence: EvidenceGrade
    sources: list[str]

    def words(self, t: Callable[..., str]) -> tuple[str, str]:
        """(text, reason) in the language of `t`."""
        return (
            Message(self.text_id, self.values).words(t),
            Message(self.reason_id, self.values).words(t),
        )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """What to do, in English."""
        return str(Message(self.text_id, self.values))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reason(self) -> str:
        """Why, in English."""
        return str(Message(self.reason_id, self.values))


def render(advice_id: str, advice: Advice, values: dict[str, Any]) -> PlanItem:
    """Fill an advice template with `values` (placeholders were checked at load)."""
    return PlanItem(
        id=advice_id,
        text_id=advice.text,
        reason_id=advice.reason,
        values=values,
        evidence=advice.evidence,
        sources=list(advice.sources),
    )
