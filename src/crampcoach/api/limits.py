"""How much a request may carry: the body caps, and the files of one upload."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024
# Endpoints whose body may be larger than a JSON request: watch files, a diary export.
UPLOAD_PATHS = frozenset({"/api/v1/imports", "/api/v1/restore"})


@dataclass(frozen=True)
class Limits:
    """The caps the API enforces; `create_app(limits=...)` changes them (tests use small ones)."""

    json_bytes: int = 1 * MIB  # the body of any request but an upload
    upload_bytes: int = 32 * MIB  # the body of an upload (/imports) or a restore
    file_bytes: int = 16 * MIB  # one watch file of an upload
    files: int = 20  # watch files in one upload
    upload_paths: frozenset[str] = UPLOAD_PATHS  # the paths whose cap is `upload_bytes`

    def body_cap(self, path: str) -> int:
        """The most bytes a request to `path` may send."""
        return self.upload_bytes if path.rstrip("/") in self.upload_paths else self.json_bytes
