"""Schemas of the knowledge base files; loading validates every file against them.

A finding is a yes/no/unknown fact about the person, defined by a rule over the
fields of `Intake` (findings.yaml). Factors weigh findings with likelihood ratios;
red flags fire on combinations of findings. Everything the engine knows is here.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from crampcoach.i18n import N_
from crampcoach.knowledge.claims import Claimed, Measured, undescribed
from crampcoach.knowledge.models import FROZEN
from crampcoach.knowledge.vocabulary import EvidenceGrade as EvidenceGrade
from crampcoach.knowledge.vocabulary import SourceId as SourceId
from crampcoach.knowledge.vocabulary import TriageLevel as TriageLevel

Context = Literal["exercise", "night", "rest"]
EVIDENCE_SCALE: dict[str, str] = {
    "strong": N_("consistent trials, reviews or guidelines"),
    "moderate": N_("cohort studies, guidelines or several smaller trials"),
    "weak": N_("few or small studies, lab models or expert opinion; low certainty"),
    "contested": N_("studies point in different directions"),
    "not_supported": N_("studies looked and did not find it"),
    "general_advice": N_("sensible and low-risk, but not confirmed by a source"),
}
# The grade's name as shown.
EVIDENCE_NAME: dict[str, str] = {
    "strong": N_("strong"),
    "moderate": N_("moderate"),
    "weak": N_("weak"),
    "contested": N_("contested"),
    "not_supported": N_("not supported"),
    "general_advice": N_("general advice"),
}
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class _Entry(BaseModel):
    model_config = FROZEN

    # The fields a person reads: messages of the catalogue (crampcoach.knowledge.messages).
    TEXTS: ClassVar[tuple[str, ...]] = ()


class Rule(_Entry):
    """A test on Intake fields giving True, False or None (unknown).

    Exactly one form: a field test (`field` with one operator), or `any`/`all`
    of sub-rules, or `not` a sub-rule. `false_when` turns an unknown into False
    (a list with no match is False once the person said the list is complete).
    """

    field: str | None = None
    is_: bool | None = Field(None, alias="is")
    gte: float | None = None
    gt: float | None = None
    lte: float | None = None
    lt: float | None = None
    in_: list[str] | None = Field(None, alias="in")
    contains_any: list[str] | None = None
    present: bool | None = None
    any: list[Rule] | None = None
    all: list[Rule] | None = None
    not_: Rule | None = Field(None, alias="not")
    false_when: Rule | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_form(self) -> Rule:
        ops = [
            self.is_,
            self.gte,
            self.gt,
            self.lte,
            self.lt,
            self.in_,
            self.contains_any,
            self.present,
        ]
        n_ops = sum(op is not None for op in ops)
        forms = (
            (self.field is not None)
            + (self.any is not None)
            + (self.all is not None)
            + (self.not_ is not None)
        )
        if forms != 1:
            raise ValueError("a rule has exactly one of: field, any, all, not")
        if self.field is not None and n_ops != 1:
            raise ValueError(
                "a field rule has exactly one operator (is, gte, gt, lte, lt, in, ...)"
            )
        if self.field is None and n_ops:
            raise ValueError("operators go with `field`")
        return self


class Ask(_Entry):
    """How to ask the person about a finding, and which Intake field the answer sets."""

    field: str
    kind: Literal["yes_no", "number", "choice"] = "yes_no"
    unit: str | None = Field(None, description="For numbers: the unit target of parse_quantity")
    choices: list[str] = Field(default_factory=list)


class Finding(_Entry):
    """A fact the engine reasons with, derived from Intake by `when`."""

    TEXTS: ClassVar[tuple[str, ...]] = ("label", "question")

    id: Id
    label: str = Field(
        min_length=3, description="Short phrase shown as a reason: 'one leg swollen'"
    )
    question: str | None = Field(None, description="Asked when the answer could change the result")
    when: Rule
    ask: Ask | None = None
    context: bool = Field(
        False,
        description=(
            "A circumstance of the cramp (exertion, heat), not a sign of the person: a red flag "
            "trigger that needs it takes the cautious branch while it is unknown"
        ),
    )


class Weight(_Entry):
    """A finding's likelihood ratios for a factor: when present, and when known absent."""

    finding: Id
    present: float = Field(gt=0, le=1000)
    absent: float = Field(1.0, gt=0, le=1000)
    note: str | None = None


