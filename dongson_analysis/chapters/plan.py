"""The report, Phần II: the next plan's direction, objectives and main targets, then the
recommendations and the signature.

Bối cảnh, mục tiêu tổng quát and nhiệm vụ, giải pháp are the office's to write: each is a
marked passage (see :meth:`~dongson_analysis.blocks.Edition.draft`) listing the evidence
that bears on it. The main targets are drafted from the proposals as phương án thấp – cơ
sở – cao, each with its probability and the base it is measured from; the comparable areas'
adopted targets follow when the analysis holds them.
"""

from __future__ import annotations

import math

from ..blocks import Cell, Column, Edition, Heading, Paragraph, Signature, ref
from ..formatting import (
    date_text,
    indicator_name,
    number,
    period_label,
    unit_label,
)
from ..proposals import PROPOSAL_LEVELS
from ..review import plans_under_review, report_group, shortfall_groups
from ..wording import proposal_price_note
from .common import (
    expected_change_text,
    indicator_cell,
    indicator_number,
    name_cell,
    probability_cell,
    proposal_base_text,
    quoted_cell,
    succession_text,
    table,
    text_cell,
    unit_cell,
)
from .results import value_text

KEY = "plan"
NAME = "phuong_huong"
KIND = "part"
#: The report's names of the proposal levels: low (safe), base (expected), high (stretch).
VARIANTS = (("low", "safe"), ("base", "expected"), ("high", "stretch"))
#: The column label key of each variant.
VARIANT_COLUMNS = {"low": "col_low", "base": "col_base_variant", "high": "col_high"}


def title(ed: Edition) -> list:
    return [Heading(ed(f"chapters.{KEY}.title", **ed.params), 1)]


#: How many main indicators' projections the context passage lists (the rest are in Phần II.3).
CONTEXT_INDICATORS = 6


def _projection_lines(ed: Edition) -> list[str]:
    cat = ed.catalogue
    lines = []
    year = ed.settings.plan_end
    for p in ed.analysis.proposals:
        if len(lines) == CONTEXT_INDICATORS:
            break
        projection = ed.analysis.projections.get(p.indicator)
        if projection is None or year not in list(projection.horizon_years):
            continue
        i = list(projection.horizon_years).index(year)
        lines.append(
            ed(
                f"chapters.{KEY}.evidence_projection",
                Name=indicator_name(ed.texts, cat, p.indicator, start=True),
                year=year,
                point=value_text(ed, p.indicator, float(projection.point[i])),
                low=indicator_number(ed, p.indicator, float(projection.lower80[i])),
                high=value_text(ed, p.indicator, float(projection.upper80[i])),
            )
        )
    return lines


def context(ed: Edition) -> list:
    """Bối cảnh: the office's, with the projections of the main indicators as evidence. For an
    area that ceased before the next plan, Phần II holds only why no plan is proposed (this
    sentence) and the recommendations.
    """
    if not ed.plans_next:
        return [Paragraph(succession_text(ed, "fixdata.succession_no_plan"))]
    return [Heading(ed(f"chapters.{KEY}.context_heading"))] + ed.draft(
        f"chapters.{KEY}.context_prompt", _projection_lines(ed)
    )


def goal(ed: Edition) -> list:
    """Mục tiêu tổng quát: the office's, pointing to the main targets proposed as evidence."""
    if not ed.plans_next:
        return []
    evidence = []
    if any(p.proposed for p in ed.analysis.proposals):
        evidence.append(ed(f"chapters.{KEY}.evidence_goal", targets=ref("plan_targets")))
    return [Heading(ed(f"chapters.{KEY}.goal_heading"))] + ed.draft(
        f"chapters.{KEY}.goal_prompt", evidence
    )


