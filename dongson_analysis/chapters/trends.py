"""Working notes, chapter 2: how the indicators moved, with the years every rate is measured
over.
"""

from __future__ import annotations

from ..blocks import Bullets, Column, Edition, Figure, Heading, Paragraph
from ..charts import indicator_chart
from ..formatting import change_text, indicator_name
from ..wording import history_paragraph
from .common import (
    indicator_number,
    name_cell,
    number_cell,
    table,
    text_cell,
    title_blocks,
    unit_cell,
)

KEY = "trends"
NAME = "dien_bien"


def _with_figures(ed: Edition) -> list[str]:
    return [
        i for i, s in ed.analysis.series.items() if len(s.rows) and ed.catalogue[i].spec.projectable
    ]


def title(ed: Edition) -> list:
    return title_blocks(ed, KEY)


def trend_table(ed: Edition) -> list:
    analysis, texts = ed.analysis, ed.texts
    cat = analysis.catalogue
    columns = [
        Column(texts("columns.indicator"), width=42),
        Column(texts("columns.unit"), width=16),
        Column(texts("columns.first_figure"), width=18),
        Column(texts("columns.last_figure"), width=18),
        Column(texts("columns.figures"), "number", 9),
        Column(texts("columns.average_change"), width=22),
        Column(texts("columns.measured_over"), width=12),
    ]
    rows = []
    for indicator in _with_figures(ed):
        series = analysis.series[indicator]
        seg = series.segment
        first, last = seg.iloc[0], seg.iloc[-1]
        change, over = "", ""
        trend = analysis.trends.get(indicator)
        if trend is not None:
            change = change_text(
                texts, cat, trend.rate, trend.unit, cat[indicator].unit, signed=True
            )
            over = f"{trend.first_year}–{trend.last_year}"
        elif len(series.before_break):
            change = texts(f"chapters.{KEY}.no_trend_break", year=series.segment_start)
        rows.append(
            [
                name_cell(ed, indicator),
                unit_cell(ed, indicator),
                text_cell(
                    texts(
                        "columns.figure_in_year",
                        value=indicator_number(ed, indicator, float(first["value"]), stated=True),
                        year=int(first["period_start"]),
                    )
                ),
                text_cell(
                    texts(
                        "columns.figure_in_year",
                        value=indicator_number(ed, indicator, float(last["value"]), stated=True),
                        year=int(last["period_start"]),
                    )
                ),
                number_cell(ed, len(seg)),
                text_cell(change),
                text_cell(over),
            ]
        )
    return [
        Heading(texts(f"chapters.{KEY}.table_heading")),
        table(
            "trends",
            texts(f"chapters.{KEY}.table_caption"),
            columns,
            rows,
            (texts(f"chapters.{KEY}.table_note"),),
        ),
    ]


def paragraphs(ed: Edition) -> list:
    analysis, texts = ed.analysis, ed.texts
    many = [i for i in _with_figures(ed) if len(analysis.series[i].rows) >= 2]
    single = [i for i in _with_figures(ed) if len(analysis.series[i].rows) == 1]
    blocks: list = [Heading(texts(f"chapters.{KEY}.paragraphs_heading"))]
    if many:
        blocks.append(
            Bullets(tuple(history_paragraph(texts, analysis, analysis.series[i]) for i in many))
        )
    if single:
        names = [indicator_name(texts, analysis.catalogue, i) for i in single]
        blocks.append(Paragraph(texts(f"chapters.{KEY}.single_figures", names="; ".join(names))))
    return blocks


def charts(ed: Edition) -> list:
    analysis, texts = ed.analysis, ed.texts
    shown = [i for i in _with_figures(ed) if len(analysis.series[i].rows) >= 2]
    blocks: list = []
    if shown:
        blocks.append(Heading(texts(f"chapters.{KEY}.charts_heading")))
    for indicator in shown:
        blocks.append(
            Figure(
                f"trend_{indicator}",
                indicator_name(texts, analysis.catalogue, indicator, start=True),
                lambda indicator=indicator: indicator_chart(analysis, texts, indicator),
            )
        )
    return blocks


SECTIONS = {"title": title, "trend_table": trend_table, "paragraphs": paragraphs, "charts": charts}
