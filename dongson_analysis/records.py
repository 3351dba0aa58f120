"""Loading and validating input tables: observations, sources and series breaks.

:func:`validate_paths` reads every ``.csv`` and ``.xlsx`` file in the given files
and folders against a catalogue and returns a :class:`ValidationReport`: every
problem (with file, row and column), every warning, and — when there is no
problem — the tidy tables (:data:`OBSERVATION_COLUMNS`, :data:`SOURCE_COLUMNS`,
:data:`BREAK_COLUMNS`). :func:`load_observations` raises instead.

A table's role is read from its header: a sources table has a ``publisher``
column, a breaks table a ``from_year`` column, the catalogue's tables their own
columns (they are skipped here: the catalogue is read by
:func:`dongson_analysis.catalogue.load_catalogue`; a copy outside a catalogue
folder is warned about); a table naming observation columns holds observations.
In a workbook every sheet is read by its header, whatever its name; a sheet that
holds no table is warned about (except the template's instructions), a hidden
sheet with a table is refused, a sheet that repeats another is refused, and a
second sheet of figures is read with a warning.

Words are compared as the planner meant them: Unicode composed (NFC), invisible
characters removed. Area ids are lower-case words joined by ``_``; an area
written another way (``Dong_Son``, ``Đông Sơn``, ``dongson``) is refused with
the id used for it elsewhere. Every wrong word gets the closest right one.

Plausibility (warnings: shown, never applied, refused with ``--strict``): a
planner's figure far outside the other figures of its indicator and area (a
factor-1000 slip), a percentage typed as a fraction, a yearly figure that looks
like a total over several years, an actual dated after ``as_of_year``, and two
figures for the same indicator, area, period and status that disagree.

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
import os
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .catalogue import (
    AREA_OPTIONAL,
    AREA_REQUIRED,
    CATALOGUE_FILES,
    INDICATOR_OPTIONAL,
    INDICATOR_REQUIRED,
    NAME_REQUIRED,
    PLAN_REQUIRED,
    UNIT_REQUIRED,
    Catalogue,
    Indicator,
)
from .numbers import (
    NumberError,
    clean_text,
    evidence,
    parse_number,
    readings,
    show_breaks,
    split_percent,
)
from .periods import Period, PeriodError, parse_period
from .problems import Phrase, Problem, ValidationError, column_letter
from .tables import (
    CSV_SUFFIXES,
    FREE_TEXT_COLUMNS,
    GUIDE_SHEET,
    MIN_KNOWN_COLUMNS,
    NUMBER_COLUMNS,
    SHEETS_READ,
    UNREAD_SPREADSHEETS,
    WORKBOOK_SUFFIXES,
    RawTable,
    read_tables,
)

OBSERVATION_REQUIRED: tuple[str, ...] = (
    "area",
    "indicator",
    "unit",
    "period",
    "value",
    "status",
    "source_id",
)
OBSERVATION_OPTIONAL: tuple[str, ...] = (
    "value_high",
    "quote",
    "note",
    "derived_status",
    "period_inferred",
    "qualifier",
)
SOURCE_COLUMNS: tuple[str, ...] = ("source_id", "publisher", "published", "url", "what_it_covers")
#: Optional columns of a sources table: the kind of source (see :data:`SOURCE_KINDS`), the
#: publisher as the Vietnamese edition cites it, and a Vietnamese note of what it covers.
SOURCE_OPTIONAL: tuple[str, ...] = ("kind", "publisher_vi", "what_it_covers_vi")
#: Kinds of source: a text of the state or the Party (resolution, government portal's report),
#: a newspaper or broadcaster, and an aggregator (forum, listing, category page, repost site).
SOURCE_KINDS: tuple[str, ...] = ("official", "press", "aggregator")
#: Columns of a table of administrative-unit changes (which unit an old one went into).
AREA_CHANGE_COLUMNS: tuple[str, ...] = (
    "old_area_name",
    "old_level",
    "new_area_name",
    "new_level",
    "valid_from",
    "source_id",
    "quote",
)
#: Columns of a table of targets adopted by comparable areas (read beside the record, not judged).
COMPARABLE_REQUIRED: tuple[str, ...] = (
    "area_name",
    "area_level",
    "indicator",
    "unit",
    "period",
    "value",
    "source_id",
    "quote",
)
COMPARABLE_OPTIONAL: tuple[str, ...] = ("value_high", "qualifier", "note")
BREAK_REQUIRED: tuple[str, ...] = ("area", "indicator", "from_year", "break_kind", "source_id")
BREAK_OPTIONAL: tuple[str, ...] = ("quote", "note")
STATUSES: tuple[str, ...] = ("actual", "estimate", "target", "derived")
#: Vietnamese words accepted for each status (case and accents as planners write them).
STATUS_ALIASES: dict[str, str] = {
    unicodedata.normalize("NFC", word): status
    for word, status in {
        "thực hiện": "actual",
        "số thực hiện": "actual",
        "ước": "estimate",
        "ước tính": "estimate",
        "ước thực hiện": "estimate",
        "kế hoạch": "target",
        "mục tiêu": "target",
        "chỉ tiêu": "target",
        "suy ra": "derived",
    }.items()
}
QUALIFIERS: tuple[str, ...] = (
    "",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "approximate",
    "nearly",
)
#: Vietnamese words accepted for each qualifier, as the sources write them.
QUALIFIER_ALIASES: dict[str, str] = {
    unicodedata.normalize("NFC", word): qualifier
    for word, qualifier in {
        "trở lên": "at_least",
        "ít nhất": "at_least",
        "trên": "more_than",
        "hơn": "more_than",
        "tối đa": "at_most",
        "không quá": "at_most",
        "dưới": "less_than",
        "khoảng": "approximate",
        "xấp xỉ": "approximate",
        "gần": "nearly",
    }.items()
}
#: Qualifiers of a figure that is not exact ("khoảng", "gần").
INEXACT_QUALIFIERS: tuple[str, ...] = ("approximate", "nearly")
BREAK_KINDS: tuple[str, ...] = ("poverty_line", "boundary", "price_base", "definition")
TRUE_TEXTS = ("true", "yes", "1", "có", "x")
FALSE_TEXTS = ("", "false", "no", "0", "không")
PUBLIC_RECORD_FOLDER = "public_record"
PLANNER_FOLDER = "planner"
#: Column names of every table that may be found among the data files.
KNOWN_COLUMNS = frozenset(
    OBSERVATION_REQUIRED
    + OBSERVATION_OPTIONAL
    + SOURCE_COLUMNS
    + SOURCE_OPTIONAL
    + AREA_CHANGE_COLUMNS
    + COMPARABLE_REQUIRED
    + COMPARABLE_OPTIONAL
    + BREAK_REQUIRED
    + BREAK_OPTIONAL
    + INDICATOR_REQUIRED
    + INDICATOR_OPTIONAL
    + UNIT_REQUIRED
    + PLAN_REQUIRED
    + AREA_REQUIRED
    + AREA_OPTIONAL
    + NAME_REQUIRED
)
#: An area id: lower-case letters and digits, words joined by ``_`` (``dong_son``).
AREA_ID = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")

#: Plausibility: a planner's figure this many times above the largest (or below the
#: smallest) other figure of its indicator and area is warned about.
FAR_FACTOR = 10.0
#: A yearly figure this many times the largest other yearly figure looks like a total over several
#: years.
TOTAL_FACTOR = 3.0

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
    "derived_status": (
        "string",
        "for derived rows: what the value stands for (actual, estimate, target)",
    ),
    "effective_status": ("string", "status, or for derived rows the status they stand for"),
    "qualifier": (
        "string",
        "at_least (trở lên), more_than (trên), at_most, less_than, approximate (khoảng), "
        "nearly (gần) or empty",
    ),
    "period_inferred": ("bool", "the source does not state the year; it was inferred"),
    "source_id": ("string", "id in a sources table"),
    "quote": ("string", "words of the source"),
    "note": ("string", "transcriber's note"),
    "origin": ("string", "public_record or planner"),
    "file": ("string", "file the row came from, as named on the command line"),
    "row": ("Int64", "row number in that file"),
    "kind": ("string", "indicator kind from the catalogue"),
    "superseded": (
        "bool",
        "a planner's row gives a value for the same indicator, area, period and status",
    ),
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


def _skipped_part(part: str) -> bool:
    """Hidden files and folders, Office lock files, Jupyter checkpoints and macOS archive debris."""
    return part.startswith((".", "~$")) or part == "__MACOSX"


def find_files(paths: Iterable[Path | str]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """The data files in ``paths``, each with its name as the user would write it (see
    :func:`_find`).
    """
    found, problems = _find(paths)
    return [(path, name) for path, name, _ in found], problems


def _find(paths: Iterable[Path | str]) -> tuple[list[tuple[Path, str, str]], list[Problem]]:
    """The data files in ``paths``: each with its name as the user would write it and its origin.

    A folder is searched recursively for ``.csv``, ``.tsv``, ``.xlsx`` and ``.xlsm``
    files, and for spreadsheets that are not read (``.xls``, ``.ods``...: they are
    returned too, so that they are refused rather than skipped without a word);
    hidden files and folders (``.ipynb_checkpoints``) and lock files (``~$book.xlsx``)
    are passed over. A file inside a folder is named by the folder as given plus
    its path inside the folder, so names never depend on the working directory.
    Its origin is ``public_record`` when the folder given or a folder inside it is
    named ``public_record`` (the folders above the one given do not count: a
    project kept under such a folder is not all public record); a file given by
    itself follows :func:`origin_of`.
    """
    wanted = CSV_SUFFIXES + WORKBOOK_SUFFIXES + UNREAD_SPREADSHEETS
    found: list[tuple[Path, str, str]] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()

    def add(path: Path, name: str, origin: str) -> None:
        try:
            stat = path.stat()
        except OSError:  # a broken link: read_tables says so
            found.append((path, name, origin))
            return
        if (
            stat.st_dev,
            stat.st_ino,
        ) not in seen:  # a file named twice (a folder and a file in it) is read once
            seen.add((stat.st_dev, stat.st_ino))
            found.append((path, name, origin))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in wanted
                and not any(_skipped_part(part) for part in p.relative_to(path).parts)
                and (p.is_symlink() or not p.is_dir())
            )
            for p in inside:
                inner = p.relative_to(path)
                # only the folder given and the folders inside it count: not where the project lives
                folders = (Path(os.path.normpath(path)).name, *inner.parts[:-1])
                add(
                    p,
                    str(Path(raw) / inner),
                    "public_record" if PUBLIC_RECORD_FOLDER in folders else "planner",
                )
        elif path.exists() or path.is_symlink():
            add(path, str(raw), origin_of(path))
        else:
            problems.append(Problem(str(raw), 1, 1, "no_files"))
    return found, problems


def _role(table: RawTable) -> str:
    """What a table holds, from its header: sources, breaks, catalogue, observations or unknown."""
    header = set(table.header)
    if {"old_area_name", "new_area_name"} <= header:
        return "area_changes"
    if {"area_name", "area_level"} <= header:
        return "comparables"
    if "publisher" in header:
        return "sources"
    if "from_year" in header:
        return "breaks"
    if (
        {"indicator", "kind", "direction"} <= header
        or {"dimension", "scale"} <= header
        or {"plan", "first_year"} <= header
        or {"entry", "language", "form"} <= header
        or {"area", "level", "parent"} <= header
    ):
        return "catalogue"
    if len(header & set(OBSERVATION_REQUIRED + OBSERVATION_OPTIONAL)) >= MIN_KNOWN_COLUMNS:
        return "observations"
    return "unknown"


def _text(value: object) -> str:
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _word(value: object) -> str:
    """A cell as the word the planner meant: composed Unicode, no invisible characters, plain
    spaces.
    """
    return re.sub(r"\s+", " ", clean_text(_text(value)))


def _plain(text: str) -> str:
    """``text`` without accents, case, spaces or punctuation: ``Đông Sơn`` → ``dongson``."""
    text = unicodedata.normalize("NFD", clean_text(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]", "", text)


def _slug(text: str) -> str:
    """``text`` as an id: ``Đông Sơn`` → ``dong_son``."""
    text = unicodedata.normalize("NFD", clean_text(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice that ``value`` most likely meant: the same but for case, accents and spacing, else
    the nearest.
    """
    choices = [c for c in dict.fromkeys(choices) if c]
    same = [c for c in choices if _plain(c) == _plain(value) and _plain(value)]
    if same:
        return same[0]
    close = difflib.get_close_matches(
        value.casefold(), [c.casefold() for c in choices], n=1, cutoff=0.75
    )
    if close:
        return next(c for c in choices if c.casefold() == close[0])
    return None


