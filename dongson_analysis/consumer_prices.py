"""National consumer prices: read beside the record, never judged, set beside current-price rates.

A table of the national consumer price index's yearly change
(``data/raw/national/consumer_prices.csv``: the whole country's average CPI on the
previous year, as the statistics office published it, each with its source and quote)
lets the text say how much of a rate at current prices is price rises. The table is
checked like any table read beside the record (header and sources:
:func:`dongson_analysis.validation.read_reference`); this module reads its values into
:data:`CONSUMER_PRICE_COLUMNS` with the record's number parser, and picks the latest
figure a report of a given date may cite (:func:`latest_change`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .input_schema import CONSUMER_PRICE_REQUIRED
from .numbers import NumberError, parse_number, split_percent
from .periods import PeriodError, parse_period
from .tables import RawTable
from .validation import Findings, read_qualifier, table_text
from .vintage import published_sources

#: Catalogue price bases whose values and rates include price rises: their rates are set beside
#: the national consumer price change.
PRICE_RISE_BASES: tuple[str, ...] = ("current",)

#: Columns of the consumer prices table the analysis carries (dtype, meaning).
CONSUMER_PRICE_COLUMNS: dict[str, tuple[str, str]] = {
    "period": ("string", "the year the change is of (2019)"),
    "year": ("Int64", "that year"),
    "change_percent": ("float64", "the change of the average CPI on the previous year, in %"),
    "qualifier": ("string", "at_least, more_than, ... or empty"),
    "source_id": ("string", "source id"),
    "quote": ("string", "the source's words"),
    "note": ("string", "how the figure was read"),
}


@dataclass(frozen=True)
class PriceChange:
    """One year's national consumer price change, as a sentence cites it."""

    year: int
    change_percent: float
    source_id: str


def empty_consumer_prices() -> pd.DataFrame:
    """A consumer prices table with no row (the columns of :data:`CONSUMER_PRICE_COLUMNS`)."""
    frame = pd.DataFrame(columns=list(CONSUMER_PRICE_COLUMNS))
    return frame.astype({c: dtype for c, (dtype, _) in CONSUMER_PRICE_COLUMNS.items()})


def read_consumer_prices(tables: Iterable[RawTable], findings: Findings) -> pd.DataFrame:
    """The yearly consumer price changes of the tables, each cell that cannot be read named.

    Parameters
    ----------
    tables : iterable of RawTable
        The consumer prices tables (already checked for header and sources; a table
        without the required columns is not read, its header is named by that check).
    findings : Findings
        Where a period that is not one year, a change that is not a number or a qualifier
        that is not known is reported, at its file, row and column.

    Returns
    -------
    DataFrame
        One row per year read, columns :data:`CONSUMER_PRICE_COLUMNS`, in the tables' order.
    """
    rows = [
        read
        for table in tables
        if all(column in table.header for column in CONSUMER_PRICE_REQUIRED)
        for row, cells in table.rows
        if (read := _row(table, row, cells, findings)) is not None
    ]
    frame = pd.DataFrame(rows, columns=list(CONSUMER_PRICE_COLUMNS))
    return frame.astype({c: dtype for c, (dtype, _) in CONSUMER_PRICE_COLUMNS.items()})


def _row(
    table: RawTable, row: int, cells: list[object], findings: Findings
) -> dict[str, object] | None:
    try:
        period = parse_period(table_text(table, cells, "period"))
    except PeriodError as err:
        findings.add(table, row, "period", err.code, **err.params)
        return None
    if period.start != period.end or getattr(period, "half", 0):
        findings.add(
            table, row, "period", "consumer_price_period", value=str(period), year=period.end
        )
        return None
    text, _ = split_percent(table_text(table, cells, "change_percent"))
    try:
        change = parse_number(text, table.number_format)
    except NumberError as err:
        findings.add(table, row, "change_percent", err.code, **err.params)
        return None
    qualifier = read_qualifier(table, row, cells, findings)
    if qualifier is None:
        return None
    return {
        "period": str(period),
        "year": period.start,
        "change_percent": change,
        "qualifier": qualifier,
        "source_id": table_text(table, cells, "source_id"),
        "quote": table_text(table, cells, "quote"),
        "note": table_text(table, cells, "note"),
    }


def consumer_prices_by_date(
    frame: pd.DataFrame, sources: pd.DataFrame, report_date: str | None
) -> pd.DataFrame:
    """The consumer price changes, each with its source's date and whether a report dated
    ``report_date`` may cite it (the working notes show the others as published since).

    Parameters
    ----------
    frame : DataFrame
        :data:`CONSUMER_PRICE_COLUMNS`.
    sources : DataFrame
        The sources declared (``source_id``, ``published``).
    report_date : str or None
        The report's date (None: every source may be cited).

    Returns
    -------
    DataFrame
        ``frame`` sorted by year, with ``published`` and ``published_by_report_date``.
    """
    dates = dict(zip(sources["source_id"], sources["published"]))
    known = published_sources(sources, report_date)
    frame = frame.sort_values(["year", "source_id"], kind="stable")
    return frame.assign(
        published=frame["source_id"].map(dates).astype("string"),
        published_by_report_date=frame["source_id"].isin(known).astype(bool),
    ).reset_index(drop=True)


def latest_change(frame: pd.DataFrame) -> PriceChange | None:
    """The latest year's national consumer price change a report may cite, or None.

    Parameters
    ----------
    frame : DataFrame
        As :func:`consumer_prices_by_date` returns it.

    Returns
    -------
    PriceChange or None
        The change of the latest year among the rows published by the report's date (of two
        figures for that year, the one of the latest source in the table's order); None when
        none was published by then.
    """
    cited = frame[frame["published_by_report_date"]]
    if cited.empty:
        return None
    row = cited.sort_values(["year", "published"], kind="stable").iloc[-1]
    return PriceChange(int(row["year"]), float(row["change_percent"]), str(row["source_id"]))
