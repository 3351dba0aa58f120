"""Plausibility: a planner's figure that is probably a slip, warned about at its cell.

Warnings are shown, never applied, and refused only with ``--strict``. Each compares a
planner's figures with the other figures of the same indicator (aliases included, in
one unit) and area, or with what the catalogue says of the indicator (its kind, bounds
and precision):

one figure among others
    a figure about a thousand times the others (a thousands dot read as a decimal
    point, or the reverse), a percentage typed as a fraction, a yearly figure that
    looks like a total over several years (:func:`check_figures`);
a whole column
    every figure of an indicator in one file slipped the same way, so that they agree
    with one another: compared with the figures of other files (the public record), or
    with the indicator's precision when there are none (:func:`check_columns`);
the kind of figure
    running totals typed as the yearly amounts of a cumulative indicator (they would
    be added up again), and a total over a range typed as the range's figure of a
    yearly flow (:func:`check_totals`).

Which kinds are checked, and how, is the kinds registry's
(:class:`~dongson_analysis.kinds.KindSpec`): no kind name is compared here.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .catalogue import Catalogue
from .cross_checks import Records
from .input_schema import FIGURE_STATUSES
from .observation_table import percent_unit
from .problems import Phrase
from .validation import Findings

#: A planner's figure this many times above the largest (or below the smallest) other figure of
#: its indicator and area is warned about.
FAR_FACTOR = 10.0
#: A yearly figure this many times the largest other yearly figure looks like a total over several
#: years.
TOTAL_FACTOR = 3.0
#: Running totals of about equal yearly amounts end near ``n`` times their first value after ``n``
#: years; yearly amounts that end this share of the way there look like running totals.
RUNNING_SHARE = 0.75


def _ratio(ratio: float) -> int:
    """A ratio as said in words: a whole number, at least 2."""
    return max(2, round(ratio))


def _kind_rules(records: Records, catalogue: Catalogue) -> pd.DataFrame:
    """For each figure, its kind's plausibility rules, its precision, and whether it is a
    percentage.
    """
    frame = records.frame
    per_indicator = {
        i.id: (
            i.spec.checked_for_slips,
            math.inf if i.spec.slip_below_from is None else i.spec.slip_below_from,
            i.spec.yearly_flow,
            i.spec.term_total,
            i.precision,
        )
        for i in catalogue
    }
    codes, indicators = pd.factorize(frame["indicator"])
    per = np.array([per_indicator[i] for i in indicators], dtype=object).reshape(-1, 5)
    names = ["slips", "below_from", "flow", "adds_up", "precision"]
    dtypes = [bool, float, bool, bool, np.int64]
    rules = pd.DataFrame(
        {
            name: per[:, k].astype(dtype)[codes]
            for k, (name, dtype) in enumerate(zip(names, dtypes))
        },
        index=frame.index,
    )
    unit_codes, units = pd.factorize(frame["unit"])
    rules["percent"] = np.array([percent_unit(catalogue, u) for u in units], dtype=bool)[unit_codes]
    return rules


def check_plausibility(records: Records, catalogue: Catalogue, findings: Findings) -> None:
    """Every plausibility warning of the module docstring, for the planners' figures.

    Parameters
    ----------
    records : Records
        The figures read.
    catalogue : Catalogue
        The indicators (kinds, precision, units).
    findings : Findings
        Where the warnings go.
    """
    if records.empty or not records.frame["origin"].eq("planner").any():
        return
    rules = _kind_rules(records, catalogue)
    check_figures(records, rules, findings)
    check_columns(records, rules, findings)
    check_totals(records, rules, findings)


# -- one figure among others ----------------------------------------------------------------------
def check_figures(records: Records, rules: pd.DataFrame, findings: Findings) -> None:
    """A planner's figure far outside the other figures of its indicator and area.

    Yearly figures are compared with yearly ones, figures of a range with figures of a
    range. The candidates are found from each group's extremes at once; only they are
    looked at one by one.

    Parameters
    ----------
    records : Records
        The figures read.
    rules : pandas.DataFrame
        Each figure's plausibility rules (see :func:`_kind_rules`).
    findings : Findings
        Where the warnings go.
    """
    frame = records.frame
    yearly = frame["period_type"].ne("range")
    group = frame.groupby(["canonical", "area", yearly.rename("yearly")], sort=False).ngroup()
    gid = group.to_numpy()
    size = np.bincount(gid)
    public = np.bincount(gid, weights=frame["origin"].eq("public_record").to_numpy())
    magnitude = np.abs(frame["value"].to_numpy())
    high, low = _others_extremes(gid, magnitude)
    planner = frame["origin"].eq("planner").to_numpy() & rules["slips"].to_numpy()
    enough = (size[gid] - 1 >= 2) | (public[gid] > 0)
    value = frame["value"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        candidates = (
            (rules["percent"].to_numpy() & (magnitude < 1))
            | (magnitude >= TOTAL_FACTOR * high)
            | ((value > 0) & (value <= low / FAR_FACTOR))
        )
    candidates &= planner & enough & (value != 0) & ~np.isnan(high)
    if not candidates.any():
        return
    order = np.argsort(gid, kind="stable")
    starts = np.searchsorted(gid[order], np.arange(len(size) + 1))
    for i in np.flatnonzero(candidates):
        g = gid[i]
        members = order[starts[g] : starts[g + 1]]
        _check_figure(records, rules, int(i), [int(j) for j in members if j != i], findings)


def _others_extremes(gid: np.ndarray, magnitude: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each figure: the largest and the smallest nonzero magnitude of the other figures of
    its group (NaN where there is none).
    """
    n_groups = int(gid.max()) + 1 if len(gid) else 0
    nonzero = magnitude > 0
    big = np.where(nonzero, magnitude, -np.inf)
    small = np.where(nonzero, magnitude, np.inf)
    top1, top2, count1 = _two_extremes(gid, big, n_groups, np.maximum, -np.inf)
    bot1, bot2, countb = _two_extremes(gid, small, n_groups, np.minimum, np.inf)
    alone_top = (big == top1[gid]) & (count1[gid] == 1)
    alone_bottom = (small == bot1[gid]) & (countb[gid] == 1)
    high = np.where(alone_top, top2[gid], top1[gid])
    low = np.where(alone_bottom, bot2[gid], bot1[gid])
    high = np.where(np.isfinite(high), high, np.nan)
    low = np.where(np.isfinite(low), low, np.nan)
    return high, low


