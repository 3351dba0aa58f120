"""The review table (biểu tổng hợp kết quả thực hiện các chỉ tiêu chủ yếu).

One row per target, each target once, grouped by plan: the term resolution under
review first (2016–2020), then the annual plan of its last year (2020), then every
other plan the record holds a target of (with the plan-versus-actual pairs of
earlier years). Columns as such reports have them: indicator, unit, the plan's
figure (KH), the base year's figure, each later year's figure with its status
(actual or estimate, ƯTH), the percentage of the plan, the assessment, the sources.

:func:`review_sections` gives the rows as data; :func:`review_frame` as a numeric
table (for the library and Excel); :func:`review_table` as a localised table block.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .analysis import Analysis
from .blocks import Cell, Column, Row, Table
from .catalogue import Plan
from .formatting import (
    excel_number_format,
    indicator_name,
    number,
    percent_text,
    period_label,
    rounded,
    unit_label,
)
from .judgement import Judgement
from .l10n import Texts
from .wording import indicator_value, judgement_cell

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class ReviewRow:
    """One target of the review: its judgement and the yearly figures shown beside it."""

    judgement: Judgement
    figures_indicator: str  # the indicator whose yearly figures fill the year columns ("" for none)
    figures: tuple[tuple[int, float, str], ...]  # (year, value, effective status)


@dataclass(frozen=True)
class ReviewSection:
    plan: Plan
    rows: tuple[ReviewRow, ...]


def review_years(analysis: Analysis) -> list[int]:
    """The year columns: the base year and every year of the term under review."""
    return list(range(analysis.settings.base_year, analysis.settings.target_year + 1))


def shown_years(analysis: Analysis, target) -> list[int]:
    """The year columns that belong to a target: its plan's years and the year before, within the
    review's.
    """
    plan = target.plan
    first, last = (
        plan.first_year - 1,
        plan.last_year,
    )  # an annual plan: its year and the year before
    return [y for y in review_years(analysis) if first <= y <= last]


def _figures_indicator(analysis: Analysis, j: Judgement) -> str:
    ind = analysis.catalogue[j.target.indicator]
    if j.rule == "points_rate":
        return ""  # the figures are levels, the target a change: the assessment says it in words
    return ind.average_of or ind.id


def _plan_rank(plan: Plan, analysis: Analysis) -> tuple:
    """The term under review, its last year's plan, the other annual plans of the term, programmes,
    earlier plans.
    """
    s = analysis.settings
    first, last = s.term_years
    if plan.kind == "term" and plan.first_year == first and plan.last_year == last:
        return (0, 0)
    if plan.kind == "annual" and plan.first_year == s.target_year:
        return (1, 0)
    if plan.kind == "annual" and first <= plan.first_year <= last:
        return (2, -plan.first_year)
    if plan.last_year > last:
        return (3, plan.first_year)
    return (4, -plan.first_year)


def review_sections(analysis: Analysis) -> list[ReviewSection]:
    """The judged targets grouped by plan, in the order of a review report."""
    by_plan: dict[str, list[ReviewRow]] = {}
    plans: dict[str, Plan] = {}
    for j in analysis.judgements:
        ind_id = _figures_indicator(analysis, j)
        figures: tuple[tuple[int, float, str], ...] = ()
        if ind_id:
            rows = analysis.series[analysis.catalogue.canonical(ind_id)].rows
            rows = rows[rows["period_start"].isin(shown_years(analysis, j.target))]
            figures = tuple(
                (int(r.period_start), float(r.value), str(r.effective_status))
                for r in rows.itertuples()
            )
        by_plan.setdefault(j.target.plan.id, []).append(ReviewRow(j, ind_id, figures))
        plans[j.target.plan.id] = j.target.plan
    ordered = sorted(plans.values(), key=lambda p: _plan_rank(p, analysis))
    order = {ind.id: i for i, ind in enumerate(analysis.catalogue)}
    return [
        ReviewSection(
            p,
            tuple(
                sorted(
                    by_plan[p.id],
                    key=lambda r: (
                        order[r.judgement.target.indicator],
                        r.judgement.target.period.start,
                        r.judgement.target.period.half,
                    ),
                )
            ),
        )
        for p in ordered
    ]


def review_frame(analysis: Analysis) -> pd.DataFrame:
    """The review table as numbers: one row per target, a value and a status column per year."""
    years = review_years(analysis)
    records = []
    for section in review_sections(analysis):
        for row in section.rows:
            j, t = row.judgement, row.judgement.target
            record = {
                "plan": section.plan.id,
                "plan_kind": section.plan.kind,
                "indicator": t.indicator,
                "unit": analysis.catalogue[t.indicator].unit,
                "target_period": str(t.period),
                "target_value": t.value,
                "target_value_high": t.value_high,
                "qualifier": t.qualifier,
            }
            found = {year: (value, status) for year, value, status in row.figures}
            for year in years:
                value, status = found.get(year, (math.nan, ""))
                record[f"value_{year}"] = value
                record[f"status_{year}"] = status
            record.update(
                {
                    "percent_of_target": j.percent_of_target,
                    "status": j.status,
                    "sources": " ".join(t.sources),
                }
            )
            records.append(record)
    return pd.DataFrame(records)


def section_title(texts: Texts, index: int, plan: Plan) -> str:
    """``I. Nghị quyết …``: the heading of the ``index``-th plan's rows (numbered from 0)."""
    return f"{ROMAN[index] if index < len(ROMAN) else index + 1}. {plan_title(texts, plan)}"


