"""zh-Hant: the zh-Hans catalogue in Traditional characters (OpenCC s2twp), made once.

Every text of it must be Traditional: made Simplified (OpenCC t2s) and made Traditional
again character by character (s2tw, without s2twp's Taiwan words, and with the
corrections of OpenCC's misreadings), it comes back as it was; a Simplified character
left in it would come back Traditional.
What is not Chinese (numbers, ids, source ids, {placeholders}) must not change at all.
"""

from __future__ import annotations

import re

import opencc
import pytest

from crampcoach.i18n import (
    CORRECTIONS,
    Translator,
    choose_language,
    converter,
    languages,
    translated_ids,
)

HAN = re.compile(r"[\u3400-\u9fff]+")
NOT_HAN = re.compile(r"[\x00-\x7f]+")  # digits, letters, ids, {placeholders}, units


def texts(lang: str) -> dict[object, str]:
    """The catalogue's texts by message id (a plural's by (id, form))."""
    catalogue = Translator(lang)._catalogue
    table: dict[object, str] = getattr(catalogue, "_catalog", {})
    return {key: text for key, text in table.items() if key and text}


def simplified_left(text: str) -> list[str]:
    """The runs of Han characters in `text` that are not Traditional."""
    to_simplified, to_traditional = opencc.OpenCC("t2s"), opencc.OpenCC("s2tw")

    def again(run: str) -> str:
        converted: str = to_traditional.convert(to_simplified.convert(run))
        for wrong, right in CORRECTIONS["zh-Hant"].items():
            converted = converted.replace(wrong, right)
        return converted

    return [run for run in HAN.findall(text) if again(run) != run]


def test_traditional_chinese_is_spoken_when_simplified_is() -> None:
    assert {"zh-Hans", "zh-Hant"} <= set(languages())
    assert translated_ids("zh-Hant") == translated_ids("zh-Hans")


def test_the_check_finds_a_simplified_character() -> None:
    assert simplified_left("小腿抽筋，缺钙吗") == ["缺钙吗"]
    assert simplified_left("小腿抽筋，缺鈣嗎") == []


def test_every_text_is_in_traditional_characters() -> None:
    hant = texts("zh-Hant")
    assert len(hant) > 1000
    left = {text[:60]: simplified_left(text) for text in hant.values() if simplified_left(text)}
    assert left == {}


def test_numbers_ids_and_placeholders_are_untouched() -> None:
    hans, hant = texts("zh-Hans"), texts("zh-Hant")
    assert hans.keys() == hant.keys()
    changed = {
        key: (NOT_HAN.findall(hans[key]), NOT_HAN.findall(hant[key]))
        for key in hans
        if NOT_HAN.findall(hans[key]) != NOT_HAN.findall(hant[key])
    }
    assert changed == {}
    t = Translator("zh-Hant")
    said = t("language {value!r}: crampcoach speaks {languages} (and {test}, a test language)")
    assert "{value!r}" in said and "{languages}" in said and "{test}" in said


def test_the_catalogue_is_converted_once_a_process() -> None:
    first, second = Translator("zh-Hant"), Translator("zh-Hant")
    assert first._catalogue is second._catalogue
    assert converter("zh-Hant") is converter("zh-Hant")


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("皮肤发烫", "皮膚發燙"),  # skin that is hot, not hair (髮)
        ("而不是只喝", "而不是只喝"),  # only, not the measure word 隻
        ("并发出求救", "並發出求救"),  # and sends, not "concurrent" (併發)
    ],
)
def test_opencc_s_misreadings_in_the_catalogue_are_set_right(
    simplified: str, traditional: str
) -> None:
    hans, hant = texts("zh-Hans"), texts("zh-Hant")
    found = [key for key, text in hans.items() if simplified in text]
    assert found, f"no text with {simplified} any more: drop this case"
    assert all(traditional in hant[key] for key in found)


def test_taiwan_words_are_used() -> None:
    t = Translator("zh-Hant")
    assert "資料庫" in t("--db: not a database URL: {url!r}")


@pytest.mark.parametrize(
    ("tag", "lang"),
    [("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-Hant-HK", "zh-Hant"), ("zh", "zh-Hans")],
)
def test_a_region_or_script_of_traditional_asks_for_it(tag: str, lang: str) -> None:
    assert choose_language(tag) == lang
    assert choose_language(environ={"LC_ALL": tag.replace("-", "_") + ".UTF-8"}) == lang
