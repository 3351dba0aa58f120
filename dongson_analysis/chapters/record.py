"""Working notes, chapter 1: the figures collected, their sources and their quality, and the
figures still to collect.
"""

from __future__ import annotations

from pathlib import Path

from ..blocks import Bullets, Column, Edition, Heading, Paragraph, date_cell, ref
from ..formatting import date_text, period_label, years_text
from .common import (
    indicators_with_figures,
    judged_dashboard,
    judged_indicators,
    name_cell,
    number_cell,
    quoted_cell,
    table,
    text_cell,
    title_blocks,
    unit_cell,
)
from .sources import citations, report_date, used_sources

KEY = "record"
NAME = "so_lieu"


def title(ed: Edition) -> list:
    return title_blocks(ed, KEY)


def overview(ed: Edition) -> list:
    analysis = ed.analysis
    obs = analysis.area_observations
    figures = obs["effective_status"].isin(["actual", "estimate"])
    with_trend = sum(1 for s in analysis.series.values() if len(s) >= 2)
    blocks: list = [
        Paragraph(
            ed(
                f"chapters.{KEY}.overview",
                figures=len(obs),
                indicators=len(analysis.recorded_indicators),
                sources=len(used_sources(analysis)),
                actuals=int(figures.sum()),
                targets=int((obs["effective_status"] == "target").sum()),
                with_actuals=len(indicators_with_figures(ed)),
                with_trend=with_trend,
                **ed.params,
            )
        )
    ]
    if analysis.warnings:  # a published page names a file, never the folder it lies in
        blocks += [
            Paragraph(ed(f"chapters.{KEY}.warnings")),
            Bullets(
                tuple(
                    w.format(ed.language).replace(w.file, Path(w.file).name, 1)
                    for w in analysis.warnings
                )
            ),
        ]
    return blocks


def by_status(ed: Edition) -> list:
    obs = ed.analysis.area_observations
    cat = ed.catalogue
    statuses = ("actual", "estimate", "target")
    columns = (
        [Column(ed("columns.indicator"), width=46)]
        + [Column(ed(f"columns.status_{s}"), "number", 11) for s in statuses]
        + [Column(ed("columns.years_with_figures"), width=24)]
    )
    rows = []
    for ind in cat:
        if ind.same_as:
            continue
        mine = obs[obs["indicator"].isin(cat.members(ind.id))]
        if mine.empty:
            continue
        counts = [int((mine["effective_status"] == s).sum()) for s in statuses]
        figures = mine[mine["effective_status"].isin(["actual", "estimate"])].sort_values(
            ["period_start", "period_end", "half"]
        )
        periods = list(dict.fromkeys(period_label(ed.texts, p) for p in figures["period"]))
        rows.append(
            [name_cell(ed, ind.id)]
            + [number_cell(ed, c) for c in counts]
            + [text_cell(ed.texts.join(periods))]
        )
    return [
        Heading(ed(f"chapters.{KEY}.by_status_heading")),
        Paragraph(ed(f"chapters.{KEY}.by_status_text")),
        table("record_by_status", ed(f"chapters.{KEY}.by_status_caption"), columns, rows),
    ]


def sources_table(ed: Edition):
    """Every source of the area's figures: its kind, date and address, and whether the report
    may cite it (and why not).
    """
    found = citations(ed.analysis)
    columns = [
        Column(ed("columns.source_id"), width=7),
        Column(ed("columns.publisher"), width=30),
        Column(ed("columns.published"), width=11),
        Column(ed(f"chapters.{KEY}.col_kind"), width=14),
        Column(ed(f"chapters.{KEY}.col_cited"), width=24),
        Column(ed("columns.url"), width=40),
    ]
    rows = [
        [
            text_cell(c.source_id),
            quoted_cell(c.publisher_in(ed.texts.language)),
            date_cell(date_text(ed.texts, c.published), c.published),
            text_cell(ed(f"chapters.{KEY}.kind_{c.kind or 'missing'}")),
            text_cell(
                ed(f"chapters.{KEY}.cited_yes")
                if c.citable
                else ed(f"chapters.{KEY}.cited_{c.problem}")
            ),
            quoted_cell(c.url),
        ]
        for c in found.values()
    ]
    return table("sources", ed(f"chapters.{KEY}.sources_caption"), columns, rows)


def sources(ed: Edition) -> list:
    found = citations(ed.analysis)
    blocks: list = [
        Heading(ed(f"chapters.{KEY}.sources_heading")),
        Paragraph(
            ed(
                f"chapters.{KEY}.sources_text",
                date=date_text(ed.texts, report_date(ed.analysis)),
                report=ref("report"),
            )
        ),
        sources_table(ed),
    ]
    if any(not c.kind for c in found.values()):
        blocks.append(Paragraph(ed(f"chapters.{KEY}.kind_missing_warning")))
    uncited = [c.source_id for c in found.values() if c.kind and not c.citable]
    if uncited:
        blocks.append(
            Paragraph(
                ed(f"chapters.{KEY}.uncited_warning", ids=", ".join(uncited), report=ref("report"))
            )
        )
    return blocks


def gaps(ed: Edition) -> list:
    s = ed.settings
    years = list(range(s.base_year, s.target_year + 1))
    columns = [
        Column(ed("columns.indicator"), width=46),
        Column(ed("columns.unit"), width=16),
        Column(ed("columns.years_known", first=years[0], last=years[-1]), width=20),
        Column(ed("columns.years_to_add"), width=20),
    ]
    rows = []
    for indicator in judged_indicators(ed):
        series = ed.analysis.series[indicator]
        known = [int(y) for y in series.rows["period_start"] if years[0] <= y <= years[-1]]
        start = series.segment_start or years[0]
        missing = [y for y in years if y not in known and y >= min(start, years[-1])]
        rows.append(
            [
                name_cell(ed, indicator),
                unit_cell(ed, indicator),
                text_cell(years_text(ed.texts, known)),
                text_cell(years_text(ed.texts, missing)),
            ]
        )
    return [
        Heading(ed(f"chapters.{KEY}.gaps_heading")),
        Paragraph(ed(f"chapters.{KEY}.gaps_text", **ed.params)),
        table("gaps", ed(f"chapters.{KEY}.gaps_caption"), columns, rows),
    ]


def overview_chart(ed: Edition) -> list:
    return judged_dashboard(ed, KEY, "record_dashboard", projections=False)


def sources_sheet(ed: Edition) -> list:
    return [sources_table(ed)]


SECTIONS = {
    "title": title,
    "overview": overview,
    "by_status": by_status,
    "sources": sources,
    "gaps": gaps,
    "overview_chart": overview_chart,
}
SHEETS = {"sources": sources_sheet}
