"""The result of an assessment: ids and message ids, never composed sentences.

A knowledge text (a relief step, a red flag's steps) is carried as its message id, the
English text of the catalogue; why the triage is what it is, and why a factor fits, are
ids (`Reason`, `supporting`, `against`). `crampcoach.views` renders all of it in a
language, shaped as the JSON contract (shared/spec/contract.md).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from crampcoach.i18n import N_

# One line, so that it fits a 60-column terminal.
NOT_A_DIAGNOSIS = N_("Not a diagnosis. If in doubt or it gets worse, see a doctor.")


class Reason(BaseModel):
    """One demand on the triage: a red flag (whole, by a sign alone, or escalated) or a
    factor's rule. The words are the knowledge's, rendered at the edge."""

    level: str
    red_flag: str | None = None
    sign: str | None = Field(
        None, description="The danger sign that demanded the level alone (context known absent)"
    )
    escalation: int | None = Field(None, description="Which of the flag's escalations")
    factor: str | None = Field(None, description="The factor whose triage rule demanded it")
    someone_else: bool = Field(
        False, description="The signs are someone else's, now and with the person"
    )


class Triage(BaseModel):
    """How urgent: the highest level any red flag or rule demands, and why (none: no
    danger sign was found)."""

    level: str
    reasons: list[Reason]


class FactorResult(BaseModel):
    """One contributing factor (or mimic), with how well this person's story fits it."""

    id: str
    kind: str
    score: float = Field(ge=0, le=1)
    supporting: list[str] = Field(description="Findings that point to it")
    against: list[str] = Field(description="Findings that point away from it")
    evidence: str = Field(description="The evidence grade's id")
    sources: list[str]
    danger_sign: bool = Field(
        False, description="A fired red flag points to it: it leads the list, whatever its score"
    )


class FollowUp(BaseModel):
    """A question whose answer could still change the triage or the top factors."""

    id: str = Field(description="The finding the answer settles")
    text: str = Field(description="The question's message id")
    kind: str
    field: str = Field(description="The Intake field the answer sets")
    unit: str | None = None
    choices: list[str]
    reason: str = Field(description="Message id of why it is asked ({flag}: the red flag)")
    screens_red_flag: bool
    red_flag: str | None = Field(None, description="The red flag it screens for")


class Assessment(BaseModel):
    """Triage first, then red flags, ranked factors, relief, prevention and follow-ups.

    `do_now`, `relief`, `avoid` and `prevention` are message ids of knowledge texts.
    """

    triage: Triage
    red_flags: list[str]
    do_now: list[str] = Field(description="What to do now because of the red flags")
    factors: list[FactorResult]
    muscle: str | None
    relief: list[str]
    avoid: list[str] = Field(description="What not to do for this muscle")
    prevention: list[str]
    follow_up: list[FollowUp]
    findings_present: list[str]
    findings_absent: list[str]
