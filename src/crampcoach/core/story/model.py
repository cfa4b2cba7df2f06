"""What the story parser returns: facts with the words behind them, and the Intake they make."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crampcoach.i18n import N_, SOURCE
from crampcoach.knowledge.intake import Intake, field_paths
from crampcoach.message import Message

FactValue = bool | int | float | str
LIST_FIELDS = frozenset({"person.conditions", "person.medicines"})
# What happened lately to the person (a new medicine, a wound, an operation, a birth):
# told once as recent, it counts, whatever else is told of older ones ("on a statin for
# years ... started a water pill three weeks ago").
_RECENT = frozenset(
    {
        "person.medicine_started_recently",
        "person.recent_wound",
        "person.recent_immobility",
        "person.recent_fluid_loss_illness",
        "person.postpartum",
    }
)
# Numbers where the largest mention is the one that matters ("three-hour match" and
# "after ten minutes": the session lasted three hours).
_LARGEST = frozenset({"activity.duration_s", "activity.distance_m", "activity.fluid_l"})
_INTENSITY_ORDER = ["easy", "usual", "hard", "race"]
# Fields dropped first when the facts together break one of Intake's cross-checks.
_DROP_FIRST = ["person.pregnancy_week", "activity.mass_loss_kg", "activity.water_temperature_c"]


YES = N_("yes")
NO = N_("no")
READ = N_('{field}: {value} ("{words}")')
READ_UNSURE = N_('{field}: {value} (unsure) ("{words}")')


class Fact(BaseModel):
    """One thing the story says: an Intake field, its value, and the words that set it."""

    model_config = ConfigDict(frozen=True)

    field: str = Field(description='Dotted Intake path, e.g. "findings.swelling"')
    value: FactValue
    text: str = Field(description="The person's words that set it")
    start: int = Field(ge=0, description="Offset of `text` in the story")
    end: int = Field(ge=0)
    uncertain: bool = Field(False, description='Hedged: "maybe", "not sure if"')
    estimated: bool = Field(False, description='A stand-in value ("marathon" = 42,195 m)')
    secondary: bool = Field(False, description="Mentioned away from the cramp itself")

    def message(self) -> Message:
        """A one-line reading for "I understood: ...", e.g. `episode.muscle: calf ("calves")`:
        the field and its value as kept, yes or no and the hedge as words of a language."""
        value = self.value
        shown: Message | str
        if isinstance(value, bool):
            shown = Message(YES if value else NO)
        elif isinstance(value, float):
            shown = f"{value:g}"
        else:
            shown = str(value)
        template = READ_UNSURE if self.uncertain else READ
        return Message(template, {"field": self.field, "value": shown, "words": self.text})

    def describe(self) -> str:
        """`message()` in English."""
        return str(self.message())


class ParsedStory(BaseModel):
    """A story read into an Intake, with what was understood and what is missing."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="The text that was read (after any cut)")
    intake: Intake
    facts: list[Fact]
    history: list[Fact] = Field(
        default_factory=list,
        description='Signs and facts told of someone else or of the past ("my dad had a '
        'clot", "my mum is on dialysis"): not used',
    )
    notices: list[Message] = Field(
        default_factory=list, description="What to tell the person about the reading (messages)"
    )
    missing: list[str] = Field(
        default_factory=list, description="What to ask the person for (message ids)"
    )
    cramp_mentioned: bool = False
    about: Literal["writer", "someone_else"] = "writer"
    usable: bool = Field(False, description="False when the text gives nothing to go on")
    lang: str = Field(SOURCE, description="The language the story was read in (a tag)")

    def understood(self) -> list[str]:
        """Each fact as one line, in the order of the story."""
        return [fact.describe() for fact in self.facts]


def _rank(fact: Fact) -> tuple[bool, bool, bool, int]:
    return (fact.uncertain, fact.estimated, fact.secondary, fact.start)


def _choose(field: str, facts: list[Fact]) -> FactValue:
    ordered = sorted(facts, key=_rank)
    best_tier = [f for f in ordered if f.estimated == ordered[0].estimated]
    if (field.startswith("findings.") or field in _RECENT) and any(f.value is True for f in facts):
        return True  # a sign said anywhere counts, even if denied elsewhere: the safe reading
    if field == "episode.duration_s":
        # The longest a cramp was told to hold, even told roughly ("nearly half an hour",
        # beside a short one told of before): a long cramp is a danger sign.
        return max(float(f.value) for f in facts)
    if field in _LARGEST:
        return max(float(f.value) for f in best_tier)
    if field == "activity.intensity":
        return max((str(f.value) for f in facts), key=_INTENSITY_ORDER.index)
    if field == "activity.fluid_kind":
        kinds = {str(f.value) for f in facts}
        for kind in ("none", "little"):
            if kind in kinds:
                return kind
        drinks = kinds & {"water", "sports_drink", "electrolyte"}
        return "mixed" if len(drinks) > 1 else ordered[0].value
    return ordered[0].value


def _nest(values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = {}
    for path, value in values.items():
        part, name = path.split(".", 1)
        data.setdefault(part, {})[name] = value
    return data


def _failing_path(exc: ValidationError, values: dict[str, Any]) -> str | None:
    for error in exc.errors():
        loc = [str(p) for p in error["loc"]]
        if len(loc) >= 2 and f"{loc[0]}.{loc[1]}" in values:
            return f"{loc[0]}.{loc[1]}"
        message = str(error.get("msg", ""))
        for path in values:
            if path in message:
                return path
    return next((p for p in _DROP_FIRST if p in values), None)


@lru_cache(maxsize=1)
def _known_paths() -> frozenset[str]:
    return frozenset(field_paths())


def intake_from_facts(facts: Iterable[Fact]) -> Intake:
    """Build the Intake the facts describe; when facts conflict, the surest one wins.

    Facts for unknown fields are ignored; a value Intake rejects is left out, so a list
    edited by the person (a wrong fact dropped) always gives a valid Intake.
    """
    known = _known_paths()
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.field in known:
            groups.setdefault(fact.field, []).append(fact)
    values: dict[str, Any] = {}
    for field, group in groups.items():
        if field in LIST_FIELDS:
            seen: list[str] = []
            for fact in sorted(group, key=lambda f: f.start):
                if str(fact.value) not in seen:
                    seen.append(str(fact.value))
            values[field] = seen
        else:
            values[field] = _choose(field, group)
    for _ in range(len(values) + 1):
        try:
            return Intake.model_validate(_nest(values))
        except ValidationError as exc:
            path = _failing_path(exc, values)
            if path is None:
                break
            values.pop(path)
    return Intake()