class Advice(_Entry):
    """One piece of advice with its evidence and sources (none for general advice)."""

    TEXTS: ClassVar[tuple[str, ...]] = ("text",)

    text: str = Field(min_length=5)
    evidence: EvidenceGrade
    sources: list[SourceId] = Field(default_factory=list)
    # Each number of the text: what it is and whom it was measured in (as in a claim).
    numbers: tuple[Measured, ...] = ()
    # For a cited item: what its sources report, and where (as in a claim).
    reports: str | None = Field(None, min_length=10)
    locator: str | None = Field(None, min_length=3)

    @model_validator(mode="after")
    def _cited(self) -> Advice:
        if self.evidence != "general_advice" and not self.sources:
            raise ValueError("advice graded above general_advice needs sources")
        untold = undescribed(self.text, self.numbers)
        if untold:
            raise ValueError(f"the number {untold[0]!r} has no `numbers` record")
        if self.numbers and not self.sources:
            raise ValueError("advice with numbers needs the sources they come from")
        if self.sources and not (self.reports and self.locator):
            raise ValueError("cited advice says what its sources report, and where")
        return self


class TriageRule(_Entry):
    """A factor that, when it scores at least `min_score`, demands at least `level`."""

    TEXTS: ClassVar[tuple[str, ...]] = ("reason",)

    level: TriageLevel
    min_score: float = Field(ge=0, le=1)
    reason: str


class Factor(Claimed):
    """A cause, risk factor, medical cause or mimic of cramp."""

    TEXTS: ClassVar[tuple[str, ...]] = ("label", "plain", "mechanism", "who", "evidence_note")
    CLAIMED: ClassVar[tuple[str, ...]] = ("plain", "mechanism", "who", "evidence_note")

    id: Id
    label: str
    kind: Literal["risk_factor", "cause", "medical", "mimic"]
    plain: str = Field(min_length=20, max_length=400, description="For a 12-year-old")
    mechanism: str
    who: str
    evidence: EvidenceGrade
    evidence_note: str
    prior: dict[Context, float]
    weights: list[Weight] = Field(min_length=1)
    prevention: list[Advice] = Field(default_factory=list)
    what_to_do: list[Advice] = Field(default_factory=list)
    triage: TriageRule | None = None

    @model_validator(mode="after")
    def _priors(self) -> Factor:
        missing = {"exercise", "night", "rest"} - set(self.prior)
        if missing:
            raise ValueError(f"prior needs every context; missing {sorted(missing)}")
        if not all(0 < p < 1 for p in self.prior.values()):
            raise ValueError("priors are probabilities strictly between 0 and 1")
        return self


class Trigger(_Entry):
    """Findings that together set off a red flag; `not` lists findings that must not be true."""

    all: list[Id] = Field(min_length=1)
    not_: list[Id] = Field(default_factory=list, alias="not")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Escalation(_Entry):
    """Extra findings that, with the red flag, demand a higher level than it alone."""

    TEXTS: ClassVar[tuple[str, ...]] = ("reason",)

    with_: list[Id] = Field(min_length=1, alias="with")
    level: TriageLevel
    reason: str

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Alone(_Entry):
    """What danger signs demand on their own, when their trigger's context is known absent.

    "Dark urine after exertion" is muscle breakdown until shown otherwise; dark urine at
    rest still needs a doctor today. Every sign of a trigger that needs a context is listed
    in one `alone` entry of its flag (checked when the knowledge is loaded).
    """

    TEXTS: ClassVar[tuple[str, ...]] = ("why", "do_now")

    signs: list[Id] = Field(min_length=1)
    level: TriageLevel
    why: str = Field(min_length=10)
    do_now: list[str] = Field(default_factory=list, description="Else the flag's own steps")


