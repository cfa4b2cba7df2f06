"""Readers for watch files (FIT, GPX, TCX, plain or gzipped) into one record type.

Each reader takes a path and returns an `ActivityRecord`, or raises
`ActivityFileError` whose message says what is wrong with that file.
`read_many` reads many files, on every core when that pays, and yields each
file's record or error in order; `find_activity_files` expands folders.
"""

from __future__ import annotations

from crampcoach.diary.importers.reader import find_activity_files, read_activity, read_many
from crampcoach.diary.importers.record import (
    ActivityFileError,
    ActivityRecord,
    NotAnActivityError,
)

__all__ = [
    "ActivityFileError",
    "ActivityRecord",
    "NotAnActivityError",
    "find_activity_files",
    "read_activity",
    "read_many",
]
