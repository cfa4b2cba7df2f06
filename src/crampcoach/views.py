"""Results in words: the core's ids rendered in one language, for the faces and the JSON.

Assessments (`assessment_view`) and answers (`danger_message`, `answer_words`).

The core returns ids and message ids (`crampcoach.core.assessment`); a view is the same
result with every person-facing text rendered by a `Translator`: the knowledge's words
(labels, why, steps) from the catalogue, and the sentences composed here from message
templates ("Fits: {signs}. {plain}"). Ids stay as they are. An `AssessmentView` dumped
to JSON is the assess contract of shared/spec/contract.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from pydantic import BaseModel, Field

from crampcoach.core.assessment import (
    NOT_A_DIAGNOSIS,
    Assessment,
    FactorResult,
    FollowUp,
    Reason,
)
from crampcoach.i18n import N_, Translator
from crampcoach.knowledge.schema import EVIDENCE_NAME

if TYPE_CHECKING:  # the answer's types only: importing them loads the story parser
    from crampcoach.core.answers import AnswerMatch
    from crampcoach.core.safety import DangerSigns
    from crampcoach.knowledge.loader import KnowledgeBase

# The title of each triage level, short enough for a 60-column screen.
LEVEL_TITLE = {
    "emergency_ambulance": N_("CALL AN AMBULANCE NOW"),
    "emergency": N_("GO TO AN EMERGENCY DEPARTMENT NOW"),
    "consultation_24": N_("SEE A DOCTOR WITHIN 24 HOURS"),
    "consultation": N_("BOOK A DOCTOR'S APPOINTMENT"),
    "self_care": N_("SELF-CARE"),
}
NO_DANGER = N_("No danger sign was found in what you told me.")
RED_FLAG_REASON = N_("{label}: {why}")
ESCALATION_REASON = N_("{label}, with more: {reason}")
SOMEONE_ELSE_REASON = N_("Someone you describe shows this now and needs help: {reason}")
FITS = N_("Fits: {signs}. {plain}")
AGAINST = N_("{text} Against: {signs}.")
ABSENT_SIGN = N_("not {sign}")


class TriageView(BaseModel):
    """How urgent, in words: the level's title and meaning, and why."""

    level: str
    title: str
    meaning: str
    reasons: list[str]


class FactorView(BaseModel):
    """One contributing factor, with its label and why it fits, in words."""

    id: str
    label: str
    kind: str
    score: float
    why: str
    supporting: list[str] = Field(description="Findings that point to it")
    against: list[str] = Field(description="Findings that point away from it")
    evidence: str = Field(description="The evidence grade's id")
    evidence_name: str
    sources: list[str]
    danger_sign: bool


class FollowUpView(BaseModel):
    """A question whose answer could change the result, in words."""

    id: str
    text: str
    kind: str
    field: str
    unit: str | None
    choices: list[str]
    reason: str
    screens_red_flag: bool
    red_flag: str | None


class AssessmentView(BaseModel):
    """An assessment in one language: the assess JSON contract."""

    triage: TriageView
    red_flags: list[str]
    do_now: list[str]
    factors: list[FactorView]
    muscle: str | None
    muscle_label: str
    relief: list[str]
    avoid: list[str]
    prevention: list[str]
    follow_up: list[FollowUpView]
    findings_present: list[str]
    findings_absent: list[str]
    note: str
    lang: str = Field(description="The language of the words: en, zh-Hans, zh-Hant, en-XA")


def reason_text(reason: Reason, kb: KnowledgeBase, t: Translator) -> str:
    """Why one demand was made, in words: the red flag's or factor's own (and whose the
    signs are, when someone else's)."""
    if reason.someone_else:
        mine = reason.model_copy(update={"someone_else": False})
        return t(SOMEONE_ELSE_REASON, reason=reason_text(mine, kb, t))
    if reason.factor is not None:
        rule = kb.factors[reason.factor].triage
        return t(rule.reason) if rule is not None else ""
    if reason.red_flag is None:
        return ""
    flag = kb.red_flags[reason.red_flag]
    if reason.escalation is not None:
        escalation = flag.escalations[reason.escalation]
        return t(ESCALATION_REASON, label=t(flag.label), reason=t(escalation.reason))
    if reason.sign is not None:
        return t(kb.alone_levels[flag.id][reason.sign].why)
    return t(RED_FLAG_REASON, label=t(flag.label), why=t(flag.why))


