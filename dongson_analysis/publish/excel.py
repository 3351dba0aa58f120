"""The workbook: one sheet per table that the chapters give
(:data:`~dongson_analysis.chapters.WORKBOOK`).

Each sheet is rendered, never built here: a form's heading block (``UBND …``, ``Biểu số
01``, the title, the unit) where the sheet has one, else its caption; the header row; the
rows. Times New Roman throughout. Numbers are stored as numbers with number formats
(``#,##0.0``), so that Excel shows ``3.000`` and ``18,2`` under a Vietnamese locale; years
are whole numbers (``2018``); a target range keeps each end in its own cell; text that a
spreadsheet would run as a formula is stored as text. Every sheet prints on A4 landscape,
one page wide, at 9 pt or more where its columns allow (text columns are narrowed, wrapping
their text, down to their declared width; a wider sheet prints smaller). The same results
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..blocks import Block, FormHead, Table
from ..l10n import Texts
from .files import looks_like_formula, normalise_zip

FIXED_TIME = dt.datetime(2020, 1, 1)
HEADER_FILL = PatternFill("solid", fgColor="F0F0F0")
FONT = "Times New Roman"
FONT_PT = 11
#: The smallest size text may print at.
MIN_PRINTED_PT = 9.0
LINE_HEIGHT = 13.5  # points per line of wrapped text (Times New Roman 11 pt)
THIN = Side(style="thin", color="808080")
RULED = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)  # a printed "biểu" is ruled
#: The side margins, in inches.
SIDE_MARGIN_IN = 0.4
#: The printable width of a landscape A4 page within those margins, in points.
PRINTABLE_PT = 297 / 25.4 * 72 - 2 * SIDE_MARGIN_IN * 72
#: Excel's column width unit: the width of a digit of the body font (about 7 px at 96 dpi for
#: Times New Roman 11) plus 5 px of padding per column.
DIGIT_PX, PADDING_PX = 7.0, 5.0


def font(bold: bool = False, italic: bool = False, size: float = FONT_PT) -> Font:
    return Font(name=FONT, bold=bold, italic=italic, size=size)


def printed_width_pt(widths: list[float]) -> float:
    """The width of columns on paper at 100%, in points."""
    return sum(w * DIGIT_PX + PADDING_PX for w in widths) * 0.75


def print_scale(widths: list[float]) -> float:
    """The scale at which columns of these widths fit the page's width (never above 1)."""
    return min(1.0, PRINTABLE_PT / printed_width_pt(widths))


def column_widths(table: Table) -> list[float]:
    """Column widths (characters) for a sheet that prints one page wide.

    Parameters
    ----------
    table : Table
        The sheet's table.

    Returns
    -------
    list of float
        Every column at least as wide as its longest word (a number's whole text: a number never
        wraps) and a text column at least its declared width where its text is that long (the
        indicator's name and the judgement wrap to a few lines, not one word a line). Where that
        fits the page at :data:`MIN_PRINTED_PT`, the widths fill the page in the declared
        proportions, none wider than its longest cell; else they stay at that floor and the
        sheet prints smaller (:func:`print_scale`), still one page wide.
    """
    scale = MIN_PRINTED_PT / FONT_PT
    capacity = (PRINTABLE_PT / scale / 0.75 - PADDING_PX * len(table.columns)) / DIGIT_PX
    need = table.needs(1.5, slash_breaks=False)
    natural = [
        max(
            [n, len(c.label) / 2 + 1.5]
            + [len(r.cells[i].text) + 1.5 for r in table.rows if not r.group]
        )
        for i, (c, n) in enumerate(zip(table.columns, need))
    ]
    for i, column in enumerate(table.columns):
        if column.kind == "number":  # a number never wraps; its marks ("(ước)") may
            need[i] = max(
                [need[i]]
                + [
                    len(part) + 1.5
                    for r in table.rows
                    if not r.group
                    for part in _marked(r.cells[i])
                ]
            )
        else:  # a text column keeps its declared width where its text needs it
            need[i] = max(need[i], min(column.width, natural[i]))
    if sum(need) > capacity:
        return [round(n, 1) for n in need]
    widths = table.fitted_widths(capacity, padding=1.5, slash_breaks=False, need=need)
    return [round(max(min(w, m), n), 1) for w, m, n in zip(widths, natural, need)]


def without_empty_extras(table: Table) -> Table:
    """``table`` without its workbook-only columns that hold nothing (the high end of a target
    range where no target is a range): they would only narrow the sheet on paper.
    """
    keep = [
        i
        for i, c in enumerate(table.columns)
        if not c.workbook_only or any(r.cells[i].text for r in table.rows if not r.group)
    ]
    return table.keeping(keep)


def _marked(cell) -> list[str]:
    """A number cell's text as the pieces that never break: the number with its first mark,
    then each further mark (``18,3 (ước)``, ``(cần xác minh)``)."""
    first, *marks = cell.text.split(" (")
    return [first] if not marks else [f"{first} ({marks[0]}"] + [f"({m}" for m in marks[1:]]


