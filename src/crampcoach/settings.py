"""Where crampcoach keeps the person's data; read from the environment, never at import."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Data folder and database URL; build with `Settings.from_env()`."""

    home: Path
    db_url: str

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Settings:
        """CRAMPCOACH_HOME overrides the data folder, CRAMPCOACH_DB (or `db_url`) the database."""
        home_env = os.environ.get("CRAMPCOACH_HOME")
        if home_env:
            home = Path(home_env)
        else:
            import platformdirs

            home = Path(platformdirs.user_data_dir("crampcoach", appauthor=False))
        url = db_url or os.environ.get("CRAMPCOACH_DB") or f"sqlite:///{home / 'diary.sqlite'}"
        return cls(home=home, db_url=url)
