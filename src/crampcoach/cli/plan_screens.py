"""The screens of `plan` and `sweat-rate`, in the run's language, readable at 60 columns."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from crampcoach.core.advice import PlanItem
from crampcoach.core.plan import Plan
from crampcoach.core.sweat import SweatRateResult, sodium_basis_label
from crampcoach.i18n import N_, Translator
from crampcoach.message import Message

INTENSITY = {
    "easy": N_("easy effort"),
    "usual": N_("usual effort"),
    "hard": N_("hard effort"),
    "race": N_("race effort"),
}


def _item_view(item: PlanItem, t: Translator) -> Table:
    """One item: the advice, then why and on what evidence, with a hanging indent."""
    text, reason = item.words(t)
    if item.evidence == "general_advice":
        evidence = t(N_("general advice"))
    else:
        evidence = ", ".join(item.sources)
    why = t(N_("Why: {reason} [{evidence}]"), reason=reason, evidence=evidence)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(Text("•", style="dim"), Group(Text(text), Text(why, style="dim")))
    return grid


def _section(title: str, items: list[PlanItem], t: Translator) -> list[RenderableType]:
    if not items:
        return []
    return [Text("\n" + t(title), style="bold"), *(_item_view(item, t) for item in items)]


def _facts(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for label, value in rows:
        table.add_row(label, value)
    return table


def _words(value: Message | str, t: Translator) -> str:
    return value.words(t) if isinstance(value, Message) else value


def sweat_view(result: SweatRateResult, notes: list[str], t: Translator) -> RenderableType:
    """The sweat-rate result as Rich text, readable at 60 columns."""
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
    parts: list[RenderableType] = [
        Text(t(N_("Sweat rate")), style="bold underline"),
        _facts(rows),
    ]
    parts += _section(N_("What it means"), result.reading, t)
    parts += [Text(note, style="cyan") for note in notes]
    parts += [Text(), Text(t(result.disclaimer), style="dim italic")]
    return Group(*parts)


def plan_view(plan: Plan, notes: list[str], t: Translator) -> RenderableType:
    """The plan as Rich text, readable at 60 columns."""
    s = plan.session
    conditions = t(N_("{temperature:g} °C"), temperature=s.temperature_c)
    if s.humidity_percent is not None:
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
    rows = [
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
            t(
                N_("{low}-{high} min"),
                low=plan.warmup.minutes_low,
                high=plan.warmup.minutes_high,
            ),
        ),
        (t(N_("Fluid")), fluid_line),
        (
            t(N_("Sodium")),
            t(N_("{mg} mg/h"), mg=plan.sodium_mg_per_h)
            if plan.sodium.needed
            else t(N_("no extra needed")),
        ),
    ]
    parts: list[RenderableType] = [
        Text(t(N_("Session plan")), style="bold underline"),
        _facts(rows),
    ]
    parts += [Text(note, style="cyan") for note in notes]
    parts += _section(N_("Warm-up"), plan.warmup.items, t)
    parts += _section(N_("Cold and heat"), plan.conditions, t)
    parts += _section(N_("Pacing"), plan.pacing, t)
    parts += _section(N_("Fluid"), plan.fluid.items, t)
    parts += _section(N_("Sodium"), plan.sodium.items, t)
    parts += _section(N_("If a cramp strikes (on land)"), plan.if_cramp.land, t)
    parts += _section(N_("If a cramp strikes (in the water)"), plan.if_cramp.water, t)
    parts += [Text(), Text(t(plan.disclaimer), style="dim italic")]
    return Group(*parts)