def _variant_cell(ed: Edition, indicator: str, level, nominal: float) -> Cell:
    cell = indicator_cell(ed, indicator, level.value)
    if math.isfinite(level.probability) and round(100 * level.probability) != round(100 * nominal):
        chance = ed.texts.number(round(100 * level.probability))
        cell = Cell(f"{cell.text} ({chance}%)", cell.value, cell.number_format)
    return cell


def proposal_table(ed: Edition):
    """The main targets of the next plan as phương án thấp – cơ sở – cao (Phần II.3), with the
    probability of each and the base it is measured from; the workbook adds the
    probabilities as numbers.
    """
    cat = ed.catalogue
    proposed = [p for p in ed.analysis.proposals if p.proposed]
    columns = [
        Column(ed("columns.indicator"), width=34),
        Column(ed("columns.unit"), width=13),
        Column(ed(f"chapters.{KEY}.col_base"), width=18),
    ]
    for name, level in VARIANTS:
        columns.append(
            Column(
                ed(
                    f"chapters.{KEY}.{VARIANT_COLUMNS[name]}",
                    percent=ed.texts.number(round(100 * PROPOSAL_LEVELS[level])),
                ),
                "number",
                12,
            )
        )
    columns.append(Column(ed(f"chapters.{KEY}.col_change"), width=14))
    columns += [
        Column(
            ed(f"chapters.{KEY}.col_probability", variant=ed(f"chapters.{KEY}.variant_{n}")),
            "number",
            10,
            workbook_only=True,
        )
        for n, _ in VARIANTS
    ]
    rows = []
    for p in proposed:
        ind = cat[p.indicator]
        unit = unit_label(ed.texts, cat, ind.unit)
        if ind.price_basis in ("current", "constant_2010"):
            unit = ed(
                f"chapters.{KEY}.unit_price",
                unit=unit,
                price=ed(f"columns.price_{ind.price_basis}"),
            )
        cells = [
            name_cell(ed, p.indicator),
            text_cell(unit),
            text_cell(proposal_base_text(ed, p)),
        ]
        base = p.level("expected").value
        cells += [
            text_cell(ed(f"chapters.{KEY}.same_as_base"))
            if level != "expected" and p.level(level).value == base
            else _variant_cell(ed, p.indicator, p.level(level), PROPOSAL_LEVELS[level])
            for _, level in VARIANTS
        ]
        cells.append(text_cell(expected_change_text(ed, p)))
        cells += [probability_cell(ed, p.level(level).probability) for _, level in VARIANTS]
        rows.append(cells)
    return table(
        "proposals_report",
        ed(f"chapters.{KEY}.table_caption", **ed.params),
        columns,
        rows,
        (ed(f"chapters.{KEY}.table_note", **ed.params),)
        + tuple(_collapse_note(ed, p) for p in proposed if p.collapsed)
        + tuple(note for p in proposed if (note := proposal_price_note(ed.texts, ed.analysis, p))),
    )


def _collapse_note(ed: Edition, p) -> str:
    """The sentence under the table for a proposal whose variants coincide: which variants
    print as one value, the value, its probability, and why the range collapses.
    """
    names = {level: name for name, level in VARIANTS}
    shared, level = next((n, lv) for n, lv in p.distinct_levels() if len(n) > 1)
    base = p.base_value if p.base_value is not None else math.nan
    return ed(
        f"chapters.{KEY}.collapsed",
        Name=indicator_name(ed.texts, ed.catalogue, p.indicator, start=True),
        variants=ed.texts.join([ed(f"chapters.{KEY}.variant_{names[n]}") for n in shared]),
        value=value_text(ed, p.indicator, level.value),
        percent=ed.texts.number(round(100 * level.probability)),
        reason=ed(
            f"chapters.{KEY}.collapse_reason.{p.collapsed}",
            year=p.held_year if p.held_year is not None else "",
            reference=value_text(ed, p.indicator, p.held_value)
            if math.isfinite(p.held_value)
            else value_text(ed, p.indicator, base),
        ),
    )


