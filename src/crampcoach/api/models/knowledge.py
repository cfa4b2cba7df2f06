"""The knowledge as reference (`/explain`, `/relief`) and answers to questions (`/ask`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from crampcoach.contract import MAX_QUESTION
from crampcoach.knowledge.schema import Source, Step

EntryType = Literal["factor", "red_flag", "muscle", "faq_topic"]


class ExplainResult(BaseModel):
    """A knowledge entry as its file holds it, its texts in the request's language, with its
    sources cited in full. The keys beyond these depend on `type` (a factor's `prior`, a red
    flag's `do_now`, a topic's `answer`)."""

    model_config = ConfigDict(extra="allow")

    id: str
    type: EntryType
    label: str | None = Field(None, description="A factor's, red flag's or muscle's name")
    question: str | None = Field(None, description="A question topic's question")
    evidence: str | None = Field(None, description="The evidence grade's id")
    evidence_scale: str | None = Field(None, description="What the grade means")
    sources: list[Source]
    note: str = Field(description="Not a diagnosis")


class ReliefResult(BaseModel):
    """Step-by-step relief for one muscle, in the request's language."""

    model_config = ConfigDict(extra="forbid")

    id: str
    type: Literal["muscle"]
    label: str
    plain: str
    steps: list[Step] = Field(description="In order; `hold_s` and `repeat` time each hold")
    in_water: list[str] = Field(description="If it cramps while swimming")
    avoid: list[str]
    get_help: list[str] = Field(description="When to get medical help")
    sources: list[Source]
    note: str = Field(description="Not a diagnosis")


class AskRequest(BaseModel):
    """A question about cramps in the person's own words."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": "Is magnesium worth taking for cramps at night?"},
                {"question": "My calf went red and puffy after the flight. Heat?"},
            ]
        },
    )

    question: str = Field(
        description=f"Up to {MAX_QUESTION} characters; blank is refused",
        json_schema_extra={"maxLength": MAX_QUESTION},
    )


class DangerSigns(BaseModel):
    """The danger signs a question itself describes, and what to do about them."""

    level: str = Field(description="The triage level's id")
    red_flags: list[str]
    message: str
    do_now: list[str]


class AnswerResult(BaseModel):
    """A cited answer (or an honest refusal, `topic` null), led by any danger sign."""

    model_config = ConfigDict(extra="forbid")

    topic: str | None = Field(description="The matched topic's id; null when out of scope")
    answer: str = Field(description="The answer, the danger warning first when it leads")
    sources: list[str] = Field(description="Source ids; cited in full in `citations`")
    confidence: float = Field(ge=0, le=1)
    question: str = Field(description="The question as read")
    matched_question: str | None = None
    stance: Literal["yes", "no", "partly", "unknown"] | None = None
    evidence: str | None = Field(None, description="The evidence grade's id")
    explanation: str | None = None
    what_to_do: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list, description="Ids to /explain")
    citations: dict[str, str] = Field(default_factory=dict)
    see_also: list[str] = Field(default_factory=list, description="Other topics that matched")
    read_as: dict[str, str] = Field(
        default_factory=dict, description="Words read as others (a typo as a word)"
    )
    danger_signs: DangerSigns | None = None
    note: str = Field(description="Not a diagnosis")
    lang: str = Field(description="The language of the words: en, zh-Hans, zh-Hant, en-XA")
