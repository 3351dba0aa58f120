"""Reading CSV and Excel files into raw cells, with exact row and column numbers.

Nothing here interprets values: that is the job of :mod:`dongson_analysis.validation`.
What is read here is the *shape* of a table, and every way the shape can go wrong is
reported at its cell instead of being guessed. A table is kept column by column
(:class:`Column`: each distinct cell once, and a code per row), so that a file of a
million figures is read in seconds and checked one distinct value at a time.

CSV files
    UTF-8 with or without a byte-order mark, Windows or Unix line endings,
    comma, semicolon or tab delimiters. Leading comment lines start with ``#``;
    ``# number_format: vi`` (or ``en``) declares how numbers written as text are
    read. Excel's ``sep=;`` line names the delimiter. Any later row whose first
    cell starts with ``#`` is a comment too. The header is the first row that
    names at least three known columns; a title row above it is skipped with a
    warning. Refused, each at its row and column: a workbook or UTF-16 text
    saved under a ``.csv`` name, bytes that are not UTF-8, NUL characters, a
    quotation mark that is never closed (it swallows the rows after it), a row
    with more cells than the header (an unquoted ``48,2`` split at its comma),
    a row separated by another delimiter than the header.
    Rows are numbered as a spreadsheet shows them: a cell holding a line break
    stays on one row.
Workbooks (``.xlsx``, ``.xlsm``)
    Every worksheet is read (chart sheets hold no cells and are passed over);
    :mod:`dongson_analysis.file_discovery` decides from each header which ones hold
    figures. Each cell keeps its stored value with what its number format says:
    a cell formatted as a percentage holds a fraction (``0,182`` shown as
    ``18,2%``), so the value as shown (``18.2``) is read and the cell is marked;
    a cell that Excel turned into a date is marked as one. Refused: formulas (the
    stored result may be stale), merged cells in the header or among the figures,
    rows and columns that are hidden (or filtered out) but hold data, a
    password-protected, old-format (``.xls``), renamed-text or damaged file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from pathlib import Path

import numpy as np
import pandas as pd

from .numbers import NUMBER_FORMATS, clean_text, show_breaks
from .problems import Phrase, Problem, column_letter

_DIRECTIVE = re.compile(r"number[\s_-]*format\s*[:=]\s*([A-Za-z]+)", re.IGNORECASE)
_SEP_LINE = re.compile(r"^ *sep *= *(\t|[^\s]) *$", re.IGNORECASE)
_BOM = b"\xef\xbb\xbf"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
DELIMITERS = (",", ";", "\t")
SHEETS_READ = ("observations", "sources")
#: Columns that hold numbers: an unquoted decimal comma splits one of them in two.
NUMBER_COLUMNS = ("value", "value_high", "change_percent")
#: Columns that hold free text: a line break is allowed there.
FREE_TEXT_COLUMNS = (
    "quote",
    "note",
    "what_it_covers",
    "what_it_covers_vi",
    "publisher",
    "publisher_vi",
    "url",
)
#: The instructions sheet of the workbook template: never read, never warned about.
GUIDE_SHEET = "huong_dan"
#: A header must name this many known columns to be recognised below a title row.
MIN_KNOWN_COLUMNS = 3
#: How many rows above the header are searched for it.
MAX_ROWS_ABOVE_HEADER = 10
#: Largest cell accepted in a CSV file (Python's own limit is 131 072 characters).
MAX_CELL_CHARACTERS = 10_000_000


@dataclass
class Column:
    """The cells of one column: each distinct cell once, and for each row the index of its cell.

    Attributes
    ----------
    codes : numpy.ndarray of int32
        For each row, the index of its cell in ``values``.
    values : list
        The distinct cells (``str``, or ``float`` for a number typed into a workbook).
    """

    codes: np.ndarray
    values: list[object]

    @classmethod
    def of(cls, cells: list[object] | tuple[object, ...], strip: bool = False) -> Column:
        """A column of ``cells`` (stripped of surrounding spaces when ``strip``)."""
        if not len(cells):
            return cls(np.zeros(0, dtype=np.int32), [])
        codes, uniques = pd.factorize(
            np.asarray(cells, dtype=object), sort=False, use_na_sentinel=False
        )
        values = list(uniques)
        if strip:
            values = [v.strip() if isinstance(v, str) else v for v in values]
        return cls(codes.astype(np.int32, copy=False), values)

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i: int) -> object:
        return self.values[self.codes[i]]

    def cells(self) -> list[object]:
        """Every row's cell, in order."""
        return [self.values[c] for c in self.codes]

    def map_values(self, function) -> np.ndarray:
        """``function`` of each distinct cell, in the order of ``values`` (an object array)."""
        out = np.empty(len(self.values), dtype=object)
        out[:] = [function(v) for v in self.values]
        return out

    def map(self, function) -> np.ndarray:
        """``function`` of every row's cell, computed once per distinct cell (an object array)."""
        return self.map_values(function)[self.codes]


