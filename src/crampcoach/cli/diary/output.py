"""What the diary commands print: JSON on stdout, or lines and tables for a person."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Any

from rich.console import Console


def screen() -> Console:
    """The console for a person, made as it prints: its width is the terminal's (or
    COLUMNS) then, not what it was when this module was imported."""
    return Console(highlight=False, soft_wrap=True)


def print_json(data: Any) -> None:
    """JSON on stdout, nothing else."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def clock(seconds: float | None) -> str:
    """Seconds as h:mm:ss."""
    if seconds is None:
        return ""
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
