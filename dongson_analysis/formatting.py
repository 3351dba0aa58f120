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

#: The dimension (``units.csv``) of a unit whose values are calendar years.
YEAR_DIMENSION = "calendar_year"


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


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def roman_numeral(number: int) -> str:
    """``1`` → ``I`` (a part, a plan's group in a table); beyond the table, the number itself."""
    return ROMAN[number - 1] if 0 < number <= len(ROMAN) else str(number)


def lower_first(name: str) -> str:
    """A name as it reads mid-sentence: first letter lowered unless it starts an acronym (GDP
    stays).
    """
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def as_sentence(text: str) -> str:
    """``text`` as a sentence of its own: upper-case first letter, a full stop at the end (""
    stays "")."""
    text = text.strip()
    if not text:
        return ""
    return upper_first(text) + ("" if text[-1] in ".!?:" else ".")


def indicator_name(texts: Texts, catalogue: Catalogue, indicator: str, start: bool = False) -> str:
    """An indicator's name, capitalised to start a sentence, else as it reads mid-sentence."""
    name = catalogue[indicator].name(texts.language)
    return upper_first(name) if start else lower_first(name)


def unit_label(texts: Texts, catalogue: Catalogue, unit: str, count: float | None = None) -> str:
    return catalogue.unit_label(unit, texts.language, count)


def is_year_unit(catalogue: Catalogue, unit: str) -> bool:
    """Whether a unit's values are calendar years (a milestone's year reached), not amounts."""
    found = catalogue.units.get(unit)
    return found is not None and found.dimension == YEAR_DIMENSION


def with_unit(
    texts: Texts, catalogue: Catalogue, amount: str, unit: str, count: float | None = None
) -> str:
    """A formatted amount with its unit, spaced the language's way (``18,2%``, ``18,2 %``)."""
    if is_year_unit(catalogue, unit):
        return amount
    return texts.with_unit(amount, unit_label(texts, catalogue, unit, count))


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
    if ind.spec.values_are_years:
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
    return _per_year(texts, catalogue, texts.number(shown), shown, rate_unit, unit, signed)


def _per_year(
    texts: Texts,
    catalogue: Catalogue,
    amount: str,
    shown: float,
    rate_unit: str,
    unit: str,
    signed: bool,
) -> str:
    """A formatted yearly change with its unit (``+12,4%/năm``, ``2 xã/năm``)."""
    if signed and shown > 0:
        amount = "+" + amount
    elif signed and amount.startswith("-"):
        amount = "\u2212" + amount[1:]  # a true minus sign: a hyphen is lost or misread in print
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
    """A percentage: ``98,2%`` (``98,2 %`` in a language that spaces it)."""
    return texts.percent(texts.number(round(value, decimals), decimals))


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
    return texts.date(
        parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""
    )


def _decimals(precision: int) -> int:
    return max(int(precision), 0)


def stated_decimals(value: float, precision: int, most: int = 5) -> int:
    """The decimals that show a figure as stated: at least the catalogue's, more where the figure
    has them (``54,99999`` is never shown as ``55,0``).
    """
    d = _decimals(precision)
    while d < most and abs(round(value, d) - value) > 1e-9 * max(1.0, abs(value)):
        d += 1
    return d


def indicator_number(
    texts: Texts, catalogue: Catalogue, indicator: str, value: float, stated: bool = False
) -> str:
    """A value of an indicator at the indicator's catalogue precision (one precision per
    indicator in every table and sentence): ``107.000`` for tonnes to the hundred, ``92,7`` for
    money to one decimal, ``14`` for a count.

    Parameters
    ----------
    texts : Texts
        The language and number locale.
    catalogue : Catalogue
        The catalogue that holds the indicator's ``precision``.
    indicator : str
        The indicator's id.
    value : float
        The value.
    stated : bool
        A figure as a source states it: at least the catalogue's decimals, and never rounded
        away from what the source wrote (``54,99999``).

    Returns
    -------
    str
        The number alone (no unit); ``value.unknown`` for NaN.
    """
    if not math.isfinite(value):
        return texts("value.unknown")
    precision = catalogue[indicator].precision
    if stated:
        return texts.number(value, stated_decimals(value, precision))
    return texts.number(round(value, precision) + 0.0, _decimals(precision))


def indicator_amount(
    texts: Texts,
    catalogue: Catalogue,
    indicator: str,
    value: float,
    stated: bool = False,
    unit: str | None = None,
) -> str:
    """:func:`indicator_number` with the indicator's unit (``107.000 tấn``, ``năm 2018`` for a
    year reached).
    """
    ind = catalogue[indicator]
    if ind.spec.values_are_years:
        return texts("value.year", year=int(value))
    if not math.isfinite(value):
        return texts("value.unknown")
    amount = indicator_number(texts, catalogue, indicator, value, stated)
    shown = round(value, ind.precision)
    return with_unit(texts, catalogue, amount, unit or ind.unit, count=shown)


def rate_decimals(change_unit: str, precision: int) -> int:
    """Decimals of a rate of change: one for percent a year, one more than the indicator's for
    points a year (``0,75 điểm phần trăm/năm``), the indicator's for units a year.
    """
    if change_unit == "percent":
        return 1
    if change_unit == "points":
        return _decimals(precision) + 1
    return _decimals(precision)


def rate_text(
    texts: Texts,
    catalogue: Catalogue,
    indicator: str,
    value: float,
    change_unit: str,
    signed: bool = False,
) -> str:
    """A yearly change of an indicator at a fixed precision: ``19,7%/năm``, ``0,75 điểm phần
    trăm/năm``, ``2 xã/năm`` (absolute unless ``signed``).
    """
    ind = catalogue[indicator]
    d = rate_decimals(change_unit, ind.precision)
    shown = round(value if signed else abs(value), d) + 0.0
    return _per_year(texts, catalogue, texts.number(shown, d), shown, change_unit, ind.unit, signed)


def direction_of(catalogue: Catalogue, indicator: str, rate: float, change_unit: str) -> str:
    """``up``, ``down`` or ``flat``: flat where the rate, as :func:`rate_text` shows it, is 0."""
    shown = round(rate, rate_decimals(change_unit, catalogue[indicator].precision))
    return "flat" if shown == 0 else ("up" if rate > 0 else "down")


def percent_of_target_text(texts: Texts, percent: float, short: bool) -> str:
    """``102,9%`` of a target, with enough decimals that a figure short of its target never
    reads 100% ("" when even four decimals would: state the difference instead).
    """
    for d in range(1, 5):
        shown = round(percent, d)
        if not short or shown < 100:
            return percent_text(texts, percent, d)
    return ""
