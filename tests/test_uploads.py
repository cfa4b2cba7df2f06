"""Uploads copied aside: refused files are known before anything is read."""

from __future__ import annotations

import io

from crampcoach.uploads import Upload, stage


def test_refused_files_are_known_before_anything_is_read() -> None:
    staged = stage(
        [Upload("notes.txt", io.BytesIO(b"x")), Upload("big.fit", io.BytesIO(b"y" * 50))],
        file_cap=10,
    )
    assert [o.status for o in staged.outcomes if o] == ["rejected", "rejected"]
    assert staged.names == {}
    staged.discard()
    assert not staged.folder.exists()
