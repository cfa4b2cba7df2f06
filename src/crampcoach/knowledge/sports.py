"""The one sport vocabulary: how people and watch files spell a sport, and its one name.

The diary stores a session's sport under its one name ("Biking", "ride" -> "cycling");
the plan maps that name to a sport of plan.yaml, whose aliases add what falls under it
("marathon" is running, "gridiron" is American football). Watch files say a sport in
several ways, each a table here rather than a rule in code: a label (FIT's sport, a GPX
<type>, TCX's Sport attribute), a sub-sport that names the sport when the label is a
category (FIT's "fitness_equipment" with "indoor_rowing"), or a number in the numbering of
the app that wrote the file (Strava's GPX <type>9</type>).
"""

from __future__ import annotations

# Spellings of a sport (as `sport_key` gives them) -> the name the sport is kept under.
# FIT's sport names (its profile's `sport` type), Garmin Connect's GPX <type> words and the
# apps' own labels ("Ride", "VirtualRun") are among them.
SPELLINGS: dict[str, str] = {
    "run": "running",
    "runs": "running",
    "jog": "running",
    "jogging": "running",
    "trail_running": "running",
    "street_running": "running",
    "track_running": "running",
    "treadmill_running": "running",
    "indoor_running": "running",
    "virtual_run": "running",
    "virtualrun": "running",
    "ride": "cycling",
    "biking": "cycling",
    "bike": "cycling",
    "bicycle": "cycling",
    "road_biking": "cycling",
    "road_cycling": "cycling",
    "mountain_biking": "cycling",
    "gravel_cycling": "cycling",
    "indoor_cycling": "cycling",
    "virtual_ride": "cycling",
    "virtualride": "cycling",
    "e_bike_ride": "cycling",
    "ebikeride": "cycling",
    "swim": "swimming",
    "lap_swimming": "swimming",
    "pool_swimming": "swimming",
    "pool_swim": "swimming",
    "open_water_swimming": "swimming",
    "open_water": "swimming",
    "walk": "walking",
    "indoor_walking": "walking",
    "hike": "hiking",
    "row": "rowing",
    "indoor_rowing": "rowing",
}
# Labels that watch files give when they do not know the sport.
NO_SPORT = frozenset({"", "generic", "other", "all", "none", "unknown", "sport", "activity"})
# Labels of a category rather than a sport: a sub-sport that names one says more.
CATEGORIES = frozenset({"fitness_equipment", "training"})
# Sub-sports (FIT's `sub_sport`) that name a sport when the label is missing, says nothing
# or is a category; a sub-sport of a sport that is named ("trail" of running) keeps it.
SUB_SPORTS: dict[str, str] = {
    "treadmill": "running",
    "street": "running",
    "trail": "running",
    "track": "running",
    "indoor_running": "running",
    "road": "cycling",
    "mountain": "cycling",
    "gravel_cycling": "cycling",
    "indoor_cycling": "cycling",
    "spin": "cycling",
    "e_bike_fitness": "cycling",
    "lap_swimming": "swimming",
    "open_water": "swimming",
    "indoor_rowing": "rowing",
    "indoor_walking": "walking",
    "elliptical": "elliptical",
    "stair_climbing": "stair_climbing",
    "strength_training": "strength_training",
    "cardio_training": "cardio_training",
    "yoga": "yoga",
    "pilates": "pilates",
}
# Numbers that apps write for a sport, by app (a word of the file's creator or of its links).
# Strava's GPX export writes its own activity type numbers in <type>; those that are known
# for certain are here (Strava does not publish the list).
NUMBERED: dict[str, dict[str, str]] = {
    "strava": {"1": "cycling", "4": "hiking", "9": "running", "10": "walking", "16": "swimming"},
}


def sport_key(name: str) -> str:
    """A label in one spelling: "Trail-Running " -> "trail_running"."""
    return "_".join(name.lower().replace("-", " ").replace("_", " ").split())


def sport_name(name: str) -> str:
    """The name a sport is kept under ("Biking" -> "cycling"); an unknown label as its key."""
    key = sport_key(name)
    return SPELLINGS.get(key, key)


def file_sport(label: object, sub_sport: object = None, *, app: str | None = None) -> str | None:
    """The sport a watch file names, in the one vocabulary; None when it names none.

    `label` is the file's sport label ("Biking", "fitness_equipment", "9"), `sub_sport` its
    sub-sport if any ("indoor_rowing"), `app` the words of the file's creator and links in
    which a numbered label is looked up ("StravaGPX https://www.strava.com/...").
    A label that is not text (a FIT enum value its profile does not know) says nothing.
    """
    key = sport_key(label) if isinstance(label, str) else ""
    if key.isdigit():
        numbering = next((n for word, n in NUMBERED.items() if app and word in app.lower()), {})
        key = numbering.get(key, "")
    sub = sport_key(sub_sport) if isinstance(sub_sport, str) else ""
    if (key in NO_SPORT or key in CATEGORIES) and sub in SUB_SPORTS:
        return SUB_SPORTS[sub]
    if key in NO_SPORT:
        return None
    return sport_name(key)
