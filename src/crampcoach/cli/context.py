"""The run's `Coach`, kept on the Typer context and built when a command first needs it.

`crampcoach --help` and `--version` never build it. A caller that already holds the
knowledge (a test, a program that runs the app many times) passes it as `obj`: a
`PackageKnowledge` (the Coach is then built from the environment's settings around it)
or a whole `Coach`.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

import typer

from crampcoach.errors import CrampcoachError
from crampcoach.i18n import Translator, choose_language

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.package_knowledge import PackageKnowledge


class CoachSlot:
    """Holds what the caller gave and, once built, the Coach of this run."""

    def __init__(self, given: Coach | PackageKnowledge | None = None) -> None:
        self.given = given
        self.built: Coach | None = None
        self.lang: str | None = None  # --lang, when given: wins over the settings' language

    def coach(self) -> Coach:
        if self.built is None:
            from crampcoach.coach import Coach

            if isinstance(self.given, Coach):
                coach = self.given
                self.built = coach if self.lang is None else coach.with_lang(self.lang)
            else:
                from crampcoach.settings import Settings

                settings = Settings() if self.lang is None else Settings(lang=self.lang)
                self.built = Coach(settings, knowledge=self.given)
        return self.built

    def translator(self) -> Translator:
        """The run's language, even when its Coach could not be built (English at worst)."""
        if self.built is not None:
            return self.built.text
        try:
            from crampcoach.settings import Settings

            return Translator(choose_language(self.lang or Settings().lang))
        except (CrampcoachError, ValueError):  # an unknown language, unreadable settings
            return Translator()


# The slot of the command running now, for what has no Typer context at hand (an error).
_RUNNING: ContextVar[CoachSlot | None] = ContextVar("crampcoach_running", default=None)


def running(slot: CoachSlot) -> None:
    """Note `slot` as the running command's (the app's callback does, for each command)."""
    _RUNNING.set(slot)


def translator() -> Translator:
    """The language of the command running now (English outside a command)."""
    slot = _RUNNING.get()
    return slot.translator() if slot is not None else Translator()


def coach_of(ctx: typer.Context, db: str | None = None) -> Coach:
    """The Coach of this run (on the database `db`, a --db option, when given)."""
    slot = ctx.find_object(CoachSlot)
    if slot is None:  # a command run without the app's callback
        slot = ctx.ensure_object(CoachSlot)
    return slot.coach().with_db(db)
