"""Loading and validating observations: the public record and planners' own figures.

The one call most users need is :func:`load_observations`; it returns the tidy
table described in :data:`OBSERVATION_COLUMNS`. :func:`validate_paths` returns every
problem instead of raising on the first file.

Merging rule
------------
Planners' rows and the public record live side by side, each with its ``origin``.
When a planner's row and a public-record row give a value for the same indicator,
area, period and status, the planner's row is used (it comes from the statistical
yearbook or an official report) and the public-record row is kept, marked
``superseded``. :func:`select_series` applies the rule when building a series.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from .catalogue import Catalogue, catalogue
from .numbers import evidence, parse_number, readings
from .paths import data_dir, planner_dir, public_record_dir
from .periods import Period, PeriodError, parse_period
from .problems import Problem, ValidationError, column_letter
from .tables import RawTable, read_tables

OBSERVATION_REQUIRED: tuple[str, ...] = ("area", "indicator", "unit", "period", "value", "status", "source_id")
OBSERVATION_OPTIONAL: tuple[str, ...] = ("value_high", "quote", "note", "derived_status", "period_inferred", "qualifier")
SOURCE_COLUMNS: tuple[str, ...] = ("source_id", "publisher", "published", "url", "what_it_covers")
STATUSES: tuple[str, ...] = ("actual", "estimate", "target", "derived")
STATUS_ALIASES: dict[str, str] = {
    "thực hiện": "actual", "số thực hiện": "actual", "ước": "estimate", "ước tính": "estimate",
    "ước thực hiện": "estimate", "kế hoạch": "target", "mục tiêu": "target", "chỉ tiêu": "target",
    "suy ra": "derived",
}
QUALIFIERS: tuple[str, ...] = ("", "at_least", "more_than", "at_most", "less_than", "approximate")
TRUE_TEXTS = ("true", "yes", "1", "có", "x")
FALSE_TEXTS = ("", "false", "no", "0", "không")

#: Columns of the tidy observation table, with their dtypes and meaning.
OBSERVATION_COLUMNS: dict[str, tuple[str, str]] = {
    "indicator": ("string", "catalogue id"),
    "area": ("string", "area id, e.g. dong_son"),
    "period": ("string", "normalised period text: 2019, 2020H1 or 2016-2020"),
    "period_type": ("string", "year, half_year or range"),
    "period_start": ("Int64", "first calendar year"),
    "period_end": ("Int64", "last calendar year"),
    "half": ("Int64", "0, or 1/2 for a half-year"),
    "value": ("float64", "value in the catalogue unit"),
    "value_high": ("float64", "upper end of a range (NaN if a single value)"),
    "unit": ("string", "catalogue unit"),
    "unit_as_given": ("string", "unit written in the file"),
    "unit_factor": ("float64", "factor applied: value = value_as_given * unit_factor"),
    "status": ("string", "actual, estimate (ước), target or derived"),
    "derived_status": ("string", "for derived rows: what the value stands for (actual, estimate, target)"),
    "qualifier": ("string", "at_least, more_than, at_most, less_than, approximate or empty"),
    "period_inferred": ("bool", "the source does not state the year; it was inferred"),
    "source_id": ("string", "id in a sources table"),
    "quote": ("string", "words of the source"),
    "note": ("string", "transcriber's note"),
    "origin": ("string", "public_record or planner"),
    "file": ("string", "file the row came from"),
    "row": ("Int64", "row number in that file"),
    "kind": ("string", "indicator kind from the catalogue"),
    "superseded": ("bool", "a planner's row gives a value for the same indicator, area, period and status"),
}


@dataclass
class ValidationReport:
    """Result of :func:`validate_paths`."""

    problems: list[Problem] = field(default_factory=list)
    observations: pd.DataFrame | None = None
    sources: pd.DataFrame | None = None
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _files(paths: Iterable[Path | str]) -> tuple[list[Path], list[Problem]]:
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".csv", ".xlsx")
                            and not p.name.startswith(("~$", ".")))
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no_files"))
    return found, problems


def _role(table: RawTable) -> str:
    header = set(table.header)
    if "publisher" in header:
        return "sources"
    if {"name_vi", "kind"} <= header:
        return "catalogue"
    if {"dimension", "scale"} <= header:
        return "units"
    return "observations"


def _text(value: object) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _is_public_record(path: Path) -> bool:
    try:
        path.resolve().relative_to(public_record_dir().resolve())
        return True
    except ValueError:
        return False


class _Validator:
    def __init__(self, cat: Catalogue):
        self.cat = cat
        self.problems: list[Problem] = []
        self.sources: dict[str, tuple[str, int]] = {}
        self.source_rows: list[dict[str, object]] = []
        self.records: list[dict[str, object]] = []
        self.keys: dict[tuple, str] = {}

    def add(self, table: RawTable, row: int, at: str | int, code: str, /, **params: object) -> None:
        col = at if isinstance(at, int) else table.column_number(at)
        self.problems.append(Problem(table.file, row, col, code, params))

    def check_header(self, table: RawTable, required: tuple[str, ...], optional: tuple[str, ...]) -> bool:
        seen: set[str] = set()
        ok = True
        for i, name in enumerate(table.header, start=1):
            if name in seen:
                self.add(table, table.header_row, i, "duplicate_column", column=name)
                ok = False
            seen.add(name)
            if name not in required and name not in optional:
                self.add(table, table.header_row, i, "extra_columns", column=name or f"({column_letter(i)})",
                         allowed=", ".join(required + optional))
                ok = False
        missing = [c for c in required if c not in seen]
        if missing:
            self.add(table, table.header_row, len(table.header) + 1, "missing_columns",
                     columns=", ".join(missing), required=", ".join(required))
            ok = False
        if ok and not table.rows:
            self.add(table, table.header_row, 1, "header_only")
            ok = False
        return ok

    def read_sources(self, table: RawTable) -> None:
        if not table.rows and set(SOURCE_COLUMNS) <= set(table.header):
            return  # an empty sources table is fine: the figures may all cite the public record
        if not self.check_header(table, SOURCE_COLUMNS, ()):
            return
        for row, cells in table.rows:
            source_id = _text(table.cell(cells, "source_id"))
            if not source_id:
                self.add(table, row, "source_id", "missing_source")
            elif source_id in self.sources:
                first_file, first_row = self.sources[source_id]
                self.add(table, row, "source_id", "duplicate_source", value=source_id,
                         first=f"{first_file}:{first_row}")
            else:
                self.sources[source_id] = (table.file, row)
                self.source_rows.append({c: _text(table.cell(cells, c)) for c in SOURCE_COLUMNS})

    def number_format(self, table: RawTable) -> str | None:
        if table.number_format:
            return table.number_format
        first_seen: dict[str, tuple[int, str, str]] = {}
        for row, cells in table.rows:
            for column in ("value", "value_high"):
                if column not in table.header:
                    continue
                cell = table.cell(cells, column)
                fmt = evidence(cell) if isinstance(cell, str) else None
                if fmt is None:
                    continue
                if fmt not in first_seen:
                    first_seen[fmt] = (row, column, cell)
                other = "en" if fmt == "vi" else "vi"
                if other in first_seen:
                    orow, ocol, otext = first_seen[other]
                    self.add(table, row, column, "mixed_number_format", value=cell, this_format=fmt,
                             other=f"'{otext}' ({column_letter(table.column_number(ocol))}{orow})",
                             other_format=other)
                    return None
        return next(iter(first_seen)) if len(first_seen) == 1 else None

    def number(self, table: RawTable, row: int, column: str, cell: object, fmt: str | None,
               required: bool) -> float | None:
        if isinstance(cell, float):
            return cell
        text = str(cell).strip()
        if not text:
            if required:
                self.add(table, row, column, "missing_value")
            return None
        try:
            return parse_number(text, fmt)  # type: ignore[arg-type]
        except ValueError as err:
            code = str(err)
            params: dict[str, object] = {"value": text}
            if code == "ambiguous_number":
                params["readings"] = " · ".join(f"{k} → {v:g}" for k, v in readings(text).items())
            if code == "number_format_mismatch":
                params["declared"] = fmt
            self.add(table, row, column, code, **params)
            return None

    def read_observations(self, table: RawTable, origin: str) -> None:
        if not self.check_header(table, OBSERVATION_REQUIRED, OBSERVATION_OPTIONAL):
            return
        fmt = self.number_format(table)
        for row, cells in table.rows:
            self.read_row(table, row, cells, fmt, origin)

    def flag(self, table: RawTable, row: int, column: str, cells: list[object],
             allowed: tuple[str, ...]) -> str | None:
        if column not in table.header:
            return ""
        value = _text(table.cell(cells, column)).lower()
        if value not in allowed:
            self.add(table, row, column, "bad_flag", value=value, column=column,
                     allowed=", ".join(a or "(empty)" for a in allowed))
            return None
        return value

    def read_row(self, table: RawTable, row: int, cells: list[object], fmt: str | None, origin: str) -> None:
        get = lambda column: _text(table.cell(cells, column))  # noqa: E731
        before = len(self.problems)
        area = get("area")
        if not area:
            self.add(table, row, "area", "missing_area")
        indicator_id = get("indicator")
        indicator = self.cat.indicators.get(indicator_id)
        if indicator is None:
            close = difflib.get_close_matches(indicator_id, list(self.cat.indicators), n=1)
            hint = f" Did you mean '{close[0]}'? / Có phải '{close[0]}'?" if close else ""
            self.add(table, row, "indicator", "unknown_indicator", value=indicator_id, hint=hint)
        status_text = get("status")
        status = STATUS_ALIASES.get(status_text.lower(), status_text.lower())
        if status not in STATUSES:
            self.add(table, row, "status", "unknown_status", value=status_text, allowed=", ".join(STATUSES))
        period: Period | None = None
        try:
            period = parse_period(table.cell(cells, "period"))  # type: ignore[arg-type]
        except PeriodError as err:
            self.add(table, row, "period", err.code, **err.params)
        value = self.number(table, row, "value", table.cell(cells, "value"), fmt, required=True)
        value_high = math.nan
        if "value_high" in table.header:
            high = self.number(table, row, "value_high", table.cell(cells, "value_high"), fmt, required=False)
            value_high = math.nan if high is None else high
        source_id = get("source_id")
        if not source_id:
            self.add(table, row, "source_id", "missing_source")
        elif source_id not in self.sources:
            self.add(table, row, "source_id", "unknown_source", value=source_id)
        derived_status = self.flag(table, row, "derived_status", cells, ("",) + STATUSES[:3])
        qualifier = self.flag(table, row, "qualifier", cells, QUALIFIERS)
        inferred_text = self.flag(table, row, "period_inferred", cells, TRUE_TEXTS + FALSE_TEXTS)
        unit_given = get("unit")
        factor = 1.0
        if indicator is not None:
            conv = self.cat.conversion_factor(unit_given, indicator.unit)
            if conv is None:
                others = [u for u in self.cat.convertible_units(indicator.unit) if u != indicator.unit]
                self.add(table, row, "unit", "unit_mismatch", unit=unit_given, expected=indicator.unit,
                         indicator=indicator.id,
                         alternatives=(" / " + ", ".join(f"'{u}'" for u in others)) if others else "")
            else:
                factor = conv
        if value is not None and not math.isnan(value_high) and value_high < value:
            self.add(table, row, "value_high", "range_inverted", low=get("value"), high=get("value_high"))
        if indicator is not None and value is not None:
            for column, number in (("value", value * factor), ("value_high", value_high * factor)):
                if math.isnan(number):
                    continue
                unit_label = self.cat.unit_label(indicator.unit, "en")
                if indicator.has_upper_bound and number > indicator.upper_bound:
                    self.add(table, row, column, "above_bound", value=f"{number:g}",
                             bound=f"{indicator.upper_bound:g}", indicator=indicator.id, unit=unit_label)
                if not math.isnan(indicator.lower_bound) and number < indicator.lower_bound:
                    self.add(table, row, column, "below_bound", value=f"{number:g}",
                             bound=f"{indicator.lower_bound:g}", indicator=indicator.id, unit=unit_label)
        if len(self.problems) > before or period is None or value is None or indicator is None:
            return
        key = (indicator_id, area, str(period), status, source_id)
        where = f"{table.file}:{row}"
        if key in self.keys:
            self.add(table, row, "indicator", "duplicate_row", first=self.keys[key])
            return
        self.keys[key] = where
        self.records.append({
            "indicator": indicator_id, "area": area, "period": str(period), "period_type": period.type,
            "period_start": period.start, "period_end": period.end, "half": period.half,
            "value": value * factor, "value_high": value_high * factor, "unit": indicator.unit,
            "unit_as_given": unit_given, "unit_factor": factor, "status": status,
            "derived_status": derived_status or "", "qualifier": qualifier or "",
            "period_inferred": (inferred_text or "") in TRUE_TEXTS and bool(inferred_text),
            "source_id": source_id, "quote": get("quote") if "quote" in table.header else "",
            "note": get("note") if "note" in table.header else "", "origin": origin,
            "file": table.file, "row": row, "kind": indicator.kind,
        })


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _tidy(records: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=list(OBSERVATION_COLUMNS))
    if frame.empty:
        frame["superseded"] = pd.Series(dtype=bool)
    else:
        key = ["indicator", "area", "period", "status"]
        has_planner = frame.assign(p=frame["origin"].eq("planner")).groupby(key)["p"].transform("any")
        frame["superseded"] = has_planner & frame["origin"].eq("public_record")
    frame = frame.astype({c: dtype for c, (dtype, _) in OBSERVATION_COLUMNS.items()})
    order = ["indicator", "area", "period_start", "period_end", "half", "status", "origin", "source_id"]
    return frame.sort_values(order, kind="stable").reset_index(drop=True)


def default_paths() -> list[Path]:
    """The public record and, if present, the planners' folder."""
    paths = [public_record_dir()]
    if planner_dir().exists():
        paths.append(planner_dir())
    return paths


