"""Text per locale: the language chosen, the pseudo-locale, and the catalogue.

In the pseudo-locale `en-XA` every letter that passes through the catalogue is accented,
so a plain letter left on a screen is a string that escaped it. The strings that do pass
through must be message ids of the extracted catalogue (`make messages`), and that
catalogue must be the one the sources give today.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from coach_runner import KNOWLEDGE, CoachRunner

from crampcoach.cli.app import app
from crampcoach.core.assess import assess
from crampcoach.diary.repository import Diary
from crampcoach.errors import InputError
from crampcoach.fact_words import FIELD_LABELS
from crampcoach.i18n import LOCALE_DIR, PSEUDO, Translator, choose_language
from crampcoach.knowledge.intake import Intake
from crampcoach.views import assessment_view

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = LOCALE_DIR / "crampcoach.pot"
KB = KNOWLEDGE.base
runner = CoachRunner()
PLAIN = re.compile(r"[A-Za-z]")
WIDE = {"COLUMNS": "400"}  # no wrapping: a line is one string or a table row

INTAKES = {
    "marathon-calf": json.loads((ROOT / "examples" / "marathon-calf.json").read_text()),
    "clot-and-breath": {
        "episode": {"muscle": "calf", "side": "left"},
        "person": {"recent_immobility": True},
        "findings": {"swelling_one_side": True, "warmth": True, "breathlessness": True},
    },
    "dark-urine-at-rest": {
        "episode": {"muscle": "hamstring", "at_rest": True, "during_exercise": False},
        "activity": {"hot_weather": False},
        "findings": {"dark_urine": True},
    },
    "nothing-known": {},
}


def _catalogue_ids() -> set[str]:
    with CATALOGUE.open("rb") as handle:
        return {m.id[0] if isinstance(m.id, tuple) else str(m.id) for m in read_po(handle) if m.id}


@pytest.mark.parametrize("name", sorted(INTAKES))
def test_the_pseudo_locale_leaves_no_plain_letter_on_the_assess_screen(
    name: str, tmp_path: Path
) -> None:
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(INTAKES[name]))
    result = runner.invoke(app, ["--lang", PSEUDO, "assess", "--intake", str(path)], env=WIDE)
    assert result.exit_code == 0, result.output
    escaped = [line for line in result.stdout.splitlines() if PLAIN.search(line)]
    assert escaped == []


CITATION = re.compile(r"^\s*S\d+[a-z]?\s")  # a source's reference: cited as published
CONCEPT_ID = re.compile(r"\((?:[a-z]+_)*[a-z]+\)")  # "(neuromuscular_fatigue)": an id


@pytest.mark.parametrize(
    "question",
    [
        "does pickle juice work?",
        "my calf is swollen and hot since the long flight, is that the heat?",
        "how do I file my taxes?",
    ],
)
def test_the_pseudo_locale_leaves_no_plain_letter_in_an_answer(question: str) -> None:
    result = runner.invoke(app, ["--lang", PSEUDO, "ask", question], env=WIDE)
    assert result.exit_code == 0, result.output
    shown = [CONCEPT_ID.sub("", line) for line in result.stdout.splitlines()]
    escaped = [line for line in shown if PLAIN.search(line) and not CITATION.match(line)]
    assert escaped == []


def test_an_answer_in_json_keeps_ids_and_renders_its_texts() -> None:
    question = "my calf is swollen and hot since the long flight, is that the heat?"
    data = json.loads(runner.invoke(app, ["--lang", PSEUDO, "ask", question, "--json"]).stdout)
    assert data["topic"] == "when_to_see_doctor"
    assert "dvt_signs" in data["danger_signs"]["red_flags"]
    texts = [data["answer"], data["explanation"], *data["what_to_do"], data["note"]]
    texts += [data["danger_signs"]["message"], *data["danger_signs"]["do_now"]]
    assert [text for text in texts if PLAIN.search(CONCEPT_ID.sub("", text))] == []
    assert data["answer"].startswith(data["danger_signs"]["message"])


@pytest.mark.parametrize("concept", ["dvt_signs", "deep_vein_thrombosis", "calf", "pickle_juice"])
def test_the_pseudo_locale_leaves_no_plain_letter_in_an_explanation(concept: str) -> None:
    result = runner.invoke(app, ["--lang", PSEUDO, "explain", concept], env=WIDE)
    assert result.exit_code == 0, result.output
    cited = re.compile(r"^\W*\[(?:S\d+[a-z]?|X-[a-z0-9-]+)\]")  # a reference, as published
    escaped = [line for line in result.stdout.splitlines() if PLAIN.search(line)]
    assert [line for line in escaped if not cited.match(line)] == []


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan reads the person's diary (their forecast): each test has a data folder of its
    own, never the real one (which a newer crampcoach may have upgraded)."""
    monkeypatch.setenv("CRAMPCOACH_HOME", str(tmp_path))


