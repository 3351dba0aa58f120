"""The report's Biểu 01, attached after the signature: the main targets of the plan under
review and of its annual plans, each year's figure, the assessment, and the next plan's target.

Columns: TT, chỉ tiêu, ĐVT, KH, TH of each year of the period under review but the last,
ƯTH of the last, the average or total over the period (where the target is one), % so với
KH, đánh giá, KH of the next plan (the base variant; the workbook adds the low and high
variants and the high end of a target range), ghi chú (sources, figures worked out from
published ones, years inferred). The year columns follow the settings' periods and exist
whether filled or not. Every core indicator of the catalogue has a row with its next-plan
target, in a last group when no plan under review set it a target.
"""

from __future__ import annotations

import math

from ..blocks import Cell, Column, Edition, FormHead, Row, Table
from ..formatting import (
    date_text,
    excel_number_format,
    indicator_name,
    number,
    period_label,
)
from ..review import (
    ReviewRow,
    YearFigure,
    figure_cell,
    numbered_group,
    plan_heading,
    plans_under_review,
    report_group,
    target_cell,
    year_figures,
)
from ..wording import judgement_cell, status_label
from .common import indicator_cell, percent_cell, unit_cell
from .sources import citations, date_start, reference_date

KEY = "annex"
NAME = "bieu_01"
KIND = "annex"


def year_columns(ed: Edition) -> list[tuple[int, str]]:
    """(year, label) of every year of the period under review: TH for each year but the last,
    ƯTH for the last.
    """
    first, last = ed.settings.term_years
    return [
        (y, ed("report.bieu.col_estimate" if y == last else "report.bieu.col_actual", year=y))
        for y in range(first, last + 1)
    ]


def columns(ed: Edition) -> list[Column]:
    p = ed.params
    cols = [
        Column(ed("report.bieu.col_number"), width=4),
        Column(ed("report.bieu.col_indicator"), width=24),
        Column(ed("report.bieu.col_unit"), width=9),
        Column(ed("report.bieu.col_target", **p), "number", 8),
        Column(ed("report.bieu.col_target_high", **p), "number", 8, workbook_only=True),
    ]
    cols += [Column(label, "number", 7) for _, label in year_columns(ed)]
    cols += [
        Column(ed("report.bieu.col_aggregate", **p), "number", 8),
        Column(ed("report.bieu.col_percent"), "number", 7),
        Column(ed("report.bieu.col_assessment"), width=18),
    ]
    if ed.plans_next:  # an area that ceased before the next plan has no next plan's column
        cols.append(Column(ed("report.bieu.col_next", **p), "number", 8))
    cols.append(Column(ed("report.bieu.col_note"), width=20))
    return cols


def _year_cell(ed: Edition, indicator: str, figure: YearFigure, last: bool) -> Cell:
    """A figure in its year's column: an estimate marked in a TH column, an actual in the ƯTH
    column of the last year.
    """
    marker = ""
    if figure.estimate and not last:
        marker = ed("report.bieu.marker_estimate")
    elif not figure.estimate and last:
        marker = ed("report.bieu.marker_actual")
    if figure.doubtful:
        marker = f"{marker} {ed('fixdata.marker_doubtful')}".strip()
    return figure_cell(ed, indicator, figure, marker)


def _notes(ed: Edition, row: ReviewRow | None, indicator: str, proposal) -> str:
    """The Ghi chú of a row: price basis, figures worked out or of inferred years, the proposal's
    absence, and the citable sources (the others named as not cited).
    """
    cat = ed.catalogue
    parts = []
    ind = cat[indicator]
    if ind.price_basis in ("current", "constant_2010"):
        parts.append(ed(f"columns.price_{ind.price_basis}"))
    if row is not None:
        j = row.judgement
        if j.target.derived:
            parts.append(ed("report.bieu.target_calculated"))
        derived = [f.year for f in row.figures if f.derived]
        if derived:
            parts.append(
                ed("report.bieu.figures_calculated", years=ed.texts.join([str(y) for y in derived]))
            )
        inferred = [f.year for f in row.figures if f.inferred]
        if inferred:
            parts.append(
                ed("report.bieu.years_inferred", years=ed.texts.join([str(y) for y in inferred]))
            )
    if proposal is not None and not proposal.proposed:
        parts.append(ed("report.bieu.no_proposal", **ed.params))
    if row is not None:
        found = citations(ed.analysis)
        cited = [s for s in row.sources if s in found and found[s].citable]
        if cited:
            parts.append(ed("report.bieu.sources", ids=", ".join(cited)))
        if any(s in found and not found[s].citable for s in row.sources):
            parts.append(ed("report.bieu.uncited"))
    return "; ".join(parts)


