"""Sentences from results: every judgement, trend, projection and proposal put into words.

This is the only place that turns results into prose. It computes nothing the
analysis already holds; it chooses the template (``locales/<language>.yml``) and
fills it with formatted numbers. Every number a sentence states comes from a
result (``tests/test_wording.py`` checks that each is traceable).
"""

from __future__ import annotations

import math

from .analysis import Analysis
from .formatting import (
    change_text,
    indicator_name,
    percent_text,
    period_label,
    period_phrase,
    probability_text,
    range_text,
    rounded,
    target_text,
    upper_first,
    value_text,
    years_text,
)
from .judgement import Judgement, Need, Note, status_spec
from .l10n import Texts
from .projection import Projection
from .proposals import Proposal
from .series import Series, flagged_periods


def status_label(texts: Texts, status: str) -> str:
    """A judgement status in words (``Vượt kế hoạch``, ``On track``)."""
    status_spec(status)
    return texts(f"status.{status}")


def indicator_value(
    texts: Texts,
    analysis: Analysis,
    indicator: str,
    value: float,
    qualifier: str = "",
    exact: bool = False,
) -> str:
    """A figure of an indicator with its unit (``3.000 tỷ đồng``, ``năm 2018`` for a year reached).

    ``exact`` writes a figure as the source states it (up to two decimals); computed
    values are rounded (whole from 100, one decimal from 10).
    """
    ind = analysis.catalogue[indicator]
    if ind.unit == "year reached":
        return texts("value.year", year=int(value))
    return value_text(
        texts,
        analysis.catalogue,
        value,
        ind.unit,
        whole=ind.spec.whole_numbers and not exact,
        exact=exact,
        qualifier=qualifier,
    )


def observed(
    texts: Texts, analysis: Analysis, indicator: str, value: float, qualifier: str = ""
) -> str:
    """A figure of the record, as stated."""
    return indicator_value(texts, analysis, indicator, value, qualifier, exact=True)


def _target(texts: Texts, analysis: Analysis, j: Judgement) -> str:
    t = j.target
    return target_text(texts, analysis.catalogue, t.indicator, t.value, t.value_high, t.qualifier)


def _rate(texts: Texts, analysis: Analysis, value: float, rate_unit: str, indicator: str) -> str:
    return change_text(
        texts, analysis.catalogue, value, rate_unit, analysis.catalogue[indicator].unit
    )


# -- needs, caveats, evidence --------------------------------------------------------------


def need_text(texts: Texts, analysis: Analysis, need: Need) -> str:
    """A missing figure in words: ``thu nhập bình quân đầu người năm 2015``."""
    name = indicator_name(texts, analysis.catalogue, need.indicator)
    if need.period:
        return texts("need.period", name=name, period=period_phrase(texts, need.period))
    if need.after is not None:
        return texts("need.after", name=name, year=need.after)
    return texts(
        "need.years", name=name, years=years_text(texts, need.years), count=len(need.years)
    )


def needs_text(texts: Texts, analysis: Analysis, needs: list[Need], alternative: list[Need]) -> str:
    """What is needed, with the alternative after "or"."""
    text = texts.join([need_text(texts, analysis, n) for n in needs])
    if alternative:
        other = texts.join([need_text(texts, analysis, n) for n in alternative])
        text = texts("need.or_else", first=text, other=other) if text else other
    return text


def break_kind_text(texts: Texts, kind: str) -> str:
    return texts(f"break_kind.{kind}")


def note_text(texts: Texts, analysis: Analysis, item: Note, indicator: str = "") -> str:
    """A caveat or a piece of evidence in words (its code is a key of the ``note`` section)."""
    kw = dict(item.kw)
    for key in ("periods",):
        if key in kw:
            kw[key] = texts.join([period_label(texts, p) for p in kw[key]])
            kw["count"] = len(item.kw[key])
    if "years" in kw:
        kw["count"] = len(kw["years"])
        kw["years"] = years_text(texts, kw["years"])
    if "kind" in kw:
        kw["kind"] = break_kind_text(texts, kw["kind"])
    if "qualifier" in kw:
        kw["qualifier"] = texts(f"qualifier_word.{kw['qualifier']}")
    if "period" in kw:
        kw["period"] = period_label(texts, kw["period"])
    if item.code == "range_target" and indicator:
        unit = analysis.catalogue[indicator].unit
        kw["range"] = range_text(texts, analysis.catalogue, kw["low"], kw["high"], unit, exact=True)
        kw["low"] = value_text(texts, analysis.catalogue, kw["low"], unit, exact=True)
    if item.code == "half_year":
        kw["Period"] = upper_first(period_phrase(texts, f"{kw['year']}H{kw['half']}"))
        kw["value"] = observed(texts, analysis, indicator, kw["value"])
        kw["share"] = percent_text(texts, kw["share"])
        kw["verb"] = texts("verb.estimate" if kw["estimate"] else "verb.actual")
        kw["name"] = indicator_name(texts, analysis.catalogue, indicator)
    if item.code == "relative_parts":
        ind = analysis.catalogue[indicator]
        for key, other in (("numerator", ind.ratio_of), ("denominator", ind.ratio_to)):
            kw[key] = observed(texts, analysis, other, kw[key])
    return texts(f"note.{item.code}", **kw)