SOURCE_LIST = re.compile(r"\[(?:[SX][\w-]*(?:, )?)+\]")  # "[S65, S64]": source ids, not words
PLANS = {
    "swim in cold water": "--sport swimming --duration 1h --temperature 16C"
    " --water-temperature 12C --cramp-history",
    "hot humid race": "--sport running --duration 3h --temperature 31 --humidity 70"
    " --intensity race --body-mass 70kg --sweat high",
    "short session": "--sport soccer --duration 25min --temperature 24C",
}


@pytest.mark.parametrize("name", sorted(PLANS))
def test_the_pseudo_locale_leaves_no_plain_letter_in_a_plan(name: str) -> None:
    argv = ["--lang", PSEUDO, "plan", *PLANS[name].split(), "--no-profile"]
    result = runner.invoke(app, argv, env=WIDE)
    assert result.exit_code == 0, result.output
    shown = [SOURCE_LIST.sub("", line) for line in result.stdout.splitlines()]
    assert [line for line in shown if PLAIN.search(line)] == []


@pytest.mark.parametrize("sodium", [["--sweat", "typical"], ["--sodium", "900mg/L"], []])
def test_the_pseudo_locale_leaves_no_plain_letter_in_a_sweat_rate(sodium: list[str]) -> None:
    argv = ["--lang", PSEUDO, "sweat-rate", "--before", "70", "--after", "68.8"]
    argv += ["--drank", "0.75L", "--duration", "2h", "--no-save", *sodium]
    result = runner.invoke(app, argv, env=WIDE)
    assert result.exit_code == 0, result.output
    shown = [SOURCE_LIST.sub("", line) for line in result.stdout.splitlines()]
    assert [line for line in shown if PLAIN.search(line)] == []


def test_a_plan_in_json_keeps_its_ids_and_renders_its_texts() -> None:
    argv = ["--lang", PSEUDO, "plan", *PLANS["hot humid race"].split(), "--no-profile", "--json"]
    data = json.loads(runner.invoke(app, argv).stdout)
    assert data["session"]["sport"] == "running"
    assert data["warmup"]["items"][0]["id"] == "warmup"
    items = [item for part in ("warmup", "fluid", "sodium") for item in data[part]["items"]]
    texts = [text for item in items for text in (item["text"], item["reason"])]
    texts += [data["disclaimer"], data["session"]["sport_label"]]
    assert texts and [text for text in texts if PLAIN.search(text)] == []


def test_json_keeps_its_ids_and_renders_its_texts(tmp_path: Path) -> None:
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(INTAKES["clot-and-breath"]))
    english = runner.invoke(app, ["assess", "--intake", str(path), "--json"])
    pseudo = runner.invoke(app, ["--lang", PSEUDO, "assess", "--intake", str(path), "--json"])
    en, xa = json.loads(english.stdout), json.loads(pseudo.stdout)
    assert xa["triage"]["level"] == en["triage"]["level"] == "emergency_ambulance"
    assert xa["red_flags"] == en["red_flags"]
    assert [f["id"] for f in xa["factors"]] == [f["id"] for f in en["factors"]]
    assert [f["evidence"] for f in xa["factors"]] == [f["evidence"] for f in en["factors"]]
    texts = [
        xa["triage"]["title"],
        xa["triage"]["meaning"],
        *xa["triage"]["reasons"],
        *xa["do_now"],
        *(f["label"] + f["why"] for f in xa["factors"]),
        *xa["relief"],
        *(q["text"] + q["reason"] for q in xa["follow_up"]),
        xa["note"],
    ]
    assert [text for text in texts if PLAIN.search(text)] == []
    assert en["triage"]["title"] == "CALL AN AMBULANCE NOW"


