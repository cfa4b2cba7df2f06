"""The composition root: one object, built from settings, wires knowledge, diary and profile.

The CLI builds it with `Coach.from_env()`; a web app or a test builds it the same way
with its own `Settings`. Heavy parts (the diary's SQLAlchemy) load on first use.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

from crampcoach.core.assess import assess
from crampcoach.core.assessment import Assessment
from crampcoach.core.patterns import PatternRules
from crampcoach.core.profile import Profile
from crampcoach.errors import InputError
from crampcoach.knowledge.intake import Intake
from crampcoach.knowledge.loader import KnowledgeBase, default_knowledge
from crampcoach.knowledge.pattern_rules import PatternRulesData, load_pattern_rules
from crampcoach.knowledge.schema import Advice
from crampcoach.profile_store import FILE_NAME, JsonProfileStore
from crampcoach.settings import Settings

if TYPE_CHECKING:
    from crampcoach.diary.repository import Diary


class Coach:
    """crampcoach for one person: their settings, the knowledge base, their diary."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Coach:
        """Settings from the environment (CRAMPCOACH_HOME, CRAMPCOACH_DB) or `db_url`."""
        return cls(Settings.from_env(db_url))

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        return default_knowledge()

    @cached_property
    def pattern_rules(self) -> PatternRules:
        """The cut points, factor links and advice of `patterns`, from the knowledge base."""
        return pattern_rules(self.knowledge, load_pattern_rules(self.knowledge))

    def assess(self, intake: Intake) -> Assessment:
        """Assess one story with this coach's knowledge base."""
        return assess(intake, self.knowledge)

    @contextmanager
    def diary(self) -> Iterator[Diary]:
        """The person's diary, migrated to the current version, closed afterwards.

        Database errors become InputError with a message fit for the person (the
        password of a URL hidden); what was committed before stays committed.
        """
        from sqlalchemy.exc import SQLAlchemyError

        from crampcoach.diary.database import safe_url
        from crampcoach.diary.repository import Diary

        try:
            diary = Diary.open(self.settings.db_url)
        except SQLAlchemyError as exc:
            where = safe_url(self.settings.db_url)
            raise InputError(f"cannot open the diary at {where}: {exc.__class__.__name__}") from exc
        try:
            yield diary
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc.__class__.__name__)[:200]
            raise InputError(f"the diary refused the change, nothing was saved: {reason}") from exc
        finally:
            diary.close()

    def load_profile(self) -> Profile:
        """The profile kept in the diary (taking over a profile.json of an older version)."""
        with self.diary() as diary:
            profile = diary.load_profile()
            legacy = self.settings.home / FILE_NAME
            if profile == Profile() and legacy.exists():
                profile = JsonProfileStore(legacy).load()
                diary.save_profile(profile)
            return profile

    def save_profile(self, profile: Profile) -> None:
        """Replace the profile kept in the diary."""
        with self.diary() as diary:
            diary.save_profile(profile)


def _advice_line(advice: Advice) -> str:
    """One prevention entry as a sentence that carries its evidence: sources, or a label."""
    if advice.evidence == "general_advice":
        return f"General advice (not proven to prevent cramps): {advice.text}"
    return f"{advice.text.rstrip('.')} ({', '.join(advice.sources)})."


def pattern_rules(kb: KnowledgeBase, data: PatternRulesData) -> PatternRules:
    """The core's `PatternRules` from checked patterns.yaml data and the factors it names."""
    return PatternRules(
        **{name: number.v for name, number in data.numbers},
        hard_efforts=frozenset(data.hard_efforts.efforts),
        links=data.links.model_dump(),
        prevention={
            factor: " ".join(_advice_line(a) for a in advice)
            for factor, advice in data.advice(kb).items()
        },
        no_factor=data.no_factor,
    )