@dataclass
class RawTable:
    """Cells of one table, before interpretation.

    Attributes
    ----------
    file : str
        Name shown in messages (for a workbook sheet: ``book.xlsx[sheet]``).
    header : list of str
        Column names, cleaned (see :func:`header_name`). Empty when the file could not be read.
    row_numbers : list of int
        Row number, as a spreadsheet shows it, of each row read.
    columns : list of Column
        The cells of each column of the header, one per row read: ``str`` for text,
        ``float`` for numbers typed into a workbook (a percentage cell: the value as
        shown, see ``percent_cells``); ``""`` where a row ends before the column.
    header_row : int
        Row number of the header.
    number_format : {"vi", "en"} or None
        The format declared in the file, if any.
    problems : list of Problem
        Problems that stopped the table from being read.
    spreadsheet : bool
        The table is a workbook sheet: problems cite Excel cells (``B5``).
    sheet : str or None
        The sheet's name in its workbook.
    hidden : bool
        The sheet is hidden in Excel.
    has_content : bool
        Some cell of the table holds something.
    row_problems : dict of int to Problem
        Rows that cannot be read as cells (they are left out of the rows read), with the
        reason.
    warnings : list of Problem
        Shown, never applied (a title row that was skipped).
    percent_cells : set of (row, column)
        Workbook cells formatted as a percentage: the stored fraction was multiplied by 100.
    date_cells : dict of (row, column) to str
        Workbook cells that Excel stores as a date, with the date as ``dd/mm/yyyy``.
    """

    file: str
    header: list[str] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    header_row: int = 1
    number_format: str | None = None
    problems: list[Problem] = field(default_factory=list)
    spreadsheet: bool = False
    sheet: str | None = None
    hidden: bool = False
    has_content: bool = False
    row_problems: dict[int, Problem] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    percent_cells: set[tuple[int, int]] = field(default_factory=set)
    date_cells: dict[tuple[int, int], str] = field(default_factory=dict)

    def problem(self, row: int, column: int, code: str, /, **params: object) -> Problem:
        """A problem at a cell of this table."""
        return Problem(self.file, row, column, code, params, spreadsheet=self.spreadsheet)

    def warning(self, row: int, column: int, code: str, /, **params: object) -> Problem:
        """A warning at a cell of this table."""
        return Problem(
            self.file, row, column, code, params, spreadsheet=self.spreadsheet, severity="warning"
        )

    def set_rows(self, numbers: list[int], cells: list[list[object]], strip: bool = False) -> None:
        """Keep the rows ``numbers`` with their ``cells``, column by column (each row as many
        cells as the header: longer rows are cut, shorter ones end in ``""``).
        """
        width = len(self.header)
        self.row_numbers = numbers
        if any(len(c) != width for c in cells):
            cells = [c if len(c) == width else (list(c) + [""] * width)[:width] for c in cells]
        self.columns = [Column.of(list(map(itemgetter(j), cells)), strip) for j in range(width)]

    @property
    def rows(self) -> list[tuple[int, list[object]]]:
        """Every row read, with its cells (built on demand: for small tables)."""
        cells = [column.cells() for column in self.columns]
        return [(row, [c[i] for c in cells]) for i, row in enumerate(self.row_numbers)]

    @property
    def has_rows(self) -> bool:
        return bool(self.row_numbers)

    def same_cells(self, other: RawTable) -> bool:
        """Whether the two tables hold the same cells, row by row."""
        return [c for _, c in self.rows] == [c for _, c in other.rows]

    def column(self, name: str) -> Column:
        """The cells of the column ``name`` (which the header must hold)."""
        return self.columns[self.header.index(name)]

    def cell(self, cells: list[object], column: str) -> object:
        """The cell of ``column`` among a row's ``cells``."""
        index = self.header.index(column)
        return cells[index] if index < len(cells) else ""

    def column_number(self, column: str) -> int:
        return self.header.index(column) + 1

    def where(self, row: int, column: int = 1) -> str:
        """How a message names another cell: ``file:row`` or ``book.xlsx[sheet]!B5``."""
        return (
            f"{self.file}!{column_letter(column)}{row}"
            if self.spreadsheet
            else f"{self.file}:{row}"
        )


