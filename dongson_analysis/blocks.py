"""The building blocks of a document: headings, paragraphs, lists, tables, figures, and the parts
of a state paper (letterhead, form heading, office-only passages, signature).

Chapters (:mod:`dongson_analysis.chapters`) return lists of blocks; renderers turn
the same blocks into notebook outputs, HTML pages, Word documents and Excel
sheets (:mod:`dongson_analysis.publish`). A :class:`Table` keeps each cell's value
(a number stays a number, for Excel) beside its text as the language writes it.

Every section is built in one :class:`Edition`: the analysis, the words of one
language and the document being written (the report, or the working notes).
Headings are numbered, and cross-references (:func:`ref`) resolved, when a
document is assembled; renderers only render.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from matplotlib.figure import Figure as MplFigure

from . import formatting
from .formatting import excel_number_format, indicator_name, unit_label

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Analysis
    from .l10n import Texts


@dataclass(frozen=True)
class Heading:
    """A heading; ``number`` (``I.``, ``2.``, ``1.3.``) is given from its position when the
    document is assembled, unless ``numbered`` is False.
    """

    text: str
    level: int = 2
    numbered: bool = True
    number: str = ""
    anchor: str = ""  # a name other texts refer to it by (``ref(anchor)``)

    @property
    def label(self) -> str:
        """The heading as shown: its number, then its text."""
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text; ``align`` ``"centre"`` for a line such as a subject line."""

    text: str
    align: Literal["justify", "centre", "right"] = "justify"
    italic: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Links:
    """A list of links (href, label), such as an index of pages."""

    items: tuple[tuple[str, str], ...]
    numbered: bool = False


@dataclass(frozen=True)
class Column:
    """A table column: a header label; ``number`` columns are right-aligned.

    ``workbook_only`` columns (the low and high variants of a proposed target, the high
    end of a range) are written to the workbook and left out of printed tables.
    """

    label: str
    kind: Literal["text", "number"] = "text"
    width: float = 12.0  # in characters, for Excel and Word
    workbook_only: bool = False


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


def group_row(text: str, width: int) -> Row:
    """A section heading inside a table of ``width`` columns (the text in the first cell)."""
    return Row((Cell(text),) + tuple(Cell("") for _ in range(width - 1)), group=True)


@dataclass(frozen=True)
class Table:
    """A table with a caption and notes under it."""

    key: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()

    def printed(self) -> Table:
        """The table as printed (Word, HTML): without the workbook-only columns."""
        return self.keeping([i for i, c in enumerate(self.columns) if not c.workbook_only])

    def keeping(self, keep: list[int]) -> Table:
        """The table with only the columns at positions ``keep`` (group rows stay whole)."""
        if len(keep) == len(self.columns):
            return self
        return Table(
            self.key,
            self.caption,
            tuple(self.columns[i] for i in keep),
            tuple(
                r if r.group else Row(tuple(r.cells[i] for i in keep), r.group) for r in self.rows
            ),
            self.notes,
        )

    def needs(self, padding: float = 2.0, slash_breaks: bool = True) -> list[float]:
        """Each column's least width, in characters: its longest word (header or cell) plus
        ``padding``. With ``slash_breaks`` a line may break after a slash between words.
        """
        need = [longest_word(c.label, slash_breaks) + padding for c in self.columns]
        for row in self.rows:
            if not row.group:
                need = [
                    max(n, longest_word(cell.text, slash_breaks) + padding)
                    for n, cell in zip(need, row.cells)
                ]
        return need

    def fitted_widths(
        self,
        capacity: float,
        padding: float = 2.0,
        slash_breaks: bool = True,
        need: list[float] | None = None,
    ) -> list[float]:
        """Column widths, in characters, filling ``capacity`` in the declared proportions, but with
        every column at least as wide as its longest word (plus ``padding``), so that no word of a
        header or a cell is broken inside. With ``slash_breaks`` a line may break after a slash
        between words (``long_unit/năm``: HTML's ``<wbr>``); without, a unit such as
        ``đồng/người/năm`` counts as one word (Word, where nothing is inserted into the text).
        If even the longest words do not fit, the widths are those needs scaled to ``capacity``.
        ``need`` gives the least widths instead (a renderer where numbers never wrap).
        """
        need = self.needs(padding, slash_breaks) if need is None else list(need)
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

    def text_first_widths(self, capacity: float, padding: float, slashes: bool) -> list[float]:
        """Column widths in characters for a table whose text matters more than its numbers.

        A number column is as wide as its longest word (header or cell), number columns declared
        alike (the years) equally wide; the text columns share the rest in their declared
        proportions, so that names and judgements wrap to few lines and a form's rows stay low.

        Parameters
        ----------
        capacity : float
            The width available, in characters.
        padding : float
            Added to each column's longest word.
        slashes : bool
            Whether a line may break after a slash between words (see :meth:`needs`).

        Returns
        -------
        list of float
            One width per column; :meth:`fitted_widths` where even the least widths leave the
            text columns no room.
        """
        need = self.needs(padding, slash_breaks=slashes)
        numbers = [i for i, c in enumerate(self.columns) if c.kind == "number"]
        for i in numbers:  # columns of one kind (the years) equally wide: their headers wrap alike
            alike = [k for k in numbers if self.columns[k].width == self.columns[i].width]
            need[i] = max(need[k] for k in alike)
        text = [i for i in range(len(self.columns)) if i not in numbers]
        free = capacity - sum(need[i] for i in numbers)
        if not text or free <= sum(need[i] for i in text):
            return self.fitted_widths(capacity, padding=padding, slash_breaks=slashes)
        share = sum(self.columns[i].width for i in text)
        widths = list(need)
        held: set[int] = set()
        while True:  # text columns in proportion, none below its longest word
            free_now = free - sum(need[i] for i in held)
            share_now = share - sum(self.columns[i].width for i in held)
            for i in text:
                if i not in held:
                    widths[i] = free_now * self.columns[i].width / share_now
            short = {i for i in text if i not in held and widths[i] < need[i]}
            if not short:
                return widths
            held |= short
            for i in short:
                widths[i] = need[i]