def _lines(text: str, width: float) -> int:
    """Lines that ``text`` wraps to in a column ``width`` characters wide (at spaces, as a
    spreadsheet wraps it; a word longer than the column is broken)."""
    import textwrap

    return max(
        1,
        len(textwrap.wrap(text, max(int(width - 1), 1))),
        math.ceil(len(text) / max(width - 1, 1)),
    )


def _merged(ws, row: int, first: int, last: int, text: str, style: Font, align: str) -> None:
    ws.cell(row, first, text).font = style
    ws.cell(row, first).alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    ws.cell(row, first).data_type = "s"
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _head(ws, head: FormHead | None, table: Table, widths: list[float], running: str) -> int:
    """The heading block (or the caption and the running head: the area and the periods);
    returns the row the table's header goes in.
    """
    n = len(table.columns)
    if head is None:
        _merged(ws, 1, 1, n, table.caption, font(bold=True, size=12), "left")
        _merged(ws, 2, 1, n, running, font(italic=True), "left")
        return 3
    split = max(2, n // 3)
    _merged(ws, 1, 1, split, head.authority, font(), "center")
    _merged(ws, 2, 1, split, head.office, font(bold=True), "center")
    _merged(ws, 1, n - 2, n, head.form, font(bold=True), "right")
    _merged(ws, 4, 1, n, head.title, font(bold=True, size=12), "center")
    total = sum(widths)
    ws.row_dimensions[4].height = LINE_HEIGHT * 1.2 * _lines(head.title, total * 0.9)
    _merged(ws, 5, 1, n, head.attached, font(italic=True), "center")
    _merged(ws, 6, n - 4, n, head.unit_note, font(italic=True), "right")
    return 7


def _write_sheet(ws, blocks: list[Block], running: str) -> None:
    head = next((b for b in blocks if isinstance(b, FormHead)), None)
    table = without_empty_extras(next(b for b in blocks if isinstance(b, Table)))
    widths = column_widths(table)
    header = _head(ws, head, table, widths, running)
    for i, column in enumerate(table.columns, start=1):
        cell = ws.cell(header, i, column.label)
        cell.font = font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = RULED
        cell.data_type = "s"
    r = header
    for row in table.rows:
        r += 1
        for i, (cell, column) in enumerate(zip(row.cells, table.columns), start=1):
            target = ws.cell(r, i)
            target.border = RULED
            target.font = font(bold=row.group)
            if row.group:
                if i == 1:
                    target.value = cell.text
                    target.data_type = "s"
                    target.alignment = Alignment(vertical="top", wrap_text=True)
                continue
            if cell.value is not None and math.isfinite(cell.value):
                target.value = int(cell.value) if cell.number_format == "0" else cell.value
                target.number_format = cell.number_format or "General"
            elif cell.text:
                target.value = cell.text
                target.data_type = "s"  # text stays text: never a formula
                if looks_like_formula(cell.text):
                    target.quotePrefix = True
            target.alignment = Alignment(
                wrap_text=column.kind == "text" or len(_marked(cell)) > 1, vertical="top"
            )
        if row.group:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(table.columns))
    for note in table.notes:
        r += 1
        _merged(ws, r, 1, len(table.columns), note, font(italic=True), "left")
        ws.row_dimensions[r].height = LINE_HEIGHT * _lines(note, sum(widths))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = round(width, 1)
    ws.row_dimensions[header].height = LINE_HEIGHT * max(
        _lines(c.label, widths[i]) for i, c in enumerate(table.columns)
    )
    for n, row in enumerate(table.rows, start=header + 1):  # as tall as their wrapped text
        if row.group:
            lines = _lines(row.cells[0].text, sum(widths))
        else:
            lines = max(
                _lines(cell.text, widths[i])
                if table.columns[i].kind == "text"
                else len(_marked(cell))
                for i, cell in enumerate(row.cells)
            )
        if lines > 1:
            ws.row_dimensions[n].height = LINE_HEIGHT * lines
    ws.freeze_panes = ws.cell(header + 1, 3 if head is not None else 2).coordinate
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    ws.page_setup.fitToWidth = 1  # one page wide: never a column printed away from its rows


def write_xlsx(
    path: Path,
    sheets: list[tuple[str, list[Block]]],
    texts: Texts,
    title: str,
    running: str = "",
) -> None:
    """Write the workbook.

    Parameters
    ----------
    path : Path
        The file to write.
    sheets : list of (str, list of Block)
        Each sheet's name and blocks (:func:`dongson_analysis.chapters.workbook`).
    texts : Texts
        Its language.
    title : str
        The workbook's title (its properties).
    running : str
        The area and the periods, under each caption.
    """
    book = Workbook()
    normal = next(s for s in book._named_styles if s.name == "Normal")
    normal.font = font()
    for index, (name, blocks) in enumerate(sheets):
        ws = book.active if index == 0 else book.create_sheet()
        ws.title = name
        _write_sheet(ws, blocks, running)
    book.properties.created = book.properties.modified = FIXED_TIME
    book.properties.creator = book.properties.lastModifiedBy = "dongson_analysis"
    book.properties.title = title
    book.properties.language = texts.language
    book.save(path)
    normalise_zip(path)
