"""`POST /assess`: a story (words or an intake) and the answers given so far; the result."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    PlainValidator,
    StrictBool,
    WithJsonSchema,
)

from crampcoach.contract import StoryView
from crampcoach.core.story.parser import MAX_CHARS
from crampcoach.knowledge.intake import Intake
from crampcoach.views import FollowUpView

MAX_ANSWERS = 40  # more than an interview ever puts (core.interview.MAX_QUESTIONS)
MAX_REPLY = 200

QuestionId = Annotated[str, Field(min_length=1, max_length=60)]


def _reply(value: Any) -> bool | float | str | None:
    """Yes or no, a number, words or null; one error naming the answer (not one per type)."""
    if value is None or isinstance(value, bool | float):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, str) and len(value) <= MAX_REPLY:
        return value
    raise ValueError(f"give true, false, a number, words (up to {MAX_REPLY}) or null")


Reply = Annotated[
    bool | float | str | None,
    PlainValidator(_reply),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "boolean"},
                {"type": "number"},
                {"type": "string", "maxLength": MAX_REPLY},
                {"type": "null"},
            ],
            "description": "true or false (yes or no), a number in the question's unit, "
            "words as typed, or null (don't know)",
        }
    ),
]

ASSESS_EXAMPLES: list[JsonValue] = [
    {
        "text": "Before dawn my left arch knotted up; standing on it let it go.",
        "answers": {},
    },
    {
        "text": "Hamstring seized 25 km into a hot ride, I had only had coffee that morning.",
        "answers": {"breathlessness": False, "chest_pain": False},
    },
    {
        "intake": {
            "episode": {"muscle": "calf", "during_exercise": True},
            "activity": {"duration_s": "2h", "air_temperature_c": "31C"},
        }
    },
]


class AssessRequest(BaseModel):
    """A story in words (`text`) or structured (`intake`), and the answers given so far."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": ASSESS_EXAMPLES})

    text: str | None = Field(
        None, max_length=MAX_CHARS, description="The story in the person's own words"
    )
    intake: Intake | None = Field(None, description="The story as a structured intake")
    answers: dict[QuestionId, Reply] = Field(
        default_factory=dict,
        max_length=MAX_ANSWERS,
        description="Replies to the questions a result listed (`next_question`, "
        "`follow_up`), by question id, in the order they were given: true or false for "
        "yes or no, a number in the question's unit, words (a choice, '45 min'), or null "
        "for 'don't know'.",
    )
    save: StrictBool = Field(False, description="Keep the intake and its assessment in the diary")


class AssessResult(StoryView):
    """The assessment (the assess JSON contract), what was read from the words, and the
    interview's state: the question to put next and those already answered."""

    model_config = ConfigDict(extra="forbid")

    next_question: FollowUpView | None = Field(
        description="The question to put next (the story's muscle and time first, red-flag "
        "screens next), or null when no answer could change the result"
    )
    asked: list[str] = Field(description="The ids of the questions answered, in order")
