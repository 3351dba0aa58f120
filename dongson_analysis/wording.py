"""Sentences from results: every judgement, trend, projection and proposal put into words.

This is the only place that turns results into prose. It computes nothing the
analysis already holds; it chooses the template (``locales/<language>.yml``) and
fills it with formatted numbers. Every number a sentence states comes from a
result (``tests/test_wording.py`` checks that each is traceable), every rate a
trend or projection sentence states is recomputed by the tests from the result,
and how a judgement is shown is read from its rule's registry entry
(:class:`~dongson_analysis.judgement.RuleSpec`), never from its name.
"""

from __future__ import annotations

import math

import pandas as pd

from .analysis import Analysis
from .consumer_prices import PRICE_RISE_BASES, PriceChange
from .formatting import (
    as_sentence,
    direction_of,
    indicator_amount,
    indicator_name,
    indicator_number,
    number,
    percent_of_target_text,
    percent_text,
    period_label,
    period_phrase,
    probability_text,
    range_text,
    rate_decimals,
    rate_text,
    rounded,
    target_text,
    upper_first,
    value_text,
    years_text,
)
from .judgement import (
    Judgement,
    Need,
    Note,
    PathSummary,
    flag_caveats,
    note,
    path_summary,
    status_spec,
)
from .l10n import Texts
from .projection import Projection
from .proposals import Proposal
from .series import Series


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

    ``exact`` writes a figure as the source states it (at least the catalogue's decimals, never
    rounded away from what the source wrote); computed values are written at the indicator's
    catalogue precision.
    """
    text = indicator_amount(texts, analysis.catalogue, indicator, value, stated=exact)
    if qualifier and not analysis.catalogue[indicator].spec.values_are_years:
        text = texts(f"qualifier.{qualifier}", value=text)
    return text


def observed(
    texts: Texts, analysis: Analysis, indicator: str, value: float, qualifier: str = ""
) -> str:
    """A figure of the record at the indicator's one precision (the catalogue's ``precision``:
    ``67,2``, not ``67,192`` here and ``67,2`` in Biểu 01); a figure is never rounded to tens
    or hundreds (``54.003 tấn`` stays as published).
    """
    exact = analysis.catalogue[indicator].precision < 0
    return indicator_value(texts, analysis, indicator, value, qualifier, exact=exact)


def _target(texts: Texts, analysis: Analysis, j: Judgement) -> str:
    t = j.target
    return target_text(texts, analysis.catalogue, t.indicator, t.value, t.value_high, t.qualifier)


def _rate(texts: Texts, analysis: Analysis, value: float, rate_unit: str, indicator: str) -> str:
    return rate_text(texts, analysis.catalogue, indicator, value, rate_unit)


def price_change(analysis: Analysis, indicator: str) -> PriceChange | None:
    """The national consumer price change a rate of ``indicator`` is set beside: the latest
    published by the report's date, for an indicator at current prices (None otherwise).

    Parameters
    ----------
    analysis : Analysis
        Its catalogue gives the indicator's price basis; its consumer price changes are
        marked by whether the report's date may cite them.
    indicator : str
        A catalogue id.

    Returns
    -------
    PriceChange or None
        The year, change and source the text cites.
    """
    if analysis.catalogue[indicator].price_basis not in PRICE_RISE_BASES:
        return None
    return analysis.cited_price_change


def price_sources(analysis: Analysis) -> set[str]:
    """The sources of the national consumer price changes the text of the area cites (one at
    most: the latest published by the report's date, cited where an indicator with figures is
    at current prices), for the list of sources.

    Parameters
    ----------
    analysis : Analysis
        The area's analysis.

    Returns
    -------
    set of str
        Source ids.
    """
    return {
        change.source_id
        for indicator in analysis.series
        if (change := price_change(analysis, indicator)) is not None
    }


def _price_sentence(texts: Texts, analysis: Analysis, indicator: str) -> str:
    """What prices a rate of the indicator is at (``Tốc độ tính theo giá so sánh 2010.``); at
    current prices, beside the latest national consumer price change a report of its date may
    cite (``Giá tiêu dùng cả nước năm 2019 tăng 2,79% (nguồn N08).``).
    """
    basis = analysis.catalogue[indicator].price_basis
    change = price_change(analysis, indicator)
    if change is not None:
        return texts(
            "prices.rate_current",
            year=change.year,
            change=texts.percent(number(texts, change.change_percent, exact=True)),
            source=change.source_id,
        )
    key = f"price_basis.rate_{basis}"
    return texts(key) if texts.has(key) else ""


def area_words(texts: Texts, analysis: Analysis, word: str) -> str:
    """A word that depends on the level of the area analysed, from the ``levels`` section:
    ``area_words(texts, analysis, "whole")`` is ``toàn huyện`` for a district, ``toàn xã`` for a
    commune, ``toàn tỉnh`` for a province.

    Parameters
    ----------
    texts : Texts
    analysis : Analysis
        Its settings name the area; the catalogue gives the area's level and name.
    word : str
        A key of ``levels.<level>`` (``unit``, ``named``, ``whole``, ``committee``, ``council``,
        ``office``, ``signer`` ...).

    Returns
    -------
    str
    """
    area = analysis.catalogue.area(analysis.settings.area)
    name = analysis.settings.area_name or area.name(texts.language)
    return texts(f"levels.{area.level}.{word}", name=name)


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
    if item.code == "base_at_break":
        kw["survey"] = item.kw["year"] - 1
    if item.code == "relative_parts":
        ind = analysis.catalogue[indicator]
        for key, other in (("numerator", ind.ratio_of), ("denominator", ind.ratio_to)):
            kw[key] = observed(texts, analysis, other, kw[key])
    key = f"note.{item.code}"
    if not texts.has(key):  # a caveat of the data side, worded in its own section
        key = f"fixdata.note_{item.code}"
    return texts(key, **kw)


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


def _known_years(j: Judgement) -> tuple[int, ...]:
    return tuple(sorted(j.years_met + j.years_not_met))


def _gap(texts: Texts, analysis: Analysis, j: Judgement) -> str:
    """A shortfall in the target's unit, with enough decimals to be seen (never negative)."""
    return indicator_value(texts, analysis, j.target.indicator, abs(j.shortfall), exact=True)