def _two_extremes(gid, values, n_groups, pick, empty):
    """Per group: the extreme value, how often it occurs, and the extreme of the others."""
    first = np.full(n_groups, empty)
    pick.at(first, gid, values)
    is_first = values == first[gid]
    count = np.bincount(gid, weights=is_first & np.isfinite(values), minlength=n_groups)
    second = np.full(n_groups, empty)
    pick.at(second, gid[~is_first], values[~is_first])
    second = np.where(count >= 2, first, second)
    return first, second, count


def _check_figure(
    records: Records, rules: pd.DataFrame, i: int, refs: list[int], findings: Findings
) -> None:
    frame = records.frame
    value = float(frame["value"].iat[i])
    magnitudes = [abs(float(frame["value"].iat[j])) for j in refs]
    nonzero = [m for m in magnitudes if m > 0]
    if not nonzero or value == 0:
        return
    low, high = min(nonzero), max(nonzero)
    largest = refs[magnitudes.index(high)]
    smallest = refs[magnitudes.index(low)]
    common = {
        "value": records.shown(i, "value"),
        "indicator": frame["indicator"].iat[i],
        "area": frame["area"].iat[i],
        "low": low,
        "high": high,
    }
    rule = rules.iloc[i]
    if (
        rule["percent"]
        and abs(value) < 1
        and low >= 1
        and statistics.median(nonzero) >= 5
        and low / 3 <= abs(value) * 100 <= high * 3
    ):
        records.warn(findings, i, "value", "percent_as_fraction", percent=value * 100, **common)
        return
    if abs(value) >= FAR_FACTOR * high:
        records.warn(
            findings,
            i,
            "value",
            "value_far_above",
            ratio=_ratio(abs(value) / high),
            where=records.where(largest, "value"),
            **common,
        )
        return
    if low >= rule["below_from"] and 0 < value <= low / FAR_FACTOR:
        records.warn(
            findings,
            i,
            "value",
            "value_far_below",
            ratio=_ratio(low / value),
            where=records.where(smallest, "value"),
            **common,
        )
        return
    if rule["flow"] and frame["period_type"].iat[i] == "year" and value >= TOTAL_FACTOR * high:
        records.warn(
            findings,
            i,
            "value",
            "looks_like_total",
            ratio=_ratio(value / high),
            period=frame["period"].iat[i],
            where=records.where(largest, "value"),
            **common,
        )


# -- a whole column -------------------------------------------------------------------------------
def _decimals(value: float) -> int:
    """Decimal places of a figure as typed (``0.25`` → 2, ``54.2`` → 1, ``52500`` → 0)."""
    text = repr(float(f"{abs(value):.10g}"))
    return 0 if "e" in text or text.endswith(".0") else len(text.split(".")[1])


