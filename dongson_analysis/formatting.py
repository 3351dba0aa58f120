"""Numbers, values, periods and names written the way a planning report writes them.

In Vietnamese text: ``3.000 tỷ đồng``, ``18,2%``, ``32% trở lên``, ``trên 105 người``,
``6 tháng đầu năm 2020``, ``giai đoạn 2016–2020``; in English: ``3,000 billion VND``,
``18.2%``, ``32% or more``, ``more than 105 people``, ``the first half of 2020``. The
words come from the language files (:mod:`dongson_analysis.l10n`); this module
only assembles them.
"""

from __future__ import annotations

import math

from .catalogue import Catalogue
from .l10n import Texts
from .periods import Period, parse_period


def rounded(value: float, whole: bool = False) -> float:
    """A value as a report states it: whole from 100, one decimal from 10, else two."""
    if whole or abs(value) >= 100:
        return float(round(value))
    return round(value, 1 if abs(value) >= 10 else 2)


def number(
    texts: Texts,
    value: float,
    whole: bool = False,
    exact: bool = False,
    decimals: int | None = None,
) -> str:
    """A number in the text's locale: ``exact`` keeps up to two decimals (targets as stated)."""
    if decimals is not None:
        return texts.number(value, decimals)
    return texts.number(value if exact else rounded(value, whole))


def lower_first(name: str) -> str:
    """A name as it reads mid-sentence: first letter lowered unless it starts an acronym (GDP
    stays).
    """
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def indicator_name(texts: Texts, catalogue: Catalogue, indicator: str, start: bool = False) -> str:
    """An indicator's name, capitalised to start a sentence, else as it reads mid-sentence."""
    name = catalogue[indicator].name(texts.language)
    return upper_first(name) if start else lower_first(name)


def unit_label(texts: Texts, catalogue: Catalogue, unit: str, count: float | None = None) -> str:
    return catalogue.unit_label(unit, texts.language, count)


def with_unit(
    texts: Texts, catalogue: Catalogue, amount: str, unit: str, count: float | None = None
) -> str:
    """A formatted amount with its unit: no space before a percent sign (``18,2%``)."""
    if unit == "year reached":
        return amount
    label = unit_label(texts, catalogue, unit, count)
    return f"{amount}{label}" if label.startswith("%") else f"{amount} {label}"


def value_text(
    texts: Texts,
    catalogue: Catalogue,
    value: float,
    unit: str,
    *,
    whole: bool = False,
    exact: bool = False,
    qualifier: str = "",
) -> str:
    """A value, unit and qualifier: ``3.000 tỷ đồng``, ``32% trở lên``, ``trên 105 người``"""
    if not math.isfinite(value):
        return texts("value.unknown")
    amount = number(texts, value, whole=whole, exact=exact)
    shown = float(value if exact else rounded(value, whole))
    text = with_unit(texts, catalogue, amount, unit, count=shown)
    if qualifier:
        text = texts(f"qualifier.{qualifier}", value=text)
    return text


def range_text(
    texts: Texts,
    catalogue: Catalogue,
    low: float,
    high: float,
    unit: str,
    whole: bool = False,
    exact: bool = False,
) -> str:
    """A range with its unit once: ``55,7–191 triệu đồng/người/năm``, ``1,5–2%``."""
    first = number(texts, low, whole=whole, exact=exact)
    return first + "–" + value_text(texts, catalogue, high, unit, whole=whole, exact=exact)


def target_text(
    texts: Texts,
    catalogue: Catalogue,
    indicator: str,
    value: float,
    high: float = math.nan,
    qualifier: str = "",
) -> str:
    """A target as stated: exact decimals, its qualifier, a range, or "none left" for a zero to
    eliminate.
    """
    ind = catalogue[indicator]
    whole = ind.spec.whole_numbers
    if ind.unit == "year reached":
        return texts("value.year", year=int(value))
    if value == 0 and ind.better == "lower" and not qualifier:
        return texts(
            "qualifier.none_left", value=value_text(texts, catalogue, 0, ind.unit, whole=True)
        )
    if not math.isnan(high):
        return range_text(texts, catalogue, value, high, ind.unit, whole, exact=True)
    return value_text(
        texts, catalogue, value, ind.unit, whole=whole, exact=True, qualifier=qualifier
    )