def _row(
    ed: Edition,
    number_: int,
    row: ReviewRow | None,
    indicator: str,
    proposal,
    figures_indicator: str,
    figures: tuple,
) -> Row:
    cat = ed.catalogue
    years = year_columns(ed)
    last = years[-1][0]
    j = row.judgement if row is not None else None
    name = indicator_name(ed.texts, cat, indicator, start=True)
    if (
        j is not None
        and j.target.period.type != "range"
        and (j.target.plan.kind != "annual" or j.target.period.type == "half_year")
    ):  # a year's target in a term plan, a half-year's in an annual one: said beside the name
        name = ed(
            "report.bieu.name_period", name=name, period=period_label(ed.texts, j.target.period)
        )
    unit = unit_cell(ed, indicator)
    if j is not None and j.spec.shows_years_met:  # "bình quân hằng năm": a level every year
        unit = Cell(ed("fixdata.unit_per_year", unit=unit.text))
    cells = [Cell(str(number_), float(number_), "0"), Cell(name), unit]
    if j is not None:
        cells.append(target_cell(ed, j))
        high = j.target.value_high
        cells.append(
            Cell(
                number(ed.texts, high, exact=True),
                float(high),
                excel_number_format(high, exact=True),
            )
            if math.isfinite(high)
            else Cell("")
        )
    else:
        cells += [Cell(""), Cell("")]
    found = {f.year: f for f in figures}
    for year, _ in years:
        figure = found.get(year)
        cells.append(
            _year_cell(ed, figures_indicator, figure, year == last) if figure else Cell("")
        )
    if (
        j is not None
        and j.target.period.type == "range"
        and j.known_period == str(j.target.period)
        and math.isfinite(j.known_value)
    ):
        cells.append(indicator_cell(ed, indicator, j.known_value))
    else:
        cells.append(Cell(""))
    cells.append(percent_cell(ed, j.percent_of_target) if j is not None else Cell(""))
    if j is None:
        cells.append(Cell(""))
    elif report_group(j.status) == "not_assessable":  # the figures it needs: working notes
        cells.append(Cell(status_label(ed.texts, j.status)))
    else:
        cells.append(Cell(judgement_cell(ed.texts, ed.analysis, j)))
    # the next plan's target is the base variant; the low and high ones, with their chances,
    # are in the proposals' own table (the form stays one page wide)
    if not ed.plans_next:
        pass
    elif proposal is not None and proposal.proposed:
        cells.append(indicator_cell(ed, indicator, proposal.level("expected").value))
    else:
        cells.append(Cell(""))
    cells.append(Cell(_notes(ed, row, indicator, proposal)))
    return Row(tuple(cells))


def _period_figure_row(ed: Edition, number_: int, figure, width: int) -> Row:
    """A figure over part of the plan's years (a mid-term estimate) with no target: its period
    beside the name, its value in the period column, what it is in the assessment.
    """
    name = ed(
        "report.bieu.name_period",
        name=indicator_name(ed.texts, ed.catalogue, figure.indicator, start=True),
        period=period_label(ed.texts, figure.period),
    )
    marker = f" {ed('report.bieu.marker_estimate')}" if figure.estimate else ""
    cells = [Cell(str(number_), float(number_), "0"), Cell(name), unit_cell(ed, figure.indicator)]
    cells += [Cell("")] * (2 + len(year_columns(ed)))
    cells += [indicator_cell(ed, figure.indicator, figure.value, marker, stated=True), Cell("")]
    cells.append(Cell(ed("fixdata.period_figure_assessment")))
    cells += [Cell("")] * (width - len(cells) - 1)
    cells.append(Cell(ed("report.bieu.sources", ids=figure.source)))
    return Row(tuple(cells))


def bieu_table(ed: Edition) -> Table:
    """Biểu 01 as a table block (the workbook-only columns included; printed tables drop them)."""
    cols = columns(ed)
    cat = ed.catalogue
    proposals = {p.indicator: p for p in ed.analysis.proposals}
    given: set[str] = set()
    rows: list[Row] = []
    index = 0

    def proposal_for(indicator: str):
        canonical = cat.canonical(indicator)
        if canonical in given or canonical not in proposals:
            return None
        given.add(canonical)
        return proposals[canonical]

    for section in plans_under_review(ed.analysis):
        index += 1
        rows.append(numbered_group(index, plan_heading(ed, section), len(cols)))
        for n, row in enumerate(section.rows, start=1):
            indicator = row.judgement.target.indicator
            rows.append(
                _row(
                    ed,
                    n,
                    row,
                    indicator,
                    proposal_for(indicator),
                    row.figures_indicator or indicator,
                    row.figures,
                )
            )
        for n, figure in enumerate(section.figures, start=len(section.rows) + 1):
            rows.append(_period_figure_row(ed, n, figure, len(cols)))
    others = [
        i.id
        for i in cat.core_indicators()
        if cat.canonical(i.id) not in given and applies_to_tier(i, ed.tier)
    ]
    if others:
        index += 1
        rows.append(numbered_group(index, ed("report.bieu.group_other", **ed.params), len(cols)))
        first, last = ed.settings.term_years
        for n, indicator in enumerate(others, start=1):
            figures_indicator = cat[indicator].average_of or indicator
            series = ed.analysis.series.get(cat.canonical(figures_indicator))
            figures = ()
            if series is not None:
                rows_ = series.rows
                figures = year_figures(rows_[rows_["period_start"].between(first, last)])
            rows.append(
                _row(ed, n, None, indicator, proposal_for(indicator), figures_indicator, figures)
            )
    # no caption: the form's heading block (FormHead) titles it
    return Table("bieu_01", "", tuple(cols), tuple(rows), table_notes(ed, rows))


