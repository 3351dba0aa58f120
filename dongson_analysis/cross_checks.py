"""Checks across rows and files: a row given twice, areas, the plans' sources, targets stated twice
or replaced, figures that disagree, and definition changes the data do not record.

The figures that passed the checks of their own cells (the
:class:`~dongson_analysis.observation_table.ObservationBlock` of every table) are looked at
together, as one table (:class:`Records`), so that each check is a few grouped
operations whatever the number of rows; a problem or a warning is written only for the
rows that have one, at their cell.

Precedence: a planner's figure replaces the public record's figure of the same
indicator, area, period and status; a planner's target replaces the public record's
target of the same indicator (or alias), area, period and plan. The replaced row is
kept, marked ``superseded``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .areas import closest_ids
from .catalogue import Catalogue
from .input_schema import AREA_ID, CEILING_QUALIFIERS, FIGURE_STATUSES
from .observation_table import BLOCK_COLUMNS, NUMBER_COLUMNS, ObservationBlock, shown
from .problems import Phrase, Problem
from .spelling import hint, plain, slug, word
from .tables import RawTable
from .validation import Findings, Sources

#: Where an area was named: the table, the row numbers and the areas of its rows.
AreaUses = list[tuple[RawTable, np.ndarray, np.ndarray]]


def status_word(status: str) -> Phrase:
    """A status as the message's language names it (``thực hiện``, ``actual``).

    Parameters
    ----------
    status : str
        ``actual``, ``estimate``, ``target`` or ``derived``.

    Returns
    -------
    Phrase
        Worded by :func:`~dongson_analysis.problems.problem_message`.
    """
    return Phrase(f"validation.status_word.{status}")


@dataclass
class Records:
    """The figures of every table read, as one table, and the way back to each figure's cells.

    Attributes
    ----------
    frame : pandas.DataFrame
        The tidy columns, plus ``canonical``, ``read_otherwise``, ``block`` (the index of the
        figure's table in ``blocks``) and ``position`` (its index among the table's rows).
    blocks : list of ObservationBlock
        The tables, in the order they were read.
    """

    frame: pd.DataFrame
    blocks: list[ObservationBlock]

    @classmethod
    def of(cls, blocks: list[ObservationBlock]) -> Records:
        """The figures of ``blocks``, in the order they were read."""
        blocks = [b for b in blocks if len(b)]
        if not blocks:
            empty = {
                name: np.array([], dtype=NUMBER_COLUMNS.get(name, object)) for name in BLOCK_COLUMNS
            }
            empty |= {"block": np.array([], dtype=np.int64), "position": np.array([], np.int64)}
            frame = pd.DataFrame({k: pd.Series(v, dtype=v.dtype) for k, v in empty.items()})
            return cls(frame, [])
        data = {name: np.concatenate([b.columns[name] for b in blocks]) for name in BLOCK_COLUMNS}
        data["block"] = np.concatenate([np.full(len(b), k) for k, b in enumerate(blocks)])
        data["position"] = np.concatenate([b.positions for b in blocks])
        # object columns stay object columns: pandas would make them (slower) string arrays
        frame = pd.DataFrame(
            {k: pd.Series(v, dtype=object) if v.dtype == object else v for k, v in data.items()}
        )
        return cls(frame, blocks)

    @property
    def empty(self) -> bool:
        return self.frame.empty

    def table(self, i: int) -> RawTable:
        """The table of the figure at index ``i`` of the frame."""
        return self.blocks[int(self.frame["block"].iat[i])].table

    def cell(self, i: int, column: str) -> object:
        """The cell of ``column`` of the figure at index ``i``, as typed."""
        return self.table(i).column(column)[int(self.frame["position"].iat[i])]

    def shown(self, i: int, column: str) -> object:
        """The cell as a message shows it."""
        return shown(self.cell(i, column))

    def where(self, i: int, column: str) -> str:
        """How a message names the cell: ``file:row`` or ``book.xlsx[sheet]!E5``."""
        table = self.table(i)
        return table.where(int(self.frame["row"].iat[i]), table.column_number(column))

    def add(self, findings: Findings, i: int, column: str, code: str, **params: object) -> None:
        findings.add(self.table(i), int(self.frame["row"].iat[i]), column, code, **params)

    def warn(self, findings: Findings, i: int, column: str, code: str, **params: object) -> None:
        findings.warn(self.table(i), int(self.frame["row"].iat[i]), column, code, **params)

    def keep(self, mask: np.ndarray) -> Records:
        return Records(self.frame[mask].reset_index(drop=True), self.blocks)


def same(a: float, b: float) -> bool:
    """Whether two figures are the same number (NaN is the same as NaN).

    Parameters
    ----------
    a, b : float
        The figures.

    Returns
    -------
    bool
        True when equal within a relative 1e-9.
    """
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _groups_with_many(frame: pd.DataFrame, key: list[str], mask: np.ndarray) -> list[np.ndarray]:
    """The indices of the rows of ``mask`` in each group of ``key`` that has more than one, each
    group in the order of the rows.
    """
    rows = frame[mask]
    many = rows.duplicated(key, keep=False).to_numpy()
    if not many.any():
        return []
    rows = rows[many]
    found: dict[tuple, list[int]] = {}
    for i, k in zip(rows.index, rows[key].itertuples(index=False, name=None)):
        found.setdefault(k, []).append(i)
    return [np.asarray(members) for members in found.values()]


# -- rows given twice ---------------------------------------------------------------------------
def drop_repeated_rows(records: Records, findings: Findings) -> Records:
    """Refuse a row that repeats an earlier one; keep the first.

    The same indicator, area, period, status, source and origin twice is a duplicate (at
    the indicator cell) when the values agree, a conflict (at the value cell) when not.

    Parameters
    ----------
    records : Records
        The figures read.
    findings : Findings
        Where the problems go.

    Returns
    -------
    Records
        The figures without the repeated rows.
    """
    if records.empty:
        return records
    frame = records.frame
    key = ["indicator", "area", "period", "status", "source_id", "origin"]
    later = np.zeros(len(frame), dtype=bool)
    for members in _groups_with_many(frame, key, np.ones(len(frame), dtype=bool)):
        first = int(members[0])
        for i in members[1:]:
            i = int(i)
            later[i] = True
            if same(frame["value"].iat[first], frame["value"].iat[i]) and same(
                frame["value_high"].iat[first], frame["value_high"].iat[i]
            ):
                records.add(
                    findings,
                    i,
                    "indicator",
                    "duplicate_row",
                    first=f"{frame['file'].iat[first]}:{frame['row'].iat[first]}",
                )
            else:
                records.add(
                    findings,
                    i,
                    "value",
                    "conflicting_same_source",
                    value=word(records.cell(i, "value")),
                    other=records.shown(first, "value"),
                    where=records.where(first, "value"),
                )
    return records.keep(~later) if later.any() else records


# -- areas --------------------------------------------------------------------------------------
class _AreaNames:
    """Every place an area was named, as one table: each distinct spelling once."""

    def __init__(self, uses: AreaUses, public_tables: set[int]):
        self.tables = [t for t, _, _ in uses]
        self.which = np.concatenate([np.full(len(rows), k) for k, (_, rows, _) in enumerate(uses)])
        self.rows = np.concatenate([rows for _, rows, _ in uses])
        self.codes, self.spellings = pd.factorize(np.concatenate([areas for _, _, areas in uses]))
        self.public = np.array([id(t) in public_tables for t in self.tables], dtype=bool)[
            self.which
        ]
        self.first_at = _first_index(self.codes, len(self.spellings))
        self.index_of = {area: u for u, area in enumerate(self.spellings)}
        self._order = np.argsort(self.codes, kind="stable")
        self._starts = np.searchsorted(self.codes[self._order], np.arange(len(self.spellings) + 1))

    def where(self, i: int) -> str:
        """How a message names the cell of the ``i``-th naming."""
        table = self.tables[self.which[i]]
        return table.where(int(self.rows[i]), table.column_number("area"))

    def places(self, u: int) -> np.ndarray:
        """Where the spelling ``u`` is used, in reading order."""
        return self._order[self._starts[u] : self._starts[u + 1]]


def _known_spellings(
    names: _AreaNames, valid: list[bool], keys: list[str], catalogue: Catalogue, areas_file: Path
) -> dict[str, tuple[str, str]]:
    """For each area (without accents, case or punctuation): its right spelling and where it is
    used (see :func:`check_areas`).
    """
    known: dict[str, tuple[str, str]] = {}
    public_first = _first_index(
        names.codes[names.public], len(names.spellings), np.flatnonzero(names.public)
    )
    for u in sorted(
        (u for u in range(len(names.spellings)) if valid[u] and public_first[u] >= 0),
        key=lambda u: public_first[u],
    ):
        known.setdefault(keys[u], (names.spellings[u], names.where(public_first[u])))
    for area in catalogue.areas:  # where the data use it, else where the catalogue lists it
        row = catalogue.rows.get(("areas.csv", area), 1)
        used = names.index_of.get(area)
        at = names.where(names.first_at[used]) if used is not None else f"{areas_file}:{row}"
        known.setdefault(plain(area), (area, at))
    counts = np.bincount(names.codes, minlength=len(names.spellings))
    by_key: dict[str, Counter[str]] = {}
    for u in np.argsort(names.first_at, kind="stable"):
        if valid[u]:
            by_key.setdefault(keys[u], Counter())[names.spellings[u]] = int(counts[u])
    for key, found in by_key.items():
        if key and key not in known:
            area = found.most_common(1)[0][0]
            known[key] = (area, names.where(names.first_at[names.index_of[area]]))
    return known


def check_areas(
    uses: AreaUses, public_tables: set[int], catalogue: Catalogue, findings: Findings
) -> None:
    """Area ids: written as ids, the same area always written the same way, and in the
    catalogue.

    The way an area is written is taken from the public record first, then from the
    catalogue's ``areas.csv`` (cited where the data use it, else at its row there), then
    from the way most rows write it; another way of writing it is refused with the right
    one and where it is used. An id that is not in the catalogue is refused with the
    closest ids it holds.

    Parameters
    ----------
    uses : list of (RawTable, numpy.ndarray, numpy.ndarray)
        For each table, the rows and areas it names, in reading order.
    public_tables : set of int
        ``id()`` of the public record's tables.
    catalogue : Catalogue
        The areas.
    findings : Findings
        Where the problems go.
    """
    uses = [u for u in uses if len(u[1])]
    if not uses:
        return
    names = _AreaNames(uses, public_tables)
    valid = [bool(AREA_ID.fullmatch(a)) for a in names.spellings]
    keys = [plain(a) for a in names.spellings]
    areas_file = catalogue.folder / "areas.csv" if catalogue.folder else Path("areas.csv")
    known = _known_spellings(names, valid, keys, catalogue, areas_file)
    for u, area in enumerate(names.spellings):
        key = keys[u]
        if key and key in known and known[key][0] != area:
            code = "area_spelling"
            params = {"value": area, "known": known[key][0], "where": known[key][1]}
        elif not valid[u]:
            code, params = "area_not_id", {"value": area, "slug": slug(area) or "dong_son"}
        elif area not in catalogue.areas:
            code = "area_not_in_catalogue"
            params = {
                "value": area,
                "closest": ", ".join(closest_ids(area, list(catalogue.areas))) or "-",
                "catalogue": str(areas_file),
            }
        else:
            continue
        for i in names.places(u):
            findings.add(names.tables[names.which[i]], int(names.rows[i]), "area", code, **params)


def _first_index(codes: np.ndarray, n: int, index: np.ndarray | None = None) -> np.ndarray:
    """For each code below ``n``, the first position (or ``index`` of it) where it occurs; -1."""
    first = np.full(n, -1, dtype=np.int64)
    found, at = np.unique(codes, return_index=True)
    first[found] = at if index is None else index[at]
    return first


# -- the plans' sources -------------------------------------------------------------------------
def check_plan_sources(
    catalogue: Catalogue, sources: Sources, paths: Sequence[Path | str], findings: Findings
) -> None:
    """Every source the catalogue's ``plans.csv`` lists is declared in a sources table.

    Checked when the catalogue is among the data checked (``validate data/``): a planner's
    folder checked alone does not hold the sources of the shipped plans. A source that is
    declared nowhere but is close to a declared one (``S2`` beside ``S02``) is a typo, named
    at its cell with the closest declared id; one close to none belongs to plans of another
    office (a copied catalogue) and is passed over.

    Parameters
    ----------
    catalogue : Catalogue
        The plans.
    sources : Sources
        The sources declared.
    paths : sequence of path
        The paths checked.
    findings : Findings
        Where the problems go.
    """
    if catalogue.folder is None or not catalogue.plans:
        return
    folder = Path(catalogue.folder).resolve()
    if not any(_inside(folder, Path(p)) for p in paths):
        return
    path = Path(catalogue.folder) / "plans.csv"
    column = catalogue.column_number("plans.csv", "sources")
    for plan in catalogue.plans.values():
        row = catalogue.rows.get(("plans.csv", plan.id), 1)
        for source in plan.sources:
            close = hint(source, sources.declared) if source not in sources else ""
            if close:  # a source of another office's plans, declared nowhere here, is no typo
                findings.problems.append(
                    Problem(
                        str(path),
                        row,
                        column,
                        "plan_unknown_source",
                        {"value": source, "plan": plan.id, "hint": close},
                    )
                )


def _inside(folder: Path, path: Path) -> bool:
    try:
        resolved = path.resolve()
    except OSError:
        return False
    return resolved.is_dir() and (folder == resolved or resolved in folder.parents)


# -- targets ------------------------------------------------------------------------------------
def plans_of(records: Records, catalogue: Catalogue) -> np.ndarray:
    """The plan each target belongs to.

    Parameters
    ----------
    records : Records
        The figures read.
    catalogue : Catalogue
        The plans (:meth:`~dongson_analysis.catalogue.Catalogue.plan_for`).

    Returns
    -------
    numpy.ndarray of str
        The plan id of each target; "" for a row that is no target.
    """
    frame = records.frame
    target = (frame["effective_status"] == "target").to_numpy()
    plans = np.full(len(frame), "", dtype=object)
    if not target.any():
        return plans
    rows = frame.loc[target, ["source_id", "period_start", "period_end", "half"]]
    found: dict[tuple, str] = {}
    plans[target] = [
        found.setdefault(k, catalogue.plan_for(k[0], int(k[1]), int(k[2]), int(k[3])).id)
        for k in rows.itertuples(index=False, name=None)
    ]
    return plans


def superseded(records: Records, plans: np.ndarray) -> np.ndarray:
    """The public record's rows that a planner's row replaces (see the module docstring).

    Parameters
    ----------
    records : Records
        The figures read.
    plans : numpy.ndarray
        The plan of each target (:func:`plans_of`).

    Returns
    -------
    numpy.ndarray of bool
        True for each replaced row.
    """
    frame = records.frame
    if frame.empty:
        return np.zeros(0, dtype=bool)
    target = (frame["effective_status"] == "target").to_numpy()
    planner = frame["origin"].eq("planner")
    figures = frame.assign(p=planner, target=target)
    key = ["indicator", "area", "period", "status"]
    by_figure = figures[~target].groupby(key, sort=False)["p"].transform("any")
    targets = figures[target].assign(plan=plans[target])
    by_target = targets.groupby(["canonical", "area", "period", "plan"], sort=False)["p"].transform(
        "any"
    )
    has_planner = pd.concat([by_figure, by_target]).reindex(frame.index).fillna(False)
    return (has_planner.astype(bool) & frame["origin"].eq("public_record")).to_numpy()


def check_targets(
    records: Records, plans: np.ndarray, replaced: np.ndarray, findings: Findings
) -> None:
    """Warn about two different targets for the same indicator, area, period and plan.

    Both would be judged; the same target stated by two sources is counted once and is
    not warned about.

    Parameters
    ----------
    records : Records
        The figures read.
    plans : numpy.ndarray
        The plan of each target.
    replaced : numpy.ndarray of bool
        The rows a planner's row replaces (left out).
    findings : Findings
        Where the warnings go.
    """
    frame = records.frame
    if frame.empty:
        return
    target = (frame["effective_status"] == "target").to_numpy() & ~replaced
    keyed = frame.assign(plan=plans)
    for members in _groups_with_many(keyed, ["canonical", "area", "period", "plan"], target):
        first = int(members[0])
        for i in (int(i) for i in members[1:]):
            if (
                same(frame["value"].iat[first], frame["value"].iat[i])
                and same(frame["value_high"].iat[first], frame["value_high"].iat[i])
                and frame["qualifier"].iat[first] == frame["qualifier"].iat[i]
            ):
                continue  # the same target stated twice (by two sources): counted once
            records.warn(
                findings,
                i,
                "value",
                "duplicate_target",
                value=records.shown(i, "value"),
                other=records.shown(first, "value"),
                where=records.where(first, "value"),
                indicator=frame["indicator"].iat[i],
                period=frame["period"].iat[i],
                plan=plans[i],
            )


def check_zero_targets(
    records: Records, catalogue: Catalogue, replaced: np.ndarray, findings: Findings
) -> None:
    """Warn about a target of 0 for an indicator whose higher values are better.

    Any figure meets it ("met early"); a target capped from above (``at_most``,
    ``less_than``) is a real one.

    Parameters
    ----------
    records : Records
        The figures read.
    catalogue : Catalogue
        The indicators' directions.
    replaced : numpy.ndarray of bool
        The rows a planner's row replaces (left out).
    findings : Findings
        Where the warnings go.
    """
    frame = records.frame
    if frame.empty:
        return
    zero = (
        (frame["effective_status"] == "target").to_numpy()
        & (frame["value"].to_numpy() == 0)
        & np.isnan(frame["value_high"].to_numpy())
        & ~frame["qualifier"].isin(CEILING_QUALIFIERS).to_numpy()
        & ~replaced
    )
    for i in np.flatnonzero(zero):
        if catalogue.indicators[frame["indicator"].iat[i]].direction != "higher":
            continue
        records.warn(
            findings,
            int(i),
            "value",
            "target_zero",
            value=records.shown(int(i), "value"),
            indicator=frame["indicator"].iat[i],
            period=frame["period"].iat[i],
        )


# -- figures that disagree ----------------------------------------------------------------------
def check_conflicts(records: Records, findings: Findings) -> None:
    """Warn about two actual (or estimated) figures of the same indicator, area, period and
    origin that disagree (from two sources: the same source twice is refused earlier).

    Parameters
    ----------
    records : Records
        The figures read.
    findings : Findings
        Where the warnings go.
    """
    frame = records.frame
    if frame.empty:
        return
    figures = frame["effective_status"].isin(FIGURE_STATUSES).to_numpy()
    key = ["indicator", "area", "period", "effective_status", "origin"]
    for members in _groups_with_many(frame, key, figures):
        first = int(members[0])
        for i in (int(i) for i in members[1:]):
            if same(frame["value"].iat[first], frame["value"].iat[i]) and same(
                frame["value_high"].iat[first], frame["value_high"].iat[i]
            ):
                continue
            records.warn(
                findings,
                i,
                "value",
                "conflicting_figures",
                value=records.shown(i, "value"),
                other=records.shown(first, "value"),
                where=records.where(first, "value"),
            )


def check_as_of(records: Records, as_of_year: int | None, findings: Findings) -> None:
    """Warn about an actual (or estimate) dated after the current year.

    Parameters
    ----------
    records : Records
        The figures read.
    as_of_year : int or None
        The current year (None: nothing is checked against the clock).
    findings : Findings
        Where the warnings go.
    """
    frame = records.frame
    if as_of_year is None or frame.empty:
        return
    late = frame["effective_status"].isin(FIGURE_STATUSES).to_numpy() & (
        frame["period_end"].to_numpy() > as_of_year
    )
    for i in np.flatnonzero(late):
        records.warn(
            findings,
            int(i),
            "period",
            "actual_after_as_of",
            period=frame["period"].iat[i],
            year=as_of_year,
            status=status_word(frame["effective_status"].iat[i]),
        )


# -- definition changes -------------------------------------------------------------------------
def check_national_breaks(
    records: Records, breaks: list[dict[str, object]], catalogue: Catalogue, findings: Findings
) -> None:
    """Warn about a planner's series that runs across a national definition change the
    catalogue knows of (``national_breaks``) while no series-breaks table read records it.

    Parameters
    ----------
    records : Records
        The figures read.
    breaks : list of dict
        The series breaks read.
    catalogue : Catalogue
        The indicators' national breaks.
    findings : Findings
        Where the warnings go (at the first figure after the change, in each area).
    """
    frame = records.frame
    if frame.empty:
        return
    recorded = {
        (catalogue.canonical(str(b["indicator"])), int(b["from_year"]))  # type: ignore[call-overload]
        for b in breaks
    }
    for indicator in catalogue:
        canonical = catalogue.canonical(indicator.id)
        for year in indicator.national_breaks:
            if (canonical, year) in recorded:
                continue
            rows = frame[
                (frame["canonical"] == canonical) & frame["effective_status"].isin(FIGURE_STATUSES)
            ]
            for area, series in rows.groupby("area", sort=False):
                before = series["period_end"] < year
                after = series["period_start"] >= year
                if not (before.any() and after.any()) or not series["origin"].eq("planner").any():
                    continue
                i = int(series[after].sort_values(["period_start", "row"]).index[0])
                records.warn(
                    findings,
                    i,
                    "period",
                    "national_break_missing",
                    indicator=indicator.id,
                    area=area,
                    year=year,
                )
