"""Problems found in input files, located the way the planner finds them.

A problem in a CSV file reads ``file:row:column: message``; rows and columns
count from 1 as a spreadsheet shows them (comment lines at the top count as rows
too). A problem in a workbook cites its cell the way Excel does:
``nien_giam.xlsx[observations]!B5: message``. The wording comes from the
``validation`` section of the language files (:mod:`dongson_analysis.l10n`).
Warnings (plausibility) are problems of severity ``warning``: shown, never
silently applied, and refused only with ``--strict``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

from .l10n import texts_for

Severity = Literal["error", "warning"]


def column_letter(column: int) -> str:
    """Spreadsheet letter of a 1-based column number (1 -> A, 27 -> AA)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    """One problem in one cell, row or file.

    Attributes
    ----------
    file : str
        The file as the user named it (for a workbook: ``book.xlsx[sheet]``).
    row, column : int
        1-based position, as a spreadsheet shows it.
    code : str
        Stable identifier of the kind of problem (a key of the ``validation`` section).
    params : dict
        Values filled into the message.
    spreadsheet : bool
        The file is a workbook: the location is written as an Excel cell (``B5``).
    severity : {"error", "warning"}
        Errors stop the run; warnings are shown and the run goes on.
    """

    file: str
    row: int
    column: int
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)
    spreadsheet: bool = field(default=False, compare=False)
    severity: Severity = "error"

    @property
    def cell(self) -> str:
        """The cell as Excel names it (``B5``)."""
        return f"{column_letter(self.column)}{self.row}"

    def location(self) -> str:
        """``file:row:column``, or ``book.xlsx[sheet]!B5`` in a workbook."""
        if self.spreadsheet:
            return f"{self.file}!{self.cell}"
        return f"{self.file}:{self.row}:{self.column}"

    def message(self, lang: str = "vi") -> str:
        """The message in plain words, in ``lang``.

        A parameter that is a :class:`Phrase` is worded in ``lang`` too, and one that
        is a ``float`` is written the way ``lang`` writes numbers (``3.000``, ``18,2``).
        """
        texts = texts_for(lang)
        params = {k: _param(texts, v) for k, v in self.params.items()}
        return texts(f"validation.{self.code}", **params)

    def format(self, lang: str = "vi") -> str:
        """The location and the message (with the word for a warning in front of warnings)."""
        text = self.message(lang)
        if self.severity == "warning":
            text = texts_for(lang)("validation.warning_prefix") + text
        return f"{self.location()}: {text}"


def _param(texts: Any, value: Any) -> Any:
    if isinstance(value, Phrase):
        return texts(value.key, **value.params)
    if isinstance(value, float) and math.isfinite(value):
        short = float(f"{value:.10g}")  # 18.199999999999996 is 18.2
        decimals = (
            len(repr(short).split(".")[1]) if "." in repr(short) and "e" not in repr(short) else 0
        )
        return texts.number(short, decimals=0 if short.is_integer() else min(decimals, 6))
    return value


@dataclass(frozen=True)
class Phrase:
    """A parameter of a message that is itself a localised text (a hint, a list of choices)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


class ValidationError(ValueError):
    """Raised when input files have problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem], lang: str = "vi"):
        self.problems = problems
        self.lang = lang
        lines = [p.format(lang) for p in problems[:20]]
        more = len(problems) - len(lines)
        if more > 0:
            lines.append(texts_for(lang)("validation.more_problems", count=more))
        super().__init__("\n".join(lines))
