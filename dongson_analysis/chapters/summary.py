"""The summary across the areas of a run, worded: its page and Word document (blocks) and its
workbook (sheets).

Everything here is made from one :class:`~dongson_analysis.summary.Summary`, that is from the
judgements each area's own report states (nothing is judged again). The page and the document
hold, in order: how many targets each area met, did not meet or could not be judged; the dot
charts (each area's figure as a percentage of its own target); the parent's own targets
beside its units' results; and, for a run of few areas, every area's figure of every target.
The workbook holds the same counts, areas × targets (the status, the percentage of the target),
the parent beside its units, and every area's every target in one long table.

Words come from the ``summary`` section of the language files; numbers are written the
language's way (``18,2``, ``3.000``).
"""

from __future__ import annotations

import math
from statistics import median

from ..blocks import (
    Block,
    Cell,
    Column,
    Edition,
    Figure,
    Heading,
    Paragraph,
    Row,
    Table,
    group_row,
    indicator_cell,
    number_cell,
    percent_cell,
    year_cell,
)
from ..formatting import indicator_name, period_label, target_text, upper_first
from ..l10n import Texts
from ..review import GROUP_ORDER, report_group
from ..summary import AreaSummary, Summary, SummaryTarget

KEY = "summary"
#: Rows of one dot chart (a longer list of targets is drawn as several charts).
CHART_ROWS = 10
#: Units up to which the page and the document list every area's figure of every target (a
#: larger run finds them in the workbook).
DETAILED_UNITS = 20


def _area_name(summary: Summary, texts: Texts, area: str) -> str:
    return summary.run.main.catalogue.area(area).name(texts.language)


def _edition(summary: Summary, texts: Texts) -> Edition:
    return Edition(summary.run.main, texts)


def params(summary: Summary, texts: Texts) -> dict[str, object]:
    """The values the summary's texts use: the parent's name, the number of units, the years."""
    first, last = summary.run.settings.term_years
    parent = summary.parent
    return {
        "parent": _area_name(summary, texts, parent) if parent else texts("summary.no_parent"),
        "count": len(summary.areas),  # the areas its tables list, the parent among them
        "first": first,
        "last": last,
    }


def title(summary: Summary, texts: Texts) -> str:
    """The summary's title (the page's, the document's, the workbook's)."""
    return texts("summary.title", **params(summary, texts))


def running(summary: Summary, texts: Texts) -> str:
    """The line under each caption: the parent, the units, the period."""
    return texts("summary.running", **params(summary, texts))


def _short_plan_label(texts: Texts, plan) -> str:
    if plan.kind == "term":
        return texts("review.plan_term", first=plan.first_year, last=plan.last_year)
    if plan.kind == "annual":
        return texts("review.plan_annual", year=plan.first_year)
    return plan.name(texts.language) or plan.id


def plan_labels(summary: Summary, texts: Texts) -> dict[str, str]:
    """Each plan of the summary as the report names it (the term's targets, a year's plan),
    with its catalogue name added where two plans would read alike (a year's plan and the
    targets set for its second half).
    """
    plans = {row.plan.id: row.plan for row in summary.targets}
    short = {pid: _short_plan_label(texts, plan) for pid, plan in plans.items()}
    repeated = {label for label in short.values() if list(short.values()).count(label) > 1}
    return {
        pid: texts("summary.plan_named", plan=label, name=plans[pid].name(texts.language))
        if label in repeated and plans[pid].name(texts.language)
        else label
        for pid, label in short.items()
    }


def _target_label(summary: Summary, texts: Texts, row: SummaryTarget) -> str:
    catalogue = summary.run.main.catalogue
    name = indicator_name(texts, catalogue, row.indicator, start=True)
    return texts("summary.target_label", indicator=name, period=period_label(texts, row.period))


def percent_of_target(j) -> float:
    """A judgement's figure as a percentage of its target where its rule states one (the
    registry's ``shows_percent_of_target``), else NaN: what the area's own report shows.
    """
    return j.percent_of_target if j.spec.shows_percent_of_target else math.nan


#: Areas named in a sentence before the rest are only counted (the tables name them all).
NAMED_IN_TEXT = 10


def _names(summary: Summary, texts: Texts, areas: list[AreaSummary]) -> str:
    names = ", ".join(_area_name(summary, texts, a.area) for a in areas[:NAMED_IN_TEXT])
    if len(areas) > NAMED_IN_TEXT:
        names = texts("summary.and_more", names=names, count=len(areas) - NAMED_IN_TEXT)
    return names


def _group_word(texts: Texts, group: str) -> str:
    return texts(f"summary.group.{group}")


def _standing_note(texts: Texts, area: AreaSummary) -> str:
    return "" if area.standing == "judged" else texts(f"summary.standing.{area.standing}")