def validate_paths(paths: Iterable[Path | str] | None = None, cat: Catalogue | None = None) -> ValidationReport:
    """Validate files and folders; return every problem and, if none, the tidy tables.

    Folders are searched for ``.csv`` and ``.xlsx`` files. A file's role is read from
    its header: sources tables have a ``publisher`` column, the catalogue and unit
    tables their own columns, anything else is an observations table. The public
    record's sources are always known, so planners' rows may cite them.
    """
    files, problems = _files(default_paths() if paths is None else paths)
    report = ValidationReport(problems=problems)
    validator = _Validator(cat or catalogue())
    tables: list[tuple[Path, RawTable]] = []
    for path in files:
        report.files.append(_display(path))
        for table in read_tables(path, _display(path)):
            if table.problems:
                validator.problems.extend(table.problems)
            else:
                tables.append((path, table))
    if not files and not problems:
        report.problems.append(Problem(",".join(map(str, paths or [])), 1, 1, "no_files"))
    public_sources = public_record_dir() / "sources.csv"
    if public_sources.exists() and public_sources.resolve() not in {p.resolve() for p in files}:
        validator.read_sources(read_tables(public_sources, _display(public_sources))[0])
    roles = [(path, table, _role(table)) for path, table in tables]
    for path, table, role in roles:
        if role == "sources":
            validator.read_sources(table)
        elif role in ("catalogue", "units"):
            try:
                Catalogue.from_folder(path.parent)
            except ValueError as err:
                validator.problems.append(Problem(table.file, 1, 1, "not_a_workbook", {"detail": str(err)}))
    for path, table, role in roles:
        if role == "observations":
            validator.read_observations(table, "public_record" if _is_public_record(path) else "planner")
    report.problems.extend(validator.problems)
    report.sources = pd.DataFrame(validator.source_rows, columns=list(SOURCE_COLUMNS)).astype("string")
    report.observations = _tidy(validator.records)
    return report