def _hint(value: str, choices: Iterable[str]) -> Phrase | str:
    close = _closest(value, choices)
    return (
        Phrase("validation.hint_did_you_mean", {"value": close}) if close and close != value else ""
    )


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def origin_of(path: Path) -> str:
    """``public_record`` for files inside a folder of that name, else ``planner``.

    The path is read as written, with ``..`` resolved by the text alone (never
    against the working directory): ``public_record/../planner/x.csv`` is a planner's file.
    """
    return (
        "public_record" if PUBLIC_RECORD_FOLDER in Path(os.path.normpath(path)).parts else "planner"
    )


def _percent_unit(catalogue: Catalogue, unit: str) -> bool:
    """Whether figures in ``unit`` are percentages (or percentage points)."""
    found = catalogue.units.get(unit)
    dimension = found.dimension if found else ""
    return "%" in unit or dimension.startswith(("percent", "points"))


@dataclass
class _Cell:
    """Where a recorded figure came from, to cite it in a later message."""

    table: RawTable
    row: int
    cells: list[object]

    def text(self, column: str) -> object:
        """The cell as a message shows it (see :func:`_shown`)."""
        return _shown(self.table.cell(self.cells, column))

    def where(self, column: str) -> str:
        return self.table.where(self.row, self.table.column_number(column))


