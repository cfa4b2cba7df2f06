"""A message: a catalogue message id with the values of its {placeholders}, unrendered.

The core, the coach and the errors hand text on as a `Message`; a face renders it in the
run's language with `message.words(t)`, `t` an `i18n.Translator`. A value may itself be a
`Message` (rendered first, in the same language); any other value is shown as it is
(numbers, ids, what the person typed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Plural(NamedTuple):
    """A message with a form for one and a form for more (`i18n.NP_`): "{count} cramp",
    "{count} cramps". The value named `by` chooses the form, by the language's rule."""

    singular: str
    plural: str
    by: str = "count"


@dataclass(frozen=True)
class Message:
    """`Message(N_("{field}: must be more than zero"), {"field": "duration"})`; or a
    `Plural` and its values, the count among them."""

    id: str | Plural
    values: dict[str, Any] = field(default_factory=dict)
    # The language it must be worded in, whatever the face speaks: that of the story it
    # answers (a Chinese story that is no cramp story is told so in Chinese).
    lang: str | None = None

    def words(self, t: Callable[..., str]) -> str:
        """The text in the language of `t` (in its own `lang`, when it has one); nested
        messages rendered in the same. A plural message takes its form from `t.plural` (an
        `i18n.Translator`'s), else English's."""
        if self.lang is not None and getattr(t, "lang", None) != self.lang:
            from crampcoach.i18n import Translator  # i18n imports this module

            t = Translator(self.lang)
        values = {k: v.words(t) if isinstance(v, Message) else v for k, v in self.values.items()}
        if isinstance(self.id, Plural):
            plural = getattr(t, "plural", None)
            if plural is None:
                one = values[self.id.by] == 1
                return t(self.id.singular if one else self.id.plural, **values)
            text: str = plural(self.id, **values)
            return text
        return t(self.id, **values)

    def __str__(self) -> str:
        """The English text."""
        return self.words(_english)


def _english(message: str, /, **values: object) -> str:
    return message.format(**values) if values else message