#: A slash between two words (``người/năm``), after which a line may break; not one in a date
#: (``27/01/2021``).
WORD_SLASH = re.compile(r"(?<=[^\d\s])/(?=[^\d\s])")
#: A web address in running text or a cell.
URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")


def slash_breaks(text: str, mark: str) -> str:
    """``text`` with ``mark`` (HTML's ``<wbr>``) after each slash between two words."""
    return WORD_SLASH.sub("/" + mark, text)


def longest_word(text: str, slash_breaks_allowed: bool = True) -> int:
    """Characters of the longest piece of ``text`` that a line cannot break (at spaces, or after a
    word slash when ``slash_breaks_allowed``). A web address may break anywhere (it is a link,
    never read aloud), so it counts as short.
    """
    text = URL.sub("", text)
    pieces = (slash_breaks(text, " ") if slash_breaks_allowed else text).split()
    return max((len(piece) for piece in pieces), default=0)


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


@dataclass(frozen=True)
class Draft:
    """A passage only the office can write (causes, lessons, tasks and solutions): what to write
    and the evidence from the analysis that bears on it. Renderers mark it plainly (a yellow
    highlight in Word, a box on a page) so that nobody files it by mistake; sections leave it
    out when the settings say the office has written these passages (``draft_marks=False``).
    """

    label: str
    prompt: str
    evidence: tuple[str, ...] = ()
    #: The line above the evidence ("" for the usual "Số liệu liên quan:").
    evidence_label: str = ""


@dataclass(frozen=True)
class Letterhead:
    """The top of a state paper (Nghị định 30/2020/NĐ-CP): the body above the issuing office and
    the office itself on the left, the country's name and motto on the right, then the
    document's number and its place and date; the kind of paper (``BÁO CÁO``) and its subject.
    """

    authority: str
    office: str
    country: str
    motto: str
    number: str
    place_date: str
    kind: str
    subject: str


@dataclass(frozen=True)
class FormHead:
    """The heading of a form attached to a report (``Biểu số 01``): the body that issues it, the
    form's number, its title, the line that ties it to the report, and the unit note.
    """

    authority: str
    office: str
    form: str
    title: str
    attached: str
    unit_note: str


@dataclass(frozen=True)
class Signature:
    """The end of a state paper: the recipients on the left; the signer's title, room to sign and
    a line for the name on the right.
    """

    recipients_label: str
    recipients: tuple[str, ...]
    signer: str
    name_line: str


Block = (
    Heading
    | Paragraph
    | Bullets
    | Links
    | Table
    | Figure
    | Interactive
    | Draft
    | Letterhead
    | FormHead
    | Signature
)


