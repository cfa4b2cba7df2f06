"""`crampcoach db upgrade` and `db current`: the diary's database brought to this version's
schema on command, and the revision it is at (docs/database.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from crampcoach.cli.context import translator
from crampcoach.cli.diary.options import DbOption, JsonOption, run
from crampcoach.cli.diary.output import print_json, screen
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.diary.database import SchemaState

db_app = typer.Typer(
    help="The diary's database: the revision it is at, and upgrading it.", no_args_is_help=True
)

SET_UP = N_("Set up the diary at {where}: revision {revision}.")
UPGRADED = N_("Upgraded the diary at {where} from revision {before} to {revision}.")
ALREADY = N_("The diary at {where} is up to date: revision {revision}.")
AT_HEAD = N_("The diary at {where} is at revision {revision}, the newest.")
BEHIND = N_(
    "The diary at {where} is at revision {revision}; this crampcoach needs {head}. "
    "Run crampcoach db upgrade."
)
NONE_YET = N_(
    "The database at {where} holds no diary yet; crampcoach db upgrade sets it up "
    "(revision {head})."
)


def _where(coach: Coach) -> str:
    from crampcoach.diary.database import safe_url

    return safe_url(coach.settings.db_url)


@db_app.command("upgrade")
def upgrade(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Bring the diary's database to this version's schema (Alembic migrations). A SQLite
    diary is also upgraded when first used; a PostgreSQL database only by this command."""
    where, (before, after) = run(ctx, db, lambda coach: (_where(coach), coach.upgrade_database()))
    if as_json:
        print_json(_state_json(where, after) | {"before": before.current})
        return
    if before.current is None:
        said = translator()(SET_UP, where=where, revision=after.current)
    elif before.current == after.current:
        said = translator()(ALREADY, where=where, revision=after.current)
    else:
        said = translator()(UPGRADED, where=where, before=before.current, revision=after.current)
    screen().print(escape(said))


@db_app.command("current")
def current(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show the revision the diary's database is at, and whether it needs crampcoach db
    upgrade; changes nothing."""
    where, state = run(ctx, db, lambda coach: (_where(coach), coach.database_state()), reading=True)
    if as_json:
        print_json(_state_json(where, state))
        return
    t = translator()
    if state.current is None:
        said = t(NONE_YET, where=where, head=state.head)
    elif state.up_to_date:
        said = t(AT_HEAD, where=where, revision=state.current)
    else:
        said = t(BEHIND, where=where, revision=state.current, head=state.head)
    screen().print(escape(said))


def _state_json(where: str, state: SchemaState) -> dict[str, object]:
    return {
        "database": where,
        "current": state.current,
        "head": state.head,
        "up_to_date": state.up_to_date,
    }


def register(app: typer.Typer) -> None:
    """Add `db` and its commands to the app."""
    app.add_typer(db_app, name="db")
