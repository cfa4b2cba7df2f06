"""The Coach's own small promises: another language or diary shares the knowledge."""

from __future__ import annotations

import pytest

from crampcoach.coach import Coach
from crampcoach.errors import InputError
from crampcoach.settings import Settings


def test_another_language_shares_the_knowledge_and_the_diary() -> None:
    coach = Coach(Settings(lang="en", db_url="sqlite:///:memory:"))
    pseudo = coach.with_lang("en-XA")
    assert pseudo.text.lang == "en-XA" and coach.text.lang == "en"
    assert pseudo.knowledge is coach.knowledge
    assert pseudo.settings.db_url == coach.settings.db_url
    assert coach.with_lang("en") is coach


def test_a_language_crampcoach_does_not_speak_is_refused() -> None:
    with pytest.raises(InputError):
        Coach(Settings(lang="en")).with_lang("tlh")
