"""`crampcoach sweat-rate` and `crampcoach plan` on the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from coach_runner import CoachRunner
from typer.testing import Result

from crampcoach.cli import plan as plan_cli
from crampcoach.cli.app import app
from crampcoach.coach import Coach
from crampcoach.core.profile import Profile

HOT_RUN = ["--sport", "run", "--duration", "3h", "--temperature", "25C"]
WORKED = ["--before", "70kg", "--after", "68.8kg", "--drank", "0.75L", "--urine", "0.2L"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRAMPCOACH_HOME", str(tmp_path))
    monkeypatch.setattr(plan_cli, "_stdin_is_terminal", lambda: False)
    return tmp_path


def saved_profile() -> Profile:
    """The profile as kept in the diary of the test's data folder."""
    return Coach.from_env().load_profile()


def run(args: list[str], input: str | None = None, columns: int = 80) -> Result:
    return CoachRunner().invoke(app, args, input=input, env={"COLUMNS": str(columns)})


def as_json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_sweat_rate_json_for_the_worked_example(home: Path) -> None:
    data = as_json(run(["sweat-rate", *WORKED, "--duration", "2h", "--json"]))
    assert data["sweat_loss_l"] == 1.75
    assert data["sweat_rate_l_per_h"] == 0.88
    assert data["mass_change_percent"] == -1.7
    assert data["reading"][0]["id"] == "reading_ok"
    assert saved_profile() == Profile()  # not a terminal, no --save: nothing kept


def test_sweat_rate_in_imperial_units(home: Path) -> None:
    args = ["--before", "154lb", "--after", "151lb", "--drank", "24oz", "--duration", "90min"]
    data = as_json(run(["sweat-rate", *args, "--sweat", "high", "--json"]))
    assert data["sweat_rate_l_per_h"] == pytest.approx(1.38, abs=0.01)
    assert data["sodium_basis"] == "high"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--before", "-70kg", "--after", "68kg", "--drank", "1L", "--duration", "1h"], "--before"),
        (["--before", "70kg", "--after", "56kg", "--drank", "1L", "--duration", "1h"], "--after"),
        (
            ["--before", "70kg", "--after", "69kg", "--drank", "1L", "--duration", "0h"],
            "--duration",
        ),
        (["--before", "heavy", "--after", "69kg", "--drank", "1L", "--duration", "1h"], "--before"),
        (
            [*WORKED, "--duration", "2h", "--sodium", "900mg/L", "--sweat", "high"],
            "--sodium",
        ),
        ([*WORKED, "--duration", "2h", "--sweat", "extreme"], "--sweat"),
    ],
)
def test_sweat_rate_bad_input_exits_2_naming_the_field(
    home: Path, args: list[str], field: str
) -> None:
    result = run(["sweat-rate", *args])
    assert result.exit_code == 2
    assert field in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_sweat_rate_without_a_terminal_never_prompts(home: Path) -> None:
    result = run(["sweat-rate", "--before", "70kg"], input="69kg\n")
    assert result.exit_code == 2
    assert "--after" in result.stderr and "--drank" in result.stderr
    assert "--duration" in result.stderr


def test_sweat_rate_asks_in_a_terminal_and_saves(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_cli, "_stdin_is_terminal", lambda: True)
    # "heavy" is not a mass and a blank "drank" is not allowed: both are asked again.
    answers = "70kg\nheavy\n68.8kg\n\n0.75L\n0.2L\n2h\ntypical\n"
    result = run(["sweat-rate"], input=answers)
    assert result.exit_code == 0, result.output
    assert "0.88 L/h" in result.stdout
    assert "This one is needed" in result.stdout
    assert "Saved to your profile" in result.stdout
    assert "medical advice" in result.stdout.rstrip().splitlines()[-1]
    saved = saved_profile()
    assert saved.sweat_rate_l_per_h == 0.88
    assert saved.body_mass_kg == 70.0
    assert saved.sweat_sodium_mg_per_l is None  # a category is not a measurement


