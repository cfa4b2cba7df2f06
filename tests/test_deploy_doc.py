"""docs/deploy.md names every setting (each CRAMPCOACH_ variable of `Settings`), and only
those: a setting added without a line there fails here."""

from __future__ import annotations

import re
from pathlib import Path

from crampcoach.settings import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "docs" / "deploy.md"
README = DEPLOY.parents[1] / "README.md"


def variables() -> set[str]:
    """The environment variable of each setting."""
    names = set()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names.add(alias.upper() if isinstance(alias, str) else f"CRAMPCOACH_{name.upper()}")
    return names


def test_the_settings_table_names_every_variable() -> None:
    table = [line for line in DEPLOY.read_text(encoding="utf-8").splitlines() if line[:3] == "| `"]
    documented = {re.match(r"\| `(CRAMPCOACH_\w+)`", line)[1] for line in table}  # type: ignore[index]
    assert documented == variables()
    assert "CRAMPCOACH_DB" in documented and "CRAMPCOACH_SECRET_KEY" in documented


def test_the_readme_links_the_deployment() -> None:
    assert "(docs/deploy.md)" in README.read_text(encoding="utf-8")
