"""The report, opening and Phần I: the results of the plan under review.

The opening: the letterhead, the legal basis (the plans reviewed, and the guidance only the
office can name), the date the figures run to, and one line pointing to the working notes.
Phần I: 1. the main targets, counted by plan exactly as Biểu 01 judges them; 2. the results
by sector (:data:`~dongson_analysis.review.SECTORS`); 3. tồn tại, hạn chế, drafted from every
target not met or at risk, and nguyên nhân, which only the office can write (with the
evidence that bears on it); 4. bài học kinh nghiệm, likewise.
"""

from __future__ import annotations

import math

import pandas as pd

from ..blocks import Bullets, Edition, Heading, Letterhead, Paragraph, ref
from ..formatting import indicator_name, period_label, upper_first, with_unit
from ..review import (
    plan_title,
    plans_under_review,
    report_group,
    sector_indicators,
    shortfall_groups,
    under_review,
)
from ..wording import judgement_paragraph
from .common import indicator_number, plan_count_line, succession_text, title_text
from .sources import date_start, reference_date

KEY = "results"
NAME = "ket_qua_thuc_hien"
KIND = "part"


def value_text(ed: Edition, indicator: str, value: float, stated: bool = False) -> str:
    """A figure of ``indicator`` with its unit, at the indicator's one precision (``stated``: a
    figure of the record, see :func:`~dongson_analysis.blocks.indicator_number`).
    """
    cat = ed.catalogue
    unit = cat[indicator].unit
    if cat[indicator].spec.values_are_years:
        return ed("value.year", year=int(value))
    return with_unit(
        ed.texts, cat, indicator_number(ed, indicator, value, stated), unit, count=value
    )


def reference_text(ed: Edition) -> str:
    """The date the report's figures run to, in words (``tháng 7/2020``, ``năm 2020``)."""
    iso = reference_date(ed.analysis)
    start = date_start(iso)
    if start is None:
        return ed("report.reference.year", year=ed.settings.term_years[1])
    if len(iso.split("-")) >= 2:
        return ed("report.reference.month", month=start[1], year=start[0])
    return ed("report.reference.year", year=start[0])


def letterhead(ed: Edition) -> list:
    """The letterhead, the kind of paper and its subject (the report's first lines)."""
    year = date_start(reference_date(ed.analysis))
    return [
        Letterhead(
            authority=ed.unit_word("committee"),
            office=ed.unit_word("office"),
            country=ed("document.country"),
            motto=ed("document.motto"),
            number=ed("report.letterhead.number", code=ed.unit_word("office_code")),
            place_date=ed(
                "report.letterhead.place_date",
                place=ed.settings.area_name,
                year=year[0] if year else ed.settings.term_years[1],
            ),
            kind=ed("report.letterhead.kind"),
            subject=ed("report.letterhead.subject", **ed.params),
        )
    ]


#: The order of the documents a report rests on ("Căn cứ"): the congress resolution, then the
#: annual resolutions, oldest first.
BASIS_ORDER = {"term": 0, "annual": 1}


def basis_documents(ed: Edition) -> list:
    """The plans the report rests on, as documents, in the order a report cites them: the term
    plan under review (from the catalogue even when no target of it was collected, where its
    sources hold figures of the area), then the
    annual resolutions, oldest first. A target set at a mid-year review (one with a half-year
    target) is not a document: its targets stay in Phần I and it is not cited.
    """
    sections = plans_under_review(ed.analysis)
    if not sections:  # the area's own plans are not in the record: the office names them
        return []
    plans = {
        s.plan.id: s.plan
        for s in sections
        if not any(r.judgement.target.period.half for r in s.rows)
    }
    own_sources = set(ed.analysis.area_observations["source_id"].astype(str))
    for plan in ed.catalogue.plans.values():  # the term plan whose sources hold the area's figures
        if (
            plan.kind == "term"
            and under_review(plan, ed.analysis)
            and own_sources & set(plan.sources)
        ):
            plans.setdefault(plan.id, plan)
    cited = [p for p in plans.values() if p.name(ed.language) and p.kind in BASIS_ORDER]
    return sorted(cited, key=lambda p: (BASIS_ORDER[p.kind], p.first_year, p.last_year))


