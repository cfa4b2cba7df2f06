"""The sweat-rate arithmetic and the session planner: tables, properties, golden plans.

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/core/test_plan.py -k golden
and review the diff of tests/data/plan/ like any other change.
"""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crampcoach.core import advice as advice_module
from crampcoach.core import hydration as hydration_module
from crampcoach.core import plan as plan_module
from crampcoach.core import plan_inputs as plan_inputs_module
from crampcoach.core import sweat as sweat_module
from crampcoach.core.plan import Plan, PlanInputError, PlanItem, make_plan, sweat_rate
from crampcoach.core.plan_inputs import read_quantity
from crampcoach.errors import InputError
from crampcoach.knowledge.plan_rules import load_plan_rules
from crampcoach.units import heat_index_c

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "plan"
RULES = load_plan_rules()
CAP_ML = RULES.numbers.fluid_cap_ml_per_h.v
SODIUM_CAP = RULES.numbers.sodium_cap_mg_per_h.v


# ---- the brief's worked example (§6.4) ---------------------------------------------


def test_worked_example_from_the_evidence_brief() -> None:
    result = sweat_rate(
        before="70.0kg", after="68.8kg", drank="0.75L", urine="0.2L", duration="2h", rules=RULES
    )
    assert result.sweat_loss_l == 1.75
    assert result.sweat_rate_l_per_h == 0.88
    assert result.mass_change_percent == -1.7  # a loss of 1.7%
    assert result.mass_change_kg == -1.2
    assert result.status == "ok"
    assert result.sodium_mg_per_h is None  # no sodium given, none invented


def test_worked_example_sodium_at_typical_sweat() -> None:
    # Brief: at 36 mmol/L the 1.75 L carried about 63 mmol, about 1.45 g (3.7 g of salt).
    result = sweat_rate(70.0, 68.8, 0.75, 2, 0.2, sodium="36mmol/L", rules=RULES)
    assert result.sodium_lost_mg is not None
    assert abs(result.sodium_lost_mg - 1450) <= 10
    assert "3.7 g of salt" in " ".join(item.text for item in result.reading)
    typical = sweat_rate(70.0, 68.8, 0.75, 2, 0.2, sweat="typical", rules=RULES)
    assert typical.sodium_basis == "typical"
    assert typical.sodium_lost_mg is not None and abs(typical.sodium_lost_mg - 1450) <= 15


# ---- units -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("70kg", "mass", 70.0),
        ("154lb", "mass", 69.853),
        ("154 lbs", "mass", 69.853),
        (70, "mass", 70.0),
        ("1L", "volume", 1.0),
        ("750ml", "volume", 0.75),
        ("32oz", "volume", 0.9464),
        ("25 fl oz", "volume", 0.7393),
        ("2h", "duration", 2.0),
        ("90min", "duration", 1.5),
        ("1:30:00", "duration", 1.5),
        ("1h30", "duration", 1.5),
        (3, "duration", 3.0),
        ("30C", "temperature", 30.0),
        ("86F", "temperature", 30.0),
        ("14 °C", "temperature", 14.0),
        ("60%", "percent", 60.0),
        ("1.6L/h", "rate", 1.6),
        ("40 oz/h", "rate", 1.1829),
        ("900mg/L", "sodium", 900.0),
        ("0.9 g/L", "sodium", 900.0),
        ("40mmol/L", "sodium", 919.6),
    ],
)
def test_read_quantity(value: object, kind: str, expected: float) -> None:
    assert read_quantity("field", value, kind) == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize(
    ("value", "kind"),
    [("hot", "temperature"), ("2kg", "duration"), ("fast", "rate"), (True, "mass"), ("", "mass")],
)
def test_read_quantity_refuses_what_it_cannot_read(value: object, kind: str) -> None:
    with pytest.raises(PlanInputError) as caught:
        read_quantity("temperature", value, kind)
    assert caught.value.field == "temperature"
    assert str(caught.value).startswith("temperature: ")


def test_imperial_units_give_the_same_sweat_rate() -> None:
    metric = sweat_rate("70kg", "68.8kg", "0.75L", "2h", "0.2L", rules=RULES)
    imperial = sweat_rate("154.32lb", "151.68lb", "25.36oz", "120min", "6.76oz", rules=RULES)
    assert imperial.sweat_rate_l_per_h == pytest.approx(metric.sweat_rate_l_per_h, abs=0.015)
    assert imperial.mass_change_percent == metric.mass_change_percent


