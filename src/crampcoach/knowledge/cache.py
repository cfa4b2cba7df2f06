"""The package's checked knowledge kept on disk between runs, so that a start-up reads it back
instead of reading and checking the YAML again.

Reading the lexicon (its 466 patterns parsed and analysed) and the knowledge base took more
than half a second of every `crampcoach` start-up; unpickling what they gave takes about
20 ms (the FAQ of `ask`: 40 ms read and checked, 5 ms read back). A kept copy is used only
when everything it was made from is the same: the bytes of the data files read, the code
of this package's knowledge layer (the schemas that check them, and what they import) and
the versions of Python, pydantic and PyYAML; otherwise the files are read and checked as
always and the copy is replaced. A copy that cannot be read
or written (a read-only home, a full disk, a damaged file) is passed over: it never makes a
run fail, only slower.

A `KeptTable` keeps smaller things worked out once, by key, the same way: the compiled
programs of the parser's own regular expressions (`knowledge.regexes.kept_regex`).

The copies live in the person's own cache folder (`platformdirs.user_cache_dir`, which
honours XDG_CACHE_HOME), written by this program only, as the data files are.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import os
import pickle  # nosec B403
import sys
import tempfile
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

Value = TypeVar("Value")

# The modules outside this layer that the knowledge layer's schemas import.
_ALSO_CODE = ("errors.py", "i18n.py", "units.py")
_KEEP_OTHERS_S = 24 * 3600  # how long a copy made by another version is kept


def cache_folder() -> Path:
    """Where the copies are kept: the person's cache folder for crampcoach."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("crampcoach", appauthor=False)) / "knowledge"


def _code_digest() -> bytes:
    """A digest of the knowledge layer's code and of the libraries a copy depends on (PyYAML
    by its installed version: importing it would cost a run that never parses YAML 10 ms;
    pyahocorasick, whose automaton the compiled lexicon keeps, likewise)."""
    from importlib.metadata import version

    import pydantic
    import pydantic_core

    digest = hashlib.sha256()
    libraries = (version("PyYAML"), version("pyahocorasick"))
    for part in (sys.version, pydantic.VERSION, pydantic_core.__version__, *libraries):
        digest.update(part.encode() + b"\0")
    package = resources.files("crampcoach")
    layer = package / "knowledge"
    files = sorted((f for f in layer.iterdir() if f.name.endswith(".py")), key=lambda f: f.name)
    for source in [*files, *(package / name for name in _ALSO_CODE)]:
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.digest()


def cached(
    name: str,
    sources: Iterable[Path | Traversable],
    build: Callable[[], Value],
    folder: Path | None = None,
    code: Iterable[Traversable] = (),
) -> Value:
    """What `build()` gives, read back from a copy kept under `name` when the files
    `sources` (those `build` reads; a missing one counts as empty) and the knowledge code are
    unchanged since it was made, and the files of other `code` its value is made by (a
    layer above, which passes what it builds from the knowledge); else `build()`, then
    kept. Errors of `build` pass through (nothing is kept of a failed build)."""
    digest = hashlib.sha256(_code_digest())
    for source in code:
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    for source in sources:
        try:
            data = source.read_bytes()
        except OSError:
            data = b""  # `build` reports a missing file in its own words
        digest.update(source.name.encode() + b"\0" + hashlib.sha256(data).digest())
    folder = folder if folder is not None else cache_folder()
    path = folder / f"{name}-{digest.hexdigest()[:32]}.pickle"
    try:
        value: Value = _read_back(path)
    except Exception:  # no copy, or one that cannot be used (damaged, stale): build it
        value = build()
        _keep(path, name, value)
    return value


def _read_back(path: Path) -> Any:
    """The value kept in `path` by `_keep`, unpickled with the garbage collector paused.

    Unpickling makes the knowledge's hundreds of thousands of objects, none of them garbage,
    and every few hundred of them set off a collection that looked through the newest ones:
    half the time of reading the knowledge base and the lexicon back went to those.
    """
    with path.open("rb") as kept, _gc_paused():
        return pickle.load(kept)  # nosec B301 (written by `_keep`, below)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The garbage collector paused while the body runs (as it was before, after it); then
    what the process holds is frozen, out of the collector's full sweeps.

    What is read back here (the knowledge, the lexicon, the FAQ index) lives as long as the
    process, and the first full sweep after it looked through all of it for nothing: half
    the time of answering the first story of a run.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def _keep(path: Path, name: str, value: object) -> None:
    """Write `value` to `path` whole (another process sees the old file or the new one, never
    half of one), and remove older copies of `name` made by other versions; any error
    leaves things as they are."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        # Copies made by other versions a while ago: another version still in use (another
        # checkout, another install) makes its own again at most once a day.
        made_before = path.stat().st_mtime - _KEEP_OTHERS_S
        for older in path.parent.glob(f"{name}-*.pickle"):
            if older != path and older.stat().st_mtime < made_before:
                older.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


class KeptTable:
    """Values this program works out once and keeps between runs, by key: a table in the
    cache folder, read on first use and written back when a run that added to it ends
    (merged with what other runs added meanwhile). `version` gives the bytes the values
    depend on (the code that makes them, this Python): another version keeps its own table.

    As with the kept copies above, a table that cannot be read or written is passed over:
    it never makes a run fail, only slower. A table grown past `_MAX_KEPT` keys keeps only
    those the writing run used or added (values for code that has changed are never asked
    for again).
    """

    def __init__(self, name: str, version: Callable[[], bytes], folder: Path | None = None) -> None:
        self.name = name
        self._version = version
        self._folder = folder
        self._values: dict[Hashable, Any] | None = None
        self._added: dict[Hashable, Any] = {}
        self._used: set[Hashable] = set()
        self._owner = os.getpid()  # a forked worker never writes the table

    def path(self) -> Path:
        folder = self._folder if self._folder is not None else cache_folder()
        return folder / f"{self.name}-{hashlib.sha256(self._version()).hexdigest()[:32]}.pickle"

    def get(self, key: Hashable) -> Any | None:
        """The value kept for `key`, or None."""
        if self._values is None:
            self._values = self._read()
        value = self._values.get(key)
        if value is not None:
            self._used.add(key)
        return value

    def add(self, key: Hashable, value: Any) -> None:
        """Keep `value` for `key` (written when this run ends)."""
        if not self._added and os.getpid() == self._owner:
            atexit.register(self.write)
        self._added[key] = value
        if self._values is not None:
            self._values[key] = value

    def write(self) -> None:
        """Write what this run added, merged with the table as it is on disk now."""
        if not self._added or os.getpid() != self._owner:
            return
        table = {**self._read(), **self._added}
        if len(table) > _MAX_KEPT:
            table = {k: v for k, v in table.items() if k in self._used or k in self._added}
        try:
            data = pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        _keep(self.path(), self.name, (hashlib.sha256(data).digest(), data))
        self._added = {}

    def _read(self) -> dict[Hashable, Any]:
        """The table on disk; empty when there is none, or it is damaged (its checksum
        does not match what it holds) or cannot be read."""
        try:
            checksum, data = _read_back(self.path())
            if hashlib.sha256(data).digest() != checksum:
                return {}
            with _gc_paused():
                table = pickle.loads(data)  # nosec B301 (written by `write`, checked above)
        except Exception:  # no table yet, or one that cannot be used: start afresh
            return {}
        return table if isinstance(table, dict) else {}


_MAX_KEPT = 2000
