"""The words a face shows for an Intake field and its values ("I understood", questions).

The story parser names a fact by its Intake path (`episode.muscle`) and keeps its value
as an id (`calf`, `sports_drink`) or a number in SI units. A face names both in the
person's language: the field by `FIELD_LABELS`, a choice by `CHOICE_LABELS` (a muscle by
its label in the knowledge base, a sport by the plan's), a number with its unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crampcoach.core.story.model import READ, READ_UNSURE
from crampcoach.i18n import N_, Translator
from crampcoach.knowledge.intake import field_unit

if TYPE_CHECKING:
    from crampcoach.coach import Coach
    from crampcoach.core.story.model import Fact

FIELD_LABELS: dict[str, str] = {
    "episode.muscle": N_("Muscle"),
    "episode.widespread": N_("Many muscles at once"),
    "episode.side": N_("Side"),
    "episode.during_exercise": N_("During exercise"),
    "episode.after_exercise": N_("After exercise"),
    "episode.at_night": N_("At night, in bed"),
    "episode.at_rest": N_("At rest"),
    "episode.duration_s": N_("How long the cramp lasted"),
    "episode.still_cramping": N_("Still cramping now"),
    "episode.per_week": N_("Cramps a week"),
    "episode.recurring": N_("Keeps coming back"),
    "episode.unexplained": N_("Comes with no cause in view"),
    "episode.relieved_by_stretching": N_("Stretching eased it"),
    "episode.foot_pointed_down": N_("Toes pointed down"),
    "episode.pressure_or_position": N_("Bedding or a position pressed on the leg"),
    "activity.sport": N_("Sport"),
    "activity.duration_s": N_("How long the session lasted"),
    "activity.distance_m": N_("Distance"),
    "activity.intensity": N_("Effort"),
    "activity.faster_than_trained": N_("Faster than you trained for"),
    "activity.unaccustomed": N_("More than you are used to"),
    "activity.warmup": N_("Warmed up"),
    "activity.air_temperature_c": N_("Air temperature"),
    "activity.water_temperature_c": N_("Water temperature"),
    "activity.humidity_percent": N_("Humidity"),
    "activity.hot_weather": N_("Hot weather"),
    "activity.cold_weather": N_("Cold weather"),
    "activity.in_water": N_("In the water"),
    "activity.heavy_sweating": N_("Sweated heavily"),
    "activity.salty_sweat": N_("Salty sweat (white marks)"),
    "activity.fluid_l": N_("Fluid drunk"),
    "activity.fluid_kind": N_("What you drank"),
    "activity.drank_a_lot": N_("Drank a lot, beyond thirst"),
    "activity.salt_taken": N_("Took salt or sodium"),
    "activity.mass_loss_kg": N_("Body mass lost"),
    "activity.mass_loss_percent": N_("Body mass lost (%)"),
    "activity.recent_hard_training": N_("Hard training in the last days"),
    "person.age_years": N_("Age"),
    "person.sex": N_("Sex"),
    "person.body_mass_kg": N_("Body mass"),
    "person.pregnant": N_("Pregnant"),
    "person.pregnancy_week": N_("Week of pregnancy"),
    "person.postpartum": N_("Recently gave birth"),
    "person.cramp_history": N_("Has cramped like this before"),
    "person.conditions": N_("Health condition"),
    "person.conditions_known": N_("Has health conditions"),
    "person.medicines": N_("Medicine"),
    "person.takes_no_medicines": N_("Takes no medicines"),
    "person.medicine_started_recently": N_("Started a medicine recently"),
    "person.smoker": N_("Smokes"),
    "person.recent_wound": N_("A dirty or deep wound lately"),
    "person.tetanus_up_to_date": N_("Tetanus jab up to date"),
    "person.recent_immobility": N_("Long travel, bed rest or surgery lately"),
    "person.recent_fluid_loss_illness": N_("Vomiting or diarrhoea lately"),
    "person.heavy_alcohol": N_("Drinks a lot of alcohol"),
    "findings.swelling": N_("Swelling"),
    "findings.swelling_one_side": N_("Swelling on one side"),
    "findings.redness": N_("Redness"),
    "findings.warmth": N_("Warmth"),
    "findings.tenderness": N_("Tender to touch"),
    "findings.severe_pain": N_("Pain far worse than a usual cramp"),
    "findings.pain_persists": N_("Pain or swelling that stays"),
    "findings.dark_urine": N_("Dark urine"),
    "findings.weakness": N_("Weakness"),
    "findings.wasting": N_("Muscles shrinking"),
    "findings.twitching": N_("Muscle twitching"),
    "findings.numbness": N_("Numbness"),
    "findings.tingling_mouth_or_fingers": N_("Tingling lips or fingers"),
    "findings.hand_or_foot_spasm": N_("Hands or feet drawn into a claw"),
    "findings.hand_spasm": N_("Hand spasm"),
    "findings.throat_tightness": N_("Tight throat"),
    "findings.confusion": N_("Confusion"),
    "findings.collapse": N_("Collapse or fainting"),
    "findings.very_hot_skin": N_("Very hot skin"),
    "findings.dizziness": N_("Dizziness"),
    "findings.nausea_or_vomiting": N_("Nausea or vomiting"),
    "findings.headache": N_("Headache"),
    "findings.swollen_hands_or_weight_gain": N_("Swollen hands or weight gain"),
    "findings.not_improving_with_cooling": N_("Not better after cooling"),
    "findings.chest_pain": N_("Chest pain"),
    "findings.breathlessness": N_("Short of breath"),
    "findings.pain_on_walking_eased_by_rest": N_("Pain on walking that eases with rest"),
    "findings.cold_pale_limb": N_("Leg or foot cold and pale"),
    "findings.cold_feet": N_("Cold feet"),
    "findings.weak_foot_pulses": N_("Weak pulses in the feet"),
    "findings.pop_or_sudden_sharp_pain": N_("A pop or sudden sharp pain"),
    "findings.bruising": N_("Bruising"),
    "findings.pain_bearing_weight": N_("Pain when standing on it"),
    "findings.jaw_stiffness": N_("Stiff jaw"),
    "findings.restless_urge_to_move": N_("Restless urge to move the legs"),
}

# Every choice a fact or a question can hold that is not a muscle or a sport.
CHOICE_LABELS: dict[str, str] = {
    "left": N_("left"),
    "right": N_("right"),
    "both": N_("both"),
    "female": N_("female"),
    "male": N_("male"),
    "other": N_("other"),
    "none": N_("none"),
    "little": N_("little"),
    "water": N_("water"),
    "sports_drink": N_("sports drink"),
    "electrolyte": N_("electrolyte drink"),
    "mixed": N_("a mix of drinks"),
    "easy": N_("easy"),
    "usual": N_("usual"),
    "hard": N_("hard"),
    "race": N_("race"),
    "during exercise": N_("during exercise"),
    "after exercise": N_("after exercise"),
    "at night in bed": N_("at night in bed"),
    "at rest": N_("at rest"),
    "kidney_disease": N_("kidney disease"),
    "dialysis": N_("dialysis"),
    "liver_cirrhosis": N_("liver cirrhosis"),
    "diabetes": N_("diabetes"),
    "thyroid_disease": N_("thyroid disease"),
    "parathyroid_or_thyroid_surgery": N_("thyroid or parathyroid surgery"),
    "nerve_disease": N_("nerve disease"),
    "peripheral_artery_disease": N_("narrowed leg arteries (PAD)"),
    "heart_disease": N_("heart disease"),
    "atrial_fibrillation": N_("atrial fibrillation"),
    "cancer": N_("cancer"),
    "high_blood_pressure": N_("high blood pressure"),
    "lumbar_stenosis": N_("narrowed spinal canal (lumbar stenosis)"),
    "low_blood_minerals": N_("low magnesium or potassium on a blood test"),
    "diuretic": N_("water tablets (diuretic)"),
    "statin": N_("statin"),
    "laba": N_("long-acting inhaler (LABA)"),
    "raloxifene": N_("raloxifene"),
    "teriparatide": N_("teriparatide"),
    "naproxen": N_("naproxen"),
    "iv_iron": N_("iron by drip"),
    "oestrogen": N_("oestrogen"),
    "ppi": N_("stomach-acid tablets (PPI)"),
    "laxative": N_("laxative"),
    "beta_blocker": N_("beta blocker"),
    "imatinib": N_("imatinib"),
    "anticoagulant": N_("blood thinner (anticoagulant)"),
}

YES = N_("yes")
NO = N_("no")
# Numbers by the unit their field keeps them in.
SECONDS = N_("{value:g} s")
MINUTES = N_("{value:g} min")
HOURS = N_("{value:g} h")
METRES = N_("{value:g} m")
KILOMETRES = N_("{value:g} km")
CELSIUS = N_("{value:g} °C")
LITRES = N_("{value:g} L")
KILOGRAMS = N_("{value:g} kg")
PERCENT = N_("{value:g}%")
YEARS = N_("{value:g} years")
WEEK = N_("week {value:g}")
PER_WEEK = N_("{value:g} a week")
# What a number field's input takes (its value is shown as data, in these units).
NUMBER_HINTS: dict[str, str] = {
    "s": N_("e.g. 30 s, 45 min, 2 h"),
    "m": N_("e.g. 800 m, 21 km"),
    "degC": N_("e.g. 24 C or 75 F"),
    "l": N_("e.g. 0.5 L, 750 ml"),
    "kg": N_("e.g. 70 kg"),
}


# A sign of someone else now (`someone_else.*`), by the sign's own label.
SOMEONE_ELSES = N_("Someone else, now: {label}")


def field_label(field: str, t: Translator) -> str:
    """The field's name for a person (its path when no label is known)."""
    part, _, name = field.partition(".")
    if part == "someone_else" and f"findings.{name}" in FIELD_LABELS:
        return t(SOMEONE_ELSES, label=t(FIELD_LABELS[f"findings.{name}"]))
    return t(FIELD_LABELS[field]) if field in FIELD_LABELS else field