def caveats_sentence(
    texts: Texts, analysis: Analysis, caveats: list[Note], indicator: str = ""
) -> str:
    """``Lưu ý: …`` with every caveat, or an empty string."""
    unique = list(dict.fromkeys(caveats))
    if not unique:
        return ""
    return texts(
        "sentence.caveats",
        items="; ".join(note_text(texts, analysis, c, indicator) for c in unique),
        count=len(unique),
    )


# -- judgements ---------------------------------------------------------------------------


def judgement_cell(texts: Texts, analysis: Analysis, j: Judgement) -> str:
    """The short assessment of a review-table row: ``Không đạt (bằng 98,2% KH)``, ``Chưa đánh giá
    được: cần …``.
    """
    label = status_label(texts, j.status)
    if (
        j.status == "not_assessable"
    ):  # the first way to judge it; the paragraph gives the alternatives
        return texts(
            "cell.not_assessable",
            needs=needs_text(texts, analysis, j.needs or j.needs_alternative, []),
        )
    parts = [label]
    if j.rule == "every_year" and j.family == "progress":
        parts = [
            texts(
                "cell.every_year",
                label=label,
                met=len(j.years_met),
                count=len(j.years_met) + len(j.years_not_met),
            )
        ]
    if j.status == "not_achieved" and not math.isnan(j.percent_of_target):
        parts = [
            texts(
                "cell.not_achieved_percent",
                label=label,
                percent=percent_text(texts, j.percent_of_target),
            )
        ]
    if j.known_is_estimate:
        parts.append(texts("cell.by_estimate"))
    if j.family == "progress" and not math.isnan(j.probability):
        parts.append(texts("cell.probability", percent=texts.number(round(100 * j.probability))))
    return " ".join(parts)


def _outcome_sentence(texts: Texts, analysis: Analysis, j: Judgement) -> str:
    t = j.target
    name = indicator_name(texts, analysis.catalogue, t.indicator)
    target = _target(texts, analysis, j)
    if j.rule == "milestone":
        return texts(
            f"judgement.milestone_{j.status}",
            Name=upper_first(name),
            value=texts("value.year", year=int(j.known_value)),
            target=texts("value.year", year=int(t.value)),
        )
    if j.rule == "every_year":
        return _every_year_sentence(texts, analysis, j)
    computed = j.rule in ("growth", "points_rate") and j.base_period != ""
    figure = indicator_value(texts, analysis, t.indicator, j.known_value, exact=not computed)
    verb = texts("verb.estimate" if j.known_is_estimate else "verb.actual")
    key = f"judgement.outcome_{j.status}"
    percent = "" if math.isnan(j.percent_of_target) else percent_text(texts, j.percent_of_target)
    if (
        not math.isnan(j.difference) and percent and j.status != "achieved"
    ):  # rates: the gap in points too
        return texts(
            f"judgement.outcome_{j.status}_points",
            Period=upper_first(period_phrase(texts, t.period)),
            name=name,
            verb=verb,
            figure=figure,
            target=target,
            points=texts.number(rounded(abs(j.difference))),
            percent=percent,
        )
    if percent and j.status != "achieved":
        key += "_percent"
    gap = ""
    if j.status == "not_achieved" and not math.isnan(j.shortfall):
        gap = indicator_value(texts, analysis, t.indicator, abs(j.shortfall))
        key += "_gap" if not percent else ""
    return texts(
        key,
        Period=upper_first(period_phrase(texts, t.period)),
        name=name,
        verb=verb,
        figure=figure,
        target=target,
        percent=percent,
        gap=gap,
    )


