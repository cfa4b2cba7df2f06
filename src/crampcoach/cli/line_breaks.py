"""Where a line of Chinese may break on a terminal: between characters, as Chinese is set.

Rich breaks a line only at spaces, and folds a run without them anywhere: a line ended
with "（90" and "分钟" began the next, or a line began with "）". `break_offsets` is the
rule a Chinese screen breaks by: between any two Han characters, but never inside a
number and its unit ("90 分钟", "2.4 倍", "40 °C"), never before closing punctuation
(，。、）」) and never after opening punctuation (（「). `Prose` is a Rich `Text` that
wraps so when it holds Han characters (and as Rich does when it holds none), and
`ProseConsole` a `Console` whose strings are `Prose`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len, chop_cells
from rich.console import Console, Group
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import ConsoleOptions, JustifyMethod, OverflowMethod

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Never at the start of a line: they close what came before them.
CLOSING = frozenset("，。、；：！？）」』》〉】〕”’…,.;:!?)]}%")
# Never at the end of a line: they open what comes after them.
OPENING = frozenset("（「『《〈【〔“‘([{")
NUMBER = re.compile(r"[0-9][0-9.,]*%?$")
UNIT_CHARACTERS = 2  # Han characters after a number held with it: 分钟, 公里, 万名, 倍
LATIN_UNIT = 3  # a short word after a number is its unit: °C, km, kg, ml, h


def _atoms(text: str) -> list[tuple[int, int]]:
    """The pieces no line may break inside, as (start, end): each Han character or other
    sign, each run of letters and digits; spaces between them are where lines may break."""
    atoms: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            index += 1
            continue
        end = index + 1
        if not (HAN.match(char) or char in CLOSING or char in OPENING):
            while end < len(text) and not (
                text[end].isspace()
                or HAN.match(text[end])
                or text[end] in OPENING
                or (text[end] in CLOSING and not _inside_number(text, end))
            ):
                end += 1
        atoms.append((index, end))
        index = end
    return atoms


def _inside_number(text: str, index: int) -> bool:
    """A point or comma between digits ("2.4", "1,000") is part of the number."""
    return (
        text[index] in ".,"
        and index > 0
        and text[index - 1].isdigit()
        and index + 1 < len(text)
        and text[index + 1].isdigit()
    )


def _held(text: str) -> list[tuple[int, int]]:
    """The atoms joined where no line may break: a number with its unit, closing
    punctuation with what it closes, opening punctuation with what it opens."""
    held: list[tuple[int, int]] = []
    unit_left = 0  # Han characters that may still join the number before them
    for start, end in _atoms(text):
        piece = text[start:end]
        han = HAN.match(piece) is not None
        before = text[held[-1][0] : held[-1][1]] if held else ""
        adjacent = bool(held) and held[-1][1] == start
        if adjacent and (piece[0] in CLOSING or before[-1] in OPENING):
            joins, unit_left = True, 0
        elif han and unit_left > 0:
            joins, unit_left = True, unit_left - 1
        elif (
            NUMBER.search(before)
            and not han
            and len(piece) <= LATIN_UNIT
            and not piece[0].isdigit()
            and piece[0] not in OPENING
        ):
            joins, unit_left = True, 0
        else:
            joins, unit_left = False, 0
        if joins:
            held[-1] = (held[-1][0], end)
        else:
            held.append((start, end))
        if NUMBER.search(piece):
            unit_left = UNIT_CHARACTERS
    return held


def break_offsets(text: str, width: int) -> list[int]:
    """Where to start each new line of `text` (one line, no newline) so that every line
    fits in `width` cells: the offsets for `rich.text.Text.divide`. A piece wider than a
    line is cut where it must."""
    offsets: list[int] = []
    used = 0  # cells on the line so far
    previous_end = 0
    for start, end in _held(text):
        if not previous_end:
            start = 0  # the text's leading spaces are on its first line
        gap = cell_len(text[previous_end:start]) if used else 0
        size = cell_len(text[start:end])
        if used and used + gap + size > width:
            offsets.append(start)
            used, gap = 0, 0
        if size > width:
            position = start
            chunks = chop_cells(text[start:end], max(width, 1))
            for chunk in chunks[:-1]:
                position += len(chunk)
                offsets.append(position)
            used = cell_len(chunks[-1])
        else:
            used += gap + size
        previous_end = end
    return [offset for offset in offsets if 0 < offset < len(text)]


def narrowest(text: str) -> int:
    """The widest piece of `text` no line may break inside: the narrowest it can be set."""
    return max(
        (cell_len(text[s:e]) for line in text.splitlines() for s, e in _held(line)), default=0
    )


class Prose(Text):
    """Text that breaks its lines by `break_offsets` when it holds Han characters."""

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        if no_wrap or self.no_wrap or overflow == "ignore" or not HAN.search(self.plain):
            return super().wrap(
                console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                no_wrap=no_wrap,
            )  # fmt: skip
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            pieces = line.divide(break_offsets(line.plain, width))
            for piece in pieces:
                piece.rstrip_end(width)
            pieces.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for piece in pieces:
                piece.truncate(width, overflow=wrap_overflow)
            lines.extend(pieces)
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        measured = super().__rich_measure__(console, options)
        if not HAN.search(self.plain):
            return measured
        return Measurement(min(narrowest(self.plain), measured.maximum), measured.maximum)

    @classmethod
    def of(cls, text: Text) -> Prose:
        """`text` as Prose: its letters, styles and settings."""
        prose = cls(
            text.plain,
            style=text.style,
            justify=text.justify,
            overflow=text.overflow,
            no_wrap=text.no_wrap,
            end=text.end,
            tab_size=text.tab_size,
        )
        prose.spans = list(text.spans)
        return prose


class ProseConsole(Console):
    """A Console whose strings are `Prose`: a Chinese screen breaks as Chinese is set."""

    def render_str(self, text: str, **options: Any) -> Text:
        return Prose.of(super().render_str(text, **options))

    def print(self, *objects: Any, **options: Any) -> None:
        """As Rich prints, but a lone string or Text of Chinese is set as Prose: Rich joins
        the text objects of one call into a plain Text, which would wrap as Rich does."""
        if len(objects) == 1 and isinstance(objects[0], str | Text):
            lone = objects[0]
            if HAN.search(str(lone)):
                markup = {k: options[k] for k in ("markup", "emoji", "highlight") if k in options}
                text = lone if isinstance(lone, Text) else self.render_str(lone, **markup)
                objects = (Group(Prose.of(text)),)
        super().print(*objects, **options)
