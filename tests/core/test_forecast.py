"""The personal forecast: the population prior, similarity, the Beta-binomial update, its
properties, the backtest, and how it does on simulated people."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from simulated_people import evaluate

from crampcoach.core.forecast import Forecast, forecast, similarity
from crampcoach.core.forecast_inputs import PastSession, PlannedSession
from crampcoach.core.forecast_person import record_of
from crampcoach.core.forecast_prior import PopulationPrior, prior_mean
from crampcoach.core.forecast_replay import as_planned, backtest, calibration
from crampcoach.core.plan import make_plan
from crampcoach.knowledge.forecast_rules import ForecastRules, load_forecast_rules
from crampcoach.knowledge.loader import load_knowledge
from crampcoach.knowledge.plan_rules import load_plan_rules

RULES = load_forecast_rules(load_knowledge())
T0 = datetime(2026, 3, 1, 7, tzinfo=UTC)
HOT_LONG_RUN = PlannedSession(
    sport="running",
    duration_h=2.5,
    intensity="usual",
    air_c=29.0,
    feels_like_c=29.0,
    sodium_planned=False,
    warmup=True,
)
HUMID_LONG_RUN = replace(HOT_LONG_RUN, humidity_percent=70.0)
COLD_SWIM = PlannedSession(
    sport="swimming",
    duration_h=1.0,
    intensity="usual",
    water_c=13.0,
    sodium_planned=False,
    warmup=True,
)


def past(i: int, *, cramped: bool = False, **fields: object) -> PastSession:
    values: dict[str, object] = {
        "id": i,
        "start": T0 + timedelta(days=i),
        "sport": "running",
        "duration_h": 2.5,
        "air_c": 29.0,
        "intensity": "usual",
        "sodium": False,
        "warmup": True,
        "cramped": cramped,
    }
    values.update(fields)
    return PastSession(**values)  # type: ignore[arg-type]


def forecast_from(plan: PlannedSession, sessions: list[PastSession]) -> Forecast:
    """The forecast from a diary of `sessions`, its history the diary's."""
    return forecast(plan, record_of(sessions, None, RULES), RULES)


def chance(plan: PlannedSession, sessions: list[PastSession]) -> float:
    return forecast_from(plan, sessions).risk.probability


# --- the population prior -----------------------------------------------------------------


def test_no_diary_gives_exactly_the_population_prior() -> None:
    made = forecast_from(HOT_LONG_RUN, [])
    mean, _ = prior_mean(HOT_LONG_RUN, RULES)
    assert made.risk == made.prior
    assert made.risk.probability == pytest.approx(mean)
    assert made.level == 1.0
    assert not made.enough_data
    assert made.similar == [] and made.diary_sessions == 0


def test_the_prior_rises_with_every_matching_rule_and_only_the_first_of_a_group_applies() -> None:
    easy_short = PlannedSession("running", 0.5, "easy", air_c=12, feels_like_c=12)
    base = RULES.session_rates.easy.v
    mean, used = prior_mean(easy_short, RULES)
    assert [r.id for r in used] == ["short_session"]
    assert mean < base
    race = replace(HOT_LONG_RUN, intensity="race", history=True)
    mean, used = prior_mean(race, RULES)
    ids = [r.id for r in used]
    # 2.5 h matches both long-session bands: the first of the group (very long) applies.
    assert "very_long_session" in ids and "long_session" not in ids
    assert {"cramp_history", "heat", "long_hot_without_sodium"} <= set(ids)
    assert mean > RULES.session_rates.race.v


def test_a_condition_not_known_matches_no_rule() -> None:
    unknown_heat = replace(HOT_LONG_RUN, feels_like_c=None, air_c=None, sodium_planned=None)
    _, used = prior_mean(unknown_heat, RULES)
    assert not {"heat", "long_hot_without_sodium", "cold_air"} & {r.id for r in used}


# --- similarity -----------------------------------------------------------------------------


def test_the_same_session_weighs_one_and_each_difference_lowers_it() -> None:
    same = past(1)
    assert similarity(HOT_LONG_RUN, same, RULES) == pytest.approx(1.0)
    half_t = RULES.similarity.temperature_half_c.v
    cooler = replace(same, air_c=29.0 - half_t)
    assert similarity(HOT_LONG_RUN, cooler, RULES) == pytest.approx(0.5)
    doubled = replace(same, duration_h=2.5 * 2**RULES.similarity.duration_half_doublings.v)
    assert similarity(HOT_LONG_RUN, doubled, RULES) == pytest.approx(0.5)
    other_sport = replace(same, sport="cycling")
    assert similarity(HOT_LONG_RUN, other_sport, RULES) == pytest.approx(
        RULES.similarity.other_sport.v
    )
    unrecorded = replace(same, air_c=None, sodium=None)
    assert similarity(HOT_LONG_RUN, unrecorded, RULES) == pytest.approx(
        RULES.similarity.unknown.v**2
    )


