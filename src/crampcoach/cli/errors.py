"""One way to fail on the command line: a clear message on stderr and exit code 2."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

# Re-exported for the commands that import it from here; the one formatter is in errors.py.
from crampcoach.errors import describe_validation_error as describe_validation_error

err_console = Console(stderr=True, highlight=False)

EXIT_BAD_INPUT = 2


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print `message` as an error and exit with `code` (2: bad input)."""
    # The message may quote the user's input: never read it as Rich markup.
    err_console.print(f"[bold red]Error:[/] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)
