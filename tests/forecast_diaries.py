"""Diaries with a known cramp pattern, logged through the Coach as a person would.

`salt_sweater`: hot long runs without sodium cramp, the rest seldom; `short_without_salt`:
short runs cramp when no sodium was taken; `cold_water_swimmer`: swims in cold water cramp,
those in warm water seldom. Sessions lie in the past (records.yaml refuses
a future one), one every second day.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crampcoach.coach import Coach
from crampcoach.diary.records import SessionCreate

START = datetime(2025, 3, 1, 7, tzinfo=UTC)


def _log(
    coach: Coach, i: int, hours: float, temperature: float, sodium: bool, cramped: bool
) -> None:
    session = coach.log_session(
        SessionCreate(
            sport="running",
            start=START + timedelta(days=2 * i),
            duration_s=hours * 3600,
            temperature_c=temperature,
            sodium_mg=400 * hours if sodium else 0,
            fluids_l=round(0.5 * hours, 2),
            effort="usual",
            warmup=True,
        )
    )
    if cramped:
        cramp = {"muscle": "calf", "severity": 6}
        coach.log_cramp(cramp, session=session.id, offset_s=hours * 2400)


def salt_sweater(coach: Coach, sessions: int = 48) -> None:
    """Every hot run over two hours without sodium cramps; one other run in 16 does."""
    for i in range(sessions):
        hot, long, sodium = i % 2 == 0, i % 4 < 2, i % 8 >= 4
        hours = 2.4 if long else 0.8
        temperature = 29.0 if hot else 14.0
        _log(coach, i, hours, temperature, sodium, (hot and long and not sodium) or i % 16 == 15)


def short_without_salt(coach: Coach, sessions: int = 24) -> None:
    """Warm runs of 45 minutes: most without sodium cramp, those with it seldom do."""
    for i in range(sessions):
        sodium = i % 2 == 0
        _log(coach, i, 0.75, 27.0, sodium, (not sodium and i % 6 != 1) or i % 12 == 0)


def cold_water_swimmer(coach: Coach, sessions: int = 24) -> None:
    """Hour-long swims, every other one in 13 °C water: most of those cramp, one in six of
    the 20 °C ones does; a humid day is logged with each (it is not what matters here)."""
    for i in range(sessions):
        cold = i % 2 == 0
        session = coach.log_session(
            SessionCreate(
                sport="swimming",
                start=START + timedelta(days=2 * i),
                duration_s=3600,
                distance_m=3000,
                water_temperature_c=13.0 if cold else 20.0,
                humidity_percent=70.0,
                effort="usual",
                warmup=True,
                sodium_mg=0,
            )
        )
        if (cold and i % 8 != 0) or i % 12 == 1:
            coach.log_cramp({"muscle": "calf", "severity": 5}, session=session.id, offset_s=2400)
