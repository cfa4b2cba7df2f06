"""Interview answers applied to an Intake (the schema itself: crampcoach.knowledge.intake)."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from crampcoach.knowledge.intake import Intake, field_paths
from crampcoach.units import UnitError, parse_quantity

YES = {"yes", "y", "true", "1", "ja", "oui", "si", "sí"}
NO = {"no", "n", "false", "0", "nein", "non"}


def _takes_yes_no(part: str, name: str) -> bool:
    """Whether the Intake field holds a yes/no (or a list that a yes/no answer fills)."""
    section = Intake.model_fields[part].annotation
    assert isinstance(section, type) and issubclass(section, BaseModel)
    annotation = str(section.model_fields[name].annotation)
    return "bool" in annotation or "list" in annotation


def with_answer(intake: Intake, field: str, answer: object, unit: str | None = None) -> Intake:
    """A copy of `intake` with one field set from an interview answer.

    Yes/no answers accept "yes"/"no" (any case) or booleans; "not sure" or an empty
    answer leaves the field unknown. Numbers accept units when `unit` names a
    parse_quantity target. Raises InputError (naming the field) for an answer that
    does not fit.
    """
    from crampcoach.errors import InputError, describe_validation_error
    from crampcoach.i18n import N_

    if field not in field_paths():
        raise InputError(N_("{field}: not a field of the intake"), field=field)
    part, name = field.split(".", 1)
    value: object = answer
    if isinstance(answer, str):
        text = answer.strip().lower()
        if text in {"", "not sure", "unsure", "don't know", "dont know", "skip", "?"}:
            return intake
        yes_no = _takes_yes_no(part, name)  # "true" or "1" is no age
        if yes_no and text in YES:
            value = True
        elif yes_no and text in NO:
            value = False
        elif unit is not None:
            try:
                value = parse_quantity(answer, unit)
            except UnitError as exc:
                raise InputError(N_("{where}: {problem}"), where=field, problem=exc) from exc
    current = getattr(intake, part)
    if isinstance(getattr(current, name), list):
        value = sorted({*getattr(current, name), value})
    data = intake.model_dump()
    data[part][name] = value
    try:
        return Intake.model_validate(data)
    except ValidationError as exc:
        problem = describe_validation_error(exc, None, first_only=True) or "not a valid value"
        raise InputError(
            N_("{field}: {answer!r} does not fit: {problem}"),
            field=field,
            answer=answer,
            problem=problem,
        ) from exc
