"""Which sources a filed report may cite, and the date its figures run to.

Each source has a kind (``kind`` in the sources table): ``official`` (a state paper, a
People's Committee or Council document, a statistics office's release), ``press`` (a
newspaper or broadcaster's report) or ``aggregator`` (a forum, a category page, a listing).
The report cites official and press sources dated no later than its own date
(``settings.report_date``; by default the latest source date within the period under
review); the working notes list every source, with a warning beside the others. A source
without a kind (a sources table written before the column existed) is not cited in the
report: its figures still count, and the working notes say the source needs a kind.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..analysis import Analysis
from ..wording import price_sources

#: Every kind a source may have, and whether a filed report may cite it.
SOURCE_KINDS: dict[str, bool] = {"official": True, "press": True, "aggregator": False}


class UnknownSourceKindError(ValueError):
    """A source kind that :data:`SOURCE_KINDS` does not hold."""

    def __init__(self, kind: str, source_id: str):
        super().__init__(
            f"source {source_id!r} has kind {kind!r} (sources table, column kind); use one of "
            f"{', '.join(SOURCE_KINDS)}, or leave it empty if not known"
        )


def _parts(iso: str) -> tuple[int, ...] | None:
    parts = str(iso).strip().split("-")
    if not parts or not all(p.isdigit() for p in parts) or len(parts) > 3:
        return None
    return tuple(int(p) for p in parts)


def date_start(iso: str) -> tuple[int, int, int] | None:
    """The first day a date such as ``2019``, ``2019-01`` or ``2019-01-07`` can mean."""
    parts = _parts(iso)
    if parts is None:
        return None
    year, month, day = (list(parts) + [1, 1])[:3]
    return (year, month, day)


def date_end(iso: str) -> tuple[int, int, int] | None:
    """The last day a date such as ``2019``, ``2019-01`` or ``2019-01-07`` can mean."""
    parts = _parts(iso)
    if parts is None:
        return None
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return (year, month, day)


def used_sources(analysis: Analysis) -> pd.DataFrame:
    """The sources of the area's figures, of the series breaks that apply to them and of the
    national consumer price change its text cites.
    """
    used = (
        set(analysis.area_observations["source_id"])
        | {b.source_id for s in analysis.series.values() for b in s.breaks}
        | price_sources(analysis)
    )
    return analysis.sources[analysis.sources["source_id"].isin(used)]


def source_kind(row) -> str:
    """A source's kind (``""`` when the sources table does not say); an unknown kind fails
    loudly.
    """
    kind = getattr(row, "kind", "")
    kind = "" if kind is None or (isinstance(kind, float) and math.isnan(kind)) else str(kind)
    kind = kind.strip()
    if kind and kind not in SOURCE_KINDS:
        raise UnknownSourceKindError(kind, str(row.source_id))
    return kind


def report_date(analysis: Analysis) -> str:
    """The report's own date (ISO, as precise as known).

    Parameters
    ----------
    analysis : Analysis
        The run's analysis.

    Returns
    -------
    str
        ``settings.report_date``, else the latest date of a source of the area's figures within
        the period under review (the period's last year where none is dated).
    """
    if analysis.settings.report_date:
        return str(analysis.settings.report_date)
    last = analysis.settings.term_years[1]
    return _latest_date(analysis, lambda start: start[0] <= last) or str(last)


def _latest_date(analysis: Analysis, within: Callable[[tuple[int, int, int]], bool]) -> str | None:
    """The latest publication date of a source of the area's figures whose first possible day
    is ``within`` a bound (the more precise date of two on the same day); None where none is.
    """
    dated = [
        str(p)
        for p in used_sources(analysis)["published"]
        if (start := date_start(str(p))) is not None and within(start)
    ]
    return max(dated, key=lambda p: (date_start(p), len(p))) if dated else None


@dataclass(frozen=True)
class Citation:
    """A source as the documents treat it: its kind, whether the report may cite it, and why
    not (``""``, ``kind_missing``, ``not_citable``, ``undated``, ``after_report``).
    """

    source_id: str
    publisher: str
    published: str
    url: str
    kind: str
    problem: str
    publishers: tuple[tuple[str, str], ...] = ()

    @property
    def citable(self) -> bool:
        return not self.problem

    def publisher_in(self, language: str) -> str:
        """The publisher as an edition in ``language`` cites it: the sources table's
        ``publisher_<language>`` column where it has one (the Vietnamese edition's
        annotations in Vietnamese), else ``publisher``.
        """
        return dict(self.publishers).get(language) or self.publisher


def citations(analysis: Analysis) -> dict[str, Citation]:
    """Every source of the area's figures and of its succession, by id, with whether the report
    may cite it.

    Parameters
    ----------
    analysis : Analysis
        The run's analysis; its sources table may hold a ``kind`` column.

    Returns
    -------
    dict of str to Citation
        ``problem`` says why a source is not cited: ``kind_missing``, ``not_citable``,
        ``undated`` or ``after_report`` (published after :func:`report_date`).

    Raises
    ------
    UnknownSourceKindError
        For a kind that :data:`SOURCE_KINDS` does not hold.
    """
    end = date_end(report_date(analysis))
    found = {}
    succession = analysis.succession  # the documents the opening cites for the succession
    named = {s for step in (succession.steps if succession else ()) for s in step.sources}
    sources = analysis.sources
    cited = pd.concat([used_sources(analysis), sources[sources["source_id"].isin(named)]])
    for row in cited.drop_duplicates("source_id").itertuples():
        kind = source_kind(row)
        published = str(row.published)
        start = date_start(published)
        if not kind:
            problem = "kind_missing"
        elif not SOURCE_KINDS[kind]:
            problem = "not_citable"
        elif start is None:
            problem = "undated"
        elif end is not None and start > end:
            problem = "after_report"
        else:
            problem = ""
        translated = tuple(
            (column.removeprefix("publisher_"), str(value))
            for column, value in row._asdict().items()
            if column.startswith("publisher_") and isinstance(value, str) and value
        )
        found[str(row.source_id)] = Citation(
            str(row.source_id),
            str(row.publisher),
            published,
            str(row.url),
            kind,
            problem,
            translated,
        )
    return found


def reference_date(analysis: Analysis) -> str:
    """The date the report's figures run to: the latest date of a source of the area's figures
    that is not after the report's date (the report's date where no source is dated).
    """
    end = date_end(report_date(analysis))
    latest = _latest_date(analysis, lambda start: end is None or start <= end)
    return latest or report_date(analysis)