def test_humidity_is_compared_when_both_sessions_have_it_and_unknown_otherwise() -> None:
    half = RULES.similarity.humidity_half_points.v
    same = past(1, humidity_percent=70.0)
    assert similarity(HUMID_LONG_RUN, same, RULES) == pytest.approx(1.0)
    drier = replace(same, humidity_percent=70.0 - half)
    assert similarity(HUMID_LONG_RUN, drier, RULES) == pytest.approx(0.5)
    wetter = replace(same, humidity_percent=70.0 + 2 * half)
    assert similarity(HUMID_LONG_RUN, wetter, RULES) == pytest.approx(0.25)
    unrecorded = replace(same, humidity_percent=None)
    assert similarity(HUMID_LONG_RUN, unrecorded, RULES) == pytest.approx(
        RULES.similarity.unknown.v
    )
    # A plan that gives no humidity does not compare it: every past session alike.
    assert similarity(HOT_LONG_RUN, drier, RULES) == similarity(HOT_LONG_RUN, unrecorded, RULES)
    assert similarity(HOT_LONG_RUN, drier, RULES) == pytest.approx(1.0)


def test_a_swims_water_temperature_is_compared_when_both_have_it_and_unknown_otherwise() -> None:
    half = RULES.similarity.water_temperature_half_c.v
    swim = past(1, sport="swimming", duration_h=1.0, air_c=None, water_c=13.0)
    assert similarity(COLD_SWIM, swim, RULES) == pytest.approx(1.0)
    warmer = replace(swim, water_c=13.0 + half)
    assert similarity(COLD_SWIM, warmer, RULES) == pytest.approx(0.5)
    unrecorded = replace(swim, water_c=None)
    assert similarity(COLD_SWIM, unrecorded, RULES) == pytest.approx(RULES.similarity.unknown.v)
    # The plan gives no air temperature for a swim: a past swim's air is not compared.
    assert similarity(COLD_SWIM, replace(swim, air_c=30.0), RULES) == pytest.approx(1.0)
    # A run planned without water is not compared by the water of a past session.
    run = past(2, water_c=25.0)
    assert similarity(HOT_LONG_RUN, run, RULES) == pytest.approx(1.0)


def test_a_person_who_cramps_in_cold_water_gets_a_higher_forecast_for_a_cold_swim() -> None:
    """Swims alike but for the water: cramps in the cold ones only. Compared by the water,
    the forecast of a cold swim rises above that of a warm one; without the water (the
    diary before 0006) every swim looked the same, and only the population's cold-water rule
    set the two apart."""
    swims = [
        past(i, sport="swimming", duration_h=1.0, air_c=None, water_c=cold, cramped=cold < 15)
        for i, cold in enumerate([13.0, 20.0] * 8)
    ]
    warm_swim = replace(COLD_SWIM, water_c=20.0)
    cold, warm = chance(COLD_SWIM, swims), chance(warm_swim, swims)
    assert cold > 0.5 > warm
    made = forecast_from(COLD_SWIM, swims)
    assert {s.water_temperature_c for s in made.similar[:8]} == {13.0}
    assert made.similar_cramp_sessions > made.similar_sessions / 2
    blind = [replace(s, water_c=None) for s in swims]
    blind_gap = chance(COLD_SWIM, blind) - chance(warm_swim, blind)
    assert 0 < blind_gap < (cold - warm) / 5


def test_a_person_who_cramps_on_humid_days_gets_a_higher_forecast_for_a_humid_one() -> None:
    runs = [
        past(i, humidity_percent=wet, cramped=wet > 60) for i, wet in enumerate([85.0, 30.0] * 8)
    ]
    humid = replace(HOT_LONG_RUN, humidity_percent=85.0)
    dry = replace(HOT_LONG_RUN, humidity_percent=30.0)
    assert chance(humid, runs) > 0.5 > chance(dry, runs)
    made = forecast_from(humid, runs)
    assert made.similar[0].humidity_percent == 85.0


