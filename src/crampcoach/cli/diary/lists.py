"""`crampcoach sessions` and `crampcoach cramps`: the diary's records as tables or JSON."""

from __future__ import annotations

import typer
from rich.table import Table

from crampcoach.cli.context import translator
from crampcoach.cli.diary.options import DbOption, JsonOption, run
from crampcoach.cli.diary.output import clock, local, out, print_json
from crampcoach.i18n import N_


def sessions(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List sessions, oldest first."""
    rows = run(ctx, db, lambda coach: coach.sessions(), reading=True)
    if as_json:
        print_json([s.model_dump(mode="json") for s in rows])
        return
    t = translator()
    table = Table(t(N_("id")))
    table.add_column(t(N_("start")), no_wrap=True)
    for name in (N_("sport"), N_("time"), N_("km"), N_("avg HR"), N_("°C"), N_("effort")):
        table.add_column(t(name))
    for s in rows:
        table.add_row(
            str(s.id),
            local(s.start),
            s.sport,
            clock(s.duration_s),
            _num(s.distance_m and s.distance_m / 1000, "{:.1f}"),
            _num(s.avg_heart_rate),
            _num(s.temperature_c, "{:.1f}"),
            s.effort or "",
        )
    out.print(
        table if rows else t(N_("No sessions yet: crampcoach log session, or crampcoach import."))
    )


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
    table = Table(t(N_("id")))
    table.add_column(t(N_("time")), no_wrap=True)
    for name in (N_("muscle"), N_("sev."), N_("lasted")):
        table.add_column(t(name))
    table.add_column(t(N_("where")), no_wrap=True)
    table.add_column(t(N_("relieved by")))
    for c in rows:
        where = t(N_("night")) if c.at_night else ""
        if c.session_id is not None and c.session_id in starts:
            offset = (c.time - starts[c.session_id]).total_seconds()
            where = t(N_("session {id} at {time}"), id=c.session_id, time=clock(offset))
        table.add_row(
            str(c.id),
            local(c.time),
            c.muscle,
            str(c.severity),
            clock(c.duration_s),
            where,
            c.relieved_by or "",
        )
    out.print(table if rows else t(N_("No cramps yet: crampcoach log cramp.")))


def _num(value: float | None, fmt: str = "{:.0f}") -> str:
    return "" if value is None else fmt.format(value)
