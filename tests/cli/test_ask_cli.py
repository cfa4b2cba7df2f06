"""`crampcoach ask` through the real command line: text, --json, --jsonl, --list, errors."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from coach_runner import KNOWLEDGE, CoachRunner
from rich.cells import cell_len

from crampcoach import contract
from crampcoach.cli.app import app
from crampcoach.coach import Coach
from crampcoach.embeddings import semantic_available
from crampcoach.knowledge.faq import load_faq

runner = CoachRunner()
FAQ = load_faq()
COACH = Coach(knowledge=KNOWLEDGE)
CONTRACT_KEYS = {"id", "topic", "answer", "sources", "confidence"}


def ask(*args: str, stdin: str | None = None, width: int = 60) -> Any:
    return runner.invoke(app, ["ask", *args], input=stdin, env={"COLUMNS": str(width)})


def jsonl(lines: list[str]) -> list[dict[str, Any]]:
    result = ask("--jsonl", stdin="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_text_answer_has_every_part_and_fits_60_columns() -> None:
    result = ask("Does pickle juice stop cramps?")
    assert result.exit_code == 0, result.output
    out = result.stdout
    entry = FAQ.get("pickle_juice")
    assert entry is not None
    for heading in ("PARTLY", "Why", "Evidence:", "What to do", "Sources", "Related"):
        assert heading in out, heading
    assert "S24" in out
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "not a diagnosis" in out.strip().splitlines()[-1].lower()


def test_the_stance_is_said_once_where_the_answer_opens_with_it() -> None:
    out = ask("is a lack of calcium behind my cramps?", width=100).stdout
    assert "NO No" not in out and "NO, " in out
    assert "PARTLY:" in ask("Does pickle juice stop cramps?", width=100).stdout


def test_direct_answer_comes_before_the_explanation() -> None:
    out = ask("Should I take quinine for my cramps?").stdout
    assert out.index("NO") < out.index("Why") < out.index("What to do") < out.index("Sources")


def test_sources_show_full_citations() -> None:
    citations = COACH.knowledge.citations
    out = ask("magnesium for cramps?", width=200).stdout
    assert citations["S17"].split(".")[0] in out


def test_words_need_no_quotes() -> None:
    result = ask("does", "magnesium", "help", "cramps")
    assert result.exit_code == 0
    assert "Do magnesium supplements prevent cramps?" in result.stdout


def test_out_of_scope_question_is_refused_honestly() -> None:
    result = ask("How do I fix my bike's gears?")
    assert result.exit_code == 0
    assert "I can't answer that" in result.stdout
    assert "not a diagnosis" in result.stdout.lower()


def test_json_answer() -> None:
    result = ask("Is lactic acid what makes my legs cramp?", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["topic"] == "lactic_acid"
    assert data["stance"] == "no"
    assert data["sources"] and set(data["sources"]) >= {"S61"}
    assert data["what_to_do"] and data["explanation"] and data["evidence"] == "not_supported"
    assert 0 < data["confidence"] <= 1
    assert "not a diagnosis" in data["note"].lower()
    if COACH.knowledge.citations:
        assert set(data["citations"]) == set(data["sources"])


def test_json_out_of_scope() -> None:
    data = json.loads(ask("What is the capital of France?", "--json").stdout)
    assert data["topic"] is None and data["sources"] == [] and data["confidence"] == 0.0
    assert data["answer"].startswith("I can't answer that")


def test_list_shows_every_topic() -> None:
    result = ask("--list", width=120)
    assert result.exit_code == 0
    for topic in FAQ.ids:
        assert topic in result.stdout
    data = json.loads(ask("--list", "--json").stdout)
    assert [t["id"] for t in data] == list(FAQ.ids)


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_topics_fit_the_width_and_no_question_is_cut(lang: str, width: int) -> None:
    result = runner.invoke(app, ["--lang", lang, "ask", "--list"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= width
    assert "…" not in result.stdout  # a Chinese question, with no space to wrap at, folds


@pytest.mark.parametrize("args", [[], [""], ["   "]])
def test_empty_question_is_a_clear_error(args: list[str]) -> None:
    result = ask(*args)
    assert result.exit_code == 2
    assert "Error" in result.output and "question" in result.output
    assert "Traceback" not in result.output


def test_jsonl_contract() -> None:
    lines = [
        json.dumps({"id": "q1", "question": "Is fitness cramp really due to calcium deficiency?"}),
        json.dumps({"id": 2, "question": "How do I fix my bike's gears?"}),
        "",
        json.dumps({"id": "q3", "question": "pickle juice for cramps?", "extra": True}),
    ]
    out = jsonl(lines)
    assert [o["id"] for o in out] == ["q1", 2, "q3"]
    for obj in out:
        assert CONTRACT_KEYS <= set(obj) <= CONTRACT_KEYS | {"note", "danger_signs", "lang"}
        assert obj["lang"] == "en"  # the language that answered
    assert out[0]["topic"] == "calcium_deficiency" and "S27" in out[0]["sources"]
    assert out[1]["topic"] is None and out[1]["sources"] == [] and out[1]["confidence"] == 0.0
    assert out[1]["answer"].startswith("I can't answer that")
    assert out[2]["topic"] == "pickle_juice"


@pytest.mark.parametrize(
    ("line", "line_id", "says"),
    [
        ("{not json", None, "not valid JSON"),
        ("[1, 2]", None, "JSON object"),
        (json.dumps({"id": "e1"}), "e1", "question"),
        (json.dumps({"id": "e2", "question": ""}), "e2", "empty"),
        (json.dumps({"id": "e3", "question": 42}), "e3", "string"),
        (json.dumps({"id": "e4", "question": "x" * 5000}), "e4", "longer"),
    ],
)
def test_jsonl_bad_lines_get_an_error_object_and_the_run_goes_on(
    line: str, line_id: object, says: str
) -> None:
    good = json.dumps({"id": "ok", "question": "How do I stop a cramp now?"})
    out = jsonl([line, good])
    assert len(out) == 2
    assert out[0]["id"] == line_id
    assert out[0]["error"]["code"] == "invalid_input"
    assert says in out[0]["error"]["message"]
    assert out[1]["id"] == "ok" and out[1]["topic"] == "stop_cramp_now"


def test_run_jsonl_streams_one_line_per_question() -> None:
    source = io.StringIO('{"id": "a", "question": "cramps at night"}\n')
    sink = io.StringIO()
    contract.stream(source, sink, lambda request: contract.ask_request(COACH, request, False))
    lines = sink.getvalue().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["topic"] == "night_cramps"


@pytest.mark.skipif(semantic_available(), reason="the semantic extra is installed")
def test_semantic_without_the_extra_is_a_clear_error() -> None:
    result = ask("--semantic", "magnesium for cramps?")
    assert result.exit_code == 2
    assert "semantic" in result.output and "Traceback" not in result.output


@pytest.mark.skipif(not semantic_available(), reason="the semantic extra is not installed")
def test_semantic_matching_answers_too() -> None:
    result = ask("--semantic", "--json", "magnesium for cramps?")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["topic"] == "magnesium"


def test_a_question_that_describes_a_danger_sign_leads_with_it() -> None:
    result = CoachRunner().invoke(
        app, ["ask", "--json", "I get cramps and chest pain when running"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "breathlessness_or_chest_pain" in data["danger_signs"]["red_flags"]
    assert data["danger_signs"]["level"] == "emergency_ambulance"
    text = CoachRunner().invoke(app, ["ask", "I get cramps and chest pain when running"])
    assert text.stdout.index("Danger signs") < text.stdout.index("What to do")


def test_an_ordinary_question_has_no_danger_warning() -> None:
    result = CoachRunner().invoke(app, ["ask", "--json", "does pickle juice work?"])
    assert "danger_signs" not in json.loads(result.stdout)


def test_jsonl_lines_carry_the_note_and_refuse_a_question_argument() -> None:
    line = json.dumps({"id": "q", "question": "do bananas help?"})
    result = CoachRunner().invoke(app, ["ask", "--jsonl"], input=line + "\n")
    assert "not a diagnosis" in json.loads(result.stdout)["note"].lower()
    both = CoachRunner().invoke(app, ["ask", "--jsonl", "do bananas help?"], input=line + "\n")
    assert both.exit_code == 2


# --- questions that describe a danger sign, in any setting (tests/data/ask_danger.jsonl) ---

DANGER_ROWS = [
    json.loads(line)
    for line in (Path(__file__).resolve().parents[1] / "data" / "ask_danger.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]


@pytest.fixture(scope="module")
def danger_answers() -> dict[str, dict[str, Any]]:
    lines = [json.dumps({"id": r["id"], "question": r["question"]}) for r in DANGER_ROWS]
    return {o["id"]: o for o in jsonl(lines)}


def test_every_warning_is_the_start_of_the_answer(danger_answers: dict[str, Any]) -> None:
    for out in danger_answers.values():
        if "danger_signs" in out:
            assert out["answer"].startswith(out["danger_signs"]["message"]), out["id"]


def test_questions_describing_a_danger_lead_with_it(danger_answers: dict[str, Any]) -> None:
    rows = [r for r in DANGER_ROWS if r.get("danger") is True]
    missed = [r["question"] for r in rows if "danger_signs" not in danger_answers[r["id"]]]
    assert len(missed) <= 0.1 * len(rows), missed


def test_ordinary_questions_do_not_warn(danger_answers: dict[str, Any]) -> None:
    calm = [r["question"] for r in DANGER_ROWS if r.get("danger") is False]
    assert calm
    assert [q for q in calm if "danger_signs" in danger_answers[_id(q)]] == []


def test_danger_questions_get_a_fitting_topic(danger_answers: dict[str, Any]) -> None:
    # Out of scope stays out of scope, warning or not; the rest mostly hit their topic.
    for row in DANGER_ROWS:
        if row["topic"] is None:
            assert danger_answers[row["id"]]["topic"] is None, row["question"]
    in_scope = [r for r in DANGER_ROWS if r["topic"] is not None]
    missed = [r["question"] for r in in_scope if danger_answers[r["id"]]["topic"] != r["topic"]]
    assert len(missed) <= 0.1 * len(in_scope), missed


def test_a_swollen_hot_calf_after_a_flight_is_a_clot_warning_not_heat_cramps() -> None:
    result = ask("--json", "my calf is swollen and hot since the flight home, just a cramp?")
    data = json.loads(result.stdout)
    assert data["topic"] == "when_to_see_doctor"
    assert "dvt_signs" in data["danger_signs"]["red_flags"]
    assert data["answer"].startswith(data["danger_signs"]["message"])
    text = ask("my calf is swollen and hot since the flight home, just a cramp?", width=80).stdout
    assert text.index("Danger signs") < text.index("When is a cramp a reason to see a doctor?")


def _id(question: str) -> str:
    return next(r["id"] for r in DANGER_ROWS if r["question"] == question)