def targets(ed: Edition) -> list:
    """Các chỉ tiêu chủ yếu: the variants of every target the figures allow, and the figures
    still needed for the others.
    """
    if not ed.plans_next:  # the sentence why stands at the head of Phần II
        return []
    blocks: list = [Heading(ed(f"chapters.{KEY}.targets_heading"), anchor="plan_targets")]
    proposed = [p for p in ed.analysis.proposals if p.proposed]
    if proposed:
        percents = {
            name: ed.texts.number(round(100 * PROPOSAL_LEVELS[level])) for name, level in VARIANTS
        }
        blocks.append(
            Paragraph(
                ed(f"chapters.{KEY}.targets_text", annex=ref("annex"), **percents, **ed.params)
            )
        )
        blocks.append(proposal_table(ed))
    else:
        blocks.append(Paragraph(ed(f"chapters.{KEY}.targets_none", **ed.params)))
    from .annex import applies_to_tier

    missing = [
        p
        for p in ed.analysis.proposals
        if not p.proposed and applies_to_tier(ed.catalogue[p.indicator], ed.tier)
    ]
    if missing:
        names = [indicator_name(ed.texts, ed.catalogue, p.indicator) for p in missing]
        blocks.append(
            Paragraph(
                ed(
                    f"chapters.{KEY}.needs",
                    count=len(missing),
                    names=ed.texts.join(names),
                )
            )
        )
    return blocks


def beside_table(ed: Edition, later: bool) -> list:
    """Each proposal beside what comparable areas adopted for the same indicator and years of
    the next plan: the proposal's three variants first, then every comparable target with its
    area, period, source and date.

    Parameters
    ----------
    ed : Edition
        The edition.
    later : bool
        Include targets published after the report date, marked as such (the working notes,
        which look back from today); the report cites only those published by its date.

    Returns
    -------
    list of Block
        A sentence and the table, or nothing when no proposal has a comparable target.
    """
    if not ed.plans_next:
        return []
    frame = ed.analysis.comparables
    if not later:
        frame = frame[frame["published_by_report_date"]]
    proposals = {p.indicator: p for p in ed.analysis.proposals if p.proposed}
    wanted = [i for i in dict.fromkeys(frame["indicator"]) if i in proposals]
    if not wanted:
        return []
    columns = [
        Column(ed("columns.indicator"), width=30),
        Column(ed(f"chapters.{KEY}.col_area"), width=26),
        Column(ed(f"chapters.{KEY}.col_period"), width=11),
        Column(ed(f"chapters.{KEY}.col_adopted"), "number", 14),
        Column(ed("columns.unit"), width=13),
        Column(ed(f"chapters.{KEY}.col_source"), width=16),
    ]
    rows: list = []
    for indicator in wanted:
        p = proposals[indicator]
        unit = unit_cell(ed, indicator)
        name = name_cell(ed, indicator)
        for variant, level in VARIANTS:
            chosen = p.level(level)
            rows.append(
                [
                    name if variant == "low" else text_cell(""),
                    text_cell(
                        ed(
                            f"chapters.{KEY}.beside_ours",
                            variant=ed(f"chapters.{KEY}.variant_{variant}"),
                            probability=ed.texts.number(round(100 * PROPOSAL_LEVELS[level])),
                            **ed.params,
                        )
                    ),
                    text_cell(period_label(ed.texts, str(p.year))),
                    _variant_cell(ed, indicator, chosen, PROPOSAL_LEVELS[level]),
                    unit,
                    text_cell(""),
                ]
            )
        for r in frame[frame["indicator"] == indicator].itertuples():
            source = str(r.source_id)
            if r.published:
                source = f"{source}, {date_text(ed.texts, str(r.published))}"
            if not r.published_by_report_date:
                source = ed(f"chapters.{KEY}.beside_later", source=source)
            rows.append(
                [
                    text_cell(""),
                    _area_cell(ed, str(r.area_name), str(r.area_level)),
                    text_cell(period_label(ed.texts, str(r.period))),
                    text_cell(_adopted(ed, float(r.value), float(r.value_high), str(r.qualifier))),
                    unit,
                    text_cell(source),
                ]
            )
    notes = (ed(f"chapters.{KEY}.beside_note_later"),) if later else ()
    return [
        Heading(ed(f"chapters.{KEY}.comparables_heading")),
        Paragraph(ed(f"chapters.{KEY}.comparables_text", **ed.params)),
        table(
            "comparables",
            ed(f"chapters.{KEY}.comparables_caption", **ed.params),
            columns,
            rows,
            notes,
        ),
    ]