def factor_why(factor: FactorResult, absent: set[str], kb: KnowledgeBase, t: Translator) -> str:
    """Why a factor fits: the findings for and against it, then its plain words."""

    def signs(ids: list[str]) -> str:
        labels = (t(kb.findings[fid].label) for fid in ids)
        return t.join(
            t(ABSENT_SIGN, sign=label) if fid in absent else label
            for fid, label in zip(ids, labels, strict=True)
        )

    why = t(kb.factors[factor.id].plain)
    if factor.supporting:
        why = t(FITS, signs=signs(factor.supporting), plain=why)
    if factor.against:
        why = t(AGAINST, text=why, signs=signs(factor.against))
    return why


def follow_up_view(question: FollowUp, kb: KnowledgeBase, t: Translator) -> FollowUpView:
    return FollowUpView(**_follow_up_fields(question, kb, t))


def _follow_up_fields(question: FollowUp, kb: KnowledgeBase, t: Translator) -> dict[str, Any]:
    """A question's `FollowUpView` fields, in words: worded once per language and question
    (an assessment lists some nine, the same few dozen questions over and over)."""
    flag = question.red_flag
    key = (
        question.id,
        question.text,
        question.kind,
        question.field,
        question.unit,
        question.reason,
        question.screens_red_flag,
        flag,
        kb.red_flags[flag].label if flag else None,  # the words of the reason's {flag}
    )
    worded = _QUESTIONS_WORDED.setdefault(t, {})
    fields = worded.get(key)
    if fields is None:
        fields = worded[key] = _follow_up_words(question, kb, t)
    return {**fields, "choices": list(question.choices)}


# The follow-up questions worded by each translator (a handful of languages per process).
_QUESTIONS_WORDED: WeakKeyDictionary[Translator, dict[tuple[Any, ...], dict[str, Any]]] = (
    WeakKeyDictionary()
)


def _follow_up_words(question: FollowUp, kb: KnowledgeBase, t: Translator) -> dict[str, Any]:
    """A question's `FollowUpView` fields, worded by `t` (its choices set by the caller)."""
    flag = question.red_flag
    reason = t(question.reason, flag=t(kb.red_flags[flag].label)) if flag else t(question.reason)
    return {
        "id": question.id,
        "text": t(question.text),
        "kind": question.kind,
        "field": question.field,
        "unit": question.unit,
        "reason": reason,
        "screens_red_flag": question.screens_red_flag,
        "red_flag": flag,
    }


def assessment_view(result: Assessment, kb: KnowledgeBase, t: Translator) -> AssessmentView:
    """`result` in the words of `t`'s language."""
    return AssessmentView.model_validate(assessment_fields(result, kb, t))


def assessment_fields(result: Assessment, kb: KnowledgeBase, t: Translator) -> dict[str, Any]:
    """The fields of `assessment_view` (and of the views inside it) in the words of `t`'s
    language, for it or a model that adds to it (the story's, the API's)."""
    # Validated at once by the model, in one call into pydantic instead of one a factor and
    # a question (which cost a tenth of wording an assessment), without first making the
    # view itself.
    level = result.triage.level
    reasons = [reason_text(r, kb, t) for r in result.triage.reasons] or [t(NO_DANGER)]
    absent = set(result.findings_absent)
    factors = [
        {
            "id": f.id,
            "label": t(kb.factors[f.id].label),
            "kind": f.kind,
            "score": f.score,
            "why": factor_why(f, absent, kb, t),
            "supporting": f.supporting,
            "against": f.against,
            "evidence": f.evidence,
            "evidence_name": t(EVIDENCE_NAME[f.evidence]),
            "sources": f.sources,
            "danger_sign": f.danger_sign,
        }
        for f in result.factors
    ]
    return {
        "triage": {
            "level": level,
            "title": t(LEVEL_TITLE[level]),
            "meaning": t(kb.triage_meaning(level)),
            "reasons": reasons,
        },
        "red_flags": result.red_flags,
        "do_now": t.all(result.do_now),
        "factors": factors,
        "muscle": result.muscle,
        "muscle_label": t(kb.muscles[result.muscle or "other"].label),
        "relief": t.all(result.relief),
        "avoid": t.all(result.avoid),
        "prevention": t.all(result.prevention),
        "follow_up": [_follow_up_fields(q, kb, t) for q in result.follow_up],
        "findings_present": result.findings_present,
        "findings_absent": result.findings_absent,
        "note": t(NOT_A_DIAGNOSIS),
        "lang": t.lang,
    }


# --- ask --------------------------------------------------------------------------------