def opening(ed: Edition) -> list:
    """The legal basis, the purpose with the date the figures run to.

    The record holds no number, date or issuing body for any plan, so no "Căn cứ" line is
    printed as final: the documents the figures come from are listed, in order, inside the
    office's passage, which asks for each line to be completed.
    """
    basis = [
        ed("report.opening.basis_plan", plan=plan.name(ed.language)) for plan in basis_documents(ed)
    ]
    blocks: list = ed.draft(
        "report.opening.guidance_prompt", basis, evidence_key="report.opening.basis_label"
    )
    if ed.analysis.succession is not None and ed.analysis.succession.review_past_end:
        said = succession_text(ed)  # "" when no step was published by the report's date
        if said:
            blocks.append(Paragraph(said))
    blocks.append(
        Paragraph(ed("report.opening.purpose", reference=reference_text(ed), **ed.params))
    )
    return blocks


def title(ed: Edition) -> list:
    return [Heading(title_text(ed, KEY), 1)]


def plan_counts(ed: Edition) -> list[str]:
    """One sentence per plan under review: how many targets it set (where the record says), and
    how many were met, not met, judged on progress, not yet assessable.
    """
    lines = []
    for section in plans_under_review(ed.analysis):
        if not section.rows:  # a plan whose targets were not collected: its figures as stated
            lines.append(ed("fixdata.plan_no_targets", plan=plan_title(ed.texts, section.plan)))
            lines += [
                ed(
                    "fixdata.period_figure",
                    Name=indicator_name(ed.texts, ed.catalogue, f.indicator, start=True),
                    period=period_label(ed.texts, f.period),
                    value=value_text(ed, f.indicator, f.value, stated=True),
                    status=ed(f"fixdata.figure_{'estimate' if f.estimate else 'actual'}"),
                    source=f.source,
                )
                for f in section.figures
            ]
            continue
        lines.append(plan_count_line(ed, section))
    return lines


def plan_result_lines(ed: Edition) -> list[str]:
    """One line per year of the review: the plan's overall result as its source states it."""
    first, last = ed.settings.term_years
    return [
        ed(
            "fixdata.plan_result" if math.isfinite(r.total) else "fixdata.plan_result_met",
            year=r.year,
            met=int(r.met),
            total=int(r.total) if math.isfinite(r.total) else 0,
            sources=", ".join(r.sources),
        )
        for r in ed.analysis.plan_results
        if first <= r.year <= last and math.isfinite(r.met)
    ]


def targets(ed: Edition) -> list:
    """1. The main targets: each year's overall result, then counted by plan, with Biểu 01
    holding each target's figures.
    """
    blocks: list = [Heading(ed(f"chapters.{KEY}.targets_heading"))]
    lines = plan_result_lines(ed) + plan_counts(ed)
    if not lines:
        blocks.append(Paragraph(ed(f"chapters.{KEY}.no_targets", **ed.params)))
        return blocks
    blocks.append(Bullets(tuple(lines)))
    blocks.append(Paragraph(ed(f"chapters.{KEY}.targets_detail", annex=ref("annex"))))
    return blocks


def _reported_rows(ed: Edition) -> list:
    return [row for s in plans_under_review(ed.analysis) for row in s.rows]


def _judged(ed: Edition) -> dict[str, list]:
    """The rows of every target judged (not "not yet assessable"), by canonical indicator."""
    judged: dict[str, list] = {}
    for row in _reported_rows(ed):
        if report_group(row.judgement.status) != "not_assessable":
            judged.setdefault(ed.catalogue.canonical(row.judgement.target.indicator), []).append(
                row
            )
    return judged


def sector_figures(ed: Edition) -> dict[str, dict[str, pd.DataFrame]]:
    """The figures the results by sector state, by sector and indicator: those of the period
    under review (``settings.term_years``; the year before it as a base), of the definition in
    use, for every indicator with no target judged and with a citable source among them.
    Figures outside the period, and an aggregator's, stay in the working notes.

    Parameters
    ----------
    ed : Edition
        The edition being written.

    Returns
    -------
    dict of str to dict of str to pandas.DataFrame
        Sector → indicator → the rows stated, oldest first (sectors and indicators in the
        catalogue's order; an indicator with nothing to state is left out).
    """
    analysis = ed.analysis
    first, last = ed.settings.term_years
    judged = _judged(ed)
    found: dict[str, dict[str, pd.DataFrame]] = {}
    for sector, indicators in sector_indicators(ed.catalogue).items():
        for indicator in indicators:
            series = analysis.series.get(indicator)
            if indicator in judged or series is None or not len(series.rows):
                continue
            seg = series.segment
            rows = seg[seg["period_start"].between(first - 1, last)]
            rows = rows[rows["source_id"].isin(analysis.citable_sources)]
            if not len(rows):  # outside the period, or an aggregator's: the working notes
                continue
            found.setdefault(sector, {})[indicator] = rows.sort_values("period_start")
    return found


