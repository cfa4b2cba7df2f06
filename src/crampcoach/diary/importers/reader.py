"""Find watch files, tell their format from their bytes, and read one or many of them."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import gzip
import hashlib
import io
import multiprocessing
import os
import re
import stat
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path

from crampcoach.diary.importers.record import ActivityFileError, ActivityRecord
from crampcoach.i18n import N_, NP_
from crampcoach.message import Message

ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz")
# Below this many files a process pool costs more to start than it saves (see bench/).
MIN_FILES_FOR_POOL = 24
# The most a file may hold, gzipped or not: a real activity is a few MB (3.4 MB for nearly 2 h
# of Polar TCX at one point a second), so 128 MB is about three days of such points. A gzip bomb is
# inflated a chunk at a time and refused once past it, never held whole.
MAX_ACTIVITY_BYTES = 128 * 2**20
GZIP_CHUNK_BYTES = 2**20

FORMATS = ("fit", "gpx", "tcx")
_GPX_ROOT = re.compile(rb"<(?:[\w.-]+:)?gpx[\s>/]")
_TCX_ROOT = re.compile(rb"<(?:[\w.-]+:)?TrainingCenterDatabase[\s>/]")
_KNOWN_MAGIC = (
    (b"\x89PNG", N_("a PNG image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
    (b"PK\x03\x04", N_("a ZIP archive (unpack it first)")),
    (b"%PDF", N_("a PDF document")),
)


def find_activity_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand folders recursively into their .fit/.gpx/.tcx(.gz) files; keep named files as given.

    Folder contents come sorted; hidden files and folders (such as macOS "._x.fit") are skipped;
    a path named twice is listed once. A named file that is missing or of another kind stays
    in the list, so reading it reports the problem for that file alone.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        batch = sorted(_walk(path), key=lambda p: p.as_posix()) if path.is_dir() else [path]
        for file in batch:
            key = _identity(file)
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def _identity(file: Path) -> Path:
    """The file a path leads to, to list it once; a link that loops (which `resolve` refuses
    with RuntimeError before Python 3.13) is its own, and reading it names the loop."""
    try:
        return file.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(file))


def _walk(folder: Path) -> Iterator[Path]:
    # Links to folders are not followed (as find and rsync do not), so a loop of linked
    # folders cannot trap the search; a linked file is read like any other.
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(ACTIVITY_SUFFIXES):
                yield Path(directory, name)


def read_activity(path: str | os.PathLike[str]) -> ActivityRecord:
    """Read one FIT, GPX or TCX file, plain or gzipped, whatever its extension says.

    Raises ActivityFileError (NotAnActivityError for a readable file without an activity)
    whose message starts with the path and says why.
    """
    file = Path(path)
    stored = _read_stored(file)
    try:
        data = _gunzip(stored) if stored[:2] == b"\x1f\x8b" else stored
        file_format = _detect_format(file, data)
        try:
            record = _parser(file_format)(data)
        except ActivityFileError:
            raise
        except Exception as exc:  # any parser failure is a fact about this file, not a crash
            raise ActivityFileError(
                N_("unreadable {format} ({reason})"),
                format=file_format.upper(),
                reason=_describe(exc),
            ) from exc
    except ActivityFileError as exc:
        located = type(exc)(N_("{where}: {problem}"), where=file, problem=exc.message)
        raise located from exc.__cause__
    return dataclasses.replace(
        record, source_path=str(file), source_sha256=hashlib.sha256(stored).hexdigest()
    )


def _read_stored(file: Path) -> bytes:
    """The file's bytes as stored, at most MAX_ACTIVITY_BYTES of them."""
    with _open_file(file) as handle:
        try:
            stored = handle.read(MAX_ACTIVITY_BYTES + 1)  # bounded, should the file grow
        except OSError as exc:
            raise _unreadable(file, exc) from None
    if len(stored) > MAX_ACTIVITY_BYTES:
        raise ActivityFileError(
            N_("{file}: holds more than {limit} MB: refused, as no activity file is that large"),
            file=file,
            limit=MAX_ACTIVITY_BYTES // 2**20,
        )
    return stored


def stored_sha256(path: Path) -> str | None:
    """sha256 of a file's bytes as stored (as `read_activity` gives it); None when it cannot
    be read or is no file (reading it then says why)."""
    try:
        with _open_file(path) as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (ActivityFileError, OSError):
        return None


