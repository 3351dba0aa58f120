"""Judging plan targets against the record, and proposing the next plan's targets.

Classes follow the Eurostat / Open SDG progress method. With R the actual
compound annual growth since the base year divided by the growth required to reach
the target from the base year:

- achieved: the latest value already meets the target;
- on track: R ≥ 0.95;
- acceleration needed: 0.6 ≤ R < 0.95;
- limited progress: 0 ≤ R < 0.6;
- deterioration: R < 0;
- not assessable: the figures needed are missing (the note names them).

Rules by kind of target (``rule`` column):

- ``level``: compound growth of the level, as above ("lower is better" works the
  same way: both growths are then negative).
- ``growth_rate_level_path``: a growth-rate target (production value +18.2% a
  year) is judged on the level path it implies: the actual compound growth of the
  level (from levels, or by chaining the yearly rates) against the target rate;
  at least two years of growth are needed, unless the target period's own
  figure is known.
  A points-per-year target (poverty rate −1.5 points a year) is judged on the
  points the level actually moved a year.
- ``eliminate``: a target of zero (no poor households) is judged by the absolute
  fall per year against the fall required, never by ratios involving zero.
- ``cumulative_pro_rata``: a total over a term (10,000 new jobs in 2016–2020) is
  judged by the share of the total reached against the share of the term elapsed.
- ``bounded_share``: a share whose target lies within 20 points of its bound is
  judged on its distance to the bound (97.36% schools: the gap to 100%).
- ``share_points``: other shares, by percentage points a year.
- ``relative``: budget revenue 5% above the provincial estimate, judged only when
  both figures are known.
- ``every_year``: a level to hold in every year of a term (food output 52,500 t).
- ``milestone``: the year by which something is reached.

The base year is the year before the plan term (2015 for 2016–2020 and for the
annual targets of 2016–2020); where no figure exists for it, the nearest earlier
figure is used and the note says so.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from .catalogue import Catalogue, Indicator, catalogue, lower_first
from .numbers import format_number
from .periods import Period, parse_period
from .projection import Projection, project
from .records import flagged_periods, load_observations, select_series

STATUS_ORDER = ("achieved", "on_track", "acceleration_needed", "limited_progress", "deterioration", "not_assessable")
ON_TRACK, ACCELERATION = 0.95, 0.6
BOUNDED_SHARE_WINDOW = 20.0
TERM_YEARS = 5
RELATIVE_TARGETS = {"budget_revenue_vs_provincial_estimate": ("budget_revenue", "budget_revenue_provincial_estimate")}
MILESTONE_EVIDENCE = {"ntm_district_status": "ntm_district_criteria"}


@cache
def _words() -> dict:
    text = resources.files("dongson_analysis").joinpath("messages/targets.yml").read_text("utf-8")
    return yaml.safe_load(text)


def words(section: str, key: str, lang: str = "en", **params: object) -> str:
    """A phrase of ``messages/targets.yml`` in ``lang``."""
    return _words()[section][key][lang].format(**params)


def classify(ratio: float) -> str:
    """Eurostat / Open SDG class of R."""
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= ACCELERATION:
        return "acceleration_needed"
    if ratio >= 0:
        return "limited_progress"
    return "deterioration"


@dataclass(frozen=True)
class Target:
    """A target as stated in the record."""

    indicator: str
    area: str
    period: Period
    value: float
    value_high: float = math.nan
    qualifier: str = ""
    source_id: str = ""

    @property
    def year(self) -> int:
        return self.period.end

    def threshold(self) -> float:
        """The value to reach: the lower end of a range target."""
        return self.value


@dataclass
class Judgement:
    """The judgement of one target (one row of :func:`assess_targets`)."""

    indicator: str
    area: str
    target_period: str
    target_year: int
    target_value: float
    target_value_high: float
    qualifier: str
    source_id: str
    rule: str
    status: str = "not_assessable"
    ratio: float = math.nan
    probability: float = math.nan
    required_annual_rate: float = math.nan
    rate_unit: str = ""
    trend_reaches_target_in: float = math.nan
    base_period: str = ""
    base_value: float = math.nan
    latest_period: str = ""
    latest_value: float = math.nan
    actual_annual_rate: float = math.nan
    note: str = ""
    missing: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)


# -- helpers ------------------------------------------------------------------------------------

def meets(value: float, target: float, direction: str, qualifier: str = "") -> bool:
    """Whether ``value`` meets ``target`` ("more than" is strict)."""
    if direction == "lower":
        return value < target if qualifier == "less_than" else value <= target + 1e-12
    return value > target if qualifier == "more_than" else value >= target - 1e-12


def _series(obs: pd.DataFrame, indicator: str, area: str, upto: int) -> pd.DataFrame:
    series = select_series(obs, indicator, area)
    return series[series["period_start"] <= upto].reset_index(drop=True)


def _base_row(series: pd.DataFrame, base_year: int) -> int | None:
    before = series.index[series["period_start"] <= base_year]
    if len(before):
        return int(before[-1])
    return 0 if len(series) else None


def _caveats(rows: pd.DataFrame, lang: str) -> list[str]:
    keys = {"estimate": "estimate_used", "derived": "derived_used", "inferred": "inferred_used"}
    return [words("note", keys[flag], lang, years=", ".join(periods))
            for flag, periods in flagged_periods(rows).items() if periods and flag in keys]


def _name(ind: Indicator, lang: str) -> str:
    return lower_first(ind.name(lang))


def _needs_items(ind: Indicator, lang: str, years: list[int] | None = None, after: int | None = None) -> str:
    if years:
        return words("note", "item_years", lang, name=_name(ind, lang), years=", ".join(map(str, years)))
    return words("note", "item_later_year", lang, name=_name(ind, lang), year=after)


def _projection(series: pd.DataFrame, ind: Indicator, target_year: int) -> Projection | None:
    if len(series) < 2 or target_year <= int(series["period_start"].iloc[-1]):
        return None
    try:
        return project(series["period_start"].astype(int).to_numpy(), series["value"].to_numpy(float),
                       ind.kind, ind.lower_bound, ind.upper_bound, end_year=max(target_year, 2025))
    except ValueError:
        return None


def _probability(p: Projection | None, target: Target, direction: str) -> float:
    if p is None or target.year not in p.horizon_years:
        return math.nan
    value = target.threshold()
    if direction == "lower":
        return p.probability_at_most(value, target.year)
    if target.qualifier == "more_than" and p.kind == "count":
        value = math.floor(value) + 1
    return p.probability_at_least(value, target.year)


def _reach_year(p: Projection | None, target: Target, direction: str) -> float:
    if p is None:
        return math.nan
    for year, value in zip(p.horizon_years, p.point):
        if meets(float(value), target.threshold(), direction, target.qualifier):
            return float(year)
    return math.nan


# -- rules --------------------------------------------------------------------------------------

def _judge_progress(j: Judgement, target: Target, ind: Indicator, series: pd.DataFrame, lang: str,
                    measure: str) -> None:
    """Shared logic of the level, eliminate and share rules.

    ``measure`` is ``"compound"`` (growth rates), ``"points"`` (absolute change a
    year) or ``"gap"`` (compound change of the distance to the bound).
    """
    direction = ind.direction if ind.direction != "none" else "higher"
    base_year = (target.period.start - 1) if target.period.type == "range" else target.year - TERM_YEARS
    if len(series) == 0:
        j.missing.append(_needs_items(ind, lang, years=[base_year, target.year]))
        return
    latest = series.iloc[-1]
    j.latest_period, j.latest_value = str(latest["period"]), float(latest["value"])
    threshold = target.threshold()
    t1, x1 = int(latest["period_start"]), float(latest["value"])
    bound = ind.upper_bound if direction == "higher" else ind.lower_bound
    unit = {"compound": "%/year", "points": "points/year" if ind.kind == "share" else f"{ind.unit}/year",
            "gap": "points/year"}[measure]
    j.rate_unit = unit
    if target.year > t1:
        n = target.year - t1
        if measure == "compound" and x1 > 0 and threshold > 0:
            j.required_annual_rate = 100 * ((threshold / x1) ** (1 / n) - 1)
        else:
            j.required_annual_rate = (threshold - x1) / n
    if meets(x1, threshold, direction, target.qualifier):
        j.status = "achieved"
        j.caveats += _caveats(series.iloc[[-1]], lang)
        return
    b = _base_row(series, base_year)
    base = series.iloc[b] if b is not None else None
    if base is None or int(base["period_start"]) >= t1:
        j.missing.append(_needs_items(ind, lang, years=[base_year]) if t1 > base_year
                         else _needs_items(ind, lang, after=t1))
        return
    t0, x0 = int(base["period_start"]), float(base["value"])
    j.base_period, j.base_value = str(base["period"]), x0
    if t0 != base_year:
        j.caveats.append(words("note", "base_substituted", lang, used=t0, wanted=base_year))
    j.caveats += _caveats(series.iloc[[b, len(series) - 1]], lang)
    if measure == "compound":
        actual = (x1 / x0) ** (1 / (t1 - t0)) - 1
        required = (threshold / x0) ** (1 / (target.year - t0)) - 1
    elif measure == "gap":
        g0, g1, gT = abs(bound - x0), abs(bound - x1), abs(bound - threshold)
        actual = (g1 / g0) ** (1 / (t1 - t0)) - 1 if g0 > 0 else 0.0
        required = (gT / g0) ** (1 / (target.year - t0)) - 1 if g0 > 0 else 0.0
    else:
        actual = (x1 - x0) / (t1 - t0)
        required = (threshold - x0) / (target.year - t0)
    j.actual_annual_rate = 100 * actual if measure == "compound" else (x1 - x0) / (t1 - t0)
    _set_ratio(j, actual, required)


def _set_ratio(j: Judgement, actual: float, required: float) -> None:
    if abs(required) < 1e-12:
        j.ratio = math.nan
        j.status = "on_track" if actual >= 0 else "deterioration"
        return
    j.ratio = actual / required
    j.status = classify(j.ratio)


def _judge_growth(j: Judgement, target: Target, ind: Indicator, obs: pd.DataFrame, cat: Catalogue,
                  lang: str) -> Projection | None:
    """Growth-rate targets, judged on the level path they imply."""
    points = "point" in ind.unit  # percentage points a year: an absolute change of the level
    level_ind = cat[ind.level_indicator]
    threshold = target.threshold()
    if not math.isnan(target.value_high):
        j.caveats.append(words("note", "range_target", lang, low=format_number(target.value, lang),
                               high=format_number(target.value_high, lang)))
    j.rate_unit = "points/year" if points else "%/year"
    # An actual for exactly the target period (e.g. the 2011–2015 average) settles it.
    same = obs[(obs["indicator"] == target.indicator) & (obs["area"] == target.area)
               & (obs["period"] == str(target.period)) & (obs["status"].isin(["actual", "estimate"]))]
    if len(same):
        actual = float(same["value"].iloc[0])
        j.latest_period, j.latest_value = str(target.period), actual
        j.actual_annual_rate = actual
        j.caveats += _caveats(same.iloc[[0]], lang)
        if meets(actual, threshold, "higher", target.qualifier):
            j.status = "achieved"
        else:
            _set_ratio(j, math.log1p(actual / 100), math.log1p(threshold / 100))
        return None
    if target.period.type == "half_year":
        j.missing.append(_needs_items(ind, lang, years=[target.year]) + f" ({target.period})")
        return None
    first = target.period.start if target.period.type == "range" else target.year - TERM_YEARS + 1
    # level path: from the levels, or by chaining the yearly rates
    levels = _series(obs, level_ind.id, target.area, target.year)
    levels = levels[levels["period_start"] >= first - 1]
    rates = _series(obs, target.indicator if target.period.type != "range" else _annual_rate_id(ind, cat),
                    target.area, target.year) if not points else pd.DataFrame()
    if not points and len(rates):
        rates = rates[rates["period_start"] >= first]
    if points:
        levels = _series(obs, level_ind.id, target.area, target.year)
        b = _base_row(levels, first - 1)
        if b is None or len(levels) < 2 or int(levels["period_start"].iloc[b]) >= int(levels["period_start"].iloc[-1]):
            j.missing.append(_needs_items(level_ind, lang, years=[first - 1, target.year]))
            return None
        base, latest = levels.iloc[b], levels.iloc[-1]
        t0, t1 = int(base["period_start"]), int(latest["period_start"])
        if t0 != first - 1:
            j.caveats.append(words("note", "base_substituted", lang, used=t0, wanted=first - 1))
        j.caveats += _caveats(levels.iloc[[b, len(levels) - 1]], lang)
        j.base_period, j.base_value = str(base["period"]), float(base["value"])
        j.latest_period, j.latest_value = str(latest["period"]), float(latest["value"])
        sign = -1.0 if level_ind.direction == "lower" else 1.0  # a fall of the poverty rate is progress
        actual = sign * (float(latest["value"]) - float(base["value"])) / (t1 - t0)
        j.actual_annual_rate = actual
        _set_ratio(j, actual, threshold)
        if j.ratio >= 1 and t1 >= target.year:
            j.status = "achieved"
        return None
    index_years, index = _level_index(levels, rates)
    if len(index_years) < 2 or index_years[-1] - index_years[0] < 2:  # one year of growth shows no trend
        j.missing.append(_needs_items(level_ind, lang, years=[first - 1, target.year])
                         + words("note", "or", lang)
                         + _needs_items(ind, lang, years=list(range(first, target.year + 1))))
        return None
    t0, t1 = index_years[0], index_years[-1]
    if t0 != first - 1:
        j.caveats.append(words("note", "base_substituted", lang, used=t0, wanted=first - 1))
    used = pd.concat([levels, rates])
    j.caveats += _caveats(used, lang)
    actual = (index[-1] / index[0]) ** (1 / (t1 - t0)) - 1
    j.actual_annual_rate = 100 * actual
    j.base_period, j.latest_period = str(t0), str(t1)
    _set_ratio(j, actual, threshold / 100)
    if t1 >= target.year and meets(100 * actual, threshold, "higher", target.qualifier):
        j.status = "achieved"
    if len(rates) >= 2 and target.period.type == "year":
        p = _projection(rates, ind, target.year)
        j.probability = _probability(p, target, "higher")
        j.trend_reaches_target_in = _reach_year(p, target, "higher")
        return p
    return None


def _annual_rate_id(ind: Indicator, cat: Catalogue) -> str:
    """The yearly growth-rate indicator of the same level (for term averages)."""
    for other in cat:
        if other.level_indicator == ind.level_indicator and other.kind == "growth_rate" and "/year" not in other.unit:
            return other.id
    return ind.id


def _level_index(levels: pd.DataFrame, rates: pd.DataFrame) -> tuple[list[int], list[float]]:
    """Level index from levels if two exist, else from consecutive yearly rates."""
    if len(levels) >= 2:
        return levels["period_start"].astype(int).tolist(), levels["value"].astype(float).tolist()
    if len(rates) == 0:
        return [], []
    years = rates["period_start"].astype(int).tolist()
    if years != list(range(years[0], years[0] + len(years))):
        return [], []
    index = [1.0]
    for r in rates["value"].astype(float):
        index.append(index[-1] * (1 + r / 100))
    return [years[0] - 1] + years, index


def _judge_cumulative(j: Judgement, target: Target, ind: Indicator, obs: pd.DataFrame, lang: str) -> None:
    start, end = target.period.start, target.period.end
    rows = obs[(obs["indicator"] == target.indicator) & (obs["area"] == target.area)
               & obs["status"].isin(["actual", "estimate"]) & (obs["period_start"] == start)
               & (obs["period_type"] == "range")]
    yearly = _series(obs, target.indicator, target.area, end)
    yearly = yearly[yearly["period_start"] >= start]
    progress, upto = math.nan, None
    if len(rows):
        best = rows.sort_values("period_end").iloc[-1]
        progress, upto = float(best["value"]), int(best["period_end"])
        j.caveats += _caveats(rows.iloc[[-1]], lang)
    elif len(yearly) and yearly["period_start"].tolist() == list(range(start, start + len(yearly))):
        progress, upto = float(yearly["value"].sum()), int(yearly["period_start"].iloc[-1])
        j.caveats += _caveats(yearly, lang)
    if upto is None:
        j.missing.append(_needs_items(ind, lang, years=list(range(start, end + 1))))
        return
    j.latest_period, j.latest_value = f"{start}-{upto}" if upto > start else str(start), progress
    j.rate_unit = f"{ind.unit}/year"
    if upto < end:
        j.required_annual_rate = (target.threshold() - progress) / (end - upto)
    if meets(progress, target.threshold(), "higher", target.qualifier):
        j.status = "achieved"
        return
    j.ratio = (progress / target.threshold()) / ((upto - start + 1) / (end - start + 1))
    j.status = classify(j.ratio)


def _judge_relative(j: Judgement, target: Target, ind: Indicator, obs: pd.DataFrame, cat: Catalogue,
                    lang: str) -> None:
    direct = _series(obs, target.indicator, target.area, target.year)
    direct = direct[direct["period_start"] == target.year]
    num_id, den_id = RELATIVE_TARGETS[target.indicator]
    j.rate_unit = ind.unit
    if len(direct):
        value = float(direct["value"].iloc[0])
    else:
        num = _series(obs, num_id, target.area, target.year)
        num = num[num["period_start"] == target.year]
        den = obs[(obs["indicator"] == den_id) & (obs["area"] == target.area) & (obs["period"] == str(target.year))]
        missing = [cat[i] for i, rows in ((num_id, num), (den_id, den)) if len(rows) == 0]
        if missing:
            j.missing.append(words("note", "and", lang).join(
                _needs_items(m, lang, years=[target.year]) for m in missing))
            return
        value = 100 * (float(num["value"].iloc[0]) / float(den["value"].iloc[0]) - 1)
    j.latest_period, j.latest_value = str(target.year), value
    if meets(value, target.threshold(), "higher", target.qualifier):
        j.status = "achieved"
    else:
        j.ratio = value / target.threshold() if target.threshold() else math.nan
        j.status = classify(j.ratio) if not math.isnan(j.ratio) else "deterioration"


def _judge_milestone(j: Judgement, target: Target, ind: Indicator, obs: pd.DataFrame, lang: str) -> None:
    reached = obs[(obs["indicator"] == target.indicator) & (obs["area"] == target.area)
                  & (obs["status"] == "actual")]
    if len(reached) == 0:
        j.missing.append(_needs_items(ind, lang, years=[target.year]))
        return
    year = float(reached["value"].min())
    j.latest_value, j.latest_period = year, str(int(year))
    j.status = "achieved" if year <= target.threshold() else "limited_progress"


def _judge_every_year(j: Judgement, target: Target, ind: Indicator, series: pd.DataFrame, lang: str) -> None:
    inside = series[(series["period_start"] >= target.period.start) & (series["period_start"] <= target.period.end)]
    expected = list(range(target.period.start, target.period.end + 1))
    if len(inside) == 0:
        j.missing.append(_needs_items(ind, lang, years=expected))
        return
    direction = ind.direction if ind.direction != "none" else "higher"
    met = [meets(float(v), target.threshold(), direction, target.qualifier) for v in inside["value"]]
    latest = inside.iloc[-1]
    j.latest_period, j.latest_value = str(latest["period"]), float(latest["value"])
    j.caveats += _caveats(inside, lang)
    seen = inside["period_start"].astype(int).tolist()
    absent = [y for y in expected if y not in seen]
    if absent:
        j.caveats.append(words("note", "years_missing", lang, years=", ".join(map(str, absent))))
    if all(met):
        j.status = "achieved" if not absent else "on_track"
    else:
        j.status = "on_track" if met[-1] else "limited_progress"


# -- public API ---------------------------------------------------------------------------------

def targets_from_record(observations: pd.DataFrame) -> list[Target]:
    """Every target in the observations (status ``target``, or derived rows standing for one)."""
    denominators = {den for _, den in RELATIVE_TARGETS.values()}  # a provincial estimate is not our target
    rows = observations[((observations["status"] == "target") | (observations["derived_status"] == "target"))
                        & ~observations["indicator"].isin(denominators)]
    return [Target(r.indicator, r.area, parse_period(r.period), float(r.value), float(r.value_high),
                   r.qualifier, r.source_id) for r in rows.itertuples()]


def rule_for(target: Target, ind: Indicator) -> str:
    """Which rule judges a target (see the module docstring)."""
    if ind.id in RELATIVE_TARGETS:
        return "relative"
    if ind.kind == "milestone":
        return "milestone"
    if ind.kind == "growth_rate":
        return "growth_rate_level_path"
    if ind.kind == "cumulative":
        return "cumulative_pro_rata"
    if target.value == 0 and ind.direction == "lower":
        return "eliminate"
    if target.period.type == "range":
        return "every_year"
    if ind.kind == "share":
        bound = ind.upper_bound if ind.direction != "lower" else ind.lower_bound
        return "bounded_share" if abs(bound - target.value) <= BOUNDED_SHARE_WINDOW else "share_points"
    return "level"


def assess_target(target: Target, observations: pd.DataFrame, cat: Catalogue | None = None,
                  lang: str = "en") -> Judgement:
    """Judge one target against the observations (actuals and estimates up to its year)."""
    cat = cat or catalogue()
    ind = cat[target.indicator]
    rule = rule_for(target, ind)
    j = Judgement(target.indicator, target.area, str(target.period), target.year, target.value,
                  target.value_high, target.qualifier, target.source_id, rule)
    series = _series(observations, target.indicator, target.area, target.year)
    direction = ind.direction if ind.direction != "none" else "higher"
    projection = None
    if rule == "growth_rate_level_path":
        projection = _judge_growth(j, target, ind, observations, cat, lang)
    elif rule == "cumulative_pro_rata":
        _judge_cumulative(j, target, ind, observations, lang)
    elif rule == "relative":
        _judge_relative(j, target, ind, observations, cat, lang)
    elif rule == "milestone":
        _judge_milestone(j, target, ind, observations, lang)
    elif rule == "every_year":
        _judge_every_year(j, target, ind, series, lang)
        projection = _projection(series, ind, target.year)
    else:
        measure = {"level": "compound", "eliminate": "points", "share_points": "points", "bounded_share": "gap"}[rule]
        _judge_progress(j, target, ind, series, lang, measure)
        projection = _projection(series, ind, target.year)
    if rule not in ("growth_rate_level_path", "cumulative_pro_rata", "relative", "milestone"):
        j.probability = _probability(projection, target, direction)
        j.trend_reaches_target_in = _reach_year(projection, target, direction)
    if len(series) and int(series["period_start"].iloc[-1]) == target.year and rule != "growth_rate_level_path":
        j.caveats.append(words("note", "target_year_observed", lang, year=target.year))
    half = observations[(observations["indicator"] == target.indicator) & (observations["area"] == target.area)
                        & (observations["period"] == f"{target.year}H1")
                        & observations["status"].isin(["actual", "estimate"])]
    if j.status == "not_assessable" and len(half) and ind.kind in ("level", "count") and target.value > 0:
        share = 100 * float(half["value"].iloc[0]) / target.value
        j.caveats.append(words("note", "half_year_progress", lang, period=f"{target.year}H1",
                               share=format_number(round(share, 1), lang)))
    if j.status == "not_assessable" and not j.missing:
        j.missing.append(_needs_items(ind, lang, years=[target.year]))
    parts = []
    if j.status == "not_assessable":
        parts.append(words("note", "needs", lang, items=words("note", "and", lang).join(j.missing)))
    parts += j.caveats
    j.note = "; ".join(parts)
    return j


#: Columns of the results table, in order.
RESULT_COLUMNS = ("indicator", "area", "target_period", "target_year", "target_value", "target_value_high",
                  "qualifier", "source_id", "rule", "status", "ratio", "probability", "required_annual_rate",
                  "rate_unit", "actual_annual_rate", "trend_reaches_target_in", "base_period", "base_value",
                  "latest_period", "latest_value", "note")


def assess_targets(observations: pd.DataFrame | None = None, lang: str = "en", source_id: str | None = None,
                   area: str | None = "dong_son", cat: Catalogue | None = None) -> pd.DataFrame:
    """Judge every target of the record: one row per target (columns :data:`RESULT_COLUMNS`).

    Parameters
    ----------
    observations : DataFrame, optional
        As from :func:`load_observations` (by default, loaded).
    lang : {"en", "vi"}
        Language of the ``note`` column.
    source_id : str, optional
        Only the targets of this source (``S07`` for the seed article).
    area : str, optional
        Only this area (default ``dong_son``); None for all.
    """
    obs = load_observations() if observations is None else observations
    targets = [t for t in targets_from_record(obs)
               if (source_id is None or t.source_id == source_id) and (area is None or t.area == area)]
    rows = [asdict(assess_target(t, obs, cat, lang)) for t in targets]
    frame = pd.DataFrame(rows, columns=list(RESULT_COLUMNS) + ["missing", "caveats"])
    frame["trend_reaches_target_in"] = frame["trend_reaches_target_in"].astype("Int64")
    frame = frame.sort_values(["source_id", "target_year", "indicator"], kind="stable").reset_index(drop=True)
    return frame[list(RESULT_COLUMNS)]


def status_label(status: str, lang: str = "vi") -> str:
    """The status in words (``Đúng tiến độ``, ``On track``)."""
    return words("status", status, lang)


# -- proposals ----------------------------------------------------------------------------------

PROPOSAL_LEVELS = {"safe": 0.8, "expected": 0.5, "stretch": 0.2}


def propose_target(projection: Projection, ind: Indicator, year: int = 2025) -> dict[str, float]:
    """Values reached with probability 80% (safe), 50% (expected) and 20% (stretch) in ``year``.

    For "higher is better" a value reached with probability p is the (1 − p)
    quantile; for "lower is better" it is the p quantile. Each comes with the
    annual change it implies from the last observation (% a year for levels and
    counts, points a year otherwise).
    """
    out: dict[str, float] = {}
    last_year, last_value = int(projection.years[-1]), float(projection.values[-1])
    n = year - last_year
    for name, p in PROPOSAL_LEVELS.items():
        q = 1 - p if ind.direction != "lower" else p
        value = projection.quantile(q, year)
        out[name] = value
        out[f"{name}_probability"] = (projection.probability_at_least(value, year) if ind.direction != "lower"
                                      else projection.probability_at_most(value, year))
        if projection.change_unit == "%" and last_value > 0 and value > 0:
            out[f"{name}_annual_change"] = 100 * ((value / last_value) ** (1 / n) - 1)
        else:
            out[f"{name}_annual_change"] = (value - last_value) / n
    return out


def propose_targets(observations: pd.DataFrame | None = None, year: int = 2025, area: str = "dong_son",
                    cat: Catalogue | None = None) -> pd.DataFrame:
    """Proposed ``year`` targets for every indicator that can be projected (two or more yearly figures)."""
    obs = load_observations() if observations is None else observations
    cat = cat or catalogue()
    rows = []
    for ind in cat:
        series = select_series(obs, ind.id, area)
        if len(series) < 2 or ind.kind == "milestone" or ind.direction == "none":
            continue
        try:
            p = project(series["period_start"].astype(int).to_numpy(), series["value"].to_numpy(float), ind.kind,
                        ind.lower_bound, ind.upper_bound, end_year=year)
        except ValueError:
            continue
        rows.append({"indicator": ind.id, "area": area, "year": year, "unit": ind.unit,
                     "change_unit": p.change_unit, "last_period": str(int(p.years[-1])),
                     "last_value": float(p.values[-1]), "method": p.method, "notes": ",".join(p.notes),
                     **propose_target(p, ind, year)})
    return pd.DataFrame(rows)


def probability_of_target(observations: pd.DataFrame, indicator: str, value: float, year: int,
                          area: str = "dong_son", cat: Catalogue | None = None) -> float:
    """Probability that a target the user proposes is reached in ``year`` (NaN if it cannot be projected)."""
    cat = cat or catalogue()
    ind = cat[indicator]
    series = select_series(observations, indicator, area)
    p = _projection(series, ind, year)
    return _probability(p, Target(indicator, area, Period(year, year), value), ind.direction
                        if ind.direction != "none" else "higher")
