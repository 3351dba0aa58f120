"""Problems found in input files, reported as ``file:row:column: message``.

Rows and columns are counted from 1 as a spreadsheet shows them: row 1 is the
header row of a CSV file (comment lines at the top count as rows too), column 1 is
the first column. Messages come in Vietnamese and English from
``messages/validation.yml``, which non-programmers may edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

Language = Literal["vi", "en"]


@cache
def _messages() -> dict[str, dict[str, str]]:
    text = resources.files("dongson_analysis").joinpath("messages/validation.yml").read_text("utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True)
class Problem:
    """One problem in one cell, row or file.

    Attributes
    ----------
    file : str
        The file's path as the user gave it.
    row, column : int
        1-based position, as a spreadsheet shows it.
    code : str
        Stable identifier of the kind of problem (a key of ``validation.yml``).
    params : dict
        Values filled into the message.
    """

    file: str
    row: int
    column: int
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def message(self, lang: Language = "vi") -> str:
        """The message in plain words, in ``lang``."""
        template = _messages()[self.code][lang]
        return template.format(**self.params)

    def format(self, lang: Language = "vi") -> str:
        """``file:row:column: message``."""
        return f"{self.file}:{self.row}:{self.column}: {self.message(lang)}"


class ValidationError(ValueError):
    """Raised when input files have problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem], lang: Language = "en"):
        self.problems = problems
        lines = [p.format(lang) for p in problems[:20]]
        more = len(problems) - len(lines)
        if more > 0:
            lines.append(f"... and {more} more problem(s)")
        super().__init__("\n".join(lines))


def column_letter(column: int) -> str:
    """Spreadsheet letter of a 1-based column number (1 -> A, 27 -> AA)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
