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
from typing import Any

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


#: The columns read as whole numbers (missing values, which validated tables never hold, as -1).
_WHOLE_COLUMNS = frozenset({"period_start", "period_end", "half", "row"})
#: The columns read as numbers and as flags.
_FLOAT_COLUMNS = frozenset({"value", "value_high", "unit_factor"})
_BOOL_COLUMNS = frozenset({"period_inferred", "superseded"})


class Figures:
    """Rows of figures (observation columns) and their columns as arrays, each read once.

    Many series share one :class:`Figures`: the chosen yearly figures of every area and
    indicator of a run, one block of rows per series (:func:`build_series_by_area`). The
    rules that judge, propose and compare read the arrays; the documents read the table.

    Parameters
    ----------
    frame : DataFrame
        The rows (observation columns, or some of them).
    """

    __slots__ = ("frame", "_columns", "_flags")

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._columns: dict[str, np.ndarray] = {}
        self._flags: dict[str, np.ndarray] | None = None

    def flags(self) -> dict[str, np.ndarray]:
        """Which rows carry each caveat of :func:`flagged_periods` (``estimate``, ``derived``,
        ``inferred``, ``approximate``), and ``any`` of them: one flag per row, read once.
        """
        if self._flags is None:
            found = {
                "estimate": self.column("effective_status") == "estimate",
                "derived": self.column("status") == "derived",
                "inferred": self.column("period_inferred"),
                "approximate": np.isin(self.column("qualifier"), INEXACT_QUALIFIERS),
            }
            found["any"] = (
                np.logical_or.reduce(list(found.values()))
                if len(self)
                else (np.zeros(0, dtype=bool))
            )
            self._flags = found
        return self._flags

    def __len__(self) -> int:
        return len(self.frame)

    def column(self, name: str) -> np.ndarray:
        """The column ``name`` as an array: whole numbers, floats, flags or Python objects.

        Raises
        ------
        KeyError
            For a column the rows do not have.
        """
        found = self._columns.get(name)
        if found is None:
            data = self.frame[name]
            if name in _WHOLE_COLUMNS:
                found = data.to_numpy(dtype=np.int64, na_value=-1)
            elif name in _FLOAT_COLUMNS:
                found = data.to_numpy(dtype=np.float64, na_value=np.nan)
            elif name in _BOOL_COLUMNS:
                found = data.to_numpy(dtype=bool)
            else:
                found = data.to_numpy(dtype=object)
            found.flags.writeable = False
            self._columns[name] = found
        return found


class Figure:
    """One row of :class:`Figures`, read as ``figure["value"]`` like a row of the table."""

    __slots__ = ("figures", "position")

    def __init__(self, figures: Figures, position: int):
        self.figures = figures
        self.position = position

    def __getitem__(self, name: str) -> Any:
        return self.figures.column(name)[self.position]


class FigureRows:
    """Some rows of a :class:`Figures` (positions into it, in order), read column by column.

    What the rules read of a series' figures without making a table of them: a column as an
    array (``rows["value"]``), the rows where a condition holds (:meth:`where`), some of them by
    place (:meth:`take`), one of them (:meth:`row`).
    """

    __slots__ = ("figures", "at")

    def __init__(self, figures: Figures, at: np.ndarray):
        self.figures = figures
        self.at = at

    def __len__(self) -> int:
        return len(self.at)

    @property
    def empty(self) -> bool:
        return len(self.at) == 0

    def __getitem__(self, name: str) -> np.ndarray:
        return self.figures.column(name)[self.at]

    def where(self, mask: np.ndarray) -> FigureRows:
        """The rows where ``mask`` (one flag per row) is true."""
        return FigureRows(self.figures, self.at[mask])

    def take(self, places: list[int] | np.ndarray) -> FigureRows:
        """The rows at ``places`` (``[-1]``: the last; ``[0, -1]``: the first and the last)."""
        return FigureRows(self.figures, self.at[places])

    def row(self, place: int) -> Figure:
        """The row at ``place`` (``-1``: the last)."""
        return Figure(self.figures, int(self.at[place]))


#: One empty table of figures per table of observations' columns (an empty series' rows).
_NO_ROWS = np.empty(0, dtype=np.int64)


