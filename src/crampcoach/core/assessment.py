"""The result of an assessment, shaped as the JSON contract (shared/spec/contract.md)."""

from __future__ import annotations

from pydantic import BaseModel, Field

# One line, so that it fits a 60-column terminal.
NOT_A_DIAGNOSIS = "Not a diagnosis. If in doubt or it gets worse, see a doctor."


class Triage(BaseModel):
    """How urgent: the highest level any red flag or rule demands, and why."""

    level: str
    meaning: str
    reasons: list[str]


class FactorResult(BaseModel):
    """One contributing factor (or mimic), with how well this person's story fits it."""

    id: str
    label: str
    kind: str
    score: float = Field(ge=0, le=1)
    why: str
    supporting: list[str] = Field(description="Findings that point to it")
    against: list[str] = Field(description="Findings that point away from it")
    evidence: str
    sources: list[str]
    danger_sign: bool = Field(
        False, description="A fired red flag points to it: it leads the list, whatever its score"
    )


class FollowUp(BaseModel):
    """A question whose answer could still change the triage or the top factors."""

    id: str = Field(description="The finding the answer settles")
    text: str
    kind: str
    field: str = Field(description="The Intake field the answer sets")
    unit: str | None = None
    choices: list[str]
    reason: str
    screens_red_flag: bool


class Assessment(BaseModel):
    """Triage first, then red flags, ranked factors, relief, prevention and follow-ups."""

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
    note: str = NOT_A_DIAGNOSIS