# -- the counts ----------------------------------------------------------------------------


def counts_table(summary: Summary, texts: Texts) -> Table:
    """Each area's reported targets by the report's groups; areas without any say why."""
    ed = _edition(summary, texts)
    columns = (
        Column(texts("summary.col.number"), "number", 4),
        Column(texts("summary.col.area"), "text", 24),
        Column(texts("summary.col.level"), "text", 9),
        Column(texts("summary.col.targets"), "number", 8),
        *(Column(_group_word(texts, g), "number", 9) for g in GROUP_ORDER),
        Column(texts("summary.col.note"), "text", 18),
    )
    rows = []
    for i, area in enumerate(summary.areas, start=1):
        counts = area.group_counts
        judged = area.standing == "judged"
        rows.append(
            Row(
                (
                    number_cell(ed, i),
                    Cell(_area_name(summary, texts, area.area)),
                    Cell(upper_first(texts(f"levels.{area.level}.unit"))),
                    number_cell(ed, len(area.reported)) if judged else Cell(""),
                    *(number_cell(ed, counts[g]) if judged else Cell("") for g in GROUP_ORDER),
                    Cell(_standing_note(texts, area)),
                )
            )
        )
    return Table(
        "summary_counts",
        texts("summary.counts_caption", **params(summary, texts)),
        columns,
        tuple(rows),
        (texts("summary.counts_note"),),
    )


def counts_sentence(summary: Summary, texts: Texts) -> str:
    """How many areas have targets, and how many have none (naming them)."""
    judged = [a for a in summary.areas if a.standing == "judged"]
    text = texts(
        "summary.judged_areas",
        judged=texts.number(len(judged)),
        count=len(summary.areas),
    )
    for standing in ("no_targets", "no_figures"):
        left = [a for a in summary.areas if a.standing == standing]
        if left:
            text += " " + texts(
                f"summary.{standing}_areas",
                count=len(left),
                names=_names(summary, texts, left),
            )
    return text


# -- the dot charts ------------------------------------------------------------------------


def chart_rows(summary: Summary, texts: Texts) -> list[tuple[str, list]]:
    """The rows of the dot charts: each target with a percentage of its target in some area,
    its areas' (name, percentage, status, is the parent), the parent first.
    """
    parent = summary.parent
    rows = []
    for row in summary.targets:
        dots = [
            (_area_name(summary, texts, area), percent_of_target(j), j.status, area == parent)
            for area, j in row.judgements.items()
            if math.isfinite(percent_of_target(j))
        ]
        if dots:
            dots.sort(key=lambda d: not d[3])
            rows.append((_target_label(summary, texts, row), dots))
    return rows


def chart_blocks(summary: Summary, texts: Texts) -> list[Block]:
    """The dot charts, :data:`CHART_ROWS` targets each, and a note on what they leave out."""
    from ..charts import area_dots

    rows = chart_rows(summary, texts)
    parent = summary.parent
    in_run = parent in summary.run.areas
    legend = _area_name(summary, texts, parent) if parent and in_run else ""
    blocks: list[Block] = []
    parts = [rows[i : i + CHART_ROWS] for i in range(0, len(rows), CHART_ROWS)]
    caption = texts("summary.chart.caption", **params(summary, texts))
    for k, part in enumerate(parts, start=1):
        blocks.append(
            Figure(
                f"summary_dots_{k}",
                caption
                if len(parts) == 1
                else texts("summary.chart.part", caption=caption, part=k, parts=len(parts)),
                lambda part=part: area_dots(part, texts, legend),
                texts("summary.chart.alt", rows=len(part), count=len(summary.areas)),
            )
        )
    left = len(summary.targets) - len(rows)
    if not rows:
        blocks.append(Paragraph(texts("summary.chart.none")))
        return blocks
    notes = [texts("summary.chart.reading")]
    if left:
        notes.append(texts("summary.chart.left_out", count=left))
    blocks.append(Paragraph(" ".join(notes), italic=True))
    return blocks


# -- the parent beside its units -------------------------------------------------------------


def _median_percent(row: SummaryTarget, units: set[str]) -> float:
    found = [
        percent_of_target(j)
        for a, j in row.judgements.items()
        if a in units and math.isfinite(percent_of_target(j))
    ]
    return median(found) if found else math.nan


def parent_has_targets(summary: Summary) -> bool:
    """The run holds the parent and the parent has reported targets of its own (its area id's
    only: its units' targets are not the parent's).
    """
    parent = summary.parent
    return any(a.area == parent and a.reported for a in summary.areas)


