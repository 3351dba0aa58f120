"""Working notes, chapter 4: projections for the next plan's years, with honest ranges, and the
scenario notes (a scenario explorer in the notebooks).
"""

from __future__ import annotations

from ..blocks import Bullets, Column, Edition, Figure, Heading, Paragraph, ref
from ..charts import indicator_chart
from ..explorer import scenario_sentence
from ..formatting import date_text, indicator_name
from ..wording import design_text, not_projected_text, projection_paragraph
from .common import (
    explorer_blocks,
    indicator_cell,
    indicator_number,
    name_cell,
    table,
    text_cell,
    title_blocks,
    unit_cell,
    year_cell,
)

KEY = "projections"
NAME = "du_bao"


def title(ed: Edition) -> list:
    return [title_blocks(ed, KEY, intro=False)[0]] + [
        Paragraph(ed(f"chapters.{KEY}.intro", methods=ref("methods"), **ed.params))
    ]


def calibration(ed: Edition) -> list:
    """For each projected indicator: the design its projection rests on, the kind of series
    (series group) its ranges were calibrated on, and the coverage the benchmark measured for
    that group and design; a design the benchmark did not measure is named as such.
    """
    analysis = ed.analysis
    lines = []
    for indicator, projection in analysis.projections.items():
        group = ed.catalogue[indicator].series_group
        measured = analysis.benchmarks.group_coverage(group, projection.design)
        params = {
            "name": indicator_name(ed.texts, ed.catalogue, indicator, start=True),
            "design": design_text(ed.texts, projection.design),
            "group": ed(f"series_groups.{group}"),
        }
        if measured.empty:
            lines.append(ed(f"chapters.{KEY}.group_not_measured", **params))
            continue
        lines.append(
            ed(
                f"chapters.{KEY}.group_measured",
                coverage80=percent_span(ed, measured["coverage80"]),
                coverage95=percent_span(ed, measured["coverage95"]),
                series=ed.texts.number(int(measured["n_series"].sum())),
                methods=ref("methods"),
                **params,
            )
        )
    return [Bullets(tuple(lines))] if lines else []


def percent_span(ed: Edition, shares) -> str:
    """``76–81%`` from the shares measured on several data sets (``95%`` if they round alike)."""
    low, high = (ed.texts.number(round(100 * float(f(shares)))) for f in (min, max))
    return (low if low == high else f"{low}–{high}") + "%"


def paragraphs(ed: Edition) -> list:
    analysis, texts = ed.analysis, ed.texts
    blocks: list = [Heading(ed(f"chapters.{KEY}.paragraphs_heading"))]
    if analysis.projections:
        blocks.append(
            Bullets(
                tuple(
                    projection_paragraph(texts, analysis, i, p)
                    for i, p in analysis.projections.items()
                )
            )
        )
    else:
        blocks.append(Paragraph(ed(f"chapters.{KEY}.none")))
    single = {
        i: r
        for i, r in analysis.not_projected.items()
        if r.code == "single_figure" and not r.kw.get("break_year")
    }
    if single:
        blocks.append(
            Paragraph(
                ed(
                    f"chapters.{KEY}.single_figures",
                    names="; ".join(
                        ed(
                            f"chapters.{KEY}.name_year",
                            name=indicator_name(texts, analysis.catalogue, i),
                            year=r.kw["year"],
                        )
                        for i, r in single.items()
                    ),
                )
            )
        )
    others = {i: r for i, r in analysis.not_projected.items() if i not in single}
    if others:
        blocks.append(Paragraph(ed(f"chapters.{KEY}.not_projected_heading")))
        blocks.append(
            Bullets(tuple(not_projected_text(texts, analysis, i, r) for i, r in others.items()))
        )
    return blocks


