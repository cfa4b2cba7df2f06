"""Tables fitted to the screen (cli/columns.py), drawn on a Rich console of fixed width.

At 60, 80 and 120 columns: no line wider than the screen, no '…', every header word and
every number, time and date whole on one line, every word of a text whole; what is left
out at a width is the least useful and is named under the table.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from rich.cells import cell_len
from rich.console import Console

from crampcoach.cli.columns import LONGEST_WORD, Column, FittedTable
from crampcoach.cli.diary.lists import cramp_columns, session_columns
from crampcoach.diary.records import Cramp, Session
from crampcoach.i18n import PSEUDO, Translator

T = Translator("en")
WIDTHS = (60, 80, 120)
START = datetime(2024, 4, 14, 9, 0, tzinfo=UTC)

SESSIONS = [
    Session(id=7, sport="other", start=START - timedelta(days=3000), duration_s=4239,
            distance_m=4580.1),
    Session(id=1, sport="fitness_equipment", start=START - timedelta(days=2500),
            duration_s=1707.3, distance_m=0, avg_heart_rate=132),
    Session(id=12, sport="multisport", start=START - timedelta(days=2000), duration_s=34256.5,
            distance_m=227190.0, avg_heart_rate=136, temperature_c=30.4),
    Session(id=22, sport="cycling", start=START - timedelta(days=1000), duration_s=658,
            distance_m=3600, avg_heart_rate=119, temperature_c=-3.5),
    Session(id=126, sport="running", start=START, duration_s=12600, distance_m=42195,
            avg_heart_rate=151, temperature_c=29, effort="race"),
]  # fmt: skip
CRAMPS = [
    Cramp(id=2, time=START - timedelta(days=3000, minutes=-40), muscle="hamstring", severity=4,
          duration_s=45, session_id=7, relieved_by="walking"),
    Cramp(id=4, time=START - timedelta(days=2000, hours=-2), muscle="quadriceps", severity=10,
          duration_s=720, session_id=12),
    Cramp(id=3, time=START - timedelta(days=40), muscle="foot", severity=5, duration_s=180,
          at_night=True, relieved_by="flexing the toes up"),
    Cramp(id=11, time=START + timedelta(hours=3, minutes=10), muscle="calf", severity=7,
          duration_s=120, session_id=126, relieved_by="stretching the calf against a wall"),
]  # fmt: skip
STARTS = {s.id: s.start for s in SESSIONS}
TABLES = {
    "sessions": lambda t: session_columns(SESSIONS, t),
    "cramps": lambda t: cramp_columns(CRAMPS, STARTS, t),
}


def draw(table: FittedTable, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, legacy_windows=False).print(table)
    return out.getvalue()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_diary_table_fits_the_width_and_cuts_no_header_number_or_word(
    name: str, width: int
) -> None:
    columns = TABLES[name](T)
    table = FittedTable(columns, T)
    text = draw(table, width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    assert "…" not in text
    lines = [line.split() for line in text.splitlines()]
    words = {word for line in lines for word in line}
    shown = table.chosen(width)
    for column in shown:
        assert set(column.header.split()) <= words, column.header
        for cell in column.cells:
            if column.whole:  # a number, a time or an id: whole, on one line
                assert any(cell in " ".join(line) for line in lines), cell
            else:
                assert set(cell.split()) <= words, cell
    left_out = [c.header for c in columns if c not in shown]
    if left_out:
        assert "Not shown at this width: " + ", ".join(left_out) in " ".join(text.split())
    else:
        assert "Not shown" not in text


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_wide_screen_shows_every_column_and_a_narrow_one_keeps_the_most_useful(
    name: str,
) -> None:
    columns = TABLES[name](T)
    assert FittedTable(columns, T).chosen(120) == columns
    narrow = [c.header for c in FittedTable(columns, T).chosen(60)]
    assert narrow[:3] == [c.header for c in columns[:3]]  # id, its time, what it was
    assert len(narrow) < len(columns)


def test_a_table_in_another_language_fits_too() -> None:
    t = Translator(PSEUDO)
    for name in TABLES:
        text = draw(FittedTable(TABLES[name](t), t), 60)
        assert max(cell_len(line) for line in text.splitlines()) <= 60
        assert "…" not in text


def test_an_empty_column_goes_first_then_the_least_useful() -> None:
    columns = [
        Column("id", ["1", "2"], keep=9),
        Column("a wide note", ["x" * 30, "y" * 30], keep=5),
        Column("blank", ["", ""], keep=8),
        Column("useless", ["12345678901234567890", "1"], keep=1),
    ]
    table = FittedTable(columns, T)
    assert table.chosen(100) == columns
    assert [c.header for c in table.chosen(60)] == ["id", "a wide note", "useless"]
    assert [c.header for c in table.chosen(40)] == ["id", "a wide note"]


def test_a_column_seldom_filled_goes_when_it_would_wrap_the_others() -> None:
    dates = ["2024-04-14 09:00"] * 8
    columns = [
        Column("when", dates, keep=9, whole=False),
        Column("what", ["running"] * 8, keep=8, whole=False),
        Column("note", ["hot"] + [""] * 7, keep=7),
    ]
    table = FittedTable(columns, T)
    assert table.chosen(40) == columns
    assert table.chosen(26) == columns[:2]  # with the note, the dates would wrap
    assert "2024-04-14 09:00" in draw(table, 26)


def test_a_word_longer_than_a_column_may_be_folds_and_is_not_cut() -> None:
    path = "/home/someone/a-very-long-folder-name/and/a/file.fit"
    table = FittedTable([Column("id", ["1"], keep=9), Column("source", [path], whole=False)], T)
    text = draw(table, 30)
    assert "…" not in text
    assert path in "".join(text.split())  # folded over lines, every character kept
    assert len(path) > LONGEST_WORD
