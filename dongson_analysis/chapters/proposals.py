"""Chapter 5: proposed targets for the next plan, with their probabilities and the figures still
needed.
"""

from __future__ import annotations

import math

from ..analysis import Analysis
from ..blocks import Bullets, Column, Heading, Interactive, Paragraph
from ..explorer import example_values, explorer, target_sentence
from ..formatting import change_text, number, unit_label
from ..l10n import Texts
from ..wording import proposal_paragraph
from .common import chapter_params, name_cell, number_cell, table, text_cell, title_blocks

KEY = "proposals"


def title(analysis: Analysis, texts: Texts) -> list:
    return title_blocks(analysis, texts, KEY, 5)


def proposal_table(analysis: Analysis, texts: Texts) -> list:
    cat = analysis.catalogue
    proposed = [p for p in analysis.proposals if p.proposed]
    if not proposed:
        return [Paragraph(texts(f"chapters.{KEY}.none", **chapter_params(analysis)))]
    columns = [
        Column(texts("columns.indicator"), width=40),
        Column(texts("columns.unit"), width=16),
        Column(texts("columns.base"), width=18),
        Column(texts("columns.safe"), "number", 11),
        Column(texts("columns.expected"), "number", 11),
        Column(texts("columns.stretch"), "number", 11),
        Column(texts("columns.expected_change"), width=16),
        Column(texts("columns.price_basis"), width=16),
    ]
    rows = []
    for p in proposed:
        ind = cat[p.indicator]
        shown_unit = cat[ind.average_of].unit if ind.average_of else ind.unit
        whole = ind.spec.whole_numbers
        base = (
            ""
            if p.base_year is None
            else texts(
                f"columns.base_{p.base_kind}",
                year=p.base_year,
                value=number(texts, p.base_value, whole),
            )
        )
        expected = p.level("expected")
        change = (
            ""
            if math.isnan(expected.annual_change)
            else change_text(
                texts, cat, expected.annual_change, p.change_unit, ind.unit, signed=True
            )
        )
        rows.append(
            [
                name_cell(analysis, texts, p.indicator),
                text_cell(unit_label(texts, cat, shown_unit)),
                text_cell(base),
            ]
            + [number_cell(texts, p.level(n).value, whole) for n in ("safe", "expected", "stretch")]
            + [text_cell(change), text_cell(texts(f"columns.price_{ind.price_basis}"))]
        )
    return [
        Heading(texts(f"chapters.{KEY}.table_heading")),
        table(
            "proposals",
            texts(f"chapters.{KEY}.table_caption", **chapter_params(analysis)),
            columns,
            rows,
            (texts(f"chapters.{KEY}.table_note"),),
        ),
    ]


def paragraphs(analysis: Analysis, texts: Texts) -> list:
    proposed = [p for p in analysis.proposals if p.proposed]
    if not proposed:
        return []
    return [
        Heading(texts(f"chapters.{KEY}.paragraphs_heading")),
        Bullets(tuple(proposal_paragraph(texts, analysis, p) for p in proposed)),
    ]


def needs(analysis: Analysis, texts: Texts) -> list:
    missing = [p for p in analysis.proposals if not p.proposed]
    if not missing:
        return []
    return [
        Heading(texts(f"chapters.{KEY}.needs_heading")),
        Paragraph(texts(f"chapters.{KEY}.needs_text")),
        Bullets(tuple(proposal_paragraph(texts, analysis, p) for p in missing)),
    ]


def explorer_section(analysis: Analysis, texts: Texts) -> list:
    if not analysis.projections:
        return []
    indicator = next(iter(analysis.projections))
    _, target = example_values(analysis, indicator)
    static = (Paragraph(target_sentence(analysis, texts, indicator, target)),)
    return [
        Heading(texts(f"chapters.{KEY}.explorer_heading")),
        Interactive(
            lambda: explorer(analysis, texts, with_scenario=False),
            static,
            (Paragraph(texts(f"chapters.{KEY}.explorer_text")),),
        ),
    ]


SECTIONS = {
    "title": title,
    "table": proposal_table,
    "paragraphs": paragraphs,
    "needs": needs,
    "explorer": explorer_section,
}