def header_name(cell: object) -> str:
    """A header cell as a column name: clean Unicode, no invisible characters, lower case."""
    return clean_text(str(cell if cell is not None else "")).casefold()


def _directive(text: str, table: RawTable, row: int) -> None:
    if m := _DIRECTIVE.search(text):
        fmt = m[1].lower()
        if fmt in NUMBER_FORMATS:
            table.number_format = fmt
        else:
            table.problems.append(
                table.problem(
                    row,
                    1,
                    "bad_flag",
                    value=m[1],
                    column="number_format",
                    allowed=", ".join(NUMBER_FORMATS),
                    hint="",
                )
            )


def _is_blank(cells: list[object]) -> bool:
    return all(c is None or str(c).strip() == "" for c in cells)


def _is_comment(cells: list[object]) -> bool:
    return bool(cells) and str(cells[0] if cells[0] is not None else "").strip().startswith("#")


def _known_count(cells: list[object], known: frozenset[str]) -> int:
    return len({header_name(c) for c in cells} & known)


def _split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines(text: str) -> list[str]:
    """Lines as csv reads them: broken at CR, LF or CRLF only (each line keeps its end)."""
    return _LINE.findall(text)


def _line_count(text: str) -> int:
    """``len(_lines(text))``, counted without splitting the text."""
    ends = text.count("\n") + text.count("\r") - text.count("\r\n")
    return ends + (1 if text and text[-1] not in "\r\n" else 0)


class _Lines:
    """The lines of a text (see :func:`_lines`), split only as far as they are asked for."""

    def __init__(self, text: str):
        self.text = text
        self._found = _LINE.finditer(text)
        self._lines: list[str] = []
        self._starts: list[int] = []

    def has(self, i: int) -> bool:
        while len(self._lines) <= i:
            match = next(self._found, None)
            if match is None:
                return False
            self._lines.append(match[0])
            self._starts.append(match.start())
        return True

    def __getitem__(self, i: int) -> str:
        if not self.has(i):
            raise IndexError(i)
        return self._lines[i]

    def rest(self, i: int) -> str:
        """The text from line ``i`` on."""
        return self.text[self._starts[i] :] if self.has(i) else ""


@contextmanager
def _large_fields() -> Iterator[None]:
    old = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARACTERS)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _title_rows(table: RawTable, rows: list[tuple[int, list[object]]]) -> None:
    """Rows between the comments and the header: a title is skipped with a warning, anything fuller
    refused.
    """
    for row, cells in rows:
        filled = [str(c).strip() for c in cells if c is not None and str(c).strip()]
        if len(filled) <= 2:
            table.warnings.append(
                table.warning(row, 1, "title_row", value=filled[0][:60], header=table.header_row)
            )
        else:
            table.row_problems[row] = table.problem(
                row, 1, "row_above_header", header=table.header_row
            )


def _set_header(table: RawTable, cells: list[object], row: int) -> None:
    table.header = [header_name(c) for c in cells]
    while table.header and table.header[-1] == "":
        table.header.pop()
    table.header_row = row


# -- CSV --------------------------------------------------------------------------------------


def _binary_kind(data: bytes) -> str | None:
    """The message code for a file that is no text at all, or None."""
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        return "csv_is_workbook"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    head = data[:400]
    if (
        len(head) >= 8 and max(head[1::2].count(0), head[0::2].count(0)) > len(head) // 4
    ):  # UTF-16, no BOM
        return "utf16"
    return None


def read_csv(
    path: Path, display: str | None = None, known_columns: frozenset[str] = frozenset()
) -> RawTable:
    """Read a CSV file; see the module docstring for what is accepted and what is refused.

    Parameters
    ----------
    path : Path
        The file.
    display : str, optional
        Its name in messages.
    known_columns : frozenset of str
        Column names of every table the caller reads; the header is the first row
        that names at least :data:`MIN_KNOWN_COLUMNS` of them (else the first row).
    """
    table = RawTable(display or str(path))
    text = _csv_text(path.read_bytes(), table)
    if text is None:
        return table
    lines = _Lines(text)
    found = _csv_header(lines, table, known_columns)
    if found is None:
        return table
    header_at, delimiter, above = found
    body = lines.rest(header_at)
    del lines, text
    _read_csv_body(table, body, delimiter, header_at)
    if table.header and above:
        _title_rows(table, above)
    return table


