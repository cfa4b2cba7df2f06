"""Passwords hashed with argon2id (argon2-cffi's `PasswordHasher`, its default parameters:
RFC 9106's second recommended choice), and what a new password must be."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from crampcoach.i18n import NP_
from crampcoach.server.errors import AccountError

MIN_LENGTH = 8
MAX_LENGTH = 1000  # argon2 takes any length; a bound keeps one request's cost bounded
TOO_SHORT = NP_(
    "the password must have at least {count} character",
    "the password must have at least {count} characters",
)
TOO_LONG = NP_(
    "the password must have at most {count} character",
    "the password must have at most {count} characters",
)


def check_new_password(password: str) -> None:
    """AccountError unless `password` is fit to keep (its length, at both ends)."""
    if len(password) < MIN_LENGTH:
        raise AccountError(TOO_SHORT, count=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise AccountError(TOO_LONG, count=MAX_LENGTH)


class Passwords:
    """Hashes and checks passwords; also holds the hash of no one's password, checked for
    an unknown account so that it costs what a known one does."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self.hasher = hasher or PasswordHasher()
        self._dummy: str | None = None

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        """True when `password` is the one `password_hash` was made of."""
        try:
            return bool(self.hasher.verify(password_hash, password))
        except (VerificationError, InvalidHashError):
            return False

    @property
    def dummy_hash(self) -> str:
        """A hash of a random password no one knows, made once."""
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy

    def verify_dummy(self, password: str) -> bool:
        """The work of a verify for an account that does not exist (always False)."""
        self.verify(self.dummy_hash, password)
        return False

    def needs_rehash(self, password_hash: str) -> bool:
        try:
            return self.hasher.check_needs_rehash(password_hash)
        except InvalidHashError:
            return True
