"""The structured description of one cramp episode: what the engine assesses.

The knowledge's rules (findings.yaml `when`, lexicon.yaml `set`) name these fields, so
the schema lives with the knowledge that is validated against it; the core reads it.

Every field is optional, and None means "not known", which is not the same as
False ("no"). Quantities accept the units people use ("86F", "3 mi", "154 lb",
"1h30") and are stored in SI-style units named in the field (`_s`, `_m`, `_kg`,
`_l`, `_c`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from crampcoach.knowledge.vocabulary import Intensity, MuscleId
from crampcoach.units import UnitError, parse_quantity

Side = Literal["left", "right", "both"]
Sex = Literal["female", "male", "other"]
FluidKind = Literal["none", "little", "water", "sports_drink", "electrolyte", "mixed"]

# Conditions the knowledge base reasons about (see knowledge/data/findings.yaml).
Condition = Literal[
    "kidney_disease",
    "dialysis",
    "liver_cirrhosis",
    "diabetes",
    "thyroid_disease",
    "parathyroid_or_thyroid_surgery",
    "nerve_disease",
    "peripheral_artery_disease",
    "heart_disease",
    "atrial_fibrillation",
    "cancer",
    "high_blood_pressure",
    "lumbar_stenosis",
    "low_blood_minerals",  # magnesium or potassium found low on a blood test
]
# Medicine classes linked to cramps [S27, S33, S34, S36], plus those that change advice.
MedicineClass = Literal[
    "diuretic",
    "statin",
    "laba",
    "raloxifene",
    "teriparatide",
    "naproxen",
    "iv_iron",
    "oestrogen",
    "ppi",
    "laxative",
    "beta_blocker",
    "imatinib",
    "anticoagulant",
    "other",
]


@dataclass(frozen=True)
class _ToUnit:
    """Reads a quantity as people write it ("45 min", "86F") in the field's own unit."""

    unit: str

    def __call__(self, value: object) -> object:
        if value is None:
            return None
        try:
            return parse_quantity(value, self.unit)
        except UnitError as exc:
            raise ValueError(str(exc)) from exc


def _unit(target: str) -> Any:
    return BeforeValidator(_ToUnit(target))


Seconds = Annotated[Annotated[float, Field(ge=0, le=60 * 86400)] | None, _unit("s")]
Metres = Annotated[Annotated[float, Field(ge=0, le=2_000_000)] | None, _unit("m")]
Litres = Annotated[Annotated[float, Field(ge=0, le=40)] | None, _unit("l")]
AirCelsius = Annotated[Annotated[float, Field(ge=-60, le=60)] | None, _unit("degC")]
WaterCelsius = Annotated[Annotated[float, Field(ge=-3, le=45)] | None, _unit("degC")]
BodyMass = Annotated[Annotated[float, Field(ge=2, le=350)] | None, _unit("kg")]
AgeYears = Annotated[float | None, Field(ge=0, le=120)]
MassChange = Annotated[Annotated[float, Field(ge=-10, le=20)] | None, _unit("kg")]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Episode(_Part):
    """The cramp itself: where, when, how long, how often."""

    muscle: MuscleId | None = None
    widespread: bool | None = Field(None, description="Many muscles at once, or all over")
    side: Side | None = None
    during_exercise: bool | None = None
    after_exercise: bool | None = None
    at_night: bool | None = Field(None, description="In bed or woke the person from sleep")
    at_rest: bool | None = Field(None, description="Sitting or lying, not exercising")
    duration_s: Seconds = Field(None, description="How long the cramp lasted")
    still_cramping: bool | None = None
    per_week: float | None = Field(None, ge=0, le=200, description="How many episodes a week")
    recurring: bool | None = Field(None, description="Keeps coming back over weeks or months")
    unexplained: bool | None = Field(
        None, description="Told to come with nothing the person does or can see behind it"
    )
    relieved_by_stretching: bool | None = None
    foot_pointed_down: bool | None = Field(None, description="Toes pointed down (plantar flexion)")
    pressure_or_position: bool | None = Field(
        None, description="Bedding pressing the feet down, lying prone, or a leg folded for long"
    )


class Activity(_Part):
    """The session in which, or after which, the cramp came."""

    sport: str | None = Field(None, max_length=60)
    duration_s: Seconds = None
    distance_m: Metres = None
    intensity: Intensity | None = Field(None, description="Against the person's usual effort")
    faster_than_trained: bool | None = None
    unaccustomed: bool | None = Field(
        None, description="First in a long time, much more than usual, or a big jump in training"
    )
    warmup: bool | None = None
    air_temperature_c: AirCelsius = None
    water_temperature_c: WaterCelsius = None
    humidity_percent: float | None = Field(None, ge=0, le=100)
    hot_weather: bool | None = Field(None, description="Described as hot or humid, no number given")
    cold_weather: bool | None = Field(None, description="Described as cold, no number given")
    in_water: bool | None = None
    heavy_sweating: bool | None = None
    salty_sweat: bool | None = Field(None, description="White salt marks on skin or clothes")
    fluid_l: Litres = Field(None, description="Fluid drunk during the session")
    fluid_kind: FluidKind | None = None
    drank_a_lot: bool | None = Field(None, description="Drank large amounts, beyond thirst")
    salt_taken: bool | None = None
    mass_loss_kg: MassChange = Field(
        None, description="Body mass lost over the session; negative is a gain"
    )
    mass_loss_percent: float | None = Field(
        None,
        ge=-15,
        le=15,
        description="The same as a share of body mass; filled in when both known",
    )
    recent_hard_training: bool | None = None