def _trend_stated(ed: Edition, indicator: str, rows: pd.DataFrame) -> bool:
    """Whether the observed trend may be stated: an indicator that is not relative, three
    figures or more, every figure of the series among those stated (a trend rests on no figure
    the results leave out).
    """
    series = ed.analysis.series[indicator]
    return (
        not ed.catalogue[indicator].is_relative
        and indicator in ed.analysis.trends
        and len(rows) >= 3
        and len(rows) == len(series.rows)
    )


def sectors(ed: Edition) -> list:
    """2. Results by sector: every sector whose indicators have figures of the period under
    review (:func:`sector_figures`) or a target judged (a target not yet assessable is listed
    once, among the figures still missing). A relative indicator, two figures, or a series
    with figures outside the period are stated year by year, with no average rate.
    """
    from ..wording import figures_by_year_paragraph, history_paragraph

    analysis = ed.analysis
    cat = ed.catalogue
    judged = _judged(ed)
    figures = sector_figures(ed)
    blocks: list = [Heading(ed(f"chapters.{KEY}.sectors_heading"))]
    for sector, indicators in sector_indicators(cat).items():
        lines = []
        for indicator in indicators:
            for row in judged.get(indicator, []):
                lines.append(judgement_paragraph(ed.texts, analysis, row.judgement))
            rows = figures.get(sector, {}).get(indicator)
            if rows is None:
                continue
            if len(rows) == 1:
                row = rows.iloc[0]
                value = value_text(ed, indicator, float(row["value"]), stated=True)
                if row["qualifier"]:  # "gần 11 nghìn người" as the source says
                    value = ed(f"qualifier.{row['qualifier']}", value=value)
                if str(row.get("effective_status", "")) == "estimate":
                    value += " " + ed("report.bieu.marker_estimate")
                if str(row.get("quality", "")) == "doubtful":  # another source contradicts it
                    value += " " + ed("fixdata.marker_doubtful")
                key = (  # a figure that is a year names no second year ("năm 2018: năm 2018")
                    "single_year_value" if cat[indicator].spec.values_are_years else "single_figure"
                )
                lines.append(
                    ed(
                        f"chapters.{KEY}.{key}",
                        Name=indicator_name(ed.texts, cat, indicator, start=True),
                        year=int(row["period_start"]),
                        value=value,
                    )
                )
            elif _trend_stated(ed, indicator, rows):
                lines.append(history_paragraph(ed.texts, analysis, analysis.series[indicator]))
            else:
                lines.append(figures_by_year_paragraph(ed.texts, analysis, indicator, rows))
        if lines:
            blocks += [Heading(ed(f"report.sectors.{sector}"), 3), Bullets(tuple(lines))]
    if len(blocks) == 1:
        blocks.append(Paragraph(ed(f"chapters.{KEY}.no_figures", **ed.params)))
    return blocks


def _shortfall(ed: Edition, row) -> str:
    j = row.judgement
    if not math.isfinite(j.shortfall) or j.shortfall <= 0:
        return ""
    indicator = j.target.indicator
    if ed.catalogue[indicator].spec.change_unit == "points":  # a share: short by points
        return ed(
            f"chapters.{KEY}.shortfall_points", value=indicator_number(ed, indicator, j.shortfall)
        )
    return ed(f"chapters.{KEY}.shortfall", value=value_text(ed, indicator, j.shortfall))


