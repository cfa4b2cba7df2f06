"""The top-level command: `--version` prints the installed package's version."""

from __future__ import annotations

from importlib.metadata import version

from coach_runner import CoachRunner

import crampcoach
from crampcoach.cli.app import app


def test_version_prints_the_package_version_and_exits() -> None:
    result = CoachRunner().invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"crampcoach {version('crampcoach')}\n"


def test_the_python_api_reports_the_same_version() -> None:
    assert crampcoach.__version__ == version("crampcoach")