class Series:
    """The yearly figures of one indicator in one area.

    Parameters
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

    Notes
    -----
    A series built by :func:`build_series_by_area` is a block of rows of a table shared by
    every series of a run (:class:`Figures`); its ``rows`` table is made when first read. The
    rules read the figures as arrays (:attr:`figures_in_use`, :meth:`figure`).
    """

    __slots__ = ("indicator", "area", "breaks", "segment_start", "_figures", "_lo", "_hi", "_cache")

    def __init__(
        self,
        indicator: str,
        area: str,
        rows: pd.DataFrame,
        breaks: tuple[Break, ...] = (),
        segment_start: int | None = None,
    ):
        self.indicator = indicator
        self.area = area
        self.breaks = tuple(breaks)
        self.segment_start = segment_start
        self._figures = Figures(rows)
        self._lo, self._hi = 0, len(rows)
        self._cache: dict[str, Any] = {"rows": rows}

    @classmethod
    def of_rows(
        cls,
        indicator: str,
        area: str,
        figures: Figures,
        lo: int,
        hi: int,
        breaks: tuple[Break, ...] = (),
        segment_start: int | None = None,
    ) -> Series:
        """The series whose figures are rows ``lo`` to ``hi`` (excluded) of ``figures``."""
        series = cls.__new__(cls)
        series.indicator, series.area = indicator, area
        series.breaks, series.segment_start = breaks, segment_start
        series._figures, series._lo, series._hi = figures, lo, hi
        series._cache = {}
        return series

    def __repr__(self) -> str:
        return (
            f"Series(indicator={self.indicator!r}, area={self.area!r}, figures={len(self)}, "
            f"breaks={self.breaks!r}, segment_start={self.segment_start!r})"
        )

    def __getstate__(self) -> dict[str, Any]:
        # pickled with its own rows only, never the table it shares with other series
        return {
            "indicator": self.indicator,
            "area": self.area,
            "rows": self.rows,
            "breaks": self.breaks,
            "segment_start": self.segment_start,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)

    @property
    def rows(self) -> pd.DataFrame:
        """The chosen yearly figures, one per year, oldest first (observation columns)."""
        found = self._cache.get("rows")
        if found is None:
            found = self._figures.frame.iloc[self._lo : self._hi].reset_index(drop=True)
            self._cache["rows"] = found
        return found

    @property
    def figures_in_use(self) -> FigureRows:
        """The figures of the segment in use, as arrays (what :attr:`segment` holds)."""
        found = self._cache.get("seg")
        if found is None:
            at = np.arange(self._lo, self._hi)
            if self.segment_start is not None and len(at):
                at = at[
                    self._figures.column("period_start")[self._lo : self._hi] >= self.segment_start
                ]
            found = FigureRows(self._figures, at)
            self._cache["seg"] = found
        return found

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
        """The years of the segment's figures (a copy)."""
        return self.figures_in_use["period_start"]

    @property
    def values(self) -> np.ndarray:
        """The segment's figures (a copy)."""
        return self.figures_in_use["value"]

    def __len__(self) -> int:
        return len(self.figures_in_use)

    @property
    def empty(self) -> bool:
        return len(self) == 0

    @property
    def last_year(self) -> int | None:
        seg = self.figures_in_use
        return int(seg.figures.column("period_start")[seg.at[-1]]) if len(seg) else None

    def upto(self, year: int) -> pd.DataFrame:
        """Segment figures of ``year`` and before."""
        seg = self.segment
        return seg[seg["period_start"] <= year]

    def figure(self, year: int) -> Figure | None:
        """The chosen figure of ``year`` in the segment (read from the arrays), or None."""
        seg = self.figures_in_use
        found = np.flatnonzero(seg["period_start"] == year)
        return seg.row(int(found[0])) if len(found) else None

    def future_breaks(self) -> tuple[Break, ...]:
        """Breaks after the last figure: a projection across them changes definition on the way."""
        last = self.last_year
        return tuple(b for b in self.breaks if last is not None and b.year > last)

    def break_in_use(self) -> Break | None:
        """The break that starts the segment in use, if any."""
        return next((b for b in reversed(self.breaks) if b.year == self.segment_start), None)


