"""`crampcoach serve`: the web app (docs/web.md) and the REST API (docs/api.md) on this
machine, over the CLI's diary."""

from __future__ import annotations

import ipaddress
import os
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from crampcoach.cli.context import coach_of, translator
from crampcoach.cli.diary.options import DbOption
from crampcoach.cli.errors import err_console, fail
from crampcoach.errors import CrampcoachError, InputError
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.settings import Settings

LOOPBACK_NAMES = frozenset({"localhost", "ip6-localhost"})
OPEN_TO_OTHERS = N_(
    "Warning: serving on {host}, so other machines can reach the API. It has no accounts "
    "without --multi-user: anyone who can connect reads and changes your diary."
)
ONE_WORKER_ON_SQLITE = N_(
    "--workers {workers}: a SQLite diary is served by one process (its writers would wait on "
    "each other's locks). Serve several workers from PostgreSQL (docs/deploy.md)."
)
NO_ACCOUNT_YET = N_(
    "Note: multi-user mode, and the database holds no account yet: add one with crampcoach "
    "users add EMAIL --role athlete."
)


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.1, ::1, localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def count_accounts(coach: Coach) -> int:
    """How many accounts the database holds (a SQLite diary is made and upgraded first)."""
    from crampcoach.server.accounts import Accounts

    settings = coach.settings
    accounts = Accounts.open(settings, create_folder=not settings.db_given)
    try:
        return len(accounts.all())
    finally:
        accounts.close()


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on; another than 127.0.0.1 opens it to others.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    db: DbOption = None,
    multi_user: Annotated[
        bool,
        typer.Option(
            "--multi-user",
            help="Accounts on (also CRAMPCOACH_MULTI_USER=1): each diary needs its account's "
            "login (crampcoach users add); the knowledge stays open.",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=256,
            help="Worker processes (uvicorn); more than one needs a PostgreSQL database "
            "(docs/deploy.md).",
        ),
    ] = 1,
) -> None:
    """Serve the web app (at /) and the REST API (/api/v1, docs at /docs); Ctrl-C stops it."""
    # Imported here: FastAPI and uvicorn would slow every other command's start-up.
    import uvicorn

    from crampcoach.diary.database import upgrades_itself
    from crampcoach.web import create_site

    coach = coach_of(ctx, db)
    if multi_user and not coach.settings.multi_user:
        coach = coach.with_settings(multi_user=True)
    if workers > 1 and upgrades_itself(coach.settings.db_url):
        fail(InputError(ONE_WORKER_ON_SQLITE, workers=workers))
    try:
        coach.check_database()  # PostgreSQL: upgraded by `crampcoach db upgrade` first
        accounts = count_accounts(coach) if coach.settings.multi_user else None
    except CrampcoachError as exc:
        fail(exc)
    if accounts == 0:
        err_console.print(escape(translator()(NO_ACCOUNT_YET)), soft_wrap=True)
    if not is_loopback(host) and not coach.settings.multi_user:
        warning = escape(translator()(OPEN_TO_OTHERS, host=host))
        err_console.print(f"[bold yellow]{warning}[/]", soft_wrap=True)
    if workers == 1:
        uvicorn.run(create_site(coach=coach), host=host, port=port)
        return
    # Each worker process builds its own site from the environment (an import string: an app
    # object cannot be handed to processes); this process's settings go there first.
    os.environ.update(settings_environment(coach.settings))
    uvicorn.run("crampcoach.web:create_site", factory=True, host=host, port=port, workers=workers)


def settings_environment(settings: Settings) -> dict[str, str]:
    """The variables that give a worker process the settings of this one (--db, --multi-user,
    the language); the others it reads from the same environment."""
    env = {"CRAMPCOACH_HOME": str(settings.home), "CRAMPCOACH_DB": settings.db_url}
    env["CRAMPCOACH_MULTI_USER"] = "1" if settings.multi_user else "0"
    if settings.lang:
        env["CRAMPCOACH_LANG"] = settings.lang
    return env


def register(app: typer.Typer) -> None:
    """Add `serve` to the app."""
    app.command("serve")(serve)
