"""What the Coach checks before the diary keeps a record: that it can be, and that it is new.

A record typed by hand (or sent to the API) with a value that cannot be is refused, each
field named (`core.record_checks.RecordError`). A watch file's session is vetted the same
way (`import_vet`): a value whose rule says `drop` is left out with a warning, any other
refuses the file. A session typed by hand that overlaps one already in the diary is
`DuplicateSessionError` until the person says to keep it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from crampcoach.core.record_checks import (
    RecordError,
    cramp_problems,
    session_problems,
)
from crampcoach.errors import InputError
from crampcoach.i18n import N_
from crampcoach.knowledge.record_rules import RecordRules
from crampcoach.message import Message

if TYPE_CHECKING:
    from crampcoach.diary.imports import Vet
    from crampcoach.diary.records import CrampCreate, Session, SessionCreate

LEFT_OUT = N_("{field} left out: {problem}")
OVERLAPS = N_(
    "start: session {id} ({sport}, started {start}, lasting {duration:g} s) is already in "
    "the diary at that time; this may be the same session"
)


class DuplicateSessionError(InputError):
    """A session that overlaps sessions already in the diary (`existing`, oldest first)."""

    def __init__(self, existing: Sequence[Session]) -> None:
        self.existing = tuple(existing)
        first = self.existing[0]
        super().__init__(
            OVERLAPS,
            id=first.id,
            sport=first.sport,
            start=first.start.isoformat(),
            duration=first.duration_s,
        )


def check_session(new: SessionCreate, rules: RecordRules, today: date, tz: tzinfo) -> None:
    """RecordError naming each field of a session typed by hand that cannot be."""
    problems = session_problems(new.model_dump(), rules, today, tz)
    if problems:
        raise RecordError(problems)


def check_cramp(new: CrampCreate, rules: RecordRules, today: date, tz: tzinfo) -> None:
    """RecordError naming each field of a cramp that cannot be."""
    problems = cramp_problems(new.model_dump(), rules, today, tz)
    if problems:
        raise RecordError(problems)


def import_vet(rules: RecordRules, today: date, tz: tzinfo) -> Vet:
    """The check of a watch file's session: RecordError refuses the file; values that a
    sensor got wrong are left out of the session, each with a warning."""

    def vet(session: SessionCreate) -> tuple[SessionCreate, list[Message]]:
        problems = session_problems(session.model_dump(), rules, today, tz, from_watch=True)
        refused = [p for p in problems if not p.drop]
        if refused:
            raise RecordError(refused)
        left_out = {name: None for p in problems for name in p.drops}
        warnings = [Message(LEFT_OUT, {"field": p.field, "problem": p.message}) for p in problems]
        return session.model_copy(update=left_out), warnings

    return vet