class Person(_Part):
    """Who had the cramp."""

    age_years: AgeYears = None
    sex: Sex | None = None
    body_mass_kg: BodyMass = None
    pregnant: bool | None = None
    pregnancy_week: int | None = Field(None, ge=1, le=44)
    postpartum: bool | None = None
    cramp_history: bool | None = None
    conditions: list[Condition] = Field(default_factory=list)
    conditions_known: bool | None = Field(None, description="False: said to have no conditions")
    medicines: list[MedicineClass] = Field(default_factory=list)
    takes_no_medicines: bool | None = None
    medicine_started_recently: bool | None = Field(
        None, description="A medicine started or changed in the last three months"
    )
    smoker: bool | None = None
    recent_wound: bool | None = Field(None, description="A dirty or deep wound in the last weeks")
    tetanus_up_to_date: bool | None = None
    recent_immobility: bool | None = Field(
        None, description="Surgery, bed rest, a plaster cast or long travel in the last weeks"
    )
    recent_fluid_loss_illness: bool | None = Field(None, description="Vomiting or diarrhoea")
    heavy_alcohol: bool | None = None


class Findings(_Part):
    """Signs and symptoms, each True, False or unknown."""

    swelling: bool | None = None
    swelling_one_side: bool | None = None
    redness: bool | None = None
    warmth: bool | None = None
    tenderness: bool | None = None
    severe_pain: bool | None = Field(None, description="Pain far worse than an ordinary cramp")
    pain_persists: bool | None = Field(None, description="Pain or swelling lasting hours after")
    dark_urine: bool | None = None
    weakness: bool | None = None
    wasting: bool | None = Field(None, description="Muscles shrinking")
    twitching: bool | None = None
    numbness: bool | None = None
    tingling_mouth_or_fingers: bool | None = None
    hand_or_foot_spasm: bool | None = Field(None, description="Hands or feet drawn into a claw")
    hand_spasm: bool | None = Field(
        None, description="Hands or fingers drawn into a claw or unable to open (not the feet)"
    )
    throat_tightness: bool | None = None
    confusion: bool | None = None
    collapse: bool | None = None
    very_hot_skin: bool | None = None
    dizziness: bool | None = None
    nausea_or_vomiting: bool | None = None
    headache: bool | None = None
    swollen_hands_or_weight_gain: bool | None = None
    not_improving_with_cooling: bool | None = Field(
        None, description="Heat symptoms not better after 30 minutes of cooling and fluids"
    )
    chest_pain: bool | None = None
    breathlessness: bool | None = None
    pain_on_walking_eased_by_rest: bool | None = None
    cold_pale_limb: bool | None = Field(None, description="Leg or foot suddenly cold, pale, numb")
    cold_feet: bool | None = None
    weak_foot_pulses: bool | None = None
    pop_or_sudden_sharp_pain: bool | None = None
    bruising: bool | None = None
    pain_bearing_weight: bool | None = None
    jaw_stiffness: bool | None = None
    restless_urge_to_move: bool | None = None


class Intake(_Part):
    """One person's cramp story in structured form; every part may be left out."""

    episode: Episode = Field(default_factory=Episode)
    activity: Activity = Field(default_factory=Activity)
    person: Person = Field(default_factory=Person)
    findings: Findings = Field(default_factory=Findings)
    someone_else: Findings = Field(
        default_factory=Findings,
        description="Signs in someone with the person now (a workmate who collapsed beside "
        "them): a red flag marked for_someone_else raises the triage for their sake",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Intake:
        person = self.person
        if person.pregnancy_week is not None and person.pregnant is False:
            raise ValueError("person.pregnancy_week: given, but person.pregnant is false")
        if person.pregnancy_week is not None and person.sex == "male":
            raise ValueError("person.pregnancy_week: given for a male person")
        water = self.activity.water_temperature_c
        if water is not None and water > 40:
            raise ValueError(f"activity.water_temperature_c: {water:g} °C is too hot to swim in")
        body = person.body_mass_kg
        loss = self.activity.mass_loss_kg
        if body is not None and loss is not None and abs(loss) > 0.15 * body:
            raise ValueError(
                f"activity.mass_loss_kg: {loss:g} kg is more than 15% of body mass {body:g} kg"
            )
        if loss is not None and body is not None and self.activity.mass_loss_percent is None:
            self.activity.mass_loss_percent = round(100 * loss / body, 2)
        return self


def field_paths() -> list[str]:
    """Every leaf field of Intake as a dotted path ("findings.swelling")."""
    paths: list[str] = []
    for part_name, part in Intake.model_fields.items():
        model = part.annotation
        assert isinstance(model, type) and issubclass(model, BaseModel)
        paths.extend(f"{part_name}.{name}" for name in model.model_fields)
    return paths


def field_unit(path: str) -> str | None:
    """The unit an Intake number field keeps ("episode.duration_s": "s"): s, m, l, degC or
    kg; None for a field kept without one, or no such field."""
    part, _, name = path.partition(".")
    section = Intake.model_fields.get(part)
    model = section.annotation if section is not None else None
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    field = model.model_fields.get(name)
    metadata = field.metadata if field is not None else []
    return next(
        (
            m.func.unit
            for m in metadata
            if isinstance(m, BeforeValidator) and isinstance(m.func, _ToUnit)
        ),
        None,
    )