def _every_year_sentence(texts: Texts, analysis: Analysis, j: Judgement) -> str:
    t = j.target
    key = j.status if j.family == "outcome" else ("on_track" if not j.years_not_met else "behind")
    text = texts(
        f"judgement.every_year_{key}",
        Period=upper_first(period_phrase(texts, t.period)),
        name=indicator_name(texts, analysis.catalogue, t.indicator),
        target=_target(texts, analysis, j),
        met=len(j.years_met),
        count=len(j.years_met) + len(j.years_not_met),
        failed=years_text(texts, j.years_not_met),
    )
    if j.latest_period and not math.isnan(j.percent_of_target):
        text += " " + texts(
            "judgement.every_year_latest",
            year=j.latest_period,
            latest=observed(texts, analysis, t.indicator, j.latest_value),
            percent=percent_text(texts, j.percent_of_target),
        )
    return text


def _progress_sentence(texts: Texts, analysis: Analysis, j: Judgement) -> list[str]:
    t = j.target
    name = indicator_name(texts, analysis.catalogue, t.indicator)
    target = _target(texts, analysis, j)
    period = period_phrase(texts, t.period)
    parts: list[str] = []
    rate_indicator = t.indicator
    if j.rule == "every_year":
        return [_every_year_sentence(texts, analysis, j)]
    if j.status == "met_early":
        parts.append(
            texts(
                "judgement.met_early",
                Name=upper_first(name),
                latest_period=period_phrase(texts, j.latest_period),
                latest=observed(texts, analysis, t.indicator, j.latest_value),
                target=target,
                period=period,
            )
        )
        return parts
    if j.rule in ("growth", "points_rate"):
        if not math.isnan(j.actual_rate):
            parts.append(
                texts(
                    "judgement.rate_so_far",
                    Name=upper_first(name),
                    first=j.base_period,
                    last=j.latest_period,
                    rate=_rate(texts, analysis, j.actual_rate, j.rate_unit, rate_indicator),
                    target=target,
                    period=period,
                )
            )
    elif j.rule == "cumulative":
        parts.append(
            texts(
                "judgement.cumulative_so_far",
                Name=upper_first(name),
                period=period_label(texts, j.latest_period),
                value=observed(texts, analysis, t.indicator, j.latest_value),
                share=percent_text(texts, 100 * j.latest_value / t.value) if t.value > 0 else "",
                target=target,
            )
        )
    elif j.latest_period:
        latest = observed(texts, analysis, t.indicator, j.latest_value)
        if j.base_period:
            direction = "up" if j.latest_value >= j.base_value else "down"
            parts.append(
                texts(
                    f"judgement.moved_{direction}",
                    Name=upper_first(name),
                    base=observed(texts, analysis, t.indicator, j.base_value),
                    base_year=j.base_period,
                    latest=latest,
                    latest_year=j.latest_period,
                    rate=_rate(texts, analysis, j.actual_rate, j.rate_unit, rate_indicator),
                )
            )
        else:
            parts.append(
                texts(
                    "judgement.latest",
                    Name=upper_first(name),
                    period=period_phrase(texts, j.latest_period),
                    latest=latest,
                )
            )
    if not math.isnan(j.needed_rate) and j.latest_period:
        last_year = int(str(j.latest_period)[-4:])
        if t.year > last_year:
            span = str(t.year) if t.year == last_year + 1 else f"{last_year + 1}–{t.year}"
            parts.append(
                texts(
                    "judgement.needed",
                    target=target,
                    period=period,
                    span=span,
                    rate=_rate(
                        texts,
                        analysis,
                        j.needed_rate,
                        j.rate_unit if j.rule != "cumulative" else "units",
                        rate_indicator,
                    ),
                )
            )
    if j.status == "not_assessable":
        parts.append(
            texts(
                "judgement.progress_needs",
                needs=needs_text(
                    texts,
                    analysis,
                    j.needs_for_progress or j.needs,
                    [] if j.needs_for_progress else j.needs_alternative,
                ),
            )
        )
    elif not math.isnan(j.ratio):
        parts.append(
            texts(
                "judgement.ratio",
                ratio=texts.number(rounded(j.ratio)),
                base_year=j.base_period or "",
                status=status_label(texts, j.status).lower(),
            )
        )
    else:
        parts.append(texts("judgement.status_only", status=status_label(texts, j.status).lower()))
    if not math.isnan(j.probability):
        parts.append(
            texts(
                "judgement.probability",
                year=t.year,
                probability=probability_text(texts, j.probability),
            )
        )
        if j.reach_year is not None:
            parts.append(texts("judgement.reach", year=j.reach_year))
        else:
            parts.append(texts("judgement.not_reached", year=analysis.settings.plan_end))
    return parts


