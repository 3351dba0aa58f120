"""Helpers shared by the chapters: titles, number cells, indicator selections, figures."""

from __future__ import annotations

from ..blocks import (  # noqa: F401  (the cell helpers, for the chapters)
    Cell,
    Column,
    Edition,
    Figure,
    Heading,
    Paragraph,
    Row,
    Table,
    indicator_cell,
    indicator_number,
    number_cell,
    percent_cell,
    probability_cell,
    year_cell,
)
from ..formatting import indicator_name, unit_label
from ..judgement import JUDGEMENT_STATUSES
from ..review import ReviewSection, plan_size


def title_blocks(ed: Edition, chapter: str, intro: bool = True) -> list:
    """The chapter's title (numbered when the document is assembled) and its introduction."""
    blocks: list = [Heading(ed(f"chapters.{chapter}.title", **ed.params), 1)]
    if intro:
        blocks.append(Paragraph(ed(f"chapters.{chapter}.intro", **ed.params)))
    return blocks


def title_text(ed: Edition, chapter: str) -> str:
    """The chapter's title without its number (for pages whose first block is not a heading)."""
    return ed(f"chapters.{chapter}.title", **ed.params)


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
    rows: list[list[Cell]] | list[Row],
    notes: tuple[str, ...] = (),
) -> Table:
    return Table(
        key,
        caption,
        tuple(columns),
        tuple(r if isinstance(r, Row) else Row(tuple(r)) for r in rows),
        notes,
    )


def plan_size_text(ed: Edition, section: ReviewSection) -> str:
    """How many targets of a plan the record holds, and of how many where the plan's size is
    known (``26 chỉ tiêu``, ``3/26 chỉ tiêu``).
    """
    total = len(section.rows)
    size = plan_size(section)
    if size and size > total:
        return ed("chapters.results.size_known", count=total, size=size)
    return ed("chapters.results.size", count=total)


def name_cell(ed: Edition, indicator: str) -> Cell:
    return Cell(indicator_name(ed.texts, ed.catalogue, indicator, start=True))


def unit_cell(ed: Edition, indicator: str) -> Cell:
    return Cell(unit_label(ed.texts, ed.catalogue, ed.catalogue[indicator].unit))


def judged_indicators(ed: Edition, assessed_only: bool = False) -> list[str]:
    """Indicators of the area's targets (the ones their figures are read from), in catalogue order,
    once each; ``assessed_only``: only those with a target judged (not "chưa đánh giá được").
    """
    cat = ed.catalogue
    wanted = set()
    for j in ed.analysis.judgements:
        if assessed_only and JUDGEMENT_STATUSES[j.status].family == "none":
            continue
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


def indicators_with_figures(ed: Edition) -> list[str]:
    """Canonical indicators with at least one actual or estimate (yearly, half-yearly or over a
    range).
    """
    obs = ed.analysis.area_observations
    found = set(obs.loc[obs["effective_status"].isin(["actual", "estimate"]), "indicator"])
    cat = ed.catalogue
    return [i.id for i in cat if not i.same_as and any(m in found for m in cat.members(i.id))]


PANELS_PER_FIGURE = 6  # three rows of two: a figure that fits an A4 page with its caption


def judged_dashboard(
    ed: Edition, chapter: str, key: str, projections: bool, assessed_only: bool = False
) -> list:
    """A heading, a sentence and the dashboards of the judged indicators with yearly figures
    (``assessed_only``: of the targets judged, the caption saying so).
    """
    from ..charts import dashboard

    with_figures = indicators_with_figures(ed)
    shown = [
        i
        for i in judged_indicators(ed, assessed_only)
        if i in with_figures and ed.catalogue[i].spec.change_unit != "none"
    ]
    if not shown:
        return []
    judgements = [
        j
        for j in ed.analysis.judgements
        if not assessed_only or JUDGEMENT_STATUSES[j.status].family != "none"
    ]
    groups = [shown[i : i + PANELS_PER_FIGURE] for i in range(0, len(shown), PANELS_PER_FIGURE)]
    blocks: list = [
        Heading(ed(f"chapters.{chapter}.chart_heading")),
        Paragraph(ed(f"chapters.{chapter}.chart_text")),
    ]
    analysis, texts = ed.analysis, ed.texts
    for n, group in enumerate(groups, start=1):
        caption = ed(f"chapters.{chapter}.chart_caption")
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
