"""What was known when: the report's date, and the figures published by then.

A report is written on a date and can only cite what had been published by then:
a review of 2016–2020 written in mid-2020 cannot cite a decree of 2021 or use a
figure first published in 2022. Every source has a publication date, given as
precisely as the source gives it (``2020-07-07``, ``2020-07`` or ``2020``; empty
where unknown). A source is *published by* a report date when its earliest
possible date is not after the report date's latest possible date; a source
without a date is taken as published (it cannot be placed, and the working notes
say so).

The report's date is a setting; by default it is the publication date of the
latest source of a figure or target about the period under review (the period's
"data reference date": "số liệu đến tháng 7/2020").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported by the callers; --help need not load it
    import pandas as pd

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def date_window(text: object) -> tuple[dt.date, dt.date] | None:
    """The earliest and latest day a date written ``2020``, ``2020-07`` or ``2020-07-07`` can be.

    Returns None for an empty or unreadable date.
    """
    match = _DATE.match(str(text or "").strip())
    if not match:
        return None
    year = int(match.group(1))
    if match.group(3):
        day = dt.date(year, int(match.group(2)), int(match.group(3)))
        return day, day
    if match.group(2):
        month = int(match.group(2))
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def published_by(published: object, report_date: str) -> bool:
    """Whether a source published on ``published`` could be cited on ``report_date``."""
    source, report = date_window(published), date_window(report_date)
    if source is None or report is None:
        return True
    return source[0] <= report[1]


def default_report_date(
    observations: pd.DataFrame, sources: pd.DataFrame, last_year: int
) -> str | None:
    """The latest publication date among the sources of figures and targets about periods
    that end by ``last_year`` (as the source writes it); None if none is dated.

    "Latest" compares earliest possible days, so ``2020-07`` is later than ``2020``.
    """
    about = observations.loc[observations["period_end"].astype(int) <= last_year, "source_id"]
    dated = [
        (window[0], str(text))
        for text in sources.loc[sources["source_id"].isin(set(about)), "published"]
        if (window := date_window(text)) is not None
    ]
    return max(dated)[1] if dated else None


def published_sources(sources: pd.DataFrame, report_date: str | None) -> set[str]:
    """Ids of the sources published by ``report_date`` (every source when it is None)."""
    if report_date is None:
        return set(sources["source_id"])
    return {
        str(row.source_id)
        for row in sources.itertuples()
        if published_by(row.published, report_date)
    }
