"""Helpers shared by the chapters: titles, number cells, indicator selections, figures."""

from __future__ import annotations

import math
from collections.abc import Callable

from ..blocks import (  # noqa: F401  (the cell helpers, for the chapters)
    Block,
    Cell,
    Column,
    Edition,
    Figure,
    Heading,
    Interactive,
    Paragraph,
    Row,
    Table,
    indicator_cell,
    indicator_number,
    name_cell,
    number_cell,
    percent_cell,
    probability_cell,
    unit_cell,
    year_cell,
)
from ..explorer import example_values, explorer
from ..formatting import rate_text
from ..judgement import JUDGEMENT_STATUSES
from ..review import GROUP_ORDER, ReviewSection, group_counts, plan_size, plan_title


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


def area_named(ed: Edition, area_id: str) -> str:
    """A catalogued area with its level's word (``phường Đông Sơn``)."""
    area = ed.catalogue.area(area_id)
    return ed(f"levels.{area.level}.named", name=area.name(ed.language))


#: The sentence that replaces ``fixdata.succession_no_plan`` when no source published by the
#: report's date states that the area ceases (the report proposes nothing and names no date).
NO_PLAN_UNSTATED = "look_b.succession_no_plan_unstated"


def succession_text(ed: Edition, key: str = "fixdata.succession") -> str:
    """Where the area went after it ceased to exist (``areas.csv``), in one sentence; "" for an
    area that outlasts the run's periods.

    Only the steps whose sources were published by the report's date are stated
    (:attr:`~dongson_analysis.analysis.Succession.known_steps`). When none is, the sentence of
    ``fixdata.succession`` is "" (the report knows of no change), and that of
    ``fixdata.succession_no_plan`` says only that no target is proposed, naming no date.

    Parameters
    ----------
    ed : Edition
        The edition (its analysis's succession, its language).
    key : str
        The sentence's text key.

    Returns
    -------
    str
        The sentence, or "".
    """
    from ..formatting import date_text, upper_first

    s = ed.analysis.succession
    if s is None:
        return ""
    known = s.known_steps
    if not s.ceasing_known:
        if key != "fixdata.succession_no_plan":
            return ""
        params = {k: v for k, v in ed.params.items() if k != "area"}
        return upper_first(ed(NO_PLAN_UNSTATED, area=area_named(ed, s.area), **params))
    steps = [
        ed(
            "fixdata.succession_step",
            date=date_text(ed.texts, step.date),
            successors=ed.texts.join([area_named(ed, a) for a in step.successors]),
            sources=", ".join(step.sources),
        )
        for step in known
    ]
    last = known[-1].successors if known else ()
    return upper_first(
        ed(
            key,
            area=area_named(ed, s.area),
            date=date_text(ed.texts, s.ceased_on),
            steps="; ".join(steps),
            successors=ed.texts.join([area_named(ed, a) for a in last]),
            **{k: v for k, v in ed.params.items() if k != "area"},
        )
    )


def plan_count_line(ed: Edition, section: ReviewSection) -> str:
    """One plan's targets counted in the one form both documents use.

    ``x/N chỉ tiêu có số liệu: a đạt và vượt kế hoạch, b không đạt`` where N is the plan's
    size when the record states it (else the targets collected, said so), x the targets
    that could be judged; ``đã thu thập N chỉ tiêu; chưa đánh giá được`` when none could
    (never "0/14 đạt", which reads as fourteen failures).
    """
    key = "chapters.results"
    collected = len(section.rows)
    counts = group_counts(section.rows)
    assessed = collected - counts["not_assessable"]
    size = plan_size(section)
    plan = plan_title(ed.texts, section.plan)
    if not assessed:
        of_size = ed(f"{key}.of_size", size=size) if size and size > collected else ""
        return ed(f"{key}.count_none", plan=plan, collected=collected, of_size=of_size)
    known = bool(size and size >= collected)
    parts = [
        ed(f"{key}.group_{group}", count=counts[group])
        for group in GROUP_ORDER
        if group != "not_assessable" and counts[group]
    ]
    return ed(
        f"{key}.count_line",
        plan=plan,
        assessed=assessed,
        total=size if known else collected,
        basis=ed(f"{key}.basis_size" if known else f"{key}.basis_collected"),
        counts=ed.texts.join(parts),
    )


def proposal_base_text(ed: Edition, proposal) -> str:
    """The base a proposal's yearly changes are measured from (``ước TH 2020: 43,5``; "" where
    it has none).
    """
    p = proposal
    if p.base_year is None:
        return ""
    return ed(
        f"columns.base_{p.base_kind}",
        year=p.base_year,
        value=indicator_number(ed, p.indicator, p.base_value, stated=p.base_kind != "projection"),
    )


def expected_change_text(ed: Edition, proposal) -> str:
    """The yearly change the expected variant of a proposal implies from its base, signed (""
    where there is none).
    """
    p = proposal
    change = p.level("expected").annual_change
    if not math.isfinite(change):
        return ""
    return rate_text(ed.texts, ed.catalogue, p.indicator, change, p.change_unit, signed=True)


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


def explorer_blocks(
    ed: Edition,
    chapter: str,
    example: Callable[[str, float, float], tuple[Block, ...]],
    with_scenario: bool = True,
) -> list:
    """A chapter's explorer: its heading, and the widget (``with_scenario``: with a yearly change
    to try) with its instructions; nothing where nothing is projected.

    ``example(indicator, change, target)`` gives the blocks that stand for the widget where it
    cannot run, from a fixed example: the first projected indicator, a yearly change and a
    target to try (:func:`~dongson_analysis.explorer.example_values`).
    """
    analysis, texts = ed.analysis, ed.texts
    if not analysis.projections:
        return []
    indicator = next(iter(analysis.projections))
    static = example(indicator, *example_values(analysis, indicator))
    return [
        Heading(ed(f"chapters.{chapter}.explorer_heading")),
        Interactive(
            lambda: explorer(analysis, texts, with_scenario=with_scenario),
            static,
            (Paragraph(ed(f"chapters.{chapter}.explorer_text")),),
        ),
    ]


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