def _csv_text(data: bytes, table: RawTable) -> str | None:
    """The text of a CSV file; None (with the problem) for a binary, UTF-16, non-UTF-8 or NUL."""
    if kind := _binary_kind(data):
        table.problems.append(table.problem(1, 1, kind))
        return None
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = max(data.rfind(b"\n", 0, err.start), data.rfind(b"\r", 0, err.start)) + 1
        row = len(_lines(data[:line_start].decode("utf-8", "replace"))) + 1
        table.problems.append(
            table.problem(
                row, err.start - line_start + 1, "not_utf8", byte=f"0x{data[err.start]:02X}"
            )
        )
        return None
    if (nul := text.find("\x00")) >= 0:
        line_start = max(text.rfind("\n", 0, nul), text.rfind("\r", 0, nul)) + 1
        line_end = min(
            (i for i in (text.find("\n", nul), text.find("\r", nul)) if i >= 0), default=len(text)
        )
        line = text[line_start:line_end]
        d = max(DELIMITERS, key=line.count)
        row = len(_lines(text[:line_start])) + 1
        table.problems.append(table.problem(row, text[line_start:nul].count(d) + 1, "nul_byte"))
        return None
    return text


def _csv_header(
    lines: _Lines, table: RawTable, known_columns: frozenset[str]
) -> tuple[int, str, list[tuple[int, list[str]]]] | None:
    """Where the header is (a line index), the delimiter, and the rows above it; None (with the
    problem) when the file holds nothing but comments and blank lines.

    Leading comments may declare the number format, Excel's ``sep=`` line the delimiter; the
    header is the first of the next lines that names known columns (with the delimiter that
    shows it), else the first line with content.
    """
    delimiter: str | None = None
    skipped = 0
    while lines.has(skipped):
        line = lines[skipped]
        stripped = line.strip()
        if stripped.startswith("#"):
            _directive(stripped, table, skipped + 1)
        elif m := _SEP_LINE.match(line.rstrip("\r\n")):
            delimiter = m[1]
        elif stripped.strip(",;\t "):
            table.has_content = True
            break
        skipped += 1
    if not lines.has(skipped):
        table.problems.append(table.problem(skipped + 1 if lines.has(0) else 1, 1, "empty_file"))
        return None
    header_at, found = skipped, None
    for i in range(skipped, skipped + MAX_ROWS_ABOVE_HEADER + 1):
        if not lines.has(i):
            break
        stripped = lines[i].strip()
        if stripped.startswith("#"):
            _directive(stripped, table, i + 1)
            continue
        if not stripped.strip(",;\t "):
            continue
        counts = {
            d: _known_count(_split_line(lines[i], d), known_columns)
            for d in ((delimiter,) if delimiter else DELIMITERS)
        }
        best = max(counts, key=lambda d: counts[d])
        if counts[best] >= MIN_KNOWN_COLUMNS:
            header_at, found = i, best
            break
    delimiter = found or delimiter or max(DELIMITERS, key=lines[skipped].count)
    above = [
        (i + 1, _split_line(lines[i], delimiter))
        for i in range(skipped, header_at)
        if lines[i].strip().strip(",;\t ") and not lines[i].strip().startswith("#")
    ]
    return header_at, delimiter, above


def _read_csv_body(table: RawTable, body: str, delimiter: str, offset: int) -> None:
    """Read the header and the rows of a CSV file's body (from its header line on).

    Most rows are plain: as many cells as the header, no line break inside a cell, not
    a comment. They are kept as they are and checked for a repeated header column by
    column afterwards (:func:`_repeated_headers`); every other row is checked on its own.
    """
    total_lines = _line_count(body)
    if _read_one_line_rows(table, body, delimiter, offset, total_lines):
        return
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    records = 0
    numbers: list[int] = []
    kept: list[list[str]] = []
    width = 0
    line = 0  # the last line of the previous record: a record on one line holds no line break
    with _large_fields():
        try:
            for record in reader:
                records += 1
                if (
                    width
                    and len(record) == width
                    and reader.line_num == line + 1
                    and (start := record[0][:1])
                    and start != "#"
                    and not start.isspace()
                ):
                    line += 1
                    numbers.append(offset + records)
                    kept.append(record)  # a plain row (its cells are stripped in columns)
                    continue
                line = reader.line_num
                if not table.header:
                    _set_header(table, record, offset + records)
                    width = len(table.header)
                    continue
                row = offset + records
                outcome = _odd_row(table, record, row, delimiter, reader.line_num >= total_lines)
                if outcome is _STOP:
                    return
                if outcome is not None:
                    numbers.append(row)
                    kept.append(outcome)  # type: ignore[arg-type]
        except csv.Error:
            table.problems.append(table.problem(offset + records + 1, 1, "csv_unreadable"))
            return
    table.set_rows(numbers, kept, strip=True)  # type: ignore[arg-type]
    _repeated_headers(table)


