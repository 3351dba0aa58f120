"""Chapter 1: the record, its sources and its gaps."""

from __future__ import annotations

from pathlib import Path

from ..analysis import Analysis
from ..blocks import Bullets, Column, Heading, Paragraph
from ..formatting import date_text, period_label, years_text
from ..l10n import Texts
from .common import (
    chapter_params,
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

KEY = "record"


def title(analysis: Analysis, texts: Texts) -> list:
    return title_blocks(analysis, texts, KEY, 1)


def overview(analysis: Analysis, texts: Texts) -> list:
    obs = analysis.area_observations
    figures = obs["effective_status"].isin(["actual", "estimate"])
    with_trend = sum(1 for s in analysis.series.values() if len(s) >= 2)
    blocks: list = [
        Paragraph(
            texts(
                f"chapters.{KEY}.overview",
                figures=len(obs),
                indicators=obs["indicator"].nunique(),
                sources=len(used_sources(analysis)),
                actuals=int(figures.sum()),
                targets=int((obs["effective_status"] == "target").sum()),
                with_actuals=len(indicators_with_figures(analysis)),
                with_trend=with_trend,
                **chapter_params(analysis),
            )
        )
    ]
    if (
        analysis.warnings
    ):  # a published page names a file, never the folder it lies in on this computer
        blocks += [
            Paragraph(texts(f"chapters.{KEY}.warnings")),
            Bullets(
                tuple(
                    w.format(texts.language).replace(w.file, Path(w.file).name, 1)
                    for w in analysis.warnings
                )
            ),
        ]
    return blocks


def by_status(analysis: Analysis, texts: Texts) -> list:
    obs = analysis.area_observations
    cat = analysis.catalogue
    statuses = ("actual", "estimate", "target")
    columns = (
        [Column(texts("columns.indicator"), width=46)]
        + [Column(texts(f"columns.status_{s}"), "number", 11) for s in statuses]
        + [Column(texts("columns.years_with_figures"), width=24)]
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
        periods = list(dict.fromkeys(period_label(texts, p) for p in figures["period"]))
        rows.append(
            [name_cell(analysis, texts, ind.id)]
            + [number_cell(texts, c, whole=True) for c in counts]
            + [text_cell(texts.join(periods))]
        )
    return [
        Heading(texts(f"chapters.{KEY}.by_status_heading")),
        Paragraph(texts(f"chapters.{KEY}.by_status_text")),
        table("record_by_status", texts(f"chapters.{KEY}.by_status_caption"), columns, rows),
    ]


def used_sources(analysis: Analysis):
    """The sources of the area's figures and of the series breaks that apply to them."""
    used = set(analysis.area_observations["source_id"]) | {
        b.source_id for s in analysis.series.values() for b in s.breaks
    }
    return analysis.sources[analysis.sources["source_id"].isin(used)]


def sources(analysis: Analysis, texts: Texts) -> list:
    frame = used_sources(analysis)
    columns = [
        Column(texts("columns.source_id"), width=10),
        Column(texts("columns.publisher"), width=38),
        Column(texts("columns.published"), width=12),
        Column(texts("columns.url"), width=40),
    ]
    rows = [
        [
            text_cell(str(r.source_id)),
            quoted_cell(str(r.publisher)),
            text_cell(date_text(texts, str(r.published))),
            quoted_cell(str(r.url)),
        ]
        for r in frame.itertuples()
    ]
    return [
        Heading(texts(f"chapters.{KEY}.sources_heading")),
        Paragraph(texts(f"chapters.{KEY}.sources_text")),
        table("sources", texts(f"chapters.{KEY}.sources_caption"), columns, rows),
    ]


def gaps(analysis: Analysis, texts: Texts) -> list:
    s = analysis.settings
    years = list(range(s.base_year, s.target_year + 1))
    columns = [
        Column(texts("columns.indicator"), width=46),
        Column(texts("columns.unit"), width=16),
        Column(texts("columns.years_known", first=years[0], last=years[-1]), width=20),
        Column(texts("columns.years_to_add"), width=20),
    ]
    rows = []
    for indicator in judged_indicators(analysis):
        series = analysis.series[indicator]
        known = [int(y) for y in series.rows["period_start"] if years[0] <= y <= years[-1]]
        start = series.segment_start or years[0]
        missing = [y for y in years if y not in known and y >= min(start, years[-1])]
        rows.append(
            [
                name_cell(analysis, texts, indicator),
                unit_cell(analysis, texts, indicator),
                text_cell(years_text(texts, known)),
                text_cell(years_text(texts, missing)),
            ]
        )
    return [
        Heading(texts(f"chapters.{KEY}.gaps_heading")),
        Paragraph(texts(f"chapters.{KEY}.gaps_text", **chapter_params(analysis))),
        table("gaps", texts(f"chapters.{KEY}.gaps_caption"), columns, rows),
    ]


def overview_chart(analysis: Analysis, texts: Texts) -> list:
    return judged_dashboard(analysis, texts, KEY, "record_dashboard", projections=False)


SECTIONS = {
    "title": title,
    "overview": overview,
    "by_status": by_status,
    "sources": sources,
    "gaps": gaps,
    "overview_chart": overview_chart,
}