class Recording(Translator):
    """The pseudo-locale, noting every message id asked for."""

    def __init__(self) -> None:
        super().__init__(PSEUDO)
        self.seen: set[str] = set()

    def __call__(self, message: str, /, **values: object) -> str:
        self.seen.add(message)
        return super().__call__(message, **values)

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        self.seen.add(singular)
        return super().ngettext(singular, plural, count, **values)


def _one_sign_intakes() -> list[dict[str, Any]]:
    """Every finding of the Intake alone, in and out of exercise: each red flag's words."""
    signs = [name for name in Intake().findings.model_dump() if name]
    contexts: list[dict[str, Any]] = [
        {"episode": {"during_exercise": True}, "activity": {"hot_weather": True}},
        {
            "episode": {"at_rest": True, "during_exercise": False},
            "activity": {"hot_weather": False},
        },
    ]
    return [{**context, "findings": {sign: True}} for sign in signs for context in contexts]


def test_every_message_shown_is_in_the_catalogue() -> None:
    t = Recording()
    for data in [*INTAKES.values(), *_one_sign_intakes()]:
        assessment_view(assess(Intake.model_validate(data), KB), KB, t)
    assert t.seen - _catalogue_ids() == set()


def test_the_catalogue_is_what_the_sources_give_today() -> None:
    """`make messages` was run after the last change of a marked string or a knowledge text."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    extracted = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map)
    }
    assert extracted == _catalogue_ids()


@pytest.mark.parametrize(
    ("requested", "environ", "expected"),
    [
        ("en", {}, "en"),
        ("en_GB.UTF-8", {}, "en"),
        ("EN-xa", {}, PSEUDO),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "C"}, "en"),
        (None, {"LC_ALL": "de_DE.UTF-8", "LANG": "en_US"}, "en"),  # not spoken: English
        (None, {}, "en"),
    ],
)
def test_the_language_is_the_one_asked_for_else_the_systems(
    requested: str | None, environ: dict[str, str], expected: str
) -> None:
    assert choose_language(requested, environ) == expected


def test_a_language_not_spoken_is_refused_by_name() -> None:
    with pytest.raises(InputError, match=r"'fr'.*speaks en"):
        choose_language("fr", {})
    result = runner.invoke(app, ["--lang", "fr", "relief", "calf"])
    assert result.exit_code == 2
    assert "speaks en" in result.output


def test_the_language_comes_from_the_environment(tmp_path: Path) -> None:
    result = runner.invoke(app, ["relief", "calf"], env={"CRAMPCOACH_LANG": PSEUDO, **WIDE})
    assert result.exit_code == 0, result.output
    assert not any(PLAIN.search(line) for line in result.stdout.splitlines()[:3])


QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")  # what the person typed, or a JSON key: as given


def _unquoted(text: str, *ids: str) -> str:
    """`text` less its quoted parts and the ids it names (shown as they are)."""
    text = QUOTED.sub("", text)
    for concept in ids:
        text = text.replace(concept, "")
    return text


def test_an_error_is_worded_in_the_language_asked_for() -> None:
    result = runner.invoke(app, ["--lang", PSEUDO, "relief", "elbow"], env=WIDE)
    assert result.exit_code == 2
    assert not PLAIN.search(_unquoted(result.output, *KB.muscles)), result.output
    english = runner.invoke(app, ["relief", "elbow"], env=WIDE)
    assert "Error: unknown muscle 'elbow'" in english.output


def test_a_json_line_that_cannot_be_used_is_worded_in_the_language_asked_for() -> None:
    lines = '{"id": "a", "txt": "calf"}\n[1, 2]\n{"id": "b", "intake": 7}\n'
    result = runner.invoke(app, ["--lang", PSEUDO, "assess", "--jsonl"], input=lines)
    assert result.exit_code == 0
    errors = [json.loads(line)["error"]["message"] for line in result.stdout.splitlines()]
    assert len(errors) == 3
    assert [e for e in errors if PLAIN.search(_unquoted(e, "intake"))] == []


def test_a_reply_that_does_not_fit_is_worded_in_the_language_asked_for() -> None:
    from crampcoach.core.follow_up import MUSCLE_QUESTION
    from crampcoach.core.replies import ReplyError, read_reply

    with pytest.raises(ReplyError) as caught:
        read_reply(Intake(), MUSCLE_QUESTION, "my elbow")
    words = caught.value.words(Translator(PSEUDO))
    assert not PLAIN.search(words)
    assert str(caught.value).startswith("Please say calf")


def test_an_error_outside_any_command_is_worded_in_the_language_of_the_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An error that leaves the command (here: a diary that cannot be opened) is worded by
    the entry point in the language the run was given."""
    from crampcoach.cli.app import main

    monkeypatch.setenv("CRAMPCOACH_DB", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    monkeypatch.setitem(sys.modules, "psycopg", None)  # its driver missing, whatever is installed
    monkeypatch.setattr("sys.argv", ["crampcoach", "--lang", PSEUDO, "sessions"])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    shown = capsys.readouterr().err
    assert shown.startswith(Translator(PSEUDO)("Error:"))
    assert Translator(PSEUDO)("cannot open") in shown
    assert "cannot" not in shown


def test_an_error_keeps_its_message_id_across_processes() -> None:
    """Errors come back from the import workers pickled: still a message id and values."""
    import pickle

    from crampcoach.core.plan_inputs import PlanInputError
    from crampcoach.diary.importers.record import ActivityFileError
    from crampcoach.i18n import N_

    for error in (
        ActivityFileError(N_("not a {format} file"), format="FIT"),
        PlanInputError(
            "duration", N_("must be more than zero (got {value:g} {unit})"), value=0, unit="h"
        ),
    ):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error)
        assert str(back) == str(error)
        assert back.message == error.message
        assert back.words(Translator(PSEUDO)) == error.words(Translator(PSEUDO))