#: Returned by :func:`_odd_row` when the rest of the file cannot be read.
_STOP = object()


def _read_one_line_rows(
    table: RawTable, body: str, delimiter: str, offset: int, total_lines: int
) -> bool:
    """Read a body whose every row is one line (no cell holds a line break) in one pass of the
    CSV reader, checking the rows that are not plain one by one. False (nothing read) when a
    row spans lines or the reader fails: the body is then read row by row.
    """
    with _large_fields():
        try:
            records = list(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter))
        except csv.Error:
            return False
    if len(records) != total_lines or not records:
        return False
    _set_header(table, records[0], offset + 1)
    width = len(table.header)
    if not table.header:
        return False
    starts = [r[0][:1] if len(r) == width else "" for r in records]
    numbers: list[int] = []
    kept: list[list[str]] = []
    for k, start in enumerate(starts[1:], start=1):
        if start and start != "#" and not start.isspace():
            numbers.append(offset + k + 1)
            kept.append(records[k])
            continue
        outcome = _odd_row(table, records[k], offset + k + 1, delimiter, k + 1 >= total_lines)
        if outcome is _STOP:
            return True
        if outcome is not None:
            numbers.append(offset + k + 1)
            kept.append(outcome)  # type: ignore[arg-type]
    table.set_rows(numbers, kept, strip=True)  # type: ignore[arg-type]
    _repeated_headers(table)
    return True


def _odd_row(
    table: RawTable, record: list[str], row: int, delimiter: str, last: bool
) -> list[str] | object | None:
    """A row that is not plain: its cells, None (left out: blank, a comment, or a row problem) or
    :data:`_STOP` (a quotation mark that swallows the rest of the file).
    """
    width = len(table.header)
    if _is_blank(record) or _is_comment(record):
        return None
    if _repeats_header(table, record):
        table.row_problems[row] = table.problem(row, 1, "repeated_header", header=table.header_row)
        return None
    swallowed = _swallowed_rows(table, record, delimiter, last)
    if swallowed is not None:
        column, count = swallowed
        table.problems.append(table.problem(row, column, "unclosed_quote", count=count))
        return _STOP
    cells = [c.strip() for c in record]
    while len(cells) > width and cells[-1] == "":
        cells.pop()
    if len(cells) > width:
        table.row_problems[row] = _extra_cells(table, row, cells, delimiter)
        return None
    if len(cells) <= 2 < width:
        joined = delimiter.join(cells)
        found = max((d for d in DELIMITERS if d != delimiter), key=joined.count)
        if joined.count(found) >= width // 2:
            table.row_problems[row] = table.problem(
                row, 1, "delimiter_mixup", found=_show(found), expected=_show(delimiter)
            )
            return None
    return cells


def _folds_to(cell: object, name: str) -> bool:
    """``header_name(cell) == name``, quickly for plain ASCII text."""
    if isinstance(cell, str) and cell.isascii():
        return cell.strip().lower() == name
    return header_name(cell) == name


def _repeated_headers(table: RawTable) -> None:
    """Leave out the rows that repeat the header (see :func:`_repeats_header`), each with its
    problem, looking at each column's distinct cells once.
    """
    named = [(i, name) for i, name in enumerate(table.header) if name]
    need = min(MIN_KNOWN_COLUMNS, len(named))
    if not table.row_numbers or not need:
        return
    hits = np.zeros(len(table.row_numbers), dtype=np.int32)
    for i, name in named:
        column = table.columns[i]
        same = np.fromiter((_folds_to(v, name) for v in column.values), bool, len(column.values))
        hits += same[column.codes]
    repeated = np.flatnonzero(hits >= need)
    if not len(repeated):
        return
    for i in repeated:
        row = table.row_numbers[i]
        table.row_problems[row] = table.problem(row, 1, "repeated_header", header=table.header_row)
    keep = np.ones(len(table.row_numbers), dtype=bool)
    keep[repeated] = False
    table.row_numbers = [r for r, k in zip(table.row_numbers, keep) if k]
    for column in table.columns:
        column.codes = column.codes[keep]


