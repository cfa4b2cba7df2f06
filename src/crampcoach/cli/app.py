"""The `crampcoach` command: one Typer app; each area registers its own commands."""

from __future__ import annotations

import gc
import os
import sys
from typing import Annotated

import typer
from typer import _click as click
from typer.core import TyperCommand, TyperGroup

from crampcoach.cli import (
    ask,
    assess,
    database,
    diary,
    forecast,
    knowledge,
    plan,
    serve,
    users,
)
from crampcoach.cli.context import CoachSlot, running
from crampcoach.cli.errors import EXIT_BAD_INPUT, show
from crampcoach.errors import CrampcoachError
from crampcoach.i18n import choose_language


class _FlagsTakeNoValue:
    """A flag's help without a value type: Typer writes `--json <bool>`, as if the flag took
    a value ('--json true'), when it takes none (`--json`, or `--save/--no-save`)."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params: list[click.Parameter] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
        return params


class _Command(_FlagsTakeNoValue, TyperCommand):
    pass


class _Group(_FlagsTakeNoValue, TyperGroup):
    pass


def _flags_without_type(area: typer.Typer) -> None:
    """Every command and group of `area`, and of the groups in it, drawn by the classes
    above."""
    for command in area.registered_commands:
        if command.cls is TyperCommand or not isinstance(command.cls, type):  # Typer's own
            command.cls = _Command
    for group in area.registered_groups:
        if group.cls is TyperGroup or not isinstance(group.cls, type):
            group.cls = _Group
        if group.typer_instance is not None:
            _flags_without_type(group.typer_instance)


app = typer.Typer(
    cls=_Group,
    name="crampcoach",
    help="Evidence-based help for muscle cramps. Not a diagnosis: see a doctor when in doubt.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for area in (assess, knowledge, ask, plan, forecast, diary, database, users, serve):
    area.register(app)
_flags_without_type(app)


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
    # numpy's OpenBLAS starts a thread per core when it is loaded (by `ask`'s index, the
    # forecast, the plots), and they spin for a while: a tenth of a second of processor
    # time at each start, for arrays small enough that one thread is fastest on them.
    # A person's own setting is kept.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    slot = CoachSlot()
    try:
        app(obj=slot)
    except CrampcoachError as exc:
        show(exc, slot.translator())
        sys.exit(EXIT_BAD_INPUT)
    finally:
        # The process ends here. Python's shutdown would run full garbage collections over
        # all it still holds (the knowledge base, the compiled lexicon, the FAQ index): a
        # tenth of a second of processor time for nothing, as the memory goes back to the
        # system with the process. Frozen, those objects are passed over.
        gc.freeze()
