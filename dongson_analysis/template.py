"""The planners' template: a CSV file and an Excel workbook with the observation columns.

Planners copy a template into ``data/planner/``, fill one row per figure and cite a
source declared in a sources table (the public record's sources ``S01``... may be
cited too). See ``templates/README.md``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .catalogue import Catalogue
from .l10n import texts_for
from .records import (
    OBSERVATION_OPTIONAL,
    OBSERVATION_REQUIRED,
    SOURCE_COLUMNS,
    STATUS_ALIASES,
    STATUSES,
)
from .tables import GUIDE_SHEET

COLUMNS = OBSERVATION_REQUIRED + OBSERVATION_OPTIONAL
#: Header comment of every template: declares the Vietnamese number format.
NUMBER_FORMAT_LINE = "# number_format: vi"
_FIXED_TIME = dt.datetime(2020, 1, 7)


def instructions(language: str | None = None) -> list[tuple[str, ...]]:
    """Rows of the workbook's guide sheet: each column, its meaning in Vietnamese and in English
    (or in ``language`` alone).

    The words live in the language files (``validation.template_guide_*``), like every text a
    planner reads.
    """
    values = {"units": "tỷ đồng/triệu đồng"}  # spellings of units.csv, the same in every language
    if language is not None:
        texts = texts_for(language)
        return [
            (texts("validation.template_guide_column"), texts("validation.template_guide_meaning"))
        ] + [
            (column, texts(f"validation.template_guide_{column}", **values))
            for column in OBSERVATION_REQUIRED + OBSERVATION_OPTIONAL
        ]
    vi, en = texts_for("vi"), texts_for("en")
    rows: list[tuple[str, ...]] = [
        (
            f"{vi('validation.template_guide_column')} / {en('validation.template_guide_column')}",
            vi("validation.template_guide_meaning"),
            en("validation.template_guide_meaning"),
        )
    ]
    for column in OBSERVATION_REQUIRED + OBSERVATION_OPTIONAL:
        key = f"validation.template_guide_{column}"
        rows.append((column, vi(key, **values), en(key, **values)))
    return rows


def write_csv_template(path: Path) -> None:
    """Write the CSV template: the number-format line and the header."""
    path.write_text(NUMBER_FORMAT_LINE + "\n" + ",".join(COLUMNS) + "\n", encoding="utf-8")


def status_words(language: str) -> list[str]:
    """The status words a planner types in ``language`` (the first the validator reads for each
    status in Vietnamese, the ids in any other language)."""
    if language != "vi":
        return list(STATUSES)
    return [next(w for w, s in STATUS_ALIASES.items() if s == status) for status in STATUSES]


def write_xlsx_template(
    path: Path, language: str | None = None, catalogue: Catalogue | None = None
) -> None:
    """Write the workbook template: sheets ``observations``, ``sources`` and ``huong_dan``.

    Every cell of the ``observations`` and ``sources`` sheets is formatted as text
    so that Excel keeps ``2016-2020`` and ``3.000`` exactly as typed; the workbook's
    timestamps are fixed so that the file is the same every time it is written.

    With ``language``, the guide and a note on each column header are in that language and the
    status column offers that language's words; with ``catalogue``, the status, unit and
    indicator columns offer drop-down lists (the catalogue's units and indicator ids; another
    value is warned about, not refused). Without them the file is the shipped template.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "observations"
    sheet.append([NUMBER_FORMAT_LINE])
    sheet.append(list(COLUMNS))
    sources = book.create_sheet("sources")
    sources.append(list(SOURCE_COLUMNS))
    for ws, width in ((sheet, len(COLUMNS)), (sources, len(SOURCE_COLUMNS))):
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for col in range(1, width + 1):
            ws.column_dimensions[ws.cell(1, col).column_letter].width = 18
            for row in range(ws.max_row + 1, 201):
                ws.cell(row, col).number_format = "@"
    guide = book.create_sheet(GUIDE_SHEET)
    for line in instructions(language):
        guide.append(list(line))
    if language is not None:
        _header_notes(sheet, language)
        guide.column_dimensions["A"].width = 16
        guide.column_dimensions["B"].width = 80
    if catalogue is not None:
        _drop_down_lists(book, sheet, guide, language or "vi", catalogue)
    book.properties.created = _FIXED_TIME
    book.properties.modified = _FIXED_TIME
    book.properties.creator = "dongson_analysis"
    book.save(path)


def _header_notes(sheet, language: str) -> None:
    """A note on each header cell of ``sheet``: the column's meaning in ``language``."""
    from openpyxl.comments import Comment

    texts = texts_for(language)
    values = {"units": "tỷ đồng/triệu đồng"}
    for cell in sheet[2]:
        key = f"validation.template_guide_{cell.value}"
        if texts.has(key):
            cell.comment = Comment(texts(key, **values), "dongson_analysis")


def _drop_down_lists(book, sheet, guide, language: str, catalogue: Catalogue) -> None:
    """Drop-down lists for the status, unit and indicator columns, their values kept in the
    guide sheet (which is never read as figures).
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = {
        "status": status_words(language),
        "unit": list(catalogue.units),
        "indicator": [i.id for i in catalogue],
    }
    first = guide.max_column + 2
    widths = {"status": 14, "unit": 24, "indicator": 40}
    for offset, (column, values) in enumerate(lists.items()):
        letter = get_column_letter(first + offset)
        guide.column_dimensions[letter].width = widths[column]
        guide.cell(1, first + offset, f"{column} ▾")
        for row, value in enumerate(values, start=2):
            guide.cell(row, first + offset, value)
        source = f"{GUIDE_SHEET}!${letter}$2:${letter}${len(values) + 1}"
        check = DataValidation(type="list", formula1=source, allow_blank=True)
        check.errorStyle = "warning"
        check.showErrorMessage = True
        where = get_column_letter(COLUMNS.index(column) + 1)
        check.add(f"{where}3:{where}200")
        sheet.add_data_validation(check)
