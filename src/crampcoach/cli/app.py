"""The `crampcoach` command: one Typer app; each area registers its own commands."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from crampcoach.cli import ask, assess, database, diary, knowledge, plan, serve
from crampcoach.cli.context import CoachSlot, running
from crampcoach.cli.errors import EXIT_BAD_INPUT, show
from crampcoach.errors import CrampcoachError
from crampcoach.i18n import choose_language

app = typer.Typer(
    name="crampcoach",
    help="Evidence-based help for muscle cramps. Not a diagnosis: see a doctor when in doubt.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for area in (assess, knowledge, ask, plan, diary, database, serve):
    area.register(app)


def _show_version(wanted: bool) -> None:
    if wanted:
        # Imported here: importlib.metadata would slow every other command's start-up.
        from importlib.metadata import version

        typer.echo(f"crampcoach {version('crampcoach')}")
        raise typer.Exit()


@app.callback()
def _options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_show_version, is_eager=True
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Answer in this language (default: CRAMPCOACH_LANG, else the system's).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Options that come before the command."""
    # The Coach is built when a command first asks for it (cli/context.py).
    if not isinstance(ctx.obj, CoachSlot):
        ctx.obj = CoachSlot(ctx.obj)
    if lang is not None:
        try:
            choose_language(lang)
        except CrampcoachError as exc:
            raise typer.BadParameter(exc.words(ctx.obj.translator()), param_hint="--lang") from exc
    ctx.obj.lang = lang
    running(ctx.obj)


def main() -> None:
    """Entry point: run the app; a known error becomes a message and exit code 2."""
    slot = CoachSlot()
    try:
        app(obj=slot)
    except CrampcoachError as exc:
        show(exc, slot.translator())
        sys.exit(EXIT_BAD_INPUT)
