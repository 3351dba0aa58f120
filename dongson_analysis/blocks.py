"""The building blocks of a chapter: headings, paragraphs, lists, tables, figures.

Chapters (:mod:`dongson_analysis.chapters`) return lists of blocks; renderers turn
the same blocks into notebook outputs, HTML pages, Word documents and Excel
sheets (:mod:`dongson_analysis.publish`). A :class:`Table` keeps each cell's value
(a number stays a number, for Excel) beside its text as the language writes it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from matplotlib.figure import Figure as MplFigure


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    emphasis: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """A table column: a header label; ``number`` columns are right-aligned."""

    label: str
    kind: Literal["text", "number"] = "text"
    width: float = 12.0  # in characters, for Excel and Word


@dataclass(frozen=True)
class Cell:
    """A cell's text as shown, and its value for Excel (a number with a number format, or None).

    ``quoted`` marks text taken from the data as it was given (a publisher's name, a
    quotation), which is shown in its own language.
    """

    text: str
    value: float | None = None
    number_format: str = ""
    quoted: bool = False


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    group: bool = False  # a section heading inside the table, spanning every column


@dataclass(frozen=True)
class Table:
    """A table with a caption and notes under it."""

    key: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()

    def fitted_widths(self, capacity: float, padding: float = 2.0) -> list[float]:
        """Column widths, in characters, filling ``capacity`` in the declared proportions, but with
        every column at least as wide as its longest word (plus ``padding``), so that no word of a
        header or a cell is broken inside. Renderers break lines after a slash (``long_unit/năm``).
        If even the longest words do not fit, the widths are those needs scaled to ``capacity``.
        """
        need = [longest_word(column.label) + padding for column in self.columns]
        for row in self.rows:
            if not row.group:
                need = [
                    max(n, longest_word(cell.text) + padding) for n, cell in zip(need, row.cells)
                ]
        declared = [column.width for column in self.columns]
        if sum(need) >= capacity:
            return [capacity * n / sum(need) for n in need]
        widths = [0.0] * len(declared)
        held: set[int] = set()  # columns held at their need
        while True:
            free = capacity - sum(need[i] for i in held)
            share = sum(d for i, d in enumerate(declared) if i not in held)
            widths = [need[i] if i in held else free * d / share for i, d in enumerate(declared)]
            short = {i for i, w in enumerate(widths) if i not in held and w < need[i]}
            if not short:
                return widths
            held |= short


#: A slash between two words (``người/năm``), after which a line may break; not one in a date
#: (``27/01/2021``).
WORD_SLASH = re.compile(r"(?<=[^\d\s])/(?=[^\d\s])")


def slash_breaks(text: str, mark: str) -> str:
    """``text`` with ``mark`` (``<wbr>``, a zero-width space) after each slash between two words."""
    return WORD_SLASH.sub("/" + mark, text)


def longest_word(text: str) -> int:
    """Characters of the longest piece of ``text`` that a line cannot break (at spaces, or after a
    word slash).
    """
    return max((len(piece) for piece in slash_breaks(text, " ").split()), default=0)


@dataclass(frozen=True)
class Figure:
    """A chart: drawn on demand (once per rendering run), with a caption and a text alternative."""

    key: str
    caption: str
    draw: Callable[[], MplFigure] = field(compare=False, repr=False)
    alt: str = ""

    def png(self) -> bytes:
        """The chart as PNG bytes (fixed size and resolution, no software stamp)."""
        fig = self.draw()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()


@dataclass(frozen=True)
class Interactive:
    """A widget for JupyterLab; static pages show ``static`` blocks and a pointer to JupyterLab
    instead.

    ``intro`` (how to use the widget) is shown in the notebooks only: a page that cannot be changed
    gives no instructions.
    """

    build: Callable[[], object] = field(compare=False, repr=False)
    static: tuple[Block, ...] = ()
    intro: tuple[Block, ...] = ()


Block = Heading | Paragraph | Bullets | Table | Figure | Interactive
