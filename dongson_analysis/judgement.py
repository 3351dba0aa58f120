"""Judging plan targets against the record: outcomes once the figure is known, progress before.

Judgements are data: a status, numbers, the figures that are missing
(:class:`Need`), the caveats and evidence that apply (:class:`Note`). All wording
is made in the text layer (:mod:`dongson_analysis.wording`).

Statuses
--------
Once the figure of the target's period is known (actual or estimate, flagged as
an estimate where it is one), the judgement is the **outcome**:

- ``exceeded``: better than the target;
- ``achieved``: exactly the target (or, for "trên 105", the least figure that meets it);
- ``not_achieved``: short of it, with the percentage of the target and the shortfall.

For a target whose year lies beyond the latest figure, the **progress** classes of
the Eurostat / Open SDG method apply, with R the actual annual pace since the
plan's base year divided by the pace required to reach the target from it:

- ``met_early``: the latest figure already meets the target;
- ``on_track`` (R ≥ 0.95), ``acceleration_needed`` (0.6 ≤ R < 0.95),
  ``limited_progress`` (0 ≤ R < 0.6), ``deterioration`` (R < 0);
- ``not_assessable``: the figures needed are missing (:attr:`Judgement.needs`).

Rates are measured from the plan's base year (the year before the term under
review, e.g. 2015 for 2016–2020), or from the first year with a figure inside the
plan period, and never across a series break; the base used is part of the result.

Rules (:data:`RULES`, chosen by :func:`rule_for` from the indicator's kind and the target)
-----------------------------------------------------------------------------------------
``level``        a level, count or ratio: compound growth (points where a value is zero)
``share``        a share: percentage points a year
``share_gap``    a share whose target lies near its bound: the relative closing of the gap to it
``eliminate``    a target of zero ("không còn hộ nghèo"): the absolute fall a year
``every_year``   a level to hold in every year of a term (food output 52,500 t)
``cumulative``   a total over a term (10,000 new jobs), pro rata to the time elapsed
``growth``       a growth-rate target, judged on the level path it implies
``points_rate``  a target in points a year (poverty −1.5 points a year), on its level
``relative``     a figure relative to another (budget revenue 5% above the estimate)
``milestone``    the year by which something is reached
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from .catalogue import Catalogue, Indicator, Plan
from .periods import Period, parse_period
from .projection import Projection
from .records import INEXACT_QUALIFIERS
from .series import (
    FigureRows,
    ObservationIndex,
    Series,
    average_change,
    flagged_periods,
)
from .settings import Settings

ON_TRACK, ACCELERATION = 0.95, 0.6
BOUNDED_SHARE_WINDOW = 20.0
TOLERANCE = 1e-9


@dataclass(frozen=True)
class StatusSpec:
    """One judgement status: its family and its place in tables (best first)."""

    name: str
    family: str  # "outcome", "progress" or "none"
    order: int


JUDGEMENT_STATUSES: dict[str, StatusSpec] = {
    s.name: s
    for s in (
        StatusSpec("exceeded", "outcome", 0),
        StatusSpec("achieved", "outcome", 1),
        StatusSpec("not_achieved", "outcome", 2),
        StatusSpec("met_early", "progress", 3),
        StatusSpec("on_track", "progress", 4),
        StatusSpec("acceleration_needed", "progress", 5),
        StatusSpec("limited_progress", "progress", 6),
        StatusSpec("deterioration", "progress", 7),
        StatusSpec("not_assessable", "none", 8),
    )
}


@dataclass(frozen=True)
class RuleSpec:
    """One judgement rule: how it is chosen, and how the text layer shows what it computed.

    The text layer looks these up instead of comparing rule names.

    Attributes
    ----------
    name : str
        The rule (see the module docstring).
    outcome_key : str
        Prefix of the language-file keys of its outcome sentence (``judgement.outcome`` gives
        ``judgement.outcome_exceeded``, ``..._not_achieved_percent`` ...).
    progress_key : str
        Prefix of the keys of its progress sentence: ``judgement.moved`` (from the base to the
        latest figure, ``_up`` or ``_down``), ``judgement.rate_so_far`` (an average rate so
        far), ``judgement.cumulative_so_far`` (a total so far), ``judgement.every_year`` (years
        met).
    shows_percent_of_target : bool
        The figure is stated as a percentage of the target (``bằng 98,2% KH``).
    shows_points : bool
        The figure is a rate compared with a rate target: the difference is stated in points.
    shows_years_met : bool
        The target holds in every year of a term: the years met and the weakest year are
        stated, never one year's percentage.
    figure_computed : bool
        The figure judged is computed from others (an average rate, a fall in points), so it
        is rounded, not written as stated.
    needed_in_units : bool
        The pace still needed is an amount a year in the indicator's unit (a total's rest).
    proposable : bool
        A proposal can be made for an indicator judged by this rule.
    """

    name: str
    outcome_key: str = "judgement.outcome"
    progress_key: str = "judgement.moved"
    shows_percent_of_target: bool = True
    shows_points: bool = False
    shows_years_met: bool = False
    figure_computed: bool = False
    needed_in_units: bool = False
    proposable: bool = True


#: The judgement rules, by name (chosen by :func:`rule_for`).
RULE_SPECS: dict[str, RuleSpec] = {
    r.name: r
    for r in (
        RuleSpec("level"),
        RuleSpec("share"),
        RuleSpec("share_gap"),
        RuleSpec("eliminate"),
        RuleSpec(
            "every_year",
            outcome_key="judgement.every_year",
            progress_key="judgement.every_year",
            shows_percent_of_target=False,
            shows_years_met=True,
        ),
        RuleSpec("cumulative", progress_key="judgement.cumulative_so_far", needed_in_units=True),
        RuleSpec(
            "growth", progress_key="judgement.rate_so_far", shows_points=True, figure_computed=True
        ),
        RuleSpec(
            "points_rate",
            progress_key="judgement.rate_so_far",
            shows_percent_of_target=False,
            shows_points=True,
            figure_computed=True,
        ),
        RuleSpec("relative", proposable=False),
        RuleSpec(
            "milestone",
            outcome_key="judgement.milestone",
            progress_key="judgement.milestone",
            shows_percent_of_target=False,
        ),
    )
}
RULES: tuple[str, ...] = tuple(RULE_SPECS)


def rule_spec(rule: str) -> RuleSpec:
    """The registry entry of a rule; an unknown rule fails loudly."""
    try:
        return RULE_SPECS[rule]
    except KeyError:
        raise ValueError(f"unknown judgement rule {rule!r}; known: {', '.join(RULES)}") from None


def status_spec(status: str) -> StatusSpec:
    """The registry entry of a status; an unknown status fails loudly."""
    try:
        return JUDGEMENT_STATUSES[status]
    except KeyError:
        raise ValueError(
            f"unknown judgement status {status!r}; known: {', '.join(JUDGEMENT_STATUSES)}"
        ) from None


def classify(ratio: float) -> str:
    """Eurostat / Open SDG progress class of R."""
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= ACCELERATION:
        return "acceleration_needed"
    if ratio >= 0:
        return "limited_progress"
    return "deterioration"


@dataclass(frozen=True)
class Note:
    """A caveat or a piece of evidence: a stable code and its values (worded by the text layer).

    Attributes
    ----------
    code : str
        A key of the language files' caveat or evidence section (``derived_target``,
        ``uses_inferred`` ...).
    params : tuple of (str, object)
        The values the words state, in a stable order (:attr:`kw` as a dict).
    """

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def kw(self) -> dict[str, Any]:
        return dict(self.params)


def note(code: str, **params: Any) -> Note:
    return Note(code, tuple(params.items()))


@dataclass(frozen=True)
class Need:
    """A figure that is missing: an indicator for some years, for a period, or for any year after
    one.

    Attributes
    ----------
    indicator : str
        Catalogue id of the missing figure.
    years : tuple of int
        The years missing (empty when a period or ``after`` says it).
    period : str
        A multi-year period missing as one figure (``2016-2020``), or "".
    after : int or None
        Any year after this one would do.
    """

    indicator: str
    years: tuple[int, ...] = ()
    period: str = ""
    after: int | None = None


@dataclass(frozen=True)
class Target:
    """A target as stated in the record (one per plan, even when several sources state it).

    Attributes
    ----------
    indicator : str
        Catalogue id (canonical).
    area : str
        Area id.
    period : Period
        The year or the term the target is for (:attr:`year` is its last year).
    value, value_high : float
        The target, and the upper end of a range target (NaN otherwise), in the catalogue unit.
    qualifier : str
        ``at_least``, ``more_than``, ``at_most``, ``less_than``, ``about`` or "".
    sources : tuple of str
        Every source that states it.
    plan : Plan
        The plan it belongs to (``plans.csv``).
    derived : bool
        Worked out from a published figure by a stated rule ("đạt x% kế hoạch"): the
        judgement only repeats the report.
    """

    indicator: str
    area: str
    period: Period
    value: float
    value_high: float
    qualifier: str
    sources: tuple[str, ...]
    plan: Plan
    derived: bool = False  # worked out from a published figure by a stated rule ("đạt x% KH")

    @property
    def year(self) -> int:
        return self.period.end

    @property
    def key(self) -> str:
        """A stable id: indicator, period and plan."""
        return f"{self.indicator}@{self.period}@{self.plan.id}"


@dataclass
class Judgement:
    """The judgement of one target (see the module docstring for the statuses).

    Rates (``actual_rate``, ``required_rate``, ``needed_rate``) are in
    ``rate_unit``: ``percent`` (compound % a year), ``points`` (points a year) or
    ``units`` (the indicator's unit a year).

    For a target to hold in every year of a term, ``percent_of_target`` and ``shortfall`` are
    those of the weakest year (``weakest_period``, ``weakest_value``); a shortfall is never
    negative. How the text shows a judgement is read from :attr:`spec` (its rule's entry).

    Attributes
    ----------
    target : Target
        The target judged.
    rule : str
        The judgement rule (a key of the rule registry, :func:`rule_spec`).
    status : str
        A key of :data:`JUDGEMENT_STATUSES`.
    known_value, known_period, known_is_estimate
        The figure the status rests on, its period, and whether it is an estimate.
    percent_of_target, shortfall, difference
        The figure against the target: as a percentage, the amount missing (never negative),
        and for a rate the difference in percentage points.
    base_period, base_value, latest_period, latest_value
        The figures a progress judgement compares.
    actual_rate, required_rate, needed_rate, rate_unit
        Rates observed, required by the target from its base, and still needed from the latest
        figure, in ``rate_unit``.
    ratio : float
        Actual progress over required progress (Eurostat's ratio), NaN where not used.
    probability : float
        The projection's probability of reaching the target, NaN where not projected.
    reach_year : int or None
        For a milestone target, the year it was reached.
    years_met, years_not_met, weakest_period, weakest_value
        For a target that holds in every year of a term: which years met it and the weakest.
    needs, needs_alternative, needs_for_progress : list of Need
        Figures that would make the target assessable (or its progress judgeable).
    caveats, evidence : list of Note
        What the words must add: cautions and the evidence of a reported judgement.

    References
    ----------
    Eurostat (2023). Sustainable development in the European Union: Monitoring report on
    progress towards the SDGs in an EU context, Annex II: methodology for assessing progress
    towards quantitative targets. Luxembourg: Publications Office of the European Union.
    """

    target: Target
    rule: str
    status: str = "not_assessable"
    known_value: float = math.nan
    known_period: str = ""
    known_is_estimate: bool = False
    percent_of_target: float = math.nan
    shortfall: float = math.nan
    difference: float = math.nan  # for a rate: the figure minus the target, in percentage points
    base_period: str = ""
    base_value: float = math.nan
    latest_period: str = ""
    latest_value: float = math.nan
    actual_rate: float = math.nan
    required_rate: float = math.nan
    needed_rate: float = math.nan
    rate_unit: str = ""
    ratio: float = math.nan
    probability: float = math.nan
    reach_year: int | None = None
    years_met: tuple[int, ...] = ()
    years_not_met: tuple[int, ...] = ()
    weakest_period: str = ""  # a target for every year of a term: the year furthest from it
    weakest_value: float = math.nan
    needs: list[Need] = field(default_factory=list)
    needs_alternative: list[Need] = field(default_factory=list)
    needs_for_progress: list[Need] = field(default_factory=list)
    caveats: list[Note] = field(default_factory=list)
    evidence: list[Note] = field(default_factory=list)

    @property
    def family(self) -> str:
        return status_spec(self.status).family

    @property
    def spec(self) -> RuleSpec:
        """The rule's registry entry (how the text layer shows it)."""
        return rule_spec(self.rule)

    @property
    def as_reported(self) -> bool:
        """The target was worked out from a report's "đạt x% kế hoạch": the judgement only
        repeats the report (shown as "theo báo cáo").
        """
        return self.target.derived

    @property
    def inferred_years(self) -> bool:
        """A figure used has a year the source does not state (inferred)."""
        return any(c.code == "uses_inferred" for c in self.caveats)


# -- small rules of comparison -------------------------------------------------------------


def meets(value: float, target: float, better: str, qualifier: str = "") -> bool:
    """Whether ``value`` meets ``target`` ("more than" and "less than" are strict)."""
    if better == "lower":
        return (
            value < target
            if qualifier == "less_than"
            else value <= target + TOLERANCE * max(1, abs(target))
        )
    return (
        value > target
        if qualifier == "more_than"
        else value >= target - TOLERANCE * max(1, abs(target))
    )


def least_meeting(target: float, qualifier: str, whole: bool) -> float:
    """The least favourable figure that still meets a target (106 for "trên 105" people)."""
    if qualifier == "more_than" and whole:
        return math.floor(target) + 1
    if qualifier == "less_than" and whole:
        return math.ceil(target) - 1
    return target


def outcome(value: float, target: float, better: str, qualifier: str, whole: bool) -> str:
    """``exceeded``, ``achieved`` or ``not_achieved`` for a known figure."""
    if not meets(value, target, better, qualifier):
        return "not_achieved"
    edge = least_meeting(target, qualifier, whole)
    if qualifier in ("more_than", "less_than") and not whole:
        return "exceeded"
    if abs(value - edge) <= TOLERANCE * max(1, abs(edge)):
        return "achieved"
    return "exceeded"


def percent_of_target(value: float, target: float, better: str) -> float:
    """100 × figure / target for "higher is better"; NaN where a ratio says nothing (lower is
    better, zero).
    """
    if better == "lower":
        return 100.0 if value == 0 and target == 0 else math.nan
    if target > 0 and math.isfinite(value):
        return 100 * value / target
    return math.nan


def shortfall(value: float, target: float, better: str) -> float:
    """How far a figure falls short of its target, in the target's unit (positive when short)."""
    return (value - target) if better == "lower" else (target - value)


def _compound(x0: float, x1: float, years: int) -> float:
    if x0 <= 0 or x1 <= 0 or years <= 0:
        return math.nan
    return 100 * ((x1 / x0) ** (1 / years) - 1)


# -- the context of a judgement ------------------------------------------------------------


@dataclass(frozen=True)
class JudgementContext:
    """Everything the rules read about one area: the previous stages' results.

    Parameters
    ----------
    settings : Settings
        The run's settings about the area (``settings.area``) and its periods.
    catalogue : Catalogue
        The indicators, plans and areas.
    observations : DataFrame
        The validated observations (:data:`dongson_analysis.records.OBSERVATION_COLUMNS`),
        of this area or of every area of the run.
    series : dict of str to Series
        The area's series by canonical indicator (:func:`dongson_analysis.series.build_series`).
    projections : mapping of str to Projection
        The area's projections by indicator.
    index : ObservationIndex, optional
        The observations grouped by area and indicator, made once for every area of a run;
        without it the area's rows are grouped when first needed (one pass over the table).
    """

    settings: Settings
    catalogue: Catalogue
    observations: pd.DataFrame
    series: dict[str, Series]
    projections: dict[str, Projection]
    index: ObservationIndex | None = None
    year: int | None = None

    def for_target(self, year: int) -> JudgementContext:
        """The context a target of ``year`` is judged in: each series as it applies to that year
        (:meth:`~dongson_analysis.series.Series.within`: the break inside the target's own
        period, never a later one). Shares the grouped observations.
        """
        found = copy.copy(self)
        object.__setattr__(found, "year", year)
        return found

    @cached_property
    def _index(self) -> ObservationIndex:
        if self.index is not None:
            return self.index
        area = self.observations[self.observations["area"] == self.settings.area]
        return ObservationIndex(area, self.catalogue)

    def figures(self, indicator: str, period: str) -> pd.DataFrame:
        """The chosen actual or estimate figure of an exact period (range, half-year, year).

        Parameters
        ----------
        indicator : str
            An indicator id (its aliases' rows count too).
        period : str
            The period as the tables write it (``2020``, ``2020H1``, ``2016-2020``).

        Returns
        -------
        DataFrame
            At most one row (:func:`dongson_analysis.series.choose_figures`).
        """
        return self._index.figures(self.settings.area, indicator, period)

    def rows_of(self, indicator: str) -> pd.DataFrame:
        """Every observation of an indicator (and its aliases) in the area, any status."""
        return self._index.rows(self.settings.area, indicator)

    def chosen(self, indicator: str, period: str) -> FigureRows:
        """:meth:`figures` as the rules read it (arrays, not a table)."""
        return self._index.chosen(self.settings.area, indicator, period)

    def chosen_ranges(self, indicator: str, start: int, end: int) -> FigureRows:
        """The chosen figures of ranges of years that start in ``start`` and end by ``end`` (a
        total so far, ``2016-2018``).
        """
        return self._index.chosen_ranges(self.settings.area, indicator, start, end)

    def rows_in(self, indicator: str, period: str) -> FigureRows:
        """Every row of an indicator (and its aliases) in the area for ``period``, any status."""
        return self._index.rows_in(self.settings.area, indicator, period)

    def series_of(self, indicator: str) -> Series:
        """The area's series of an indicator, as it applies to the context's target year."""
        found = self.series[self.catalogue.canonical(indicator)]
        return found if self.year is None else found.within(self.year)


def plan_base_year(target: Target, settings: Settings) -> int:
    """The year rates are measured from: the term's base year for targets inside the term under
    review.
    """
    if settings.base_year < target.year <= settings.target_year:
        return settings.base_year
    if target.plan.kind == "annual":
        return target.year - 1
    return target.plan.first_year - 1


def flag_caveats(rows: pd.DataFrame) -> list[Note]:
    """The caveats of the figures used: estimates, derived values, inferred years,
    approximations.
    """
    return [
        note(f"uses_{flag}", periods=tuple(periods))
        for flag, periods in flagged_periods(rows).items()
        if periods
    ]


def break_caveats(series: Series, until: int) -> list[Note]:
    """The caveats of a series' definition changes: the break its figures start from, and every
    later break up to the year ``until``.
    """
    out = []
    used = series.break_in_use()
    if used is not None:
        out.append(note("series_break", year=used.year, kind=used.kind, source=used.source_id))
    for future in series.future_breaks():
        if future.year <= until:
            out.append(
                note(
                    "break_before_target",
                    year=future.year,
                    kind=future.kind,
                    source=future.source_id,
                )
            )
    return out


def _break_caveats(series: Series, j: Judgement) -> None:
    j.caveats += break_caveats(series, j.target.year)


def _first_usable_year(segment_start: int | None, base_year: int) -> int:
    """The plan's base year, or the first year of the segment in use when a break comes after it."""
    return max(base_year, segment_start or base_year)


def _base_row(seg: FigureRows, base_year: int, before: int):
    """The base figure: the base year's, else the plan period's first; earlier than ``before``."""
    years = seg["period_start"]
    found = np.flatnonzero((years >= base_year) & (years < before))
    return seg.row(int(found[0])) if len(found) else None


def _flags(*parts: FigureRows | pd.DataFrame | None) -> list[Note]:
    """:func:`flag_caveats` of several sets of rows taken together, in order."""
    found: dict[str, list[str]] = {}
    for part in parts:
        if part is None or not len(part):
            continue
        for flag, periods in flagged_periods(part).items():
            found.setdefault(flag, []).extend(periods)
    return [
        note(f"uses_{flag}", periods=tuple(periods)) for flag, periods in found.items() if periods
    ]


def _probability(ctx: JudgementContext, j: Judgement, ind: Indicator) -> None:
    p = ctx.projections.get(ind.id)
    t = j.target
    if p is None:
        return
    j.probability = probability_of_target(p, ind, t.value, t.year, t.qualifier)
    if math.isnan(j.probability):
        return
    for year, value in zip(p.horizon_years, p.point):
        if meets(float(value), t.value, ind.better, t.qualifier):
            j.reach_year = int(year)
            break


def _half_year_evidence(ctx: JudgementContext, j: Judgement, indicator: str) -> None:
    """A half-year figure of the target year, as a share of the year's target (never judged pro
    rata).
    """
    t = j.target
    if t.period.type != "year" or t.value <= 0:
        return
    for half in (1, 2):
        rows = ctx.chosen(indicator, f"{t.year}H{half}")
        if len(rows):
            row = rows.row(0)
            j.evidence.append(
                note(
                    "half_year",
                    half=half,
                    year=t.year,
                    value=float(row["value"]),
                    share=100 * float(row["value"]) / t.value,
                    estimate=row["effective_status"] == "estimate",
                    source=str(row["source_id"]),
                )
            )


# -- rules --------------------------------------------------------------------------------


def _set_outcome(
    j: Judgement, ind: Indicator, row: pd.Series | dict, value: float | None = None
) -> None:
    t = j.target
    value = float(row["value"]) if value is None else value
    j.known_value, j.known_period = value, str(row["period"])
    j.known_is_estimate = row["effective_status"] == "estimate"
    j.status = outcome(value, t.value, ind.better, t.qualifier, ind.spec.whole_numbers)
    j.percent_of_target = percent_of_target(value, t.value, ind.better)
    if ind.spec.rate_of_level:
        j.difference = value - t.value
    if j.status == "not_achieved":
        j.shortfall = shortfall(value, t.value, ind.better)
    if row["qualifier"] in INEXACT_QUALIFIERS:
        j.caveats.append(
            note("inexact_figure", period=str(row["period"]), qualifier=str(row["qualifier"]))
        )


def _progress(
    ctx: JudgementContext,
    j: Judgement,
    ind: Indicator,
    seg: FigureRows,
    segment_start: int | None,
    measure: str,
) -> None:
    """Progress classes from the base year to the latest figure (target year beyond it);
    ``seg`` are the figures in use up to the target year.
    """
    t = j.target
    latest = seg.row(-1)
    t1, x1 = int(latest["period_start"]), float(latest["value"])
    j.latest_period, j.latest_value = str(latest["period"]), x1
    better = ind.better
    bound = ind.upper_bound if better == "higher" else ind.lower_bound
    years_left = t.year - t1
    base_year = plan_base_year(t, ctx.settings)
    base = _base_row(seg, base_year, t1)
    if measure == "compound" and (
        x1 <= 0 or t.value <= 0 or (base is not None and float(base["value"]) <= 0)
    ):
        measure = "points"  # a compound rate through zero means nothing: count in units
    j.rate_unit = (
        "percent"
        if measure == "compound"
        else ("points" if ind.spec.change_unit == "points" else "units")
    )
    if measure == "compound":
        j.needed_rate = _compound(x1, t.value, years_left)
    else:
        j.needed_rate = (t.value - x1) / years_left
    j.caveats += flag_caveats(seg.take([-1]))  # the latest figure is always stated
    if meets(x1, t.value, better, t.qualifier):
        j.status = "met_early"
        return
    if base is None:
        j.needs.append(Need(ind.id, years=(t.year,)))
        first = _first_usable_year(segment_start, base_year)
        j.needs_for_progress.append(
            Need(ind.id, years=(first,)) if t1 > first else Need(ind.id, after=t1)
        )
        if first > base_year:
            j.caveats.append(note("too_little_after_break", year=first))
        return
    t0, x0 = int(base["period_start"]), float(base["value"])
    j.base_period, j.base_value = str(base["period"]), x0
    if t0 != base_year:
        j.caveats.append(note("base_in_plan_period", used=t0, wanted=base_year))
    j.caveats += flag_caveats(seg.where(seg["period_start"] == t0))
    if measure == "compound":
        actual = math.log(x1 / x0) / (t1 - t0)
        required = math.log(t.value / x0) / (t.year - t0)
        j.actual_rate = _compound(x0, x1, t1 - t0)
        j.required_rate = _compound(x0, t.value, t.year - t0)
    elif measure == "gap" and not math.isnan(bound) and abs(bound - x0) > 0:
        g0, g1, gt = abs(bound - x0), abs(bound - x1), abs(bound - t.value)
        actual = -math.log(max(g1, 1e-12) / g0) / (t1 - t0)
        required = -math.log(max(gt, 1e-12) / g0) / (t.year - t0)
        j.actual_rate = (x1 - x0) / (t1 - t0)
        j.required_rate = (t.value - x0) / (t.year - t0)
        j.rate_unit = "points"
    else:
        actual = (x1 - x0) / (t1 - t0)
        required = (t.value - x0) / (t.year - t0)
        j.actual_rate, j.required_rate = actual, required
    _set_ratio(j, actual, required)


def _set_ratio(j: Judgement, actual: float, required: float) -> None:
    if abs(required) < 1e-12:
        j.ratio = math.nan
        j.status = "on_track" if actual >= 0 else "deterioration"
        return
    j.ratio = actual / required
    j.status = classify(j.ratio)


def _judge_level(ctx: JudgementContext, j: Judgement, ind: Indicator, measure: str) -> None:
    t = j.target
    series = ctx.series_of(ind.id)
    _break_caveats(series, j)
    seg = series.figures_in_use
    known = series.figure(t.year) if t.period.type == "year" else None
    if known is not None:
        _set_outcome(j, ind, known)
        j.caveats += flag_caveats(seg.where(seg["period_start"] == t.year))
        return
    _half_year_evidence(ctx, j, ind.id)
    before = seg.where(seg["period_start"] <= t.year)
    if before.empty:
        j.needs.append(Need(ind.id, years=(t.year,)))
        return
    _progress(ctx, j, ind, before, series.segment_start, measure)
    _probability(ctx, j, ind)


def _judge_every_year(ctx: JudgementContext, j: Judgement, ind: Indicator) -> None:
    """A level to hold in every year of a term: the years met, and the weakest year.

    The percentage of the target and the shortfall are those of the weakest year (the year
    furthest from the target), so that a term missed in one year is never shown with another
    year's percentage or with a negative shortfall. One year is not enough to judge the
    progress of a term: the judgement needs the other years.
    """
    t = j.target
    series = ctx.series_of(ind.id)
    _break_caveats(series, j)
    seg = series.figures_in_use
    years = seg["period_start"]
    inside = seg.where((years >= t.period.start) & (years <= t.period.end))
    expected = list(range(t.period.start, t.period.end + 1))
    if inside.empty:
        j.needs.append(Need(ind.id, years=tuple(expected)))
        return
    known = inside["period_start"].tolist()
    values = inside["value"]
    met = [
        year
        for year, value in zip(known, values.tolist())
        if meets(float(value), t.value, ind.better, t.qualifier)
    ]
    j.years_met = tuple(met)
    j.years_not_met = tuple(y for y in known if y not in met)
    latest = inside.row(-1)
    j.latest_period, j.latest_value = str(latest["period"]), float(latest["value"])
    weakest = inside.row(
        int(np.argmax(values)) if ind.better == "lower" else int(np.argmin(values))
    )
    j.weakest_period, j.weakest_value = str(weakest["period"]), float(weakest["value"])
    j.percent_of_target = percent_of_target(j.weakest_value, t.value, ind.better)
    j.caveats += flag_caveats(inside)
    absent = tuple(y for y in expected if y not in known)
    if absent:
        j.caveats.append(note("years_missing", years=absent))
    if j.years_not_met:
        j.shortfall = shortfall(j.weakest_value, t.value, ind.better)
    if t.period.end in known:
        j.known_value, j.known_period = j.latest_value, j.latest_period
        j.known_is_estimate = latest["effective_status"] == "estimate"
        if j.years_not_met:
            j.status = "not_achieved"
        else:
            whole = ind.spec.whole_numbers
            j.status = (
                "exceeded"
                if all(
                    outcome(float(v), t.value, ind.better, t.qualifier, whole) == "exceeded"
                    for v in values
                )
                else "achieved"
            )
        return
    if j.years_not_met:  # a year already missed; the latest year met or not
        last = int(latest["period_start"])
        j.status = "limited_progress" if last in j.years_not_met else "acceleration_needed"
        return
    if len(known) < 2:  # one year says nothing of a term: not enough basis, no percentage
        j.needs.append(Need(ind.id, years=absent))
        j.percent_of_target = math.nan
        return
    j.status = "on_track"


def _judge_cumulative(ctx: JudgementContext, j: Judgement, ind: Indicator) -> None:
    t = j.target
    start, end = t.period.start, t.period.end
    ranges = ctx.chosen_ranges(ind.id, start, end)
    seg = ctx.series_of(ind.id).figures_in_use
    years = seg["period_start"]
    yearly = seg.where((years >= start) & (years <= end))
    progress, upto, used = math.nan, None, None
    if len(ranges):
        best = ranges.row(int(np.argsort(ranges["period_end"], kind="quicksort")[-1]))
        progress, upto, used = float(best["value"]), int(best["period_end"]), ranges.take([-1])
    elif len(yearly) and yearly["period_start"].tolist() == list(range(start, start + len(yearly))):
        progress, upto, used = (
            float(yearly["value"].sum()),
            int(yearly.row(-1)["period_start"]),
            yearly,
        )
    if upto is None:
        j.needs.append(Need(ind.id, years=tuple(range(start, end + 1))))
        j.needs_alternative.append(Need(ind.id, period=str(t.period)))
        return
    j.caveats += flag_caveats(used)
    period = f"{start}-{upto}" if upto > start else str(start)
    j.latest_period, j.latest_value = period, progress
    j.rate_unit = "units"
    if upto >= end:
        j.known_value, j.known_period = progress, period
        j.known_is_estimate = bool((used["effective_status"] == "estimate").any())
        j.status = outcome(progress, t.value, "higher", t.qualifier, ind.spec.whole_numbers)
        j.percent_of_target = percent_of_target(progress, t.value, "higher")
        if j.status == "not_achieved":
            j.shortfall = t.value - progress
        return
    j.needed_rate = (t.value - progress) / (end - upto)
    if meets(progress, t.value, "higher", t.qualifier):
        j.status = "met_early"
        return
    j.ratio = (
        (progress / t.value) / ((upto - start + 1) / (end - start + 1)) if t.value > 0 else math.nan
    )
    j.status = classify(j.ratio) if not math.isnan(j.ratio) else "on_track"


def _judge_relative(ctx: JudgementContext, j: Judgement, ind: Indicator) -> None:
    t = j.target
    year = str(t.year)
    direct = ctx.chosen(ind.id, year)
    if len(direct):
        row = direct.row(0)
        value = float(row["value"])
    else:
        num, den = ctx.chosen(ind.ratio_of, year), ctx.chosen(ind.ratio_to, year)
        if den.empty:  # the province's estimate is a plan figure: any status will do
            den = ctx.rows_in(ind.ratio_to, year)
        missing = [i for i, rows in ((ind.ratio_of, num), (ind.ratio_to, den)) if rows.empty]
        if missing:
            j.needs += [Need(i, years=(t.year,)) for i in missing]
            j.needs_alternative.append(Need(ind.id, years=(t.year,)))
            return
        denominator = float(den.row(0)["value"])
        if denominator <= 0:
            j.needs.append(Need(ind.ratio_to, years=(t.year,)))
            return
        row = num.row(0)
        value = 100 * (float(row["value"]) / denominator - 1)
        j.evidence.append(
            note("relative_parts", numerator=float(row["value"]), denominator=denominator)
        )
    j.known_value, j.known_period = value, year
    j.known_is_estimate = row["effective_status"] == "estimate"
    j.status = outcome(value, t.value, "higher", t.qualifier, False)
    j.percent_of_target = (
        100 * (1 + value / 100) / (1 + t.value / 100) if t.value > -100 else math.nan
    )
    if j.status == "not_achieved":
        j.shortfall = t.value - value


def _judge_milestone(ctx: JudgementContext, j: Judgement, ind: Indicator) -> None:
    t = j.target
    rows = ctx.series_of(ind.id).figures_in_use
    if rows.empty:
        j.needs.append(Need(ind.id, years=(t.year,)))
        return
    first = rows.row(int(np.argsort(rows["value"], kind="quicksort")[0]))
    year = int(round(float(first["value"])))
    j.known_value, j.known_period = float(year), str(year)
    j.known_is_estimate = first["effective_status"] == "estimate"
    j.status = "not_achieved" if year > t.value else ("exceeded" if year < t.value else "achieved")
    if j.status == "not_achieved":
        j.shortfall = year - t.value
    j.caveats += flag_caveats(rows.take([0]))


def _level_index(
    levels: FigureRows | None, rates: FigureRows, first: int
) -> tuple[list[int], list[float]]:
    """A level index from the level figures, or else by chaining consecutive yearly growth rates."""
    if levels is not None and len(levels) >= 2:
        return levels["period_start"].tolist(), levels["value"].tolist()
    if rates.empty:
        return [], []
    years = rates["period_start"].tolist()
    if years != list(range(years[0], years[0] + len(years))) or years[0] != first:
        return [], []
    index = [1.0]
    for r in rates["value"].tolist():
        index.append(index[-1] * (1 + r / 100))
    return [years[0] - 1] + years, index


def _judge_growth(ctx: JudgementContext, j: Judgement, ind: Indicator) -> None:
    """Growth-rate targets: a year's rate, a half-year's, or a term's average, on the level path."""
    t = j.target
    cat = ctx.catalogue
    j.rate_unit = "percent"
    if not math.isnan(t.value_high):
        j.caveats.append(note("range_target", low=t.value, high=t.value_high))
    yearly_id = ind.average_of or ind.id
    same = ctx.chosen(ind.id, str(t.period))
    if len(
        same
    ):  # the rate of the target period itself is known (a year, a half-year, a term average)
        _set_outcome(j, ind, same.row(0))
        j.caveats += flag_caveats(same.take([0]))
        return
    if t.period.type == "half_year":
        j.needs.append(Need(ind.id, period=str(t.period)))
        return
    first = t.period.start if t.period.type == "range" else t.year
    base_year = first - 1
    level_id = ind.level_indicator
    levels = None
    if level_id:
        levels = ctx.series_of(level_id).figures_in_use
        years = levels["period_start"]
        levels = levels.where((years <= t.year) & (years >= base_year))
    rates = ctx.series_of(yearly_id).figures_in_use
    years = rates["period_start"]
    rates = rates.where((years <= t.year) & (years >= first))
    index_years, index = _level_index(levels, rates, first)
    enough = len(index_years) >= 2 and (
        index_years[-1] - index_years[0] >= 2
        or (index_years[-1] >= t.year and index_years[0] == base_year)
    )
    if not enough:  # one year of growth is not a trend
        known = set(rates["period_start"].tolist()) if len(rates) else set()
        j.needs.append(
            Need(yearly_id, years=tuple(y for y in range(first, t.year + 1) if y not in known))
        )
        if level_id:
            j.needs_alternative.append(Need(level_id, years=(base_year, t.year)))
        return
    t0, t1 = index_years[0], index_years[-1]
    if not (index[0] > 0 and index[-1] > 0 and t.value > -100):
        # a level at zero (a fall of 100%) or a target of −100% has no compound rate
        j.needs.append(Need(level_id or yearly_id, years=(base_year, t.year)))
        return
    j.caveats += _flags(levels, rates)
    if t0 != base_year:
        j.caveats.append(note("base_in_plan_period", used=t0, wanted=base_year))
    rate = _compound(index[0], index[-1], t1 - t0)
    j.base_period, j.latest_period = str(t0), str(t1)
    j.actual_rate = rate
    if t1 >= t.year and t0 == base_year:  # the whole period is covered: an outcome
        row = {
            "value": rate,
            "period": str(t.period),
            "qualifier": "",
            "effective_status": "estimate"
            if any(
                "estimate" in set(part["effective_status"].tolist())
                for part in (levels, rates)
                if part is not None
            )
            else "actual",
        }
        _set_outcome(j, ind, row, rate)
        return
    achieved_growth = index[-1] / index[0]
    years_left = t.year - t1
    target_growth = (1 + t.value / 100) ** (t.year - t0)
    j.needed_rate = (
        100 * ((target_growth / achieved_growth) ** (1 / years_left) - 1)
        if years_left > 0
        else math.nan
    )
    j.required_rate = t.value
    _set_ratio(j, math.log1p(rate / 100), math.log1p(t.value / 100))
    projection = ctx.projections.get(yearly_id)
    if t.period.type == "year" and projection is not None:
        _probability(ctx, j, cat[yearly_id])


def _judge_points_rate(ctx: JudgementContext, j: Judgement, ind: Indicator) -> None:
    """A target in points a year (poverty −1.5 points a year): judged on its level's figures."""
    t = j.target
    level = ctx.catalogue[ind.level_indicator]
    series = ctx.series_of(level.id)
    _break_caveats(series, j)
    j.rate_unit = "points"
    if not math.isnan(t.value_high):
        j.caveats.append(note("range_target", low=t.value, high=t.value_high))
    same = ctx.chosen(ind.id, str(t.period))
    if len(same):
        _set_outcome(j, ind, same.row(0))
        return
    first = t.period.start if t.period.type == "range" else t.year
    base_year = first - 1
    used = series.break_in_use()
    if used is not None and base_year < used.year <= first:
        # a new definition from the plan's first year (the multidimensional poverty line from
        # 2016, surveyed at the end of 2015): its first figure is the base, and the change is
        # counted from it (2016–2020: 4 years, not 5)
        base_year = used.year
        j.evidence.append(note("base_at_break", year=used.year, kind=used.kind))
    seg = series.figures_in_use
    years = seg["period_start"]
    seg = seg.where((years <= t.year) & (years >= base_year))
    if len(seg) < 2:
        first_usable = _first_usable_year(series.segment_start, base_year)
        j.needs.append(Need(level.id, years=(first_usable, t.year)))
        if first_usable > base_year:
            j.caveats.append(note("too_little_after_break", year=first_usable))
        return
    base, latest = seg.row(0), seg.row(-1)
    t0, t1 = int(base["period_start"]), int(latest["period_start"])
    if t0 != base_year:
        j.caveats.append(note("base_in_plan_period", used=t0, wanted=base_year))
    j.caveats += flag_caveats(seg.take([0, -1]))
    j.base_period, j.base_value = str(base["period"]), float(base["value"])
    j.latest_period, j.latest_value = str(latest["period"]), float(latest["value"])
    sign = -1.0 if level.better == "lower" else 1.0  # a fall of the poverty rate is progress
    fall = sign * (j.latest_value - j.base_value) / (t1 - t0)
    j.actual_rate = fall
    if t1 >= t.year and t0 == base_year:
        row = {
            "value": fall,
            "period": str(t.period),
            "qualifier": "",
            "effective_status": "estimate"
            if "estimate" in set(seg.take([0, -1])["effective_status"].tolist())
            else "actual",
        }
        _set_outcome(j, ind, row, fall)
        return
    j.required_rate = t.value
    years_left = t.year - t1
    if years_left > 0:
        j.needed_rate = (t.value * (t.year - t0) - fall * (t1 - t0)) / years_left
    _set_ratio(j, fall, t.value)


# -- targets and the public API -----------------------------------------------------------------


def rule_for(target: Target, ind: Indicator, catalogue: Catalogue) -> str:
    """Which rule judges a target (see the module docstring); a name of :data:`RULE_SPECS`.

    This is the registry's own chooser: the only place outside :mod:`dongson_analysis.kinds`
    where a kind's rule family is compared with a rule name.
    """
    family = ind.spec.judgement_rule
    if ind.is_relative:
        return "relative"
    if family == "milestone":
        return "milestone"
    if family == "growth_rate":
        level = catalogue[ind.level_indicator] if ind.level_indicator else None
        # the growth of a share is counted in points a year (poverty −1.5 points a year)
        in_points = (
            level is not None
            and level.spec.change_unit_for(level.lower_bound, level.upper_bound) == "points"
        )
        return "points_rate" if in_points else "growth"
    if family == "cumulative":
        return "cumulative"
    if target.value == 0 and ind.better == "lower":
        return "eliminate"
    if target.period.type == "range":
        return "every_year"
    if family == "share":
        bound = ind.upper_bound if ind.better == "higher" else ind.lower_bound
        return (
            "share_gap"
            if not math.isnan(bound) and abs(bound - target.value) <= BOUNDED_SHARE_WINDOW
            else "share"
        )
    return "level"


def targets_by_area(
    observations: pd.DataFrame, catalogue: Catalogue, areas: list[str] | None = None
) -> dict[str, list[Target]]:
    """Every target stated for each area, once per plan, read in one pass over the table.

    Parameters
    ----------
    observations : DataFrame
        The validated observations (:data:`dongson_analysis.records.OBSERVATION_COLUMNS`).
    catalogue : Catalogue
        For the canonical indicator, the plan of each target and the denominators of relative
        indicators (whose figures are not targets of their own).
    areas : list of str, optional
        The areas wanted (default: every area with a target).

    Returns
    -------
    dict of str to list of Target
        By area, each area's targets in the order :func:`targets_from_record` gives them
        (aliases and repeated sources merged; a planner's target replaces the public one). The
        count of a plan's targets met (an indicator of role ``plan_result``) is the plan's
        result, not a target: :attr:`dongson_analysis.analysis.Analysis.plan_results`.
    """
    denominators = {i.ratio_to for i in catalogue if i.ratio_to}
    # a count of a plan's targets met is the plan's result, not a target of its own
    denominators |= {i.id for i in catalogue if catalogue[catalogue.canonical(i.id)].is_plan_result}
    mask = (
        (observations["effective_status"] == "target")
        & ~observations["superseded"]  # a planner's target replaces the public record's
        & ~observations["indicator"].isin(denominators)
    )
    if areas is not None:
        mask &= observations["area"].isin(areas)
    rows = observations[mask]
    periods: dict[str, Period] = {}
    plans: dict[tuple[str, int, int, int], Plan] = {}
    merged: dict[str, dict[tuple, dict[str, Any]]] = {}
    for r in rows.itertuples():
        period = periods.get(r.period)
        if period is None:
            period = periods[r.period] = parse_period(r.period)
        canonical = catalogue.canonical(r.indicator)
        plan_key = (r.source_id, period.start, period.end, period.half)
        plan = plans.get(plan_key)
        if plan is None:
            plan = plans[plan_key] = catalogue.plan_for(
                r.source_id, period.start, period.end, period.half
            )
        high = None if math.isnan(r.value_high) else float(r.value_high)
        key = (canonical, str(period), plan.id, float(r.value), high, r.qualifier)
        entry = merged.setdefault(r.area, {}).setdefault(
            key, {"period": period, "plan": plan, "sources": [], "derived": True}
        )
        # a target worked out from a figure, or implied by "đạt 100% kế hoạch": the report's word
        entry["derived"] = entry["derived"] and (r.status == "derived" or r.target_inferred)
        if r.source_id not in entry["sources"]:
            entry["sources"].append(r.source_id)
    return {
        area: [
            Target(
                key[0],
                area,
                e["period"],
                key[3],
                math.nan if key[4] is None else key[4],
                key[5],
                tuple(e["sources"]),
                e["plan"],
                e["derived"],
            )
            for key, e in found.items()
        ]
        for area, found in merged.items()
    }


def targets_from_record(
    observations: pd.DataFrame, catalogue: Catalogue, area: str
) -> list[Target]:
    """Every target stated for ``area``, once per plan (aliases and repeated sources merged).

    Parameters
    ----------
    observations : DataFrame
        The validated observations (:data:`dongson_analysis.records.OBSERVATION_COLUMNS`).
    catalogue : Catalogue
        For the canonical indicator and the plan of each target.
    area : str
        The area.

    Returns
    -------
    list of Target
        In the order the table states them; a planner's target replaces the public record's
        (``superseded``); the denominator of a relative indicator (the province's budget
        estimate) is not a target.

    See Also
    --------
    targets_by_area : every area at once.
    """
    return targets_by_area(observations, catalogue, [area]).get(area, [])


def _level_rule(measure: str):
    def judge(ctx: JudgementContext, j: Judgement, ind: Indicator) -> None:
        if j.target.period.type == "year":
            _judge_level(ctx, j, ind, measure)
        else:
            j.needs.append(Need(ind.id, period=str(j.target.period)))

    return judge


#: The rule functions, by the names :func:`rule_for` gives (see the module docstring).
RULE_FUNCTIONS = {
    "level": _level_rule("compound"),
    "eliminate": _level_rule("points"),
    "share": _level_rule("points"),
    "share_gap": _level_rule("gap"),
    "every_year": _judge_every_year,
    "cumulative": _judge_cumulative,
    "growth": _judge_growth,
    "points_rate": _judge_points_rate,
    "relative": _judge_relative,
    "milestone": _judge_milestone,
}
assert set(RULE_FUNCTIONS) == set(RULE_SPECS)


def judge_target(target: Target, ctx: JudgementContext) -> Judgement:
    """Judge one target against the figures (see the module docstring).

    Parameters
    ----------
    target : Target
    ctx : JudgementContext
        The area's figures, series and projections.

    Returns
    -------
    Judgement
        Its status, the numbers it rests on, and what is missing when it cannot be judged.

    References
    ----------
    Eurostat (2023). Sustainable development in the European Union: Monitoring report on
    progress towards the SDGs in an EU context, Annex II: methodology for assessing progress
    towards quantitative targets. Luxembourg: Publications Office of the European Union.
    """
    ind = ctx.catalogue[target.indicator]
    rule = rule_for(target, ind, ctx.catalogue)
    j = Judgement(target, rule)
    RULE_FUNCTIONS[rule](ctx.for_target(target.year), j, ind)
    if target.derived:  # "đạt x% kế hoạch": the target is worked out, the judgement is the report's
        j.caveats.append(note("derived_target", sources=" ".join(target.sources)))
    if j.status == "not_assessable" and not j.needs:
        j.needs.append(Need(ind.id, years=(target.year,)))
    return j


def judge_targets(ctx: JudgementContext, targets: list[Target] | None = None) -> list[Judgement]:
    """Judge every target of the record for the area, in a stable order (plan, year, indicator).

    Parameters
    ----------
    ctx : JudgementContext
        The area's figures, series and projections.
    targets : list of Target, optional
        The area's targets, when already read (:func:`targets_by_area`, for every area of a run
        at once); default: read from ``ctx.observations`` (:func:`targets_from_record`).

    Returns
    -------
    list of Judgement
        One per target: by plan (first and last year, id), then year, half, catalogue order and
        value. Outcomes once the target's figure is known; before, the progress classes of the
        Eurostat method (see the module docstring). Each target is judged on its series as it
        applies to the target's year (the break inside its own period,
        :meth:`JudgementContext.for_target`); a target implied by the report ("đạt 100% kế
        hoạch", ``target_inferred``) or worked out from a figure is judged as the report says.
        A plan's own result (role ``plan_result``) is never a target
        (:func:`targets_by_area`).

    Raises
    ------
    KeyError
        For a target of an indicator the catalogue does not hold.

    References
    ----------
    Eurostat (2023), *Sustainable development in the European Union — Monitoring report on
    progress towards the SDGs in an EU context*, methodological annex: assessing progress
    towards quantitative targets (the ratio of the actual to the required growth rate, and its
    thresholds 95% and 60%).
    """
    if targets is None:
        targets = targets_from_record(ctx.observations, ctx.catalogue, ctx.settings.area)
    targets = list(targets)
    order = {ind.id: i for i, ind in enumerate(ctx.catalogue)}
    targets.sort(
        key=lambda t: (
            t.plan.first_year,
            t.plan.last_year,
            t.plan.id,
            t.year,
            t.period.half,
            order.get(t.indicator, len(order)),
            t.value,
        )
    )
    return [judge_target(t, ctx) for t in targets]


def probability_of_target(
    projection: Projection, indicator: Indicator, value: float, year: int, qualifier: str = ""
) -> float:
    """Probability that a proposed ``value`` is reached in ``year`` under ``projection`` (NaN
    outside it).
    """
    if not projection.has_projection or year not in projection.horizon_years:
        return math.nan
    threshold = least_meeting(value, qualifier, indicator.spec.whole_numbers)
    if indicator.better == "lower":
        return projection.probability_at_most(threshold, year)
    return projection.probability_at_least(threshold, year)


# -- the projected path, as the text states it ---------------------------------------------------
#: A path slower than this share of the observed trend's rate is said to slow.
SLOWS_BELOW = 0.85


@dataclass(frozen=True)
class PathSummary:
    """What the median path of a projection implies between two years, beside the observed trend.

    Computed from :meth:`Projection.table` (the median column ``point``) by
    :func:`path_summary`; the text layer states these numbers and nothing else about the path.

    Attributes
    ----------
    start_year, end_year : int
        The years the average change is measured between (the start may be observed).
    start_value, end_value : float
        The values of those years (observed, or on the median path).
    rate : float
        The implied average yearly change, in ``unit``.
    unit : str
        A name of :data:`dongson_analysis.kinds.CHANGE_UNITS`.
    slows : bool
        The path changes more slowly than the observed trend (same unit and direction).
    reason : str
        Why it slows, one code: ``bound`` (it is held at a bound, or the observed pace kept up
        would pass a bound of the indicator by the end year), ``few_points`` (the trend rests
        on few figures, which the method weighs less), ``damped`` (the method damps a trend
        over the horizon); "" when it does not slow.
    held_at_bound : bool
        The path ends at a bound of the indicator (a falling share held at 0).
    bound : float
        That bound (NaN when none is reached or would be passed).
    """

    start_year: int
    end_year: int
    start_value: float
    end_value: float
    rate: float
    unit: str
    slows: bool = False
    reason: str = ""
    held_at_bound: bool = False
    bound: float = math.nan


def path_value(projection: Projection, year: int) -> float:
    """The value of ``year``: observed where the projection rests on it, else the median path."""
    table = projection.table()
    found = table.loc[table["year"] == year, "point"]
    if len(found):
        return float(found.iloc[0])
    observed = [float(v) for y, v in zip(projection.years, projection.values) if int(y) == year]
    return observed[0] if observed else math.nan


def path_summary(
    projection: Projection,
    indicator: Indicator,
    start: int,
    end: int,
    trend_rate: float = math.nan,
    trend_unit: str = "",
) -> PathSummary | None:
    """The average yearly change of the median path from ``start`` to ``end``, whether it slows
    relative to the observed trend (``trend_rate`` in ``trend_unit``) and why, and whether it is
    held at a bound.

    A stand-in for the typed accessors the projection will offer; it reads only
    :meth:`Projection.table`.

    Parameters
    ----------
    projection : Projection
    indicator : Indicator
        Its bounds and kind give the change unit and the bounds.
    start, end : int
        The years (``start`` observed or projected).
    trend_rate, trend_unit : float, str
        The observed trend (NaN: none).

    Returns
    -------
    PathSummary or None
        None when the projection does not cover the years.
    """
    if not projection.has_projection or end <= start:
        return None
    x0, x1 = path_value(projection, start), path_value(projection, end)
    if not (math.isfinite(x0) and math.isfinite(x1)):
        return None
    low, high = indicator.lower_bound, indicator.upper_bound
    unit = indicator.spec.change_unit_between(x0, x1, low, high)
    rate = average_change(x0, x1, end - start, unit)
    at_bound = next(
        (b for b in (low, high) if not math.isnan(b) and abs(x1 - b) <= 1e-9 * max(1.0, abs(b))),
        math.nan,
    )
    slows = bool(
        trend_unit == unit
        and math.isfinite(trend_rate)
        and abs(trend_rate) > 0
        and rate * trend_rate >= 0
        and abs(rate) < SLOWS_BELOW * abs(trend_rate)
    )
    crossed = at_bound
    if slows and math.isnan(crossed):  # the observed pace kept up would pass a bound by ``end``
        years = end - start
        kept = (
            x0 * (1 + trend_rate / 100) ** years if unit == "percent" else x0 + trend_rate * years
        )
        crossed = next(
            (
                b
                for b, beyond in ((low, kept < low), (high, kept > high))
                if not math.isnan(b) and beyond
            ),
            math.nan,
        )
    reason = ""
    if slows:
        if not math.isnan(crossed):
            reason = "bound"
        elif len(projection.used_years) <= 2:
            reason = "few_points"
        else:
            reason = "damped"
    return PathSummary(
        start,
        end,
        x0,
        x1,
        rate,
        unit,
        slows,
        reason,
        not math.isnan(at_bound),
        crossed,
    )


#: Columns of :func:`judgement_table`, with dtypes and meaning.
JUDGEMENT_COLUMNS: dict[str, tuple[str, str]] = {
    "indicator": ("string", "catalogue id (canonical)"),
    "area": ("string", "area id"),
    "plan": ("string", "plan id"),
    "plan_kind": ("string", "term, annual or programme"),
    "target_period": ("string", "period of the target"),
    "target_year": ("Int64", "last year of the target period"),
    "target_value": ("float64", "the target"),
    "target_value_high": ("float64", "upper end of a range target"),
    "qualifier": ("string", "at_least, more_than, ... or empty"),
    "sources": ("string", "source ids, space-separated"),
    "rule": ("string", "rule that judged it"),
    "status": (
        "string",
        "exceeded, achieved, not_achieved, met_early, on_track, ..., not_assessable",
    ),
    "known_value": ("float64", "the figure of the target period, once known"),
    "known_period": ("string", "its period"),
    "known_is_estimate": ("bool", "that figure is an estimate (ước)"),
    "percent_of_target": (
        "float64",
        "100 × figure / target (higher is better); a target of every year: the weakest year's",
    ),
    "shortfall": (
        "float64",
        "how far short of the target, in its unit (never negative); every year: the weakest",
    ),
    "base_period": ("string", "base of the rates"),
    "base_value": ("float64", "base figure"),
    "latest_period": ("string", "latest figure's period"),
    "latest_value": ("float64", "latest figure"),
    "actual_rate": ("float64", "annual pace since the base"),
    "required_rate": ("float64", "annual pace required from the base"),
    "needed_rate": ("float64", "annual pace needed from the latest figure"),
    "rate_unit": ("string", "percent, points or units"),
    "ratio": ("float64", "R = actual / required pace"),
    "probability": ("float64", "probability of reaching the target, from the projection"),
    "reach_year": ("Int64", "year the projected median first meets the target"),
    "missing": (
        "string",
        "figures needed: indicator:years; alternatives after |; for progress after ||",
    ),
    "caveats": ("string", "caveat codes"),
}


def _need_text(need: Need) -> str:
    if need.period:
        return f"{need.indicator}:{need.period}"
    if need.after is not None:
        return f"{need.indicator}:after {need.after}"
    return f"{need.indicator}:{','.join(map(str, need.years))}"


def judgement_table(judgements: list[Judgement]) -> pd.DataFrame:
    """The judgements as a table, with no wording in it.

    Parameters
    ----------
    judgements : list of Judgement

    Returns
    -------
    DataFrame
        One row per judgement, columns :data:`JUDGEMENT_COLUMNS`.
    """
    rows = []
    for j in judgements:
        t = j.target
        missing = " ".join(_need_text(n) for n in j.needs)
        if j.needs_alternative:
            missing += " | " + " ".join(_need_text(n) for n in j.needs_alternative)
        if j.needs_for_progress:
            missing += " || " + " ".join(_need_text(n) for n in j.needs_for_progress)
        rows.append(
            {
                "indicator": t.indicator,
                "area": t.area,
                "plan": t.plan.id,
                "plan_kind": t.plan.kind,
                "target_period": str(t.period),
                "target_year": t.year,
                "target_value": t.value,
                "target_value_high": t.value_high,
                "qualifier": t.qualifier,
                "sources": " ".join(t.sources),
                "rule": j.rule,
                "status": j.status,
                "known_value": j.known_value,
                "known_period": j.known_period,
                "known_is_estimate": j.known_is_estimate,
                "percent_of_target": j.percent_of_target,
                "shortfall": j.shortfall,
                "base_period": j.base_period,
                "base_value": j.base_value,
                "latest_period": j.latest_period,
                "latest_value": j.latest_value,
                "actual_rate": j.actual_rate,
                "required_rate": j.required_rate,
                "needed_rate": j.needed_rate,
                "rate_unit": j.rate_unit,
                "ratio": j.ratio,
                "probability": j.probability,
                "reach_year": j.reach_year,
                "missing": missing.strip(),
                "caveats": " ".join(c.code for c in j.caveats),
            }
        )
    frame = pd.DataFrame(rows, columns=list(JUDGEMENT_COLUMNS))
    return frame.astype({c: dtype for c, (dtype, _) in JUDGEMENT_COLUMNS.items()})


__all__ = [
    "Judgement",
    "JudgementContext",
    "Need",
    "Note",
    "Target",
    "PathSummary",
    "path_summary",
    "RuleSpec",
    "RULE_SPECS",
    "JUDGEMENT_STATUSES",
    "JUDGEMENT_COLUMNS",
    "classify",
    "judge_target",
    "judge_targets",
    "judgement_table",
    "meets",
    "outcome",
    "rule_for",
    "rule_spec",
    "break_caveats",
    "flag_caveats",
    "targets_by_area",
    "targets_from_record",
    "probability_of_target",
    "status_spec",
]