def flagged_periods(rows: pd.DataFrame | FigureRows) -> dict[str, list[str]]:
    """Periods of the rows that carry a caveat: estimates, derived values, inferred years,
    approximations.
    """
    if isinstance(rows, FigureRows):
        flags = rows.figures.flags()
        at = rows.at
        if not flags["any"][at].any():
            return {"estimate": [], "derived": [], "inferred": [], "approximate": []}
        periods = rows["period"]
        return {
            name: periods[flags[name][at]].tolist()
            for name in ("estimate", "derived", "inferred", "approximate")
        }
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


def _ranks(observations: pd.DataFrame) -> np.ndarray:
    """Each row's place in :data:`SERIES_PRECEDENCE` (its length where it has none)."""
    status = observations["effective_status"].to_numpy(dtype=object)
    origin = observations["origin"].to_numpy(dtype=object)
    ranks = np.full(len(observations), len(SERIES_PRECEDENCE), dtype=np.int64)
    for i, (s, o) in enumerate(SERIES_PRECEDENCE):
        ranks[(status == s) & (origin == o)] = i
    return ranks


def _codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _canonical_ids(observations: pd.DataFrame, catalogue: Catalogue) -> np.ndarray:
    """Each row's canonical indicator (None for an id the catalogue does not hold)."""
    canonical = {ind.id: catalogue.canonical(ind.id) for ind in catalogue}
    ids = observations["indicator"].to_numpy(dtype=object)
    return np.array([canonical.get(i) for i in ids], dtype=object)


def _runs(*keys: np.ndarray) -> np.ndarray:
    """Where a run of equal keys starts (the keys sorted): one flag per row."""
    n = len(keys[0])
    starts = np.zeros(n, dtype=bool)
    if n:
        starts[0] = True
        for key in keys:
            starts[1:] |= key[1:] != key[:-1]
    return starts


def chosen_figures(
    observations: pd.DataFrame, catalogue: Catalogue
) -> tuple[Figures, dict[tuple[str, str], tuple[int, int]]]:
    """Every area's and indicator's yearly figures chosen at once (:func:`choose_figures` for
    each, in one sort of the whole table).

    Parameters
    ----------
    observations : DataFrame
        The validated observations (:data:`dongson_analysis.records.OBSERVATION_COLUMNS`).
    catalogue : Catalogue
        For the canonical id of every indicator (aliases count as the indicator they stand for).

    Returns
    -------
    Figures
        The chosen figures, each series' rows together, oldest first.
    dict of (str, str) to (int, int)
        Each (area, canonical indicator) with figures, and the span of its rows.
    """
    yearly = observations["period_type"].to_numpy(dtype=object) == "year"
    ranks = _ranks(observations)
    canonical = _canonical_ids(observations, catalogue)
    keep = np.flatnonzero(yearly & (ranks < len(SERIES_PRECEDENCE)) & (canonical != None))  # noqa: E711
    areas, area_names = _codes(observations["area"].to_numpy(dtype=object)[keep])
    indicators, indicator_names = _codes(canonical[keep])
    start = observations["period_start"].to_numpy(dtype=np.int64, na_value=-1)[keep]
    half = observations["half"].to_numpy(dtype=np.int64, na_value=-1)[keep]
    rank = ranks[keep]
    # stable: rows of equal keys keep the table's order, as one series' sort would
    order = np.lexsort((rank, half, start, indicators, areas))
    areas, indicators, start, half = areas[order], indicators[order], start[order], half[order]
    first = _runs(areas, indicators, start, half)  # the best figure of each year (and half)
    chosen = keep[order][first]
    figures = Figures(observations.take(chosen).reset_index(drop=True))
    areas, indicators = areas[first], indicators[first]
    begins = np.flatnonzero(_runs(areas, indicators))
    ends = np.r_[begins[1:], len(chosen)]
    spans = {
        (area_names[areas[b]], indicator_names[indicators[b]]): (int(b), int(e))
        for b, e in zip(begins, ends)
    }
    return figures, spans


