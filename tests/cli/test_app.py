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


# What the process holds when a command has run, left frozen for its shutdown.
_FROZEN_AT_THE_END = """
import gc, sys
sys.argv = ["crampcoach", "--version"]
from crampcoach.cli.app import main
try:
    main()
except SystemExit:
    pass
print(gc.get_freeze_count(), file=sys.stderr)
"""


def test_the_command_leaves_what_it_loaded_out_of_the_shutdown_collections() -> None:
    import subprocess
    import sys

    frozen = subprocess.run(
        [sys.executable, "-c", _FROZEN_AT_THE_END], capture_output=True, text=True, check=True
    ).stderr
    assert int(frozen) > 0


def _command_paths() -> list[list[str]]:
    """Every command and group of the app, as the words that name it."""
    from typer.main import get_command

    paths: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        paths.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return paths


def test_no_help_shows_a_flag_as_taking_a_value() -> None:
    """Typer writes `--json <bool>`, as if the flag took a value; a flag takes none."""
    paths = _command_paths()
    assert ["log", "session"] in paths and ["kb", "evidence"] in paths and len(paths) > 15
    for path in paths:
        result = CoachRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "100"})
        assert result.exit_code == 0, (path, result.output)
        assert "--help" in result.stdout
        assert "<bool>" not in result.stdout, path
    cramp = CoachRunner().invoke(app, ["log", "cramp", "--help"], env={"COLUMNS": "100"})
    assert "<int>" in cramp.stdout  # an option that takes a value still says what kind


def test_a_flag_given_a_value_is_refused_by_name() -> None:
    result = CoachRunner().invoke(app, ["relief", "calf", "--json=yes"])
    assert result.exit_code == 2
    assert "--json" in result.output and "does not take a value" in result.output


def test_a_help_text_keeps_no_line_break_of_its_docstring() -> None:
    """Typer's help keeps a docstring's line breaks: a paragraph is one line of source."""
    listed = CoachRunner().invoke(app, ["--help"], env={"COLUMNS": "200"}).stdout
    assert "Ctrl-C stops it." in next(line for line in listed.splitlines() if "serve" in line)
    session = CoachRunner().invoke(app, ["log", "session", "--help"], env={"COLUMNS": "200"})
    assert "you are asked first (or --yes)" in session.stdout