def load_observations(paths: Iterable[Path | str] | None = None) -> pd.DataFrame:
    """Load, validate and tidy observations.

    Parameters
    ----------
    paths : iterable of path, optional
        Files or folders. By default the public record (``data/raw/public_record``)
        and the planners' folder (``data/planner``).

    Returns
    -------
    pandas.DataFrame
        One row per observation, with the columns of :data:`OBSERVATION_COLUMNS`,
        sorted by indicator, area and period.

    Raises
    ------
    ValidationError
        If any file has a problem; ``err.problems`` lists them all.
    """
    report = validate_paths(paths)
    if not report.ok:
        raise ValidationError(report.problems)
    assert report.observations is not None
    return report.observations


def load_sources(paths: Iterable[Path | str] | None = None) -> pd.DataFrame:
    """The sources tables found in ``paths`` (by default the public record's)."""
    report = validate_paths(paths)
    if not report.ok:
        raise ValidationError(report.problems)
    assert report.sources is not None
    return report.sources


ANALYSIS_PRECEDENCE: tuple[tuple[str, str], ...] = (
    ("actual", "planner"), ("actual", "public_record"),
    ("estimate", "planner"), ("estimate", "public_record"),
)


def select_series(observations: pd.DataFrame, indicator: str, area: str = "dong_son",
                  period_type: str = "year") -> pd.DataFrame:
    """One value per period for analysis: actuals before estimates, planners before the public record.

    Derived rows count with the status they stand for (``derived_status``).
    Targets are never part of a series. Returns the chosen rows, sorted by year.
    """
    rows = observations[(observations["indicator"] == indicator) & (observations["area"] == area)
                        & (observations["period_type"] == period_type)].copy()
    rows["effective_status"] = rows["status"].where(rows["status"] != "derived", rows["derived_status"])
    rank = {key: i for i, key in enumerate(ANALYSIS_PRECEDENCE)}
    rows["rank"] = [rank.get((s, o), len(rank)) for s, o in zip(rows["effective_status"], rows["origin"])]
    rows = rows[rows["rank"] < len(rank)]
    chosen = rows.sort_values(["period_start", "half", "rank"], kind="stable").groupby(
        ["period_start", "half"], as_index=False).head(1)
    return chosen.drop(columns=["rank"]).reset_index(drop=True)


def flagged_periods(rows: pd.DataFrame) -> dict[str, list[str]]:
    """Periods of the rows that carry a caveat: estimates, derived values, inferred years, approximations."""
    return {
        "estimate": rows.loc[rows["status"] == "estimate", "period"].tolist(),
        "derived": rows.loc[rows["status"] == "derived", "period"].tolist(),
        "inferred": rows.loc[rows["period_inferred"], "period"].tolist(),
        "approximate": rows.loc[rows["qualifier"] == "approximate", "period"].tolist(),
    }


def data_summary(observations: pd.DataFrame) -> pd.DataFrame:
    """Counts of observations by indicator and status, for a quick look."""
    table = observations.pivot_table(index="indicator", columns="status", values="value",
                                     aggfunc="count", fill_value=0)
    return table.reindex(columns=list(STATUSES), fill_value=0).astype(int)


__all__ = [
    "OBSERVATION_COLUMNS", "ValidationReport", "validate_paths", "load_observations", "load_sources",
    "select_series", "data_summary", "default_paths", "data_dir", "flagged_periods",
]
