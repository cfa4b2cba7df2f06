"""The accounts of a multi-user server, as the database keeps them: users, their credentials
(API tokens and web sessions, by their sha256 only) and failed logins.

`AccountStore` is storage only: what a password or a token must be, and when a login is
refused, is decided by `crampcoach.server.accounts`. Emails are kept in lower case (a CHECK
holds the database to it), so an address is unique whatever its case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from crampcoach.diary.database import DiaryDatabase
from crampcoach.diary.models import (
    FIRST_ATHLETE,
    AthleteRow,
    CoachLinkRow,
    CredentialRow,
    LoginFailureRow,
    UserRow,
    WaitingInvitationRow,
)

Role = Literal["athlete", "coach", "admin"]
CredentialKind = Literal["api", "web"]


class EmailTakenError(Exception):
    """An account with that email exists already."""


@dataclass(frozen=True)
class Account:
    """A user as the server sees it (no password hash)."""

    id: int
    email: str
    role: Role
    disabled: bool
    athlete_id: int | None
    created: datetime


@dataclass(frozen=True)
class Login:
    """What a login checks: the account and its password hash."""

    account: Account
    password_hash: str


def _account(row: UserRow) -> Account:
    role: Role = row.role  # type: ignore[assignment]  # the CHECK holds it to the three
    return Account(row.id, row.email, role, row.disabled, row.athlete_id, row.created)


class AccountStore:
    """The users, credentials and failed logins of one database."""

    def __init__(self, database: DiaryDatabase) -> None:
        self.database = database
        self._sessions: sessionmaker[Session] = sessionmaker(
            database.engine, expire_on_commit=False
        )

    # --- users -------------------------------------------------------------------------

    def add_user(
        self, email: str, role: Role, password_hash: str, now: datetime, name: str | None = None
    ) -> Account:
        """A new account (EmailTakenError when the email has one). An athlete's is linked to
        an athlete: the first athlete (the single-user diary, with whatever it holds) when no
        account owns it yet, else a new athlete with an empty diary."""
        try:
            with self._sessions.begin() as db:
                athlete_id = None
                if role == "athlete":
                    athlete_id = self._athlete_for_new_user(db, now, name)
                row = UserRow(
                    email=email,
                    role=role,
                    disabled=False,
                    password_hash=password_hash,
                    athlete_id=athlete_id,
                    created=now,
                )
                db.add(row)
                db.flush()
                if athlete_id is not None:
                    _invitations_found(db, email, athlete_id)
                return _account(row)
        except IntegrityError as exc:
            if self.login(email) is not None:
                raise EmailTakenError(email) from exc
            raise

    def _athlete_for_new_user(self, db: Session, now: datetime, name: str | None) -> int:
        owned = db.scalar(select(UserRow.id).where(UserRow.athlete_id == FIRST_ATHLETE))
        if owned is None:
            if db.get(AthleteRow, FIRST_ATHLETE) is None:
                db.add(AthleteRow(id=FIRST_ATHLETE, name=name, created=now))
                db.flush()
                if db.bind is not None and db.bind.dialect.name == "postgresql":
                    self.database.move_athlete_sequence(db)
            return FIRST_ATHLETE
        athlete = AthleteRow(name=name, created=now)
        db.add(athlete)
        db.flush()
        return athlete.id

    def login(self, email: str) -> Login | None:
        """The account with `email` (already in lower case) and its hash; None if none."""
        with self._sessions() as db:
            row = db.scalar(select(UserRow).where(UserRow.email == email))
            return Login(_account(row), row.password_hash) if row is not None else None

    def account(self, user_id: int) -> Account | None:
        with self._sessions() as db:
            row = db.get(UserRow, user_id)
            return _account(row) if row is not None else None

    def accounts(self) -> list[Account]:
        """Every account, in the order they were added."""
        with self._sessions() as db:
            return [_account(row) for row in db.scalars(select(UserRow).order_by(UserRow.id))]

    def set_disabled(self, user_id: int, disabled: bool) -> None:
        with self._sessions.begin() as db:
            db.execute(update(UserRow).where(UserRow.id == user_id).values(disabled=disabled))

    def delete_user(self, user_id: int, failure_keys: list[str]) -> None:
        """The account gone with everything that is its: an athlete's diary (the athlete,
        and by the foreign keys every row of theirs: sessions, cramps, profile, saved
        results, coach links, access log), its credentials, and the failed logins counted
        against `failure_keys`."""
        with self._sessions.begin() as db:
            row = db.get(UserRow, user_id)
            if row is None:
                return
            athlete_id = row.athlete_id
            db.execute(delete(UserRow).where(UserRow.id == user_id))
            if athlete_id is not None:
                db.execute(delete(AthleteRow).where(AthleteRow.id == athlete_id))
            db.execute(delete(LoginFailureRow).where(LoginFailureRow.key.in_(failure_keys)))

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        with self._sessions.begin() as db:
            db.execute(
                update(UserRow).where(UserRow.id == user_id).values(password_hash=password_hash)
            )

    # --- credentials -------------------------------------------------------------------

    def add_credential(
        self,
        user_id: int,
        kind: CredentialKind,
        token_sha256: str,
        now: datetime,
        expires: datetime,
    ) -> None:
        with self._sessions.begin() as db:
            db.add(
                CredentialRow(
                    user_id=user_id,
                    kind=kind,
                    token_sha256=token_sha256,
                    created=now,
                    expires=expires,
                )
            )

    def credential_account(
        self, kind: CredentialKind, token_sha256: str, now: datetime
    ) -> Account | None:
        """The account a credential of `kind` belongs to, while it is neither expired nor
        revoked and the account not disabled; None otherwise."""
        with self._sessions() as db:
            row = db.scalar(
                select(UserRow)
                .join(CredentialRow, CredentialRow.user_id == UserRow.id)
                .where(
                    CredentialRow.token_sha256 == token_sha256,
                    CredentialRow.kind == kind,
                    CredentialRow.revoked.is_(None),
                    CredentialRow.expires > now,
                    UserRow.disabled.is_(False),
                )
            )
            return _account(row) if row is not None else None

    def revoke_credential(self, token_sha256: str, now: datetime) -> None:
        with self._sessions.begin() as db:
            db.execute(
                update(CredentialRow)
                .where(CredentialRow.token_sha256 == token_sha256, CredentialRow.revoked.is_(None))
                .values(revoked=now)
            )

    def revoke_all(self, user_id: int, now: datetime) -> None:
        """Every credential of the account revoked (a new password, the account disabled)."""
        with self._sessions.begin() as db:
            db.execute(
                update(CredentialRow)
                .where(CredentialRow.user_id == user_id, CredentialRow.revoked.is_(None))
                .values(revoked=now)
            )

    def forget_credentials(self, before: datetime) -> None:
        """Drop the credentials that expired before `before` (they answer for no one)."""
        with self._sessions.begin() as db:
            db.execute(delete(CredentialRow).where(CredentialRow.expires < before))

    # --- failed logins -----------------------------------------------------------------

    def add_failures(self, keys: list[str], now: datetime, forget_before: datetime) -> None:
        """A failed login counted against each of `keys`; failures older than
        `forget_before` are dropped (they no longer count)."""
        with self._sessions.begin() as db:
            db.execute(delete(LoginFailureRow).where(LoginFailureRow.time < forget_before))
            db.add_all(LoginFailureRow(key=key, time=now) for key in keys)

    def failures_since(self, key: str, since: datetime, limit: int) -> list[datetime]:
        """The times of `key`'s failed logins after `since`, newest first (at most `limit`)."""
        with self._sessions() as db:
            return list(
                db.scalars(
                    select(LoginFailureRow.time)
                    .where(LoginFailureRow.key == key, LoginFailureRow.time > since)
                    .order_by(LoginFailureRow.time.desc())
                    .limit(limit)
                )
            )

    def clear_failures(self, key: str) -> None:
        with self._sessions.begin() as db:
            db.execute(delete(LoginFailureRow).where(LoginFailureRow.key == key))


def _invitations_found(db: Session, email: str, athlete_id: int) -> None:
    """The coaches' invitations waiting for `email` become pending invitations of its athlete."""
    waiting = db.scalars(select(WaitingInvitationRow).where(WaitingInvitationRow.email == email))
    for row in waiting:
        db.add(
            CoachLinkRow(
                coach_id=row.coach_id, athlete_id=athlete_id, status="pending", invited=row.invited
            )
        )
        db.delete(row)