def _repeats_header(table: RawTable, cells: list[object]) -> bool:
    """A data row that is the header again (two files pasted one after the other)."""
    same = sum(1 for name, cell in zip(table.header, cells) if name and header_name(cell) == name)
    return same >= min(MIN_KNOWN_COLUMNS, len([n for n in table.header if n]))


def _show(delimiter: str) -> object:
    return Phrase("validation.delimiter_tab") if delimiter == "\t" else delimiter


def _swallowed_rows(
    table: RawTable, record: list[str], delimiter: str, last: bool
) -> tuple[int, int] | None:
    """(column, lines) of a cell that holds whole rows: its quotation mark was never closed.

    A cell holds rows when a line inside it has about as many delimiters as the
    header has columns, and either the cell is no free-text column, or the row
    did not end with as many cells as the header, or the cell runs to the end of
    the file. (A quotation with line breaks in a free-text column is fine.)
    """
    width = len(table.header)
    if width < 4:
        return None
    for i, cell in enumerate(record):
        lines = cell.splitlines()
        if len(lines) < 2 or not any(line.count(delimiter) >= width - 2 for line in lines[1:]):
            continue
        free_text = i < width and table.header[i] in FREE_TEXT_COLUMNS
        if not free_text or len(record) != width or last:
            return i + 1, len(lines) - 1
    return None


def _extra_cells(table: RawTable, row: int, cells: list[str], delimiter: str) -> Problem:
    width = len(table.header)
    if delimiter == ",":
        # a number column whose cell and the next one read as a number split at its decimal comma
        for i in range(min(width, len(cells) - 1)):
            a, b = cells[i], cells[i + 1]
            if (
                table.header[i] in NUMBER_COLUMNS
                and re.fullmatch(r"[+\-\u2212]?(\d{1,3}(\.\d{3})+|\d+)", a)
                and re.fullmatch(r"\d+", b)
            ):
                return table.problem(row, i + 1, "unquoted_decimal_comma", number=f"{a},{b}")
    extra = next(i for i in range(width, len(cells)) if cells[i])
    return table.problem(
        row,
        extra + 1,
        "too_many_cells",
        count=len(cells),
        columns=width,
        letter=column_letter(extra + 1),
        value=show_breaks(cells[extra])[:60],
    )


# -- workbooks --------------------------------------------------------------------------------


def _is_percent_format(number_format: str) -> bool:
    """Whether an Excel number format shows the value as a percentage (a ``%`` outside quotes)."""
    plain = re.sub(r'"[^"]*"|\\.', "", number_format or "")
    return "%" in plain


def _excel_cell(cell, table: RawTable) -> object:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        shown = (
            value.strftime("%d/%m/%Y") if isinstance(value, (dt.datetime, dt.date)) else str(value)
        )
        table.date_cells[(cell.row, cell.column)] = shown
        return shown
    if isinstance(value, (int, float)):
        if _is_percent_format(cell.number_format):
            table.percent_cells.add((cell.row, cell.column))
            return float(Decimal(repr(float(value))) * 100)
        return float(value)
    return str(value).strip()


def _workbook_fault(path: Path, err: Exception) -> tuple[str, dict[str, object]]:
    """The message code (and its values) for a workbook that openpyxl cannot open."""
    try:
        with zipfile.ZipFile(path) as archive:
            from xml.etree import ElementTree

            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    try:
                        ElementTree.fromstring(archive.read(name))
                    except Exception:  # noqa: BLE001 - any part that does not parse is the damaged one
                        return "workbook_damaged", {"part": name}
    except (zipfile.BadZipFile, OSError):
        pass
    return "not_a_workbook", {"detail": type(err).__name__}