class ObservationIndex:
    """The observations grouped once by area and canonical indicator: every row of an
    indicator (and its aliases) in an area without filtering the whole table.

    Parameters
    ----------
    observations : DataFrame
        The validated observations.
    catalogue : Catalogue
    """

    def __init__(self, observations: pd.DataFrame, catalogue: Catalogue):
        self.observations = observations
        self.catalogue = catalogue
        canonical = _canonical_ids(observations, catalogue)
        areas, area_names = _codes(observations["area"].to_numpy(dtype=object))
        indicators, indicator_names = _codes(canonical)
        key = areas * (len(indicator_names) + 1) + indicators
        order = np.argsort(key, kind="stable")
        key = key[order]
        begins = np.flatnonzero(_runs(key))
        ends = np.r_[begins[1:], len(key)]
        self._groups = {
            (area_names[areas[order[b]]], indicator_names[indicators[order[b]]]): order[b:e]
            for b, e in zip(begins, ends)
            if indicators[order[b]] >= 0
        }
        self.table = Figures(observations)
        self._period = self.table.column("period")
        self._ranks: np.ndarray | None = None
        self._no_figures = choose_figures(observations.iloc[0:0])

    def positions(self, area: str, indicator: str) -> np.ndarray:
        """Places (``iloc``) of every row of ``indicator`` (and its aliases) in ``area``."""
        return self._groups.get((area, self.catalogue.canonical(indicator)), _NO_ROWS)

    def rows(self, area: str, indicator: str) -> pd.DataFrame:
        """Every observation of an indicator (and its aliases) in an area (as
        :func:`indicator_rows`).
        """
        return self.observations.iloc[self.positions(area, indicator)]

    def figures(self, area: str, indicator: str, period: str) -> pd.DataFrame:
        """The chosen actual or estimate figure of an exact period (range, half-year, year)."""
        at = self.positions(area, indicator)
        at = at[self._period[at] == period]
        if not len(at):
            return self._no_figures
        return choose_figures(self.observations.iloc[at])

    def chosen(self, area: str, indicator: str, period: str) -> FigureRows:
        """:meth:`figures` read from the arrays: the chosen figure of an exact period (none or
        one row).
        """
        at = self.positions(area, indicator)
        return FigureRows(self.table, self._choose(at[self._period[at] == period]))

    def chosen_ranges(self, area: str, indicator: str, start: int, end: int) -> FigureRows:
        """The chosen figures (:func:`choose_figures`) of the ranges of years that start in
        ``start`` and end by ``end``.
        """
        at = self.positions(area, indicator)
        if len(at):
            table = self.table
            at = at[
                (table.column("period_type")[at] == "range")
                & (table.column("period_start")[at] == start)
                & (table.column("period_end")[at] <= end)
            ]
        return FigureRows(self.table, self._choose(at))

    def rows_in(self, area: str, indicator: str, period: str) -> FigureRows:
        """Every row of an indicator (and its aliases) in an area for ``period``, any status."""
        at = self.positions(area, indicator)
        return FigureRows(self.table, at[self._period[at] == period])

    def _choose(self, at: np.ndarray) -> np.ndarray:
        """The rows :func:`choose_figures` keeps of the rows at ``at``, in its order."""
        if not len(at):
            return at
        if self._ranks is None:
            self._ranks = _ranks(self.observations)
        rank = self._ranks[at]
        keep = rank < len(SERIES_PRECEDENCE)
        at, rank = at[keep], rank[keep]
        if len(at) <= 1:
            return at
        start = self.table.column("period_start")[at]
        half = self.table.column("half")[at]
        order = np.lexsort((rank, half, start))
        return at[order][_runs(start[order], half[order])]


def indicator_rows(
    observations: pd.DataFrame, catalogue: Catalogue, indicator: str, area: str
) -> pd.DataFrame:
    """Every observation of an indicator (and its aliases) in an area."""
    members = catalogue.members(indicator)
    return observations[observations["indicator"].isin(members) & (observations["area"] == area)]


