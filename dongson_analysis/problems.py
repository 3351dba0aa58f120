"""Problems found in input files, located the way the planner finds them.

A problem is data: where it is (file, row, column), a stable ``code`` and the
``params`` its message is filled with. Words are chosen at the edge: the command
line and the notebooks call :func:`problem_line` (or :func:`problem_message`) with
their :class:`~dongson_analysis.l10n.Texts`, which look the code up in the
``validation`` section of the language files.

A problem in a CSV file reads ``file:row:column: message``; rows and columns
count from 1 as a spreadsheet shows them (comment lines at the top count as rows
too). A problem in a workbook cites its cell the way Excel does:
``nien_giam.xlsx[observations]!B5: message``. Warnings (plausibility) are problems
of severity ``warning``: shown, never silently applied, and refused only with
``--strict``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .l10n import Texts

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
    """One problem in one cell, row or file: where it is, its code and its values; no words.

    Attributes
    ----------
    file : str
        The file as the user named it (for a workbook: ``book.xlsx[sheet]``).
    row, column : int
        1-based position, as a spreadsheet shows it.
    code : str
        Stable identifier of the kind of problem (a key of the ``validation`` section).
    params : dict
        Values filled into the message (a :class:`Phrase` is itself worded; a ``float``
        is written the way the message's language writes numbers).
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

    def format(self, texts: Texts | str) -> str:
        """Convenience for :func:`problem_line` ``(self, texts)``."""
        return problem_line(self, texts)

    def __str__(self) -> str:
        """The location, the code and the values (language-neutral; see :func:`problem_line`)."""
        values = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.location()}: {self.severity} {self.code}" + (
            f" ({values})" if values else ""
        )


def _texts(texts: Texts | str) -> Texts:
    if isinstance(texts, str):
        from .l10n import texts_for

        return texts_for(texts)
    return texts


def problem_message(problem: Problem, texts: Texts | str) -> str:
    """The problem's message in plain words, in the language of ``texts``.

    Parameters
    ----------
    problem : Problem
        The problem.
    texts : Texts or str
        The words of the message's language (a :class:`~dongson_analysis.l10n.Texts`,
        or a language code for a :func:`~dongson_analysis.l10n.texts_for` of its own).

    Returns
    -------
    str
        The ``validation.<code>`` text with the problem's values filled in: a
        :class:`Phrase` worded in the same language, a ``float`` written the way the
        number locale writes numbers (``3.000``, ``18,2``).
    """
    texts = _texts(texts)
    params = {k: _param(texts, v) for k, v in problem.params.items()}
    return texts(f"validation.{problem.code}", **params)


def problem_line(problem: Problem, texts: Texts | str) -> str:
    """The location and the message, with the word for a warning in front of a warning.

    Parameters
    ----------
    problem : Problem
        The problem.
    texts : Texts or str
        See :func:`problem_message`.

    Returns
    -------
    str
        ``file:row:column: message`` (``book.xlsx[sheet]!B5: message`` in a workbook).
    """
    texts = _texts(texts)
    text = problem_message(problem, texts)
    if problem.severity == "warning":
        text = texts("validation.warning_prefix") + text
    return f"{problem.location()}: {text}"


def _param(texts: Texts, value: Any) -> Any:
    if isinstance(value, Phrase):
        return texts(value.key, **{k: _param(texts, v) for k, v in value.params.items()})
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


#: How many problems a :class:`ValidationError`'s own text lists.
SHOWN_PROBLEMS = 20


class ValidationError(ValueError):
    """Raised when input files have problems; ``problems`` lists every one of them.

    The error is data, like its problems: ``str(err)`` gives their locations and codes;
    the edge words them with :func:`problem_line`. ``lang`` is kept for callers that
    word them later in the run's language.

    Parameters
    ----------
    problems : list of Problem
        Every problem found, in file and row order.
    lang : str
        The language the caller will word them in.
    """

    def __init__(self, problems: list[Problem], lang: str = "vi"):
        self.problems = problems
        self.lang = lang
        lines = [str(p) for p in problems[:SHOWN_PROBLEMS]]
        more = len(problems) - len(lines)
        if more > 0:
            lines.append(f"... {more} more")
        super().__init__("\n".join(lines))
