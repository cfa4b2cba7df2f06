"""`crampcoach users ...`: the accounts of the multi-user server (`serve --multi-user`),
kept in the diary's database: add, list, disable, set a password.

A password is read from standard input with `--password-stdin` (a script's way: `printf
'%s' "$PW" | crampcoach users add ...`), else asked for at the terminal without echo; it is
never printed and never logged.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from crampcoach.cli.context import coach_of, translator
from crampcoach.cli.diary.options import DbOption, JsonOption
from crampcoach.cli.diary.output import print_json, screen
from crampcoach.cli.errors import fail
from crampcoach.errors import CrampcoachError
from crampcoach.i18n import N_

if TYPE_CHECKING:
    from collections.abc import Iterator

    from crampcoach.diary.accounts import Account
    from crampcoach.server.accounts import Accounts

users_app = typer.Typer(
    help="The accounts of the multi-user server (crampcoach serve --multi-user).",
    no_args_is_help=True,
)

ROLE_WORDS = {"athlete": N_("athlete"), "coach": N_("coach"), "admin": N_("admin")}
ADDED = N_("Added the {role} account {email}.")
ADDED_FIRST = N_(
    "Added the athlete account {email}: its diary is the first athlete's, the one the "
    "single-user diary has kept, with every record in it."
)
ADDED_ATHLETE = N_("Added the athlete account {email}, with a new diary (athlete {athlete}).")
DISABLED = N_("Disabled {email}: it can no longer log in, and its tokens and sessions ended.")
PASSWORD_SET = N_("New password for {email}: its tokens and sessions ended.")
NO_PASSWORD = N_("--password-stdin: no password on standard input")
ASK_PASSWORD = N_("Password")
NO_ACCOUNTS = N_("No accounts yet: crampcoach users add EMAIL --role athlete adds one.")
HEADERS = (N_("Email"), N_("Role"), N_("Diary"), N_("Disabled"), N_("Added"))
YES = N_("yes")

EmailArgument = Annotated[str, typer.Argument(help="The account's email.", show_default=False)]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from standard input (its first line); else it is asked for "
        "at the terminal, without echo.",
    ),
]


def read_password(from_stdin: bool) -> str:
    """The password: the first line of stdin, or typed at the terminal twice (hidden)."""
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            fail(NO_PASSWORD)
        return line
    t = translator()
    typed: str = typer.prompt(t(ASK_PASSWORD), hide_input=True, confirmation_prompt=True)
    return typed


@contextmanager
def accounts_of(ctx: typer.Context, db: str | None) -> Iterator[Accounts]:
    """The accounts of the diary's database; a known error is a clean exit 2."""
    from crampcoach.server.accounts import Accounts

    try:
        settings = coach_of(ctx, db).settings
        accounts = Accounts.open(settings, create_folder=not settings.db_given)
    except CrampcoachError as exc:
        fail(exc)
    try:
        yield accounts
    except CrampcoachError as exc:
        fail(exc)
    finally:
        accounts.close()


def account_json(account: Account) -> dict[str, object]:
    return {
        "id": account.id,
        "email": account.email,
        "role": account.role,
        "athlete_id": account.athlete_id,
        "disabled": account.disabled,
        "created": account.created.isoformat().replace("+00:00", "Z"),
    }


@users_app.command("add")
def add(
    ctx: typer.Context,
    email: EmailArgument,
    role: Annotated[
        str, typer.Option("--role", metavar="athlete|coach|admin", help="The account's role.")
    ],
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add an account. An athlete's gets a diary: the first athlete's (the single-user
    diary, with what it holds) while no account owns it, else a new empty one. A coach or an
    admin reads no diary yet."""
    password = read_password(password_stdin)
    with accounts_of(ctx, db) as accounts:
        account = accounts.add(email, role, password)
    if as_json:
        print_json(account_json(account))
        return
    t = translator()
    if account.athlete_id == 1:
        said = t(ADDED_FIRST, email=account.email)
    elif account.athlete_id is not None:
        said = t(ADDED_ATHLETE, email=account.email, athlete=account.athlete_id)
    else:
        said = t(ADDED, role=t(ROLE_WORDS[account.role]), email=account.email)
    screen().print(escape(said))


@users_app.command("list")
def list_users(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the accounts: email, role, diary, whether disabled."""
    from rich.table import Table

    with accounts_of(ctx, db) as accounts:
        found = accounts.all()
    if as_json:
        print_json([account_json(account) for account in found])
        return
    t = translator()
    if not found:
        screen().print(escape(t(NO_ACCOUNTS)))
        return
    table = Table(*(t(header) for header in HEADERS), box=None, pad_edge=False)
    for account in found:
        table.add_row(
            escape(account.email),
            t(ROLE_WORDS[account.role]),
            str(account.athlete_id) if account.athlete_id is not None else "-",
            t(YES) if account.disabled else "",
            account.created.astimezone().strftime("%Y-%m-%d"),
        )
    screen().print(table)


@users_app.command("disable")
def disable(ctx: typer.Context, email: EmailArgument, db: DbOption = None) -> None:
    """Disable an account: it can no longer log in; its tokens and sessions end now."""
    with accounts_of(ctx, db) as accounts:
        account = accounts.disable(email)
    screen().print(escape(translator()(DISABLED, email=account.email)))


@users_app.command("set-password")
def set_password(
    ctx: typer.Context,
    email: EmailArgument,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Give an account a new password; its tokens and sessions end (log in again)."""
    password = read_password(password_stdin)
    with accounts_of(ctx, db) as accounts:
        account = accounts.set_password(email, password)
    screen().print(escape(translator()(PASSWORD_SET, email=account.email)))


def register(app: typer.Typer) -> None:
    """Add `users` and its commands to the app."""
    app.add_typer(users_app, name="users")
