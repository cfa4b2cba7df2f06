"""Find watch files, tell their format from their bytes, and read one or many of them."""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from crampcoach.diary.importers.record import ActivityFileError, ActivityRecord
from crampcoach.i18n import N_
from crampcoach.message import Message

ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz")
# Below this many files a process pool costs more to start than it saves (see bench/).
MIN_FILES_FOR_POOL = 24
# An activity is a few MB at most; refuse to inflate a gzip bomb into memory.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024

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
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def _walk(folder: Path) -> Iterator[Path]:
    for directory, subdirs, files in os.walk(folder):  # does not follow symlinked folders
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
    try:
        stored = file.read_bytes()
    except OSError as exc:
        raise ActivityFileError(
            N_("{file}: cannot read ({reason})"), file=file, reason=exc.strerror or str(exc)
        ) from None
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


def _gunzip(stored: bytes) -> bytes:
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip header and trailer
    try:
        data = inflater.decompress(stored, MAX_UNCOMPRESSED_BYTES)
    except zlib.error as exc:
        raise ActivityFileError(N_("damaged gzip data ({reason})"), reason=str(exc)) from None
    if inflater.unconsumed_tail:
        raise ActivityFileError(
            N_("gzip content larger than {limit} bytes"), limit=MAX_UNCOMPRESSED_BYTES
        )
    if not inflater.eof:
        raise ActivityFileError(N_("truncated gzip file"))
    return data


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
        what = Message(N_("only {count} bytes, shorter than a FIT header"), {"count": len(data)})
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


def read_many(
    paths: Iterable[str | os.PathLike[str]], workers: int | None = None
) -> Iterator[tuple[Path, ActivityRecord | ActivityFileError]]:
    """Read files (not folders: see find_activity_files), yielding (path, record or error) in order.

    Uses a process pool of `workers` processes (default: every core) when there are enough
    files to pay for starting it, and reads in this process otherwise. The pool's workers
    import the main module, so a script calling this needs an `if __name__ == "__main__":` guard.
    """
    files = [Path(p) for p in paths]
    workers = min(workers if workers is not None else _cores(), len(files))
    if workers <= 1 or len(files) < MIN_FILES_FOR_POOL:
        for file in files:
            yield file, _read_one(file)
        return
    chunk = max(1, min(16, len(files) // (workers * 8)))
    executor = ProcessPoolExecutor(workers, mp_context=_pool_context())
    try:
        yield from zip(files, executor.map(_read_one, files, chunksize=chunk), strict=True)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