def parent_words(summary: Summary, texts: Texts, part: str) -> str:
    """The parent table's ``heading`` or ``caption``: the parent's targets beside its units'
    results when it has targets of its own, else the units' targets (the parent set none).
    """
    p = params(summary, texts)
    if parent_has_targets(summary):
        return texts(f"summary.parent_{part}", **p)
    return texts(f"look_b.summary.units_{part}", **p)


def parent_table(summary: Summary, texts: Texts) -> Table:
    """Each target: the parent's own target and result, then how its units did (by group)
    and their median percentage of their own targets.
    """
    ed = _edition(summary, texts)
    catalogue = summary.run.main.catalogue
    parent = summary.parent
    units = {a.area for a in summary.units} - {parent}
    p = params(summary, texts)
    # the parent's own targets, when the run holds the parent and it has targets of its own
    own_columns = parent_has_targets(summary)
    columns = (
        Column(texts("summary.col.number"), "number", 4),
        Column(texts("summary.col.target"), "text", 26),
        *(
            (
                Column(texts("summary.col.parent_target", **p), "text", 12),
                Column(texts("summary.col.parent_status", **p), "text", 12),
            )
            if own_columns
            else ()
        ),
        Column(texts("summary.col.units_with"), "number", 8),
        *(Column(_group_word(texts, g), "number", 8) for g in GROUP_ORDER),
        Column(texts("summary.col.median_percent"), "number", 9),
    )
    rows: list[Row] = []
    plan = None
    number = 0
    labels = plan_labels(summary, texts)
    for row in summary.targets:
        if row.plan != plan:
            plan = row.plan
            rows.append(group_row(labels[row.plan.id], len(columns)))
        number += 1
        own = row.judgements.get(parent)
        counts = dict.fromkeys(GROUP_ORDER, 0)
        for area, j in row.judgements.items():
            if area in units:
                counts[report_group(j.status)] += 1
        t = own.target if own is not None else None
        rows.append(
            Row(
                (
                    number_cell(ed, number),
                    Cell(_target_label(summary, texts, row)),
                    *(
                        (
                            Cell(
                                target_text(
                                    texts,
                                    catalogue,
                                    t.indicator,
                                    t.value,
                                    t.value_high,
                                    t.qualifier,
                                )
                                if t is not None
                                else ""
                            ),
                            Cell(texts(f"status.{own.status}") if own is not None else ""),
                        )
                        if own_columns
                        else ()
                    ),
                    number_cell(ed, sum(counts.values())),
                    *(number_cell(ed, counts[g]) for g in GROUP_ORDER),
                    percent_cell(ed, _median_percent(row, units)),
                )
            )
        )
    return Table(
        "summary_parent",
        parent_words(summary, texts, "caption"),
        columns,
        tuple(rows),
        (texts("summary.parent_note", **p),) if own_columns else (),
    )


# -- every area's every target -----------------------------------------------------------------


def _detail_cells(summary: Summary, texts: Texts, area: str, row: SummaryTarget) -> tuple:
    ed = _edition(summary, texts)
    catalogue = summary.run.main.catalogue
    j = row.judgements[area]
    t = j.target
    # the figure judged: the target period's once known, else the latest (judged on progress)
    value, period = j.known_value, j.known_period
    if not math.isfinite(value):
        value, period = j.latest_value, j.latest_period
    if not math.isfinite(value):
        figure = Cell("")
    elif catalogue[t.indicator].spec.values_are_years:  # a year, not a quantity: 2018
        figure = year_cell(value)
    else:
        figure = indicator_cell(ed, t.indicator, value, stated=not j.spec.figure_computed)
    return (
        Cell(target_text(texts, catalogue, t.indicator, t.value, t.value_high, t.qualifier)),
        figure,
        Cell(period_label(texts, period) if period and math.isfinite(value) else ""),
        percent_cell(ed, percent_of_target(j)),
        Cell(texts(f"status.{j.status}")),
    )


def _detail_columns(texts: Texts) -> tuple[Column, ...]:
    return (
        Column(texts("summary.col.target_value"), "text", 14),
        Column(texts("summary.col.figure"), "number", 11),
        Column(texts("summary.col.figure_period"), "text", 9),
        Column(texts("summary.col.percent"), "number", 8),
        Column(texts("summary.col.status"), "text", 14),
    )


def details_table(summary: Summary, texts: Texts) -> Table:
    """Every target, then each area's target, figure, percentage and status under it."""
    columns = (Column(texts("summary.col.area"), "text", 22), *_detail_columns(texts))
    rows: list[Row] = []
    for row in summary.targets:
        rows.append(group_row(_target_label(summary, texts, row), len(columns)))
        for area in row.judgements:
            rows.append(
                Row(
                    (
                        Cell(_area_name(summary, texts, area)),
                        *_detail_cells(summary, texts, area, row),
                    )
                )
            )
    return Table(
        "summary_details",
        texts("summary.details_caption", **params(summary, texts)),
        columns,
        tuple(rows),
    )