class _Validator:
    def __init__(self, cat: Catalogue):
        self.cat = cat
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.sources: dict[str, tuple[str, int, tuple[str, ...]]] = {}
        self.source_rows: list[dict[str, object]] = []
        self.records: list[dict[str, object]] = []
        self.cells: list[_Cell] = []
        self.break_rows: list[dict[str, object]] = []
        self.keys: dict[tuple, int] = {}
        self.areas: list[tuple[RawTable, int, str, str]] = []  # table, row, column, area
        self.public_tables: set[int] = set()  # id() of the public record's tables
        self.units_folded: dict[str, list[str]] = defaultdict(list)
        for unit in cat.units:
            self.units_folded[clean_text(unit).casefold()].append(unit)

    def add(self, table: RawTable, row: int, at: str | int, code: str, /, **params: object) -> None:
        col = at if isinstance(at, int) else table.column_number(at)
        self.problems.append(table.problem(row, col, code, **params))

    def warn(
        self, table: RawTable, row: int, at: str | int, code: str, /, **params: object
    ) -> None:
        col = at if isinstance(at, int) else table.column_number(at)
        self.warnings.append(table.warning(row, col, code, **params))

    def check_header(
        self, table: RawTable, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> bool:
        years = [
            i
            for i, name in enumerate(table.header, start=1)
            if re.fullmatch(r"(19|20)\d\d(\.0)?", name)
        ]
        if len(years) >= 2:
            self.add(
                table,
                table.header_row,
                years[0],
                "wide_table",
                first=table.header[years[0] - 1],
                columns=", ".join(required),
            )
            return False
        seen: set[str] = set()
        ok = True
        for i, name in enumerate(table.header, start=1):
            if name in seen:
                self.add(table, table.header_row, i, "duplicate_column", column=name)
                ok = False
            seen.add(name)
            if name not in required and name not in optional:
                close = _closest(name, required + optional) if name else None
                self.add(
                    table,
                    table.header_row,
                    i,
                    "extra_column_misspelt" if close else "extra_columns",
                    column=name or f"({column_letter(i)})",
                    allowed=", ".join(required + optional),
                    close=close,
                )
                ok = False
        missing = [c for c in required if c not in seen]
        if missing:
            self.add(
                table,
                table.header_row,
                len(table.header) + 1,
                "missing_columns",
                columns=", ".join(missing),
                required=", ".join(required),
            )
            ok = False
        if ok and not table.rows and not table.row_problems:
            self.add(table, table.header_row, 1, "header_only")
            ok = False
        return ok

    def line_breaks(self, table: RawTable, row: int, cells: list[object]) -> bool:
        """Report cells of word columns that hold a line break; True if there was none."""
        ok = True
        for i, name in enumerate(table.header):
            if (
                name in FREE_TEXT_COLUMNS + NUMBER_COLUMNS
                or i >= len(cells)
                or not isinstance(cells[i], str)
            ):
                continue
            if re.search(r"[\r\n\u2028\u2029\x0b]", cells[i]):
                self.add(table, row, i + 1, "line_break_in_cell", value=show_breaks(cells[i])[:60])
                ok = False
        return ok

    # -- sources ----------------------------------------------------------------------
    def read_sources(self, table: RawTable) -> None:
        if not table.rows and not table.row_problems and set(SOURCE_COLUMNS) <= set(table.header):
            return  # an empty sources table is fine: the figures may all cite other tables' sources
        if not self.check_header(table, SOURCE_COLUMNS, SOURCE_OPTIONAL):
            return
        for row, cells in table.rows:
            if not self.line_breaks(table, row, cells):
                continue
            source_id = _word(table.cell(cells, "source_id"))
            fields = (source_id,) + tuple(_text(table.cell(cells, c)) for c in SOURCE_COLUMNS[1:])
            extra = {
                c: _text(table.cell(cells, c)) if c in table.header else "" for c in SOURCE_OPTIONAL
            }
            if extra["kind"] and extra["kind"] not in SOURCE_KINDS:
                self.add(
                    table,
                    row,
                    "kind",
                    "bad_flag",
                    value=extra["kind"],
                    column="kind",
                    hint="",
                    allowed=", ".join(SOURCE_KINDS),
                )
            if not source_id:
                self.add(table, row, "source_id", "missing_source")
            elif source_id in self.sources:
                first_file, first_row, first_fields = self.sources[source_id]
                if (
                    fields != first_fields
                ):  # the same declaration twice (a copy of a table) is harmless
                    self.add(
                        table,
                        row,
                        "source_id",
                        "duplicate_source",
                        value=source_id,
                        first=f"{first_file}:{first_row}",
                    )
            else:
                self.sources[source_id] = (table.file, row, fields)
                self.source_rows.append(dict(zip(SOURCE_COLUMNS, fields)) | extra)

    # -- tables read beside the record: area changes and comparable areas' targets ------
    def read_reference(self, table: RawTable, role: str) -> None:
        """Check a table of area changes or of comparable areas' targets: its header, its
        sources and (comparables) its indicators. Its rows are not figures of the record.
        """
        if role == "area_changes":
            required, optional = AREA_CHANGE_COLUMNS, ()
        else:
            required, optional = COMPARABLE_REQUIRED, COMPARABLE_OPTIONAL
        if not self.check_header(table, required, optional):
            return
        for row, cells in table.rows:
            if not self.line_breaks(table, row, cells):
                continue
            self.check_source(table, row, _word(table.cell(cells, "source_id")))
            if role == "comparables":
                self.indicator(table, row, _word(table.cell(cells, "indicator")))

    def check_source(self, table: RawTable, row: int, source_id: str) -> None:
        if not source_id:
            self.add(table, row, "source_id", "missing_source")
        elif source_id not in self.sources:
            self.add(
                table,
                row,
                "source_id",
                "unknown_source",
                value=source_id,
                hint=_hint(source_id, self.sources),
            )

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
                fmt = evidence(split_percent(cell)[0]) if isinstance(cell, str) else None
                if fmt is None:
                    continue
                if fmt not in first_seen:
                    first_seen[fmt] = (row, column, cell)
                other = "en" if fmt == "vi" else "vi"
                if other in first_seen:
                    orow, ocol, otext = first_seen[other]
                    self.add(
                        table,
                        row,
                        column,
                        "mixed_number_format",
                        value=cell,
                        this_format=fmt,
                        other=f"'{otext}' ({column_letter(table.column_number(ocol))}{orow})",
                        other_format=other,
                    )
                    return None
        return next(iter(first_seen)) if len(first_seen) == 1 else None

    def number(
        self, table: RawTable, row: int, column: str, cell: object, fmt: str | None, required: bool
    ) -> tuple[float | None, bool]:
        """The number in a cell and whether it was written or formatted as a percentage."""
        col = table.column_number(column)
        if (row, col) in table.date_cells:
            self.add(
                table, row, column, "xlsx_date", date=table.date_cells[(row, col)], column=column
            )
            return None, False
        if isinstance(cell, float):
            if not math.isfinite(cell):
                self.add(table, row, column, "too_many_digits", value=_text(cell), digits="∞")
                return None, False
            return cell, (row, col) in table.percent_cells
        text, percent = split_percent(str(cell))
        text = text.strip()
        if not text:
            if required or percent:
                self.add(table, row, column, "missing_value")
            return None, False
        try:
            return parse_number(text, fmt), percent  # type: ignore[arg-type]
        except NumberError as err:
            params: dict[str, object] = {"value": text, **err.params}
            if err.code == "ambiguous_number":
                params["readings"] = " · ".join(f"{k} → {v:g}" for k, v in readings(text).items())
            self.add(table, row, column, err.code, **params)
            return None, False

    # -- observations -----------------------------------------------------------------
    def read_observations(self, table: RawTable, origin: str) -> None:
        if not self.check_header(table, OBSERVATION_REQUIRED, OBSERVATION_OPTIONAL):
            return
        fmt = self.number_format(table)
        for row, cells in table.rows:
            self.read_row(table, row, cells, fmt, origin)

    def flag(
        self,
        table: RawTable,
        row: int,
        column: str,
        cells: list[object],
        allowed: tuple[str, ...],
        aliases: dict[str, str] | None = None,
    ) -> str | None:
        if column not in table.header:
            return ""
        typed = _word(table.cell(cells, column))
        value = (aliases or {}).get(typed.casefold(), typed.casefold())
        if value not in allowed:
            self.add(
                table,
                row,
                column,
                "bad_flag",
                value=typed,
                column=column,
                allowed=", ".join(a or "''" for a in allowed + tuple(aliases or ())),
                hint=_hint(typed, [a for a in allowed if a] + list(aliases or ())),
            )
            return None
        return value

    def indicator(self, table: RawTable, row: int, indicator_id: str) -> Indicator | None:
        indicator = self.cat.indicators.get(indicator_id)
        if indicator is None:
            hint = _hint(indicator_id, self.cat.indicators)
            if not hint:  # the indicator's name written instead of its id
                by_name = {name: ind.id for ind in self.cat for _, name in ind.names}
                close = _closest(indicator_id, by_name)
                hint = (
                    Phrase("validation.hint_did_you_mean", {"value": by_name[close]})
                    if close
                    else ""
                )
            self.add(table, row, "indicator", "unknown_indicator", value=indicator_id, hint=hint)
        return indicator

    def status(self, table: RawTable, row: int, text: str) -> str:
        folded = text.casefold()
        status = STATUS_ALIASES.get(folded, folded)
        if status not in STATUSES:
            self.add(
                table,
                row,
                "status",
                "unknown_status",
                value=text,
                allowed=", ".join(STATUSES),
                allowed_vi=", ".join(STATUS_ALIASES),
                hint=_hint(text, STATUSES + tuple(STATUS_ALIASES)),
            )
        return status

    def unit(self, table: RawTable, row: int, given: str, indicator: Indicator) -> float | None:
        """The factor from the unit written to the indicator's unit, or None (reported)."""
        unit = given
        if unit not in self.cat.units:
            same = self.units_folded.get(unit.casefold(), [])
            if len(set(same)) == 1:
                unit = same[0]  # only the case differs: "Tấn" is "tấn"
        conv = self.cat.conversion_factor(unit, indicator.unit)
        if conv is None:
            others = [u for u in self.cat.convertible_units(indicator.unit) if u != indicator.unit]
            hint = "" if unit in self.cat.units else _hint(given, [indicator.unit] + others)
            self.add(
                table,
                row,
                "unit",
                "unit_mismatch",
                unit=given,
                expected=indicator.unit,
                indicator=indicator.id,
                hint=hint,
                alternatives=(" / " + ", ".join(f"'{u}'" for u in others)) if others else "",
            )
        return conv

    def read_row(
        self, table: RawTable, row: int, cells: list[object], fmt: str | None, origin: str
    ) -> None:
        if not self.line_breaks(table, row, cells):
            return
        get = lambda column, cells=cells: _word(table.cell(cells, column))  # noqa: E731
        before = len(self.problems)
        area = get("area")
        if not area:
            self.add(table, row, "area", "missing_area")
        else:
            self.areas.append((table, row, "area", area))
        indicator_id = get("indicator")
        indicator = self.indicator(table, row, indicator_id)
        status = self.status(table, row, get("status"))
        period: Period | None = None
        period_cell = table.cell(cells, "period")
        if (row, table.column_number("period")) in table.date_cells:
            self.add(
                table,
                row,
                "period",
                "xlsx_date",
                date=table.date_cells[(row, table.column_number("period"))],
                column="period",
            )
        else:
            try:
                period = parse_period(period_cell)  # type: ignore[arg-type]
            except PeriodError as err:
                self.add(table, row, "period", err.code, **err.params)
        value, percent = self.number(
            table, row, "value", table.cell(cells, "value"), fmt, required=True
        )
        value_high = math.nan
        percent_high = False
        if "value_high" in table.header:
            high, percent_high = self.number(
                table, row, "value_high", table.cell(cells, "value_high"), fmt, required=False
            )
            value_high = math.nan if high is None else high
        source_id = get("source_id")
        self.check_source(table, row, source_id)
        derived_status = self.flag(
            table,
            row,
            "derived_status",
            cells,
            ("",) + STATUSES[:3],
            {w: s for w, s in STATUS_ALIASES.items() if s != "derived"},
        )
        qualifier = self.flag(table, row, "qualifier", cells, QUALIFIERS, QUALIFIER_ALIASES)
        inferred_text = self.flag(table, row, "period_inferred", cells, TRUE_TEXTS + FALSE_TEXTS)
        if status == "derived" and derived_status == "":
            self.add(table, row, "status", "derived_without_status")
        unit_given = get("unit")
        factor: float | None = None
        if indicator is not None:
            conv = self.unit(table, row, unit_given, indicator)
            if conv is not None:
                factor = conv
                for column, flagged, number in (
                    ("value", percent, value),
                    ("value_high", percent_high, value_high),
                ):
                    if (
                        flagged
                        and number is not None
                        and not _percent_unit(self.cat, indicator.unit)
                    ):
                        col = table.column_number(column)
                        code = (
                            "xlsx_percent_unit"
                            if (row, col) in table.percent_cells
                            else "percent_sign_unit"
                        )
                        self.add(
                            table,
                            row,
                            column,
                            code,
                            value=_shown(table.cell(cells, column)),
                            unit=unit_given,
                        )
        if value is not None and not math.isnan(value_high) and value_high < value:
            self.add(
                table, row, "value_high", "range_inverted", low=get("value"), high=get("value_high")
            )
        if indicator is not None and value is not None and factor is not None:
            self.check_value(table, row, cells, indicator, value * factor, value_high * factor)
        if (
            len(self.problems) > before
            or period is None
            or value is None
            or indicator is None
            or factor is None
        ):
            return
        record = {
            "indicator": indicator_id,
            "area": area,
            "period": str(period),
            "period_type": period.type,
            "period_start": period.start,
            "period_end": period.end,
            "half": period.half,
            "value": value * factor,
            "value_high": value_high * factor,
            "unit": indicator.unit,
            "unit_as_given": unit_given,
            "unit_factor": factor,
            "status": status,
            "derived_status": derived_status or "",
            "effective_status": derived_status if status == "derived" else status,
            "qualifier": qualifier or "",
            "period_inferred": (inferred_text or "") in TRUE_TEXTS and bool(inferred_text),
            "source_id": source_id,
            "quote": _text(table.cell(cells, "quote")) if "quote" in table.header else "",
            "note": _text(table.cell(cells, "note")) if "note" in table.header else "",
            "origin": origin,
            "file": table.file,
            "row": row,
            "kind": indicator.kind,
        }
        key = (indicator_id, area, str(period), status, source_id, origin)
        if key in self.keys:
            first = self.records[self.keys[key]]
            where = self.cells[self.keys[key]]
            if _same(first["value"], record["value"]) and _same(
                first["value_high"], record["value_high"]
            ):
                self.add(
                    table,
                    row,
                    "indicator",
                    "duplicate_row",
                    first=f"{first['file']}:{first['row']}",
                )
            else:
                self.add(
                    table,
                    row,
                    "value",
                    "conflicting_same_source",
                    value=get("value"),
                    other=where.text("value"),
                    where=where.where("value"),
                )
            return
        self.keys[key] = len(self.records)
        self.records.append(record)
        self.cells.append(_Cell(table, row, cells))

    def check_value(
        self,
        table: RawTable,
        row: int,
        cells: list[object],
        indicator: Indicator,
        value: float,
        value_high: float,
    ) -> None:
        """Bounds of the indicator, whole numbers for counts."""
        for column, number in (("value", value), ("value_high", value_high)):
            if math.isnan(number):
                continue
            if indicator.has_upper_bound and number > indicator.upper_bound:
                self.add(
                    table,
                    row,
                    column,
                    "above_bound",
                    value=f"{number:g}",
                    bound=f"{indicator.upper_bound:g}",
                    indicator=indicator.id,
                    unit=indicator.unit,
                )
            if indicator.has_lower_bound and number < indicator.lower_bound:
                self.add(
                    table,
                    row,
                    column,
                    "below_bound",
                    value=f"{number:g}",
                    bound=f"{indicator.lower_bound:g}",
                    indicator=indicator.id,
                    unit=indicator.unit,
                )
            elif indicator.spec.whole_numbers and number < 0:
                self.add(
                    table,
                    row,
                    column,
                    "below_bound",
                    value=f"{number:g}",
                    bound="0",
                    indicator=indicator.id,
                    unit=indicator.unit,
                )
            if indicator.spec.whole_numbers and not _whole(number):
                self.add(
                    table,
                    row,
                    column,
                    "count_not_whole",
                    value=_shown(table.cell(cells, column)),
                    indicator=indicator.id,
                    unit=indicator.unit,
                )

    # -- series breaks ----------------------------------------------------------------
    def read_breaks(self, table: RawTable) -> None:
        if not self.check_header(table, BREAK_REQUIRED, BREAK_OPTIONAL):
            return
        for row, cells in table.rows:
            if not self.line_breaks(table, row, cells):
                continue
            get = lambda column, cells=cells: _word(table.cell(cells, column))  # noqa: E731
            before = len(self.problems)
            indicator = self.indicator(table, row, get("indicator"))
            if get("area"):
                self.areas.append((table, row, "area", get("area")))
            try:
                year = parse_period(table.cell(cells, "from_year"))  # type: ignore[arg-type]
                if year.type != "year":
                    raise PeriodError("bad_period", value=get("from_year"))
            except PeriodError as err:
                self.add(table, row, "from_year", err.code, **err.params)
                year = None
            kind = get("break_kind").casefold()
            if kind not in BREAK_KINDS:
                self.add(
                    table,
                    row,
                    "break_kind",
                    "bad_flag",
                    value=kind,
                    column="break_kind",
                    allowed=", ".join(BREAK_KINDS),
                    hint=_hint(kind, BREAK_KINDS),
                )
            self.check_source(table, row, get("source_id"))
            if len(self.problems) > before or indicator is None or year is None:
                continue
            self.break_rows.append(
                {
                    "indicator": indicator.id,
                    "area": get("area"),
                    "from_year": year.start,
                    "break_kind": kind,
                    "source_id": get("source_id"),
                    "quote": _text(table.cell(cells, "quote")) if "quote" in table.header else "",
                    "note": _text(table.cell(cells, "note")) if "note" in table.header else "",
                }
            )

    # -- across files -----------------------------------------------------------------
    def check_areas(self) -> None:
        """Area ids: written as ids, and the same area always written the same way."""
        known: dict[str, tuple[str, RawTable, int]] = {}
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        first_at: dict[str, tuple[RawTable, int]] = {}
        for table, row, _, area in self.areas:
            if AREA_ID.fullmatch(area):
                spellings[_plain(area)][area] += 1
                first_at.setdefault(area, (table, row))
        for table, row, _, area in self.areas:
            if (
                AREA_ID.fullmatch(area)
                and _plain(area) not in known
                and id(table) in self.public_tables
            ):
                known[_plain(area)] = (area, table, row)
        for key, counts in spellings.items():
            if key and key not in known:
                area = counts.most_common(1)[0][0]
                known[key] = (area, *first_at[area])
        uses = Counter(area for _, _, _, area in self.areas)
        for table, row, column, area in self.areas:
            key = _plain(area)
            if key and key in known and known[key][0] != area:
                right, other_table, other_row = known[key]
                self.add(
                    table,
                    row,
                    column,
                    "area_spelling",
                    value=area,
                    known=right,
                    where=other_table.where(other_row, other_table.column_number(column)),
                )
            elif not AREA_ID.fullmatch(area):
                self.add(
                    table, row, column, "area_not_id", value=area, slug=_slug(area) or "dong_son"
                )
            elif uses[area] <= 2 and id(table) not in self.public_tables:
                limit = 1 if len(area) < 8 else 2
                near = [
                    k
                    for k in known.values()
                    if k[0] != area and _edit_distance(k[0], area) <= limit
                ]
                if near:
                    right, other_table, other_row = near[0]
                    self.warn(
                        table,
                        row,
                        column,
                        "area_unknown_close",
                        value=area,
                        known=right,
                        where=other_table.where(other_row, other_table.column_number(column)),
                    )

    def check_conflicts(self) -> None:
        """Two actual (or estimated) figures of the same indicator, area, period and origin that
        disagree.
        """
        groups: dict[tuple, list[int]] = defaultdict(list)
        for i, r in enumerate(self.records):
            if r["effective_status"] in ("actual", "estimate"):
                groups[
                    (r["indicator"], r["area"], r["period"], r["effective_status"], r["origin"])
                ].append(i)
        for members in groups.values():
            first = members[0]
            for i in members[1:]:
                a, b = self.records[first], self.records[i]
                if _same(a["value"], b["value"]) and _same(a["value_high"], b["value_high"]):
                    continue
                cell, other = self.cells[i], self.cells[first]
                self.warn(
                    cell.table,
                    cell.row,
                    "value",
                    "conflicting_figures",
                    value=cell.text("value"),
                    other=other.text("value"),
                    where=other.where("value"),
                )

    def check_plausibility(self, as_of_year: int | None) -> None:
        """Warnings computed from the files themselves (see the module docstring)."""
        by_series: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, r in enumerate(self.records):
            by_series[(self.cat.canonical(str(r["indicator"])), str(r["area"]))].append(i)
        for i, r in enumerate(self.records):
            cell = self.cells[i]
            if (
                as_of_year is not None
                and r["effective_status"] in ("actual", "estimate")
                and int(r["period_end"]) > as_of_year
            ):  # type: ignore[call-overload]
                self.warn(
                    cell.table,
                    cell.row,
                    "period",
                    "actual_after_as_of",
                    period=r["period"],
                    year=as_of_year,
                    status=r["effective_status"],
                )
            if r["origin"] != "planner" or r["kind"] == "milestone":
                continue
            yearly = r["period_type"] != "range"
            refs = [
                j
                for j in by_series[(self.cat.canonical(str(r["indicator"])), str(r["area"]))]
                if j != i
                and (self.records[j]["period_type"] != "range") == yearly
                and math.isfinite(float(self.records[j]["value"]))
            ]
            if len(refs) < 2 and not any(
                self.records[j]["origin"] == "public_record" for j in refs
            ):
                continue
            self.plausible(i, refs)

    def plausible(self, i: int, refs: list[int]) -> None:
        r = self.records[i]
        cell = self.cells[i]
        value = float(r["value"])  # type: ignore[arg-type]
        magnitudes = [abs(float(self.records[j]["value"])) for j in refs]  # type: ignore[arg-type]
        nonzero = [m for m in magnitudes if m > 0]
        if not nonzero or value == 0:
            return
        low, high = min(nonzero), max(nonzero)
        largest = refs[magnitudes.index(high)]
        smallest = refs[magnitudes.index(low)]
        common = {
            "value": cell.text("value"),
            "indicator": r["indicator"],
            "area": r["area"],
            "low": low,
            "high": high,
        }
        kind = str(r["kind"])
        if (
            _percent_unit(self.cat, str(r["unit"]))
            and abs(value) < 1
            and low >= 1
            and statistics.median(nonzero) >= 5
            and low / 3 <= abs(value) * 100 <= high * 3
        ):
            self.warn(
                cell.table, cell.row, "value", "percent_as_fraction", percent=value * 100, **common
            )
            return
        if abs(value) >= FAR_FACTOR * high:
            self.warn(
                cell.table,
                cell.row,
                "value",
                "value_far_above",
                ratio=_ratio(abs(value) / high),
                where=self.where(largest),
                **common,
            )
            return
        below_kinds = kind in ("level", "cumulative") or (kind == "count" and low >= 100)
        if below_kinds and 0 < value <= low / FAR_FACTOR:
            self.warn(
                cell.table,
                cell.row,
                "value",
                "value_far_below",
                ratio=_ratio(low / value),
                where=self.where(smallest),
                **common,
            )
            return
        if (
            kind in ("level", "count")
            and r["period_type"] == "year"
            and value >= TOTAL_FACTOR * high
        ):
            self.warn(
                cell.table,
                cell.row,
                "value",
                "looks_like_total",
                ratio=_ratio(value / high),
                period=r["period"],
                where=self.where(largest),
                **common,
            )

    def where(self, i: int) -> str:
        return self.cells[i].where("value")


def _shown(cell: object) -> object:
    """A cell for a message: text as typed, a number of a workbook as the message's language writes
    it.
    """
    return cell if isinstance(cell, float) else _text(cell)


def _same(a: object, b: object) -> bool:
    x, y = float(a), float(b)  # type: ignore[arg-type]
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)


