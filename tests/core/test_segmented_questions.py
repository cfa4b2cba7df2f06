"""Reading a question written without spaces: segments, character pairs, and the scope."""

from __future__ import annotations

from crampcoach.core.segmented_questions import SegmentedReader
from crampcoach.core.story.language import han_share


def _reader() -> SegmentedReader:
    # A stand-in segmenter: whatever is between the bars is one segment.
    return SegmentedReader(
        segment=lambda text: text.split("|"),
        synonyms={"腿肚子": "小腿肚", "转筋": "抽筋"},
        stopwords=frozenset({"的", "吗"}),
        cramp_words=frozenset({"抽筋"}),
        soft_cramp_words=frozenset({"发硬"}),
        body_words=frozenset({"小腿肚", "腿"}),
        other_cramps=frozenset({"胃"}),
        animals=frozenset({"狗", "兔子"}),
        owners=("我", "我的"),
    )


def test_segments_are_read_as_their_canonical_word_and_stopwords_dropped() -> None:
    words = _reader().words("腿肚子|转筋|的|吗")
    assert words[:2] == ["小腿肚", "抽筋"]
    assert "的" not in words and "吗" not in words


def test_adjacent_characters_are_words_too_whatever_the_segmenter_did() -> None:
    words = _reader().words("缺不缺|钙")
    assert "缺钙" not in words  # a bar is no character of the question
    assert {"缺不", "不缺"} <= set(_reader().words("缺不缺钙"))
    assert "缺钙" in _reader().words("缺不缺钙")


def test_latin_words_and_numbers_stay_and_punctuation_goes() -> None:
    assert _reader().words("half|marathon|，|10|公里")[:3] == ["half", "marathon", "10"]


def test_a_cramp_word_or_a_seized_body_part_is_in_scope() -> None:
    reader = _reader()
    assert reader.scope({"抽筋"}) is not None
    assert reader.scope({"腿", "发硬"}) is not None
    assert reader.scope({"发硬"}) is None  # a soft word alone: maybe bread
    assert reader.scope({"电池"}) is None


def test_another_organs_cramp_is_out_of_scope_unless_a_muscle_is_named() -> None:
    reader = _reader()
    assert reader.scope({"胃", "抽筋"}) is None and reader.names_another_organ({"胃", "抽筋"})
    assert reader.scope({"胃", "抽筋", "腿"}) is not None


def test_an_animals_cramp_is_out_of_scope_unless_the_asker_names_their_own_body() -> None:
    reader = _reader()
    pet = "兔子的腿抽筋了"
    assert reader.about_an_animal({"腿", "抽筋"}, pet) and reader.scope({"抽筋"}, text=pet) is None
    own = "带狗散步时我的腿抽筋"
    assert not reader.about_an_animal({"腿", "抽筋"}, own)
    assert reader.scope({"腿", "抽筋"}, text=own) is not None


def test_the_share_of_han_characters_tells_chinese() -> None:
    assert han_share("跑完half marathon小腿抽筋") > 0.3
    assert han_share("does pickle juice help? 抽筋") < 0.3
    assert han_share("1234 !!") == 0.0
