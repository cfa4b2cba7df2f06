"""One way to fail on the command line: a clear message on stderr and exit code 2."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.markup import escape

from crampcoach.cli.context import translator
from crampcoach.cli.line_breaks import ProseConsole
from crampcoach.errors import CrampcoachError

# Re-exported for the commands that import it from here; the one formatter is in errors.py.
from crampcoach.errors import describe_validation_error as describe_validation_error
from crampcoach.i18n import N_, Translator
from crampcoach.message import Message

err_console = ProseConsole(stderr=True, highlight=False)

EXIT_BAD_INPUT = 2
ERROR = N_("Error:")  # a constant: the extractor does not look inside f-strings


def fail(
    message: str | CrampcoachError, /, code: int = EXIT_BAD_INPUT, **values: object
) -> NoReturn:
    """Print an error in the run's language and exit with `code` (2: bad input).

    `message` is a message id (marked with `N_`) with its `values`, or a CrampcoachError.
    """
    show(message, translator(), **values)
    raise typer.Exit(code)


def show(message: str | CrampcoachError, t: Translator, /, **values: object) -> None:
    """Print an error on stderr in the language of `t`."""
    if isinstance(message, CrampcoachError):
        text = message.words(t)
        bound = message.message.lang  # that of the story it answers: the prefix too
        if bound is not None and bound != t.lang:
            t = Translator(bound)
    else:
        text = Message(message, values).words(t)  # a value may be a Message too
    # The message may quote the user's input: never read it as Rich markup.
    err_console.print(f"[bold red]{escape(t(ERROR))}[/] {escape(text)}", soft_wrap=True)
