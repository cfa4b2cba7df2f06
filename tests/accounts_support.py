"""What the account tests share: a cheap argon2id hasher (the real parameters cost 0.2 s a
hash), the accounts of a database, and a multi-user app around a Coach on it with those
accounts in its gate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from argon2 import PasswordHasher
from fastapi import FastAPI

from crampcoach.api.auth import Gate
from crampcoach.coach import Coach
from crampcoach.diary.database import DiaryDatabase
from crampcoach.package_knowledge import PackageKnowledge
from crampcoach.server.accounts import Accounts
from crampcoach.server.passwords import Passwords
from crampcoach.settings import Settings

PASSWORD = "correct horse battery"


def cheap_passwords() -> Passwords:
    """argon2id still, with the least work (the tests' logins stay fast)."""
    return Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def multi_user_settings(folder: Path, db_url: str, **more: object) -> Settings:
    return Settings(home=folder, db_url=db_url, lang="en", multi_user=True, **more)  # type: ignore[arg-type]


def open_accounts(settings: Settings, clock: Callable[[], datetime] | None = None) -> Accounts:
    """The accounts of the settings' database (a SQLite file made; PostgreSQL migrated)."""
    return Accounts(
        DiaryDatabase.open(settings.db_url), settings, passwords=cheap_passwords(), clock=clock
    )


def with_accounts(app: FastAPI, accounts: Accounts) -> FastAPI:
    """`app` whose gate uses `accounts` (the cheap hasher, the test's clock)."""
    app.state.gate = Gate(accounts.settings, accounts)
    return app


def coach_on(settings: Settings, knowledge: PackageKnowledge) -> Coach:
    """A Coach on the settings' database, with the knowledge the test module loaded."""
    return Coach(settings, knowledge)