def choice_label(value: str, coach: Coach, field: str | None = None) -> str:
    """A choice in words: a muscle or a sport by the knowledge's label, else `CHOICE_LABELS`."""
    t = coach.text
    if field in (None, "episode.muscle") and value in coach.kb.muscles:
        return t(coach.kb.muscles[value].label)
    if field in ("activity.sport", "sport"):
        return sport_label(value, coach)
    if value in CHOICE_LABELS:
        return t(CHOICE_LABELS[value])
    return t(value)


def sport_label(value: str, coach: Coach) -> str:
    """A sport's name in words (the plan's label), or as given when the plan lacks it."""
    from crampcoach.core.plan import PlanInputError, find_sport

    rules = coach.knowledge.plan_rules
    try:
        return coach.text(rules.sports[find_sport(rules, value)].label)
    except PlanInputError:
        return value


def number_words(field: str, value: float, t: Translator) -> str:
    """A number of `field` in words with its unit, in a size a person reads easily."""
    unit = field_unit(field)
    if unit == "s":
        if value >= 7200:
            return t(HOURS, value=round(value / 3600, 2))
        if value >= 60:
            return t(MINUTES, value=round(value / 60, 1))
        return t(SECONDS, value=value)
    if unit == "m":
        return (
            t(KILOMETRES, value=round(value / 1000, 3)) if value >= 1000 else t(METRES, value=value)
        )
    simple = {"degC": CELSIUS, "l": LITRES, "kg": KILOGRAMS}
    if unit in simple:
        return t(simple[unit], value=value)
    named = {
        "activity.humidity_percent": PERCENT,
        "activity.mass_loss_percent": PERCENT,
        "person.age_years": YEARS,
        "person.pregnancy_week": WEEK,
        "episode.per_week": PER_WEEK,
    }
    return t(named[field], value=value) if field in named else f"{value:g}"


