"""The accounts of the multi-user server: who may log in, and what a login gives.

`Accounts` adds, lists, disables and re-passwords users (`crampcoach users ...`), checks a
login (argon2id; an unknown email is checked against a dummy hash, so it takes the time and
gets the answer of a wrong password; a lockout after too many failures per account and per
client address, counted in the database so that every worker sees them) and issues the
credentials a login gives: an API token or a web session, each a random string of which the
database keeps only the sha256, expiring, revocable.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from crampcoach.diary.accounts import (
    Account,
    AccountStore,
    CredentialKind,
    EmailTakenError,
    Role,
)
from crampcoach.i18n import N_
from crampcoach.server.errors import AccountError, LockedOutError, LoginFailedError
from crampcoach.server.passwords import MAX_LENGTH, Passwords, check_new_password

if TYPE_CHECKING:
    from crampcoach.diary.database import DiaryDatabase
    from crampcoach.settings import Settings

ROLES: tuple[Role, ...] = ("athlete", "coach", "admin")
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}")
EMAIL_MAX = 254
NOT_AN_EMAIL = N_("{email!r} is not an email address (name@example.org)")
TAKEN = N_("an account with the email {email} exists already")
NO_ACCOUNT = N_("no account with the email {email}")
NOT_A_ROLE = N_("{role!r} is not a role: athlete, coach or admin")
TOKEN_BYTES = 32  # secrets.token_urlsafe: 43 characters, 256 bits


def token_hash(token: str) -> str:
    """The sha256 of a credential, as the database keeps it."""
    return hashlib.sha256(token.encode()).hexdigest()


def email_key(email: str) -> str:
    """An email as accounts are kept and looked up: stripped, in lower case."""
    return email.strip().lower()


def valid_email(email: str) -> str:
    """The email as accounts keep it; AccountError when it is not an email address."""
    key = email_key(email)
    if len(key) > EMAIL_MAX or EMAIL.fullmatch(key) is None:
        raise AccountError(NOT_AN_EMAIL, email=email[:EMAIL_MAX])
    return key


def failure_key(email: str) -> str:
    """The key an account's failed logins are counted under (an address's: `address:...`)."""
    return f"account:{email}"


@dataclass(frozen=True)
class Issued:
    """A credential just made: the secret the client keeps (never stored), and its life."""

    token: str
    expires_in: int
    account: Account


class Accounts:
    """The users of one database, and their logins and credentials."""

    def __init__(
        self,
        database: DiaryDatabase,
        settings: Settings,
        *,
        passwords: Passwords | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.database = database
        self.store = AccountStore(database)
        self.settings = settings
        self.passwords = passwords or Passwords()
        self.clock = clock or (lambda: datetime.now(UTC))

    @classmethod
    def open(cls, settings: Settings, *, create_folder: bool = True) -> Accounts:
        """The accounts of the database `settings` name, opened as the diary is (a SQLite
        file upgraded; PostgreSQL refused unless `crampcoach db upgrade` ran)."""
        from crampcoach.diary.database import DiaryDatabase

        return cls(DiaryDatabase.open(settings.db_url, create_folder=create_folder), settings)

    def close(self) -> None:
        self.database.close()

    # --- the accounts ------------------------------------------------------------------

    def add(self, email: str, role: str, password: str) -> Account:
        """A new account; AccountError for an email that is not one or is taken, an
        unknown role, a password too short or too long. An athlete's account gets a diary:
        the first athlete's (the single-user diary) while no account owns it, else a new one."""
        key = self._valid_email(email)
        if role not in ROLES:
            raise AccountError(NOT_A_ROLE, role=role[:40])
        check_new_password(password)
        try:
            return self.store.add_user(key, role, self.passwords.hash(password), self.clock())  # type: ignore[arg-type]
        except EmailTakenError as exc:
            raise AccountError(TAKEN, email=key) from exc

    def all(self) -> list[Account]:
        """Every account, in the order they were added."""
        return self.store.accounts()

    def disable(self, email: str) -> Account:
        """The account can no longer log in; its tokens and sessions end now."""
        account = self._known(email)
        self.store.set_disabled(account.id, True)
        self.store.revoke_all(account.id, self.clock())
        return self.store.account(account.id) or account

    def set_password(self, email: str, password: str) -> Account:
        """A new password; every token and session of the account ends (log in again)."""
        account = self._known(email)
        check_new_password(password)
        self.store.set_password_hash(account.id, self.passwords.hash(password))
        self.store.revoke_all(account.id, self.clock())
        return account

    def _known(self, email: str) -> Account:
        found = self.store.login(email_key(email)[:EMAIL_MAX])
        if found is None:
            raise AccountError(NO_ACCOUNT, email=email_key(email)[:EMAIL_MAX])
        return found.account

    @staticmethod
    def _valid_email(email: str) -> str:
        return valid_email(email)

    # --- logging in --------------------------------------------------------------------

    def login(self, email: str, password: str, address: str | None = None) -> Account:
        """The account whose email and password these are.

        LoginFailedError, the same whatever is wrong (no such account, a wrong password, a
        disabled account; an unknown email costs a verify against a dummy hash, so it takes
        as long); LockedOutError while the account or the address has too many failures.
        """
        key = email_key(email)[:EMAIL_MAX]
        now = self.clock()
        keys = [failure_key(key)] + ([f"address:{address[:200]}"] if address else [])
        self._not_locked_out(keys, now)
        password = password[: MAX_LENGTH + 1]
        found = self.store.login(key)
        if found is None:
            accepted = self.passwords.verify_dummy(password)
        else:
            accepted = self.passwords.verify(found.password_hash, password)
            accepted = accepted and not found.account.disabled
        if not accepted or found is None:
            forget = now - timedelta(seconds=self.settings.login_lockout)
            self.store.add_failures(keys, now, forget)
            raise LoginFailedError()
        self.store.clear_failures(keys[0])
        if self.passwords.needs_rehash(found.password_hash):
            self.store.set_password_hash(found.account.id, self.passwords.hash(password))
        return found.account

    def _not_locked_out(self, keys: list[str], now: datetime) -> None:
        settings = self.settings
        since = now - timedelta(seconds=settings.login_lockout)
        limits = [settings.login_max_failures, settings.login_max_failures_per_address]
        for key, limit in zip(keys, limits, strict=False):
            failures = self.store.failures_since(key, since, limit)
            if len(failures) >= limit:
                # Locked until the oldest of the last `limit` failures stops counting.
                until = failures[-1] + timedelta(seconds=settings.login_lockout)
                raise LockedOutError(max(1, int((until - now).total_seconds() + 0.999)))

    # --- credentials -------------------------------------------------------------------

    def issue(self, account: Account, kind: CredentialKind) -> Issued:
        """A new API token or web session for `account`; only its hash is kept."""
        ttl = self.settings.token_ttl if kind == "api" else self.settings.session_ttl
        now = self.clock()
        token = secrets.token_urlsafe(TOKEN_BYTES)
        self.store.forget_credentials(now - timedelta(days=1))
        self.store.add_credential(
            account.id, kind, token_hash(token), now, now + timedelta(seconds=ttl)
        )
        return Issued(token, ttl, account)

    def account_for(self, kind: CredentialKind, token: str | None) -> Account | None:
        """The account of a live credential of `kind` (None: none, expired, revoked, or
        its account disabled)."""
        if not token or len(token) > 200:
            return None
        return self.store.credential_account(kind, token_hash(token), self.clock())

    def revoke(self, token: str) -> None:
        """The credential ends now (logout)."""
        self.store.revoke_credential(token_hash(token), self.clock())
