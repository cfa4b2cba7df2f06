"""The person's profile kept as one small JSON file, written atomically.

A file that cannot be read is reported, never overwritten: the person's data stay
there to be fixed (or moved aside) by hand.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from crampcoach.core.profile import Profile
from crampcoach.errors import CrampcoachError, describe_validation_error, named_field
from crampcoach.i18n import N_
from crampcoach.message import Message
from crampcoach.settings import Settings

FILE_NAME = "profile.json"


class ProfileFileError(CrampcoachError):
    """The profile file exists but cannot be read or written; the message says how to fix it."""


class JsonProfileStore:
    """A profile kept in one JSON file (`<home>/profile.json` by default)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> JsonProfileStore:
        """The store in the data folder (CRAMPCOACH_HOME, or the platform's data folder)."""
        settings = settings or Settings.from_env()
        return cls(settings.home / FILE_NAME)

    def load(self) -> Profile:
        """The saved profile, or an empty one if none was saved yet.

        Raises ProfileFileError if the file exists but is not a valid profile.
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Profile()
        except OSError as exc:
            raise ProfileFileError(
                N_("cannot read the profile {path}: {reason}"), path=self.path, reason=exc.strerror
            ) from exc
        problem: Message | str
        try:
            return Profile.model_validate(json.loads(text))
        except json.JSONDecodeError as exc:
            problem = Message(
                N_("not valid JSON (line {line}, column {column}: {reason})"),
                {"line": exc.lineno, "column": exc.colno, "reason": exc.msg},
            )
        except ValidationError as exc:
            problem = describe_validation_error(exc, named_field("(file)"), first_only=True)
        raise ProfileFileError(
            N_(
                "the profile {path} is damaged: {problem}. It was left as it is: "
                "fix it, or move it aside to start a new profile."
            ),
            path=self.path,
            problem=problem,
        )

    def save(self, profile: Profile) -> None:
        """Write `profile` atomically (a temporary file, then a rename).

        Refuses (ProfileFileError) to replace an existing file that cannot be read.
        """
        if self.path.exists():
            self.load()  # raises for a damaged file, which must not be silently replaced
        data = profile.model_dump_json(indent=2, exclude_none=True) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(
                prefix=".profile-", suffix=".tmp", dir=self.path.parent
            )
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as temp:
                    temp.write(data)
                    temp.flush()
                    os.fsync(temp.fileno())
                os.replace(temp_name, self.path)
            except BaseException:
                Path(temp_name).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise ProfileFileError(
                N_("cannot save the profile {path}: {reason}"), path=self.path, reason=exc.strerror
            ) from exc
