"""`crampcoach sessions` and `crampcoach cramps`: the diary's records as tables or JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import typer

from crampcoach.cli.columns import Column, FittedTable
from crampcoach.cli.context import translator
from crampcoach.cli.diary.options import DbOption, JsonOption, run
from crampcoach.cli.diary.output import clock, local, print_json, screen
from crampcoach.i18n import N_, Translator

if TYPE_CHECKING:
    from datetime import datetime

    from crampcoach.diary.records import Cramp, Session


def sessions(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List sessions, oldest first."""
    rows = run(ctx, db, lambda coach: coach.sessions(), reading=True)
    if as_json:
        print_json([s.model_dump(mode="json") for s in rows])
        return
    t = translator()
    if not rows:
        screen().print(t(N_("No sessions yet: crampcoach log session, or crampcoach import.")))
        return
    screen().print(FittedTable(session_columns(rows, t), t))


def cramps(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List cramps, oldest first."""
    rows = run(ctx, db, lambda coach: coach.cramps(), reading=True)
    starts = (
        {s.id: s.start for s in run(ctx, db, lambda coach: coach.sessions(), reading=True)}
        if rows
        else {}
    )
    if as_json:
        print_json([c.model_dump(mode="json") for c in rows])
        return
    t = translator()
    if not rows:
        screen().print(t(N_("No cramps yet: crampcoach log cramp.")))
        return

    screen().print(FittedTable(cramp_columns(rows, starts, t), t))


def session_columns(rows: Sequence[Session], t: Translator) -> list[Column]:
    """The sessions' columns; the higher a column's `keep`, the longer a narrow screen
    keeps it (cli/columns.py)."""
    return [
        _figures(t(N_("id")), [str(s.id) for s in rows], keep=9),
        _words(t(N_("start")), [local(s.start) for s in rows], keep=8),
        _words(t(N_("sport")), [s.sport.replace("_", " ") for s in rows], keep=7),
        _figures(t(N_("time")), [clock(s.duration_s) for s in rows], keep=6),
        _figures(
            t(N_("km")), [_num(s.distance_m and s.distance_m / 1000, "{:.1f}") for s in rows], 5
        ),
        _figures(t(N_("avg HR")), [_num(s.avg_heart_rate) for s in rows], keep=2),
        _figures(t(N_("°C")), [_num(s.temperature_c, "{:.1f}") for s in rows], keep=4),
        _words(t(N_("effort")), [s.effort or "" for s in rows], keep=3),
    ]


def cramp_columns(
    rows: Sequence[Cramp], starts: Mapping[int, datetime], t: Translator
) -> list[Column]:
    """The cramps' columns (`starts`: each session's start, to place a cramp in it)."""

    def where(c: Cramp) -> str:
        if c.session_id is not None and c.session_id in starts:
            offset = (c.time - starts[c.session_id]).total_seconds()
            return t(N_("session {id} at {time}"), id=c.session_id, time=clock(offset))
        return t(N_("night")) if c.at_night else ""

    return [
        _figures(t(N_("id")), [str(c.id) for c in rows], keep=9),
        _words(t(N_("time")), [local(c.time) for c in rows], keep=8),
        _words(t(N_("muscle")), [c.muscle for c in rows], keep=7),
        _figures(t(N_("sev.")), [str(c.severity) for c in rows], keep=6),
        _figures(t(N_("lasted")), [clock(c.duration_s) for c in rows], keep=4),
        _words(t(N_("where")), [where(c) for c in rows], keep=5),
        _words(t(N_("relieved by")), [c.relieved_by or "" for c in rows], keep=3),
    ]


def _figures(header: str, cells: list[str], keep: int) -> Column:
    """Numbers, times and ids: one line each, to the right."""
    return Column(header, cells, keep=keep, justify="right")


def _words(header: str, cells: list[str], keep: int) -> Column:
    """Words, and a date with its time: wrapped between words on a narrow screen."""
    return Column(header, cells, keep=keep, whole=False)


def _num(value: float | None, fmt: str = "{:.0f}") -> str:
    return "" if value is None else fmt.format(value)
