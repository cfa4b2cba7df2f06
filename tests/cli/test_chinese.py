"""Simplified Chinese: a complete catalogue, asked for by its usual tags, on every face.

A language is the catalogue `locale/<lang>/LC_MESSAGES/crampcoach.po` and its compiled
`.mo` (tools/catalogues.py, `make messages`): every message of the template translated,
each keeping its `{placeholders}`, and the `.mo` compiled from the `.po` as it is now.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from coach_runner import CoachRunner

from crampcoach import reference
from crampcoach.cli.app import app
from crampcoach.i18n import LOCALE_DIR, choose_language, languages, translated_ids
from crampcoach.knowledge import messages

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = LOCALE_DIR / "crampcoach.pot"
CATALOGUES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/crampcoach.po"))
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
CJK = re.compile(r"[\u4e00-\u9fff]")
runner = CoachRunner()


def _read(path: Path) -> dict[str, str]:
    """Each message id and its text; a plural message (NP_) by its id for one, with its
    first form (Chinese has one form)."""
    with path.open("rb") as handle:
        return {_first(m.id): _first(m.string) for m in read_po(handle) if m.id}


def _plurals(path: Path) -> dict[str, str]:
    """Each plural message's id for one, with its id for more."""
    with path.open("rb") as handle:
        return {m.id[0]: m.id[1] for m in read_po(handle) if isinstance(m.id, tuple)}


def _first(value: str | tuple[str, ...]) -> str:
    return value[0] if isinstance(value, tuple) else str(value)


def test_chinese_is_one_of_the_languages() -> None:
    assert "zh-Hans" in languages()
    assert [p.parts[-3] for p in CATALOGUES] == ["zh_Hans"]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_message_is_translated_with_its_placeholders(path: Path) -> None:
    template, translated = _read(TEMPLATE), _read(path)
    missing = [m for m in template if not translated.get(m)]
    assert missing == [], "run make messages and translate these"
    changed = [
        m
        for m in template
        if sorted(PLACEHOLDER.findall(m)) != sorted(PLACEHOLDER.findall(translated[m]))
    ]
    assert changed == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_the_compiled_catalogue_is_the_one_written(path: Path) -> None:
    with path.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    written = {m: s for m, s in _read(path).items() if s}
    plurals = _plurals(path)
    assert plurals, "a plural message (NP_) is in the catalogue"
    shown = {
        m: compiled.ngettext(m, plurals[m], 2) if m in plurals else compiled.gettext(m)
        for m in written
    }
    assert shown == written, "run make messages"


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("zh", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("ZH-hans", "zh-Hans"),
        ("zh_CN.UTF-8", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-TW", "zh-Hant"),
        ("zh-Hant-TW", "zh-Hant"),
        ("zh_HK.UTF-8", "zh-Hant"),
        ("zh-MO", "zh-Hant"),
        ("zh-hant", "zh-Hant"),
    ],
)
def test_chinese_is_asked_for_by_its_usual_tags(tag: str, lang: str) -> None:
    assert choose_language(tag) == lang
    assert choose_language(environ={"LANG": tag}) == lang


def test_the_assess_screen_speaks_chinese(tmp_path: Path) -> None:
    path = tmp_path / "intake.json"
    path.write_text((ROOT / "examples" / "marathon-calf.json").read_text())
    result = runner.invoke(app, ["--lang", "zh", "assess", "--intake", str(path)])
    assert result.exit_code == 0, result.output
    english = runner.invoke(app, ["--lang", "en", "assess", "--intake", str(path)])
    assert CJK.search(result.stdout)
    heading = "What may have contributed"
    assert heading in english.stdout and heading not in result.stdout


def test_the_jsonl_contract_keeps_its_ids_and_renders_chinese() -> None:
    story = json.dumps({"id": "a", "text": "My calf cramped at km 30 of a marathon."})
    zh = runner.invoke(app, ["--lang", "zh", "assess", "--jsonl"], input=story + "\n")
    en = runner.invoke(app, ["assess", "--jsonl"], input=story + "\n")
    zh_line, en_line = json.loads(zh.stdout), json.loads(en.stdout)
    assert zh_line["triage"]["level"] == en_line["triage"]["level"]
    assert [f["id"] for f in zh_line["factors"]] == [f["id"] for f in en_line["factors"]]
    assert CJK.search(json.dumps(zh_line, ensure_ascii=False))


def test_a_knowledge_text_without_a_translation_fails_kb_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from crampcoach.knowledge.loader import DATA

    assert reference.check()["ids"]  # complete now
    dropped = next(text for _, text in messages.knowledge_messages(Path(str(DATA))))
    real = translated_ids("zh-Hans")
    assert dropped in real
    monkeypatch.setattr("crampcoach.i18n.translated_ids", lambda lang: real - {dropped})
    result = runner.invoke(app, ["kb", "check"])
    assert result.exit_code != 0
    assert "zh-Hans" in result.output and "translation" in result.output


