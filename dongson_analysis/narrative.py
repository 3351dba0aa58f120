"""Paragraphs in Vietnamese (the default) and English, written from computed results.

The wording lives in ``templates/narrative.yml`` so that planners can edit it
without programming. Every number a paragraph states is taken from the result it
describes (the tests check this for every indicator), formatted the way the
language writes it: ``3.000 tỷ đồng``, ``18,2%`` in Vietnamese; ``3,000 billion
VND``, ``18.2%`` in English.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources
from typing import Mapping

import numpy as np
import pandas as pd
import yaml

from .catalogue import Catalogue, Indicator, catalogue, lower_first
from .numbers import format_number
from .projection import Projection, project
from .records import flagged_periods, load_observations, select_series
from .targets import assess_targets, propose_target, status_label, words as target_words

MAX_HORIZON = 10  # years ahead for which the intervals are calibrated
PERCENT_UNITS = ("%", "%/year", "% of production value", "% above estimate")


@cache
def templates() -> dict:
    """The narrative templates (``templates/narrative.yml``)."""
    text = resources.files("dongson_analysis").joinpath("templates/narrative.yml").read_text("utf-8")
    return yaml.safe_load(text)


def _t(section: str, key: str, lang: str, **params: object) -> str:
    return templates()[section][key][lang].format(**params)


def rounded(value: float, whole: bool = False) -> float:
    """The value as a paragraph states it: whole above 100, one decimal above 10, else two."""
    if whole or abs(value) >= 100:
        return float(round(value))
    return round(value, 1 if abs(value) >= 10 else 2)


def format_value(value: float, unit: str, lang: str = "vi", cat: Catalogue | None = None,
                 exact: bool = False, whole: bool = False) -> str:
    """A value with its unit as planners write it (``3.000 tỷ đồng``, ``18,2%``).

    ``exact`` keeps up to two decimals (for targets as stated); otherwise the value
    is rounded by :func:`rounded`.
    """
    cat = cat or catalogue()
    shown = value if exact else rounded(value, whole)
    number = format_number(shown, lang)
    label = cat.unit_label(unit, lang)
    if unit == "%":
        return f"{number}%"
    if unit == "year reached":
        return str(int(value))
    return f"{number} {label}"


def format_range(low: float, high: float, unit: str, lang: str = "vi", cat: Catalogue | None = None,
                 whole: bool = False) -> str:
    """A range with its unit once: ``55,7–191 triệu đồng/người``, ``0,61–7,89%``."""
    cat = cat or catalogue()
    a = format_number(rounded(low, whole), lang)
    full = format_value(high, unit, lang, cat, whole=whole)
    return f"{a}–{full}"


def format_change(value: float, change_unit: str, lang: str = "vi", unit: str = "", cat: Catalogue | None = None,
                  signed: bool = False) -> str:
    """An annual change: ``12,4%``, ``0,5 điểm phần trăm``, ``100 hộ``."""
    cat = cat or catalogue()
    shown = rounded(abs(value) if not signed else value)
    sign = "+" if signed and shown > 0 else ""
    number = format_number(shown, lang)
    if change_unit in ("%", "%/year"):
        return _t("change", "percent", lang, sign=sign, value=number)
    if change_unit in ("points", "points/year") or unit in PERCENT_UNITS:
        return _t("change", "points", lang, sign=sign, value=number)
    return _t("change", "units", lang, sign=sign, value=number, unit=cat.unit_label(unit, lang))


def probability_words(probability: float, lang: str = "vi") -> str:
    """Probability in words planners use (IPCC-like scale)."""
    for entry in templates()["probability_words"]:
        if probability >= entry["at_least"]:
            return entry[lang]
    return templates()["probability_words"][-1][lang]


def _names(ind: Indicator, lang: str) -> dict[str, str]:
    name = ind.name(lang)
    return {"Name": name[0].upper() + name[1:], "name": lower_first(name)}


def _observation_caveats(series: pd.DataFrame, lang: str) -> list[str]:
    return [_t("caveat", flag, lang, years=", ".join(periods))
            for flag, periods in flagged_periods(series).items() if periods]


def _caveat_sentence(caveats: list[str], lang: str) -> str:
    return _t("judgement", "caveats", lang, caveats="; ".join(caveats)) if caveats else ""


def history_paragraph(series: pd.DataFrame, ind: Indicator, lang: str = "vi", cat: Catalogue | None = None) -> str:
    """What the record shows of an indicator's yearly figures (``series`` from :func:`select_series`)."""
    cat = cat or catalogue()
    names = _names(ind, lang)
    whole = ind.kind == "count"
    if series.empty:
        return _t("history", "none", lang, **names)
    fmt = lambda v: format_value(v, ind.unit, lang, cat, whole=whole)  # noqa: E731
    if len(series) == 1:
        row = series.iloc[0]
        text = _t("history", "one", lang, year=int(row["period_start"]), value=fmt(float(row["value"])), **names)
    else:
        p = project(series["period_start"].astype(int).to_numpy(), series["value"].to_numpy(float), ind.kind,
                    ind.lower_bound, ind.upper_bound, horizon=1) if ind.kind != "milestone" else None
        first, last = series.iloc[0], series.iloc[-1]
        change = p.annual_change if p is not None else math.nan
        key = "many_flat" if math.isnan(change) or rounded(abs(change)) == 0 else (
            "many_up" if change > 0 else "many_down")
        text = _t("history", key, lang, first_value=fmt(float(first["value"])), first_year=int(first["period_start"]),
                  last_value=fmt(float(last["value"])), last_year=int(last["period_start"]),
                  change=format_change(change, p.change_unit if p else "", lang, ind.unit, cat) if p else "", **names)
        span = int(last["period_start"]) - int(first["period_start"]) + 1
        if len(series) < span:
            text += " " + _t("history", "sparse", lang, count=len(series),
                             years=", ".join(str(int(y)) for y in series["period_start"]))
    caveats = _observation_caveats(series, lang)
    return " ".join(part for part in (text, _caveat_sentence(caveats, lang)) if part)


