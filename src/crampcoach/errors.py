"""Errors crampcoach raises on purpose; each carries a message meant for the user.

Also the one way to word a pydantic ValidationError: every layer (knowledge, core, diary,
faces) imports `describe_validation_error` from here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError

# Names the place of one problem from pydantic's location (the field path's parts).
Where = Callable[[tuple[str, ...]], str]


class CrampcoachError(Exception):
    """Base of every error whose message can be shown to the user as it is."""


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


def describe_validation_error(
    exc: ValidationError, where: Where | None = dotted_field, *, first_only: bool = False
) -> str:
    """One "where: message" per problem pydantic found, joined by "; ".

    `where` names the place from the error's location (None: the message alone);
    `first_only` keeps the first problem. pydantic's "Value error, " prefix is dropped.
    """
    errors = exc.errors()[:1] if first_only else exc.errors()
    parts = []
    for error in errors:
        message = str(error["msg"]).removeprefix("Value error, ")
        if where is None:
            parts.append(message)
        else:
            parts.append(f"{where(tuple(str(part) for part in error['loc']))}: {message}")
    return "; ".join(parts)
