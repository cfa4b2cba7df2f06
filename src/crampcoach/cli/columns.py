"""Tables that fit the screen: columns chosen by its width, a number or a header never cut.

Rich shrinks a table that is too wide by cutting its widest columns ("musc…", "0:02…"),
whatever they hold. A `FittedTable` chooses when it is drawn, from the width it is given:
each column gets at least what it cannot do without (its header's longest word, and its
longest cell when the cells are kept whole, as numbers, times and ids are, or its longest
word when they may wrap between words), the width left goes to the most useful columns
first, and when the columns do not fit even so, the least useful is left out (first one
with nothing in it), and a line under the table says which were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
from rich.table import Table

from crampcoach.i18n import N_, Translator

GAP = 2  # between two columns: one space of padding and the (blank) separator
LONGEST_WORD = 16  # a longer word in free text (a path, a URL) folds rather than widen


@dataclass(frozen=True)
class Column:
    """A column: its header, its cells, and how it may be drawn.

    `keep`: when the screen is too narrow, the column with the lowest is left out first.
    `whole`: every cell stays on one line (a number, a time, an id); else a cell wraps
    between its words, and a word is cut only when it is longer than LONGEST_WORD.
    """

    header: str
    cells: Sequence[str]
    keep: int = 0
    whole: bool = True
    justify: JustifyMethod = "left"

    @property
    def empty(self) -> bool:
        return not any(cell.strip() for cell in self.cells)

    @property
    def sparse(self) -> bool:
        """Filled in for fewer than a quarter of its rows."""
        return 4 * sum(bool(cell.strip()) for cell in self.cells) < len(self.cells)

    @property
    def least(self) -> int:
        """The narrowest this column can be without cutting a header word or a value."""
        cells = (
            [cell_len(cell) for cell in self.cells]
            if self.whole
            else [min(_longest_word(cell), LONGEST_WORD) for cell in self.cells]
        )
        return max([_longest_word(self.header), *cells])

    @property
    def most(self) -> int:
        """The width that shows its header and every cell on one line."""
        return max(cell_len(text) for text in [self.header, *self.cells])


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


class FittedTable:
    """Rows of columns, drawn to the width of the screen (see the module's docstring)."""

    def __init__(self, columns: Sequence[Column], t: Translator) -> None:
        self.columns = list(columns)
        self.t = t

    def chosen(self, width: int) -> list[Column]:
        """The columns shown at `width`, in their order."""
        shown = list(self.columns)
        dropping = sorted(self.columns, key=lambda c: (not c.empty, c.keep))
        while len(shown) > 1 and _needed(shown) > width:
            shown.remove(dropping.pop(0))
        # A column seldom filled in goes too when keeping it would wrap the others' rows.
        sparse = [c for c in dropping if c.sparse]
        while sparse and _needed(shown, lambda c: c.most) > width:
            shown.remove(sparse.pop(0))
        return shown

    def table(self, width: int) -> Table:
        """The table drawn at most `width` columns wide."""
        shown = self.chosen(width)
        widths = {id(c): c.least for c in shown}
        spare = width - _needed(shown)
        by_use = sorted(shown, key=lambda c: -c.keep)
        # First whole lines for the most useful columns that can have them, then the rest.
        for column in by_use:
            if column.most - widths[id(column)] <= spare:
                spare -= column.most - widths[id(column)]
                widths[id(column)] = column.most
        for column in by_use:
            more = max(0, min(spare, column.most - widths[id(column)]))
            widths[id(column)] += more
            spare -= more
        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            padding=(0, 1, 0, 0),
            header_style="bold",
        )
        for column in shown:
            table.add_column(
                column.header,
                width=widths[id(column)],
                justify=column.justify,
                overflow="fold",
            )
        for row in zip(*(column.cells for column in shown), strict=True):
            table.add_row(*row)
        left_out = [c.header for c in self.columns if all(c is not s for s in shown)]
        if left_out:
            table.caption = self.t(
                N_("Not shown at this width: {columns} (--json shows everything)."),
                columns=", ".join(left_out),
            )
            table.caption_justify = "left"
            table.caption_style = "dim"
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Wrapped even when printed with soft_wrap (the diary's console): the note under it.
        wrapping = options.update(no_wrap=False, overflow="fold")
        yield from console.render(self.table(options.max_width), wrapping)


def _needed(columns: Iterable[Column], width: Callable[[Column], int] | None = None) -> int:
    """The width `columns` take side by side, each at `width` (at its least by default)."""
    columns = list(columns)
    each = width or (lambda c: c.least)
    return sum(each(c) for c in columns) + GAP * (len(columns) - 1)