def projection_paragraph(projection: Projection, ind: Indicator, lang: str = "vi", year: int | None = None,
                         cat: Catalogue | None = None) -> str:
    """The projection for ``year`` (default: the last projected year), with its uncertainty in words."""
    cat = cat or catalogue()
    names = _names(ind, lang)
    if not projection.has_projection:
        return _t("projection", "none", lang, **names)
    year = int(projection.horizon_years[-1]) if year is None else year
    i = int(np.flatnonzero(projection.horizon_years == year)[0])
    whole = ind.kind == "count"
    fmt = lambda v: format_value(float(v), ind.unit, lang, cat, whole=whole)  # noqa: E731
    rng = lambda a, b: format_range(float(a), float(b), ind.unit, lang, cat, whole)  # noqa: E731
    text = _t("projection", "main", lang, year=year, point=fmt(projection.point[i]),
              range80=rng(projection.lower80[i], projection.upper80[i]),
              range95=rng(projection.lower95[i], projection.upper95[i]), **names)
    point = abs(float(projection.point[i])) or 1.0
    spread = (projection.upper80[i] - projection.lower80[i]) / point
    key = "spread_wide" if spread > 0.5 else "spread_moderate" if spread > 0.15 else "spread_narrow"
    caveats = [_t("caveat", note, lang) for note in projection.notes]
    return " ".join(p for p in (text, _t("projection", key, lang), _caveat_sentence(caveats, lang)) if p)


def judgement_paragraph(row: Mapping, lang: str = "vi", cat: Catalogue | None = None) -> str:
    """One judged target (a row of :func:`assess_targets`, computed in the same ``lang``)."""
    cat = cat or catalogue()
    ind = cat[row["indicator"]]
    exact_target = format_value(float(row["target_value"]), ind.unit, lang, cat, exact=True)
    if ind.kind == "growth_rate" and not pd.isna(row.get("target_value_high", math.nan)):
        exact_target += "–" + format_value(float(row["target_value_high"]), ind.unit, lang, cat, exact=True)
    target = f"{lower_first(ind.name(lang))} {exact_target}"
    if row["status"] == "not_assessable":
        return _t("judgement", "not_assessable", lang, target=target, period=row["target_period"],
                  source=row["source_id"], note=row["note"])
    parts = [_t("judgement", "assessed", lang, target=target, period=row["target_period"], source=row["source_id"],
                status=status_label(row["status"], lang).lower())]
    if not pd.isna(row["ratio"]) and row["status"] != "achieved":
        parts.append(_t("judgement", "ratio", lang, ratio=format_number(rounded(float(row["ratio"])), lang)))
    if not pd.isna(row["probability"]):
        p = float(row["probability"])
        parts.append(_t("judgement", "probability", lang, year=int(row["target_year"]),
                        words=probability_words(p, lang), percent=format_number(round(100 * p), lang)))
    if not pd.isna(row["required_annual_rate"]) and row["status"] != "achieved":
        parts.append(_t("judgement", "required", lang, from_year=str(row["latest_period"]),
                        rate=format_change(float(row["required_annual_rate"]), row["rate_unit"], lang, ind.unit, cat)))
    reach = row.get("trend_reaches_target_in")
    if row["status"] != "achieved" and not pd.isna(row["probability"]):
        parts.append(_t("judgement", "reach", lang, year=int(reach)) if not pd.isna(reach)
                     else _t("judgement", "not_reached", lang, year=max(int(row["target_year"]), 2025)))
    if row["note"]:
        parts.append(_t("judgement", "caveats", lang, caveats=row["note"]))
    return " ".join(parts)