def _with_heat_from(rules: ForecastRules, feels_like_c: float) -> ForecastRules:
    """`rules` whose heat rule starts at `feels_like_c` (to show what humidity does)."""
    odds = [
        r.model_copy(update={"when": [r.when[0].model_copy(update={"at_least": feels_like_c})]})
        if r.id == "heat"
        else r
        for r in rules.odds
    ]
    return rules.model_copy(update={"odds": odds})


def test_a_past_sessions_prior_reads_how_hot_it_felt_as_the_plan_reckons_it() -> None:
    """The heat rule reads the feels-like temperature: for a past session from its air and
    humidity, the same figure the plan gives a planned session with them."""
    rules = _with_heat_from(RULES, 35.0)  # above the air, below the heat index of a humid 30 °C
    prior = PopulationPrior.of(rules)
    humid = past(1, air_c=30.0, humidity_percent=85.0, duration_h=1.2, sodium=True)
    dry = replace(humid, humidity_percent=None)
    plan = make_plan("running", "1.2h", "30C", humidity="85%", rules=load_plan_rules())
    assert plan.session.feels_like_c is not None and plan.session.feels_like_c > 35
    planned = replace(as_planned(humid, None), feels_like_c=plan.session.feels_like_c)
    mean, used = prior.planned_mean(planned)
    assert "heat" in {r.id for r in used}
    assert prior.past_mean(humid, None) == pytest.approx(mean)
    assert prior.past_mean(humid, None) > prior.past_mean(dry, None)
    assert as_planned(humid, None).feels_like_c == pytest.approx(
        plan.session.feels_like_c, abs=0.05
    )


def test_the_cold_water_rule_reads_a_past_swims_water() -> None:
    prior = PopulationPrior.of(RULES)
    swim = past(1, sport="swimming", duration_h=1.2, air_c=None, water_c=12.0)
    ratio = next(r.ratio.v for r in RULES.odds if r.id == "cold_water")
    cold, warm = prior.past_mean(swim, None), prior.past_mean(replace(swim, water_c=22.0), None)
    assert cold / (1 - cold) == pytest.approx(ratio * warm / (1 - warm))
    assert prior.past_mean(replace(swim, water_c=None), None) == pytest.approx(warm)


def test_similar_sessions_are_counted_and_listed_most_alike_first() -> None:
    sessions = [past(1, cramped=True), past(2, air_c=10.0), past(3, cramped=True, air_c=28.0)]
    made = forecast_from(HOT_LONG_RUN, sessions)
    assert [s.id for s in made.similar] == [1, 3]  # the cold run is too far to count
    assert made.similar_sessions == 2 and made.similar_cramp_sessions == 2
    assert made.weighted_sessions == pytest.approx(
        sum(similarity(HOT_LONG_RUN, s, RULES) for s in sessions)
    )


def test_enough_data_needs_the_minimum_of_similar_sessions() -> None:
    needed = int(RULES.similarity.min_similar.v)
    few = [past(i) for i in range(needed - 1)]
    assert not forecast_from(HOT_LONG_RUN, few).enough_data
    assert forecast_from(HOT_LONG_RUN, [*few, past(needed)]).enough_data


def test_a_person_who_cramps_in_such_sessions_gets_a_higher_band_than_one_who_does_not() -> None:
    cramper = [past(i, cramped=i % 4 != 0) for i in range(12)]
    fine = [past(i) for i in range(12)]
    high, low = chance(HOT_LONG_RUN, cramper), chance(HOT_LONG_RUN, fine)
    assert high > 0.5 > 0.1 > low
    made = forecast_from(HOT_LONG_RUN, cramper)
    assert made.risk.band == "high"
    assert made.risk.low < made.risk.probability < made.risk.high
    assert made.level > 1


# --- properties -----------------------------------------------------------------------------

maybe_humidity = st.one_of(st.none(), st.floats(5.0, 100.0))
sessions_strategy = st.lists(
    st.builds(
        lambda i, h, t, step, sodium, cramped, rh, water: past(
            i,
            duration_h=h,
            air_c=t,
            intensity=("easy", "usual", "hard", "race")[step],
            sodium=sodium,
            cramped=cramped,
            humidity_percent=rh,
            water_c=water,
        ),
        st.integers(1, 10_000),
        st.floats(0.2, 6.0),
        st.one_of(st.none(), st.floats(-5.0, 40.0)),
        st.integers(0, 3),
        st.one_of(st.none(), st.booleans()),
        st.booleans(),
        maybe_humidity,
        st.one_of(st.none(), st.floats(0.0, 30.0)),
    ),
    max_size=25,
)
# A session like HOT_LONG_RUN: of the same sport, effort and sodium, up to 7 °C and a
# factor of about 1.6 in duration apart, kept when its weight makes it similar; its humidity
# (when it has one) counts where the plan gives one.
similar_session = st.builds(
    lambda h, t, rh: past(99_999, duration_h=h, air_c=t, humidity_percent=rh),
    st.floats(1.6, 4.0),
    st.floats(22.0, 36.0),
    maybe_humidity,
)
PLANS = [HOT_LONG_RUN, HUMID_LONG_RUN]


