"""Working notes, chapter 5: the proposed targets of the next plan in detail (each variant's
probability and the yearly change it implies from a named base), the figures still needed,
and a target checker (in the notebooks).
"""

from __future__ import annotations

import math

from ..blocks import Bullets, Column, Edition, Heading, Paragraph, Row, Table
from ..explorer import target_sentence
from ..formatting import rate_decimals
from ..wording import needs_text, proposal_paragraph
from .common import (
    Cell,
    expected_change_text,
    explorer_blocks,
    indicator_cell,
    name_cell,
    probability_cell,
    proposal_base_text,
    table,
    text_cell,
    title_blocks,
    unit_cell,
    year_cell,
)

KEY = "proposals"
NAME = "de_xuat"
LEVELS = ("safe", "expected", "stretch")


def title(ed: Edition) -> list:
    return title_blocks(ed, KEY)


def proposal_table(ed: Edition) -> list:
    cat = ed.catalogue
    proposed = [p for p in ed.analysis.proposals if p.proposed]
    if not proposed:
        return [Paragraph(ed(f"chapters.{KEY}.none", **ed.params))]
    columns = [
        Column(ed("columns.indicator"), width=36),
        Column(ed("columns.unit"), width=14),
        Column(ed("columns.base"), width=18),
        Column(ed("columns.safe"), "number", 11),
        Column(ed("columns.expected"), "number", 11),
        Column(ed("columns.stretch"), "number", 11),
        Column(ed("columns.expected_change"), width=15),
        Column(ed("columns.price_basis"), width=14),
    ]
    rows = []
    for p in proposed:
        ind = cat[p.indicator]
        rows.append(
            [name_cell(ed, p.indicator), unit_cell(ed, p.indicator)]
            + [text_cell(proposal_base_text(ed, p))]
            + [indicator_cell(ed, p.indicator, p.level(n).value) for n in LEVELS]
            + [text_cell(expected_change_text(ed, p))]
            + [text_cell(ed(f"columns.price_{ind.price_basis}"))]
        )
    return [
        Heading(ed(f"chapters.{KEY}.table_heading")),
        table(
            "proposals",
            ed(f"chapters.{KEY}.table_caption", **ed.params),
            columns,
            rows,
            (ed(f"chapters.{KEY}.table_note"),),
        ),
    ]


def paragraphs(ed: Edition) -> list:
    proposed = [p for p in ed.analysis.proposals if p.proposed]
    if not proposed:
        return []
    return [
        Heading(ed(f"chapters.{KEY}.paragraphs_heading")),
        Bullets(tuple(proposal_paragraph(ed.texts, ed.analysis, p) for p in proposed)),
    ]


def needs(ed: Edition) -> list:
    missing = [p for p in ed.analysis.proposals if not p.proposed]
    if not missing:
        return []
    return [
        Heading(ed(f"chapters.{KEY}.needs_heading")),
        Paragraph(ed(f"chapters.{KEY}.needs_text")),
        Bullets(tuple(proposal_paragraph(ed.texts, ed.analysis, p) for p in missing)),
    ]


def explorer_section(ed: Edition) -> list:
    def example(indicator: str, _change: float, target: float) -> tuple:
        return (Paragraph(target_sentence(ed.analysis, ed.texts, indicator, target)),)

    return explorer_blocks(ed, KEY, example, with_scenario=False)


def change_cell(ed: Edition, p) -> Cell:
    """The expected variant's yearly change as a number: a percentage stored as a fraction with a
    percent format (``+7,1%``), points or units with their unit in the format; the text as the
    documents write it.
    """
    text = expected_change_text(ed, p)
    change = p.level("expected").annual_change
    if not text or not math.isfinite(change):
        return Cell(text)
    decimals = rate_decimals(p.change_unit, ed.catalogue[p.indicator].precision)
    digits = "0" + ("." + "0" * decimals if decimals > 0 else "")
    value = round(change, decimals) + 0.0
    if p.change_unit == "percent":
        return Cell(text, value / 100, f"+{digits}%;-{digits}%;{digits}%")
    unit = text.split(" ", 1)[1] if " " in text else ""
    suffix = f'" {unit}"' if unit else ""
    return Cell(text, value, f"+{digits}{suffix};-{digits}{suffix};{digits}{suffix}")


def proposals_table(ed: Edition) -> Table:
    """Every proposal as numbers: the base, each variant with its probability and yearly change,
    the price basis, and the figures needed where none can be proposed (the workbook's sheet).
    """
    cat = ed.catalogue
    columns = [
        Column(ed("columns.indicator"), width=32),
        Column(ed("columns.unit"), width=13),
        Column(ed("excel.base_year"), "number", 7),
        Column(ed("excel.base_value"), "number", 10),
        Column(ed("excel.base_kind"), width=9),
    ]
    for name in LEVELS:
        columns += [
            Column(ed(f"columns.{name}"), "number", 11),
            Column(ed("excel.probability_short"), "number", 8),
        ]
    columns += [
        Column(ed("columns.expected_change"), "number", 12),
        Column(ed("columns.price_basis"), width=12),
        Column(ed("excel.needs"), width=40),
    ]
    rows = []
    for p in ed.analysis.proposals:
        ind = cat[p.indicator]
        cells = [
            name_cell(ed, p.indicator),
            unit_cell(ed, p.indicator),
            year_cell(p.base_year),
            indicator_cell(ed, p.indicator, p.base_value, stated=p.base_kind != "projection"),
            text_cell(ed(f"excel.base_kinds.{p.base_kind}") if p.base_year is not None else ""),
        ]
        for name in LEVELS:
            if p.proposed:
                level = p.level(name)
                cells += [
                    indicator_cell(ed, p.indicator, level.value),
                    probability_cell(ed, level.probability),
                ]
            else:
                cells += [Cell(""), Cell("")]
        cells += [
            change_cell(ed, p) if p.proposed else Cell(""),
            text_cell(ed(f"columns.price_{ind.price_basis}")),
            text_cell(needs_text(ed.texts, ed.analysis, p.needs, []) if not p.proposed else ""),
        ]
        rows.append(Row(tuple(cells)))
    return Table(
        "proposals",
        ed("excel.proposals_caption"),
        tuple(columns),
        tuple(rows),
        (ed("excel.change_note"),),
    )


def proposals_sheet(ed: Edition) -> list:
    return [proposals_table(ed)]


def beside(ed: Edition) -> list:
    """The proposals beside what other areas adopted, those published since the report's date
    included and marked (the notes compare with hindsight; the report cites none of them).
    """
    from .plan import beside_table

    return beside_table(ed, later=True)


SECTIONS = {
    "title": title,
    "table": proposal_table,
    "beside": beside,
    "paragraphs": paragraphs,
    "needs": needs,
    "explorer": explorer_section,
}
SHEETS = {"proposals": proposals_sheet}