def test_saved_sweat_test_is_reused_by_plan(home: Path) -> None:
    args = [*WORKED, "--duration", "2h", "--sodium", "1200mg/L", "--save", "--json"]
    assert run(["sweat-rate", *args]).exit_code == 0
    data = as_json(
        run(["plan", "--sport", "run", "--duration", "3h", "--temperature", "25C", "--json"])
    )
    assert data["fluid"]["sweat_rate"]["basis"] == "measured"
    assert data["fluid"]["sweat_rate"]["l_per_h"] == 0.88
    assert data["sodium"]["sweat_sodium_basis"] == "measured"
    assert data["sodium"]["sweat_sodium_mg_per_l"] == 1200
    assert data["session"]["body_mass_kg"] == 70.0
    assert set(data["from_profile"]) == {
        "sweat_rate_l_per_h",
        "sweat_sodium_mg_per_l",
        "body_mass_kg",
    }
    ignored = as_json(run(["plan", *HOT_RUN, "--json", "--no-profile"]))
    assert ignored["fluid"]["sweat_rate"]["basis"] == "estimated"
    assert ignored["from_profile"] == []


def test_a_profile_file_of_the_older_version_moves_into_the_diary(home: Path) -> None:
    (home / "profile.json").write_text('{"sweat_rate_l_per_h": 1.3}', encoding="utf-8")
    assert saved_profile().sweat_rate_l_per_h == 1.3
    (home / "profile.json").unlink()
    assert saved_profile().sweat_rate_l_per_h == 1.3  # kept in the diary now


def test_damaged_profile_is_not_overwritten(home: Path) -> None:
    path = home / "profile.json"
    path.write_text("{oops", encoding="utf-8")
    result = run(["sweat-rate", *WORKED, "--duration", "2h", "--save"])
    assert result.exit_code == 2
    assert "damaged" in result.stderr and "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == "{oops"
    planned = run(["plan", "--sport", "running", "--duration", "1h", "--temperature", "20C"])
    assert planned.exit_code == 0
    assert "Warning" in planned.stderr


def test_plan_json_has_the_headline_keys(home: Path) -> None:
    args = ["--sport", "running", "--duration", "3h", "--temperature", "30C", "--humidity", "60%"]
    data = as_json(run(["plan", *args, "--sweat-rate", "1.6L/h", "--body-mass", "70kg", "--json"]))
    for key in ("warmup", "fluid_ml_per_h", "sodium_mg_per_h", "pacing", "if_cramp"):
        assert key in data
    assert data["fluid_ml_per_h"] <= 1000
    assert data["sodium_mg_per_h"] <= 1000
    assert data["disclaimer"]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--temperature", "hot"], "--temperature"),
        (["--duration", "0min"], "--duration"),
        (["--sport", "curling"], "--sport"),
        (["--water-temperature", "icy"], "--water-temperature"),
        (["--sweat-rate", "-1L/h"], "--sweat-rate"),
        (["--body-mass", "-70kg"], "--body-mass"),
        (["--intensity", "insane"], "--intensity"),
        (["--humidity", "150%"], "--humidity"),
    ],
)
def test_plan_bad_input_exits_2_naming_the_field(home: Path, args: list[str], field: str) -> None:
    base = {"--sport": "running", "--duration": "1h", "--temperature": "20C"}
    for name, value in zip(args[::2], args[1::2], strict=True):
        base[name] = value
    result = run(["plan", *[part for pair in base.items() for part in pair]])
    assert result.exit_code == 2
    assert field in result.stderr
    assert "Traceback" not in result.output


def test_plan_without_a_terminal_names_what_is_missing(home: Path) -> None:
    result = run(["plan", "--sport", "running"])
    assert result.exit_code == 2
    assert "--duration" in result.stderr and "--temperature" in result.stderr


