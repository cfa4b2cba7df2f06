"""A CliRunner that hands the app the package's knowledge, loaded once for all the CLI tests.

The app builds its Coach from the environment's settings around it (cli/context.py), as
a long-running program that invokes the app many times would.
"""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner, Result

from crampcoach.package_knowledge import PackageKnowledge

KNOWLEDGE = PackageKnowledge()


class CoachRunner(CliRunner):
    def invoke(self, *args: Any, **kwargs: Any) -> Result:  # type: ignore[override]
        kwargs.setdefault("obj", KNOWLEDGE)
        return super().invoke(*args, **kwargs)