# --- questions asked in Chinese -------------------------------------------------------------


def _ask(line: dict[str, str], *options: str) -> dict[str, object]:
    result = runner.invoke(app, [*options, "ask", "--jsonl"], input=json.dumps(line) + "\n")
    assert result.exit_code == 0, result.output
    answer: dict[str, object] = json.loads(result.stdout)
    return answer


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("腿老抽筋，是不是身体里钙不够？", "calcium_deficiency"),
        ("比赛中抽筋了喝点盐水管用吗", "salt_sodium"),
        ("怀孕八个多月，晚上腿总抽筋正常吗", "pregnancy_cramps"),
        ("每天补充点镁对晚上抽筋有没有效果", "magnesium"),
        # typed with a wrong character (他丁, 副做用), a sport named without 跑 (越野赛)
        ("他丁吃上以后夜里常抽筋，算副做用不", "medicines_cause_cramps"),
        ("山地越野该备盐片不", "salt_sodium"),
        # 甲 typed for 钾 (pinyin input)
        ("练完球腿转筋，补甲管用不", "potassium_bananas"),
        # a remedy asked of as a way to end the cramp at once is that remedy's question
        ("抽筋了马上喝点腌黄瓜水能止住吗", "pickle_juice"),
    ],
)
def test_a_question_in_chinese_is_matched_and_answered_in_chinese(
    question: str, topic: str
) -> None:
    answer = _ask({"id": "q", "question": question})
    assert answer["topic"] == topic
    assert CJK.search(str(answer["answer"]))


def test_a_question_in_traditional_characters_is_read_as_simplified() -> None:
    answer = _ask({"id": "q", "question": "比賽中抽筋了喝點鹽水管用嗎"})
    assert answer["topic"] == "salt_sodium"
    assert "盐" in str(answer["answer"])  # answered in Simplified characters


def test_another_organs_cramp_in_chinese_is_refused_in_chinese() -> None:
    answer = _ask({"id": "q", "question": "吃完冰淇淋胃痉挛了怎么办"})
    assert answer["topic"] is None
    assert "crampcoach" in str(answer["answer"]) and CJK.search(str(answer["answer"]))


@pytest.mark.parametrize(
    "question",
    ["发动机怠速时抖得像抽筋，是哪里坏了", "电脑一开大型游戏就像抽筋一样卡，是显卡的问题吗"],
)
def test_a_machine_said_to_cramp_in_chinese_is_out_of_scope(question: str) -> None:
    assert _ask({"id": "q", "question": question})["topic"] is None


def test_a_drivers_own_cramp_is_still_answered() -> None:
    answer = _ask({"id": "q", "question": "开车踩离合久了左脚抽筋怎么办"})
    assert answer["topic"] is not None


def test_a_pets_cramp_in_chinese_is_sent_to_a_vet_and_the_askers_own_is_answered() -> None:
    pet = _ask({"id": "q", "question": "狗狗后腿老是抽筋一样发抖怎么回事"})
    assert pet["topic"] is None and "兽医" in str(pet["answer"])
    own = _ask({"id": "q", "question": "遛狗的时候我的小腿抽筋了怎么办"})
    assert own["topic"] == "stop_cramp_now"


def test_a_lang_field_overrides_the_language_the_question_looks_written_in() -> None:
    answer = _ask({"id": "q", "question": "腿老抽筋，是不是身体里钙不够？", "lang": "en"})
    assert answer["topic"] is None  # read as English: no word of it is known
    assert not CJK.search(str(answer["answer"]))


def test_a_language_chosen_for_the_run_decides_the_words_of_the_answer() -> None:
    answer = _ask({"id": "q", "question": "腿老抽筋，是不是身体里钙不够？"}, "--lang", "en")
    assert answer["topic"] == "calcium_deficiency"
    assert not CJK.search(str(answer["answer"]))


def test_an_english_question_is_answered_in_the_runs_language() -> None:
    answer = _ask({"id": "q", "question": "does pickle juice work?"}, "--lang", "zh")
    assert answer["topic"] == "pickle_juice" and CJK.search(str(answer["answer"]))


@pytest.mark.parametrize(
    "question",
    [
        # It asks how to massage it, but a swollen, red, hot leg after a journey is a clot sign.
        "长途车坐下来，一条腿肿了又红又烫，抽筋了怎么按摩？",
        # It asks about a drink, but urine like soy sauce after a marathon is muscle breakdown.
        "跑完全马尿是酱油色，腿疼，喝点运动饮料能好吗？",
    ],
)
def test_a_chinese_question_describing_a_danger_sign_gets_the_danger_answer(
    question: str,
) -> None:
    assert _ask({"id": "q", "question": question})["topic"] == "when_to_see_doctor"