def judgement_cell(texts: Texts, analysis: Analysis, j: Judgement) -> str:
    """The short assessment of a review-table row: ``Không đạt (bằng 98,2% KH)``, ``Chưa đủ căn
    cứ: …``, ``Không đạt kế hoạch: 4/5 năm có số liệu đạt kế hoạch; thấp nhất năm 2016 (…)``.

    What is shown follows the rule's registry entry (:class:`RuleSpec`): the years met and the
    weakest year for a target of every year, a percentage of the target only where it says
    something, never a rounded 100% beside "not achieved", never a negative shortfall.
    """
    spec = j.spec
    label = status_label(texts, j.status)
    t = j.target
    if j.status == "not_assessable":  # the first way to judge it; the paragraph gives the rest
        if spec.shows_years_met and j.latest_period:
            return texts("cell.insufficient", years=years_text(texts, _known_years(j)))
        return texts(
            "cell.not_assessable",
            needs=needs_text(texts, analysis, j.needs or j.needs_alternative, []),
        )
    parts = [label]
    if spec.shows_years_met:
        text = texts(
            "cell.every_year",
            label=label,
            met=len(j.years_met),
            count=len(j.years_met) + len(j.years_not_met),
        )
        if j.years_not_met:
            better = analysis.catalogue[t.indicator].better
            text += "; " + texts(
                f"cell.weakest.{better}",
                year=j.weakest_period,
                value=observed(texts, analysis, t.indicator, j.weakest_value),
            )
        parts = [text]
    elif j.status == "not_achieved":
        percent = (
            percent_of_target_text(texts, j.percent_of_target, short=True)
            if spec.shows_percent_of_target and not math.isnan(j.percent_of_target)
            else ""
        )
        if percent:
            parts = [texts("cell.not_achieved_percent", label=label, percent=percent)]
        elif not math.isnan(j.shortfall):
            parts = [texts("cell.not_achieved_gap", label=label, gap=_gap(texts, analysis, j))]
    marks = [  # one parenthesis: "(theo báo cáo, theo số ước)"
        texts(f"cell.{mark}")
        for mark, applies in (
            ("as_reported", j.as_reported),
            ("by_estimate", j.known_is_estimate),
            ("inferred_year", j.inferred_years),
        )
        if applies
    ]
    if marks:
        parts.append(texts("cell.marks", marks=", ".join(marks)))
    if j.family == "progress" and not math.isnan(j.probability):
        parts.append(texts("cell.probability", percent=texts.number(round(100 * j.probability))))
    return " ".join(parts)


