"""Free-text cramp stories read into an Intake, each fact keeping the words that set it.

    >>> story = parse_story("Both calves locked up at km 32 of a marathon, 28°C, only water.")
    >>> story.intake.episode.muscle
    'calf'

Offline and deterministic: a lexicon of phrases (knowledge/data/lexicon.yaml), regular
expressions for numbers with units, a negation and uncertainty check, and a speller.
"""

from crampcoach.core.story.model import Fact, ParsedStory, intake_from_facts
from crampcoach.core.story.parser import MAX_CHARS, parse_story

__all__ = ["MAX_CHARS", "Fact", "ParsedStory", "intake_from_facts", "parse_story"]
