"""Reading CSV and Excel files into raw cells, with exact row and column numbers.

Nothing here interprets values: that is :mod:`dongson_analysis.records`' job. What
is read here is the *shape* of a table, and every way the shape can go wrong is
reported at its cell instead of being guessed.

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
    :mod:`dongson_analysis.records` decides from each header which ones hold
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
from pathlib import Path

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
NUMBER_COLUMNS = ("value", "value_high")
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
class RawTable:
    """Cells of one table, before interpretation.

    Attributes
    ----------
    file : str
        Name shown in messages (for a workbook sheet: ``book.xlsx[sheet]``).
    header : list of str
        Column names, cleaned (see :func:`header_name`). Empty when the file could not be read.
    rows : list of (int, list)
        Row number as a spreadsheet shows it, and the cells: ``str`` for text,
        ``float`` for numbers typed into a workbook (a percentage cell: the value
        as shown, see ``percent_cells``).
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
        Rows that cannot be read as cells (they are left out of ``rows``), with the reason.
    warnings : list of Problem
        Shown, never applied (a title row that was skipped).
    percent_cells : set of (row, column)
        Workbook cells formatted as a percentage: the stored fraction was multiplied by 100.
    date_cells : dict of (row, column) to str
        Workbook cells that Excel stores as a date, with the date as ``dd/mm/yyyy``.
    """

    file: str
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
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

    def cell(self, cells: list[object], column: str) -> object:
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


def _lines(text: str) -> list[str]:
    """Lines as csv reads them: broken at CR, LF or CRLF only (each line keeps its end)."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


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
    data = path.read_bytes()
    if kind := _binary_kind(data):
        table.problems.append(table.problem(1, 1, kind))
        return table
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
        return table
    lines = _lines(text)
    if (nul := text.find("\x00")) >= 0:
        line_start = max(text.rfind("\n", 0, nul), text.rfind("\r", 0, nul)) + 1
        line_end = min(
            (i for i in (text.find("\n", nul), text.find("\r", nul)) if i >= 0), default=len(text)
        )
        line = text[line_start:line_end]
        d = max(DELIMITERS, key=line.count)
        row = len(_lines(text[:line_start])) + 1
        table.problems.append(table.problem(row, text[line_start:nul].count(d) + 1, "nul_byte"))
        return table
    delimiter: str | None = None
    skipped = 0
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#"):
            _directive(stripped, table, skipped + 1)
        elif m := _SEP_LINE.match(line.rstrip("\r\n")):
            delimiter = m[1]
        elif stripped.strip(",;\t "):
            table.has_content = True
            break
        skipped += 1
    if skipped >= len(lines):
        table.problems.append(table.problem(skipped + 1 if lines else 1, 1, "empty_file"))
        return table
    # the header: the first of the next lines that names known columns (with the delimiter that
    # shows it)
    header_at, found = skipped, None
    for i in range(skipped, min(len(lines), skipped + MAX_ROWS_ABOVE_HEADER + 1)):
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
    body = "".join(lines[header_at:])
    _read_csv_body(table, body, delimiter, header_at)
    if table.header and above:
        _title_rows(table, above)
    return table


def _read_csv_body(table: RawTable, body: str, delimiter: str, offset: int) -> None:
    others = [d for d in DELIMITERS if d != delimiter]
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    total_lines = len(_lines(body))
    records = 0
    with _large_fields():
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error:
                table.problems.append(table.problem(offset + records + 1, 1, "csv_unreadable"))
                return
            records += 1
            row = offset + records
            if not table.header:
                _set_header(table, record, row)
                continue
            if _is_blank(record) or _is_comment(record):
                continue
            width = len(table.header)
            if _repeats_header(table, record):
                table.row_problems[row] = table.problem(
                    row, 1, "repeated_header", header=table.header_row
                )
                continue
            swallowed = _swallowed_rows(table, record, delimiter, reader.line_num >= total_lines)
            if swallowed is not None:
                column, count = swallowed
                table.problems.append(table.problem(row, column, "unclosed_quote", count=count))
                return
            cells = [c.strip() for c in record]
            while len(cells) > width and cells[-1] == "":
                cells.pop()
            if len(cells) > width:
                table.row_problems[row] = _extra_cells(table, row, cells, delimiter)
                continue
            if len(cells) <= 2 < width:
                joined = delimiter.join(cells)
                found = max(others, key=joined.count)
                if joined.count(found) >= width // 2:
                    table.row_problems[row] = table.problem(
                        row, 1, "delimiter_mixup", found=_show(found), expected=_show(delimiter)
                    )
                    continue
            table.rows.append((row, cells))


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
    table = RawTable(
        f"{name}[{sheet.title}]",
        spreadsheet=True,
        sheet=sheet.title,
        hidden=sheet.sheet_state != "visible",
    )
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
    table.has_content = bool(content)
    # comments, title rows and the header
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
        table.problems.append(table.problem(1, 1, "empty_file"))
        return table
    header_row, header_cells = rest[header_index]
    _set_header(table, header_cells, header_row)
    width = len(table.header)
    _title_rows(table, [(r, c) for r, c in rest[:header_index] if not _is_comment(c)])
    # what Excel hides or merges
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
            if r >= header_row and column <= len(cells) and str(cells[column - 1]).strip()
        ]
        if filled:
            table.problems.append(
                table.problem(
                    header_row, column, "xlsx_hidden_column", letter=column_letter(column)
                )
            )
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
    # the figures
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
        table.rows.append((row, cells[:width]))
    return table


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
