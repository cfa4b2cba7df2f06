"""What the pages keep when the server runs as several processes: the CSRF secret and the
page flows' drafts and results, in the database every worker opens (`diary.page_states`).

A server shares its state when it has accounts (`--multi-user`) or a database other than
SQLite (a database that several processes may serve); then a POST answered by one worker
and the GET it redirects to, answered by another, meet in the database. One person's
`crampcoach serve` on a SQLite diary keeps them in the process, as before.

A state is pickled (drafts hold the parsed story, as the flow left it) and signed with a
key derived from the server's secret: a row that was not written by the server, or was
changed, is not unpickled, and the unpickler loads crampcoach's value classes only (no
function, no other module), so a row written behind the server's back runs nothing (hence
bandit's B403 and B301 are waived here).
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import hmac
import io
import pickle  # nosec B403
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from crampcoach.web.security import Csrf
from crampcoach.web.store import Store

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.diary.database import DiaryDatabase

STATE_TTL = timedelta(hours=6)  # a draft left this long is gone (the form says to resend)
KEY_ROW = "csrf"
DIGEST = hashlib.sha256().digest_size
PLAIN = frozenset({("datetime", "date"), ("datetime", "datetime"), ("datetime", "timedelta")})


class StateError(pickle.UnpicklingError):
    """A state that is not one the server wrote."""


class _ValuesOnly(pickle.Unpickler):
    """Loads crampcoach's value classes (pydantic models, dataclasses, named tuples, enums)
    and dates only."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in PLAIN:
            return super().find_class(module, name)
        if module.split(".")[0] == "crampcoach":
            found = super().find_class(module, name)
            if isinstance(found, type) and (
                issubclass(found, BaseModel | tuple | enum.Enum) or dataclasses.is_dataclass(found)
            ):
                return found
        raise StateError(f"{module}.{name}: not a page state's value")


class Signed:
    """Pickles and signs values with a key derived from the server's secret."""

    def __init__(self, secret: Callable[[], bytes]) -> None:
        self._secret = secret

    def _key(self) -> bytes:
        return hmac.new(self._secret(), b"crampcoach page state", hashlib.sha256).digest()

    def dump(self, value: Any) -> bytes:
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return hmac.new(self._key(), blob, hashlib.sha256).digest() + blob

    def load(self, payload: bytes) -> Any:
        """The value; StateError for a payload the server did not sign, or whose value is
        not a page state's."""
        mac, blob = payload[:DIGEST], payload[DIGEST:]
        if not hmac.compare_digest(mac, hmac.new(self._key(), blob, hashlib.sha256).digest()):
            raise StateError("a page state not signed by this server")
        # Signed by the server, and only crampcoach's value classes load.
        return _ValuesOnly(io.BytesIO(blob)).load()  # nosec B301


class SharedStore(Store[Any]):
    """A `Store` in the database: entries under random ids, each kept `ttl` after its last
    write; the expired ones deleted as new ones are written."""

    def __init__(
        self,
        database: Callable[[], DiaryDatabase],
        signed: Signed,
        *,
        ttl: timedelta = STATE_TTL,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self._database = database
        self.signed = signed
        self.ttl = ttl
        self.clock = clock or (lambda: datetime.now(UTC))

    def _states(self) -> Any:
        from crampcoach.diary.page_states import PageStateStore

        return PageStateStore(self._database())

    def put(self, key: str, value: Any) -> None:
        now = self.clock()
        self._states().put(key, self.signed.dump(value), now + self.ttl, now)

    def get(self, key: str) -> Any:
        if len(key) > 40:
            return None
        payload = self._states().get(key, self.clock())
        if payload is None:
            return None
        try:
            return self.signed.load(payload)
        except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError):
            return None  # not the server's, or of an older crampcoach: gone, as expired


def shares_state(coach: Coach) -> bool:
    """The server's processes share their pages' state: it has accounts, or its database is
    not SQLite (so several processes may serve it)."""
    from crampcoach.diary.database import upgrades_itself

    return coach.settings.multi_user or not upgrades_itself(coach.settings.db_url)


def page_state(coach: Coach) -> dict[str, Any]:
    """The CSRF signer and the stores of drafts and results for a site around `coach` (one
    sharing its database): in the database when the server shares its state, else in the
    process (with the settings' secret key, if any)."""
    key = coach.settings.secret_key
    shared = coach.shared
    if not shares_state(coach) or shared is None:
        return {"csrf": Csrf(key.get_secret_value().encode())} if key is not None else {}

    def secret() -> bytes:
        if key is not None:
            return key.get_secret_value().encode()
        from crampcoach.diary.page_states import PageStateStore

        return PageStateStore(shared.get()).secret(KEY_ROW, datetime.now(UTC)).encode()

    csrf = Csrf(secret)
    signed = Signed(lambda: csrf.secret)
    return {
        "csrf": csrf,
        "drafts": SharedStore(shared.get, signed),
        "results": SharedStore(shared.get, signed),
    }
