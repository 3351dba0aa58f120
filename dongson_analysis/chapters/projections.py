"""Chapter 3: projections for the next plan's years, with honest ranges, and a scenario explorer."""

from __future__ import annotations

from ..analysis import Analysis
from ..benchmark_results import OURS
from ..blocks import Bullets, Column, Figure, Heading, Interactive, Paragraph
from ..charts import indicator_chart
from ..explorer import example_values, explorer, scenario_sentence
from ..formatting import indicator_name
from ..l10n import Texts
from ..wording import design_text, not_projected_text, projection_paragraph
from .common import number_cell, table, text_cell, title_blocks

KEY = "projections"


def title(analysis: Analysis, texts: Texts) -> list:
    return title_blocks(analysis, texts, KEY, 3)


def calibration(analysis: Analysis, texts: Texts) -> list:
    """Which designs the projections rest on, and whether the benchmark measured each of them."""
    designs = sorted({p.design for p in analysis.projections.values()})
    accuracy = analysis.benchmarks.accuracy
    lines = []
    for design in designs:
        ours = accuracy[(accuracy["design"] == design) & (accuracy["method"] == OURS)]
        if ours.empty:
            lines.append(
                texts(f"chapters.{KEY}.design_not_measured", design=design_text(texts, design))
            )
            continue
        lines.append(
            texts(
                f"chapters.{KEY}.design_measured",
                design=design_text(texts, design),
                coverage80=percent_span(texts, ours["coverage80"]),
                coverage95=percent_span(texts, ours["coverage95"]),
            )
        )
    return [Paragraph(" ".join(lines))] if lines else []


def percent_span(texts: Texts, shares) -> str:
    """``76–81%`` from the shares measured on several data sets (``95%`` if they round alike)."""
    low, high = (texts.number(round(100 * float(f(shares)))) for f in (min, max))
    return (
        low if low == high else f"{low}–{high}"
    ) + "%"  # the percent sign as percent_text writes it


def paragraphs(analysis: Analysis, texts: Texts) -> list:
    blocks: list = [Heading(texts(f"chapters.{KEY}.paragraphs_heading"))]
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
        blocks.append(Paragraph(texts(f"chapters.{KEY}.none")))
    single = {
        i: r
        for i, r in analysis.not_projected.items()
        if r.code == "single_figure" and not r.kw.get("break_year")
    }
    if single:
        blocks.append(
            Paragraph(
                texts(
                    f"chapters.{KEY}.single_figures",
                    names="; ".join(
                        texts(
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
        blocks.append(Paragraph(texts(f"chapters.{KEY}.not_projected_heading")))
        blocks.append(
            Bullets(tuple(not_projected_text(texts, analysis, i, r) for i, r in others.items()))
        )
    return blocks


def details(analysis: Analysis, texts: Texts) -> list:
    blocks: list = []
    cat = analysis.catalogue
    for indicator, p in analysis.projections.items():
        ind = cat[indicator]
        whole = ind.spec.whole_numbers
        columns = [
            Column(texts("columns.year"), width=8),
            Column(texts("columns.median"), "number", 12),
            Column(texts("columns.range80"), width=20),
            Column(texts("columns.range95"), width=20),
        ]
        rows = []
        for i, year in enumerate(p.horizon_years):
            lo80, hi80 = (
                number_cell(texts, p.lower80[i], whole),
                number_cell(texts, p.upper80[i], whole),
            )
            lo95, hi95 = (
                number_cell(texts, p.lower95[i], whole),
                number_cell(texts, p.upper95[i], whole),
            )
            rows.append(
                [
                    text_cell(str(int(year))),
                    number_cell(texts, p.point[i], whole),
                    text_cell(f"{lo80.text}–{hi80.text}"),
                    text_cell(f"{lo95.text}–{hi95.text}"),
                ]
            )
        judgements = [j for j in analysis.judgements if j.target.indicator == indicator]
        name = indicator_name(texts, cat, indicator, start=True)
        blocks += [
            Heading(name, 3),
            table(
                f"projection_{indicator}",
                texts(
                    f"chapters.{KEY}.table_caption",
                    name=name,
                    unit=cat.unit_label(ind.unit, texts.language),
                ),
                columns,
                rows,
            ),
            Figure(
                f"projection_{indicator}",
                texts(f"chapters.{KEY}.chart_caption", name=name),
                lambda indicator=indicator, judgements=judgements: indicator_chart(
                    analysis, texts, indicator, analysis.projections[indicator], judgements
                ),
            ),
        ]
    return blocks


def explorer_section(analysis: Analysis, texts: Texts) -> list:
    if not analysis.projections:
        return []
    indicator = next(iter(analysis.projections))
    change, target = example_values(analysis, indicator)
    scenario = analysis.projections[indicator].growth_path(change)
    static = (
        Paragraph(
            texts(
                f"chapters.{KEY}.example", name=indicator_name(texts, analysis.catalogue, indicator)
            )
        ),
        Figure(
            "scenario_example",
            texts(f"chapters.{KEY}.example_caption"),
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
    return [
        Heading(texts(f"chapters.{KEY}.explorer_heading")),
        Interactive(
            lambda: explorer(analysis, texts),
            static,
            (Paragraph(texts(f"chapters.{KEY}.explorer_text")),),
        ),
    ]


SECTIONS = {
    "title": title,
    "calibration": calibration,
    "paragraphs": paragraphs,
    "details": details,
    "explorer": explorer_section,
}