def check_columns(records: Records, rules: pd.DataFrame, findings: Findings) -> None:
    """Every figure of an indicator and area in one of the planners' files slipped the same
    way: typed as fractions of a percentage, written with the thousands dot of the other
    number format, or all far off. Compared with the figures of the other files, or, where
    there are none, with the indicator's precision.

    Parameters
    ----------
    records : Records
        The figures read.
    rules : pandas.DataFrame
        Each figure's plausibility rules.
    findings : Findings
        Where the warnings go (one per column, at its first figure).
    """
    frame = records.frame
    yearly = frame["period_type"].ne("range").rename("yearly")
    series = frame.groupby([frame["canonical"], frame["area"], yearly], sort=False).ngroup()
    planner = (frame["origin"].eq("planner") & rules["slips"] & frame["value"].ne(0)).to_numpy()
    if not planner.any():
        return
    columns = pd.DataFrame(
        {
            "series": series.to_numpy()[planner],
            "block": frame["block"].to_numpy()[planner],
            "magnitude": frame["value"].abs().to_numpy()[planner],
            "otherwise": np.isfinite(frame["read_otherwise"].to_numpy()[planner]),
            "percent": rules["percent"].to_numpy()[planner],
            "index": np.flatnonzero(planner),
        }
    )
    blocks = frame.groupby(series.to_numpy())["block"].nunique()
    stats = columns.groupby(["series", "block"], sort=False).agg(
        size=("index", "size"),
        largest=("magnitude", "max"),
        otherwise=("otherwise", "all"),
        percent=("percent", "first"),
    )
    stats["shared"] = blocks.reindex(stats.index.get_level_values("series")).to_numpy() > 1
    wanted = (stats["size"] >= 2) & (
        stats["shared"] | (stats["percent"] & (stats["largest"] < 1)) | stats["otherwise"]
    )
    if not wanted.any():
        return
    order = np.argsort(series.to_numpy(), kind="stable")
    starts = np.searchsorted(series.to_numpy()[order], np.arange(int(series.max()) + 2))
    positions = columns.groupby(["series", "block"], sort=False).indices
    index = columns["index"].to_numpy()
    for g, block in stats.index[wanted.to_numpy()]:
        members = index[positions[(g, block)]]
        first = int(members[np.argmin(frame["row"].to_numpy()[members])])
        in_series = order[starts[g] : starts[g + 1]]
        others = in_series[
            (frame["block"].to_numpy()[in_series] != block)
            & (frame["value"].to_numpy()[in_series] != 0)
        ]
        column = _Column(
            records,
            members,
            first,
            others,
            int(rules["precision"].iat[first]),
            bool(rules["percent"].iat[first]),
        )
        _check_column(column, findings)


@dataclass
class _Column:
    """The figures of one indicator and area in one file, and the same series' figures elsewhere."""

    records: Records
    members: np.ndarray
    first: int
    others: np.ndarray
    precision: int
    percent: bool

    def __post_init__(self) -> None:
        frame = self.records.frame
        self.values = np.abs(frame["value"].to_numpy()[self.members])
        self.otherwise = np.abs(frame["read_otherwise"].to_numpy()[self.members])
        self.refs = np.abs(frame["value"].to_numpy()[self.others])
        self.common = {
            "count": len(self.members),
            "indicator": frame["indicator"].iat[self.first],
            "area": frame["area"].iat[self.first],
            "low": float(self.values.min()),
            "high": float(self.values.max()),
        }

    @property
    def reference(self) -> dict[str, object]:
        """The figures elsewhere, as a message cites them."""
        return {
            "ref_low": float(self.refs.min()),
            "ref_high": float(self.refs.max()),
            "where": self.records.where(int(self.others[0]), "value"),
        }

    def warn(self, findings: Findings, code: str, **params: object) -> None:
        self.records.warn(findings, self.first, "value", code, **self.common, **params)

    def fractions(self) -> Phrase | None:
        """Why the column looks like percentages typed as fractions (None: it does not)."""
        if not self.percent or not (self.values < 1).all():
            return None
        if len(self.refs):
            refs = self.refs
            if refs.min() >= 1 and np.median(refs) >= 5:
                if refs.min() / 3 <= np.median(self.values) * 100 <= refs.max() * 3:
                    return Phrase("validation.reference_elsewhere", self.reference)
            return None
        if max(_decimals(v) for v in self.values) > max(self.precision, 0):
            return Phrase(
                "validation.reference_precision",
                {"indicator": self.common["indicator"], "count": self.precision},
            )
        return None

    def read_otherwise(self) -> Phrase | None:
        """Why the column looks written in the other number format (None: it does not)."""
        if not np.isfinite(self.otherwise).all():
            return None
        if not len(self.refs):
            if all(_decimals(v) > self.precision for v in self.values):
                return Phrase(
                    "validation.reference_decimals", {"indicator": self.common["indicator"]}
                )
            return None
        if not self.far():
            return None
        refs = self.refs
        if ((self.otherwise >= refs.min() / 3) & (self.otherwise <= refs.max() * 3)).all():
            return Phrase("validation.reference_elsewhere", self.reference)
        return None

    def far(self) -> str | None:
        """``above`` or ``below`` when every figure of the column is far off the figures elsewhere
        the same way (not a column that merely spreads wide); None otherwise.
        """
        if not len(self.refs):
            return None
        if self.values.min() >= FAR_FACTOR * self.refs.max():
            return "above"
        if self.values.max() <= self.refs.min() / FAR_FACTOR:
            return "below"
        return None


