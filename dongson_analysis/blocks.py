"""The building blocks of a chapter: headings, paragraphs, lists, tables, figures.

Chapters (:mod:`dongson_analysis.chapters`) return lists of blocks; renderers turn
the same blocks into notebook outputs, HTML pages, Word documents and Excel
sheets (:mod:`dongson_analysis.publish`). A :class:`Table` keeps each cell's value
(a number stays a number, for Excel) beside its text as the language writes it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Callable, Literal, Union

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
    """A widget for JupyterLab; static pages show ``static`` blocks and a pointer to JupyterLab instead."""

    build: Callable[[], object] = field(compare=False, repr=False)
    static: tuple["Block", ...] = ()


Block = Union[Heading, Paragraph, Bullets, Table, Figure, Interactive]
