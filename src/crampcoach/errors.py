"""Errors crampcoach raises on purpose; each carries a message meant for the user.

A message is a message id of the catalogue (its English text, marked with `N_` where it
is raised) and the values of its {placeholders}: `InputError(N_("{field}: must be more
than zero (got {value:g})"), field="sweat_rate", value=-1)`. `str(error)` is the English;
a face shows `error.words(t)`, rendered in the run's language. A value may be a
`Message` itself (rendered too). The errors of a broken
knowledge file (`KnowledgeError`) are for whoever edits the data and stay English.

Also the one way to word a pydantic ValidationError: every layer (knowledge, core, diary,
faces) imports `describe_validation_error` (one line) or `validation_problems` (a pair per
field, for the API's problem details) from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, Self

from crampcoach.message import Message, Plural

# Names the place of one problem from pydantic's location (the field path's parts).
Where = Callable[[tuple[str, ...]], str]


class Validation(Protocol):
    """What the formatter reads of an error: pydantic's ValidationError, or FastAPI's
    RequestValidationError (the same error list, its location led by "body" or "query")."""

    def errors(self) -> Sequence[Mapping[str, Any]]: ...


class CrampcoachError(Exception):
    """Base of every error whose message can be shown to the user as it is."""

    def __init__(self, message: str | Plural, /, **values: object) -> None:
        self.message = Message(message, values)  # its id: the English, with {placeholders}
        super().__init__(str(self.message))

    def words(self, t: Callable[..., str]) -> str:
        """The message in the language of `t` (an `i18n.Translator`), or in the one it is
        bound to (`bound_to`)."""
        return self.message.words(t)

    def bound_to(self, lang: str) -> Self:
        """This error, its message worded in `lang` whatever language the face speaks (the
        language of the story it answers); returns itself."""
        self.message = Message(self.message.id, self.message.values, lang)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (to and from a worker process) with its message id and values."""
        return (_restore, (type(self), str(self), self.__dict__))


def _restore(kind: type[CrampcoachError], text: str, state: dict[str, Any]) -> CrampcoachError:
    error = kind.__new__(kind)
    Exception.__init__(error, text)
    error.__dict__.update(state)
    return error


class InputError(CrampcoachError):
    """Input that cannot be used: wrong type, impossible value, unreadable file."""


class KnowledgeError(CrampcoachError):
    """The knowledge base data is invalid; the message names file, entry and field."""


def dotted_field(loc: tuple[str, ...]) -> str:
    """The field path as `a.b`, or "input" for the value as a whole."""
    return ".".join(loc) or "input"


def named_field(whole: str) -> Where:
    """A `Where` giving "field a.b", or "field `whole`" for the value as a whole."""
    return lambda loc: f"field {'.'.join(loc) or whole}"


def validation_problems(
    exc: Validation, where: Where = dotted_field, *, first_only: bool = False
) -> list[tuple[str, str]]:
    """(where, message) for each problem pydantic found, `where` naming its place.

    `first_only` keeps the first problem. pydantic's "Value error, " prefix is dropped.
    """
    errors = list(exc.errors())
    chosen = errors[:1] if first_only else errors
    return [
        (
            where(tuple(str(part) for part in error["loc"])),
            str(error["msg"]).removeprefix("Value error, "),
        )
        for error in chosen
    ]


def describe_validation_error(
    exc: Validation, where: Where | None = dotted_field, *, first_only: bool = False
) -> str:
    """One "where: message" per problem pydantic found, joined by "; ".

    `where` names the place from the error's location (None: the message alone);
    `first_only` keeps the first problem. pydantic's "Value error, " prefix is dropped.
    """
    problems = validation_problems(exc, where or dotted_field, first_only=first_only)
    if where is None:
        return "; ".join(message for _, message in problems)
    return "; ".join(f"{place}: {message}" for place, message in problems)
