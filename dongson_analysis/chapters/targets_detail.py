"""Working notes, chapter 3: every target of the record judged in detail, earlier plans and
programmes included, and the figures beside the targets that could be judged.
"""

from __future__ import annotations

import math

from ..blocks import (
    Bullets,
    Cell,
    Column,
    Edition,
    Heading,
    Paragraph,
    Row,
    Table,
    period_cell,
    ref,
)
from ..formatting import period_label
from ..review import (
    detailed_table,
    numbered_group,
    plan_heading,
    plan_title,
    report_group,
    review_sections,
    target_cells,
)
from ..wording import judgement_cell, judgement_paragraph, status_label
from .common import (
    indicator_cell,
    judged_dashboard,
    percent_cell,
    plan_count_line,
    probability_cell,
    text_cell,
    title_blocks,
)

KEY = "review"
NAME = "danh_gia"


def title(ed: Edition) -> list:
    return title_blocks(ed, KEY)


def summary(ed: Edition) -> list:
    lines = [plan_count_line(ed, section) for section in review_sections(ed.analysis)]
    blocks: list = [Heading(ed(f"chapters.{KEY}.summary_heading")), Bullets(tuple(lines))]
    waiting = sum(1 for j in ed.analysis.judgements if report_group(j.status) == "not_assessable")
    if waiting:
        blocks.append(
            Paragraph(
                ed(
                    f"chapters.{KEY}.data_request",
                    count=waiting,
                    total=len(ed.analysis.judgements),
                    record=ref("record"),
                )
            )
        )
    return blocks


def table(ed: Edition) -> list:
    return [Heading(ed(f"chapters.{KEY}.table_heading")), detailed_table(ed)]


def by_plan(ed: Edition) -> list:
    blocks: list = [Heading(ed(f"chapters.{KEY}.paragraphs_heading"))]
    for section in review_sections(ed.analysis):
        blocks.append(Heading(plan_title(ed.texts, section.plan), 3, numbered=False))
        blocks.append(
            Bullets(
                tuple(
                    judgement_paragraph(ed.texts, ed.analysis, row.judgement)
                    for row in section.rows
                )
            )
        )
    return blocks


def chart(ed: Edition) -> list:
    return judged_dashboard(ed, KEY, "review_dashboard", projections=True, assessed_only=True)


def judgements_table(ed: Edition) -> Table:
    """Every target judged, one row each, grouped by plan: the workbook's sheet of judgements
    (sources as in Biểu 01 and the review table: the same row gives the same sources).
    """
    cat = ed.catalogue
    columns = [
        Column(ed("columns.indicator"), width=34),
        Column(ed("columns.unit"), width=13),
        Column(ed("review.col.period"), width=10),
        Column(ed("review.col.target"), "number", 10),
        Column(ed("excel.status"), width=16),
        Column(ed("excel.known_value"), "number", 10),
        Column(ed("excel.known_period"), width=9),
        Column(ed("review.col.percent"), "number", 8),
        Column(ed("excel.probability"), "number", 9),
        Column(ed("review.col.assessment"), width=36),
        Column(ed("review.col.sources"), width=9),
    ]
    rows: list[Row] = []
    for index, section in enumerate(review_sections(ed.analysis), start=1):
        rows.append(numbered_group(index, plan_heading(ed, section), len(columns)))
        for row in section.rows:
            j, t = row.judgement, row.judgement.target
            known = (
                indicator_cell(ed, t.indicator, j.known_value)
                if math.isfinite(j.known_value) and not cat[t.indicator].spec.values_are_years
                else Cell(str(int(j.known_value)), j.known_value, "0")
                if math.isfinite(j.known_value)
                else Cell("")
            )
            rows.append(
                Row(
                    (
                        *target_cells(ed, j)[:2],
                        period_cell(period_label(ed.texts, t.period)),
                        *target_cells(ed, j)[3:],
                        text_cell(status_label(ed.texts, j.status)),
                        known,
                        period_cell(
                            period_label(ed.texts, j.known_period) if j.known_period else ""
                        ),
                        percent_cell(ed, j.percent_of_target),
                        probability_cell(ed, j.probability),
                        text_cell(judgement_cell(ed.texts, ed.analysis, j)),
                        text_cell(", ".join(row.sources)),
                    )
                )
            )
    return Table("judgements", ed("excel.judgements_caption"), tuple(columns), tuple(rows))


def judgements_sheet(ed: Edition) -> list:
    return [judgements_table(ed)]


# the wide table last: its landscape pages run to the chapter's end
SECTIONS = {"title": title, "summary": summary, "by_plan": by_plan, "chart": chart, "table": table}
SHEETS = {"judgements": judgements_sheet}