class _Breaks:
    """The breaks of every indicator, read once: those of every area (area ``""``) and each
    area's own, the breaks that apply to an indicator in an area."""

    def __init__(self, breaks: pd.DataFrame, catalogue: Catalogue):
        self.every: dict[str, set] = {}
        self.own: dict[tuple[str, str], set] = {}
        self._shared: dict[str, tuple[Break, ...]] = {}
        if breaks.empty:
            return
        for r in breaks.itertuples():
            if r.indicator not in catalogue:
                continue
            canonical = catalogue.canonical(r.indicator)
            entry = (int(r.from_year), r.break_kind, r.source_id)
            if r.area == "":
                self.every.setdefault(canonical, set()).add(entry)
            else:
                self.own.setdefault((canonical, r.area), set()).add(entry)

    def of(self, indicator: str, area: str) -> tuple[Break, ...]:
        own = self.own.get((indicator, area))
        if own is None:
            found = self._shared.get(indicator)
            if found is None:
                found = self._make(indicator, self.every.get(indicator, set()))
                self._shared[indicator] = found
            return found
        return self._make(indicator, self.every.get(indicator, set()) | own)

    @staticmethod
    def _make(indicator: str, entries: set) -> tuple[Break, ...]:
        return tuple(Break(indicator, year, kind, source) for year, kind, source in sorted(entries))


def build_series_by_area(
    observations: pd.DataFrame,
    breaks: pd.DataFrame,
    catalogue: Catalogue,
    areas: list[str] | tuple[str, ...],
) -> dict[str, dict[str, Series]]:
    """The series of every area of a run, built in one pass over the observations.

    The figures are chosen for every area and indicator at once (:func:`chosen_figures`); an
    indicator without figures in an area gets an empty series without any work on the table.

    Parameters
    ----------
    observations : DataFrame
        The validated observations (:data:`dongson_analysis.records.OBSERVATION_COLUMNS`).
    breaks : DataFrame
        The recorded series breaks (:data:`dongson_analysis.records.BREAK_COLUMNS`).
    catalogue : Catalogue
        The indicators (aliases form one series with the indicator they stand for).
    areas : sequence of str
        The areas whose series are built.

    Returns
    -------
    dict of str to dict of str to Series
        By area, then by canonical indicator in catalogue order: what :func:`build_series`
        gives each area.
    """
    figures, spans = chosen_figures(observations, catalogue)
    starts = figures.column("period_start") if len(figures) else _NO_ROWS
    found_breaks = _Breaks(breaks, catalogue)
    indicators = [ind.id for ind in catalogue if not ind.same_as]
    out: dict[str, dict[str, Series]] = {}
    for area in areas:
        series: dict[str, Series] = {}
        for indicator in indicators:
            lo, hi = spans.get((area, indicator), (0, 0))
            found = found_breaks.of(indicator, area)
            segment_start = None
            if hi > lo and found:
                last = int(starts[hi - 1])
                reached = [b.year for b in found if b.year <= last]
                segment_start = max(reached) if reached else None
            series[indicator] = Series.of_rows(
                indicator, area, figures, lo, hi, found, segment_start
            )
        out[area] = series
    return out


def build_series(
    observations: pd.DataFrame, breaks: pd.DataFrame, catalogue: Catalogue, area: str
) -> dict[str, Series]:
    """One :class:`Series` per canonical indicator of the catalogue (empty where there are no
    figures).

    Parameters
    ----------
    observations : DataFrame
        The validated observations (:data:`dongson_analysis.records.OBSERVATION_COLUMNS`).
    breaks : DataFrame
        The recorded series breaks (:data:`dongson_analysis.records.BREAK_COLUMNS`).
    catalogue : Catalogue
        The indicators; an indicator and its aliases (``same_as``) form one series.
    area : str
        The area whose series are built.

    Returns
    -------
    dict of str to Series
        By canonical indicator, in catalogue order. For each year the figure chosen by
        :data:`SERIES_PRECEDENCE`; the segment in use starts at the latest break the figures
        reach.

    See Also
    --------
    build_series_by_area : every area of a run at once.
    """
    area_obs = observations[observations["area"] == area]
    return build_series_by_area(area_obs, breaks, catalogue, [area])[area]


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
    seg = series.figures_in_use
    if len(seg) < 2 or spec.change_unit_for(lower, upper) == "none":
        return None
    first, last = seg.row(0), seg.row(-1)
    y0, y1 = int(first["period_start"]), int(last["period_start"])
    x0, x1 = float(first["value"]), float(last["value"])
    unit = spec.change_unit_between(x0, x1, lower, upper)
    return Trend(y0, y1, x0, x1, average_change(x0, x1, y1 - y0, unit), unit)