# -- cross-references --------------------------------------------------------------------------

_REF = re.compile("\ue000([a-z_]+)\ue001")


def ref(target: str) -> str:
    """A placeholder for a cross-reference to a chapter or a document (``methods``, ``notes``),
    replaced by its label ("chương 6", "tài liệu làm việc") when the document is assembled.
    """
    return f"\ue000{target}\ue001"


def resolve_text(text: str, labels: dict[str, str]) -> str:
    """``text`` with every :func:`ref` placeholder replaced by its label.

    Raises
    ------
    KeyError
        For a placeholder whose target is not in ``labels`` (a reference to nothing).
    """

    def label(match: re.Match) -> str:
        target = match.group(1)
        if target not in labels:
            raise KeyError(f"a reference to {target!r}, which no document holds")
        return labels[target]

    return _REF.sub(label, text)


def resolve_block(block: Block, labels: dict[str, str]) -> Block:
    """A block with its cross-references resolved (texts, cells, captions, notes)."""
    from dataclasses import fields, replace

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return resolve_text(value, labels) if "\ue000" in value else value
        if isinstance(value, tuple):
            return tuple(fix(v) for v in value)
        if isinstance(value, (Cell, Row, Column)):
            return replace(value, **{f.name: fix(getattr(value, f.name)) for f in fields(value)})
        return value

    if isinstance(block, (Figure, Interactive)):
        if isinstance(block, Interactive):
            return replace(
                block,
                static=tuple(resolve_block(b, labels) for b in block.static),
                intro=tuple(resolve_block(b, labels) for b in block.intro),
            )
        return replace(block, caption=fix(block.caption), alt=fix(block.alt))
    return replace(block, **{f.name: fix(getattr(block, f.name)) for f in fields(block)})


# -- the edition a section is built in ---------------------------------------------------------


#: The day the 2025 reform of local government took effect: the district tier ended and a
#: commune's People's Committee gained its own offices (phòng).
REFORM_DATE = (2025, 7, 1)


#: Texts that speak of the next plan as the area's own, and the text each becomes in the
#: documents of an area that ceased before the next plan starts (they review only; the next
#: plan belongs to its successors): ``look_b.no_next_plan.<key with _ for .>``.
NEXT_PLAN_TEXTS = (
    "publish.subtitle",
    "publish.running",
    "report.letterhead.subject",
    "report.opening.purpose",
    "report.opening.guidance_prompt",
    "report.bieu.heading",
    "report.bieu.note_markers",
    "report.bieu.group_other",
    "chapters.plan.title",
    "chapters.plan.recommendations_prompt",
    "chapters.annex.title",
    "chapters.proposals.title",
)


