"""Targets that comparable areas adopted: read beside the record, never judged.

A table of comparable areas' targets (``data/raw/comparables/targets.csv``) holds what
the province and neighbouring districts set for the same indicators, each with its
source and quote. Proposals are set beside them so that a leader sees what others
thought attainable. The table is checked like any table of the record (header,
sources, indicator ids: :mod:`dongson_analysis.validation`); this module reads its
values into :data:`COMPARABLE_COLUMNS`, in the unit of the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .catalogue import Catalogue
from .numbers import NumberError, parse_number
from .periods import PeriodError, parse_period
from .tables import RawTable
from .validation import Findings, read_qualifier, table_text

#: Columns of the comparables table the analysis carries (dtype, meaning).
COMPARABLE_COLUMNS: dict[str, tuple[str, str]] = {
    "area_name": ("string", "the area as the source names it (tỉnh Thanh Hóa)"),
    "area_level": ("string", "its level as written (tỉnh, huyện, phường)"),
    "indicator": ("string", "catalogue id (canonical)"),
    "period": ("string", "the target's period (2025, 2021-2025)"),
    "period_start": ("Int64", "first year"),
    "period_end": ("Int64", "last year"),
    "value": ("float64", "the target, in the catalogue unit of the indicator"),
    "value_high": ("float64", "upper end of a range target"),
    "qualifier": ("string", "at_least, more_than, ... or empty"),
    "source_id": ("string", "source id"),
    "quote": ("string", "the source's words"),
    "note": ("string", "how the figure was read"),
}


def read_comparables(
    tables: Iterable[RawTable], catalogue: Catalogue, findings: Findings
) -> pd.DataFrame:
    """The values of comparable areas' targets, each cell that cannot be read named.

    Parameters
    ----------
    tables : iterable of RawTable
        The comparables tables (already checked for header, sources and indicators).
    catalogue : Catalogue
        For canonical ids and unit conversion.
    findings : Findings
        Where a value, period, qualifier or unit that cannot be read is reported.

    Returns
    -------
    DataFrame
        One row per target, columns :data:`COMPARABLE_COLUMNS`.
    """
    rows = []
    for table in tables:
        for row, cells in table.rows:
            read = _row(table, row, cells, catalogue, findings)
            if read is not None:
                rows.append(read)
    frame = pd.DataFrame(rows, columns=list(COMPARABLE_COLUMNS))
    return frame.astype({c: dtype for c, (dtype, _) in COMPARABLE_COLUMNS.items()})


def _row(
    table: RawTable, row: int, cells: list[object], catalogue: Catalogue, findings: Findings
) -> dict[str, object] | None:
    indicator = table_text(table, cells, "indicator")
    if indicator not in catalogue:
        return None  # named by the indicator check
    canonical = catalogue.canonical(indicator)
    unit = table_text(table, cells, "unit")
    factor = catalogue.conversion_factor(unit, catalogue[canonical].unit)
    if factor is None:
        findings.add(
            table,
            row,
            "unit",
            "comparable_unit",
            unit=unit,
            expected=catalogue[canonical].unit,
            indicator=canonical,
        )
        return None
    try:
        period = parse_period(table_text(table, cells, "period"))
    except PeriodError as err:
        findings.add(table, row, "period", err.code, **err.params)
        return None
    values = []
    for column in ("value", "value_high"):
        text = table_text(table, cells, column)
        if not text:
            values.append(float("nan"))
            continue
        try:
            values.append(parse_number(text, table.number_format) * factor)
        except NumberError as err:
            findings.add(table, row, column, err.code, **err.params)
            return None
    qualifier = read_qualifier(table, row, cells, findings)
    if qualifier is None:
        return None
    return {
        "area_name": table_text(table, cells, "area_name"),
        "area_level": table_text(table, cells, "area_level"),
        "indicator": canonical,
        "period": str(period),
        "period_start": period.start,
        "period_end": period.end,
        "value": values[0],
        "value_high": values[1],
        "qualifier": qualifier,
        "source_id": table_text(table, cells, "source_id"),
        "quote": table_text(table, cells, "quote"),
        "note": table_text(table, cells, "note"),
    }
