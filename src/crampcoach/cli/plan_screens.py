"""The screens of `plan` and `sweat-rate`, in the run's language, readable at 60 columns."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from crampcoach.core.advice import Disclaimed, PlanItem
from crampcoach.core.plan import Plan
from crampcoach.core.sweat import SweatRateResult
from crampcoach.forecast_words import forecast_words
from crampcoach.i18n import N_, Translator
from crampcoach.plan_words import plan_rows, sweat_rows


def _item_view(item: PlanItem, t: Translator) -> Table:
    """One item: the advice, then why and on what evidence, with a hanging indent."""
    text, reason = item.words(t)
    if item.evidence == "general_advice":
        evidence = t(N_("general advice"))
    else:
        evidence = ", ".join(item.sources)
    why = t(N_("Why: {reason} [{evidence}]"), reason=reason, evidence=evidence)
    return _bullet(Group(Text(text), Text(why, style="dim")))


def _section(title: str, items: list[PlanItem], t: Translator) -> list[RenderableType]:
    if not items:
        return []
    return [Text("\n" + t(title), style="bold"), *(_item_view(item, t) for item in items)]


def _facts(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(label, value)
    return table


def _disclaimer(result: Disclaimed, t: Translator) -> list[RenderableType]:
    """The last lines of a plan or a sweat test: a blank line, then the one disclaimer."""
    return [Text(), Text(t(result.disclaimer), style="dim italic")]


def sweat_view(result: SweatRateResult, notes: list[str], t: Translator) -> RenderableType:
    """The sweat-rate result as Rich text, readable at 60 columns."""
    rows = sweat_rows(result, t)
    parts: list[RenderableType] = [
        Text(t(N_("Sweat rate")), style="bold underline"),
        _facts(rows),
    ]
    parts += _section(N_("What it means"), result.reading, t)
    parts += [Text(note, style="cyan") for note in notes]
    return Group(*parts, *_disclaimer(result, t))


_BAND_STYLES = {"low": "green", "moderate": "yellow", "high": "bold red"}


def _forecast_view(plan: Plan, labels: Mapping[str, str], t: Translator) -> list[RenderableType]:
    """The forecast first: the chance and its band, what it rests on, this person's why."""
    if plan.forecast is None:
        return []
    words = forecast_words(plan.forecast, plan, labels, t)
    parts: list[RenderableType] = [
        Text(t(N_("Your cramp forecast")), style="bold underline"),
        Text(words.headline, style=_BAND_STYLES[plan.forecast.risk.band]),
        *(Text(line, style="dim") for line in words.basis),
    ]
    parts += [_bullet(Text(reason)) for reason in words.reasons]
    if words.population:
        parts.append(Text(words.population, style="dim"))
    return [*parts, Text()]


def _bullet(body: RenderableType) -> Table:
    """A bullet and its text with a hanging indent; a line with no space to break at (Chinese)
    folds at the edge rather than ending in '…'."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text("•", style="dim"), body)
    return grid


def plan_view(
    plan: Plan, notes: list[str], t: Translator, labels: Mapping[str, str] | None = None
) -> RenderableType:
    """The plan as Rich text, readable at 60 columns: the forecast first (`labels` maps
    factor ids to their labels)."""
    rows = plan_rows(plan, t)
    parts: list[RenderableType] = [
        *_forecast_view(plan, labels or {}, t),
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
    return Group(*parts, *_disclaimer(plan, t))