def judgement_paragraph(texts: Texts, analysis: Analysis, j: Judgement) -> str:
    """One judged target in the register of a district report."""
    t = j.target
    if j.family == "outcome":
        parts = [_outcome_sentence(texts, analysis, j)]
    elif j.status == "not_assessable" and not j.latest_period:
        parts = [
            texts(
                "judgement.not_assessable",
                Name=indicator_name(texts, analysis.catalogue, t.indicator, start=True),
                target=_target(texts, analysis, j),
                period=period_phrase(texts, t.period),
                needs=needs_text(texts, analysis, j.needs, j.needs_alternative),
            )
        ]
    else:
        parts = _progress_sentence(texts, analysis, j)
    evidence_indicator = t.indicator
    parts += [note_text(texts, analysis, e, evidence_indicator) for e in j.evidence]
    parts.append(caveats_sentence(texts, analysis, j.caveats, t.indicator))
    return " ".join(p for p in parts if p)


# -- history, projections, proposals ------------------------------------------------------------


def history_paragraph(texts: Texts, analysis: Analysis, series: Series) -> str:
    """What the record shows of an indicator's yearly figures, with the years any rate is measured
    over.
    """
    cat = analysis.catalogue
    ind = cat[series.indicator]
    Name = indicator_name(texts, cat, ind.id, start=True)
    parts: list[str] = []
    seg = series.segment
    if len(seg) == 1:
        row = seg.iloc[0]
        parts.append(
            texts(
                "history.one",
                Name=Name,
                year=int(row["period_start"]),
                value=observed(texts, analysis, ind.id, float(row["value"]), str(row["qualifier"])),
            )
        )
    elif series.indicator in analysis.trends:
        trend = analysis.trends[series.indicator]
        first, last = seg.iloc[0], seg.iloc[-1]
        direction = "flat" if rounded(trend.rate) == 0 else ("up" if trend.rate > 0 else "down")
        parts.append(
            texts(
                f"history.many_{direction}",
                Name=Name,
                first_value=observed(
                    texts, analysis, ind.id, trend.first_value, str(first["qualifier"])
                ),
                first_year=trend.first_year,
                last_value=observed(
                    texts, analysis, ind.id, trend.last_value, str(last["qualifier"])
                ),
                last_year=trend.last_year,
                change=change_text(texts, cat, trend.rate, trend.unit, ind.unit),
            )
        )
        if len(seg) < trend.last_year - trend.first_year + 1:
            parts.append(
                texts(
                    "history.sparse",
                    count=len(seg),
                    years=years_text(texts, seg["period_start"].tolist()),
                )
            )
    used = series.break_in_use()
    if used is not None and len(series.before_break):
        before = series.before_break
        parts.append(
            texts(
                "history.break",
                year=used.year,
                kind=break_kind_text(texts, used.kind),
                source=used.source_id,
                name=indicator_name(texts, cat, ind.id),
                years=years_text(texts, before["period_start"].tolist()),
                values=texts.join(
                    [observed(texts, analysis, ind.id, float(v)) for v in before["value"]]
                ),
            )
        )
    caveats = [
        Note(f"uses_{flag}", (("periods", tuple(p)),))
        for flag, p in flagged_periods(seg).items()
        if p
    ]
    parts.append(caveats_sentence(texts, analysis, caveats, ind.id))
    return " ".join(p for p in parts if p)


def projection_paragraph(
    texts: Texts,
    analysis: Analysis,
    indicator: str,
    projection: Projection,
    year: int | None = None,
) -> str:
    """The projection for ``year`` (default: the plan's last year), its range, the design it rests
    on.
    """
    cat = analysis.catalogue
    ind = cat[indicator]
    year = analysis.settings.plan_end if year is None else year
    i = list(projection.horizon_years).index(year)
    whole = ind.spec.whole_numbers

    def fmt(v: float) -> str:
        return value_text(texts, cat, float(v), ind.unit, whole=whole)

    def rng(a: float, b: float) -> str:
        if rounded(float(a), whole) == rounded(float(b), whole):
            return fmt(a)
        return texts.number(rounded(float(a), whole)) + "–" + fmt(b)

    parts = [
        texts(
            "projection.main",
            name=indicator_name(texts, cat, indicator),
            year=year,
            first=int(projection.years[0]),
            last=int(projection.years[-1]),
            point=fmt(projection.point[i]),
            range80=rng(projection.lower80[i], projection.upper80[i]),
            range95=rng(projection.lower95[i], projection.upper95[i]),
        )
    ]
    design = getattr(projection, "design", "")
    if design:
        parts.append(
            texts(
                "projection.design",
                design=design_text(texts, design),
                years=years_text(texts, [int(y) for y in projection.years]),
            )
        )
    caveats = [Note(f"projection_{code}") for code in projection.notes]
    series = analysis.series[indicator]
    for future in series.future_breaks():
        if future.year <= year:
            caveats.append(
                Note(
                    "break_in_horizon",
                    (("year", future.year), ("kind", future.kind), ("source", future.source_id)),
                )
            )
    parts.append(caveats_sentence(texts, analysis, caveats, indicator))
    return " ".join(p for p in parts if p)