# ---- sweat-rate readings ------------------------------------------------------------------


def _ids(items: list[PlanItem]) -> list[str]:
    return [item.id for item in items]


@pytest.mark.parametrize(
    ("after", "drank", "status", "reading"),
    [
        (70.3, 1.5, "gain", "reading_gain"),
        (70.0, 1.0, "ok", "reading_ok"),
        (69.0, 0.5, "ok", "reading_ok"),
        (68.5, 0.5, "over_2", "reading_over_2"),
        (66.0, 0.0, "over_5", "reading_over_5"),
    ],
)
def test_reading_by_mass_change(after: float, drank: float, status: str, reading: str) -> None:
    result = sweat_rate(70.0, after, drank, 2.0, rules=RULES)
    assert result.status == status
    assert result.reading[0].id == reading


def test_any_gain_warns_of_overdrinking() -> None:
    result = sweat_rate(70.0, 70.1, 1.0, 1.0, rules=RULES)
    assert result.status == "gain"
    assert "overdrinking" in result.reading[0].text
    assert result.rehydrate_l is None


def test_rehydration_is_one_and_a_half_litres_per_kg_lost() -> None:
    result = sweat_rate(70.0, 68.0, 0.0, 2.0, rules=RULES)
    assert result.rehydrate_l == 3.0
    assert "rehydrate" in _ids(result.reading)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"before": -70}, "before"),
        ({"before": "-70kg"}, "before"),
        ({"after": "0kg"}, "after"),
        ({"after": 56.0}, "after"),  # a 20% change
        ({"after": 84.0}, "after"),  # a 20% gain
        ({"duration": 0}, "duration"),
        ({"duration": "0min"}, "duration"),
        ({"duration": "-1h"}, "duration"),
        ({"duration": "hot"}, "duration"),
        ({"drank": "-1L"}, "drank"),
        ({"urine": "-0.1L"}, "urine"),
        ({"after": 71.0, "drank": 0.2}, "after"),  # mass gained beyond what was drunk
        ({"duration": "5min", "after": 66.0}, "duration"),  # 48 L/h: impossible
        ({"sodium": "900mg/L", "sweat": "high"}, "sodium"),
        ({"sodium": "0mg/L"}, "sodium"),
        ({"sweat": "very"}, "sweat"),
    ],
)
def test_sweat_rate_refuses_bad_input(kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"before": 70.0, "after": 69.0, "drank": 0.5, "duration": 1.0}
    args.update(kwargs)
    with pytest.raises(InputError) as caught:
        sweat_rate(**args, rules=RULES)
    assert isinstance(caught.value, PlanInputError)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


@pytest.mark.parametrize(
    ("category", "mg_per_l"), [("low", 410.0), ("typical", 825.0), ("high", 1570.0)]
)
def test_sweat_categories(category: str, mg_per_l: float) -> None:
    result = sweat_rate(70.0, 69.0, 0.0, 1.0, sweat=category, rules=RULES)
    assert result.sweat_sodium_mg_per_l == mg_per_l
    assert result.sodium_mg_per_h == pytest.approx(mg_per_l, abs=10)
    assert result.sodium_mg_per_h_range is not None
    low, high = result.sodium_mg_per_h_range
    assert low <= result.sodium_mg_per_h <= high
    assert ("salty_sweater" in _ids(result.reading)) == (category == "high")


def test_measured_sodium_has_no_category_range() -> None:
    result = sweat_rate(70.0, 69.0, 0.0, 1.0, sodium="1200mg/L", rules=RULES)
    assert result.sodium_basis == "measured"
    assert result.sodium_mg_per_h_range is None
    assert result.sodium_mg_per_h == 1200.0


@settings(max_examples=200, deadline=None)
@given(
    before=st.floats(20, 350),
    change=st.floats(-0.15, 0.15),
    drank=st.floats(0, 20),
    urine=st.floats(0, 10),
    hours=st.floats(0.01, 48),
)
def test_sweat_rate_either_answers_consistently_or_names_a_field(
    before: float, change: float, drank: float, urine: float, hours: float
) -> None:
    after = before * (1 + change)
    try:
        result = sweat_rate(before, after, drank, hours, urine, rules=RULES)
    except PlanInputError as exc:
        assert exc.field in {"before", "after", "duration"}
        return
    expected_loss = before - after + drank - urine
    assert result.sweat_loss_l == pytest.approx(expected_loss, abs=0.006)
    assert result.sweat_rate_l_per_h == pytest.approx(expected_loss / hours, abs=0.006)
    assert 0 <= result.sweat_rate_l_per_h <= RULES.numbers.max_plausible_sweat_rate_l_per_h.v
    assert abs(result.mass_change_percent) <= 10


