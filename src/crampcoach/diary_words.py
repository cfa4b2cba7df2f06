"""The diary's counts in words, the same on the command line, the pages and the API.

A count before a noun takes the noun's form for that count ("1 session", "3 sessions"), by
the language's plural rule (`i18n.NP_`); a sentence with several counts is made of a part
for each, so that each part agrees with its own number.
"""

from __future__ import annotations

from crampcoach.i18n import N_, NP_, Translator

SESSIONS = NP_("{count} session", "{count} sessions")
CRAMPS = NP_("{count} cramp", "{count} cramps")
CRAMPS_IN_SESSIONS = NP_("{count} cramp in sessions", "{count} cramps in sessions")
SAVED_RESULTS = NP_("{count} saved result", "{count} saved results")
CONDITIONS_UNCLEAR = NP_(
    "No clear difference: {count} condition (see --json).",
    "No clear difference: {count} conditions (see --json).",
)
CONDITIONS_TOO_FEW = NP_(
    "Not enough data yet: {count} condition. {rule}",
    "Not enough data yet: {count} conditions. {rule}",
)
IMPORTED = NP_(
    "Imported {imported} of {files} file; {duplicates} already in the diary; "
    "{skipped} not activities (settings or monitoring files); {failed} failed.",
    "Imported {imported} of {files} files; {duplicates} already in the diary; "
    "{skipped} not activities (settings or monitoring files); {failed} failed.",
    "files",
)


def pattern_totals(sessions: int, session_cramps: int, night_cramps: int, t: Translator) -> str:
    """What a pattern report counts: "26 sessions, 1 cramp in sessions, 2 at night."."""
    return t(
        N_("{sessions}, {cramps}, {nights} at night."),
        sessions=t.plural(SESSIONS, count=sessions),
        cramps=t.plural(CRAMPS_IN_SESSIONS, count=session_cramps),
        nights=night_cramps,
    )


def diary_totals(sessions: int, cramps: int, t: Translator) -> str:
    """What the diary holds: "1 session, 3 cramps."."""
    return t(
        N_("{sessions}, {cramps}."),
        sessions=t.plural(SESSIONS, count=sessions),
        cramps=t.plural(CRAMPS, count=cramps),
    )


def restored(sessions: int, cramps: int, saved: int, t: Translator) -> str:
    """What a restore brought back: "Restored 1 session, 2 cramps and 0 saved results."."""
    return t(
        N_("Restored {sessions}, {cramps} and {saved}."),
        sessions=t.plural(SESSIONS, count=sessions),
        cramps=t.plural(CRAMPS, count=cramps),
        saved=t.plural(SAVED_RESULTS, count=saved),
    )