def _area_cell(ed: Edition, name: str, level: str) -> Cell:
    """A comparable area as the edition's language names it: ``huyện Thiệu Hóa`` in
    Vietnamese, ``Thiệu Hóa district`` in English (the level's words of the ``levels``
    section); as the source gives it where its level is not one the registry knows.
    """
    import unicodedata

    from ..areas import LEVELS

    folded = unicodedata.normalize("NFD", level.replace("đ", "d").replace("Đ", "D"))
    level_id = "".join(c for c in folded if not unicodedata.combining(c)).lower().replace(" ", "_")
    prefix = level.strip().lower() + " "
    if ed.language == "vi" or level_id not in LEVELS or not name.lower().startswith(prefix):
        return quoted_cell(name)
    return quoted_cell(ed(f"levels.{level_id}.named", name=name[len(prefix) :]))  # a name


def _adopted(ed: Edition, value: float, high: float, qualifier: str) -> str:
    """An adopted target as its source states it, without the unit (the table has a column for
    it): ``90 trở lên``, ``1,5–2``.
    """
    amount = number(ed.texts, value, exact=True)
    if math.isfinite(high):
        return f"{amount}–{number(ed.texts, high, exact=True)}"
    return ed(f"qualifier.{qualifier}", value=amount) if qualifier else amount


def comparables(ed: Edition) -> list:
    """What comparable areas adopted, beside the proposals (those published by the report's
    date; the working notes show the later ones too).
    """
    return beside_table(ed, later=False)


def tasks(ed: Edition) -> list:
    """Nhiệm vụ và giải pháp: the office's, with the targets not met or at risk as evidence."""
    if not ed.plans_next:
        return []
    cat = ed.catalogue
    short = [
        r
        for s in plans_under_review(ed.analysis)
        for r in s.rows
        if report_group(r.judgement.status) in shortfall_groups()
    ]
    evidence = [
        ed(
            f"chapters.{KEY}.evidence_short",
            Name=indicator_name(ed.texts, cat, r.judgement.target.indicator, start=True),
            **ed.params,
        )
        for r in short
    ]
    return [Heading(ed(f"chapters.{KEY}.tasks_heading"))] + ed.draft(
        f"chapters.{KEY}.tasks_prompt", list(dict.fromkeys(evidence))
    )


def recommendations(ed: Edition) -> list:
    """Kiến nghị: the office's own recommendations (the figures still missing are the office's
    to collect, listed in the working notes, not a request to the level above).
    """
    blocks: list = []
    if ed.plans_next:  # else they are the whole of Phần II, under its own title
        blocks.append(Heading(ed(f"chapters.{KEY}.recommendations_heading")))
    blocks += ed.draft(f"chapters.{KEY}.recommendations_prompt")
    return blocks


def signature(ed: Edition) -> list:
    """The recipients and the signer, as a state paper ends."""
    return [
        Signature(
            ed("document.recipients"),
            tuple(ed.unit_word("recipient_lines").split("\n")),
            ed.unit_word("signer"),
            ed("report.signature.name_line"),
        )
    ]


SECTIONS = {
    "title": title,
    "context": context,
    "goal": goal,
    "targets": targets,
    "comparables": comparables,
    "tasks": tasks,
    "recommendations": recommendations,
    "signature": signature,
}
