"""The report's tables as an Excel workbook: review, judgements, projections, proposals, sources.

Numbers are stored as numbers with number formats (``#,##0.0``), so that Excel
shows ``3.000`` and ``18,2`` under a Vietnamese locale; header rows are frozen,
columns sized to fit; text that a spreadsheet would run as a formula is stored as
text. The same results give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..analysis import Analysis
from ..blocks import Cell, Column, Row, Table
from ..chapters.common import number_cell, quoted_cell, text_cell
from ..chapters.record import used_sources
from ..formatting import date_text, indicator_name, period_label, unit_label
from ..judgement import Judgement
from ..l10n import Texts
from ..review import review_sections, review_table, section_title, target_cell
from ..wording import judgement_cell, needs_text, status_label
from .files import looks_like_formula, normalise_zip

FIXED_TIME = dt.datetime(2020, 1, 1)
HEADER_FILL = PatternFill("solid", fgColor="F0F0F0")


def _percent(texts: Texts, value: float) -> Cell:
    return number_cell(texts, value, decimals=1) if math.isfinite(value) else Cell("")


def judgements_table(analysis: Analysis, texts: Texts) -> Table:
    columns = [
        Column(texts("columns.indicator"), width=44),
        Column(texts("columns.unit"), width=16),
        Column(texts("review.col.period"), width=12),
        Column(texts("review.col.target"), "number", 12),
        Column(texts("excel.status"), width=22),
        Column(texts("excel.known_value"), "number", 12),
        Column(texts("excel.known_period"), width=10),
        Column(texts("review.col.percent"), "number", 10),
        Column(texts("excel.probability"), "number", 10),
        Column(texts("review.col.assessment"), width=60),
        Column(texts("review.col.sources"), width=10),
    ]
    rows = []
    for index, section in enumerate(
        review_sections(analysis)
    ):  # grouped and ordered by plan, as in the review
        rows.append(
            Row(
                (Cell(section_title(texts, index, section.plan)),)
                + tuple(Cell("") for _ in columns[1:]),
                group=True,
            )
        )
        rows += [judgement_row(analysis, texts, row.judgement) for row in section.rows]
    return Table("judgements", texts("excel.judgements_caption"), tuple(columns), tuple(rows))


def judgement_row(analysis: Analysis, texts: Texts, j: Judgement) -> Row:
    cat = analysis.catalogue
    t = j.target
    ind = cat[t.indicator]
    return Row(
        (
            text_cell(indicator_name(texts, cat, t.indicator, start=True)),
            text_cell(unit_label(texts, cat, ind.unit)),
            text_cell(period_label(texts, t.period)),
            target_cell(texts, analysis, j),
            text_cell(status_label(texts, j.status)),
            number_cell(texts, j.known_value) if math.isfinite(j.known_value) else Cell(""),
            text_cell(period_label(texts, j.known_period) if j.known_period else ""),
            _percent(texts, j.percent_of_target),
            _percent(texts, 100 * j.probability),
            text_cell(judgement_cell(texts, analysis, j)),
            text_cell(texts.join(list(t.sources))),
        )
    )


def projections_table(analysis: Analysis, texts: Texts) -> Table:
    cat = analysis.catalogue
    columns = [
        Column(texts("columns.indicator"), width=44),
        Column(texts("columns.unit"), width=16),
        Column(texts("columns.year"), "number", 8),
        Column(texts("columns.median"), "number", 12),
        Column(texts("excel.lower80"), "number", 12),
        Column(texts("excel.upper80"), "number", 12),
        Column(texts("excel.lower95"), "number", 12),
        Column(texts("excel.upper95"), "number", 12),
    ]
    rows = []
    for indicator, p in analysis.projections.items():
        whole = cat[indicator].spec.whole_numbers
        for i, year in enumerate(p.horizon_years):
            rows.append(
                Row(
                    (
                        text_cell(indicator_name(texts, cat, indicator, start=True)),
                        text_cell(unit_label(texts, cat, cat[indicator].unit)),
                        Cell(str(int(year)), float(year), "0"),
                        number_cell(texts, p.point[i], whole),
                        number_cell(texts, p.lower80[i], whole),
                        number_cell(texts, p.upper80[i], whole),
                        number_cell(texts, p.lower95[i], whole),
                        number_cell(texts, p.upper95[i], whole),
                    )
                )
            )
    return Table("projections", texts("excel.projections_caption"), tuple(columns), tuple(rows))


def proposals_table(analysis: Analysis, texts: Texts) -> Table:
    cat = analysis.catalogue
    columns = [
        Column(texts("columns.indicator"), width=44),
        Column(texts("columns.unit"), width=16),
        Column(texts("excel.base_year"), "number", 8),
        Column(texts("excel.base_value"), "number", 12),
    ]
    for name in ("safe", "expected", "stretch"):
        columns += [
            Column(texts(f"columns.{name}"), "number", 13),
            Column(texts("excel.probability_of", level=texts(f"columns.{name}")), "number", 12),
            Column(texts("excel.change_of", level=texts(f"columns.{name}")), "number", 12),
        ]
    columns += [
        Column(texts("columns.price_basis"), width=16),
        Column(texts("excel.needs"), width=60),
    ]
    rows = []
    for p in analysis.proposals:
        ind = cat[p.indicator]
        unit = cat[ind.average_of].unit if ind.average_of else ind.unit
        whole = ind.spec.whole_numbers
        cells = [
            text_cell(indicator_name(texts, cat, p.indicator, start=True)),
            text_cell(unit_label(texts, cat, unit)),
        ]
        cells += [
            Cell(str(p.base_year), float(p.base_year), "0") if p.base_year else Cell(""),
            number_cell(texts, p.base_value, whole) if math.isfinite(p.base_value) else Cell(""),
        ]
        for name in ("safe", "expected", "stretch"):
            if p.proposed:
                level = p.level(name)
                cells += [
                    number_cell(texts, level.value, whole),
                    _percent(texts, 100 * level.probability),
                    number_cell(texts, level.annual_change, decimals=2)
                    if math.isfinite(level.annual_change)
                    else Cell(""),
                ]
            else:
                cells += [Cell(""), Cell(""), Cell("")]
        cells += [
            text_cell(texts(f"columns.price_{ind.price_basis}")),
            text_cell(needs_text(texts, analysis, p.needs, []) if not p.proposed else ""),
        ]
        rows.append(Row(tuple(cells)))
    return Table(
        "proposals",
        texts("excel.proposals_caption"),
        tuple(columns),
        tuple(rows),
        (texts("excel.change_note"),),
    )


def sources_table(analysis: Analysis, texts: Texts) -> Table:
    columns = [
        Column(texts("columns.source_id"), width=8),
        Column(texts("columns.publisher"), width=44),
        Column(texts("columns.published"), width=12),
        Column(texts("columns.url"), width=60),
    ]
    rows = [
        Row(
            (
                text_cell(str(r.source_id)),
                quoted_cell(str(r.publisher)),
                text_cell(date_text(texts, str(r.published))),
                quoted_cell(str(r.url)),
            )
        )
        for r in used_sources(analysis).itertuples()
    ]
    return Table("sources", texts("excel.sources_caption"), tuple(columns), tuple(rows))


LINE_HEIGHT = 15  # points per line of wrapped text
THIN = Side(style="thin", color="808080")
RULED = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)  # a printed "biểu" is ruled


def _fitted_widths(table: Table) -> list[float]:
    """Column widths (characters) that fit numbers and let text wrap at the column's own width."""
    widths = []
    for i, column in enumerate(table.columns):
        longest = max([len(row.cells[i].text) for row in table.rows if not row.group] + [0])
        if column.kind == "number":
            widths.append(max(column.width, longest + 2, min(len(column.label) + 2, 14)))
        else:
            widths.append(max(column.width, min(longest + 2, column.width * 1.6)))
    return widths


