"""The words of the coach's and the athlete's views (multi-user server): what a coach read,
as the access log names it, and the red flags of an athlete's saved assessments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crampcoach.i18n import N_

if TYPE_CHECKING:
    from crampcoach.diary.records import Saved
    from crampcoach.i18n import Translator
    from crampcoach.knowledge.loader import KnowledgeBase

# What a coach read (server.team.READS), for the athlete's access log.
READ_WORDS = {
    "sessions": N_("your sessions"),
    "cramps": N_("your cramps"),
    "patterns": N_("your patterns"),
    "red_flags": N_("the red flags of your saved assessments"),
    "team": N_("the team view: your cramps of the month"),
}

# Where a coach's invitation stands (diary.team.LinkStatus).
STATUS_WORDS = {
    "pending": N_("invited, not answered yet"),
    "active": N_("consent given"),
    "declined": N_("declined"),
    "revoked": N_("consent revoked"),
}


def red_flag_reports(saved: list[Saved], kb: KnowledgeBase, t: Translator) -> list[dict[str, Any]]:
    """Each saved assessment that raised a red flag, newest first: when, its triage level
    (id and meaning) and each red flag (id and label), in the language of `t`."""
    reports = []
    for entry in reversed(saved):
        flags = [f for f in entry.payload.get("red_flags") or [] if isinstance(f, str)]
        if not flags:
            continue
        level = str((entry.payload.get("triage") or {}).get("level", ""))
        meaning = t(kb.triage_meaning(level)) if level in kb.ranks else level
        reports.append(
            {
                "time": entry.created,
                "triage": level,
                "triage_words": meaning,
                "red_flags": [
                    {"id": f, "label": t(kb.red_flags[f].label) if f in kb.red_flags else f}
                    for f in flags
                ],
            }
        )
    return reports