# ---- the plan --------------------------------------------------------------------------


def test_fluid_from_a_measured_sweat_rate_keeps_the_loss_under_two_percent() -> None:
    plan = make_plan("running", "2h", "20C", sweat_rate="0.88L/h", body_mass="70kg", rules=RULES)
    # 2 h x 0.88 L/h = 1.76 L; 2% of 70 kg = 1.4 L; so at least 0.18 L/h, rounded up.
    assert plan.fluid.mode == "plan"
    assert plan.fluid_ml_per_h == 200
    assert plan.fluid.expected_loss_percent is not None
    assert plan.fluid.expected_loss_percent <= 2.0


def test_fluid_is_capped_and_says_the_loss_will_exceed_two_percent() -> None:
    plan = make_plan(
        "running", "3h", "30C", humidity="60%", sweat_rate="1.6L/h", body_mass=70, rules=RULES
    )
    assert plan.fluid_ml_per_h == CAP_ML
    assert plan.fluid.expected_loss_percent == 2.6
    assert "over 2%" in plan.fluid.items[0].text


def test_low_sweat_rate_means_drink_to_thirst() -> None:
    plan = make_plan("cycling", "2h", "15C", sweat_rate="0.4L/h", body_mass="80kg", rules=RULES)
    assert plan.fluid.mode == "drink_to_thirst"
    assert plan.fluid_ml_per_h == 0
    assert plan.fluid.items[0].id == "fluid_thirst_enough"


def test_short_session_needs_no_fluid_or_sodium() -> None:
    plan = make_plan("running", "20min", "25C", sweat="high", rules=RULES)
    assert plan.fluid.mode == "none_needed"
    assert plan.fluid_ml_per_h == 0
    assert plan.sodium_mg_per_h == 0
    assert not plan.sodium.needed


def test_unknown_sweat_rate_is_estimated_with_its_range() -> None:
    plan = make_plan("running", "2h", "22C", rules=RULES)
    estimate = plan.fluid.sweat_rate
    assert estimate.basis == "estimated"
    assert estimate.l_per_h == 1.28  # endurance athletes [S51], no adjustment at 22 °C
    assert (estimate.low_l_per_h, estimate.high_l_per_h) == (0.6, 1.96)  # ± 0.68 [S50]
    assert plan.fluid.mode == "drink_to_thirst"
    assert plan.fluid_ml_per_h <= estimate.low_l_per_h * 1000
    estimate_item = next(item for item in plan.fluid.items if item.id == "fluid_estimate")
    assert {"S50", "S51"} <= set(estimate_item.sources)
    assert "0.60 to 1.96 L/h" in estimate_item.text
    assert plan.fluid.body_mass_assumed


def test_heat_and_intensity_raise_the_estimate() -> None:
    cool = make_plan("soccer", "90min", "15C", intensity="easy", rules=RULES).fluid.sweat_rate
    hot = make_plan("soccer", "90min", "33C", intensity="race", rules=RULES).fluid.sweat_rate
    assert cool.l_per_h < 0.94 < hot.l_per_h


@pytest.mark.parametrize(
    ("temperature", "humidity", "advice"),
    [
        ("20C", None, None),
        ("28C", None, "heat_caution"),
        ("28C", "80%", "heat_high"),
        ("33C", None, "heat_high"),
        ("30C", "60%", "heat_high"),
        ("40C", None, "heat_danger"),
        ("95F", "70%", "heat_danger"),
    ],
)
def test_heat_bands(temperature: str, humidity: str | None, advice: str | None) -> None:
    plan = make_plan("running", "1h", temperature, humidity=humidity, rules=RULES)
    heat = [item.id for item in plan.conditions if item.id.startswith("heat_")]
    if advice is None:
        assert heat == []
    else:
        assert heat[0] == advice
        assert "heat_illness_signs" in heat


def test_heat_index_matches_published_values() -> None:
    # NWS table: 90 °F at 60% humidity feels like about 100 °F; 80 °F at 40% about 80 °F.
    assert heat_index_c(32.2, 60) == pytest.approx(37.8, abs=0.6)
    assert heat_index_c(26.7, 40) == pytest.approx(26.7, abs=0.6)
    assert heat_index_c(20, 90) == 20


