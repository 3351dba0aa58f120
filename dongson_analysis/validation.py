"""Validation of cells and rows: headers, sources, series breaks and the tables read beside the
record.

Every fault is a :class:`~dongson_analysis.problems.Problem` at its row and column
(:class:`Findings` collects them); nothing is guessed. The observations themselves,
which may run to a million rows, are read column by column in
:mod:`dongson_analysis.observation_table`; checks across rows and files are in
:mod:`dongson_analysis.cross_checks`, plausibility warnings in
:mod:`dongson_analysis.plausibility`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .catalogue import Catalogue, Indicator
from .input_schema import (
    BREAK_KINDS,
    BREAK_OPTIONAL,
    BREAK_REQUIRED,
    QUALIFIER_ALIASES,
    QUALIFIERS,
    SOURCE_COLUMNS,
    SOURCE_KINDS,
    SOURCE_OPTIONAL,
)
from .numbers import clean_text, show_breaks
from .periods import PeriodError, parse_period
from .problems import Phrase, Problem, column_letter
from .spelling import cell_text, closest, hint, word
from .tables import FREE_TEXT_COLUMNS, NUMBER_COLUMNS, RawTable

#: A line break inside a cell (where only free text may hold one).
LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x0b]")
_YEAR_COLUMN = re.compile(r"(19|20)\d\d(\.0)?")


@dataclass
class Findings:
    """The problems and warnings found so far, each at its cell."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def add(self, table: RawTable, row: int, at: str | int, code: str, /, **params: object) -> None:
        """A problem at ``row`` and the column ``at`` (a name of the header, or a number)."""
        col = at if isinstance(at, int) else table.column_number(at)
        self.problems.append(table.problem(row, col, code, **params))

    def warn(
        self, table: RawTable, row: int, at: str | int, code: str, /, **params: object
    ) -> None:
        """A warning at ``row`` and the column ``at``."""
        col = at if isinstance(at, int) else table.column_number(at)
        self.warnings.append(table.warning(row, col, code, **params))