def shortcomings(ed: Edition) -> list:
    """3. Tồn tại, hạn chế (every target not met or at risk, with its shortfall; the figures
    still missing) and nguyên nhân (the office's, with the evidence).
    """
    rows = _reported_rows(ed)
    short = [r for r in rows if report_group(r.judgement.status) in shortfall_groups()]
    missing = [r for r in rows if report_group(r.judgement.status) == "not_assessable"]
    blocks: list = [
        Heading(ed(f"chapters.{KEY}.shortcomings_heading")),
        Heading(ed(f"chapters.{KEY}.limits_heading"), 3),
    ]
    if short:
        blocks.append(Paragraph(ed(f"chapters.{KEY}.limits_intro")))
        blocks.append(
            Bullets(
                tuple(
                    " ".join(
                        p
                        for p in (
                            judgement_paragraph(ed.texts, ed.analysis, r.judgement),
                            _shortfall(ed, r),
                        )
                        if p
                    )
                    for r in short
                )
            )
        )
    elif len(rows) > len(missing):
        blocks.append(
            Paragraph(
                ed(f"chapters.{KEY}.none_short", assessed=len(rows) - len(missing), total=len(rows))
            )
        )
    elif rows:
        blocks.append(Paragraph(ed(f"chapters.{KEY}.none_assessed", total=len(rows))))
    else:
        blocks.append(Paragraph(ed(f"chapters.{KEY}.none_collected", **ed.params)))
    first, last = ed.analysis.settings.term_years
    for result in ed.analysis.plan_results:  # a resolution's own count of targets not met
        if (
            first <= result.year <= last
            and math.isfinite(result.total)
            and result.met < result.total
        ):
            blocks.append(
                Paragraph(
                    ed(
                        f"chapters.{KEY}.plan_result_missed",
                        year=result.year,
                        sources=", ".join(result.sources),
                        met=ed.texts.number(int(result.met)),
                        missed=ed.texts.number(int(result.total - result.met)),
                        total=ed.texts.number(int(result.total)),
                    )
                )
            )
    if missing:
        # one sentence in the report; the figures each target needs are in the working notes
        blocks.append(
            Paragraph(ed(f"chapters.{KEY}.missing_intro", count=len(missing), annex=ref("annex")))
        )
        blocks += ed.draft(
            f"chapters.{KEY}.missing_prompt",
            [
                ed(
                    f"chapters.{KEY}.missing_item",
                    Name=indicator_name(ed.texts, ed.catalogue, r.judgement.target.indicator, True),
                    period=period_label(ed.texts, str(r.judgement.target.period)),
                    plan=plan_title(ed.texts, r.judgement.target.plan),
                )
                for r in missing
            ],
        )
    blocks.append(Heading(ed(f"chapters.{KEY}.causes_heading"), 3))
    blocks += ed.draft(f"chapters.{KEY}.causes_prompt", cause_evidence(ed, short))
    return blocks


def _half_years(ed: Edition) -> list[str]:
    """Every half-year figure of the review's last year: the first sign of what the year will
    bring (in 2020, of the epidemic).
    """
    obs = ed.analysis.area_observations
    last = ed.settings.term_years[1]
    half = obs[
        (obs["period_type"] == "half_year")
        & (obs["period_start"] == last)
        & obs["effective_status"].isin(["actual", "estimate"])
    ]
    lines = []
    cat = ed.catalogue
    for r in half.sort_values(["indicator", "half"]).itertuples():
        if r.indicator not in cat:
            continue
        lines.append(
            ed(
                f"chapters.{KEY}.evidence_half",
                period=upper_first(period_label(ed.texts, str(r.period))),
                name=indicator_name(ed.texts, cat, r.indicator),
                verb=ed(f"verb.{r.effective_status}"),
                value=value_text(ed, r.indicator, float(r.value), stated=True),
            )
        )
    return list(dict.fromkeys(lines))


def cause_evidence(ed: Edition, short: list) -> list[str]:
    """What bears on the causes: the targets short of their plan, the half-year figures of the
    last year, the definition changes inside the period.
    """
    cat = ed.catalogue
    lines = [
        ed(
            f"chapters.{KEY}.evidence_short",
            Name=indicator_name(ed.texts, cat, r.judgement.target.indicator, True),
            status=ed(f"status.{r.judgement.status}").lower(),
        )
        for r in short
    ]
    lines += _half_years(ed)
    first, last = ed.settings.term_years
    for indicator, series in ed.analysis.series.items():
        for b in series.breaks:
            if first <= b.year <= last:
                lines.append(
                    ed(
                        f"chapters.{KEY}.evidence_break",
                        year=b.year,
                        name=indicator_name(ed.texts, cat, indicator),
                        kind=ed(f"break_kind.{b.kind}"),
                    )
                )
    return lines


def lessons(ed: Edition) -> list:
    """4. Bài học kinh nghiệm: the office's, with the targets met and not met as evidence."""
    rows = _reported_rows(ed)
    cat = ed.catalogue

    def names(groups: tuple[str, ...]) -> str:
        found = [
            indicator_name(ed.texts, cat, r.judgement.target.indicator)
            for r in rows
            if report_group(r.judgement.status) in groups
        ]
        return ed.texts.join(list(dict.fromkeys(found)))

    evidence = []
    if names(("met",)):
        evidence.append(ed(f"chapters.{KEY}.evidence_met", names=names(("met",))))
    if names(shortfall_groups()):
        evidence.append(ed(f"chapters.{KEY}.evidence_not_met", names=names(shortfall_groups())))
    return [Heading(ed(f"chapters.{KEY}.lessons_heading"))] + ed.draft(
        f"chapters.{KEY}.lessons_prompt", evidence
    )


SECTIONS = {
    "letterhead": letterhead,
    "opening": opening,
    "title": title,
    "targets": targets,
    "sectors": sectors,
    "shortcomings": shortcomings,
    "lessons": lessons,
}