@pytest.mark.parametrize(
    ("water", "expected", "absent"),
    [
        (None, ["water_unknown", "swim_foot"], ["cold_water"]),
        ("18C", ["swim_foot"], ["cold_water", "water_unknown"]),
        ("14C", ["cold_water", "swim_foot"], ["very_cold_water"]),
        ("50F", ["cold_water", "very_cold_water"], []),
    ],
)
def test_swimming_water_thresholds(water: str | None, expected: list[str], absent: list[str]):
    plan = make_plan("open water", "45min", "20C", water_temperature=water, rules=RULES)
    ids = _ids(plan.conditions)
    assert set(expected) <= set(ids)
    assert not set(absent) & set(ids)
    assert _ids(plan.if_cramp.water) == ["cramp_water_float", "cramp_water_stretch"]
    cold_water = [item for item in plan.conditions if item.id == "cold_water"]
    for item in cold_water:
        assert "Never swim alone" in item.text and "enter slowly" in item.text
        assert "float" in item.text and item.sources == ["S60"]


def test_a_swim_is_planned_without_the_air_temperature() -> None:
    plan = make_plan("swimming", "1h", None, water_temperature="16C", rules=RULES)
    assert plan.session.temperature_c is None and plan.session.feels_like_c is None
    assert plan.session.water_temperature_c == 16
    ids = _ids(plan.conditions)
    assert ids[0] == "air_unknown" and "not given" in plan.conditions[0].text
    assert not {"cold_air", "heat_caution", "heat_high", "heat_danger"} & set(ids)
    assert not plan.warmup.cold  # 16 °C water is not cold, and no air says otherwise
    with_air = make_plan("swimming", "1h", "20C", water_temperature="16C", rules=RULES)
    assert "air_unknown" not in _ids(with_air.conditions)
    assert plan.fluid == with_air.fluid  # in the water the air does not change sweating
    humid = make_plan("swimming", "1h", None, humidity=80, rules=RULES)
    assert humid.session.feels_like_c is None and "water_unknown" in _ids(humid.conditions)


@pytest.mark.parametrize("sport", ["running", "triathlon", "cycling"])
def test_a_sport_out_of_the_water_needs_the_air_temperature(sport: str) -> None:
    with pytest.raises(PlanInputError) as caught:
        make_plan(sport, "1h", None, water_temperature="16C", rules=RULES)
    assert caught.value.field == "temperature"
    assert "give the air temperature for" in str(caught.value)


def test_land_sessions_have_no_water_first_aid() -> None:
    assert make_plan("running", "1h", "15C", rules=RULES).if_cramp.water == []


def test_warmup_is_longer_in_the_cold_and_names_the_muscles() -> None:
    mild = make_plan("running", "1h", "15C", rules=RULES).warmup
    cold = make_plan("running", "1h", "2C", rules=RULES).warmup
    assert (mild.minutes_low, mild.minutes_high) == (10, 15)
    assert (cold.minutes_low, cold.minutes_high) == (15, 20)
    assert cold.cold and not mild.cold
    assert mild.muscles == ["calf", "hamstring", "quadriceps"]
    assert "calves" in mild.items[0].text
    assert mild.items[0].evidence == "general_advice" and mild.items[0].sources == []


def test_pacing_stresses_cramp_history_and_racing() -> None:
    plain = _ids(make_plan("running", "1h", "15C", rules=RULES).pacing)
    history = _ids(
        make_plan("running", "4h", "15C", cramp_history=True, intensity="race", rules=RULES).pacing
    )
    assert "pacing_history" not in plain and "pacing_race" not in plain
    assert {"pacing", "pacing_history", "pacing_race", "pacing_long"} <= set(history)
    assert history.index("pacing_history") < history.index("pacing_long")


def test_sodium_for_a_long_salty_session() -> None:
    plan = make_plan(
        "cycling", "4h", "28C", sweat_rate="1.2L/h", body_mass=75, sweat="high", rules=RULES
    )
    sodium = plan.sodium
    assert sodium.needed and sodium.sweat_sodium_basis == "high"
    assert sodium.drink_mg_per_l == 1100  # the top of the 400-1,100 mg/L range [S55]
    assert 0 < plan.sodium_mg_per_h <= SODIUM_CAP
    assert {"sodium_plan", "salty_sweater", "sodium_gi"} <= set(_ids(sodium.items))
    text = sodium.items[0].text
    assert "g of salt" in text and "teaspoon" in text