def plan_title(texts: Texts, plan: Plan) -> str:
    """A plan's name: from the catalogue, or made from its kind and years."""
    name = plan.name(texts.language)
    if name:
        return name
    if plan.kind == "annual":
        return texts("review.plan_annual", year=plan.first_year)
    return texts("review.plan_term", first=plan.first_year, last=plan.last_year)


def target_cell(texts: Texts, analysis: Analysis, j: Judgement) -> Cell:
    """The plan figure of a target as a cell: its qualifier and markers in words, its value for
    Excel.
    """
    t = j.target
    ind = analysis.catalogue[t.indicator]
    whole = ind.spec.whole_numbers
    if ind.unit == "year reached":
        return Cell(str(int(t.value)), float(t.value), "0")
    if not math.isnan(t.value_high):
        return Cell(
            number(texts, t.value, exact=True) + "–" + number(texts, t.value_high, exact=True)
        )
    if t.value == 0 and ind.better == "lower" and not t.qualifier:
        return Cell(texts("review.none_left"), 0.0, '"' + texts("review.none_left") + '"')
    amount = number(texts, t.value, whole=whole, exact=True)
    fmt = excel_number_format(t.value, exact=True)
    if t.derived:  # a plan figure worked out from a published one
        marker = texts("review.derived_marker")
        amount, fmt = f"{amount} {marker}", fmt + f'" {marker}"'
    if t.qualifier:
        text = texts(f"qualifier.{t.qualifier}", value=amount)
        prefix, _, suffix = texts(f"qualifier.{t.qualifier}", value="\x00").partition("\x00")
        fmt = (f'"{prefix}"' if prefix else "") + fmt + (f'"{suffix}"' if suffix else "")
        return Cell(text, float(t.value), fmt)
    return Cell(amount, float(t.value), fmt)


def _figure_cell(
    texts: Texts, analysis: Analysis, indicator: str, value: float, status: str
) -> Cell:
    ind = analysis.catalogue[indicator]
    if ind.unit == "year reached":
        return Cell(texts("review.milestone_reached"))
    shown = rounded(value, ind.spec.whole_numbers)
    text = texts.number(shown)
    fmt = excel_number_format(shown, whole=ind.spec.whole_numbers)
    if status == "estimate":
        marker = texts("review.estimate_marker")
        return Cell(f"{text} {marker}", float(value), fmt + f'" {marker}"')
    return Cell(text, float(value), fmt)


def _assessment(texts: Texts, analysis: Analysis, row: ReviewRow, years: list[int]) -> str:
    j = row.judgement
    text = judgement_cell(texts, analysis, j)
    shown_years = {year for year, _, _ in row.figures}
    if j.known_period and (not j.known_period.isdigit() or int(j.known_period) not in shown_years):
        text += " " + texts(
            "review.figure_of_period",
            period=period_label(texts, j.known_period),
            value=indicator_value(texts, analysis, j.target.indicator, j.known_value),
        )
    for e in j.evidence:
        if e.code == "half_year":
            kw = e.kw
            text += "; " + texts(
                "review.half_year",
                period=period_label(texts, f"{kw['year']}H{kw['half']}"),
                share=percent_text(texts, kw["share"]),
            )
    return text


def review_table(analysis: Analysis, texts: Texts) -> Table:
    """The review table as a localised table block (for the chapter, HTML, Word and Excel)."""
    years = review_years(analysis)
    cat = analysis.catalogue
    columns = [
        Column(texts("review.col.number"), width=5),
        Column(texts("review.col.indicator"), width=23),
        Column(texts("review.col.unit"), width=10),
        Column(texts("review.col.period"), width=9),
        Column(texts("review.col.target"), "number", 10),
        Column(texts("review.col.base", year=years[0]), "number", 9),
    ]
    columns += [Column(str(y), "number", 9) for y in years[1:]]
    columns += [
        Column(texts("review.col.percent"), "number", 8),
        Column(texts("review.col.assessment"), width=30),
        Column(texts("review.col.sources"), width=7),
    ]
    rows: list[Row] = []
    for s_index, section in enumerate(review_sections(analysis)):
        title = section_title(texts, s_index, section.plan)
        rows.append(Row((Cell(title),) + tuple(Cell("") for _ in columns[1:]), group=True))
        for r_index, row in enumerate(section.rows, start=1):
            j, t = row.judgement, row.judgement.target
            ind = cat[t.indicator]
            found = {year: (value, status) for year, value, status in row.figures}
            cells = [
                Cell(str(r_index), float(r_index), "0"),
                Cell(indicator_name(texts, cat, t.indicator, start=True)),
                Cell(unit_label(texts, cat, ind.unit)),
                Cell(period_label(texts, t.period)),
                target_cell(texts, analysis, j),
            ]
            for year in years:
                if year in found:
                    cells.append(_figure_cell(texts, analysis, row.figures_indicator, *found[year]))
                else:
                    cells.append(Cell(""))
            pct = j.percent_of_target
            cells.append(
                Cell("", None)
                if math.isnan(pct)
                else Cell(percent_text(texts, pct).rstrip("%"), round(pct, 1), "0.0")
            )
            cells.append(Cell(_assessment(texts, analysis, row, years)))
            evidence = [str(e.kw["source"]) for e in j.evidence if "source" in e.kw]
            cells.append(Cell(", ".join(dict.fromkeys(list(t.sources) + evidence))))
            rows.append(Row(tuple(cells)))
    notes = (
        texts("review.note_markers", marker=texts("review.estimate_marker")),
        texts("review.note_percent"),
    )
    return Table(
        "review",
        texts("review.caption", first=years[1], last=years[-1]),
        tuple(columns),
        tuple(rows),
        notes,
    )
