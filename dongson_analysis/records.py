"""Loading and validating input tables: observations, sources and series breaks.

:func:`validate_paths` reads every ``.csv`` and ``.xlsx`` file in the given files
and folders against a catalogue and returns a :class:`ValidationReport`: every
problem (with file, row and column), every warning, and — when there is no
problem — the tidy tables (:data:`OBSERVATION_COLUMNS`, :data:`SOURCE_COLUMNS`,
:data:`BREAK_COLUMNS`). :func:`load_observations` raises instead.

A table's role is read from its header: a sources table has a ``publisher``
column, a breaks table a ``from_year`` column, the catalogue's tables their own
columns (they are skipped here: the catalogue is read by
:func:`dongson_analysis.catalogue.load_catalogue`); anything else holds observations.

Origin and precedence
---------------------
Files inside a folder named ``public_record`` are the transcribed public record;
every other file is the planners' own. When a planner's row and a public-record
row give a value for the same indicator, area, period and status, the planner's
row is used (it comes from the statistical yearbook or an official report) and
the public-record row is kept, marked ``superseded``. A source may be declared in
several sources tables if every declaration says the same.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from .catalogue import CATALOGUE_FILES, Catalogue
from .numbers import evidence, parse_number, readings
from .periods import Period, PeriodError, parse_period
from .problems import Phrase, Problem, ValidationError, column_letter
from .tables import RawTable, read_tables

OBSERVATION_REQUIRED: tuple[str, ...] = ("area", "indicator", "unit", "period", "value", "status", "source_id")
OBSERVATION_OPTIONAL: tuple[str, ...] = ("value_high", "quote", "note", "derived_status", "period_inferred", "qualifier")
SOURCE_COLUMNS: tuple[str, ...] = ("source_id", "publisher", "published", "url", "what_it_covers")
BREAK_REQUIRED: tuple[str, ...] = ("area", "indicator", "from_year", "break_kind", "source_id")
BREAK_OPTIONAL: tuple[str, ...] = ("quote", "note")
STATUSES: tuple[str, ...] = ("actual", "estimate", "target", "derived")
#: Vietnamese words accepted for each status (case and accents as planners write them).
STATUS_ALIASES: dict[str, str] = {
    "thực hiện": "actual", "số thực hiện": "actual", "ước": "estimate", "ước tính": "estimate",
    "ước thực hiện": "estimate", "kế hoạch": "target", "mục tiêu": "target", "chỉ tiêu": "target",
    "suy ra": "derived",
}
QUALIFIERS: tuple[str, ...] = ("", "at_least", "more_than", "at_most", "less_than", "approximate", "nearly")
#: Qualifiers of a figure that is not exact ("khoảng", "gần").
INEXACT_QUALIFIERS: tuple[str, ...] = ("approximate", "nearly")
BREAK_KINDS: tuple[str, ...] = ("poverty_line", "boundary", "price_base", "definition")
TRUE_TEXTS = ("true", "yes", "1", "có", "x")
FALSE_TEXTS = ("", "false", "no", "0", "không")
PUBLIC_RECORD_FOLDER = "public_record"
PLANNER_FOLDER = "planner"

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
    "effective_status": ("string", "status, or for derived rows the status they stand for"),
    "qualifier": ("string", "at_least (trở lên), more_than (trên), at_most, less_than, approximate (khoảng), "
                            "nearly (gần) or empty"),
    "period_inferred": ("bool", "the source does not state the year; it was inferred"),
    "source_id": ("string", "id in a sources table"),
    "quote": ("string", "words of the source"),
    "note": ("string", "transcriber's note"),
    "origin": ("string", "public_record or planner"),
    "file": ("string", "file the row came from, as named on the command line"),
    "row": ("Int64", "row number in that file"),
    "kind": ("string", "indicator kind from the catalogue"),
    "superseded": ("bool", "a planner's row gives a value for the same indicator, area, period and status"),
}
#: Columns of the series-breaks table.
BREAK_COLUMNS: dict[str, tuple[str, str]] = {
    "indicator": ("string", "catalogue id"),
    "area": ("string", "area id, or empty for every area (a national definition)"),
    "from_year": ("Int64", "first year measured under the new definition"),
    "break_kind": ("string", "poverty_line, boundary, price_base or definition"),
    "source_id": ("string", "id in a sources table"),
    "quote": ("string", "words of the source"),
    "note": ("string", "transcriber's note"),
}


@dataclass
class ValidationReport:
    """Result of :func:`validate_paths`.

    ``problems`` stop a run; ``warnings`` are shown and the run goes on. The
    tables are filled only when there is no problem.
    """

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    observations: pd.DataFrame | None = None
    sources: pd.DataFrame | None = None
    breaks: pd.DataFrame | None = None
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def find_files(paths: Iterable[Path | str]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """The data files in ``paths``, each with its name as the user would write it.

    A folder is searched recursively for ``.csv`` and ``.xlsx`` files; a file
    inside it is named by the folder as given plus its path inside the folder,
    so names never depend on the working directory.
    """
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".csv", ".xlsx")
                            and not p.name.startswith(("~$", ".")))
            found.extend((p, str(Path(raw) / p.relative_to(path))) for p in inside)
        elif path.exists():
            found.append((path, str(raw)))
        else:
            problems.append(Problem(str(raw), 1, 1, "no_files"))
    return found, problems


def find_catalogues(paths: Iterable[Path | str]) -> list[Path]:
    """Folders among (or inside) ``paths`` that hold a catalogue (``indicators.csv`` and ``units.csv``)."""
    folders: list[Path] = []
    for raw in paths:
        path = Path(raw)
        candidates = [path] + sorted(p for p in path.rglob("*") if p.is_dir()) if path.is_dir() else []
        for folder in candidates:
            if all((folder / name).is_file() for name in CATALOGUE_FILES) and folder not in folders:
                folders.append(folder)
    return folders


def _role(table: RawTable) -> str:
    header = set(table.header)
    if "publisher" in header:
        return "sources"
    if "from_year" in header:
        return "breaks"
    if {"name_vi", "kind"} <= header or {"dimension", "scale"} <= header or {"plan", "first_year"} <= header:
        return "catalogue"
    return "observations"


def _text(value: object) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def origin_of(path: Path) -> str:
    """``public_record`` for files inside a folder of that name, else ``planner``."""
    return "public_record" if PUBLIC_RECORD_FOLDER in path.parts else "planner"


class _Validator:
    def __init__(self, cat: Catalogue):
        self.cat = cat
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.sources: dict[str, tuple[str, int, tuple[str, ...]]] = {}
        self.source_rows: list[dict[str, object]] = []
        self.records: list[dict[str, object]] = []
        self.break_rows: list[dict[str, object]] = []
        self.keys: dict[tuple, str] = {}

    def add(self, table: RawTable, row: int, at: str | int, code: str, /, **params: object) -> None:
        col = at if isinstance(at, int) else table.column_number(at)
        self.problems.append(table.problem(row, col, code, **params))

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

    # -- sources ----------------------------------------------------------------------
    def read_sources(self, table: RawTable) -> None:
        if not table.rows and set(SOURCE_COLUMNS) <= set(table.header):
            return  # an empty sources table is fine: the figures may all cite other tables' sources
        if not self.check_header(table, SOURCE_COLUMNS, ()):
            return
        for row, cells in table.rows:
            source_id = _text(table.cell(cells, "source_id"))
            fields = tuple(_text(table.cell(cells, c)) for c in SOURCE_COLUMNS)
            if not source_id:
                self.add(table, row, "source_id", "missing_source")
            elif source_id in self.sources:
                first_file, first_row, first_fields = self.sources[source_id]
                if fields != first_fields:  # the same declaration twice (a copy of a table) is harmless
                    self.add(table, row, "source_id", "duplicate_source", value=source_id,
                             first=f"{first_file}:{first_row}")
            else:
                self.sources[source_id] = (table.file, row, fields)
                self.source_rows.append(dict(zip(SOURCE_COLUMNS, fields)))

    def check_source(self, table: RawTable, row: int, source_id: str) -> None:
        if not source_id:
            self.add(table, row, "source_id", "missing_source")
        elif source_id not in self.sources:
            close = [s for s in self.sources if s.casefold() == source_id.casefold()] or \
                difflib.get_close_matches(source_id, list(self.sources), n=1)
            hint = Phrase("validation.hint_did_you_mean", {"value": close[0]}) if close else ""
            self.add(table, row, "source_id", "unknown_source", value=source_id, hint=hint)

    # -- numbers ----------------------------------------------------------------------
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

    # -- observations -----------------------------------------------------------------
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

    def indicator(self, table: RawTable, row: int, indicator_id: str):
        indicator = self.cat.indicators.get(indicator_id)
        if indicator is None:
            close = difflib.get_close_matches(indicator_id, list(self.cat.indicators), n=1)
            hint = Phrase("validation.hint_did_you_mean", {"value": close[0]}) if close else ""
            self.add(table, row, "indicator", "unknown_indicator", value=indicator_id, hint=hint)
        return indicator

    def read_row(self, table: RawTable, row: int, cells: list[object], fmt: str | None, origin: str) -> None:
        get = lambda column: _text(table.cell(cells, column))  # noqa: E731
        before = len(self.problems)
        area = get("area")
        if not area:
            self.add(table, row, "area", "missing_area")
        indicator_id = get("indicator")
        indicator = self.indicator(table, row, indicator_id)
        status_text = get("status")
        status = STATUS_ALIASES.get(status_text.lower(), status_text.lower())
        if status not in STATUSES:
            self.add(table, row, "status", "unknown_status", value=status_text, allowed=", ".join(STATUSES),
                     allowed_vi=", ".join(STATUS_ALIASES))
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
        self.check_source(table, row, source_id)
        derived_status = self.flag(table, row, "derived_status", cells, ("",) + STATUSES[:3])
        qualifier = self.flag(table, row, "qualifier", cells, QUALIFIERS)
        inferred_text = self.flag(table, row, "period_inferred", cells, TRUE_TEXTS + FALSE_TEXTS)
        if status == "derived" and derived_status == "":
            self.add(table, row, "status", "derived_without_status")
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
                if indicator.has_upper_bound and number > indicator.upper_bound:
                    self.add(table, row, column, "above_bound", value=f"{number:g}",
                             bound=f"{indicator.upper_bound:g}", indicator=indicator.id, unit=indicator.unit)
                if indicator.has_lower_bound and number < indicator.lower_bound:
                    self.add(table, row, column, "below_bound", value=f"{number:g}",
                             bound=f"{indicator.lower_bound:g}", indicator=indicator.id, unit=indicator.unit)
        if len(self.problems) > before or period is None or value is None or indicator is None:
            return
        key = (indicator_id, area, str(period), status, source_id, origin)
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
            "derived_status": derived_status or "",
            "effective_status": derived_status if status == "derived" else status,
            "qualifier": qualifier or "",
            "period_inferred": (inferred_text or "") in TRUE_TEXTS and bool(inferred_text),
            "source_id": source_id, "quote": get("quote") if "quote" in table.header else "",
            "note": get("note") if "note" in table.header else "", "origin": origin,
            "file": table.file, "row": row, "kind": indicator.kind,
        })

    # -- series breaks ----------------------------------------------------------------
    def read_breaks(self, table: RawTable) -> None:
        if not self.check_header(table, BREAK_REQUIRED, BREAK_OPTIONAL):
            return
        for row, cells in table.rows:
            get = lambda column: _text(table.cell(cells, column))  # noqa: E731
            before = len(self.problems)
            indicator = self.indicator(table, row, get("indicator"))
            try:
                year = parse_period(table.cell(cells, "from_year"))  # type: ignore[arg-type]
                if year.type != "year":
                    raise PeriodError("bad_period", value=get("from_year"))
            except PeriodError as err:
                self.add(table, row, "from_year", err.code, **err.params)
                year = None
            kind = get("break_kind").lower()
            if kind not in BREAK_KINDS:
                self.add(table, row, "break_kind", "bad_flag", value=kind, column="break_kind",
                         allowed=", ".join(BREAK_KINDS))
            self.check_source(table, row, get("source_id"))
            if len(self.problems) > before or indicator is None or year is None:
                continue
            self.break_rows.append({
                "indicator": indicator.id, "area": get("area"), "from_year": year.start, "break_kind": kind,
                "source_id": get("source_id"), "quote": get("quote") if "quote" in table.header else "",
                "note": get("note") if "note" in table.header else "",
            })


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


def validate_paths(paths: Sequence[Path | str], catalogue: Catalogue) -> ValidationReport:
    """Validate files and folders against ``catalogue``; return every problem and, if none, the tables.

    Parameters
    ----------
    paths : sequence of path
        Files and folders; folders are searched for ``.csv`` and ``.xlsx`` files.
        Sources cited by an observation must be declared in one of them.
    catalogue : Catalogue
        The indicators and units the observations are checked against.
    """
    files, problems = find_files(paths)
    report = ValidationReport(problems=problems)
    validator = _Validator(catalogue)
    tables: list[tuple[Path, RawTable]] = []
    for path, display in files:
        report.files.append(display)
        for table in read_tables(path, display):
            if table.problems:
                validator.problems.extend(table.problems)
            else:
                tables.append((path, table))
    if not files and not problems:
        report.problems.append(Problem(", ".join(map(str, paths)) or ".", 1, 1, "no_files"))
    roles = [(path, table, _role(table)) for path, table in tables]
    for _, table, role in roles:
        if role == "sources":
            validator.read_sources(table)
    for path, table, role in roles:
        if role == "observations":
            validator.read_observations(table, origin_of(path))
        elif role == "breaks":
            validator.read_breaks(table)
    report.problems.extend(validator.problems)
    report.warnings.extend(validator.warnings)
    if report.ok:
        report.sources = pd.DataFrame(validator.source_rows, columns=list(SOURCE_COLUMNS)).astype("string")
        report.observations = _tidy(validator.records)
        report.breaks = pd.DataFrame(validator.break_rows, columns=list(BREAK_COLUMNS)).astype(
            {c: dtype for c, (dtype, _) in BREAK_COLUMNS.items()})
    return report


def load_observations(paths: Sequence[Path | str], catalogue: Catalogue) -> pd.DataFrame:
    """Load, validate and tidy observations.

    Parameters
    ----------
    paths : sequence of path
        Files or folders (see :func:`validate_paths`).
    catalogue : Catalogue
        See :func:`dongson_analysis.catalogue.load_catalogue`.

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
    report = validate_paths(paths, catalogue)
    if not report.ok:
        raise ValidationError(report.problems)
    assert report.observations is not None
    return report.observations
