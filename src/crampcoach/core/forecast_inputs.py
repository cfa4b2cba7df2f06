"""The diary as the personal forecast reads it: the planned session, the past sessions
with whether a cramp came in each, and the cramp history the diary gives. Pure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from crampcoach.core.pattern_conditions import PatternRules, SessionFacts, intensity_classifier
from crampcoach.core.patterns import CrampFacts

HistorySource = Literal["diary", "given", "unknown"]
STEPS: dict[str, float] = {"easy": 0, "usual": 1, "hard": 2, "race": 3}
# The intensity classifier of patterns merges hard and race when only heart rate tells.
STEPS["hard or race"] = 2
# A past session's intensity as a plan's (the backtest plans each session again).
PLANNABLE = {"easy": "easy", "usual": "usual", "hard": "hard", "race": "race"}
PLANNABLE["hard or race"] = "hard"


@dataclass(frozen=True)
class PlannedSession:
    """The session a forecast is for; None where it is not known."""

    sport: str
    duration_h: float
    intensity: str
    air_c: float | None = None
    feels_like_c: float | None = None
    water_c: float | None = None
    sodium_planned: bool | None = None
    warmup: bool | None = True
    history: bool | None = None
    humidity_percent: float | None = None


@dataclass(frozen=True)
class PastSession:
    """One diary session as the forecast compares it; None where the diary does not say."""

    id: int
    start: datetime
    sport: str
    duration_h: float
    air_c: float | None
    intensity: str | None
    sodium: bool | None
    warmup: bool | None
    cramped: bool
    humidity_percent: float | None = None
    water_c: float | None = None


def past_sessions(
    sessions: Sequence[SessionFacts],
    cramps: Sequence[CrampFacts],
    rules: PatternRules,
    sport_of: Callable[[str], str] | None = None,
) -> list[PastSession]:
    """The diary's sessions, oldest first, each with whether a cramp came in it; the
    intensity is the logged effort, else read from heart rate as `patterns` reads it;
    `sport_of` names each sport as the plan does (by default as the diary does)."""
    cramped = {c.session_id for c in cramps if c.session_id is not None}
    intensity = intensity_classifier(sessions, rules)
    names: dict[str, str] = {}
    for s in sessions:
        if s.sport not in names:
            names[s.sport] = sport_of(s.sport) if sport_of else s.sport
    return [
        PastSession(
            id=s.id,
            start=s.start,
            sport=names[s.sport],
            duration_h=s.duration_s / 3600.0,
            air_c=s.temperature_c,
            intensity=intensity(s),
            sodium=None if s.sodium_mg is None else s.sodium_mg > 0,
            warmup=s.warmup,
            cramped=s.id in cramped,
            humidity_percent=s.humidity_percent,
            water_c=s.water_temperature_c,
        )
        for s in sorted(sessions, key=lambda s: (s.start, s.id))
    ]


def history_of(
    past: Sequence[PastSession], given: bool | None
) -> tuple[bool | None, HistorySource]:
    """Whether the person has cramped in a session: the diary answers when it holds a
    session cramp, or sessions and nothing `given`; else what was given."""
    if any(p.cramped for p in past):
        return True, "diary"
    if given is not None:
        return given, "given"
    if past:
        return False, "diary"
    return None, "unknown"