class RedFlag(Claimed):
    """A danger sign: what sets it off, how urgent it is, and what to do now."""

    TEXTS: ClassVar[tuple[str, ...]] = ("label", "why", "do_now")
    CLAIMED: ClassVar[tuple[str, ...]] = ("why", "do_now")

    id: Id
    label: str
    level: TriageLevel
    why: str
    triggers: list[Trigger] = Field(min_length=1)
    alone: list[Alone] = Field(default_factory=list)
    escalations: list[Escalation] = Field(default_factory=list)
    suspects: list[Id] = Field(
        default_factory=list, description="Factors this danger sign points to: listed first"
    )
    do_now: list[str] = Field(min_length=1)
    evidence: EvidenceGrade
    withhold_relief: bool = Field(
        False,
        description="The ordinary relief steps (stretch, massage, walk on it) could harm with "
        "this danger sign (a clot, a muscle breaking down, a limb without blood): a result "
        "that raises it leaves them out",
    )
    relief_steps: list[int] = Field(
        default_factory=list,
        description="Which of `do_now` (counted from 1) are relief steps (keep stretching): a "
        "result that also raises a flag withholding relief leaves them out",
    )
    for_someone_else: bool = Field(
        False,
        description="Told of someone with the person now (a friend who collapsed beside "
        "them), these signs still call for help: the result raises the flag for them",
    )

    @model_validator(mode="after")
    def _relief_steps_are_steps(self) -> RedFlag:
        stray = [n for n in self.relief_steps if not 1 <= n <= len(self.do_now)]
        if stray:
            raise ValueError(f"relief_steps count the steps of do_now from 1; not one: {stray}")
        return self

    @property
    def relief_do_now(self) -> frozenset[str]:
        """The steps of `do_now` that are relief steps (`relief_steps`)."""
        return frozenset(self.do_now[n - 1] for n in self.relief_steps)


class Step(_Entry):
    """One relief step; `hold_s` and `repeat` drive the countdown."""

    TEXTS: ClassVar[tuple[str, ...]] = ("text",)

    text: str
    hold_s: int | None = Field(None, ge=1, le=600)
    repeat: int = Field(1, ge=1, le=10)
    evidence: EvidenceGrade


class Muscle(Claimed):
    """Relief for one muscle group; its claims cover its steps too (`in: steps`)."""

    TEXTS: ClassVar[tuple[str, ...]] = ("label", "plain", "in_water", "avoid", "get_help")
    CLAIMED: ClassVar[tuple[str, ...]] = ("plain", "in_water", "avoid", "get_help")

    id: Id
    label: str
    plain: str
    steps: list[Step] = Field(min_length=2)
    in_water: list[str] = Field(default_factory=list, description="If it cramps while swimming")
    avoid: list[str] = Field(min_length=1)
    get_help: list[str] = Field(min_length=1)

    def texts(self) -> dict[str, list[str]]:
        return {**super().texts(), "steps": [step.text for step in self.steps]}


# What kind of study or document a source is (the evidence table's "study type").
StudyKind = Literal[
    "systematic_review",
    "randomised_trial",
    "cohort",
    "case_control",
    "cross_sectional",
    "case_series",
    "lab_experiment",
    "narrative_review",
    "guideline",
    "regulator",
    "reference_work",
    "patient_information",
    "conference_abstract",
    "other",
]


class Source(_Entry):
    """One reference, cited once; `verified: false` marks what the brief calls UNVERIFIED."""

    id: SourceId
    citation: str = Field(min_length=10)
    kind: StudyKind
    url: str | None = None
    verified: bool = True
    note: str | None = None


class SeedStatement(Claimed):
    """A cause, prevention or relief statement of a seed article and what covers it."""

    TEXTS: ClassVar[tuple[str, ...]] = ("correction",)

    seed: Literal["000", "001"]
    kind: Literal["cause", "prevention", "relief", "definition"]
    quote: str = Field(min_length=5)
    covered_by: list[Id] = Field(min_length=1)
    verdict: Literal["correct", "partly_correct", "wrong", "garbled", "unproven"]
    correction: str | None = None

    @model_validator(mode="after")
    def _corrected(self) -> SeedStatement:
        if self.verdict != "correct" and not self.correction:
            raise ValueError(f"a {self.verdict} statement needs a correction")
        return self

    def texts(self) -> dict[str, list[str]]:
        """The text the claims cover: the correction, or the seed's words when correct."""
        if self.correction:
            return {"correction": [self.correction]}
        return {"quote": [self.quote]}
