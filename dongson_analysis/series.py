"""Yearly series for analysis: one value per year, and the segment after the latest definition
change.

:func:`build_series` turns the validated observations into one :class:`Series`
per indicator of an area. For each year it chooses one figure: actuals before
estimates, planners' figures before the public record (derived figures count as
what they stand for; targets are never part of a series). An indicator and its
aliases (``same_as`` in the catalogue) form one series.

A series break (a new poverty line, a boundary change, a new price base) starts a
new segment: trends, projections and judgements use only the segment after the
latest break that the figures reach, and say that a break exists.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .catalogue import Catalogue
from .kinds import KindSpec
from .records import INEXACT_QUALIFIERS

#: Which figure of a year is used: the first of these (status, origin) pairs present.
SERIES_PRECEDENCE: tuple[tuple[str, str], ...] = (
    ("actual", "planner"),
    ("actual", "public_record"),
    ("estimate", "planner"),
    ("estimate", "public_record"),
)


@dataclass(frozen=True)
class Break:
    """A definition change of an indicator from ``year`` on."""

    indicator: str
    year: int
    kind: str
    source_id: str


@dataclass(frozen=True)
class Series:
    """The yearly figures of one indicator in one area.

    Attributes
    ----------
    indicator : str
        The catalogue id (the canonical one of an alias group).
    area : str
        Area id.
    rows : DataFrame
        The chosen yearly figures, one per year, oldest first (observation columns).
    breaks : tuple of Break
        Every recorded definition change of the indicator, oldest first.
    segment_start : int or None
        First year of the segment in use: the latest break the figures reach
        (None when no break precedes the last figure).
    """

    indicator: str
    area: str
    rows: pd.DataFrame
    breaks: tuple[Break, ...] = ()
    segment_start: int | None = None

    @property
    def segment(self) -> pd.DataFrame:
        """The figures after the latest break (all figures when there is none)."""
        if self.segment_start is None:
            return self.rows
        return self.rows[self.rows["period_start"] >= self.segment_start]

    @property
    def before_break(self) -> pd.DataFrame:
        """The figures measured under an earlier definition."""
        if self.segment_start is None:
            return self.rows.iloc[0:0]
        return self.rows[self.rows["period_start"] < self.segment_start]

    @property
    def years(self) -> np.ndarray:
        return self.segment["period_start"].to_numpy(int)

    @property
    def values(self) -> np.ndarray:
        return self.segment["value"].to_numpy(float)

    def __len__(self) -> int:
        return len(self.segment)

    @property
    def empty(self) -> bool:
        return len(self.segment) == 0

    @property
    def last_year(self) -> int | None:
        return int(self.years[-1]) if len(self) else None

    def upto(self, year: int) -> pd.DataFrame:
        """Segment figures of ``year`` and before."""
        seg = self.segment
        return seg[seg["period_start"] <= year]

    def value_in(self, year: int) -> pd.Series | None:
        """The chosen figure of ``year`` in the segment, or None."""
        seg = self.segment
        found = seg[seg["period_start"] == year]
        return None if found.empty else found.iloc[0]

    def future_breaks(self) -> tuple[Break, ...]:
        """Breaks after the last figure: a projection across them changes definition on the way."""
        last = self.last_year
        return tuple(b for b in self.breaks if last is not None and b.year > last)

    def break_in_use(self) -> Break | None:
        """The break that starts the segment in use, if any."""
        return next((b for b in reversed(self.breaks) if b.year == self.segment_start), None)


def flagged_periods(rows: pd.DataFrame) -> dict[str, list[str]]:
    """Periods of the rows that carry a caveat: estimates, derived values, inferred years,
    approximations.
    """
    return {
        "estimate": rows.loc[rows["effective_status"] == "estimate", "period"].tolist(),
        "derived": rows.loc[rows["status"] == "derived", "period"].tolist(),
        "inferred": rows.loc[rows["period_inferred"], "period"].tolist(),
        "approximate": rows.loc[rows["qualifier"].isin(INEXACT_QUALIFIERS), "period"].tolist(),
    }


def choose_figures(rows: pd.DataFrame) -> pd.DataFrame:
    """One figure per period (year and half), by :data:`SERIES_PRECEDENCE`; targets never."""
    rank = {key: i for i, key in enumerate(SERIES_PRECEDENCE)}
    ranks = pd.Series(
        [rank.get((s, o), len(rank)) for s, o in zip(rows["effective_status"], rows["origin"])],
        index=rows.index,
        dtype=int,
    )
    rows = rows.assign(_rank=ranks)
    rows = rows[rows["_rank"] < len(rank)]
    chosen = (
        rows.sort_values(["period_start", "half", "_rank"], kind="stable")
        .groupby(["period_start", "half"], as_index=False)
        .head(1)
    )
    return chosen.drop(columns=["_rank"]).reset_index(drop=True)


def indicator_rows(
    observations: pd.DataFrame, catalogue: Catalogue, indicator: str, area: str
) -> pd.DataFrame:
    """Every observation of an indicator (and its aliases) in an area."""
    members = catalogue.members(indicator)
    return observations[observations["indicator"].isin(members) & (observations["area"] == area)]


def series_breaks(
    breaks: pd.DataFrame, catalogue: Catalogue, indicator: str, area: str
) -> tuple[Break, ...]:
    """Recorded breaks of an indicator (and its aliases) that apply to ``area``, oldest first."""
    if breaks.empty:
        return ()
    rows = breaks[
        breaks["indicator"].isin(catalogue.members(indicator))
        & ((breaks["area"] == area) | (breaks["area"] == ""))
    ]
    found = {(int(r.from_year), r.break_kind, r.source_id) for r in rows.itertuples()}
    return tuple(
        Break(catalogue.canonical(indicator), year, kind, source)
        for year, kind, source in sorted(found)
    )


def build_series(
    observations: pd.DataFrame, breaks: pd.DataFrame, catalogue: Catalogue, area: str
) -> dict[str, Series]:
    """One :class:`Series` per canonical indicator of the catalogue (empty where there are no
    figures).
    """
    out: dict[str, Series] = {}
    area_obs = observations[observations["area"] == area]
    for ind in catalogue:
        if ind.same_as:
            continue
        rows = indicator_rows(area_obs, catalogue, ind.id, area)
        yearly = choose_figures(rows[rows["period_type"] == "year"])
        found = series_breaks(breaks, catalogue, ind.id, area)
        last = int(yearly["period_start"].iloc[-1]) if len(yearly) else None
        reached = [b.year for b in found if last is not None and b.year <= last]
        out[ind.id] = Series(ind.id, area, yearly, found, max(reached) if reached else None)
    return out


@dataclass(frozen=True)
class Trend:
    """The observed average yearly change between the first and the latest figure of a series'
    segment.

    ``unit`` is one of :data:`dongson_analysis.kinds.CHANGE_UNITS`: ``percent`` (compound growth
    a year), ``points`` (points a year, shares and rates) or ``units`` (the indicator's unit a
    year, e.g. a count from zero).
    """

    first_year: int
    last_year: int
    first_value: float
    last_value: float
    rate: float
    unit: str


def average_change(x0: float, x1: float, years: float, unit: str) -> float:
    """The average yearly change from ``x0`` to ``x1`` over ``years`` in a change ``unit``:
    compound percent for ``percent``, the difference a year otherwise (NaN over no time).
    """
    if years <= 0:
        return math.nan
    if unit == "percent":
        if x0 <= 0 or x1 <= 0:
            return math.nan
        return 100 * ((x1 / x0) ** (1 / years) - 1)
    return (x1 - x0) / years


def trend_of(
    series: Series, spec: KindSpec, lower: float = math.nan, upper: float = math.nan
) -> Trend | None:
    """The observed trend of a series' segment; None with fewer than two figures (one shows no
    trend) or for a kind whose change is not stated. ``lower`` and ``upper`` are the
    indicator's bounds (they decide the change unit of a ratio).
    """
    seg = series.segment
    if len(seg) < 2 or spec.change_unit_for(lower, upper) == "none":
        return None
    y0, y1 = int(seg["period_start"].iloc[0]), int(seg["period_start"].iloc[-1])
    x0, x1 = float(seg["value"].iloc[0]), float(seg["value"].iloc[-1])
    unit = spec.change_unit_between(x0, x1, lower, upper)
    return Trend(y0, y1, x0, x1, average_change(x0, x1, y1 - y0, unit), unit)