def design_text(texts: Texts, design: str) -> str:
    """The design a projection rests on, in words, from its registry entry (an unknown design fails
    loudly).
    """
    from .forecast_core import DESIGNS

    try:
        d = DESIGNS[design]
    except KeyError:
        raise ValueError(f"unknown design {design!r}; designs: {', '.join(DESIGNS)}") from None
    if d.consecutive:
        return texts("design.consecutive", count=d.n_points)
    if d.n_points == 2:
        return texts("design.two", gap=d.span)
    return texts("design.spread", count=d.n_points, span=d.span + 1)


def not_projected_text(texts: Texts, analysis: Analysis, indicator: str, reason: Note) -> str:
    """Why an indicator is not projected, in one line."""
    kw = dict(reason.kw)
    name = indicator_name(texts, analysis.catalogue, indicator, start=True)
    if kw.get("break_year"):
        return texts(
            "not_projected.single_figure_after_break",
            Name=name,
            year=kw["year"],
            break_year=kw["break_year"],
        )
    kw.pop("break_year", None)
    return texts(f"not_projected.{reason.code}", Name=name, **kw)


def proposal_paragraph(texts: Texts, analysis: Analysis, p: Proposal) -> str:
    """A proposed target: the three levels, their probabilities, the rates they imply from a named
    base.
    """
    cat = analysis.catalogue
    ind = cat[p.indicator]
    name = indicator_name(texts, cat, p.indicator)
    if not p.proposed:
        parts = [
            texts(
                "proposal.needs",
                Name=upper_first(name),
                year=p.year,
                needs=needs_text(texts, analysis, p.needs, []),
            )
        ]
        parts.append(caveats_sentence(texts, analysis, p.caveats, p.indicator))
        return " ".join(x for x in parts if x)
    shown_unit = cat[ind.average_of].unit if ind.average_of else ind.unit
    whole = ind.spec.whole_numbers

    def level(name_: str) -> str:
        lv = p.level(name_)
        value = value_text(texts, cat, lv.value, shown_unit, whole=whole)
        chance = texts.number(round(100 * lv.probability))
        if math.isnan(lv.annual_change):
            return texts("proposal.level", value=value, percent=chance)
        return texts(
            "proposal.level_with_change",
            value=value,
            percent=chance,
            change=change_text(texts, cat, lv.annual_change, p.change_unit, ind.unit, signed=True),
        )

    key = "proposal.aggregate_" + p.aggregate if p.aggregate else "proposal.main"
    parts = [
        texts(
            key,
            name=name,
            year=p.year,
            first=analysis.settings.next_term_years[0],
            safe=level("safe"),
            expected=level("expected"),
            stretch=level("stretch"),
        )
    ]
    if p.base_year is not None:
        parts.append(
            texts(
                f"proposal.base_{p.base_kind}",
                year=p.base_year,
                value=value_text(texts, cat, p.base_value, ind.unit, whole=whole),
            )
        )
    if p.expects_deterioration:
        parts.append(
            texts(
                "proposal.deterioration",
                year=p.latest_year,
                value=value_text(texts, cat, p.latest_value, ind.unit, whole=whole),
            )
        )
    elif p.held_at_latest:
        parts.append(
            texts(
                "proposal.held",
                levels=texts.join([texts(f"proposal.level_name.{n}") for n in p.held_at_latest]),
                year=p.latest_year,
                value=value_text(texts, cat, p.latest_value, ind.unit, whole=whole),
            )
        )
    if ind.price_basis in ("current", "constant_2010", "not_stated"):
        parts.append(texts(f"price_basis.{ind.price_basis}"))
    if p.design:
        parts.append(texts("proposal.design", design=design_text(texts, p.design)))
    parts.append(caveats_sentence(texts, analysis, p.caveats, p.indicator))
    return " ".join(x for x in parts if x)