def _outcome_sentence(texts: Texts, analysis: Analysis, j: Judgement) -> str:
    t = j.target
    spec = j.spec
    name = indicator_name(texts, analysis.catalogue, t.indicator)
    target = _target(texts, analysis, j)
    if spec.shows_years_met:
        return _every_year_sentence(texts, analysis, j)
    if analysis.catalogue[t.indicator].spec.values_are_years:
        return texts(
            f"{spec.outcome_key}_{j.status}",
            Name=upper_first(name),
            value=texts("value.year", year=int(j.known_value)),
            target=texts("value.year", year=int(t.value)),
        )
    computed = spec.figure_computed and j.base_period != ""
    # at the indicator's precision, unless that would print the figure as its target while it
    # is not (54,99999 against 55 is written out, never "55,0, không đạt")
    ind = analysis.catalogue[t.indicator]
    blurred = round(j.known_value, max(ind.precision, 0)) == round(
        t.value, max(ind.precision, 0)
    ) and not math.isclose(j.known_value, t.value)
    figure = indicator_value(
        texts, analysis, t.indicator, j.known_value, exact=blurred and not computed
    )
    verb = texts("verb.estimate" if j.known_is_estimate else "verb.actual")
    key = f"{spec.outcome_key}_{j.status}"
    short = j.status == "not_achieved"
    percent = (
        ""
        if math.isnan(j.percent_of_target) or not spec.shows_percent_of_target
        else percent_of_target_text(texts, j.percent_of_target, short)
    )
    period = upper_first(period_phrase(texts, t.period))
    if spec.shows_points and not math.isnan(j.difference) and percent and j.status != "achieved":
        return texts(
            f"{key}_points",
            Period=period,
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
    if short and not math.isnan(j.shortfall) and not percent:
        gap = _gap(texts, analysis, j)
        key += "_gap"
    return texts(
        key,
        Period=period,
        name=name,
        verb=verb,
        figure=figure,
        target=target,
        percent=percent,
        gap=gap,
    )


def _every_year_sentence(texts: Texts, analysis: Analysis, j: Judgement) -> str:
    t = j.target
    name = indicator_name(texts, analysis.catalogue, t.indicator)
    period = upper_first(period_phrase(texts, t.period))
    if j.status == "not_assessable":
        years = _known_years(j)
        seg = analysis.series[analysis.catalogue.canonical(t.indicator)].segment
        values = [
            observed(texts, analysis, t.indicator, float(v))
            for y, v in zip(seg["period_start"], seg["value"])
            if int(y) in years
        ]
        return texts(
            "judgement.insufficient",
            Period=period,
            name=name,
            target=_target(texts, analysis, j),
            years=years_text(texts, years),
            values=texts.join(values),
            needs=needs_text(texts, analysis, j.needs, j.needs_alternative),
            count=len(years),
        )
    key = j.status if j.family == "outcome" else ("on_track" if not j.years_not_met else "behind")
    text = texts(
        f"{j.spec.progress_key}_{key}",
        Period=period,
        name=name,
        target=_target(texts, analysis, j),
        met=len(j.years_met),
        count=len(j.years_met) + len(j.years_not_met),
        failed=years_text(texts, j.years_not_met),
    )
    if j.years_not_met and j.weakest_period:
        better = analysis.catalogue[t.indicator].better
        percent = (
            ""
            if math.isnan(j.percent_of_target)
            else texts(
                "judgement.of_target",
                percent=percent_of_target_text(texts, j.percent_of_target, short=True),
            )
        )
        if percent == texts("judgement.of_target", percent=""):
            percent = ""
        text += " " + texts(
            f"judgement.weakest.{better}",
            year=j.weakest_period,
            value=observed(texts, analysis, t.indicator, j.weakest_value),
            percent=percent,
        )
    return text


def _progress_sentence(texts: Texts, analysis: Analysis, j: Judgement) -> list[str]:
    t = j.target
    spec = j.spec
    name = indicator_name(texts, analysis.catalogue, t.indicator)
    target = _target(texts, analysis, j)
    period = period_phrase(texts, t.period)
    parts: list[str] = []
    rate_indicator = t.indicator
    if spec.shows_years_met:
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
    if spec.progress_key == "judgement.rate_so_far":
        if not math.isnan(j.actual_rate):
            parts.append(
                texts(
                    spec.progress_key,
                    Name=upper_first(name),
                    first=j.base_period,
                    last=j.latest_period,
                    rate=_rate(texts, analysis, j.actual_rate, j.rate_unit, rate_indicator),
                    target=target,
                    period=period,
                )
            )
    elif spec.progress_key == "judgement.cumulative_so_far":
        parts.append(
            texts(
                spec.progress_key,
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
                    f"{spec.progress_key}_{direction}",
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
                        "units" if spec.needed_in_units else j.rate_unit,
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
    """One judged target in the register of a district report, with the prices its rates are at."""
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
    if not (math.isnan(j.actual_rate) and math.isnan(j.needed_rate)) or j.spec.figure_computed:
        parts.append(_price_sentence(texts, analysis, t.indicator))
    parts += [as_sentence(note_text(texts, analysis, e, t.indicator)) for e in j.evidence]
    parts.append(caveats_sentence(texts, analysis, j.caveats, t.indicator))
    return " ".join(p for p in parts if p)


# -- history, projections, proposals ------------------------------------------------------------


def swing_sentence(texts: Texts, analysis: Analysis, indicator: str, seg) -> str:
    """The lowest and highest years of a series whose figures do not move one way, so that a
    trend from first to last figure never hides a fall in between ("" for a series that moves
    one way, or has fewer than three figures).
    """
    if len(seg) < 3:
        return ""
    values = [float(v) for v in seg["value"]]
    years = [int(y) for y in seg["period_start"]]
    steps = [b - a for a, b in zip(values, values[1:])]
    if all(d >= 0 for d in steps) or all(d <= 0 for d in steps):
        return ""
    low, high = values.index(min(values)), values.index(max(values))
    return texts(
        "history.swing",
        first=years[0],
        last=years[-1],
        low_year=years[low],
        low=observed(texts, analysis, indicator, values[low]),
        high_year=years[high],
        high=observed(texts, analysis, indicator, values[high]),
    )


def history_paragraph(texts: Texts, analysis: Analysis, series: Series) -> str:
    """What the record shows of an indicator's yearly figures: the observed trend, with the years
    it is measured over and the figures it rests on.
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
        direction = direction_of(cat, ind.id, trend.rate, trend.unit)
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
                change=rate_text(texts, cat, ind.id, trend.rate, trend.unit),
            )
        )
        parts.append(swing_sentence(texts, analysis, ind.id, seg))
        if len(seg) < trend.last_year - trend.first_year + 1:
            parts.append(
                texts(
                    "history.sparse",
                    count=len(seg),
                    years=years_text(texts, seg["period_start"].tolist()),
                )
            )
        parts.append(_price_sentence(texts, analysis, ind.id))
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
    parts.append(caveats_sentence(texts, analysis, flag_caveats(seg), ind.id))
    return " ".join(p for p in parts if p)


def figures_by_year_paragraph(
    texts: Texts, analysis: Analysis, indicator: str, rows: pd.DataFrame
) -> str:
    """An indicator's figures year by year, with no trend (a relative indicator, two figures
    a year or more apart, a period whose figures before it are left out), with the prices
    they are at and their caveats.

    Parameters
    ----------
    texts : Texts
        The edition's words.
    analysis : Analysis
        The run's analysis.
    indicator : str
        The indicator's id.
    rows : pandas.DataFrame
        The figures to state (``period_start``, ``value``, ``qualifier`` and the flags),
        oldest first.

    Returns
    -------
    str
        ``Thu ngân sách vượt dự toán tỉnh giao: 499,0% năm 2021, 21,0% năm 2023 và 448,0% năm
        2024.`` with its notes.
    """
    cat = analysis.catalogue
    figures = [
        texts(
            "history.year_figure",
            value=observed(texts, analysis, indicator, float(r["value"]), str(r["qualifier"])),
            year=int(r["period_start"]),
        )
        for _, r in rows.iterrows()
    ]
    parts = [
        texts(
            "history.by_year",
            Name=indicator_name(texts, cat, indicator, start=True),
            figures=texts.join(figures),
        ),
        _price_sentence(texts, analysis, indicator) if len(rows) > 1 else "",
        caveats_sentence(texts, analysis, flag_caveats(rows), indicator),
    ]
    return " ".join(p for p in parts if p)


def projected_path(
    analysis: Analysis, indicator: str, projection: Projection, year: int | None = None
) -> tuple[PathSummary | None, PathSummary | None]:
    """The median path as the text states it: from the last figure the projection rests on to
    ``year`` (default: the plan's last year), and over the next plan (from the review's last
    year); each beside the observed trend.

    The numbers come from :func:`dongson_analysis.judgement.path_summary` (a stand-in for the
    projection's own accessors, swapped here alone when they arrive).
    """
    ind = analysis.catalogue[indicator]
    year = analysis.settings.plan_end if year is None else year
    trend = analysis.trends.get(analysis.catalogue.canonical(indicator))
    rate, unit = (trend.rate, trend.unit) if trend is not None else (math.nan, "")
    start = int(projection.years[-1])
    whole = path_summary(projection, ind, start, year, rate, unit)
    plan_base = analysis.settings.target_year
    plan = None
    if plan_base > start and plan_base < year:
        plan = path_summary(projection, ind, plan_base, year, rate, unit)
    return whole, plan


def _slows_sentence(texts: Texts, analysis: Analysis, indicator: str, projection, whole, trend):
    """How the median path departs from the observed trend, with the trend's rate signed.

    "Slower" only where the trend rises (a path of 0%/năm is not slower than a fall of
    −14,3%/năm); a path that stays flat from its first year is said to be flat, and the
    damping reason is not given for it (nothing is damped on a flat path).
    """
    cat = analysis.catalogue
    direction = direction_of(cat, indicator, whole.rate, whole.unit)
    reason = ""
    if not (direction == "flat" and whole.reason == "damped"):
        bound = indicator_amount(texts, cat, indicator, whole.bound)
        reason = texts(
            f"projection.reason.{whole.reason}",
            bound=bound if not math.isnan(whole.bound) else "",
            count=len(projection.used_years),
            year=whole.end_year,
        )
    if direction == "flat":
        key = "projection.flat_vs_trend"
    else:
        key = "projection.slows" if trend.rate > 0 else "projection.eases"
    return texts(
        key + ("_because" if reason else ""),
        first=trend.first_year,
        last=trend.last_year,
        trend=rate_text(texts, cat, indicator, trend.rate, trend.unit, signed=True),
        start=whole.start_year,
        reason=reason,
    )


def projection_paragraph(
    texts: Texts,
    analysis: Analysis,
    indicator: str,
    projection: Projection,
    year: int | None = None,
) -> str:
    """The projection for ``year`` (default: the plan's last year) described as what it is: the
    median path and the average rate it implies (over the whole horizon and over the next
    plan), whether it slows relative to the observed trend and why, whether it is held at a
    bound; its ranges and the design it rests on.
    """
    cat = analysis.catalogue
    year = analysis.settings.plan_end if year is None else year
    i = list(projection.horizon_years).index(year)

    def fmt(v: float) -> str:
        return indicator_amount(texts, cat, indicator, float(v))

    def rng(a: float, b: float) -> str:
        low = indicator_number(texts, cat, indicator, float(a))
        if low == indicator_number(texts, cat, indicator, float(b)):
            return fmt(a)
        return low + "–" + fmt(b)

    name = indicator_name(texts, cat, indicator)
    whole, plan = projected_path(analysis, indicator, projection, year)
    parts: list[str] = []
    if whole is not None:
        direction = direction_of(cat, indicator, whole.rate, whole.unit)
        parts.append(
            texts(
                f"projection.path_{direction}",
                name=name,
                start=whole.start_year,
                start_value=observed(texts, analysis, indicator, whole.start_value),
                year=year,
                point=fmt(whole.end_value),
                rate=rate_text(texts, cat, indicator, whole.rate, whole.unit),
            )
        )
        if plan is not None:
            parts.append(
                texts(
                    "projection.plan",
                    first=plan.start_year + 1,
                    last=plan.end_year,
                    base=plan.start_year,
                    rate=rate_text(texts, cat, indicator, plan.rate, plan.unit),
                )
            )
        trend = analysis.trends.get(cat.canonical(indicator))
        if whole.slows and trend is not None:
            parts.append(_slows_sentence(texts, analysis, indicator, projection, whole, trend))
        if whole.held_at_bound:
            parts.append(texts("projection.held", year=year, bound=fmt(whole.bound)))
    parts.append(
        texts(
            "projection.ranges",
            year=year,
            range80=rng(projection.lower80[i], projection.upper80[i]),
            range95=rng(projection.lower95[i], projection.upper95[i]),
        )
    )
    parts.append(_price_sentence(texts, analysis, indicator))
    design = getattr(projection, "design", "")
    if design:
        used = [int(y) for y in projection.used_years]
        parts.append(
            texts(
                "projection.design",
                design=design_text(texts, design),
                years=years_text(texts, used),
            )
        )
        unused = [int(y) for y in projection.years if int(y) not in used]
        if unused:
            parts.append(texts("projection.unused", years=years_text(texts, unused)))
    caveats = [Note(f"projection_{code}") for code in projection.notes]
    series = analysis.series[indicator]
    for future in series.future_breaks():
        if future.year <= year:
            caveats.append(
                note(
                    "break_in_horizon", year=future.year, kind=future.kind, source=future.source_id
                )
            )
    parts.append(caveats_sentence(texts, analysis, caveats, indicator))
    return " ".join(p for p in parts if p)


def levels_within_price_rise(
    analysis: Analysis, p: Proposal
) -> list[tuple[tuple[str, ...], float]]:
    """The proposed levels (equal values once, with their names) whose yearly rate in percent, as
    the text shows it, is at or below the national consumer price change the text cites: at
    constant prices they are about flat or a fall. The rate is the level's own value for a rate
    of a level (a growth rate), else its average yearly change from the base.

    Parameters
    ----------
    analysis : Analysis
        Its consumer price changes (see :func:`price_change`).
    p : Proposal
        A proposal with levels.

    Returns
    -------
    list of (tuple of str, float)
        Each such level's names and its rate as shown (empty when the indicator is not at
        current prices or no price change was published by the report's date).
    """
    change = price_change(analysis, p.indicator)
    if change is None or not p.proposed:
        return []
    ind = analysis.catalogue[p.indicator]
    out = []
    for names, lv in p.distinct_levels():
        if ind.spec.rate_of_level:
            unit, rate = ("percent", lv.value)
        else:
            unit = ind.spec.change_unit_between(
                p.base_value, lv.value, ind.lower_bound, ind.upper_bound
            )
            rate = lv.annual_change
        if unit != "percent" or math.isnan(rate):
            continue
        shown = round(rate, rate_decimals(unit, ind.precision)) + 0.0
        if shown <= change.change_percent:
            out.append((names, shown))
    return out


def proposal_price_note(texts: Texts, analysis: Analysis, p: Proposal) -> str:
    """The note under a table of proposals for an indicator at current prices: the latest
    national consumer price change the report may cite and the levels no higher than it ("" for
    an indicator at other prices, or when no change was published by the report's date).

    Parameters
    ----------
    texts : Texts
    analysis : Analysis
    p : Proposal

    Returns
    -------
    str
    """
    if price_change(analysis, p.indicator) is None or not p.proposed:
        return ""
    sentences = " ".join(
        x
        for x in (
            _price_sentence(texts, analysis, p.indicator),
            _constant_price_sentence(texts, analysis, p),
        )
        if x
    )
    name = indicator_name(texts, analysis.catalogue, p.indicator, start=True)
    return texts("prices.table_note", Name=name, sentences=sentences)


def _constant_price_sentence(texts: Texts, analysis: Analysis, p: Proposal) -> str:
    """That the levels whose rate is no higher than the price rise are about flat or a fall at
    constant prices ("" when none is).
    """
    levels = levels_within_price_rise(analysis, p)
    change = price_change(analysis, p.indicator)
    if not levels or change is None:
        return ""
    items = [
        texts(
            "prices.level",
            count=len(names),
            names=texts.join([texts(f"proposal.level_word.{n}") for n in names]),
            rate=rate_text(texts, analysis.catalogue, p.indicator, rate, "percent", signed=True),
        )
        for names, rate in levels
    ]
    return texts(
        "prices.within_price_rise",
        count=sum(len(names) for names, _ in levels),
        levels=upper_first(texts.join(items)),
        year=change.year,
        change=texts.percent(number(texts, change.change_percent, exact=True)),
    )


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
    key = f"not_projected.{reason.code}"
    if not texts.has(key):  # a reason of the data side, worded in its own section
        key = f"fixdata.not_projected_{reason.code}"
    return texts(key, Name=name, **kw)


def _safe_level_sentences(texts: Texts, analysis: Analysis, p: Proposal, amount) -> list[str]:
    """Why the safe level lies where it does, in words its own numbers bear out.

    "Xu hướng xấu đi" only where the median of the plan's last year is worse than the latest
    figure as both are printed; a median only level with it reads as not improving. A level
    held at the base says the median does not fall, and names an observed fall when the
    series did fall (the held level then assumes the fall stops).
    """
    cat = analysis.catalogue
    ind = cat[p.indicator]
    median = p.level("expected").value
    out: list[str] = []
    if p.expects_deterioration and p.latest_year is not None:
        latest = p.latest_value
        indicator = p.figures_of
        same = indicator_number(texts, cat, indicator, median) == indicator_number(
            texts, cat, indicator, latest
        )
        out.append(
            texts(
                "proposal.not_improving" if same else "proposal.deterioration",
                year=p.latest_year,
                value=observed(texts, analysis, indicator, latest),
                plan_year=p.year,
                median=amount(median),
            )
        )
        return out
    if not (p.held_at_latest and p.held_year is not None and not p.linked_to):
        return out
    out.append(
        texts(
            "proposal.held",
            levels=upper_first(
                texts.join([texts(f"proposal.level_word.{n}") for n in p.held_at_latest])
            ),
            year=p.held_year,
            value=amount(p.level(p.held_at_latest[0]).value),
            reference=(
                indicator_amount(texts, cat, p.indicator, p.held_value)
                if p.held_year == p.base_year and p.base_kind == "projection"
                else observed(texts, analysis, p.indicator, p.held_value)
            ),
            plan_year=p.year,
            median=amount(median),
        )
    )
    trend = analysis.trends.get(cat.canonical(p.indicator))
    if trend is not None and math.isfinite(trend.rate):
        worse = trend.rate < 0 if ind.better == "higher" else trend.rate > 0
        if worse and direction_of(cat, p.indicator, trend.rate, trend.unit) != "flat":
            out.append(
                texts(
                    "proposal.held_against_trend",
                    first=trend.first_year,
                    last=trend.last_year,
                    trend=rate_text(texts, cat, p.indicator, trend.rate, trend.unit, signed=True),
                )
            )
    return out


def proposal_paragraph(texts: Texts, analysis: Analysis, p: Proposal) -> str:
    """A proposed target: its distinct levels (equal values stated once, with why), their
    probabilities in whole percent, the rates they imply from a named and marked base, at the
    indicator's catalogue precision, and the prices they are at.
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

    def amount(value: float) -> str:
        return indicator_amount(texts, cat, p.indicator, value, unit=shown_unit)

    def level(lv) -> str:
        value = amount(lv.value)
        chance = texts.number(round(100 * lv.probability))
        if math.isnan(lv.annual_change):
            return texts("proposal.level", value=value, percent=chance)
        unit = ind.spec.change_unit_between(
            p.base_value, lv.value, ind.lower_bound, ind.upper_bound
        )
        return texts(
            "proposal.level_with_change",
            value=value,
            percent=chance,
            change=rate_text(texts, cat, p.indicator, lv.annual_change, unit, signed=True),
        )

    groups = [
        texts(
            "proposal.group",
            names=texts.join([texts(f"proposal.level_word.{n}") for n in names]),
            level=level(lv),
        )
        for names, lv in p.distinct_levels()
    ]
    key = "proposal.aggregate_" + p.aggregate if p.aggregate else "proposal.main"
    parts = [
        texts(
            key,
            name=name,
            year=p.year,
            first=analysis.settings.next_term_years[0],
            levels=texts.join(groups),
        )
    ]
    if p.collapsed:
        repeated = next(lv for names, lv in p.distinct_levels() if len(names) > 1)
        parts.append(texts(f"proposal.collapse.{p.collapsed}", value=amount(repeated.value)))
    if p.base_year is not None:
        base_ind = p.linked_to if p.aggregate == "points_change" and p.linked_to else p.indicator
        parts.append(
            texts(
                f"proposal.base_{p.base_kind}",
                year=p.base_year,
                value=indicator_amount(
                    texts, cat, base_ind, p.base_value, stated=p.base_kind != "projection"
                ),
            )
        )
    if p.linked_to and p.aggregate == "points_change":
        parts.append(
            texts(
                "proposal.linked_level", name=indicator_name(texts, cat, p.linked_to), year=p.year
            )
        )
    elif p.linked_to and p.aggregate == "average":
        parts.append(
            texts(
                "proposal.linked_growth", name=indicator_name(texts, cat, p.linked_to), year=p.year
            )
        )
    elif p.linked_to:
        parts.append(texts("proposal.linked_structure"))
    parts += _safe_level_sentences(texts, analysis, p, amount)
    series = analysis.series.get(cat.canonical(p.indicator))
    if series is not None and not p.aggregate:  # a base year that is a peak is said to be one
        parts.append(swing_sentence(texts, analysis, p.indicator, series.segment))
    price = _price_sentence(texts, analysis, p.indicator)
    parts.append(price)
    parts.append(_constant_price_sentence(texts, analysis, p))
    if p.design:
        parts.append(texts("proposal.design", design=design_text(texts, p.design)))
    parts.append(caveats_sentence(texts, analysis, p.caveats, p.indicator))
    return " ".join(x for x in parts if x)


__all__ = [
    "area_words",
    "caveats_sentence",
    "design_text",
    "history_paragraph",
    "indicator_value",
    "judgement_cell",
    "judgement_paragraph",
    "levels_within_price_rise",
    "needs_text",
    "not_projected_text",
    "observed",
    "price_change",
    "price_sources",
    "projected_path",
    "projection_paragraph",
    "proposal_paragraph",
    "status_label",
]