def _open_file(file: Path) -> io.BufferedReader:
    """`file` opened to read, if it is a file.

    Opened without blocking, so that a named pipe called x.fit is refused, not waited on;
    a folder, a pipe or a device (/dev/zero, which never ends) is not a file to read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(file, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ActivityFileError(
                N_("{file}: a symbolic link that leads back to itself (a loop)"),
                file=file,
            ) from None
        raise _unreadable(file, exc) from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise ActivityFileError(N_("{file}: not a file (a folder, a pipe or a device)"), file=file)
    return open(descriptor, "rb")  # the caller closes it


def _parser(file_format: str) -> Callable[[bytes], ActivityRecord]:
    # Imported on first use: the parser libraries take ~80 ms to import, which commands that
    # read no file should not pay.
    if file_format == "fit":
        from crampcoach.diary.importers.fit import parse_fit

        return parse_fit
    if file_format == "gpx":
        from crampcoach.diary.importers.gpx import parse_gpx

        return parse_gpx
    from crampcoach.diary.importers.tcx import parse_tcx

    return parse_tcx


def _unreadable(file: Path, exc: OSError) -> ActivityFileError:
    return ActivityFileError(
        N_("{file}: cannot read ({reason})"), file=file, reason=exc.strerror or str(exc)
    )


def _gunzip(stored: bytes) -> bytes:
    """The content of gzip data, inflated a chunk at a time and refused as soon as it passes
    MAX_ACTIVITY_BYTES: a gzip bomb never takes more memory than that (and a chunk)."""
    chunks: list[bytes] = []  # not a growing buffer, which would over-allocate
    size = 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(stored)) as inflating:  # every member
            while chunk := inflating.read(GZIP_CHUNK_BYTES):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_ACTIVITY_BYTES:
                    raise ActivityFileError(
                        N_(
                            "gzip content unpacks to more than {limit} MB: refused, as no "
                            "activity file is that large (a damaged file or a zip bomb)"
                        ),
                        limit=MAX_ACTIVITY_BYTES // 2**20,
                    )
    except EOFError:
        raise ActivityFileError(N_("truncated gzip file")) from None
    except (OSError, zlib.error) as exc:
        raise ActivityFileError(N_("damaged gzip data ({reason})"), reason=str(exc)) from None
    return b"".join(chunks)


def _detect_format(file: Path, data: bytes) -> str:
    """The format ("fit", "gpx" or "tcx") from the content; the extension only shapes errors."""
    if not data or data.isspace():
        raise ActivityFileError(N_("empty file"))
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 XML, as some old exports are
        head = head.decode("utf-16", errors="ignore").encode()
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        if _TCX_ROOT.search(head):
            return "tcx"
        if _GPX_ROOT.search(head):
            return "gpx"
        raise ActivityFileError(N_("XML, but neither GPX nor TCX"))
    expected = _expected_format(file)
    what = next((Message(name) for magic, name in _KNOWN_MAGIC if data.startswith(magic)), None)
    if what is None and expected == "fit" and len(data) < 12:
        what = Message(
            NP_(
                "only {count} byte, shorter than a FIT header",
                "only {count} bytes, shorter than a FIT header",
            ),
            {"count": len(data)},
        )
    if what is None and data[:64].isascii() and not any(b < 9 for b in data[:64]):
        what = Message(N_("plain text"))
    if expected and what:
        raise ActivityFileError(
            N_("not a {format} file ({what})"), format=expected.upper(), what=what
        )
    if expected:
        raise ActivityFileError(N_("not a {format} file"), format=expected.upper())
    if what:
        raise ActivityFileError(N_("not a FIT, GPX or TCX file ({what})"), what=what)
    raise ActivityFileError(N_("not a FIT, GPX or TCX file"))


def _expected_format(file: Path) -> str | None:
    name = file.name.lower().removesuffix(".gz")
    return next((fmt for fmt in FORMATS if name.endswith(f".{fmt}")), None)


def _describe(exc: Exception) -> str:
    """A short reason from a parser's exception, which is often terse or empty."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    kind = type(exc).__name__
    return f"{kind}: {text}" if text else kind


def _read_one(path: Path) -> ActivityRecord | ActivityFileError:
    try:
        return read_activity(path)
    except ActivityFileError as exc:
        return exc


def _cores() -> int:
    """Cores this process may run on (fewer than the machine's in a container or under taskset)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _pool_context() -> multiprocessing.context.BaseContext:
    """Forkserver where there is one: forking a process that runs threads (a progress bar's
    refresher) can deadlock; its server imports the parsers once for every worker."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([f"{__package__}.{fmt}" for fmt in FORMATS])
    return context


def _watch_importer(alive: Connection) -> None:
    """A pool worker's initializer: end the worker when the importing process is gone.

    Killed (kill -9), the importer cannot stop its pool, and a worker would wait for work
    forever, keeping the forkserver alive with it. `alive` is the read end of a pipe whose
    only write end the importer holds: it reads end-of-file once the importer is gone.
    """

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            alive.recv_bytes()
        os._exit(1)  # nobody is left to hear this worker's results

    threading.Thread(target=watch, name="crampcoach-importer-watch", daemon=True).start()


def read_many(
    paths: Iterable[str | os.PathLike[str]], workers: int | None = None
) -> Iterator[tuple[Path, ActivityRecord | ActivityFileError]]:
    """Read files (not folders: see find_activity_files), yielding (path, record or error) in order.

    Uses a process pool of `workers` processes (default: every core) when there are enough
    files to pay for starting it, and reads in this process otherwise. The pool's workers
    import the main module, so a script calling this needs an `if __name__ == "__main__":` guard.
    The workers end with this process, however it ends (_watch_importer).
    """
    files = [Path(p) for p in paths]
    workers = min(workers if workers is not None else _cores(), len(files))
    if workers <= 1 or len(files) < MIN_FILES_FOR_POOL:
        for file in files:
            yield file, _read_one(file)
        return
    chunk = max(1, min(16, len(files) // (workers * 8)))
    context = _pool_context()
    alive, importing = context.Pipe(duplex=False)  # the workers hold `alive`, we `importing`
    executor = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_watch_importer, initargs=(alive,)
    )
    try:
        yield from zip(files, executor.map(_read_one, files, chunksize=chunk), strict=True)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        alive.close()
        importing.close()