def is_similar(planned: PlannedSession, session: PastSession) -> bool:
    return similarity(planned, session, RULES) >= RULES.similarity.similar_from.v


@pytest.mark.parametrize("planned", PLANS, ids=["air", "air and humidity"])
@settings(max_examples=150, deadline=None)
@given(sessions=sessions_strategy, added=similar_session)
def test_a_cramp_free_similar_session_never_raises_the_forecast(
    planned: PlannedSession, sessions: list[PastSession], added: PastSession
) -> None:
    assume(is_similar(planned, added))
    before = chance(planned, sessions)
    after = chance(planned, [*sessions, replace(added, cramped=False)])
    assert after <= before + 1e-12


@pytest.mark.parametrize("planned", PLANS, ids=["air", "air and humidity"])
@settings(max_examples=150, deadline=None)
@given(sessions=sessions_strategy, added=similar_session)
def test_a_cramp_in_a_similar_session_never_lowers_the_forecast(
    planned: PlannedSession, sessions: list[PastSession], added: PastSession
) -> None:
    assume(is_similar(planned, added))
    before = chance(planned, sessions)
    after = chance(planned, [*sessions, replace(added, cramped=True)])
    assert after >= before - 1e-12


def test_a_session_unlike_the_planned_one_can_move_the_forecast_either_way() -> None:
    """The person's model learns what their cramps go with: a cramp in an hour's run and
    none in a quarter-hour one make the duration look more to blame, so the forecast of a
    long run rises although a session was added without a cramp (docs/forecast.md)."""
    hour = past(1, duration_h=1.0, air_c=5.0, intensity="easy", sodium=True, cramped=True)
    quarter = replace(hour, id=2, duration_h=0.25, cramped=False)
    assert not is_similar(HOT_LONG_RUN, quarter)
    assert chance(HOT_LONG_RUN, [hour, quarter]) > chance(HOT_LONG_RUN, [hour])


# --- the backtest ---------------------------------------------------------------------------


def test_the_backtest_forecasts_each_session_from_earlier_ones_only() -> None:
    sessions = [past(i, cramped=i % 3 == 0, air_c=15.0 + i) for i in range(10)]
    scored = backtest(sessions, RULES)
    assert [s.session_id for s in scored] == list(range(1, 10))
    changed_future = [*sessions[:5], *(replace(s, cramped=not s.cramped) for s in sessions[5:])]
    again = backtest(changed_future, RULES)
    assert [s.probability for s in again[:4]] == [s.probability for s in scored[:4]]
    assert [s.cramped for s in again[4:]] != [s.cramped for s in scored[4:]]


def test_calibration_waits_for_enough_forecasts_and_bins_them_all() -> None:
    needed = int(RULES.calibration.min_forecasts.v)
    sessions = [past(i, cramped=i % 4 == 0, air_c=10.0 + i % 20) for i in range(needed + 1)]
    report = calibration(backtest(sessions, RULES), RULES)
    assert report.enough and report.forecasts == needed
    assert sum(b.forecasts for b in report.bins) == report.forecasts
    assert report.brier is not None and report.brier_prior is not None
    short = calibration(backtest(sessions[: needed - 5], RULES), RULES)
    assert not short.enough


# --- simulated people -----------------------------------------------------------------------


def test_on_simulated_people_it_ranks_beats_the_prior_and_its_interval_holds() -> None:
    """200 people with 60 sessions each, the issue's bounds (docs/forecast.md gives every
    figure, on other seeds too)."""
    result = evaluate(RULES, "conditions", people=200, sessions=60, seed=11, tests=40)
    assert result.auc >= 0.75
    assert result.brier < result.brier_prior
    assert 0.85 <= result.coverage <= 0.95


def test_more_sessions_teach_it_more_and_its_interval_stays_honest() -> None:
    few = evaluate(RULES, "conditions", people=80, sessions=20, seed=12, tests=30)
    many = evaluate(RULES, "conditions", people=80, sessions=200, seed=12, tests=30)
    assert many.auc > few.auc
    assert many.brier < few.brier
    assert 0.85 <= many.coverage <= 0.95