def long_table(summary: Summary, texts: Texts) -> Table:
    """Every area's every target, one row each (for the workbook: filter and sort there)."""
    columns = (
        Column(texts("summary.col.area"), "text", 22),
        Column(texts("summary.col.plan"), "text", 16),
        Column(texts("summary.col.target"), "text", 28),
        *_detail_columns(texts),
    )
    plans = plan_labels(summary, texts)
    rows = [
        Row(
            (
                Cell(_area_name(summary, texts, area)),
                Cell(plans[row.plan.id]),
                Cell(_target_label(summary, texts, row)),
                *_detail_cells(summary, texts, area, row),
            )
        )
        for a in summary.areas
        for area in (a.area,)
        for row in summary.targets
        if area in row.judgements
    ]
    return Table(
        "summary_long",
        texts("summary.details_caption", **params(summary, texts)),
        columns,
        tuple(rows),
    )


def wide_table(summary: Summary, texts: Texts, value: str) -> Table:
    """Areas down, targets across: each area's status (``value="status"``) or percentage of
    its target (``value="percent"``); a target the area does not have is left empty.
    """
    ed = _edition(summary, texts)
    labels = [_target_label(summary, texts, row) for row in summary.targets]
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    plans = plan_labels(summary, texts)
    labels = [
        texts("summary.target_in_plan", target=label, plan=plans[row.plan.id])
        if seen[label] > 1
        else label
        for label, row in zip(labels, summary.targets, strict=True)
    ]
    kind = "text" if value == "status" else "number"
    columns = (
        Column(texts("summary.col.area"), "text", 22),
        *(Column(label, kind, 14) for label in labels),
    )

    def cell(area: str, row: SummaryTarget) -> Cell:
        j = row.judgements.get(area)
        if j is None:
            return Cell("")
        if value == "status":
            return Cell(texts(f"status.{j.status}"))
        return percent_cell(ed, percent_of_target(j))

    rows = tuple(
        Row(
            (
                Cell(_area_name(summary, texts, a.area)),
                *(cell(a.area, row) for row in summary.targets),
            )
        )
        for a in summary.areas
    )
    return Table(
        f"summary_{value}",
        texts(f"summary.{value}_caption", **params(summary, texts)),
        columns,
        rows,
        (texts(f"summary.{value}_note"),),
    )


# -- the page, the document, the workbook ---------------------------------------------------------


def blocks(summary: Summary, texts: Texts) -> list[Block]:
    """The summary's page and Word document.

    Parameters
    ----------
    summary : Summary
        The run's summary (:func:`dongson_analysis.summary.summarise`).
    texts : Texts
        The language it is written in.

    Returns
    -------
    list of Block
        The title, the dot charts, the parent beside its units, the counts of each area,
        and (for few units) every area's every target.
    """
    p = params(summary, texts)
    out: list[Block] = [
        Heading(upper_first(title(summary, texts)), 1, numbered=False),
        Paragraph(texts("look_b.summary.intro", **p)),
        Paragraph(counts_sentence(summary, texts)),
    ]
    if summary.targets:  # the overview first: the charts, the parent beside its units
        out += [Heading(texts("summary.chart_heading"), 2, numbered=False)]
        out += chart_blocks(summary, texts)
        out += [
            Heading(parent_words(summary, texts, "heading"), 2, numbered=False),
            parent_table(summary, texts),
        ]
    out += [
        Heading(texts("summary.counts_heading"), 2, numbered=False),
        counts_table(summary, texts),
    ]
    if summary.targets:
        out.append(Heading(texts("summary.details_heading"), 2, numbered=False))
        if len(summary.units) <= DETAILED_UNITS:
            out.append(details_table(summary, texts))
        else:
            out.append(Paragraph(texts("summary.details_in_workbook", count=len(summary.areas))))
    return out


def sheets(summary: Summary, texts: Texts) -> list[tuple[str, list[Block]]]:
    """The summary's workbook: the counts, areas × targets (status, then percentage of the
    target), the parent beside its units, every area's every target.

    Parameters
    ----------
    summary : Summary
        The run's summary.
    texts : Texts
        The language of the sheets.

    Returns
    -------
    list of (str, list of Block)
        Each sheet's name and its one table.
    """
    out = [(texts("summary.sheet.counts"), [counts_table(summary, texts)])]
    if summary.targets:
        out += [
            (texts("summary.sheet.status"), [wide_table(summary, texts, "status")]),
            (texts("summary.sheet.percent"), [wide_table(summary, texts, "percent")]),
            (texts("summary.sheet.parent"), [parent_table(summary, texts)]),
            (texts("summary.sheet.long"), [long_table(summary, texts)]),
        ]
    return out
