"""Reading CSV and Excel files into raw cells, with exact row and column numbers.

Nothing here interprets values: that is :mod:`dongson_analysis.records`' job.
Accepted: UTF-8 with or without a byte-order mark, Windows or Unix line endings,
comma, semicolon or tab delimiters, and leading comment lines starting with ``#``
(in a workbook: rows whose first cell starts with ``#``). A comment line
``# number_format: vi`` (or ``en``) declares how numbers written as text are to be
read.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .numbers import NUMBER_FORMATS
from .problems import Problem, column_letter

_DIRECTIVE = re.compile(r"number_format\s*[:=]\s*([A-Za-z]+)")
_BOM = b"\xef\xbb\xbf"
SHEETS_READ = ("observations", "sources")


@dataclass
class RawTable:
    """Cells of one table, before interpretation.

    Attributes
    ----------
    file : str
        Name shown in messages (for a workbook sheet: ``book.xlsx[sheet]``).
    header : list of str
        Column names, stripped. Empty when the file could not be read.
    rows : list of (int, list)
        Row number as a spreadsheet shows it, and the cells: ``str`` for text,
        ``float`` for numbers typed into a workbook.
    header_row : int
        Row number of the header.
    number_format : {"vi", "en"} or None
        The format declared in the file, if any.
    problems : list of Problem
        Problems that stopped the file from being read.
    spreadsheet : bool
        The table is a workbook sheet: problems cite Excel cells (``B5``).
    """

    file: str
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    header_row: int = 1
    number_format: str | None = None
    problems: list[Problem] = field(default_factory=list)
    spreadsheet: bool = False

    def problem(self, row: int, column: int, code: str, /, **params: object) -> Problem:
        """A problem at a cell of this table."""
        return Problem(self.file, row, column, code, params, spreadsheet=self.spreadsheet)

    def cell(self, cells: list[object], column: str) -> object:
        index = self.header.index(column)
        return cells[index] if index < len(cells) else ""

    def column_number(self, column: str) -> int:
        return self.header.index(column) + 1


def _directive(text: str, table: RawTable, row: int) -> None:
    if m := _DIRECTIVE.search(text):
        fmt = m[1].lower()
        if fmt in NUMBER_FORMATS:
            table.number_format = fmt
        else:
            table.problems.append(table.problem(row, 1, "bad_flag", value=m[1], column="number_format",
                                                allowed=", ".join(NUMBER_FORMATS)))


def _is_blank(cells: list[object]) -> bool:
    return all(c is None or str(c).strip() == "" for c in cells)


def read_csv(path: Path, display: str | None = None) -> RawTable:
    """Read a CSV file; see the module docstring for what is accepted."""
    table = RawTable(display or str(path))
    data = path.read_bytes()
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        row = data.count(b"\n", 0, err.start) + 1
        table.problems.append(table.problem(row, err.start - line_start + 1, "not_utf8",
                                            byte=f"0x{data[err.start]:02X}"))
        return table
    lines = text.splitlines(keepends=True)
    skipped = 0
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#"):
            _directive(stripped, table, skipped + 1)
        elif stripped.strip(",;\t "):
            break
        skipped += 1
    body = "".join(lines[skipped:])
    if not body.strip():
        table.problems.append(table.problem(skipped + 1 if lines else 1, 1, "empty_file"))
        return table
    first_line = body.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    for record in reader:
        row = skipped + reader.line_num
        if not table.header:
            table.header = [c.strip() for c in record]
            table.header_row = row
        elif not _is_blank(record):
            table.rows.append((row, [c.strip() for c in record]))
    return table


def _excel_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return float(value)
    return str(value).strip()


def read_xlsx(path: Path, display: str | None = None) -> list[RawTable]:
    """Read the ``observations`` and ``sources`` sheets of a workbook (or its first sheet).

    Formula cells and merged header cells are reported as problems: a formula's
    value is not stored reliably in the file, and a merged header hides column names.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from zipfile import BadZipFile

    name = display or str(path)
    try:
        book = load_workbook(path, data_only=False, read_only=False)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as err:
        table = RawTable(name)
        table.problems.append(table.problem(1, 1, "not_a_workbook", detail=type(err).__name__))
        return [table]
    wanted = [s for s in book.sheetnames if s.strip().lower() in SHEETS_READ] or book.sheetnames[:1]
    tables = []
    for sheet_name in wanted:
        sheet = book[sheet_name]
        table = RawTable(f"{name}[{sheet_name}]", spreadsheet=True)
        for row_cells in sheet.iter_rows():
            row = row_cells[0].row
            for cell in row_cells:
                if cell.data_type == "f":
                    table.problems.append(table.problem(row, cell.column, "xlsx_formula",
                                                        cell=f"{column_letter(cell.column)}{row}",
                                                        formula=str(cell.value)))
            values = [_excel_cell(c.value) for c in row_cells]
            if not table.header:
                first = str(values[0]) if values else ""
                if first.startswith("#"):
                    _directive(first, table, row)
                elif not _is_blank(values):
                    table.header = [str(v) for v in values]
                    while table.header and table.header[-1] == "":
                        table.header.pop()
                    table.header_row = row
            elif not _is_blank(values):
                table.rows.append((row, values))
        if not table.header:
            table.problems.append(table.problem(1, 1, "empty_file"))
        for merged in sheet.merged_cells.ranges:
            if table.header and merged.min_row <= table.header_row <= merged.max_row:
                table.problems.append(table.problem(table.header_row, merged.min_col, "xlsx_merged_header",
                                                    cells=str(merged.coord)))
        tables.append(table)
    return tables


def read_tables(path: Path, display: str | None = None) -> list[RawTable]:
    """Read a ``.csv`` or ``.xlsx`` file into one or more raw tables."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [read_csv(path, display)]
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, display)
    table = RawTable(display or str(path))
    table.problems.append(table.problem(1, 1, "unrecognised_file"))
    return [table]
