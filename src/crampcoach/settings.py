"""Where crampcoach keeps the person's data and how it answers: read when built, never at import.

`Settings()` reads the environment (CRAMPCOACH_HOME, CRAMPCOACH_DB, CRAMPCOACH_SEMANTIC,
CRAMPCOACH_LANG); keyword arguments win over it. An empty variable counts as unset.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, field_validator, model_validator
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

    @field_validator("semantic", mode="before")
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
