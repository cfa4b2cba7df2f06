"""What a page flow keeps between requests: drafts of an assessment, results to show.

A POST stores what it was given and redirects to a GET of its id (POST-redirect-GET), so
a reload or the back button never sends a form twice. This store is in memory, bounded
(the oldest entries go first) and shared by the server's threads; a server restart
forgets the drafts (what the person saved is in the diary). A server of several processes
keeps them in its database instead (`web.state.SharedStore`, the same methods); a route
that changes an entry puts it again.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Generic, TypeVar

T = TypeVar("T")
MAX_ENTRIES = 500


class Store(Generic[T]):
    """Entries under random ids, the least recently used dropped past `size`."""

    def __init__(self, size: int = MAX_ENTRIES) -> None:
        self.size = size
        self._entries: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, value: T) -> str:
        """Keep `value`; its new id (unguessable, URL-safe)."""
        key = secrets.token_urlsafe(16)
        self.put(key, value)
        return key

    def put(self, key: str, value: T) -> None:
        """Keep `value` under `key`, replacing what was there."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def get(self, key: str) -> T | None:
        """The value under `key`, or None when there is none (or no longer)."""
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value
