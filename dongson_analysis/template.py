"""The planners' template: a CSV file and an Excel workbook with the observation columns.

Planners copy a template into ``data/planner/``, fill one row per figure and cite a
source declared in a sources table (the public record's sources ``S01``... may be
cited too). See ``templates/README.md``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .l10n import texts_for
from .records import OBSERVATION_OPTIONAL, OBSERVATION_REQUIRED, SOURCE_COLUMNS
from .tables import GUIDE_SHEET

COLUMNS = OBSERVATION_REQUIRED + OBSERVATION_OPTIONAL
#: Header comment of every template: declares the Vietnamese number format.
NUMBER_FORMAT_LINE = "# number_format: vi"
_FIXED_TIME = dt.datetime(2020, 1, 7)


def instructions() -> list[tuple[str, str, str]]:
    """Rows of the workbook's guide sheet: each column, its meaning in Vietnamese and in English.

    The words live in the language files (``validation.template_guide_*``), like every text a
    planner reads.
    """
    vi, en = texts_for("vi"), texts_for("en")
    rows = [
        (
            f"{vi('validation.template_guide_column')} / {en('validation.template_guide_column')}",
            vi("validation.template_guide_meaning"),
            en("validation.template_guide_meaning"),
        )
    ]
    values = {"units": "tỷ đồng/triệu đồng"}  # spellings of units.csv, the same in every language
    for column in OBSERVATION_REQUIRED + OBSERVATION_OPTIONAL:
        key = f"validation.template_guide_{column}"
        rows.append((column, vi(key, **values), en(key, **values)))
    return rows


def write_csv_template(path: Path) -> None:
    """Write the CSV template: the number-format line and the header."""
    path.write_text(NUMBER_FORMAT_LINE + "\n" + ",".join(COLUMNS) + "\n", encoding="utf-8")


def write_xlsx_template(path: Path) -> None:
    """Write the workbook template: sheets ``observations``, ``sources`` and ``huong_dan``.

    Every cell of the ``observations`` and ``sources`` sheets is formatted as text
    so that Excel keeps ``2016-2020`` and ``3.000`` exactly as typed; the workbook's
    timestamps are fixed so that the file is the same every time it is written.
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
    for line in instructions():
        guide.append(list(line))
    book.properties.created = _FIXED_TIME
    book.properties.modified = _FIXED_TIME
    book.properties.creator = "dongson_analysis"
    book.save(path)
