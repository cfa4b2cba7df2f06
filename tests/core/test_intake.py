"""Intake: units in, SI out; impossible values refused naming the field; answers applied."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from crampcoach.core.intake import with_answer
from crampcoach.errors import InputError
from crampcoach.knowledge.intake import Intake, field_paths


@pytest.mark.parametrize(
    ("part", "field", "given", "stored"),
    [
        ("activity", "air_temperature_c", "86F", 30.0),
        ("activity", "air_temperature_c", "30 °C", 30.0),
        ("activity", "water_temperature_c", "57.2 °F", 14.0),
        ("activity", "distance_m", "3.1 mi", 4988.97),
        ("activity", "distance_m", "10 km", 10000.0),
        ("activity", "duration_s", "1h30", 5400.0),
        ("activity", "duration_s", "2:31:00", 9060.0),
        ("activity", "duration_s", "45 min", 2700.0),
        ("activity", "fluid_l", "16 oz", 0.4732),
        ("activity", "fluid_l", "750 ml", 0.75),
        ("person", "body_mass_kg", "154 lb", 69.85),
        ("activity", "duration_s", 3600, 3600.0),
    ],
)
def test_units_are_stored_in_si(part: str, field: str, given: object, stored: float) -> None:
    intake = Intake.model_validate({part: {field: given}})
    assert getattr(getattr(intake, part), field) == pytest.approx(stored, rel=1e-3)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"activity": {"duration_s": -5}}, "activity.duration_s"),
        ({"person": {"age_years": 300}}, "person.age_years"),
        ({"activity": {"water_temperature_c": "90 C"}}, "activity.water_temperature_c"),
        ({"activity": {"air_temperature_c": "hot"}}, "activity.air_temperature_c"),
        ({"episode": {"muscle": "elbow"}}, "episode.muscle"),
        ({"findings": {"swollen": True}}, "findings.swollen"),
        ({"person": {"pregnancy_week": 20, "sex": "male"}}, "pregnancy_week"),
    ],
)
def test_impossible_input_is_refused_naming_the_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        Intake.model_validate(data)
    text = str(info.value)
    assert field.split(".")[-1] in text


def test_unknown_is_not_no() -> None:
    intake = Intake()
    assert intake.findings.swelling is None
    assert Intake.model_validate({"findings": {"swelling": False}}).findings.swelling is False


def test_field_paths_name_every_leaf() -> None:
    paths = field_paths()
    assert "findings.swelling" in paths and "person.age_years" in paths
    assert len(paths) == len(set(paths))


def test_answers_set_fields_with_units_and_leave_unsure_unknown() -> None:
    intake = with_answer(Intake(), "findings.swelling", "Yes")
    assert intake.findings.swelling is True
    intake = with_answer(intake, "activity.air_temperature_c", "95 F", "degC")
    assert intake.activity.air_temperature_c == pytest.approx(35.0)
    assert with_answer(intake, "findings.redness", "not sure").findings.redness is None
    intake = with_answer(intake, "person.medicines", "statin")
    assert intake.person.medicines == ["statin"]


def test_bad_answers_raise_input_error_naming_the_field() -> None:
    with pytest.raises(InputError, match=r"person\.age_years"):
        with_answer(Intake(), "person.age_years", "300")
    with pytest.raises(InputError, match="not a field"):
        with_answer(Intake(), "person.shoe_size", "42")


def test_a_yes_or_no_word_is_never_a_number() -> None:
    with pytest.raises(InputError, match=r"person\.age_years: 'true' does not fit"):
        with_answer(Intake(), "person.age_years", "true")
    assert with_answer(Intake(), "episode.per_week", "1").episode.per_week == 1
    assert with_answer(Intake(), "findings.swelling", "true").findings.swelling is True