def proposal_paragraph(row: Mapping, ind: Indicator, lang: str = "vi", cat: Catalogue | None = None) -> str:
    """Proposed targets (a row of :func:`propose_targets`)."""
    cat = cat or catalogue()
    whole = ind.kind == "count"
    fmt = lambda v: format_value(float(v), ind.unit, lang, cat, whole=whole)  # noqa: E731
    chg = lambda v: format_change(float(v), row["change_unit"], lang, ind.unit, cat, signed=True)  # noqa: E731
    return _t("proposal", "main", lang, name=lower_first(ind.name(lang)), year=int(row["year"]),
              safe=fmt(row["safe"]), expected=fmt(row["expected"]), stretch=fmt(row["stretch"]),
              safe_change=chg(row["safe_annual_change"]), expected_change=chg(row["expected_annual_change"]),
              stretch_change=chg(row["stretch_annual_change"]))


def projection_for(series: pd.DataFrame, ind: Indicator, lang: str = "vi", end_year: int = 2025,
                   cat: Catalogue | None = None) -> tuple[Projection | None, str]:
    """The projection of a series to ``end_year`` and its paragraph (or why there is none)."""
    cat = cat or catalogue()
    if ind.kind == "milestone" or series.empty:
        return None, ""
    years = series["period_start"].astype(int).to_numpy()
    last = int(years[-1])
    if end_year - last > MAX_HORIZON:
        return None, _t("projection", "too_old", lang, year=end_year, last_year=last, **_names(ind, lang))
    projection = project(years, series["value"].to_numpy(float), ind.kind, ind.lower_bound, ind.upper_bound,
                         end_year=end_year)
    return projection, projection_paragraph(projection, ind, lang, cat=cat)


def describe(indicator: str, observations: pd.DataFrame | None = None, lang: str = "vi", area: str = "dong_son",
             end_year: int = 2025, cat: Catalogue | None = None) -> list[str]:
    """Every paragraph about one indicator: history, projection, its targets, proposed target."""
    cat = cat or catalogue()
    obs = load_observations() if observations is None else observations
    ind = cat[indicator]
    series = select_series(obs, indicator, area)
    paragraphs = [history_paragraph(series, ind, lang, cat)]
    projection, text = projection_for(series, ind, lang, end_year, cat)
    if text:
        paragraphs.append(text)
    judged = assess_targets(obs, lang=lang, area=area, cat=cat)
    for _, row in judged[judged["indicator"] == indicator].iterrows():
        paragraphs.append(judgement_paragraph(row, lang, cat))
    if projection is not None and projection.has_projection and ind.direction != "none":
        proposal = {"year": end_year, "change_unit": projection.change_unit, **propose_target(projection, ind, end_year)}
        paragraphs.append(proposal_paragraph(proposal, ind, lang, cat))
    return paragraphs


_NUMBER = {
    "vi": re.compile(r"(?<![\w.,])[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\w])|(?<![\w.,])[+-]?\d+(?:,\d+)?(?![\w])"),
    "en": re.compile(r"(?<![\w.,])[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])[+-]?\d+(?:\.\d+)?(?![\w])"),
}


def numbers_in(text: str, lang: str) -> list[float]:
    """Every number stated in a paragraph, read the way ``lang`` writes numbers."""
    found = []
    for match in _NUMBER[lang].finditer(text):
        token = match.group(0)
        group, decimal = (".", ",") if lang == "vi" else (",", ".")
        found.append(float(token.replace(group, "").replace(decimal, ".")))
    return found
