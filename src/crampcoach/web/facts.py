""" "I understood": each fact of a story as a row a person can correct or remove.

A row names the fact's field and value in words and offers the control that fits its
kind: yes or no, a list of choices, or a number the Intake reads with its unit ("45
min"). A correction is checked against the Intake's own rules for that field; the
corrected facts make a new Intake (`core.story.intake_from_facts`).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from crampcoach.core.story import Fact
from crampcoach.errors import InputError
from crampcoach.fact_words import NUMBER_HINTS, choice_label, field_label, number_input
from crampcoach.fact_words import value_words as words_of
from crampcoach.i18n import N_
from crampcoach.knowledge.intake import Intake, field_unit

if TYPE_CHECKING:
    from starlette.datastructures import FormData

    from crampcoach.coach import Coach

Kind = Literal["yes_no", "choice", "number", "text"]
DOES_NOT_FIT = N_("{field}: “{value}” does not fit here. Nothing was changed.")
REMOVE = "remove"
MAX_VALUE = 60


@dataclass(frozen=True)
class FactRow:
    """One fact as the page shows it."""

    number: int
    field: str
    label: str
    words: str
    said: str
    uncertain: bool
    kind: Kind
    value: str  # what the control holds: yes/no, a choice id, a number with its unit
    choices: list[tuple[str, str]]  # (value, words) for yes_no and choice
    hint: str


def _literal_values(annotation: object) -> list[str] | None:
    """The values of the first Literal inside `annotation` (through Optional, list, Annotated)."""
    if get_origin(annotation) is Literal:
        return [str(value) for value in get_args(annotation)]
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated) or origin is not None:
        for arg in get_args(annotation):
            found = _literal_values(arg)
            if found is not None:
                return found
    return None


def field_choices(field: str) -> list[str] | None:
    """The values an Intake field takes when it is a closed list, else None."""
    part, name = field.split(".", 1)
    model = Intake.model_fields[part].annotation
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    info = model.model_fields.get(name)
    return _literal_values(info.annotation) if info is not None else None


def fact_kind(fact: Fact) -> Kind:
    if isinstance(fact.value, bool):
        return "yes_no"
    if field_choices(fact.field) is not None:
        return "choice"
    if isinstance(fact.value, int | float):
        return "number"
    return "text"


def leaders(facts: list[Fact]) -> list[int]:
    """For each fact, the number (from 1) of the first fact that says the same (the same
    field and value): a long story tells "Sport: cycling" many times, the form shows it once
    and a correction of it applies to every telling."""
    first: dict[tuple[str, str], int] = {}
    return [first.setdefault((f.field, repr(f.value)), n) for n, f in enumerate(facts, 1)]


def fact_rows(facts: list[Fact], coach: Coach) -> list[FactRow]:
    """Each fact as a row of the "I understood" form, numbered from 1; a fact told again
    (`leaders`) is shown once."""
    t = coach.text
    rows = []
    for number, (fact, leader) in enumerate(zip(facts, leaders(facts), strict=True), 1):
        if leader != number:
            continue
        kind = fact_kind(fact)
        choices: list[tuple[str, str]] = []
        value = str(fact.value)
        hint = ""
        if kind == "yes_no":
            choices = [
                ("yes", words_of(fact.field, True, coach)),
                ("no", words_of(fact.field, False, coach)),
            ]
            value = "yes" if fact.value else "no"
        elif kind == "choice":
            options = field_choices(fact.field) or []
            choices = [(option, choice_label(option, coach, fact.field)) for option in options]
        elif kind == "number":
            assert isinstance(fact.value, int | float)
            value = number_input(fact.field, float(fact.value))
            unit = field_unit(fact.field)
            hint = t(NUMBER_HINTS[unit]) if unit in NUMBER_HINTS else ""
        rows.append(
            FactRow(
                number=number,
                field=fact.field,
                label=field_label(fact.field, t),
                words=words_of(fact.field, fact.value, coach),
                said=fact.text,
                uncertain=fact.uncertain,
                kind=kind,
                value=value,
                choices=choices,
                hint=hint,
            )
        )
    return rows


def _nested(field: str, value: object) -> dict[str, dict[str, Any]]:
    part, name = field.split(".", 1)
    return {part: {name: value}}


def corrected_value(fact: Fact, raw: str, coach: Coach) -> bool | int | float | str:
    """The value `raw` (from the form) gives `fact`; InputError when it does not fit."""
    kind = fact_kind(fact)
    raw = raw.strip()[:MAX_VALUE]
    problem = InputError(DOES_NOT_FIT, field=field_label(fact.field, coach.text), value=raw)
    if kind == "yes_no":
        if raw not in ("yes", "no"):
            raise problem
        return raw == "yes"
    if kind == "choice":
        if raw not in (field_choices(fact.field) or []):
            raise problem
        return raw
    if not raw:
        raise problem
    is_list = isinstance(
        getattr(getattr(Intake(), fact.field.split(".")[0]), fact.field.split(".")[1]), list
    )
    try:
        checked = Intake.model_validate(_nested(fact.field, [raw] if is_list else raw))
    except ValidationError as exc:
        raise problem from exc
    part, name = fact.field.split(".", 1)
    value = getattr(getattr(checked, part), name)
    if isinstance(value, list):
        value = value[0]
    if not isinstance(value, bool | int | float | str):
        raise problem
    return value


def corrected_facts(facts: list[Fact], form: FormData, coach: Coach) -> list[Fact]:
    """The facts as the form corrects them: removed ones left out, changed ones changed.

    InputError (nothing changed) names the first value that does not fit its field.
    """
    kept = []
    for fact, number in zip(facts, leaders(facts), strict=True):  # a fact told again: its row
        if form.get(f"{REMOVE}_{number}"):
            continue
        raw = form.get(f"value_{number}")
        if not isinstance(raw, str):
            kept.append(fact)
            continue
        value = corrected_value(fact, raw, coach)
        if value != fact.value:
            fact = fact.model_copy(update={"value": value, "uncertain": False})
        kept.append(fact)
    return kept