def test_plan_asks_in_a_terminal(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_cli, "_stdin_is_terminal", lambda: True)
    # sport (alias), duration, water temperature (a swim: not the air, nor its humidity),
    # body mass (skip), effort (default), cramp history.
    answers = "open water\n1h\n12C\n\n\ny\n"
    result = run(["plan"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Water temperature (e.g. 16C)" in result.stdout
    assert "Air temperature" not in result.stdout and "Humidity" not in result.stdout
    assert "air temperature not given, water 12 °C" in result.stdout
    assert "Never swim alone" in result.stdout
    assert "You have had cramps before" in result.stdout


def test_plan_asks_a_land_sport_for_the_air(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_cli, "_stdin_is_terminal", lambda: True)
    # duration, air temperature, humidity (skip), body mass (skip), effort, cramp history.
    result = run(["plan", "--sport", "running"], input="1h\n18C\n\n\n\nn\n")
    assert result.exit_code == 0, result.output
    assert "Air temperature (e.g. 30C, 86F)" in result.stdout
    assert "Water temperature" not in result.stdout
    assert "18 °C" in result.stdout


def test_a_swim_at_a_terminal_is_asked_only_the_water(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_cli, "_stdin_is_terminal", lambda: True)
    # water temperature, then effort and cramp history: the rest was given.
    args = ["plan", "--sport", "swimming", "--duration", "1h", "--body-mass", "60kg"]
    result = run(args, input="16C\n\nn\n")
    assert result.exit_code == 0, result.output
    assert "Water temperature (e.g. 16C)" in result.stdout
    assert "Air temperature" not in result.stdout


def test_a_swim_plan_needs_no_air_temperature(home: Path) -> None:
    args = ["plan", "--sport", "swimming", "--duration", "1h", "--water-temperature", "16C"]
    result = run(args)
    assert result.exit_code == 0, result.output
    assert "air temperature not given, water 16 °C" in result.stdout
    assert "The air temperature was not given" in result.stdout
    data = as_json(run([*args, "--json"]))
    assert data["session"]["temperature_c"] is None
    assert data["session"]["water_temperature_c"] == 16
    assert data["conditions"][0]["id"] == "air_unknown"


def test_a_land_plan_still_needs_the_air_temperature(home: Path) -> None:
    result = run(["plan", "--sport", "triathlon", "--duration", "3h"])
    assert result.exit_code == 2
    assert "--temperature" in result.stderr and "Traceback" not in result.output


def test_plan_text_fits_60_columns_and_ends_with_the_note(home: Path) -> None:
    args = ["--sport", "swimming", "--duration", "2h", "--temperature", "29C"]
    args += ["--humidity", "70%", "--water-temperature", "14C", "--cramp-history"]
    result = run(["plan", *args], columns=60)
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip("\n").splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 60
    assert "not medical advice" in lines[-1].lower() or "or medical advice" in lines[-1]
    for heading in ("Warm-up", "Cold and heat", "Pacing", "Fluid", "Sodium", "in the water"):
        assert heading in result.stdout


def test_sweat_rate_text_fits_60_columns(home: Path) -> None:
    result = run(["sweat-rate", *WORKED, "--duration", "2h", "--sweat", "typical"], columns=60)
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip("\n").splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 60
    assert "medical advice" in lines[-1]
    assert "0.88 L/h" in result.stdout and "-1.7%" in result.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plan_and_sweat_rate_end_with_the_same_disclaimer(home: Path, lang: str) -> None:
    plan = run(["--lang", lang, "plan", *HOT_RUN])
    sweat = run(["--lang", lang, "sweat-rate", *WORKED, "--duration", "2h"])
    assert plan.exit_code == 0 and sweat.exit_code == 0, plan.output + sweat.output
    plan_last = plan.stdout.rstrip().splitlines()[-1].strip()
    sweat_last = sweat.stdout.rstrip().splitlines()[-1].strip()
    assert plan_last == sweat_last
    assert "诊断" in plan_last if lang == "zh" else "diagnosis" in plan_last
    plan_json = as_json(run(["--lang", lang, "plan", *HOT_RUN, "--json"]))
    sweat_json = as_json(run(["--lang", lang, "sweat-rate", *WORKED, "--duration", "2h", "--json"]))
    assert plan_json["disclaimer"] == sweat_json["disclaimer"] == plan_last


def test_gain_is_flagged_on_the_command_line(home: Path) -> None:
    args = ["--before", "70kg", "--after", "70.4kg", "--drank", "1.5L", "--duration", "2h"]
    result = run(["sweat-rate", *args])
    assert result.exit_code == 0
    assert "overdrinking" in result.stdout


def test_save_keeps_the_plan_in_the_diary(home: Path) -> None:
    result = run(["plan", *HOT_RUN, "--save"])
    assert result.exit_code == 0, result.output
    with Coach.from_env().diary() as diary:
        (saved,) = diary.list_saved("plan")
    assert (
        saved.payload["fluid_ml_per_h"]
        == as_json(run(["plan", *HOT_RUN, "--json"]))["fluid_ml_per_h"]
    )


def test_a_chinese_plan_at_60_columns_folds_its_lines_and_loses_no_text(home: Path) -> None:
    """Chinese has no spaces to break at: a line folds at the edge, never ends in '…'."""
    result = run(["--lang", "zh", "plan", *HOT_RUN, "--no-profile"], columns=60)
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    flat = "".join(result.stdout.split())
    made = Coach.from_env().with_lang("zh").plan("running", "3h", "25C", cramp_history=None)
    for item in made.warmup.items + made.pacing:
        text, _ = item.words(Coach.from_env().with_lang("zh").text)
        assert "".join(text.split()) in flat
