"""Chinese lines break between characters, never inside a number and its unit, never
before closing punctuation nor after opening punctuation (cli/line_breaks.py)."""

from __future__ import annotations

from io import StringIO
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from crampcoach.cli.line_breaks import CLOSING, OPENING, Prose, ProseConsole, break_offsets

WHY = (
    "符合：比平时强度大，或是比赛；长时间运动（90 分钟及以上）。当肌肉的工作强度或时长超出"
    "训练水平时，让它收紧的神经信号似乎会变强（一般建议）。在 10-15 °C 的水中，约 2.4 倍，"
    "减轻 1 千克约等于 1 升汗液，目标是不超过约 2%。「漂浮求生」(S60)。"
)


def lines_of(text: str, width: int) -> list[str]:
    offsets = [0, *break_offsets(text, width), len(text)]
    return [text[a:b].rstrip() for a, b in pairwise(offsets)]


@pytest.mark.parametrize("width", range(8, 61))
def test_every_line_fits_and_breaks_where_chinese_may(width: int) -> None:
    lines = lines_of(WHY, width)
    assert "".join(line.replace(" ", "") for line in lines) == WHY.replace(" ", "")
    assert all(cell_len(line) <= width for line in lines)
    assert [line for line in lines[1:] if line[0] in CLOSING] == []
    assert [line for line in lines[:-1] if line[-1] in OPENING] == []


@pytest.mark.parametrize("width", range(10, 61))  # the widest: "（90 分钟"
@pytest.mark.parametrize("held", ["（90 分钟", "10-15 °C", "2.4 倍，", "1 千克", "2%。", "(S60)。"])
def test_a_number_and_its_unit_stay_on_one_line(width: int, held: str) -> None:
    assert any(held in line for line in lines_of(WHY, width)), held


def test_a_line_may_break_between_any_two_han_characters() -> None:
    assert lines_of("一二三四五六七八九十", 6) == ["一二三", "四五六", "七八九", "十"]


def test_punctuation_goes_with_the_character_it_opens_or_closes() -> None:
    assert lines_of("（一二三四五）", 4) == ["（一", "二三", "四", "五）"]


def test_a_piece_wider_than_the_line_is_cut() -> None:
    assert lines_of("1234567890", 4) == ["1234", "5678", "90"]


@given(
    st.text(
        alphabet=st.sampled_from(list("抽筋小腿肚热水盐，。、（）「」 0123456789.°Ckm%")),
        max_size=80,
    ),
    st.integers(min_value=6, max_value=40),
)
def test_any_text_keeps_every_character_and_fits(text: str, width: int) -> None:
    offsets = break_offsets(text, width)
    assert offsets == sorted(set(offsets)) and all(0 < o < len(text) for o in offsets)
    for line in lines_of(text, width):
        assert cell_len(line) <= width


def render(renderable: object, width: int, console: type[Console] = Console) -> list[str]:
    out = console(file=StringIO(), width=width, color_system=None)
    out.print(renderable)
    file = out.file
    assert isinstance(file, StringIO)
    return [line.rstrip(" │") for line in file.getvalue().splitlines()]


def test_prose_in_a_panel_breaks_by_the_rule_where_rich_would_not() -> None:
    rich_lines = [line.strip("│ ") for line in render(Panel(Text(WHY)), 34)]
    prose_lines = [line.strip("│ ") for line in render(Panel(Prose(WHY)), 34)]
    assert any(line and line[0] in CLOSING for line in rich_lines)  # what was wrong
    assert not any(line and line[0] in CLOSING for line in prose_lines)
    assert not any(line and line[-1] in OPENING for line in prose_lines)


@pytest.mark.parametrize("printed", [WHY, Text(WHY)])
def test_a_prose_console_breaks_its_strings_by_the_rule(printed: str | Text) -> None:
    assert any(line and line[0] in CLOSING for line in render(printed, 30))  # plain Rich
    lines = [line.strip() for line in render(printed, 30, ProseConsole)]
    assert not any(line and line[0] in CLOSING for line in lines)
    assert "".join(lines).replace(" ", "") == WHY.replace(" ", "")


def test_english_is_wrapped_as_rich_wraps_it() -> None:
    english = "Stop what you are doing (general advice), then stretch the calf for 30 s."
    assert render(Prose(english), 25) == render(Text(english), 25)


def test_a_table_column_may_be_as_narrow_as_the_widest_unbroken_piece() -> None:
    measured = Prose(WHY).__rich_measure__(Console(), Console().options)
    assert measured.minimum == cell_len("（90 分钟")
    assert measured.maximum == cell_len(WHY)