@dataclass(frozen=True)
class Edition:
    """What every section is built from: the analysis, the words of one language, and the
    document being written (``"report"``, the report to file, or ``"notes"``, the working
    notes).

    Calling an edition looks a text up (``ed("chapters.record.title", **ed.params)``).
    """

    analysis: Analysis
    texts: Texts
    document: str = "report"

    def __call__(self, key: str, /, **params: Any) -> str:
        if key in NEXT_PLAN_TEXTS and not self.plans_next:
            key = "look_b.no_next_plan." + key.replace(".", "_")
        return self.texts(key, **params)

    @property
    def plans_next(self) -> bool:
        """The area still exists when the next plan starts, so its documents propose that plan
        (False for an area that ceased before it: :attr:`~dongson_analysis.analysis.
        Succession.ceased_before_plan`).
        """
        s = self.analysis.succession
        return s is None or not s.ceased_before_plan

    @property
    def settings(self):
        return self.analysis.settings

    @property
    def catalogue(self):
        return self.analysis.catalogue

    @property
    def language(self) -> str:
        return self.texts.language

    @cached_property
    def level(self) -> str:
        """The level of the edition's area (``huyen``, ``xa``, ``tinh`` …), from the catalogue."""
        try:
            return self.catalogue.area(self.settings.area).level
        except KeyError:
            raise KeyError(
                f"area {self.settings.area!r} is not in the catalogue's areas.csv; add it with "
                "its level"
            ) from None

    @property
    def tier(self) -> str:
        """The tier of the area's level (``province``, ``district``, ``commune``)."""
        from .areas import LEVELS

        return LEVELS[self.level].tier

    @cached_property
    def era(self) -> str:
        """``before_reform`` for a report dated before the 1 July 2025 reform (when a commune
        had no phòng and issued its report as its People's Committee), else ``current``.
        """
        s = self.settings
        # the report's date where the settings give it, else the review's last year (a
        # five-year review is written in its last year or the one before)
        parts = [int(x) for x in str(s.report_date or s.term_years[1]).split("-")[:3]]
        start = tuple(parts + [1] * (3 - len(parts)))
        return "before_reform" if start < REFORM_DATE else "current"

    def _level_key(self, key: str) -> str:
        """The key of a level word: the era's own word where the level has one."""
        level = self.texts.raw(f"levels.{self.level}")
        era = level.get(self.era) if isinstance(level, dict) else None
        if isinstance(era, dict) and key in era:
            return f"levels.{self.level}.{self.era}.{key}"
        return f"levels.{self.level}.{key}"

    def has_unit_word(self, key: str) -> bool:
        """Whether the area's level (in the report's era) has a word ``key``."""
        try:
            self.texts.raw(self._level_key(key))
        except KeyError:
            return False
        return True

    def unit_word(self, key: str, upper: bool = False) -> str:
        """A word of the ``levels`` section for the area's level and the report's era
        (``unit``, ``named``, ``committee``, ``office`` …), with the area's name and its
        parent's filled in (upper-cased where the word is, as in ``UBND HUYỆN ĐÔNG SƠN``).
        """
        name = self.settings.area_name
        key = self._level_key(key)
        template = self.texts.raw(key)
        shout = upper or (
            isinstance(template, str)
            and template.replace("{name}", "").replace("{parent}", "").isupper()
        )
        return self.texts(key, name=name.upper() if shout else name, parent=self.parent_name)

    @cached_property
    def parent_name(self) -> str:
        """The area's parent as its own level names it (``huyện Đông Sơn``; "" for none)."""
        cat = self.catalogue
        parent = cat.area(self.settings.area).parent
        if not parent:
            return ""
        try:
            area = cat.area(parent)
        except KeyError:
            return ""
        return self.texts(f"levels.{area.level}.named", name=area.name(self.language))

    @cached_property
    def params(self) -> dict[str, Any]:
        """The values every chapter text may use: the area's name and words of its level, and
        the years of the period under review and of the next plan.
        """
        s = self.settings
        first, last = s.term_years
        next_first, next_last = s.next_term_years
        return {
            "area_name": s.area_name,
            "area": self.unit_word("named"),
            "unit": self.unit_word("unit"),
            "whole": self.unit_word("whole"),
            "council": self.unit_word("council"),
            "first": first,
            "last": last,
            "base_year": s.base_year,
            "next_first": next_first,
            "next_last": next_last,
        }

    def _office_passage(self, prompt_key: str) -> list[Block]:
        """The office's own text where the draft has its box (the final copy), one paragraph
        per block of lines; nothing for an optional passage left out.

        Raises
        ------
        OfficeTextMissing
            For a passage the final copy needs and the office has not written.
        """
        from .settings import OPTIONAL_PASSAGES, OfficeTextMissing

        name = prompt_key.rsplit(".", 1)[-1].removesuffix("_prompt")
        text = dict(self.settings.office_text).get(name, "")
        if not text:
            if name in OPTIONAL_PASSAGES:
                return []
            raise OfficeTextMissing((name,))
        return [Paragraph(" ".join(p.split())) for p in re.split(r"\n\s*\n", text) if p.strip()]

    def draft(
        self,
        prompt_key: str,
        evidence: list[str] | tuple[str, ...] = (),
        evidence_key: str = "",
    ) -> list[Block]:
        """An office-only passage (:class:`Draft`), or, in the final copy (``settings.draft_marks``
        False), the office's own text for it (``settings.office_text``); ``evidence_key`` names
        the line above the evidence when it is not the usual one.
        """
        if not self.settings.draft_marks:
            return self._office_passage(prompt_key)
        return [
            Draft(
                self.unit_word("draft_label")
                if self.has_unit_word("draft_label")
                else self("report.draft.label"),
                self(prompt_key, **self.params),
                tuple(e for e in evidence if e),
                self(evidence_key) if evidence_key else "",
            )
        ]


# -- cells: numbers as the documents write them ------------------------------------------------