def number_input(field: str, value: float) -> str:
    """A number as it is put back in an input: data with a unit the Intake reads."""
    unit = field_unit(field)
    if unit == "s":
        if value >= 7200:
            return f"{value / 3600:g} h"
        return f"{value / 60:g} min" if value >= 60 else f"{value:g} s"
    if unit == "m":
        return f"{value / 1000:g} km" if value >= 1000 else f"{value:g} m"
    units = {"degC": "C", "l": "L", "kg": "kg"}
    return f"{value:g} {units[unit]}" if unit in units else f"{value:g}"


def value_words(field: str, value: object, coach: Coach) -> str:
    """A fact's value in words: yes or no, a choice's label, a number with its unit."""
    t = coach.text
    if isinstance(value, bool):
        return t(YES if value else NO)
    if isinstance(value, int | float):
        return number_words(field, float(value), t)
    return choice_label(str(value), coach, field)


def fact_words(fact: Fact, coach: Coach) -> str:
    """One line of "I understood": the field and its value in words, with the person's own
    words that set it (and "unsure" when they hedged)."""
    template = READ_UNSURE if fact.uncertain else READ
    t = coach.text
    value = value_words(fact.field, fact.value, coach)
    return t(template, field=field_label(fact.field, t), value=value, words=fact.text)
