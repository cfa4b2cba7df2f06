"""The one sport vocabulary: how people and watch files spell a sport, and its one name.

The diary stores a session's sport under its one name ("Biking", "ride" -> "cycling");
the plan maps that name to a sport of plan.yaml, whose aliases add what falls under it
("marathon" is running, "gridiron" is American football).
"""

from __future__ import annotations

# Spellings of a sport (as `sport_key` gives them) -> the name the sport is kept under.
SPELLINGS: dict[str, str] = {
    "run": "running",
    "trail_running": "running",
    "ride": "cycling",
    "biking": "cycling",
    "bike": "cycling",
    "swim": "swimming",
    "walk": "walking",
    "hike": "hiking",
}
# Labels that watch files give when they do not know the sport.
NO_SPORT = frozenset({"", "generic", "other", "all"})


def sport_key(name: str) -> str:
    """A label in one spelling: "Trail-Running " -> "trail_running"."""
    return "_".join(name.lower().replace("-", " ").replace("_", " ").split())


def sport_name(name: str) -> str:
    """The name a sport is kept under ("Biking" -> "cycling"); an unknown label as its key."""
    key = sport_key(name)
    return SPELLINGS.get(key, key)