def _whole(number: float) -> bool:
    return math.isclose(number, round(number), rel_tol=0, abs_tol=1e-9)


def _ratio(ratio: float) -> int:
    """A ratio as said in words: a whole number, at least 2."""
    return max(2, round(ratio))


def _tidy(records: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=list(OBSERVATION_COLUMNS))
    if frame.empty:
        frame["superseded"] = pd.Series(dtype=bool)
    else:
        key = ["indicator", "area", "period", "status"]
        has_planner = (
            frame.assign(p=frame["origin"].eq("planner")).groupby(key)["p"].transform("any")
        )
        frame["superseded"] = has_planner & frame["origin"].eq("public_record")
    frame = frame.astype({c: dtype for c, (dtype, _) in OBSERVATION_COLUMNS.items()})
    order = [
        "indicator",
        "area",
        "period_start",
        "period_end",
        "half",
        "status",
        "origin",
        "source_id",
    ]
    return frame.sort_values(order, kind="stable").reset_index(drop=True)


def _sheet_roles(path: Path, tables: list[RawTable]) -> list[tuple[RawTable, str]]:
    """The role of every table read from one file (see the module docstring)."""
    roles = [(t, _role(t)) for t in tables]
    if (
        len(tables) == 1 and tables[0].sheet is None
    ):  # a CSV file, or a file that could not be opened
        table, role = roles[0]
        if role == "catalogue":
            in_catalogue = all((path.parent / name).is_file() for name in CATALOGUE_FILES)
            table.warnings = [] if in_catalogue else [table.warning(1, 1, "catalogue_copy_ignored")]
            return [(table, "skip")]
        return [(table, "observations" if role == "unknown" else role)]
    resolved: list[tuple[RawTable, str]] = []
    for table, role in roles:
        name = (table.sheet or "").strip().casefold()
        if role == "unknown" and name in SHEETS_READ and table.has_content:
            role = name
        resolved.append((table, role))
    if not any(role in ("observations", "sources", "breaks", "catalogue") for _, role in resolved):
        first = next((t for t, _ in resolved if t.has_content), tables[0])
        resolved = [(t, "observations" if t is first else r) for t, r in resolved]
    filled = [t for t, role in resolved if role == "observations" and (t.rows or t.row_problems)]
    if filled:  # an empty template sheet beside the sheet that holds the figures says nothing
        resolved = [
            (
                t,
                "skip"
                if role == "observations" and not (t.rows or t.row_problems) and not t.problems
                else role,
            )
            for t, role in resolved
        ]
    out: list[tuple[RawTable, str]] = []
    seen: dict[str, RawTable] = {}
    for table, role in resolved:
        if role == "skip":
            table.warnings = []
            out.append((table, role))
            continue
        if role == "unknown":
            wanted = (
                table.has_content
                and (table.sheet or "").strip().casefold() != GUIDE_SHEET
                and not table.hidden
            )
            table.warnings = (
                [table.warning(1, 1, "sheet_not_read", sheet=table.sheet)] if wanted else []
            )
            out.append((table, "skip"))
            continue
        if role == "catalogue":
            table.warnings = [table.warning(1, 1, "catalogue_copy_ignored")]
            out.append((table, "skip"))
            continue
        if table.hidden:
            table.problems.append(table.problem(1, 1, "xlsx_hidden_sheet", sheet=table.sheet))
        elif role in seen and role == "observations":
            first = seen[role]
            if [c for _, c in table.rows] == [c for _, c in first.rows]:
                table.problems.append(
                    table.problem(
                        table.header_row, 1, "sheet_copy", sheet=table.sheet, other=first.sheet
                    )
                )
            else:
                table.warnings.append(
                    table.warning(
                        table.header_row,
                        1,
                        "several_figure_sheets",
                        sheet=table.sheet,
                        other=first.sheet,
                    )
                )
        seen.setdefault(role, table)
        out.append((table, role))
    return out