def _open_fault(path: Path) -> str | None:
    """The message code for a file named .xlsx that is no zip archive, or None."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if head.startswith(_ZIP_MAGIC):
        return None
    if head.startswith(_OLE_MAGIC):
        data = path.read_bytes()
        return "workbook_encrypted" if _ENCRYPTED_MARK in data else "workbook_old_format"
    try:
        head.decode("utf-8")
        return "workbook_is_text" if head.strip() else "empty_file"
    except UnicodeDecodeError:
        return "not_a_workbook"


def read_xlsx(
    path: Path, display: str | None = None, known_columns: frozenset[str] = frozenset()
) -> list[RawTable]:
    """Read every worksheet of a workbook; see the module docstring.

    Returns one :class:`RawTable` per worksheet (chart sheets have no cells), in
    the workbook's order; a workbook that cannot be opened gives one table with
    the problem.
    """
    from openpyxl import load_workbook

    name = display or str(path)
    if code := _open_fault(path):
        table = RawTable(name)
        table.problems.append(table.problem(1, 1, code, detail=""))
        return [table]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(path, data_only=False, read_only=False)
    except Exception as err:  # noqa: BLE001 - any failure to open is a fault of the file, said in words
        code, params = _workbook_fault(path, err)
        table = RawTable(name)
        table.problems.append(table.problem(1, 1, code, **params))
        return [table]
    tables = []
    for sheet in book.worksheets:
        try:
            tables.append(_read_sheet(sheet, name, known_columns))
        except Exception:  # noqa: BLE001 - a sheet openpyxl opens but cannot walk is damaged, said in words
            table = RawTable(
                f"{name}[{sheet.title}]", spreadsheet=True, sheet=sheet.title, has_content=True
            )
            table.problems.append(table.problem(1, 1, "workbook_damaged", part=sheet.title))
            tables.append(table)
    return tables


def _read_sheet(sheet, name: str, known: frozenset[str]) -> RawTable:
    """One worksheet: its cells, its header, what Excel hides, merges or computes, its rows."""
    table = RawTable(
        f"{name}[{sheet.title}]",
        spreadsheet=True,
        sheet=sheet.title,
        hidden=sheet.sheet_state != "visible",
    )
    content, formulas, errors = _sheet_cells(sheet, table)
    table.has_content = bool(content)
    header_row = _sheet_header(table, content, known)
    if header_row is None:
        table.problems.append(table.problem(1, 1, "empty_file"))
        return table
    _hidden_cells(sheet, table, content)
    _merged_cells(sheet, table)
    for row, column, formula in formulas:
        if row >= header_row:
            table.problems.append(
                table.problem(
                    row,
                    column,
                    "xlsx_formula",
                    cell=f"{column_letter(column)}{row}",
                    formula=formula,
                )
            )
    _sheet_rows(table, content, errors)
    return table


def _sheet_cells(
    sheet, table: RawTable
) -> tuple[list[tuple[int, list[object]]], list[tuple[int, int, str]], dict[tuple[int, int], str]]:
    """The rows that hold something, the formulas and the error cells of a worksheet."""
    all_rows: list[tuple[int, list[object]]] = []
    formulas: list[tuple[int, int, str]] = []
    errors: dict[tuple[int, int], str] = {}
    for row_cells in sheet.iter_rows():
        if not row_cells:
            continue
        row = row_cells[0].row
        for cell in row_cells:
            if cell.data_type == "f":
                formula = (
                    cell.value if isinstance(cell.value, str) else getattr(cell.value, "text", "")
                )
                formulas.append((row, cell.column, str(formula)))
        for cell in row_cells:
            if cell.data_type == "e":
                errors[(row, cell.column)] = str(cell.value)
        all_rows.append((row, [_excel_cell(c, table) for c in row_cells]))
    content = [(row, cells) for row, cells in all_rows if not _is_blank(cells)]
    return content, formulas, errors


def _sheet_header(
    table: RawTable, content: list[tuple[int, list[object]]], known: frozenset[str]
) -> int | None:
    """Read the comments, title rows and header of a sheet; the header's row (None: empty)."""
    comments = 0
    for row, cells in content:
        if not _is_comment(cells):
            break
        _directive(str(cells[0]), table, row)
        comments += 1
    rest = content[comments:]
    header_index = 0
    for i, (_row, cells) in enumerate(rest[: MAX_ROWS_ABOVE_HEADER + 1]):
        if _is_comment(cells):
            continue
        if _known_count(cells, known) >= MIN_KNOWN_COLUMNS:
            header_index = i
            break
    if not rest:
        return None
    header_row, header_cells = rest[header_index]
    _set_header(table, header_cells, header_row)
    _title_rows(table, [(r, c) for r, c in rest[:header_index] if not _is_comment(c)])
    return header_row


def _hidden_cells(sheet, table: RawTable, content: list[tuple[int, list[object]]]) -> None:
    """Rows and columns that are hidden (or filtered out) but hold data."""
    hidden_rows = {r for r, dim in sheet.row_dimensions.items() if dim.hidden or dim.ht == 0}
    for row, cells in content:
        if row in hidden_rows:
            column = next(i for i, c in enumerate(cells, start=1) if str(c).strip())
            table.problems.append(
                table.problem(
                    row,
                    column,
                    "xlsx_hidden_row",
                    row_number=row,
                    value=show_breaks(str(cells[column - 1]))[:40],
                )
            )
    hidden_columns = set()
    for dim in sheet.column_dimensions.values():
        if dim.hidden and dim.min and dim.max:
            hidden_columns.update(range(dim.min, dim.max + 1))
    for column in sorted(hidden_columns):
        filled = [
            r
            for r, cells in content
            if r >= table.header_row and column <= len(cells) and str(cells[column - 1]).strip()
        ]
        if filled:
            table.problems.append(
                table.problem(
                    table.header_row, column, "xlsx_hidden_column", letter=column_letter(column)
                )
            )


