"""Periods of observations: a year, a half-year or a multi-year range."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

YEAR_MIN, YEAR_MAX = 1990, 2035
PeriodType = Literal["year", "half_year", "range"]

_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})\s*[-/ ]?\s*[Hh]\s*([12])$")
_RANGE = re.compile(r"^(\d{4})\s*[-\u2010-\u2015\u2212~]\s*(\d{4})$")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


@dataclass(frozen=True, order=True)
class Period:
    """A period of time an observation refers to.

    Attributes
    ----------
    start, end : int
        First and last calendar year (equal for a year or a half-year).
    half : int
        0 for a whole year or range, 1 or 2 for a half-year.
    """

    start: int
    end: int
    half: int = 0

    @property
    def type(self) -> PeriodType:
        if self.half:
            return "half_year"
        return "year" if self.start == self.end else "range"

    @property
    def years(self) -> int:
        """Number of calendar years the period spans."""
        return self.end - self.start + 1

    def __str__(self) -> str:
        if self.half:
            return f"{self.start}H{self.half}"
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"


class PeriodError(ValueError):
    """A period text that cannot be read; ``code`` is ``bad_period``, ``period_reversed`` or
    ``year_out_of_range``.
    """

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


def parse_period(text: str | int | float) -> Period:
    """Read ``2019``, ``2020H1`` (also ``2020-H1``) or ``2016-2020``.

    Raises
    ------
    PeriodError
        ``bad_period`` for an unreadable text, ``period_reversed`` for a range
        that does not end after it starts; ``year_out_of_range`` for a year
        outside 1990–2035.
    """
    if isinstance(text, float):
        if not (text == text and abs(text) < 1e6 and text.is_integer()):
            raise PeriodError("bad_period", value=str(text))
        text = int(text)
    raw = _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(text))).strip()
    if m := _YEAR.match(raw):
        period = Period(int(m[1]), int(m[1]))
    elif m := _HALF.match(raw):
        period = Period(int(m[1]), int(m[1]), int(m[2]))
    elif m := _RANGE.match(raw):
        period = Period(int(m[1]), int(m[2]))
        if period.end <= period.start:
            raise PeriodError(
                "period_reversed",
                value=raw,
                fixed=f"{period.end}-{period.start}"
                if period.end < period.start
                else str(period.start),
            )
    else:
        raise PeriodError("bad_period", value=raw)
    for year in (period.start, period.end):
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise PeriodError("year_out_of_range", year=year, low=YEAR_MIN, high=YEAR_MAX)
    return period