def _lines(text: str, width: float) -> int:
    """Lines that ``text`` wraps to in a column ``width`` characters wide."""
    return math.ceil(len(text) / max(width - 1, 1))


def _write_sheet(ws, table: Table, freeze: str = "B3") -> None:
    ws.append([table.caption])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([c.label for c in table.columns])
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = RULED
    for row in table.rows:
        ws.append([None] * len(table.columns))
        r = ws.max_row
        for i, (cell, column) in enumerate(zip(row.cells, table.columns), start=1):
            target = ws.cell(r, i)
            target.border = RULED
            if row.group:
                if i == 1:
                    target.value = cell.text
                    target.font = Font(bold=True)
                    target.data_type = "s"
                continue
            if cell.value is not None and math.isfinite(cell.value):
                target.value = cell.value
                target.number_format = cell.number_format or "General"
            elif cell.text:
                target.value = cell.text
                target.data_type = "s"  # text stays text: never a formula
                if looks_like_formula(cell.text):
                    target.quotePrefix = True
            target.alignment = Alignment(wrap_text=column.kind == "text", vertical="top")
    for note in table.notes:
        ws.append([note])
        ws.cell(ws.max_row, 1).data_type = "s"
        ws.cell(ws.max_row, 1).font = Font(italic=True)
    widths = _fitted_widths(table)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = round(width, 1)
    header_lines = max(_lines(c.label, widths[i]) for i, c in enumerate(table.columns))
    if header_lines > 1:  # the header row as tall as its longest wrapped label
        ws.row_dimensions[2].height = LINE_HEIGHT * header_lines
    for r, row in enumerate(table.rows, start=3):  # rows as tall as their longest wrapped text
        if not row.group:
            lines = max(_lines(cell.text, widths[i]) for i, cell in enumerate(row.cells))
            if lines > 1:
                ws.row_dimensions[r].height = LINE_HEIGHT * lines
    ws.freeze_panes = freeze
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_xlsx(path: Path, analysis: Analysis, texts: Texts) -> None:
    """Write the workbook: one sheet per table, and the sources."""
    book = Workbook()
    sheets = [
        ("review", review_table(analysis, texts)),
        ("judgements", judgements_table(analysis, texts)),
        ("projections", projections_table(analysis, texts)),
        ("proposals", proposals_table(analysis, texts)),
        ("sources", sources_table(analysis, texts)),
    ]
    for index, (key, table) in enumerate(sheets):
        ws = book.active if index == 0 else book.create_sheet()
        ws.title = texts(f"excel.sheet_{key}")
        _write_sheet(
            ws, table, freeze="C3" if key == "review" else "B3"
        )  # keep the indicator's name in view
    book.properties.created = book.properties.modified = FIXED_TIME
    book.properties.creator = book.properties.lastModifiedBy = "dongson_analysis"
    book.properties.title = texts("excel.title", area_name=analysis.settings.area_name)
    book.save(path)
    normalise_zip(path)
