"""Accounts on SQLite and (marked postgres) PostgreSQL: adding them (the first athlete's
diary taken over), emails whatever their case, logins (one answer, the same work, for an
unknown email), the lockout, tokens that expire and are revoked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from accounts_support import PASSWORD, multi_user_settings, open_accounts
from crampcoach.diary.database import DiaryDatabase
from crampcoach.diary.records import SessionCreate
from crampcoach.server.accounts import Accounts, token_hash
from crampcoach.server.errors import AccountError, LockedOutError, LoginFailedError
from databases import Databases

T0 = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(databases: Databases, tmp_path: Path, clock: Clock) -> Accounts:
    settings = multi_user_settings(
        tmp_path, databases.migrated(), login_max_failures=3, login_lockout=600
    )
    opened = open_accounts(settings, clock)
    yield opened
    opened.close()


def test_the_first_athlete_account_takes_over_the_single_user_diary(accounts: Accounts) -> None:
    database = accounts.database
    database.first_athlete().add_session(SessionCreate(start=T0, duration_s=3600))
    coach = accounts.add("coach@example.org", "coach", PASSWORD)
    first = accounts.add("Ann@Example.org", "athlete", PASSWORD)
    second = accounts.add("bob@example.org", "athlete", PASSWORD)
    assert coach.athlete_id is None and coach.role == "coach"
    assert (first.email, first.athlete_id) == ("ann@example.org", 1)
    assert second.athlete_id == 2
    assert len(database.for_athlete(1).list_sessions()) == 1  # the diary kept so far is Ann's
    assert database.for_athlete(2).list_sessions() == []
    assert [a.email for a in accounts.all()] == [
        "coach@example.org",
        "ann@example.org",
        "bob@example.org",
    ]


def test_an_athlete_account_on_an_empty_database_makes_the_first_athlete(
    accounts: Accounts,
) -> None:
    assert accounts.database.athletes() == []
    assert accounts.add("ann@example.org", "athlete", PASSWORD).athlete_id == 1
    assert accounts.add("bob@example.org", "athlete", PASSWORD).athlete_id == 2  # sequence moved
    assert [a.id for a in accounts.database.athletes()] == [1, 2]


def test_an_email_is_one_account_whatever_its_case(accounts: Accounts) -> None:
    accounts.add("ann@example.org", "athlete", PASSWORD)
    with pytest.raises(AccountError, match="exists already"):
        accounts.add(" ANN@Example.ORG ", "coach", PASSWORD)
    assert len(accounts.all()) == 1
    with pytest.raises(IntegrityError), accounts.database.engine.begin() as connection:
        connection.execute(  # the database holds to lower case itself
            text(
                "INSERT INTO users (email, role, disabled, password_hash, created)"
                " VALUES ('Bob@example.org', 'coach', :no, 'x', '2026-01-01')"
            ),
            {"no": False},
        )
    assert accounts.login("ANN@EXAMPLE.ORG", PASSWORD).email == "ann@example.org"


@pytest.mark.parametrize(
    ("email", "role", "password", "said"),
    [
        ("not-an-email", "athlete", PASSWORD, "not an email address"),
        ("a@b@c", "athlete", PASSWORD, "not an email address"),
        ("x" * 250 + "@example.org", "athlete", PASSWORD, "not an email address"),
        ("ann@example.org", "boss", PASSWORD, "not a role"),
        ("ann@example.org", "athlete", "short", "at least 8 characters"),
        ("ann@example.org", "athlete", "x" * 1001, "at most 1000 characters"),
    ],
)
def test_bad_account_input_is_refused_saying_why(
    accounts: Accounts, email: str, role: str, password: str, said: str
) -> None:
    with pytest.raises(AccountError, match=said):
        accounts.add(email, role, password)
    assert accounts.all() == []


def test_passwords_are_kept_as_argon2id_hashes_only(accounts: Accounts) -> None:
    accounts.add("ann@example.org", "athlete", PASSWORD)
    with accounts.database.engine.connect() as connection:
        [stored] = connection.execute(text("SELECT password_hash FROM users")).scalars()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_a_wrong_password_an_unknown_email_and_a_disabled_account_get_one_answer(
    accounts: Accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts.add("ann@example.org", "athlete", PASSWORD)
    accounts.add("bob@example.org", "athlete", PASSWORD)
    accounts.disable("bob@example.org")
    verified: list[str] = []
    real = accounts.passwords.verify
    monkeypatch.setattr(accounts.passwords, "verify", lambda h, p: verified.append(h) or real(h, p))
    said = []
    for email, password in [
        ("ann@example.org", "wrong password"),
        ("nobody@example.org", PASSWORD),
        ("bob@example.org", PASSWORD),
    ]:
        with pytest.raises(LoginFailedError) as failed:
            accounts.login(email, password)
        said.append(str(failed.value))
    assert len(set(said)) == 1 and said[0] == "The email or the password is wrong."
    # Each took one verify: the unknown email's against the dummy hash.
    assert len(verified) == 3
    assert verified[1] == accounts.passwords.dummy_hash


def test_too_many_failures_lock_the_account_out_for_a_while(
    accounts: Accounts, clock: Clock
) -> None:
    accounts.add("ann@example.org", "athlete", PASSWORD)
    for _ in range(3):
        with pytest.raises(LoginFailedError):
            accounts.login("ann@example.org", "wrong password")
        clock.advance(10)
    with pytest.raises(LockedOutError) as locked:  # even the right password, now
        accounts.login("ann@example.org", PASSWORD)
    assert locked.value.seconds == 600 - 30  # until the first of the three stops counting
    clock.advance(600 - 30 - 1)
    with pytest.raises(LockedOutError):
        accounts.login("Ann@example.org", PASSWORD)
    clock.advance(1)
    assert accounts.login("ann@example.org", PASSWORD).email == "ann@example.org"
    # A success clears the account's failures: three more are needed to lock it again.
    for _ in range(2):
        with pytest.raises(LoginFailedError):
            accounts.login("ann@example.org", "wrong password")
    assert accounts.login("ann@example.org", PASSWORD).email == "ann@example.org"


def test_an_unknown_email_is_locked_out_like_a_known_one(accounts: Accounts) -> None:
    for _ in range(3):
        with pytest.raises(LoginFailedError):
            accounts.login("nobody@example.org", "wrong password")
    with pytest.raises(LockedOutError):
        accounts.login("nobody@example.org", "wrong password")


def test_too_many_failures_from_one_address_lock_it_out(
    databases: Databases, tmp_path: Path, clock: Clock
) -> None:
    settings = multi_user_settings(
        tmp_path, databases.migrated(), login_max_failures=100, login_max_failures_per_address=4
    )
    accounts = open_accounts(settings, clock)
    try:
        accounts.add("ann@example.org", "athlete", PASSWORD)
        for number in range(4):  # a different account each time: only the address counts
            with pytest.raises(LoginFailedError):
                accounts.login(f"guess{number}@example.org", "wrong", "203.0.113.9")
        with pytest.raises(LockedOutError):
            accounts.login("ann@example.org", PASSWORD, "203.0.113.9")
        assert accounts.login("ann@example.org", PASSWORD, "198.51.100.1").id == 1
    finally:
        accounts.close()


def test_a_token_is_kept_hashed_and_ends_when_it_expires_or_is_revoked(
    accounts: Accounts, clock: Clock
) -> None:
    ann = accounts.add("ann@example.org", "athlete", PASSWORD)
    issued = accounts.issue(ann, "api")
    assert issued.expires_in == accounts.settings.token_ttl and len(issued.token) >= 43
    with accounts.database.engine.connect() as connection:
        [stored] = connection.execute(text("SELECT token_sha256 FROM credentials")).scalars()
    assert stored == token_hash(issued.token) != issued.token
    assert accounts.account_for("api", issued.token) == ann
    assert accounts.account_for("web", issued.token) is None  # a token is no web session
    clock.advance(accounts.settings.token_ttl - 1)
    assert accounts.account_for("api", issued.token) == ann
    clock.advance(1)
    assert accounts.account_for("api", issued.token) is None  # expired

    again = accounts.issue(ann, "api")
    accounts.revoke(again.token)
    assert accounts.account_for("api", again.token) is None
    assert accounts.account_for("api", "not a token") is None


def test_a_new_password_or_disabling_ends_every_token(accounts: Accounts) -> None:
    ann = accounts.add("ann@example.org", "athlete", PASSWORD)
    token, session = accounts.issue(ann, "api").token, accounts.issue(ann, "web").token
    accounts.set_password("ann@example.org", "another password")
    assert accounts.account_for("api", token) is None
    assert accounts.account_for("web", session) is None
    with pytest.raises(LoginFailedError):
        accounts.login("ann@example.org", PASSWORD)
    fresh = accounts.issue(accounts.login("ann@example.org", "another password"), "api")
    accounts.disable("ann@example.org")
    assert accounts.account_for("api", fresh.token) is None
    with pytest.raises(LoginFailedError):
        accounts.login("ann@example.org", "another password")
    with pytest.raises(AccountError, match="no account"):
        accounts.disable("nobody@example.org")


def test_a_hash_of_weaker_parameters_is_renewed_at_login(accounts: Accounts) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, salt_len=8)
    accounts.store.add_user("ann@example.org", "athlete", weak.hash(PASSWORD), T0)
    accounts.login("ann@example.org", PASSWORD)
    found = accounts.store.login("ann@example.org")
    assert found is not None and not accounts.passwords.needs_rehash(found.password_hash)
    assert accounts.login("ann@example.org", PASSWORD).email == "ann@example.org"


def test_deleting_an_athlete_deletes_the_account_and_its_credentials(accounts: Accounts) -> None:
    ann = accounts.add("ann@example.org", "athlete", PASSWORD)
    token = accounts.issue(ann, "api").token
    with accounts.database.engine.begin() as connection:
        connection.execute(text("DELETE FROM athletes WHERE id = 1"))
    assert accounts.all() == []
    assert accounts.account_for("api", token) is None
    assert isinstance(accounts.database, DiaryDatabase)
