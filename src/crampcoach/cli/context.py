"""The run's `Coach`, kept on the Typer context and built when a command first needs it.

`crampcoach --help` and `--version` never build it. A caller that already holds the
knowledge (a test, a program that runs the app many times) passes it as `obj`: a
`PackageKnowledge` (the Coach is then built from the environment's settings around it)
or a whole `Coach`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

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
                if self.lang is not None:
                    settings = coach.settings.model_copy(update={"lang": self.lang})
                    coach = Coach(settings, coach.knowledge)
                self.built = coach
            else:
                from crampcoach.settings import Settings

                settings = Settings() if self.lang is None else Settings(lang=self.lang)
                self.built = Coach(settings, knowledge=self.given)
        return self.built


def coach_of(ctx: typer.Context, db: str | None = None) -> Coach:
    """The Coach of this run (on the database `db`, a --db option, when given)."""
    slot = ctx.find_object(CoachSlot)
    if slot is None:  # a command run without the app's callback
        slot = ctx.ensure_object(CoachSlot)
    return slot.coach().with_db(db)
