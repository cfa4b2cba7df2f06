"""Where crampcoach keeps the person's data and how it answers: read when built, never at import.

`Settings()` reads the environment (CRAMPCOACH_HOME, CRAMPCOACH_DB, CRAMPCOACH_SEMANTIC,
CRAMPCOACH_LANG, and the multi-user server's: CRAMPCOACH_MULTI_USER, CRAMPCOACH_SECURE_COOKIES,
CRAMPCOACH_TOKEN_TTL, CRAMPCOACH_SESSION_TTL, CRAMPCOACH_LOGIN_MAX_FAILURES,
CRAMPCOACH_LOGIN_MAX_FAILURES_PER_ADDRESS, CRAMPCOACH_LOGIN_LOCKOUT, CRAMPCOACH_SECRET_KEY,
CRAMPCOACH_DB_POOL_SIZE, CRAMPCOACH_DB_MAX_OVERFLOW, CRAMPCOACH_DB_POOL_TIMEOUT); keyword
arguments win over it. An empty variable counts as unset. docs/deploy.md lists them all (a
test keeps the list whole).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})  # anything else turns a switch off


def _user_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("crampcoach", appauthor=False))


class Settings(BaseSettings):
    """The data folder, the diary's database URL and whether `ask` also matches by meaning."""

    model_config = SettingsConfigDict(
        env_prefix="CRAMPCOACH_", env_ignore_empty=True, frozen=True, populate_by_name=True
    )

    home: Path = Field(default_factory=_user_data_dir, description="The data folder.")
    db_url: str = Field(
        "",
        validation_alias="crampcoach_db",
        description="SQLAlchemy URL of the diary; default a SQLite file in `home`.",
    )
    semantic: bool = Field(False, description="`ask` also matches by meaning (extra 'semantic').")
    lang: str | None = Field(
        None, description="The language to answer in; default the system's (crampcoach.i18n)."
    )
    multi_user: bool = Field(
        False,
        description="The server has accounts: every diary endpoint and page needs a login.",
    )
    secure_cookies: bool = Field(
        False,
        description="Web session cookies are Secure even when the server sees plain http "
        "(behind a proxy that ends TLS); over https they always are.",
    )
    token_ttl: int = Field(
        24 * 3600, ge=60, le=366 * 24 * 3600, description="An API token's life, in seconds."
    )
    session_ttl: int = Field(
        14 * 24 * 3600, ge=60, le=366 * 24 * 3600, description="A web session's life, in seconds."
    )
    login_max_failures: int = Field(
        5, ge=1, le=1000, description="Failed logins of one account that lock it out."
    )
    login_max_failures_per_address: int = Field(
        50, ge=1, le=100_000, description="Failed logins from one client address that lock it out."
    )
    login_lockout: int = Field(
        15 * 60,
        ge=1,
        le=7 * 24 * 3600,
        description="Seconds a failed login counts for: the lockout lasts until fewer than "
        "the maximum remain.",
    )

    secret_key: SecretStr | None = Field(
        None,
        min_length=32,
        description="The key the pages' form tokens are signed with (32 characters or more), "
        "the same in every worker; unset: one made at random and kept in the database (a "
        "server whose state is shared) or in the process.",
    )
    db_pool_size: int = Field(
        5,
        ge=1,
        le=1000,
        description="Connections each server process keeps open to a PostgreSQL database.",
    )
    db_max_overflow: int = Field(
        10,
        ge=0,
        le=1000,
        description="Connections a process may open beyond the pool size when busy.",
    )
    db_pool_timeout: float = Field(
        30,
        gt=0,
        le=3600,
        description="Seconds a request waits for a free connection before it fails.",
    )

    @field_validator("semantic", "multi_user", "secure_cookies", mode="before")
    @classmethod
    def _switch(cls, value: Any) -> Any:
        return value.strip().lower() in TRUE_WORDS if isinstance(value, str) else value

    @model_validator(mode="before")
    @classmethod
    def _no_empty_db(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("db_url") is None:
            data = {k: v for k, v in data.items() if k != "db_url"}
        return data

    @model_validator(mode="after")
    def _default_db(self) -> Settings:
        if not self.db_url and "db_url" not in self.model_fields_set:
            object.__setattr__(self, "db_url", f"sqlite:///{self.home / 'diary.sqlite'}")
        return self

    @property
    def db_given(self) -> bool:
        """Whether the diary's URL was given (--db, CRAMPCOACH_DB), not the default file."""
        return "db_url" in self.model_fields_set

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Settings:
        """The environment's settings; `db_url` (a --db option) overrides CRAMPCOACH_DB."""
        return cls(db_url=db_url) if db_url else cls()
