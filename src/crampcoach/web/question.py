"""A follow-up question as a form a thumb can answer, and the form's reply as words.

Yes/no questions are three buttons (yes, no, don't know: one tap); a choice is a list of
radio buttons, a list of things (medicines) check boxes; a number a text field that takes
a unit ("45 min"). The reply goes to the interview as the words a person would type, as
the CLI's does, so the same reader (`core.replies.read_reply`) checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from crampcoach.core.follow_up import is_list_field
from crampcoach.fact_words import NUMBER_HINTS, choice_label
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from starlette.datastructures import FormData

    from crampcoach.coach import Coach
    from crampcoach.core.assessment import FollowUp

Control = Literal["yes_no", "radio", "checks", "number"]
A_NUMBER = N_("a number")
MAX_REPLY = 200


@dataclass(frozen=True)
class QuestionForm:
    """What the question page shows: the question, why it is asked, and its control."""

    id: str
    text: str
    reason: str
    control: Control
    choices: list[tuple[str, str]]  # (the reply's words, the label)
    hint: str
    screens_red_flag: bool


def control_of(question: FollowUp) -> Control:
    if question.kind == "number":
        return "number"
    if question.kind == "choice" and is_list_field(question.field):
        return "yes_no" if len(question.choices) <= 2 else "checks"
    if question.kind == "choice":
        return "radio"
    return "yes_no"


def question_form(question: FollowUp, coach: Coach) -> QuestionForm:
    """`question` in the coach's language, with its control."""
    from crampcoach.views import follow_up_view

    view = follow_up_view(question, coach.kb, coach.text)
    control = control_of(question)
    field = None if question.field == "episode.during_exercise" else question.field
    choices = [
        (choice.replace("_", " "), choice_label(choice, coach, field))
        for choice in (question.choices if control in ("radio", "checks") else [])
    ]
    hint = ""
    if control == "number":
        unit = question.unit or ""
        hint = coach.text(NUMBER_HINTS.get(unit, A_NUMBER))
    return QuestionForm(
        id=question.id,
        text=view.text,
        reason=view.reason,
        control=control,
        choices=choices,
        hint=hint,
        screens_red_flag=question.screens_red_flag,
    )


def reply_of(question: FollowUp, form: FormData) -> str:
    """The form's answer as words: yes, no, '' (don't know), a choice, names, a number."""
    control = control_of(question)
    pressed = form.get("reply")
    if control == "checks":
        chosen = [value for value in form.getlist("choice") if isinstance(value, str)]
        if pressed == "none":
            return "no"
        return ", ".join(chosen)[:MAX_REPLY] if chosen else ""
    if control == "number" and pressed != "":
        typed = form.get("number")
        return typed.strip()[:MAX_REPLY] if isinstance(typed, str) else ""
    if control == "radio" and pressed != "":
        picked = form.get("choice")
        return picked[:MAX_REPLY] if isinstance(picked, str) else ""
    return pressed[:MAX_REPLY] if isinstance(pressed, str) else ""