def indicator_number(ed: Edition, indicator: str, value: float, stated: bool = False) -> str:
    """A figure of ``indicator`` written with the indicator's one precision: its catalogue
    ``precision`` in decimals (``43,5`` for income). A negative precision rounds a computed value
    to tens or hundreds (a projected ``56.200`` tấn) but never a ``stated`` figure of the record
    (``54.003`` tấn stays as published: no decimals either way).

    A computed value is written by the text layer's
    :func:`~dongson_analysis.formatting.indicator_number`.
    """
    if not stated:
        return formatting.indicator_number(ed.texts, ed.catalogue, indicator, value)
    places = max(int(ed.catalogue[indicator].precision), 0)
    return ed.texts.number(round(float(value), places), places)


def name_cell(ed: Edition, indicator: str) -> Cell:
    """An indicator's name as a table writes it (capitalised)."""
    return Cell(indicator_name(ed.texts, ed.catalogue, indicator, start=True))


def unit_cell(ed: Edition, indicator: str) -> Cell:
    """An indicator's catalogue unit as the language writes it."""
    return Cell(unit_label(ed.texts, ed.catalogue, ed.catalogue[indicator].unit))


def indicator_cell(
    ed: Edition, indicator: str, value: float, suffix: str = "", stated: bool = False
) -> Cell:
    """A figure of ``indicator`` as a cell (see :func:`indicator_number`): its text at the
    indicator's precision, its value as shown and the matching number format for Excel.
    """
    if value is None or not math.isfinite(value):
        return Cell("")
    precision = int(ed.catalogue[indicator].precision)
    shown = round(float(value), max(precision, 0) if stated else precision)
    text = indicator_number(ed, indicator, value, stated) + suffix
    fmt = excel_number_format(shown, decimals=max(precision, 0)) + (f'"{suffix}"' if suffix else "")
    return Cell(text, float(shown), fmt)


def number_cell(ed: Edition, value: float, decimals: int = 0, suffix: str = "") -> Cell:
    """A number that is no indicator's figure (a count, a score, a percentage) with ``decimals``
    decimals: its text as the language writes it, its value and number format for Excel.
    """
    if value is None or not math.isfinite(value):
        return Cell("")
    shown = round(float(value), decimals)
    text = ed.texts.number(shown, decimals) + suffix
    fmt = excel_number_format(shown, decimals=decimals) + (f'"{suffix}"' if suffix else "")
    return Cell(text, float(shown), fmt)


def percent_cell(ed: Edition, value: float) -> Cell:
    """A percentage with one decimal, never rounded onto 100,0 from either side (99,96% of a
    target is ``99,9``, not ``100,0`` beside "không đạt").
    """
    if value is None or not math.isfinite(value):
        return Cell("")
    shown = round(float(value), 1)
    if shown == 100 and value < 100:
        shown = math.floor(value * 10) / 10
    elif shown == 100 and value > 100:
        shown = math.ceil(value * 10) / 10
    return Cell(ed.texts.number(shown, 1), shown, "0.0")


def probability_cell(ed: Edition, probability: float) -> Cell:
    """A probability in whole percent (``80``)."""
    if probability is None or not math.isfinite(probability):
        return Cell("")
    shown = float(round(100 * probability))
    return Cell(ed.texts.number(shown, 0), shown, "0")


def period_cell(label: str) -> Cell:
    """A period as a cell: a single year as the whole number it is (Excel shows no "number
    stored as text" warning), any other period (``2016–2020``, ``6 tháng đầu năm 2020``) as text.
    """
    return year_cell(int(label)) if label.isdigit() else Cell(label)


def date_cell(text: str, iso: str) -> Cell:
    """A date as a cell: ``text`` as the documents write it, and for Excel a real date (a day
    or a month: a date serial with a ``dd/mm/yyyy`` or ``mm/yyyy`` format) or a year (a whole
    number), never text of mixed precision.
    """
    import datetime as dt

    parts = [int(p) for p in str(iso).split("-") if p.isdigit()]
    if len(parts) == 1:
        return year_cell(parts[0])
    if len(parts) not in (2, 3):
        return Cell(text)
    day = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    serial = float((day - dt.date(1899, 12, 30)).days)
    return Cell(text, serial, "dd/mm/yyyy" if len(parts) == 3 else "mm/yyyy")


def year_cell(year: int | float | None) -> Cell:
    """A year: a whole number without a thousands separator (``2018``), in text and in Excel."""
    if year is None or (isinstance(year, float) and not math.isfinite(year)):
        return Cell("")
    return Cell(str(int(year)), float(int(year)), "0")