def change_text(
    texts: Texts,
    catalogue: Catalogue,
    value: float,
    rate_unit: str,
    unit: str = "",
    signed: bool = False,
) -> str:
    """An annual change: ``12,4%/năm``, ``2,46 điểm phần trăm/năm``, ``2 xã/năm`` (absolute unless
    ``signed``).
    """
    shown = rounded(value if signed else abs(value))
    amount = texts.number(shown)
    if signed and shown > 0:
        amount = "+" + amount
    if rate_unit == "percent":
        return texts("change.percent_per_year", value=amount)
    if rate_unit == "points":
        return texts("change.points_per_year", value=amount)
    return texts(
        "change.units_per_year",
        value=amount,
        unit=unit_label(texts, catalogue, unit, count=abs(shown)),
    )


def years_text(texts: Texts, years: list[int] | tuple[int, ...]) -> str:
    """Years as a list, runs of three or more written as a span: ``2015, 2018 và 2020``,
    ``2016–2020``.
    """
    years = sorted(set(int(y) for y in years))
    parts: list[str] = []
    i = 0
    while i < len(years):
        j = i
        while j + 1 < len(years) and years[j + 1] == years[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{years[i]}–{years[j]}")
        else:
            parts.extend(str(y) for y in years[i : j + 1])
        i = j + 1
    return texts.join(parts)


def _period(period: str | Period) -> Period:
    return period if isinstance(period, Period) else parse_period(str(period))


def period_label(texts: Texts, period: str | Period) -> str:
    """A period on its own: ``2020``, ``6 tháng đầu năm 2020``, ``2016–2020``."""
    p = _period(period)
    if p.type == "half_year":
        return texts(f"period.half_{p.half}", year=p.start)
    if p.type == "range":
        return f"{p.start}–{p.end}"
    return str(p.start)


def period_phrase(texts: Texts, period: str | Period) -> str:
    """A period in a sentence: ``năm 2020``, ``6 tháng đầu năm 2020``, ``giai đoạn 2016–2020``."""
    p = _period(period)
    if p.type == "half_year":
        return texts(f"period.in_half_{p.half}", year=p.start)
    if p.type == "range":
        return texts("period.in_range", first=p.start, last=p.end)
    return texts("period.in_year", year=p.start)


def percent_text(texts: Texts, value: float, decimals: int = 1) -> str:
    """A percentage: ``98,2%``."""
    return texts.number(round(value, decimals), decimals) + "%"


def probability_text(texts: Texts, probability: float) -> str:
    """A probability as reports state it: ``khoảng 58%``."""
    return texts("probability.with_percent", percent=texts.number(round(100 * probability)))


def excel_number_format(
    value: float, whole: bool = False, decimals: int | None = None, exact: bool = False
) -> str:
    """An Excel number format that shows ``value`` as the text does: ``#,##0`` or ``#,##0.0``.

    Excel applies the reader's locale to it, so a Vietnamese Excel shows ``3.000`` and ``18,2``.
    ``exact`` keeps up to two decimals (a figure as stated); otherwise the value as
    :func:`rounded` writes it.
    """
    if decimals is not None:
        return "#,##0" + ("." + "0" * decimals if decimals else "")
    shown = round(float(value), 2) if exact else rounded(value, whole)
    if whole or float(shown).is_integer():
        return "#,##0"
    places = len(repr(float(shown)).split(".")[1].rstrip("0"))
    return "#,##0." + "0" * min(places, 2)


def date_text(texts: Texts, iso: str) -> str:
    """A date given as ``2015-11-19``, ``2019-01`` or ``2015``, written the language's way
    (``19/11/2015``).
    """
    parts = iso.strip().split("-")
    if not all(p.isdigit() for p in parts) or not parts or len(parts) > 3:
        return iso
    key = ("date.year", "date.month", "date.day")[len(parts) - 1]
    return texts(
        key,
        year=parts[0],
        month=parts[1] if len(parts) > 1 else "",
        day=parts[2] if len(parts) > 2 else "",
    )
