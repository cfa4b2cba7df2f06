"""Diary commands: log sessions and cramps, import watch files, list, find patterns, export.

One module a concern: `log` (sessions and cramps by hand), `imports` (watch files),
`lists` (sessions and cramps as tables), `patterns` (the person's cramp patterns and
their figure), `backup` (export and restore); `options` and `output` are what they share.
"""

from __future__ import annotations

import typer

from crampcoach.cli.diary import backup, imports, lists, log, patterns


def register(app: typer.Typer) -> None:
    """Add the diary commands to `app`."""
    app.add_typer(log.log_app, name="log")
    app.command("import")(imports.import_files)
    app.command("sessions")(lists.sessions)
    app.command("cramps")(lists.cramps)
    app.command("patterns")(patterns.patterns)
    app.command("export")(backup.export)
    app.command("restore")(backup.restore)
