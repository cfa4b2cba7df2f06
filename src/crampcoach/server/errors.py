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
    "This account has no diary: only an athlete's account reads and changes one. A coach "
    "reads, and never changes, the diaries of the athletes who consented: on the team page, "
    "or under /api/v1/team."
)
ONLY_ATHLETES = N_("Only an athlete's account does this.")
ONLY_COACHES = N_("Only a coach's account does this.")
ONLY_ADMINS = N_("Only an admin's account does this.")
NO_CONSENT = N_(
    "This athlete has not given your account consent to read their diary, or has revoked it."
)
READ_ONLY = N_("A coach reads an athlete's diary and never changes it.")
NO_INVITATION = N_(
    "You have no invitation {invitation} that this applies to: accept and decline answer a "
    "pending invitation, revoke ends a pending or active one."
)
WRONG_PASSWORD = N_("The password is wrong: nothing was deleted.")
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


class WrongRoleError(CrampcoachError):
    """A logged-in account whose role does not do this (a coach's route asked by an
    athlete, an athlete's by a coach or an admin)."""


class NoConsentError(CrampcoachError):
    """A coach asking for an athlete's data without the athlete's active consent (also for
    an athlete that does not exist: the same answer)."""

    def __init__(self) -> None:
        super().__init__(NO_CONSENT)


class ReadOnlyError(CrampcoachError):
    """A write to an athlete's diary through a coach's reading of it (a bug if reached)."""

    def __init__(self) -> None:
        super().__init__(READ_ONLY)


class NoInvitationError(CrampcoachError):
    """An answer to an invitation the athlete does not have, or not in that state."""

    def __init__(self, invitation: int) -> None:
        super().__init__(NO_INVITATION, invitation=invitation)


class WrongPasswordError(CrampcoachError):
    """A deletion confirmed with a password that is not the account's."""

    def __init__(self) -> None:
        super().__init__(WRONG_PASSWORD)