def test_sodium_not_needed_for_an_hour_of_typical_sweat() -> None:
    plan = make_plan("running", "1h", "20C", rules=RULES)
    assert not plan.sodium.needed
    assert plan.sodium_mg_per_h == 0
    assert _ids(plan.sodium.items) == ["sodium_not_needed"]


@pytest.mark.parametrize(
    ("name", "sport"),
    [("run", "running"), ("Open water", "swimming"), ("bike", "cycling"), ("ironman", "triathlon")],
)
def test_sport_names_and_aliases(name: str, sport: str) -> None:
    assert make_plan(name, "1h", "20C", rules=RULES).session.sport == sport


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sport": "curling"}, "sport"),
        ({"duration": 0}, "duration"),
        ({"duration": "0h"}, "duration"),
        ({"duration": "100h"}, "duration"),
        ({"temperature": "hot"}, "temperature"),
        ({"temperature": "80C"}, "temperature"),
        ({"humidity": "120%"}, "humidity"),
        ({"water_temperature": "warm"}, "water_temperature"),
        ({"intensity": "crazy"}, "intensity"),
        ({"sweat_rate": "0L/h"}, "sweat_rate"),
        ({"sweat_rate": "9L/h"}, "sweat_rate"),
        ({"body_mass": "-70kg"}, "body_mass"),
        ({"sodium": "900mg/L", "sweat": "low"}, "sodium"),
    ],
)
def test_make_plan_refuses_bad_input(kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"sport": "running", "duration": "1h", "temperature": "20C"}
    args.update(kwargs)
    with pytest.raises(PlanInputError) as caught:
        make_plan(**args, rules=RULES)
    assert caught.value.field == field


# ---- properties: the caps ---------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    sport=st.sampled_from(sorted(RULES.sports)),
    hours=st.floats(0.05, 48),
    temperature=st.floats(-40, 55),
    humidity=st.none() | st.floats(0, 100),
    water=st.none() | st.floats(-2, 40),
    intensity=st.sampled_from(["easy", "usual", "hard", "race"]),
    measured=st.none() | st.floats(0.01, 6),
    body_mass=st.none() | st.floats(20, 350),
    cramp_history=st.booleans(),
    sodium=st.none() | st.floats(1, 3000) | st.sampled_from(["low", "typical", "high"]),
)
def test_fluid_and_sodium_never_exceed_their_caps(
    sport: str,
    hours: float,
    temperature: float,
    humidity: float | None,
    water: float | None,
    intensity: str,
    measured: float | None,
    body_mass: float | None,
    cramp_history: bool,
    sodium: float | str | None,
) -> None:
    plan = make_plan(
        sport,
        hours,
        temperature,
        humidity=humidity,
        water_temperature=water,
        intensity=intensity,
        sweat_rate=measured,
        body_mass=body_mass,
        cramp_history=cramp_history,
        sodium=sodium if isinstance(sodium, float) else None,
        sweat=sodium if isinstance(sodium, str) else None,
        rules=RULES,
    )
    fluid = plan.fluid_ml_per_h
    assert fluid == plan.fluid.ml_per_h
    assert 0 <= fluid <= CAP_ML
    if measured is not None:
        assert fluid <= measured * 1000
    else:
        assert fluid <= plan.fluid.sweat_rate.low_l_per_h * 1000
    assert fluid <= plan.fluid.ceiling_ml_per_h
    assert 0 <= plan.sodium_mg_per_h <= SODIUM_CAP
    loss = plan.fluid.sweat_rate.l_per_h * plan.sodium.sweat_sodium_mg_per_l
    assert plan.sodium_mg_per_h <= loss + 5
    for item in _all_items(plan):
        _check_item(item)


# ---- every item: reason, evidence, no unsafe advice ---------------------------------------


def _all_items(plan: Plan) -> list[PlanItem]:
    return [
        *plan.warmup.items,
        *plan.conditions,
        *plan.pacing,
        *plan.fluid.items,
        *plan.sodium.items,
        *plan.if_cramp.land,
        *plan.if_cramp.water,
    ]