def _check_column(column: _Column, findings: Findings) -> None:
    """Warn once, at the column's first figure, about the first slip that explains it."""
    if (why := column.fractions()) is not None:
        column.warn(findings, "series_percent_as_fraction", reference=why)
        return
    if (why := column.read_otherwise()) is not None:
        records, first = column.records, column.first
        fmt = "en" if "." in str(records.cell(first, "value")) else "vi"  # 54.200 read as 54.2
        column.warn(
            findings,
            "series_number_format",
            value=records.shown(first, "value"),
            read=float(abs(records.frame["value"].iat[first])),
            otherwise=float(abs(records.frame["read_otherwise"].iat[first])),
            format=Phrase(f"validation.number_format_{fmt}"),
            reference=why,
        )
        return
    if (direction := column.far()) is not None:
        ratio = float(np.median(column.values) / np.median(column.refs))
        column.warn(
            findings,
            "series_far_from_others",
            ratio=_ratio(ratio if direction == "above" else 1 / ratio),
            direction=Phrase(f"validation.direction_{direction}"),
            **column.reference,
        )


# -- the kind of figure ---------------------------------------------------------------------------
def check_totals(records: Records, rules: pd.DataFrame, findings: Findings) -> None:
    """Running totals typed as a cumulative indicator's yearly amounts, and a total over a
    range typed as the range's figure of a yearly flow.

    Parameters
    ----------
    records : Records
        The figures read.
    rules : pandas.DataFrame
        Each figure's plausibility rules.
    findings : Findings
        Where the warnings go.
    """
    frame = records.frame
    figures = frame["effective_status"].isin(FIGURE_STATUSES)
    planner = frame["origin"].eq("planner") & figures
    year = frame["period_type"].eq("year")
    _running_totals(records, planner & year & rules["adds_up"], findings)
    ranges = (planner & frame["period_type"].eq("range") & rules["flow"]).to_numpy()
    if not ranges.any():
        return
    yearly = frame[figures & year & frame["value"].ne(0)]
    if yearly.empty:
        return
    largest = yearly["value"].abs().groupby([yearly["canonical"], yearly["area"]]).idxmax()
    for i in np.flatnonzero(ranges):
        at = largest.get((frame["canonical"].iat[i], frame["area"].iat[i]))
        if at is None:
            continue
        high = abs(float(frame["value"].at[at]))
        if abs(frame["value"].iat[i]) < TOTAL_FACTOR * high:
            continue
        records.warn(
            findings,
            int(i),
            "value",
            "range_looks_like_total",
            value=records.shown(int(i), "value"),
            period=frame["period"].iat[i],
            years=int(frame["period_end"].iat[i] - frame["period_start"].iat[i] + 1),
            ratio=_ratio(abs(frame["value"].iat[i]) / high),
            indicator=frame["indicator"].iat[i],
            area=frame["area"].iat[i],
            high=high,
            where=records.where(int(at), "value"),
        )


def _running_totals(records: Records, mask: pd.Series, findings: Findings) -> None:
    """Yearly figures of one file that rise like running totals (see :data:`RUNNING_SHARE`)."""
    if not mask.any():
        return
    frame = records.frame
    rows = frame[mask].sort_values(["block", "canonical", "area", "period_start"], kind="stable")
    gid = rows.groupby(["block", "canonical", "area"], sort=False).ngroup().to_numpy()
    values = rows["value"].to_numpy()
    years = rows["period_start"].to_numpy()
    starts = np.flatnonzero(np.r_[True, gid[1:] != gid[:-1]])
    ends = np.r_[starts[1:], len(rows)] - 1
    same = gid[1:] == gid[:-1]
    rising = np.r_[True, ~same | ((np.diff(values) > 0) & (np.diff(years) > 0))]
    all_rising = np.minimum.reduceat(rising.astype(int), starts).astype(bool)
    count = ends - starts + 1
    span = years[ends] - years[starts] + 1
    with np.errstate(divide="ignore", invalid="ignore"):
        grows = values[ends] / values[starts] >= RUNNING_SHARE * span
    found = (count >= 3) & all_rising & (values[starts] > 0) & grows
    for start, end in zip(starts[found], ends[found]):
        last = int(rows.index[end])
        records.warn(
            findings,
            last,
            "value",
            "running_totals",
            indicator=rows["indicator"].iat[end],
            area=rows["area"].iat[end],
            first=float(values[start]),
            first_year=int(years[start]),
            last=float(values[end]),
            last_year=int(years[end]),
            total=float(values[start : end + 1].sum()),
        )