def check_header(
    findings: Findings, table: RawTable, required: tuple[str, ...], optional: tuple[str, ...]
) -> bool:
    """Whether the header names the ``required`` columns and no others.

    Each fault is reported at its header cell: years as columns (a wide table), a column
    twice, a column of no table (with the closest name), a required column missing, and a
    header with no row under it.

    Parameters
    ----------
    findings : Findings
        Where the problems go.
    table : RawTable
        The table.
    required, optional : tuple of str
        The columns of its kind of table.

    Returns
    -------
    bool
        True when the table can be read.
    """
    years = [i for i, name in enumerate(table.header, start=1) if _YEAR_COLUMN.fullmatch(name)]
    if len(years) >= 2:
        findings.add(
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
            findings.add(table, table.header_row, i, "duplicate_column", column=name)
            ok = False
        seen.add(name)
        if name not in required and name not in optional:
            close = closest(name, required + optional) if name else None
            findings.add(
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
        findings.add(
            table,
            table.header_row,
            len(table.header) + 1,
            "missing_columns",
            columns=", ".join(missing),
            required=", ".join(required),
        )
        ok = False
    if ok and not table.has_rows and not table.row_problems:
        findings.add(table, table.header_row, 1, "header_only")
        ok = False
    return ok


def line_break_rows(findings: Findings, table: RawTable) -> np.ndarray:
    """Report every cell of a word column that holds a line break.

    Free-text and number columns may hold line breaks (a number's is named when it is read).

    Parameters
    ----------
    findings : Findings
        Where the problems go.
    table : RawTable
        The table.

    Returns
    -------
    numpy.ndarray of bool
        For each row, whether it has such a cell (the row is then not read further).
    """
    bad = np.zeros(len(table.row_numbers), dtype=bool)
    for i, name in enumerate(table.header):
        if name in FREE_TEXT_COLUMNS + NUMBER_COLUMNS:
            continue
        column = table.columns[i]
        broken = column.map(lambda v: isinstance(v, str) and bool(LINE_BREAK.search(v)))
        for r in np.flatnonzero(broken.astype(bool)):
            findings.add(
                table,
                table.row_numbers[r],
                i + 1,
                "line_break_in_cell",
                value=show_breaks(str(column[r]))[:60],
            )
        bad |= broken.astype(bool)
    return bad


def rows_in_order(table: RawTable, skip: np.ndarray) -> list[tuple[int, list[object]]]:
    """The rows of a small table without the ``skip`` ones, each with its cells."""
    return [row for row, skipped in zip(table.rows, skip) if not skipped]


def closest_indicator(catalogue: Catalogue, indicator_id: str) -> Phrase | str:
    """The hint for an unknown indicator id: the closest id, else the id of the closest name.

    Parameters
    ----------
    catalogue : Catalogue
        The indicators.
    indicator_id : str
        What was written (an id, or perhaps an indicator's name).

    Returns
    -------
    Phrase or str
        `` Did you mean '…'?``, or "".
    """
    found = hint(indicator_id, catalogue.indicators)
    if found:
        return found
    by_name = {name: ind.id for ind in catalogue for _, name in ind.names}
    close = closest(indicator_id, by_name)
    return Phrase("validation.hint_did_you_mean", {"value": by_name[close]}) if close else ""


class Sources:
    """The sources declared in the sources tables read, and the check of a cited source id."""

    def __init__(self, findings: Findings):
        self.findings = findings
        self.declared: dict[str, tuple[str, int, tuple[str, ...]]] = {}
        self.rows: list[dict[str, object]] = []

    def __contains__(self, source_id: object) -> bool:
        return source_id in self.declared

    def read(self, table: RawTable) -> None:
        """Read one sources table; a source may be declared twice only with the same fields.

        Parameters
        ----------
        table : RawTable
            The table.
        """
        if (
            not table.has_rows
            and not table.row_problems
            and set(SOURCE_COLUMNS) <= set(table.header)
        ):
            return  # an empty sources table is fine: the figures may all cite other tables' sources
        if not check_header(self.findings, table, SOURCE_COLUMNS, SOURCE_OPTIONAL):
            return
        skip = line_break_rows(self.findings, table)
        for row, cells in rows_in_order(table, skip):
            self._read_row(table, row, cells)

    def _read_row(self, table: RawTable, row: int, cells: list[object]) -> None:
        source_id = word(table.cell(cells, "source_id"))
        fields = (source_id,) + tuple(cell_text(table.cell(cells, c)) for c in SOURCE_COLUMNS[1:])
        extra = {
            c: cell_text(table.cell(cells, c)) if c in table.header else "" for c in SOURCE_OPTIONAL
        }
        if extra["kind"] and extra["kind"] not in SOURCE_KINDS:
            self.findings.add(
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
            self.findings.add(table, row, "source_id", "missing_source")
        elif source_id in self.declared:
            first_file, first_row, first_fields = self.declared[source_id]
            if fields != first_fields:  # the same declaration twice (a copy) is harmless
                self.findings.add(
                    table,
                    row,
                    "source_id",
                    "duplicate_source",
                    value=source_id,
                    first=f"{first_file}:{first_row}",
                )
        else:
            self.declared[source_id] = (table.file, row, fields)
            self.rows.append(dict(zip(SOURCE_COLUMNS, fields)) | extra)

    def check(self, table: RawTable, row: int, source_id: str) -> bool:
        """Whether ``source_id`` is given and declared; reported at its cell if not.

        Parameters
        ----------
        table : RawTable
            The table that cites it.
        row : int
            The row.
        source_id : str
            The id cited.

        Returns
        -------
        bool
            True when the source is declared.
        """
        if not source_id:
            self.findings.add(table, row, "source_id", "missing_source")
            return False
        if source_id not in self.declared:
            self.findings.add(
                table,
                row,
                "source_id",
                "unknown_source",
                value=source_id,
                hint=hint(source_id, self.declared),
            )
            return False
        return True


def read_reference(
    findings: Findings,
    sources: Sources,
    catalogue: Catalogue,
    table: RawTable,
    required: tuple[str, ...],
    optional: tuple[str, ...],
) -> None:
    """Check a table read beside the record (area changes, comparable areas' targets).

    Its header, its sources and, where it has them, its indicators; its rows are not
    figures of the record.

    Parameters
    ----------
    findings : Findings
        Where the problems go.
    sources : Sources
        The sources declared.
    catalogue : Catalogue
        The indicators.
    table : RawTable
        The table.
    required, optional : tuple of str
        The columns of its kind of table.
    """
    if not check_header(findings, table, required, optional):
        return
    skip = line_break_rows(findings, table)
    for row, cells in rows_in_order(table, skip):
        sources.check(table, row, word(table.cell(cells, "source_id")))
        if "indicator" in table.header:
            indicator_of(findings, catalogue, table, row, word(table.cell(cells, "indicator")))


def indicator_of(
    findings: Findings, catalogue: Catalogue, table: RawTable, row: int, indicator_id: str
) -> Indicator | None:
    """The catalogued indicator ``indicator_id``, or None (reported with the closest id).

    Parameters
    ----------
    findings : Findings
        Where the problem goes.
    catalogue : Catalogue
        The indicators.
    table : RawTable
        The table.
    row : int
        The row.
    indicator_id : str
        The id written.

    Returns
    -------
    Indicator or None
        The indicator.
    """
    indicator = catalogue.indicators.get(indicator_id)
    if indicator is None:
        findings.add(
            table,
            row,
            "indicator",
            "unknown_indicator",
            value=indicator_id,
            hint=closest_indicator(catalogue, indicator_id),
        )
    return indicator


@dataclass
class BreakTables:
    """The series breaks read, and where each area was named (for the checks across files:
    per table, its row numbers and areas).
    """

    rows: list[dict[str, object]] = field(default_factory=list)
    areas: list[tuple[RawTable, np.ndarray, np.ndarray]] = field(default_factory=list)


def read_breaks(
    findings: Findings,
    sources: Sources,
    catalogue: Catalogue,
    table: RawTable,
    into: BreakTables,
) -> None:
    """Read one series-breaks table: every row whose cells are all right.

    Parameters
    ----------
    findings : Findings
        Where the problems go.
    sources : Sources
        The sources declared.
    catalogue : Catalogue
        The indicators.
    table : RawTable
        The table.
    into : BreakTables
        Gets the rows read (:data:`~dongson_analysis.input_schema.BREAK_COLUMNS`) and the
        areas the table names.
    """
    if not check_header(findings, table, BREAK_REQUIRED, BREAK_OPTIONAL):
        return
    skip = line_break_rows(findings, table)
    named: list[tuple[int, str]] = []
    for row, cells in rows_in_order(table, skip):
        before = len(findings.problems)
        get = lambda column, cells=cells: word(table.cell(cells, column))  # noqa: E731
        indicator = indicator_of(findings, catalogue, table, row, get("indicator"))
        if get("area"):
            named.append((row, get("area")))
        try:
            year = parse_period(table.cell(cells, "from_year"))  # type: ignore[arg-type]
            if year.type != "year":
                raise PeriodError("bad_period", value=get("from_year"))
        except PeriodError as err:
            findings.add(table, row, "from_year", err.code, **err.params)
            year = None
        kind = get("break_kind").casefold()
        if kind not in BREAK_KINDS:
            findings.add(
                table,
                row,
                "break_kind",
                "bad_flag",
                value=kind,
                column="break_kind",
                allowed=", ".join(BREAK_KINDS),
                hint=hint(kind, BREAK_KINDS),
            )
        sources.check(table, row, get("source_id"))
        if len(findings.problems) > before or indicator is None or year is None:
            continue
        into.rows.append(
            {
                "indicator": indicator.id,
                "area": get("area"),
                "from_year": year.start,
                "break_kind": kind,
                "source_id": get("source_id"),
                "quote": cell_text(table.cell(cells, "quote")) if "quote" in table.header else "",
                "note": cell_text(table.cell(cells, "note")) if "note" in table.header else "",
            }
        )
    areas = np.empty(len(named), dtype=object)
    areas[:] = [area for _, area in named]
    into.areas.append((table, np.array([row for row, _ in named], dtype=np.int64), areas))


def table_text(table: RawTable, cells: list[object], column: str) -> str:
    """A cell of a table read beside the record, cleaned ("" where the table has no such
    column)."""
    return clean_text(str(table.cell(cells, column))) if column in table.header else ""


def read_qualifier(
    table: RawTable, row: int, cells: list[object], findings: Findings
) -> str | None:
    """The row's qualifier (``at_least`` …, aliases mapped; "" when empty), or None after
    naming an unknown one at its cell.

    Parameters
    ----------
    table : RawTable
    row : int
        The row's number in the file.
    cells : list
        The row's cells.
    findings : Findings
        Where an unknown qualifier is reported.

    Returns
    -------
    str or None
    """
    qualifier = table_text(table, cells, "qualifier")
    qualifier = QUALIFIER_ALIASES.get(qualifier, qualifier)
    if qualifier in QUALIFIERS:
        return qualifier
    findings.add(
        table,
        row,
        "qualifier",
        "bad_flag",
        value=qualifier,
        column="qualifier",
        hint="",
        allowed=", ".join(q for q in QUALIFIERS if q),
    )
    return None