def test_the_diary_screens_speak_the_language_asked_for(tmp_path: Path) -> None:
    """The diary's own words are worded; a record's ids and numbers are shown as kept."""
    db = f"sqlite:///{tmp_path / 'diary.sqlite'}"
    Diary.open(db).close()
    empty = [
        runner.invoke(app, ["--lang", PSEUDO, command, "--db", db], env=WIDE).stdout
        for command in ("sessions", "cramps")
    ]
    assert all(
        text.strip() and not PLAIN.search(text.replace("crampcoach log", "")) for text in empty
    )
    argv = ["--lang", PSEUDO, "log", "session", "--db", db, "--sport", "running"]
    saved = runner.invoke(app, [*argv, "--duration", "1h"], env=WIDE).stdout
    assert PLAIN.search(saved.replace("running", "")) is None
    listed = runner.invoke(app, ["--lang", PSEUDO, "sessions", "--db", db], env=WIDE).stdout
    header = listed.splitlines()[0]
    assert header.split() and PLAIN.search(header) is None, header


def test_the_parsers_notices_are_worded_in_the_language_asked_for() -> None:
    """What the reading tells ("Read 'calff' as 'calf'.") is worded; the person's words and
    the mended word stay as they are."""
    story = json.dumps({"id": 1, "text": "my calff cramped at mile 20"})
    result = runner.invoke(app, ["--lang", PSEUDO, "assess", "--jsonl"], input=story + "\n")
    notices = json.loads(result.stdout)["notices"]
    assert notices and all(
        not PLAIN.search(n.replace('"calff"', "").replace('"calf"', "")) for n in notices
    )
    empty = runner.invoke(
        app, ["--lang", PSEUDO, "assess", "--jsonl"], input='{"id": 2, "text": "qzx"}\n'
    )
    assert not PLAIN.search(json.loads(empty.stdout)["error"]["message"])


def test_what_was_understood_says_yes_and_no_in_the_language_asked_for() -> None:
    argv = ["--lang", PSEUDO, "assess", "--no-ask", "--text", "calf cramp on the run, no swelling"]
    shown = runner.invoke(app, argv, env=WIDE).stdout.splitlines()
    label = Translator(PSEUDO)(FIELD_LABELS["findings.swelling"])
    lines = [line for line in shown if f"{label}:" in line]
    assert lines and all(" no " not in line and "(" in line for line in lines)
    # The field is named in words of the language, never by its Intake path.
    assert not any("findings.swelling" in line for line in shown)