def _check_item(item: PlanItem) -> None:
    assert item.text and item.reason
    assert "{" not in item.text and "{" not in item.reason  # every placeholder filled
    if item.evidence == "general_advice":
        assert item.sources == []
    else:
        assert item.sources
    lowered = item.text.lower()
    if "quinine" in lowered:
        assert "no quinine" in lowered
    for unsafe in ("as much as you can", "as much as possible"):
        if unsafe in lowered:
            assert "do not drink " + unsafe in lowered or "never drink " + unsafe in lowered
    for supplement in ("magnesium", "calcium", "potassium", "banana", "sodium oxide", "fluoride"):
        assert supplement not in lowered


def test_sweat_reading_items_are_sourced() -> None:
    for after, drank in ((70.3, 1.5), (69.0, 0.5), (68.5, 0.5), (66.0, 0.0)):
        for item in sweat_rate(70.0, after, drank, 2.0, sweat="high", rules=RULES).reading:
            _check_item(item)


# ---- golden plans --------------------------------------------------------------------------

SCENARIOS: dict[str, dict[str, Any]] = {
    "hot_marathon_measured": {
        "sport": "running",
        "duration": "3h",
        "temperature": "30C",
        "humidity": "60%",
        "intensity": "race",
        "sweat_rate": "1.6L/h",
        "body_mass": "70kg",
        "cramp_history": True,
    },
    "cold_open_water_swim": {
        "sport": "swimming",
        "duration": "1h",
        "temperature": "16C",
        "water_temperature": "12C",
        "cramp_history": True,
    },
    "easy_cycle_unknown_sweat": {
        "sport": "cycling",
        "duration": "2.5h",
        "temperature": "18C",
        "intensity": "easy",
        "body_mass": "80kg",
    },
    "short_soccer_session": {"sport": "soccer", "duration": "25min", "temperature": "24C"},
}


def _golden(name: str, data: dict[str, Any]) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with UPDATE_GOLDEN=1 to create it"
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_golden_plan(name: str) -> None:
    _golden(name, make_plan(**SCENARIOS[name], rules=RULES).model_dump(mode="json"))


def test_golden_sweat_rate_worked_example() -> None:
    result = sweat_rate("70.0kg", "68.8kg", "0.75L", "2h", "0.2L", sweat="typical", rules=RULES)
    _golden("sweat_rate_worked_example", result.model_dump(mode="json"))


# ---- the core stays pure ------------------------------------------------------------------

FORBIDDEN_IMPORTS = ("os", "pathlib", "sqlite3", "datetime", "time", "random", "rich", "typer")


@pytest.mark.parametrize(
    "module", [plan_module, hydration_module, sweat_module, plan_inputs_module, advice_module]
)
def test_core_modules_do_no_io(module: Any) -> None:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    for name in imported:
        root = name.split(".")[0]
        assert root not in FORBIDDEN_IMPORTS, name
        assert not name.startswith(("crampcoach.cli", "crampcoach.diary", "crampcoach.profile"))
        assert name != "crampcoach.settings"
    text = Path(module.__file__).read_text(encoding="utf-8")
    assert "open(" not in text and "print(" not in text


def test_a_bare_sweat_sodium_number_is_refused_for_want_of_a_unit() -> None:
    with pytest.raises(PlanInputError, match="mmol/L"):
        sweat_rate("70kg", "68.8kg", "0.75L", "2h", "0.2L", sodium="40", rules=RULES)


def test_humidity_given_as_a_fraction_is_read_as_percent() -> None:
    plan = make_plan("running", "2h", "30C", humidity="0.6", rules=RULES)
    assert plan.session.humidity_percent == 60


def test_the_profile_fills_only_the_plan_options_left_out() -> None:
    from crampcoach.core.profile import Profile, fill_plan_options

    profile = Profile(sweat_rate_l_per_h=1.2, sweat_sodium_mg_per_l=900, body_mass_kg=70)
    given = {"sweat_rate": "0.8 L/h", "sodium": None, "sweat": None, "body_mass": None}
    values, used = fill_plan_options(given, profile)
    assert values["sweat_rate"] == "0.8 L/h"  # given: the profile does not override it
    assert (values["sodium"], values["body_mass"]) == (900, 70)
    assert used == ["sweat_sodium_mg_per_l", "body_mass_kg"]
    # A sweat kind told instead of a sodium: the measured sodium stays out.
    values, used = fill_plan_options({**given, "sweat": "salty"}, profile)
    assert values["sodium"] is None and "sweat_sodium_mg_per_l" not in used