def _in_order(problems: list[Problem], files: list[str]) -> list[Problem]:
    """Problems file by file (in the order the files were read), each file's from top to bottom."""
    order = {name: i for i, name in enumerate(files)}

    def key(problem: Problem) -> tuple[int, str, int, int]:
        name = re.sub(r"\[[^\[\]]*\]$", "", problem.file)  # book.xlsx[sheet] is read with book.xlsx
        return order.get(name, -1), problem.file, problem.row, problem.column

    return sorted(problems, key=key)


def validate_paths(
    paths: Sequence[Path | str], catalogue: Catalogue, *, as_of_year: int | None = None
) -> ValidationReport:
    """Validate files and folders against ``catalogue``; return every problem and, if none, the
    tables.

    Parameters
    ----------
    paths : sequence of path
        Files and folders; folders are searched for ``.csv`` and ``.xlsx`` files.
        Sources cited by an observation must be declared in one of them.
    catalogue : Catalogue
        The indicators and units the observations are checked against.
    as_of_year : int, optional
        The current year: an actual figure dated after it is warned about.
        Nothing is checked against the clock when it is not given.
    """
    files, problems = _find(paths)
    report = ValidationReport(problems=problems)
    validator = _Validator(catalogue)
    tables: list[tuple[str, RawTable, str]] = []
    for path, display, origin in files:
        report.files.append(display)
        for table, role in _sheet_roles(path, read_tables(path, display, KNOWN_COLUMNS)):
            if role == "skip":
                report.warnings.extend(table.warnings)
                continue
            report.warnings.extend(table.warnings)
            if table.problems:
                validator.problems.extend(table.problems)
                continue
            validator.problems.extend(table.row_problems.values())
            tables.append((origin, table, role))
            if origin == "public_record":
                validator.public_tables.add(id(table))
    if not files and not problems:
        report.problems.append(Problem(", ".join(map(str, paths)) or ".", 1, 1, "no_files"))
    for _, table, role in tables:
        if role == "sources":
            validator.read_sources(table)
    for origin, table, role in tables:
        if role == "observations":
            validator.read_observations(table, origin)
        elif role == "breaks":
            validator.read_breaks(table)
        elif role in ("area_changes", "comparables"):
            validator.read_reference(table, role)
    validator.check_areas()
    validator.check_conflicts()
    validator.check_plausibility(as_of_year)
    report.problems = _in_order(report.problems + validator.problems, report.files)
    report.warnings = _in_order(report.warnings + validator.warnings, report.files)
    if report.ok:
        report.sources = pd.DataFrame(
            validator.source_rows, columns=list(SOURCE_COLUMNS + SOURCE_OPTIONAL)
        ).astype("string")
        report.observations = _tidy(validator.records)
        report.breaks = pd.DataFrame(validator.break_rows, columns=list(BREAK_COLUMNS)).astype(
            {c: dtype for c, (dtype, _) in BREAK_COLUMNS.items()}
        )
    return report


def load_observations(
    paths: Sequence[Path | str], catalogue: Catalogue, *, as_of_year: int | None = None
) -> pd.DataFrame:
    """Load, validate and tidy observations.

    Parameters
    ----------
    paths : sequence of path
        Files or folders (see :func:`validate_paths`).
    catalogue : Catalogue
        See :func:`dongson_analysis.catalogue.load_catalogue`.
    as_of_year : int, optional
        See :func:`validate_paths` (warnings do not stop the load).

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
    report = validate_paths(paths, catalogue, as_of_year=as_of_year)
    if not report.ok:
        raise ValidationError(report.problems)
    assert report.observations is not None
    return report.observations
