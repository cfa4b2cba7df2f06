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


# What `crampcoach --help` may load: the command modules import the engine, the knowledge,
# the diary and the API (FastAPI, uvicorn) inside their commands, so listing the commands
# loads none of them.
_LOADED_BY_HELP = """
import sys
from typer.main import get_command
from crampcoach.cli.app import app
get_command(app)
heavy = ("crampcoach.core", "crampcoach.knowledge", "crampcoach.diary", "crampcoach.coach",
         "crampcoach.contract", "crampcoach.views", "crampcoach.api", "pydantic", "yaml",
         "sqlalchemy", "numpy", "fastapi", "starlette", "uvicorn")
print(" ".join(sorted(m for m in sys.modules if m.startswith(heavy))))
"""


def test_listing_the_commands_loads_no_engine_knowledge_or_diary() -> None:
    import subprocess
    import sys

    loaded = subprocess.run(
        [sys.executable, "-c", _LOADED_BY_HELP], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == []
