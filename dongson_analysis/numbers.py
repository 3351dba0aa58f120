"""Reading and writing numbers the Vietnamese and the English way.

In Vietnamese text the decimal mark is a comma and thousands are grouped with a
dot: ``3.000`` is three thousand and ``18,2`` is eighteen point two. In English it
is the other way round. A text such as ``3.000`` or ``1,234`` can be read both ways;
it is never guessed: the file must declare its format, or other values in the
same file must show it unambiguously.
"""

from __future__ import annotations

import math
import re
from typing import Literal

from babel.numbers import format_decimal

NumberFormat = Literal["vi", "en"]
NUMBER_FORMATS: tuple[NumberFormat, ...] = ("vi", "en")

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    # plain digits with an optional decimal part, or grouped thousands
    "en": [re.compile(r"^[+-]?\d+(\.\d+)?$"), re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")],
    "vi": [re.compile(r"^[+-]?\d+(,\d+)?$"), re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")],
}
_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def readings(text: str) -> dict[NumberFormat, float]:
    """Every way ``text`` can be read as a number, by number format.

    >>> readings("3.000")
    {'vi': 3000.0, 'en': 3.0}
    >>> readings("18,2")
    {'vi': 18.2}
    >>> readings("52500")
    {'vi': 52500.0, 'en': 52500.0}
    """
    compact = _SPACES.sub("", text.strip())
    found: dict[NumberFormat, float] = {}
    for fmt in NUMBER_FORMATS:
        if any(p.match(compact) for p in _PATTERNS[fmt]):
            group, decimal = (".", ",") if fmt == "vi" else (",", ".")
            found[fmt] = float(compact.replace(group, "").replace(decimal, "."))
    return found


def evidence(text: str) -> NumberFormat | None:
    """The only format ``text`` can be read in, or None if it fits both or neither."""
    found = readings(text)
    return next(iter(found)) if len(found) == 1 else None


def parse_number(text: str, number_format: NumberFormat | None) -> float:
    """Parse ``text`` in the given format.

    With ``number_format=None`` the text must read as one number only: it fits
    one format only (``18,2``) or reads the same in both (``52500``).

    Raises
    ------
    ValueError
        ``"not_a_number"`` when the text is no number in the allowed formats,
        ``"ambiguous_number"`` when it reads as two different numbers and no
        format is given.
    """
    found = readings(text)
    if number_format is not None:
        if number_format not in found:
            raise ValueError("number_format_mismatch" if found else "not_a_number")
        return found[number_format]
    if not found:
        raise ValueError("not_a_number")
    if len(set(found.values())) > 1:
        raise ValueError("ambiguous_number")
    return next(iter(found.values()))


def format_number(value: float, lang: NumberFormat = "vi", decimals: int | None = None) -> str:
    """Format ``value`` for text in ``lang``: ``3.000`` and ``18,2`` in Vietnamese.

    Parameters
    ----------
    value : float
        The number.
    lang : {"vi", "en"}
        Language of the surrounding text.
    decimals : int, optional
        Fixed number of decimals. By default whole numbers get none and other
        numbers at most two, with trailing zeros dropped.
    """
    if not math.isfinite(value):
        raise ValueError(f"cannot format {value!r}")
    if decimals is None:
        pattern = "#,##0" if float(value).is_integer() else "#,##0.##"
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = format_decimal(value, format=pattern, locale=_LOCALES[lang])
    return "0" if text in ("-0", "−0") else text
