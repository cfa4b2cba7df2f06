"""A plan's and a sweat test's key figures as (label, value) rows in words, for every face
(the command line's screens and the web pages show the same rows)."""

from __future__ import annotations

from crampcoach.core.plan import Plan
from crampcoach.core.profile import Profile
from crampcoach.core.sweat import SweatRateResult, sodium_basis_label
from crampcoach.i18n import N_, Translator
from crampcoach.message import Message

INTENSITY = {
    "easy": N_("easy effort"),
    "usual": N_("usual effort"),
    "hard": N_("hard effort"),
    "race": N_("race effort"),
}


def _words(value: Message | str, t: Translator) -> str:
    return value.words(t) if isinstance(value, Message) else value


def plan_rows(plan: Plan, t: Translator) -> list[tuple[str, str]]:
    """The plan's session, conditions, warm-up, fluid and sodium, each in one line."""
    s = plan.session
    if s.temperature_c is None:  # a swim planned by the water alone
        conditions = t(N_("air temperature not given"))
    else:
        conditions = t(N_("{temperature:g} °C"), temperature=s.temperature_c)
    if s.temperature_c is not None and s.humidity_percent is not None:
        conditions = t(
            N_("{temperature:g} °C, {humidity:g}% humidity (feels {feels:.0f} °C)"),
            temperature=s.temperature_c,
            humidity=s.humidity_percent,
            feels=s.feels_like_c,
        )
    if s.water_temperature_c is not None:
        conditions = t(
            N_("{conditions}, water {water:g} °C"),
            conditions=conditions,
            water=s.water_temperature_c,
        )
    fluid = plan.fluid
    if fluid.mode == "none_needed":
        fluid_line = t(N_("none needed"))
    elif fluid.mode == "plan":
        fluid_line = t(
            N_("{ml} mL/h (never above {ceiling})"),
            ml=fluid.ml_per_h,
            ceiling=fluid.ceiling_ml_per_h,
        )
    elif fluid.ml_per_h:
        fluid_line = t(
            N_("drink to thirst, guide {ml} mL/h (never above {ceiling})"),
            ml=fluid.ml_per_h,
            ceiling=fluid.ceiling_ml_per_h,
        )
    else:
        fluid_line = t(
            N_("drink to thirst (never above {ceiling})"), ceiling=fluid.ceiling_ml_per_h
        )
    sodium = (
        t(N_("{mg} mg/h"), mg=plan.sodium_mg_per_h)
        if plan.sodium.needed
        else t(N_("no extra needed"))
    )
    return [
        (
            t(N_("Session")),
            t(
                N_("{sport}, {hours:g} h, {effort}"),
                sport=t(s.sport_label),
                hours=s.duration_h,
                effort=t(INTENSITY[s.intensity]),
            ),
        ),
        (t(N_("Conditions")), conditions),
        (
            t(N_("Warm-up")),
            t(N_("{low}-{high} min"), low=plan.warmup.minutes_low, high=plan.warmup.minutes_high),
        ),
        (t(N_("Fluid")), fluid_line),
        (t(N_("Sodium")), sodium),
    ]


def sweat_rows(result: SweatRateResult, t: Translator) -> list[tuple[str, str]]:
    """The sweat loss, rate, body-mass change and sodium lost, each in one line."""
    rows = [
        (
            t(N_("Sweat loss")),
            t(
                N_("{litres:.2f} L in {hours:g} h"),
                litres=result.sweat_loss_l,
                hours=result.duration_h,
            ),
        ),
        (t(N_("Sweat rate")), t(N_("{rate:.2f} L/h"), rate=result.sweat_rate_l_per_h)),
        (
            t(N_("Body mass")),
            t(
                N_("{percent:+.1f}% ({kg:+.2f} kg)"),
                percent=result.mass_change_percent,
                kg=result.mass_change_kg,
            ),
        ),
    ]
    if result.sodium_mg_per_h is not None:
        basis = _words(sodium_basis_label(result.sodium_basis), t)
        if result.sodium_mg_per_h_range:
            low, high = result.sodium_mg_per_h_range
            sodium = t(
                N_("{mg:.0f} mg/h ({basis}; range {low:.0f}-{high:.0f})"),
                mg=result.sodium_mg_per_h,
                basis=basis,
                low=low,
                high=high,
            )
        else:
            sodium = t(N_("{mg:.0f} mg/h ({basis})"), mg=result.sodium_mg_per_h, basis=basis)
        rows.append((t(N_("Sodium lost")), sodium))
    return rows


# What a screen says of a plan option taken from the saved profile (Coach.plan_options).
FROM_PROFILE = {
    "sweat_rate_l_per_h": N_("Using your saved sweat rate: {value:g} L/h."),
    "sweat_sodium_mg_per_l": N_("Using your saved sweat sodium: {value:g} mg/L."),
    "body_mass_kg": N_("Using your saved body mass: {value:g} kg."),
}


def profile_notes(used: list[str], profile: Profile, t: Translator) -> list[str]:
    """One line for each profile value a plan used (a yes/no like cramp history: none)."""
    return [t(FROM_PROFILE[f], value=getattr(profile, f)) for f in used if f in FROM_PROFILE]
