"""Helpers shared by the chapters: titles, number cells, indicator selections."""

from __future__ import annotations

import math

from ..analysis import Analysis
from ..blocks import Cell, Column, Figure, Heading, Paragraph, Row, Table
from ..formatting import excel_number_format, indicator_name, rounded, unit_label
from ..l10n import Texts


def chapter_params(analysis: Analysis) -> dict[str, object]:
    """The values every chapter text may use: area name and the years of the review and the next
    plan.
    """
    s = analysis.settings
    first, last = s.term_years
    next_first, next_last = s.next_term_years
    return {
        "area_name": s.area_name,
        "first": first,
        "last": last,
        "base_year": s.base_year,
        "next_first": next_first,
        "next_last": next_last,
    }


def title_blocks(analysis: Analysis, texts: Texts, chapter: str, number: int) -> list:
    """The chapter's title and introduction."""
    params = chapter_params(analysis)
    return [
        Heading(f"{number}. " + texts(f"chapters.{chapter}.title", **params), 1),
        Paragraph(texts(f"chapters.{chapter}.intro", **params)),
    ]


def number_cell(
    texts: Texts, value: float, whole: bool = False, decimals: int | None = None, suffix: str = ""
) -> Cell:
    """A number: its text as the language writes it, its value and number format for Excel."""
    if value is None or not math.isfinite(value):
        return Cell("")
    shown = rounded(value, whole) if decimals is None else round(value, decimals)
    text = texts.number(shown, decimals) + suffix
    fmt = excel_number_format(value, whole, decimals) + (f'"{suffix}"' if suffix else "")
    return Cell(text, float(shown), fmt)


def text_cell(text: str) -> Cell:
    return Cell(text)


def quoted_cell(text: str) -> Cell:
    """Text taken from the data (a source's publisher, a quotation): shown as given, in any
    language.
    """
    return Cell(text, quoted=True)


def table(
    key: str,
    caption: str,
    columns: list[Column],
    rows: list[list[Cell]],
    notes: tuple[str, ...] = (),
) -> Table:
    return Table(key, caption, tuple(columns), tuple(Row(tuple(r)) for r in rows), notes)


def name_cell(analysis: Analysis, texts: Texts, indicator: str) -> Cell:
    return Cell(indicator_name(texts, analysis.catalogue, indicator, start=True))


def unit_cell(analysis: Analysis, texts: Texts, indicator: str) -> Cell:
    return Cell(unit_label(texts, analysis.catalogue, analysis.catalogue[indicator].unit))


def judged_indicators(analysis: Analysis) -> list[str]:
    """Indicators of the area's targets (the ones their figures are read from), in catalogue order,
    once each.
    """
    cat = analysis.catalogue
    wanted = set()
    for j in analysis.judgements:
        ind = cat[j.target.indicator]
        wanted.add(
            ind.average_of
            or (
                ind.level_indicator
                if ind.spec.rate_of_level
                and ind.level_indicator
                and cat[ind.level_indicator].spec.change_unit == "points"
                else ind.id
            )
        )
    return [i.id for i in cat if i.id in wanted and not i.same_as]


def indicators_with_figures(analysis: Analysis) -> list[str]:
    """Canonical indicators with at least one actual or estimate (yearly, half-yearly or over a
    range).
    """
    obs = analysis.area_observations
    found = set(obs.loc[obs["effective_status"].isin(["actual", "estimate"]), "indicator"])
    cat = analysis.catalogue
    return [i.id for i in cat if not i.same_as and any(m in found for m in cat.members(i.id))]


PANELS_PER_FIGURE = 6  # three rows of two: a figure that fits an A4 page with its caption


def judged_dashboard(
    analysis: Analysis, texts: Texts, chapter: str, key: str, projections: bool
) -> list:
    """A heading, a sentence and the dashboards of the judged indicators with yearly figures."""
    from ..charts import dashboard

    with_figures = indicators_with_figures(analysis)
    shown = [
        i
        for i in judged_indicators(analysis)
        if i in with_figures and analysis.catalogue[i].spec.change_unit != "none"
    ]
    if not shown:
        return []
    judgements = list(analysis.judgements)
    groups = [shown[i : i + PANELS_PER_FIGURE] for i in range(0, len(shown), PANELS_PER_FIGURE)]
    blocks: list = [
        Heading(texts(f"chapters.{chapter}.chart_heading")),
        Paragraph(texts(f"chapters.{chapter}.chart_text")),
    ]
    for n, group in enumerate(groups, start=1):
        caption = texts(f"chapters.{chapter}.chart_caption")
        if len(groups) > 1:
            caption += f" ({n}/{len(groups)})"
        blocks.append(
            Figure(
                f"{key}_{n}",
                caption,
                lambda group=group: dashboard(
                    analysis, texts, group, projections=projections, judgements=judgements
                ),
            )
        )
    return blocks