def _merged_cells(sheet, table: RawTable) -> None:
    """Merged cells in the header or among the figures (a merged title above is fine)."""
    header_row, width = table.header_row, len(table.header)
    for merged in sheet.merged_cells.ranges:
        if merged.max_row < header_row:
            continue  # a title above the header
        if merged.min_row <= header_row <= merged.max_row:
            table.problems.append(
                table.problem(
                    header_row, merged.min_col, "xlsx_merged_header", cells=str(merged.coord)
                )
            )
        else:
            column = (
                table.header[merged.min_col - 1]
                if merged.min_col <= width
                else column_letter(merged.min_col)
            )
            table.problems.append(
                table.problem(
                    merged.min_row,
                    merged.min_col,
                    "xlsx_merged_cells",
                    cells=str(merged.coord),
                    column=column,
                    first=f"{column_letter(merged.min_col)}{merged.min_row}",
                )
            )


def _sheet_rows(
    table: RawTable,
    content: list[tuple[int, list[object]]],
    errors: dict[tuple[int, int], str],
) -> None:
    """The rows below the header, each row that cannot be read left out with its problem."""
    header_row, width = table.header_row, len(table.header)
    kept: list[tuple[int, list[object]]] = []
    for row, cells in content:
        if row <= header_row or _is_comment(cells):
            continue
        if _repeats_header(table, cells):
            table.row_problems[row] = table.problem(row, 1, "repeated_header", header=header_row)
            continue
        error = next(
            (
                (column, errors[(row, column)])
                for column in range(1, width + 1)
                if (row, column) in errors
            ),
            None,
        )
        if error is not None:
            table.row_problems[row] = table.problem(
                row,
                error[0],
                "xlsx_error_cell",
                value=error[1],
                cell=f"{column_letter(error[0])}{row}",
            )
            continue
        extra = next((i for i in range(width, len(cells)) if str(cells[i]).strip()), None)
        if extra is not None:
            table.row_problems[row] = table.problem(
                row,
                extra + 1,
                "cell_without_column",
                cell=f"{column_letter(extra + 1)}{row}",
                value=show_breaks(str(cells[extra]))[:60],
                header=header_row,
            )
            continue
        kept.append((row, cells[:width]))
    table.set_rows([row for row, _ in kept], [cells for _, cells in kept])


# -- any file ---------------------------------------------------------------------------------

#: Suffixes read as CSV and as workbooks.
CSV_SUFFIXES = (".csv", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: Spreadsheet files that are not read: in a data folder, each is refused rather than skipped
#: silently.
UNREAD_SPREADSHEETS = (
    ".xls",
    ".xlsb",
    ".ods",
    ".fods",
    ".numbers",
    ".et",
    ".ett",
    ".xltx",
    ".xltm",
    ".xlt",
)


def read_tables(
    path: Path, display: str | None = None, known_columns: frozenset[str] = frozenset()
) -> list[RawTable]:
    """Read a ``.csv`` or ``.xlsx`` file into one or more raw tables.

    A file that cannot be read at all (a broken link, no permission, a folder
    with a file's name, an unsupported kind) gives one table with the problem.
    """
    name = display or str(path)
    suffix = path.suffix.lower()
    table = RawTable(name)
    if path.is_symlink() and not path.exists():
        table.problems.append(table.problem(1, 1, "broken_link"))
        return [table]
    try:
        if suffix in CSV_SUFFIXES:
            return [read_csv(path, display, known_columns)]
        if suffix in WORKBOOK_SUFFIXES:
            return read_xlsx(path, display, known_columns)
    except PermissionError:
        table.problems.append(table.problem(1, 1, "unreadable_permission"))
        return [table]
    except FileNotFoundError:
        table.problems.append(table.problem(1, 1, "broken_link"))
        return [table]
    except OSError:
        table.problems.append(table.problem(1, 1, "unreadable_file"))
        return [table]
    if suffix in UNREAD_SPREADSHEETS:
        table.problems.append(table.problem(1, 1, "unsupported_spreadsheet", suffix=suffix))
    else:
        table.problems.append(table.problem(1, 1, "unrecognised_file"))
    return [table]