STANCE_NAME = {
    "yes": N_("YES"),
    "no": N_("NO"),
    "partly": N_("PARTLY"),
    "unknown": N_("UNKNOWN"),
}
DANGER_LEAD = N_("What you describe can be a danger sign ({signs}). {meaning}")
# Where to tell the whole story, and where the topics are listed, by face: each names its
# own way in.
ASSESS_IN_CLI = N_("Run `crampcoach assess` with your whole story for more.")
TOPICS_IN_CLI = N_("Run `crampcoach ask --list` to see the topics I know.")


@dataclass(frozen=True)
class WaysIn:
    """What a face tells a person to do next (message ids; None: nothing): where to tell
    the whole story when a question describes a danger sign, and where the topics are."""

    assess: str | None
    topics: str | None


CLI_WAYS = WaysIn(ASSESS_IN_CLI, TOPICS_IN_CLI)


def danger_message(
    warning: DangerSigns, kb: KnowledgeBase, t: Translator, more: str | None = ASSESS_IN_CLI
) -> str:
    """The warning that leads an answer: which danger signs, how urgent, and (`more`, a
    message id) where to tell the whole story."""
    signs = t.join(t(kb.red_flags[flag].label).lower() for flag in warning.red_flags)
    lead = t(DANGER_LEAD, signs=signs, meaning=t(kb.triage_meaning(warning.level)))
    return f"{lead} {t(more)}" if more else lead


def danger_view(
    warning: DangerSigns, kb: KnowledgeBase, t: Translator, more: str | None = ASSESS_IN_CLI
) -> dict[str, Any]:
    """The danger signs of a question, in words: the contract's `danger_signs`."""
    return {
        "level": warning.level,
        "red_flags": warning.red_flags,
        "message": danger_message(warning, kb, t, more),
        "do_now": t.all(warning.do_now),
    }


def answer_words(
    match: AnswerMatch,
    warning: DangerSigns | None,
    kb: KnowledgeBase,
    t: Translator,
    more: str | None = ASSESS_IN_CLI,
    topics: str | None = TOPICS_IN_CLI,
) -> str:
    """The answer as one text: the danger warning first when it leads; a refusal ends with
    where the topics are listed (`topics`, a message id; None: nowhere)."""
    answer = t(match.answer)
    if match.topic is None and topics:
        answer = f"{answer} {t(topics)}"
    if match.led and warning is not None:
        return f"{danger_message(warning, kb, t, more)} {answer}"
    return answer


# --- knowledge entries ------------------------------------------------------------------


def localized(entry: BaseModel, t: Translator) -> dict[str, Any]:
    """A knowledge entry as JSON (field aliases as in its file), its person-facing texts
    (each schema's `TEXTS`, found by `knowledge.messages.person_texts`) in `t`'s language."""
    from crampcoach.knowledge.messages import person_texts  # the FAQ schema: explain only

    data: dict[str, Any] = entry.model_dump(mode="json", by_alias=True)
    for where, text in person_texts(entry):
        *parents, last = where.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = t(text)
    return data


def rendered(
    result: BaseModel, t: Translator, labels: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """`result` (a plan or a sweat-rate result) as JSON data, its advice and its
    disclaimer and labels worded by `t`; every id kept. A plan's forecast gets its
    sentences (`words`; `labels` maps factor ids to their labels)."""
    from dataclasses import asdict

    from crampcoach.core.plan import Plan
    from crampcoach.forecast_words import forecast_words

    data: dict[str, Any] = result.model_dump(mode="json")
    _render_items(result, data, t)
    if isinstance(result, Plan) and result.forecast is not None:
        words = forecast_words(result.forecast, result, labels or {}, t)
        data["forecast"]["words"] = asdict(words)
    return data


def _render_items(value: object, data: object, t: Translator) -> None:
    from crampcoach.core.advice import PlanItem  # the plan rules' schema: plans only

    if isinstance(value, PlanItem) and isinstance(data, dict):
        data["text"], data["reason"] = value.words(t)
    elif isinstance(value, BaseModel) and isinstance(data, dict):
        for key in data:
            if key in _WORDED and isinstance(data[key], str) and data[key]:
                data[key] = t(data[key])
            elif hasattr(value, key):
                _render_items(getattr(value, key), data[key], t)
    elif isinstance(value, list | tuple) and isinstance(data, list):
        for item, dumped in zip(value, data, strict=True):
            _render_items(item, dumped, t)


# Fields of a plan or a sweat-rate result that hold a message id, worded in the JSON.
_WORDED = frozenset({"disclaimer", "sport_label"})
