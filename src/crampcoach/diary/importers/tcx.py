"""Read a TCX activity with tcxreader, keeping indoor points that have no position."""

from __future__ import annotations

import contextlib
import io
import math

# An uploaded file is parsed by the standard library on Python >= 3.11, whose
# expat (>= 2.4.1) refuses entity amplification and never fetches an external entity (Python
# docs, "XML vulnerabilities"); tests/diary/test_hostile_files.py feeds it hostile files.
import xml.etree.ElementTree as ET  # nosec B405
from datetime import datetime
from typing import IO, Any

from tcxreader.tcxreader import GARMIN_XML_SCHEMA, TCXReader

from crampcoach.diary.importers import xml_repairs
from crampcoach.diary.importers.record import (
    ActivityFileError,
    ActivityRecord,
    NotAnActivityError,
    as_utc,
)
from crampcoach.i18n import N_
from crampcoach.knowledge.sports import file_sport
from crampcoach.message import Message


class _RootKeepingReader(TCXReader):  # type: ignore[misc]
    """A TCXReader that keeps the XML root, for the lap times it does not read."""

    root: ET.Element | None = None

    # Overrides TCXReader's private (name-mangled) parse step, so the file is parsed once.
    def _TCXReader__parse_tcx_file(self, source: IO[bytes]) -> tuple[Any, ET.Element]:
        # See the import.
        tree = ET.parse(source)  # nosec B314
        root = tree.getroot()
        self.root = root
        return tree, root


def _lap_seconds(root: ET.Element) -> float | None:
    """Sum of the activity laps' TotalTimeSeconds: the timer time, without pauses."""
    ns = GARMIN_XML_SCHEMA
    path = f"./{ns}Activities/{ns}Activity/{ns}Lap/{ns}TotalTimeSeconds"
    values = [_number(node.text) for node in root.iterfind(path)]
    numbers = [value for value in values if value is not None]
    return sum(numbers) if numbers else None


def _number(text: str | None) -> float | None:
    """A finite number in an element's text, else None (a damaged lap says nothing)."""
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_tcx(data: bytes) -> ActivityRecord:
    """Summarise a TCX activity; raises NotAnActivityError for a course or workout file."""
    try:
        reader, exercise, mended = _read(data)
    except (ValueError, TypeError) as exc:  # tcxreader on a time or number it cannot read
        raise ActivityFileError(
            N_("TCX file holds a value that cannot be read ({reason})"), reason=str(exc)[:200]
        ) from exc
    except LookupError as exc:  # <?xml ... encoding="UTF-3"?>
        raise ActivityFileError(
            N_("TCX file declares an encoding that does not exist ({reason})"),
            reason=str(exc)[:200],
        ) from exc
    # See the import.
    root = reader.root if reader.root is not None else ET.fromstring(data)  # nosec B314
    trackpoints = exercise.trackpoints or []
    lap_s = _lap_seconds(root)
    if not trackpoints and lap_s is None:
        raise NotAnActivityError(N_("TCX file holds no activity laps or trackpoints"))
    times = [t for tp in trackpoints if (t := as_utc(tp.time)) is not None]
    distance = exercise.distance or max(
        (tp.distance for tp in trackpoints if tp.distance is not None), default=None
    )
    elapsed = (max(times) - min(times)).total_seconds() if times else lap_s
    return ActivityRecord(
        source_path="",
        source_sha256="",
        file_format="tcx",
        sport=_sport(root),
        start=min(times) if times else _first_lap_start(root),
        duration_s=lap_s if lap_s is not None else elapsed,
        elapsed_s=elapsed,
        distance_m=float(distance) if distance is not None else None,
        ascent_m=exercise.ascent if exercise.altitude_avg is not None else None,
        avg_heart_rate=exercise.hr_avg,
        max_heart_rate=float(exercise.hr_max) if exercise.hr_max is not None else None,
        temperature_c=None,  # TCX has no temperature field
        points=len(trackpoints),
        skipped=tuple(mended),
    )


def _read(data: bytes) -> tuple[_RootKeepingReader, Any, list[Message]]:
    """tcxreader's reading of the file, strict, else after mending the damage `xml_repairs`
    knows (said)."""
    try:
        return (*_read_strictly(data), [])
    except ET.ParseError as strict:
        mended, said = xml_repairs.mend(data)
        if not said:
            raise
        try:
            return (*_read_strictly(mended), said)
        except ET.ParseError:
            raise strict from None  # the file's own fault, not the mended copy's


def _read_strictly(data: bytes) -> tuple[_RootKeepingReader, Any]:
    reader = _RootKeepingReader()
    # tcxreader prints some per-point errors to stdout, which carries our JSON output.
    with contextlib.redirect_stdout(io.StringIO()):
        exercise: Any = reader.read(io.BytesIO(data), only_gps=False)  # type: ignore[arg-type]
    return reader, exercise


def _sport(root: ET.Element) -> str | None:
    """The sport of the file's activities (the Sport of every <Activity>, those of a
    <MultiSportSession> among them): "multisport" when they name several."""
    sports = {file_sport(node.get("Sport")) for node in root.iter(f"{GARMIN_XML_SCHEMA}Activity")}
    sports.discard(None)
    return (sports.pop() if len(sports) == 1 else "multisport") if sports else None


def _first_lap_start(root: ET.Element) -> datetime | None:
    ns = GARMIN_XML_SCHEMA
    lap = root.find(f"./{ns}Activities/{ns}Activity/{ns}Lap")
    start = lap.get("StartTime") if lap is not None else None
    try:
        return as_utc(datetime.fromisoformat(start)) if start else None
    except ValueError:
        return None  # a damaged time: the file has no start, which refuses it by name
