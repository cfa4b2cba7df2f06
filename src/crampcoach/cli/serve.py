"""`crampcoach serve`: the web app (docs/web.md) and the REST API (docs/api.md) on this
machine, over the CLI's diary."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer
from rich.markup import escape

from crampcoach.cli.context import coach_of, translator
from crampcoach.cli.diary.options import DbOption
from crampcoach.cli.errors import err_console, fail
from crampcoach.errors import CrampcoachError
from crampcoach.i18n import N_

LOOPBACK_NAMES = frozenset({"localhost", "ip6-localhost"})
OPEN_TO_OTHERS = N_(
    "Warning: serving on {host}, so other machines can reach the API. It has no accounts "
    "yet: anyone who can connect reads and changes your diary."
)


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.1, ::1, localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on; another than 127.0.0.1 opens it to others.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the web app (at /) and the REST API (/api/v1, docs at /docs); Ctrl-C stops it."""
    # Imported here: FastAPI and uvicorn would slow every other command's start-up.
    import uvicorn

    from crampcoach.web import create_site

    coach = coach_of(ctx, db)
    try:
        coach.check_database()  # PostgreSQL: upgraded by `crampcoach db upgrade` first
    except CrampcoachError as exc:
        fail(exc)
    if not is_loopback(host):
        warning = escape(translator()(OPEN_TO_OTHERS, host=host))
        err_console.print(f"[bold yellow]{warning}[/]", soft_wrap=True)
    app = create_site(coach=coach)
    uvicorn.run(app, host=host, port=port)


def register(app: typer.Typer) -> None:
    """Add `serve` to the app."""
    app.command("serve")(serve)