def body_sources(ed: Edition) -> list[str]:
    """Every source the report's body and Biểu 01 rest on or name: the targets' sources, the
    plan results' of the period under review, the succession's (where the opening states it),
    the sources of the figures the results by sector state (which name no definition change:
    the figures before one are left out), and of the consumer price change set beside current
    prices. A figure the body leaves out (outside the period, an aggregator's) lists no source.
    """
    from ..wording import price_sources
    from .results import plan_result_lines, sector_figures

    analysis = ed.analysis
    used = {s for section in plans_under_review(analysis) for s in section.sources}
    if plan_result_lines(ed):
        first, last = ed.settings.term_years
        used |= {
            s
            for r in analysis.plan_results
            if first <= r.year <= last and math.isfinite(r.met)
            for s in r.sources
        }
    succession = analysis.succession
    if succession is not None and succession.review_past_end:
        used |= {s for step in succession.known_steps for s in step.sources}
    for by_indicator in sector_figures(ed).values():
        for rows in by_indicator.values():
            used |= set(rows["source_id"].astype(str))
    used |= price_sources(analysis)  # the consumer price change set beside current prices
    return sorted(used)


#: What only an area with units below it, or with towns, has: counts of communes (how many
#: reached the new-rural standard) and the urban share. Not listed for a commune.
ABOVE_COMMUNE_UNITS = frozenset({"communes"})
ABOVE_COMMUNE_THEMES = frozenset({"urban"})


def applies_to_tier(indicator, tier: str) -> bool:
    """Whether a core indicator means anything for an area on ``tier`` (a commune has no
    communes to count and no urban share of its own).
    """
    if tier != "commune":
        return True
    return indicator.unit not in ABOVE_COMMUNE_UNITS and indicator.theme not in ABOVE_COMMUNE_THEMES


def table_notes(ed: Edition, rows: list[Row] | tuple[Row, ...] = ()) -> tuple[str, ...]:
    """The notes under Biểu 01: the markers (the actual-figure mark only where a cell of ``rows``
    carries it), and every source the report uses (body and form)
    with its publisher and date, those not yet verified marked, so that the report is complete
    without the working notes.
    """
    found = citations(ed.analysis)
    used = [s for s in body_sources(ed) if s in found]
    marker = ed("report.bieu.marker_actual")
    used_actual = any(c.text.endswith(marker) for r in rows if not r.group for c in r.cells)
    actual = ed("report.bieu.note_marker_actual", **ed.params) if used_actual else ""
    notes = [ed("report.bieu.note_markers", actual=actual, **ed.params)]
    if used:
        items = []
        for s in used:
            date = date_text(ed.texts, found[s].published) if found[s].published else ""
            item = ed(
                "report.bieu.source_item" if date else "report.bieu.source_item_undated",
                id=s,
                publisher=found[s].publisher_in(ed.texts.language),
                date=date,
            )
            if not found[s].citable:
                item = ed("report.bieu.source_unverified", item=item)
            items.append(item)
        notes.append(ed("report.bieu.note_sources", items="; ".join(items)))
    if any(not found[s].citable for s in used):
        notes.append(ed("report.bieu.note_uncited"))
    return tuple(notes)


def form_head(ed: Edition) -> FormHead:
    year = date_start(reference_date(ed.analysis))
    return FormHead(
        authority=ed.unit_word("committee"),
        office=ed.unit_word("office"),
        form=ed("report.bieu.form", number=_number()),
        title=ed("report.bieu.heading", **ed.params),
        attached=ed(
            "report.bieu.attached",
            code=ed.unit_word("office_code"),
            year=year[0] if year else ed.settings.term_years[1],
        ),
        unit_note=ed("report.bieu.unit_note"),
    )


def _number() -> str:
    """This form's number, from its place among the report's annexes (``01``)."""
    from . import CHAPTERS, annex_number

    return annex_number(next(ch for ch in CHAPTERS if ch.module.NAME == NAME))


def bieu(ed: Edition) -> list:
    """The form: its heading block, then the table."""
    return [form_head(ed), bieu_table(ed)]


SECTIONS = {"bieu": bieu}
#: The tables of this chapter the workbook holds (key → section-like function).
SHEETS = {"bieu_01": bieu}
