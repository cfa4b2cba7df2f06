"""Errors crampcoach raises on purpose; each carries a message meant for the user."""


class CrampcoachError(Exception):
    """Base of every error whose message can be shown to the user as it is."""


class InputError(CrampcoachError):
    """Input that cannot be used: wrong type, impossible value, unreadable file."""


class KnowledgeError(CrampcoachError):
    """The knowledge base data is invalid; the message names file, entry and field."""
