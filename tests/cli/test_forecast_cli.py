"""`crampcoach plan` with the person's forecast, and `crampcoach forecast report`."""

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
from forecast_diaries import cold_water_swimmer, salt_sweater, short_without_salt

HOT_LONG = ["plan", "--sport", "running", "--duration", "2h30m", "--temperature", "29C"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRAMPCOACH_HOME", str(tmp_path))
    monkeypatch.setattr(plan_cli, "_stdin_is_terminal", lambda: False)
    return tmp_path


def run(args: list[str], columns: int = 80) -> Result:
    return CoachRunner().invoke(app, args, env={"COLUMNS": str(columns)})


def as_json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_with_no_diary_the_forecast_is_the_population_prior(home: Path) -> None:
    forecast = as_json(run([*HOT_LONG, "--json"]))["forecast"]
    assert forecast["risk"] == forecast["prior"]
    assert forecast["diary_sessions"] == 0 and forecast["history_source"] == "unknown"
    assert {o["id"] for o in forecast["odds"]} >= {"very_long_session", "heat"}
    assert "no sessions yet" in forecast["words"]["basis"][0]


def test_a_swim_is_forecast_from_the_swims_in_water_as_cold(home: Path) -> None:
    cold_water_swimmer(Coach.from_env())
    swim = ["plan", "--sport", "swimming", "--duration", "1h", "--json"]
    cold = as_json(run([*swim, "--water-temperature", "13C"]))["forecast"]
    warm = as_json(run([*swim, "--water-temperature", "20C"]))["forecast"]
    assert cold["risk"]["probability"] > 0.5 > warm["risk"]["probability"]
    assert "cold_water" in {o["id"] for o in cold["odds"]}
    assert {s["water_temperature_c"] for s in cold["similar"][:12]} == {13.0}
    assert cold["similar_cramp_sessions"] > cold["similar_sessions"] / 2
    assert warm["similar_cramp_sessions"] < warm["similar_sessions"] / 2


def test_a_diary_of_hot_long_cramps_raises_the_personal_risk_and_says_why(home: Path) -> None:
    salt_sweater(Coach.from_env())
    data = as_json(run([*HOT_LONG, "--json"]))
    forecast = data["forecast"]
    assert forecast["level"] > 1
    assert forecast["risk"]["probability"] > forecast["prior"]["probability"]
    assert forecast["risk"]["band"] in ("moderate", "high")
    assert forecast["enough_data"] and forecast["similar_sessions"] >= 3
    assert forecast["similar_cramp_sessions"] > 0
    assert forecast["history"] is True and forecast["history_source"] == "diary"
    factors = {r["factor"] for r in forecast["personal"]}
    assert "sweat_electrolyte_loss" in factors
    reason = next(r for r in forecast["personal"] if r["factor"] == "sweat_electrolyte_loss")
    rate, rest = reason["cramp_sessions"] / reason["sessions"], reason["rest_cramp_sessions"]
    assert rate > rest / reason["rest_sessions"]
    assert reason["evidence"] == "contested" and reason["shapes"] == "sodium"
    assert f"about {data['sodium_mg_per_h']} mg of sodium per hour" in " ".join(
        forecast["words"]["reasons"]
    )
    # The diary answers the cramp history: the pacing advice for people who cramped is in.
    assert "pacing_history" in [item["id"] for item in data["pacing"]]
    words = forecast["words"]
    assert words["headline"].startswith(
        f"Your chance of a cramp in this session: {forecast['risk']['band']}"
    )
    assert f"{forecast['similar_cramp_sessions']} of your" in words["basis"][0]


def test_the_forecast_comes_first_and_fits_60_columns(home: Path) -> None:
    salt_sweater(Coach.from_env())
    result = run(HOT_LONG, columns=60)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "Your cramp forecast"
    assert lines.index(next(line for line in lines if "Session plan" in line)) > 5
    assert max(len(line.rstrip()) for line in lines) <= 60


def test_a_short_session_gets_sodium_when_the_diary_links_cramps_to_going_without(
    home: Path,
) -> None:
    plan = ["plan", "--sport", "running", "--duration", "45min", "--temperature", "27C"]
    without_diary = as_json(run([*plan, "--json"]))
    assert not without_diary["sodium"]["needed"]
    short_without_salt(Coach.from_env())
    data = as_json(run([*plan, "--json"]))
    assert data["sodium"]["needed"]
    assert data["sodium_mg_per_h"] <= data["sodium"]["cap_mg_per_h"]
    ids = [item["id"] for item in data["sodium"]["items"]]
    assert ids[0] == "sodium_personal" and ids[1] in ("sodium_plan", "sodium_with_thirst")
    reasons = data["forecast"]["personal"]
    assert any(r["shapes"] == "sodium" and r["condition"] == "sodium" for r in reasons)


def test_the_flag_answers_only_when_the_diary_cannot(home: Path) -> None:
    coach = Coach.from_env()
    said = as_json(run([*HOT_LONG, "--cramp-history", "--json"]))["forecast"]
    assert (said["history"], said["history_source"]) == (True, "given")
    salt_sweater(coach)
    told = as_json(run([*HOT_LONG, "--no-cramp-history", "--json"]))["forecast"]
    assert (told["history"], told["history_source"]) == (True, "diary")


def test_the_report_waits_for_enough_forecasts(home: Path) -> None:
    result = run(["forecast", "report"])
    assert result.exit_code == 0, result.output
    assert "Not enough forecasts yet: 0 sessions" in " ".join(result.stdout.split())


def test_the_report_scores_the_forecast_and_draws_the_plot(home: Path) -> None:
    salt_sweater(Coach.from_env())
    data = as_json(run(["forecast", "report", "--json"]))
    assert data["enough"] and data["forecasts"] == 47
    assert data["brier"] < data["brier_prior"]
    assert sum(b["forecasts"] for b in data["bins"]) == data["forecasts"]
    assert data["words"][0].startswith("Before each of your last 47 sessions")
    plot = home / "reliability.svg"
    result = run(["forecast", "report", "--plot", str(plot)])
    assert result.exit_code == 0 and plot.read_text().startswith("<?xml")


def test_a_plot_file_of_another_kind_is_refused_before_any_work(home: Path) -> None:
    result = run(["forecast", "report", "--plot", str(home / "plot.pdf")])
    assert result.exit_code == 2
    assert "must end in .png or .svg" in result.output and "Traceback" not in result.output
