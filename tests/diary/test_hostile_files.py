"""Hostile folders and files: links that loop, pipes, devices and gzip bombs are named and
skipped, the rest imported; nothing is read whole into memory that no activity could fill."""

from __future__ import annotations

import gzip
import os
import tracemalloc
from pathlib import Path

import pytest
from activity_files import gpx_text, write

from crampcoach.diary.importers import (
    ActivityFileError,
    ActivityRecord,
    find_activity_files,
    read_activity,
    read_many,
)
from crampcoach.diary.importers import reader as reader_module

needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")


def _folder_with_loops(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    (folder / "sub").mkdir(parents=True)
    write(folder / "run.gpx", gpx_text())
    (folder / "self.fit").symlink_to("self.fit")  # a link to itself
    (folder / "a.gpx").symlink_to("b.gpx")  # two links to each other
    (folder / "b.gpx").symlink_to("a.gpx")
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)  # a folder loop
    (folder / "sub" / "again.fit").symlink_to("again.fit")
    return folder


@needs_links
def test_a_folder_with_symlink_loops_lists_each_loop_once_without_failing(
    tmp_path: Path,
) -> None:
    folder = _folder_with_loops(tmp_path)
    found = find_activity_files([folder, folder / "self.fit"])
    names = sorted(p.relative_to(folder).as_posix() for p in found)
    assert names == ["a.gpx", "b.gpx", "run.gpx", "self.fit", "sub/again.fit"]


@needs_links
def test_reading_a_loop_names_it_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = _folder_with_loops(tmp_path)
    results = dict(read_many(find_activity_files([folder]), workers=1))
    assert isinstance(results[folder / "run.gpx"], ActivityRecord)
    for name in ("self.fit", "a.gpx", "b.gpx", "sub/again.fit"):
        error = results[folder / name]
        assert isinstance(error, ActivityFileError)
        assert str(error) == (
            f"{folder / name}: a symbolic link that leads back to itself (a loop)"
        )


@needs_links
def test_a_link_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "export").mkdir()
    target = write(tmp_path / "elsewhere" / "run.gpx", gpx_text())
    (tmp_path / "export" / "linked.gpx").symlink_to(target)
    [found] = find_activity_files([tmp_path / "export"])
    assert read_activity(found).points == 10


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "waiting.fit"
    os.mkfifo(pipe)  # opening it to read would wait for a writer forever
    with pytest.raises(ActivityFileError, match=r"waiting\.fit: not a file"):
        read_activity(pipe)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_that_never_ends_is_refused() -> None:
    with pytest.raises(ActivityFileError, match="/dev/zero: not a file"):
        read_activity("/dev/zero")


def test_a_folder_named_as_a_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "odd.fit"
    folder.mkdir()
    with pytest.raises(ActivityFileError, match=r"odd\.fit: not a file"):
        read_activity(folder)


def test_a_plain_file_over_the_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader_module, "MAX_ACTIVITY_BYTES", 2**20)
    path = write(tmp_path / "huge.gpx", gpx_text(points=5000))
    with pytest.raises(ActivityFileError, match=r"huge\.gpx: holds more than 1 MB"):
        read_activity(path)


def _gzip_bomb(path: Path, megabytes: int) -> Path:
    """Gzip members of 1 MB of zeros, one after another: about 1 kB each on disk."""
    member = gzip.compress(bytes(2**20), compresslevel=9)
    path.write_bytes(member * megabytes)
    return path


def test_a_gzip_bomb_is_refused_while_it_is_inflated(tmp_path: Path) -> None:
    """A bomb four times the limit never takes more memory than the limit (and a chunk):
    inflating it whole, as before, peaked at twice the limit."""
    limit = reader_module.MAX_ACTIVITY_BYTES
    bomb = _gzip_bomb(tmp_path / "bomb.fit.gz", 4 * limit // 2**20)
    assert bomb.stat().st_size < limit // 50
    tracemalloc.start()
    try:
        with pytest.raises(ActivityFileError) as caught:
            read_activity(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(caught.value) == (
        f"{bomb}: gzip content unpacks to more than {limit // 2**20} MB: refused, as no "
        "activity file is that large (a damaged file or a zip bomb)"
    )
    assert peak < limit + 4 * reader_module.GZIP_CHUNK_BYTES + bomb.stat().st_size


def test_gzip_of_several_members_is_read_whole(tmp_path: Path) -> None:
    """`cat a.gz b.gz` is valid gzip; a stream of members is one file's content."""
    text = gpx_text().encode()
    half = len(text) // 2
    path = tmp_path / "run.gpx.gz"
    path.write_bytes(gzip.compress(text[:half]) + gzip.compress(text[half:]))
    assert read_activity(path).points == 10


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_an_import_of_a_folder_with_a_named_pipe_names_it_and_imports_the_rest(
    tmp_path: Path,
) -> None:
    from crampcoach.diary.repository import Diary

    folder = tmp_path / "export"
    folder.mkdir()
    write(folder / "run.gpx", gpx_text())
    os.mkfifo(folder / "pipe.fit")  # hashing it, as reading it, would wait forever
    with Diary.open(f"sqlite:///{tmp_path / 'diary.sqlite'}") as diary:
        report = diary.import_files(find_activity_files([folder]), workers=1)
    status = {o.path.name: (o.status, o.reason) for o in report.outcomes}
    assert status["run.gpx"] == ("imported", None)
    assert status["pipe.fit"] == (
        "failed",
        f"{folder / 'pipe.fit'}: not a file (a folder, a pipe or a device)",
    )