def details(ed: Edition) -> list:
    analysis, texts = ed.analysis, ed.texts
    blocks: list = []
    cat = analysis.catalogue
    for indicator, p in analysis.projections.items():
        ind = cat[indicator]
        columns = [
            Column(ed("columns.year"), width=8),
            Column(ed("columns.median"), "number", 12),
            Column(ed("columns.range80"), width=20),
            Column(ed("columns.range95"), width=20),
        ]
        rows = []
        for i, year in enumerate(p.horizon_years):
            lo80, hi80 = (
                indicator_cell(ed, indicator, p.lower80[i]),
                indicator_cell(ed, indicator, p.upper80[i]),
            )
            lo95, hi95 = (
                indicator_cell(ed, indicator, p.lower95[i]),
                indicator_cell(ed, indicator, p.upper95[i]),
            )
            rows.append(
                [
                    year_cell(year),
                    indicator_cell(ed, indicator, p.point[i]),
                    text_cell(f"{lo80.text}–{hi80.text}"),
                    text_cell(f"{lo95.text}–{hi95.text}"),
                ]
            )
        judgements = [j for j in analysis.judgements if j.target.indicator == indicator]
        name = indicator_name(texts, cat, indicator, start=True)
        blocks += [
            Heading(name, 3, numbered=False),
            table(
                f"projection_{indicator}",
                ed(
                    f"chapters.{KEY}.table_caption",
                    name=name,
                    unit=cat.unit_label(ind.unit, texts.language),
                ),
                columns,
                rows,
            ),
            Figure(
                f"projection_{indicator}",
                ed(f"chapters.{KEY}.chart_caption", name=name),
                lambda indicator=indicator, judgements=judgements: indicator_chart(
                    analysis, texts, indicator, analysis.projections[indicator], judgements
                ),
            ),
        ]
    return blocks


def explorer_section(ed: Edition) -> list:
    analysis, texts = ed.analysis, ed.texts

    def example(indicator: str, change: float, target: float) -> tuple:
        scenario = analysis.projections[indicator].growth_path(change)
        return (
            Paragraph(
                ed(
                    f"chapters.{KEY}.example",
                    name=indicator_name(texts, analysis.catalogue, indicator),
                )
            ),
            Figure(
                "scenario_example",
                ed(f"chapters.{KEY}.example_caption"),
                lambda: indicator_chart(
                    analysis,
                    texts,
                    indicator,
                    analysis.projections[indicator],
                    scenario=scenario,
                    proposed=target,
                ),
            ),
            Paragraph(scenario_sentence(analysis, texts, indicator, change, target)),
        )

    return explorer_blocks(ed, KEY, example)


def projections_table(ed: Edition):
    """Every projection by year (median, 80% and 95% ranges): the workbook's sheet."""
    from ..blocks import Row, Table

    columns = [
        Column(ed("columns.indicator"), width=34),
        Column(ed("columns.unit"), width=14),
        Column(ed("columns.year"), "number", 7),
        Column(ed("columns.median"), "number", 11),
        Column(ed("excel.lower80"), "number", 11),
        Column(ed("excel.upper80"), "number", 11),
        Column(ed("excel.lower95"), "number", 11),
        Column(ed("excel.upper95"), "number", 11),
    ]
    rows = []
    for indicator, p in ed.analysis.projections.items():
        for i, year in enumerate(p.horizon_years):
            rows.append(
                Row(
                    (
                        name_cell(ed, indicator),
                        unit_cell(ed, indicator),
                        year_cell(year),
                        indicator_cell(ed, indicator, p.point[i]),
                        indicator_cell(ed, indicator, p.lower80[i]),
                        indicator_cell(ed, indicator, p.upper80[i]),
                        indicator_cell(ed, indicator, p.lower95[i]),
                        indicator_cell(ed, indicator, p.upper95[i]),
                    )
                )
            )
    return Table("projections", ed("excel.projections_caption"), tuple(columns), tuple(rows))


def projections_sheet(ed: Edition) -> list:
    return [projections_table(ed)]


