"""`crampcoach assess`, `relief`, `explain` and `kb check` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from coach_runner import CoachRunner

from crampcoach.cli import knowledge as knowledge_cli
from crampcoach.cli.app import app
from crampcoach.core.assess import assess
from crampcoach.core.interview import MAX_QUESTIONS
from crampcoach.core.interview import run as run_interview
from crampcoach.core.story import parse_story
from crampcoach.core.story.language import NOT_READ
from crampcoach.knowledge.loader import load_knowledge

runner = CoachRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "marathon-calf.json"
KB = load_knowledge()


def run_jsonl(lines: list[str]) -> list[dict[str, object]]:
    result = runner.invoke(app, ["assess", "--jsonl"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_assess_intake_file_json() -> None:
    result = runner.invoke(app, ["assess", "--intake", str(EXAMPLE), "--json", "--no-ask"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["triage"]["level"] == "self_care"
    assert data["muscle"] == "calf"
    assert data["factors"][0]["id"] in {"neuromuscular_fatigue", "cramp_history"}
    assert "not a diagnosis" in data["note"].lower()
    # An intake has no words: nothing read from them, as in the JSON-lines answer to it.
    assert not {"understood", "history", "notices"} & set(data)
    [line] = run_jsonl([json.dumps({"intake": json.loads(EXAMPLE.read_text())})])
    assert set(data) == set(line) - {"id"}


def test_assess_renders_triage_first_and_ends_with_the_note() -> None:
    result = runner.invoke(app, ["assess", "--intake", str(EXAMPLE), "--no-ask"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert "SELF-CARE" in lines[0]
    assert "not a diagnosis" in " ".join(lines[-3:]).lower()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"person": {"age_years": 300}}', "person.age_years"),
        ('{"activity": {"water_temperature_c": "90 C"}}', "water_temperature_c"),
        ('{"activity": {"duration_s": -3}}', "activity.duration_s"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_bad_intake_files_exit_2_with_a_message(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "intake.json"
    path.write_text(content)
    result = runner.invoke(app, ["assess", "--intake", str(path), "--no-ask"])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_intake_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", "--intake", str(tmp_path / "none.json"), "--no-ask"])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_no_input_and_no_terminal_exits_2() -> None:
    result = runner.invoke(app, ["assess"], input="")
    assert result.exit_code == 2


def test_jsonl_keeps_order_and_answers_bad_lines_with_errors() -> None:
    intake = json.loads(EXAMPLE.read_text())
    out = run_jsonl(
        [
            json.dumps({"id": "a", "intake": intake}),
            "not json",
            json.dumps({"id": "c", "intake": {"person": {"age_years": -1}}}),
            json.dumps({"id": "d"}),
            json.dumps(
                {"id": "e", "intake": {"findings": {"dark_urine": True, "severe_pain": True}}}
            ),
        ]
    )
    assert [o["id"] for o in out] == ["a", None, "c", "d", "e"]
    assert out[0]["triage"]["level"] == "self_care"
    for bad in out[1:4]:
        assert bad["error"]["code"] == "invalid_input"  # type: ignore[index]
    assert "person.age_years" in out[2]["error"]["message"]  # type: ignore[index]


def test_jsonl_output_follows_the_contract() -> None:
    intake = {"episode": {"muscle": "calf"}, "findings": {"swelling_one_side": True}}
    (line,) = run_jsonl([json.dumps({"id": 7, "intake": intake})])
    assert line["id"] == 7
    assert set(line) >= {
        "triage",
        "red_flags",
        "factors",
        "muscle",
        "relief",
        "prevention",
        "follow_up",
    }
    assert line["triage"]["level"] in KB.vocabulary("triage_levels")  # type: ignore[index]
    for factor in line["factors"]:  # type: ignore[attr-defined]
        assert {"id", "score", "why", "evidence"} <= set(factor)
    assert "dvt_signs" in line["red_flags"]  # type: ignore[operator]


@pytest.mark.parametrize(
    "concept_id", KB.vocabulary("factors") + KB.vocabulary("red_flags") + KB.vocabulary("muscles")
)
def test_explain_json_works_for_every_vocabulary_id(concept_id: str) -> None:
    result = runner.invoke(app, ["explain", concept_id, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == concept_id
    if data["type"] != "muscle":
        assert data["evidence"]
    # What the evidence brief could not verify is general advice, and cites nothing.
    assert data["sources"] or data.get("evidence") == "general_advice", concept_id
    assert all(s["citation"] for s in data["sources"])


def test_explain_renders_text_and_rejects_unknown_ids() -> None:
    result = runner.invoke(app, ["explain", "deep_vein_thrombosis"])
    assert result.exit_code == 0
    assert "Sources" in result.stdout
    bad = runner.invoke(app, ["explain", "banana"])
    assert bad.exit_code == 2
    assert "unknown id" in bad.stderr


def test_kb_check_reports_full_coverage() -> None:
    result = runner.invoke(app, ["kb", "check", "--json"])
    assert result.exit_code == 0, result.output
    coverage = json.loads(result.stdout)
    for kind in ("factors", "red_flags", "muscles"):
        assert coverage["ids"][kind]["covered"] == coverage["ids"][kind]["vocabulary"]
    assert coverage["seed_statements"]["total"] > 20
    text = runner.invoke(app, ["kb", "check"])
    assert text.exit_code == 0 and "valid" in text.stdout


def test_relief_with_countdown_counts_each_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(knowledge_cli, "sleep", slept.append)
    result = runner.invoke(app, ["relief", "calves", "--countdown"])
    assert result.exit_code == 0, result.output
    expected = sum((s.hold_s or 0) * s.repeat for s in KB.muscles["calf"].steps)
    assert len(slept) == expected > 0
    assert "not a diagnosis" in result.stdout.lower()


def test_relief_rejects_an_unknown_muscle() -> None:
    result = runner.invoke(app, ["relief", "elbow"])
    assert result.exit_code == 2
    assert "calf" in result.stderr


def test_save_keeps_the_assessment_in_the_diary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crampcoach.coach import Coach

    monkeypatch.setenv("CRAMPCOACH_HOME", str(tmp_path))
    result = runner.invoke(app, ["assess", "--intake", str(EXAMPLE), "--no-ask", "--save"])
    assert result.exit_code == 0, result.output
    with Coach.from_env().diary() as diary:
        (saved,) = diary.list_saved("assessment")
    assert saved.payload["triage"]["level"] == "self_care"
    assert saved.payload["intake"]["episode"]["muscle"] == "calf"


def test_text_story_shows_what_was_understood() -> None:
    story = "My right calf locked up at km 30 of a marathon, 27 degrees, no swelling."
    result = runner.invoke(app, ["assess", "--text", story, "--no-ask"])
    assert result.exit_code == 0, result.output
    assert "I understood" in result.stdout
    assert "calf" in result.stdout
    assert "SELF-CARE" in result.stdout


def test_text_without_a_story_asks_for_what_is_missing() -> None:
    result = runner.invoke(app, ["assess", "--text", "help", "--no-ask"])
    assert result.exit_code == 2
    assert "Please tell me" in result.stderr


def test_the_interview_asks_red_flag_screens_and_uses_the_answers() -> None:
    story = "My calf cramped on a run"
    # Fact check: all right; then "yes" to the first question, which screens a red flag.
    result = runner.invoke(app, ["assess", "--text", story, "--ask"], input="\nyes\ndone\n")
    assert result.exit_code == 0, result.output
    assert "A few questions" in result.stdout
    # Any first screen answered yes raises the triage above self-care.
    assert "SELF-CARE" not in result.stdout


FOLLOW_UPS = "Questions that could change this result"


def prompts(output: str, question: str) -> int:
    """How many times `question` was put before the result (input is not echoed)."""
    before = " ".join(output.split(FOLLOW_UPS)[0].split())  # undo the terminal's wrapping
    return before.count(question)


def test_a_bad_answer_puts_the_same_question_again_with_a_reason() -> None:
    story = "Calf cramp halfway through my jog"
    first = assess(parse_story(story).intake, KB).follow_up[0]
    assert first.kind == "yes_no"
    result = runner.invoke(app, ["assess", "--text", story, "--ask"], input="\nperhaps\nno\ndone\n")
    assert result.exit_code == 0, result.output
    assert "Please answer yes, no or don't know." in result.stdout
    assert prompts(result.stdout, first.text) == 2
    assert "validation error" not in result.output.lower()


def test_without_a_story_it_asks_which_muscle_and_when_first() -> None:
    answers = "\n".join(["", "my leg", "calf", "last week", "in bed", "done"]) + "\n"
    result = runner.invoke(app, ["assess", "--ask"], input=answers)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert prompts(out, "Which muscle cramped?") == 2  # "my leg" is not a muscle
    assert prompts(out, "When did it come?") == 2  # "last week" is not a time of day
    assert out.index("Which muscle cramped?") < out.index("When did it come?")
    assert "Relief: Calf" in out


def test_a_story_without_muscle_or_time_gets_them_asked() -> None:
    result = runner.invoke(
        app, ["assess", "--text", "I had a bad cramp", "--ask"], input="\ndone\n"
    )
    assert result.exit_code == 0, result.output
    assert prompts(result.stdout, "Which muscle cramped?") == 1


def test_questions_answered_are_not_asked_again_nor_listed() -> None:
    story = "A cramp in my foot woke me last night"
    result = runner.invoke(app, ["assess", "--text", story, "--ask"], input="\n" * 40)
    assert result.exit_code == 0, result.output
    out = result.stdout
    intake = parse_story(story).intake
    asked = [q.text for q in run_interview(intake, lambda q: "", KB).asked]
    assert asked and all(prompts(out, question) == 1 for question in asked)
    listed = " ".join(out.split(FOLLOW_UPS)[1].split()) if FOLLOW_UPS in out else ""
    assert not any(question in listed for question in asked)


def test_with_json_the_questions_go_to_stderr_and_answered_ones_are_left_out() -> None:
    story = "My hamstring cramped near the end of a long bike ride"
    result = runner.invoke(app, ["assess", "--text", story, "--ask", "--json"], input="\n" * 40)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for question in data["follow_up"]:
        assert question["text"] not in result.stderr


def test_the_interview_stops_by_itself_and_on_done() -> None:
    story = "Calf cramp halfway through my jog"
    expected = run_interview(parse_story(story).intake, lambda q: "", KB).asked
    result = runner.invoke(app, ["assess", "--text", story, "--ask"], input="\n" * 60)
    assert result.exit_code == 0, result.output
    put = sum(prompts(result.stdout, q.text) for q in expected)
    assert put == len(expected) < MAX_QUESTIONS
    done = runner.invoke(app, ["assess", "--text", story, "--ask"], input="\ndone\n" + "yes\n" * 9)
    assert done.exit_code == 0, done.output
    assert sum(prompts(done.stdout, q.text) for q in expected) == 1
    assert "SELF-CARE" in done.stdout  # the yeses after "done" were not read


def test_the_fact_check_asks_again_for_a_number_off_the_list() -> None:
    story = "Calf cramp halfway through my jog"
    result = runner.invoke(app, ["assess", "--text", story, "--ask"], input="99\n\ndone\n")
    assert result.exit_code == 0, result.output
    assert "Please give numbers from 1 to" in result.stdout


def test_a_story_in_another_language_is_told_what_is_read() -> None:
    lines = [
        json.dumps({"id": "es", "text": "Tengo un calambre en la pierna derecha desde anoche"}),
        json.dumps({"id": "zh", "text": "跑步的时候小腿抽筋了", "lang": "en"}),
    ]
    for out in run_jsonl(lines):
        assert out["error"]["message"] == NOT_READ
    result = runner.invoke(app, ["assess", "--text", "Le mollet a une crampe depuis ce matin"])
    assert result.exit_code != 0
    assert "crampcoach reads English" in result.output


def test_someone_elses_danger_sign_is_set_aside_and_shown() -> None:
    text = (
        "My cousin keeled over with heatstroke during a triathlon three years back. "
        "This morning I had a brief calf cramp on a gentle run; it eased within a minute."
    )
    (out,) = run_jsonl([json.dumps({"id": "h", "text": text})])
    assert out["triage"]["level"] == "self_care"
    assert "findings.collapse" in {fact["field"] for fact in out["history"]}
    shown = runner.invoke(app, ["assess", "--text", text, "--no-ask"])
    assert shown.exit_code == 0, shown.output
    assert "Set aside" in shown.output


# Issue 15's done-when: a Chinese story gets the triage and factors of its English version,
# in Chinese.
MARATHON_ZH = "跑马拉松到三十公里小腿抽筋了，天很热，只喝了白开水。"
MARATHON_EN = (
    "Running a marathon, my calf cramped at 30 km. It was very hot and I only drank plain water."
)


def test_a_chinese_story_is_answered_in_chinese_as_its_english_version() -> None:
    results = []
    for text in (MARATHON_ZH, MARATHON_EN):
        result = runner.invoke(app, ["assess", "--text", text, "--json", "--no-ask"])
        assert result.exit_code == 0, result.output
        results.append(json.loads(result.stdout))
    chinese, english = results
    assert chinese["triage"]["level"] == english["triage"]["level"] == "self_care"
    assert [f["id"] for f in chinese["factors"]] == [f["id"] for f in english["factors"]]
    assert chinese["muscle"] == english["muscle"] == "calf"
    assert chinese["triage"]["title"] == "自我护理"
    assert english["triage"]["title"] == "SELF-CARE"
    screen = runner.invoke(app, ["assess", "--text", MARATHON_ZH, "--no-ask"])
    assert screen.exit_code == 0, screen.output
    assert "自我护理" in screen.stdout and "肌肉疲劳" in screen.stdout


def test_a_chinese_story_is_answered_in_the_language_asked_for() -> None:
    result = runner.invoke(
        app, ["--lang", "en", "assess", "--text", MARATHON_ZH, "--json", "--no-ask"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["triage"]["title"] == "SELF-CARE"
    bad, chinese, as_english = run_jsonl(
        [
            json.dumps({"id": "bad", "text": MARATHON_ZH, "lang": 3}),
            json.dumps({"id": "zh", "text": MARATHON_ZH}),
            json.dumps({"id": "en", "text": MARATHON_ZH, "lang": "en"}),
        ]
    )
    assert "language tag" in str(bad["error"])
    assert chinese["triage"]["title"] == "自我护理"  # type: ignore[index]
    assert any(f["field"] == "activity.sport" for f in chinese["understood"])  # type: ignore[attr-defined]
    # "lang" decides how the story is read too: read as English, it is not read.
    assert "reads English" in str(as_english["error"])


def test_a_chinese_text_that_is_no_cramp_story_is_told_so_in_chinese() -> None:
    text = "今天天气很好，我在家看书。"
    (out,) = run_jsonl([json.dumps({"id": "zh", "text": text})])
    assert out["error"]["message"].startswith("我没能从中看出抽筋的经过")
    result = runner.invoke(app, ["assess", "--text", text, "--no-ask"])
    assert result.exit_code == 2
    assert "错误：" in result.output and "我没能从中看出" in result.output
    asked = runner.invoke(app, ["--lang", "en", "assess", "--text", text, "--no-ask"])
    assert "I could not find a cramp story" in asked.output
