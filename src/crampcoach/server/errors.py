"""Why a request may not have a diary, or an account command cannot be done.

The faces answer each in their own way: the API with problem details (401, 403, 429), the
pages with a redirect to the login page or an error page, the CLI with exit code 2.
"""

from __future__ import annotations

from crampcoach.errors import CrampcoachError, InputError
from crampcoach.i18n import N_, NP_

LOGIN_FAILED = N_("The email or the password is wrong.")
LOGIN_REQUIRED = N_("Log in first: this needs your account (an API token, or the web login).")
NO_DIARY_ACCESS = N_(
    "This account has no diary: only an athlete's account reads and changes one. A coach's "
    "access to athletes' diaries, with their consent, is not there yet."
)
LOCKED_OUT = NP_(
    "Too many failed logins: try again in {seconds} second. The lockout counts failed "
    "logins for each account and each address.",
    "Too many failed logins: try again in {seconds} seconds. The lockout counts failed "
    "logins for each account and each address.",
    by="seconds",
)


class AccountError(InputError):
    """An account command that cannot be done: an email taken or unknown, a weak password."""


class LoginFailedError(CrampcoachError):
    """An unknown email, a wrong password or a disabled account: one answer for all."""

    def __init__(self) -> None:
        super().__init__(LOGIN_FAILED)


class LockedOutError(CrampcoachError):
    """Too many failed logins of this account or from this address, for a while."""

    def __init__(self, seconds: int) -> None:
        super().__init__(LOCKED_OUT, seconds=seconds)
        self.seconds = seconds


class LoginRequiredError(CrampcoachError):
    """A diary asked for without a valid login (multi-user mode)."""

    def __init__(self) -> None:
        super().__init__(LOGIN_REQUIRED)


class NoDiaryAccessError(CrampcoachError):
    """A logged-in account that has no diary (a coach's or an admin's, for now)."""

    def __init__(self) -> None:
        super().__init__(NO_DIARY_ACCESS)