def look_back(ed: Edition) -> list:
    """The look back: what the tool projects from the record as it stood before the period under
    review (its base year, as of its latest source), set against the figures published since,
    said plainly whichever way it falls; one line where nothing can be concluded.
    """
    lb = ed.analysis.look_back
    heading = Heading(ed(f"chapters.{KEY}.look_back_heading", base=lb.last_year))
    if not lb.rows:
        return [heading, Paragraph(ed(f"chapters.{KEY}.look_back_none", base=lb.last_year))]
    return [heading] + _comparison(ed, lb, "look_back_text", "look_back_caption")


def hindsight(ed: Edition) -> list:
    """This run's projections against the figures published after the report's date (for a
    review written earlier and regenerated now); nothing when no such figure exists.
    """
    lb = ed.analysis.hindsight
    if not lb.rows:
        return []
    heading = Heading(ed(f"chapters.{KEY}.hindsight_heading", **ed.params))
    return [heading] + _comparison(ed, lb, "hindsight_text", "hindsight_caption")


def _comparison(ed: Edition, lb, text_key: str, caption_key: str) -> list:
    """The summary sentence, a caution when the figures are few, and the table of one look
    back (:class:`~dongson_analysis.analysis.LookBack`).
    """
    n = len(lb.rows)
    above = sum(r.outcome > r.median for r in lb.rows)
    mean_error = sum(r.error_percent for r in lb.rows) / n
    params = {
        **ed.params,
        "base": lb.last_year,
        "as_of": date_text(ed.texts, lb.as_of) if lb.as_of else lb.last_year,
        "count": n,
        "inside80": sum(r.inside80 for r in lb.rows),
        "inside95": sum(r.inside95 for r in lb.rows),
        "above": above,
        "below": n - above,
        "error": ed.texts.number(abs(round(mean_error)), 0),
        "direction": ed(f"chapters.{KEY}.look_back_{'below' if mean_error < 0 else 'above'}"),
    }
    blocks: list = [Paragraph(ed(f"chapters.{KEY}.{text_key}", **params))]
    if n < LOOK_BACK_FEW:
        blocks.append(Paragraph(ed(f"chapters.{KEY}.look_back_few", count=n)))
    columns = [
        Column(ed("columns.indicator"), width=28),
        Column(ed("columns.year"), "number", 7),
        Column(ed(f"chapters.{KEY}.look_back_outcome"), "number", 12),
        Column(ed(f"chapters.{KEY}.look_back_median"), "number", 12),
        Column(ed(f"chapters.{KEY}.look_back_range80"), width=16),
        Column(ed(f"chapters.{KEY}.look_back_range95"), width=16),
        Column(ed(f"chapters.{KEY}.look_back_verdict"), width=20),
    ]
    rows = []
    for r in lb.rows:
        verdict = "inside80" if r.inside80 else "inside95" if r.inside95 else "outside"
        number = lambda v, i=r.indicator: indicator_number(ed, i, v)  # noqa: E731
        rows.append(
            [
                name_cell(ed, r.indicator),
                year_cell(r.year),
                indicator_cell(ed, r.indicator, r.outcome),
                indicator_cell(ed, r.indicator, r.median),
                text_cell(f"{number(r.lower80)}–{number(r.upper80)}"),
                text_cell(f"{number(r.lower95)}–{number(r.upper95)}"),
                text_cell(ed(f"chapters.{KEY}.look_back_{verdict}")),
            ]
        )
    caption = ed(f"chapters.{KEY}.{caption_key}", **params)
    blocks.append(table(caption_key.removesuffix("_caption"), caption, columns, rows))
    return blocks


#: Fewer later figures than this are too few to say whether the ranges hold; the text says so.
LOOK_BACK_FEW = 10


SECTIONS = {
    "title": title,
    "calibration": calibration,
    "paragraphs": paragraphs,
    "details": details,
    "look_back": look_back,
    "hindsight": hindsight,
    "explorer": explorer_section,
}
SHEETS = {"projections": projections_sheet}
