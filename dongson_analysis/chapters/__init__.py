"""The two documents an office gets from one analysis, as chapters of sections.

- **The report** (báo cáo), to file: the opening and Phần I (the results of the plan under
  review), Phần II (the next plan's direction, targets and recommendations, then the
  signature), and Biểu 01 attached after the signature.
- **The working notes** (phụ lục kỹ thuật), the office's own: the data and their sources, how
  the indicators moved, every target judged in detail, the projections and scenarios, the
  proposals in detail, the method and its benchmark.

:data:`DOCUMENTS` lists them in order and :data:`CHAPTERS` every chapter of both (the
notebooks' order). A chapter is a module with ``KEY`` (its words in the ``chapters``
section of the language files), ``NAME`` (its file name without the number) and
``SECTIONS`` (name → function of an :class:`~dongson_analysis.blocks.Edition` giving
blocks). Chapter, section and heading numbers come from their position here, never from a
text; cross-references (:func:`~dongson_analysis.blocks.ref`) are resolved when a document
is assembled (:func:`assemble`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from types import ModuleType

from ..analysis import Analysis
from ..blocks import Block, Edition, Heading, Interactive, resolve_block, resolve_text
from ..formatting import roman_numeral as roman
from ..l10n import Texts
from ..settings import OfficeTextMissing
from . import annex, methods, plan, projections, proposals, record, results, targets_detail, trends

Section = Callable[[Edition], list[Block]]


@dataclass(frozen=True)
class Document:
    """One document: its key (``report`` or ``notes``), its chapters' modules, and how its
    headings are numbered (``official``: Phần I, then I., 1., a); ``decimal``: 1., 1.1.).
    """

    key: str
    modules: tuple[ModuleType, ...]
    numbering: str

    @property
    def chapters(self) -> tuple[Chapter, ...]:
        return tuple(ch for ch in CHAPTERS if ch.document == self.key)


@dataclass(frozen=True)
class Chapter:
    """One chapter: its document, its position among every chapter (the file name's number)
    and within its document, and the module holding its sections.
    """

    document: str
    position: int
    number: int
    module: ModuleType

    @property
    def key(self) -> str:
        return self.module.KEY

    @property
    def slug(self) -> str:
        """The file name of its page and notebook: ``04_so_lieu``."""
        return f"{self.position:02d}_{self.module.NAME}"

    @property
    def kind(self) -> str:
        """``part`` (a numbered part of the report), ``annex`` (a form after the signature) or
        ``chapter`` (a chapter of the working notes).
        """
        return getattr(self.module, "KIND", "chapter")

    @property
    def sections(self) -> dict[str, Callable[[Analysis, Texts], list[Block]]]:
        """Every section as a function of ``(analysis, texts)`` (the notebooks call these)."""
        return {name: self.section(name) for name in self.module.SECTIONS}

    def section(self, name: str) -> Callable[[Analysis, Texts], list[Block]]:
        """The section ``name`` as a function of ``(analysis, texts)``: its blocks as the
        assembled document has them (numbered, references resolved).
        """
        if name not in self.module.SECTIONS:
            raise KeyError(
                f"chapter {self.slug} has no section {name!r}; sections: "
                f"{', '.join(self.module.SECTIONS)}"
            )

        def blocks(analysis: Analysis, texts: Texts) -> list[Block]:
            return assemble(analysis, texts, self.document).section(self.slug, name)

        return blocks

    def blocks(self, analysis: Analysis, texts: Texts) -> list[Block]:
        """Every block of the chapter, in order (numbered, references resolved)."""
        return assemble(analysis, texts, self.document).chapter(self.slug)

    def title(self, analysis: Analysis, texts: Texts) -> str:
        """The chapter's title as its heading shows it (``Phần I. …``, ``3. …``)."""
        return assemble(analysis, texts, self.document).titles[self.slug]


DOCUMENTS: dict[str, Document] = {
    d.key: d
    for d in (
        Document("report", (results, plan, annex), "official"),
        Document(
            "notes",
            (record, trends, targets_detail, projections, proposals, methods),
            "decimal",
        ),
    )
}


def _chapters() -> tuple[Chapter, ...]:
    found, position = [], 0
    for document in DOCUMENTS.values():
        for number, module in enumerate(document.modules, start=1):
            position += 1
            found.append(Chapter(document.key, position, number, module))
    return tuple(found)


CHAPTERS: tuple[Chapter, ...] = _chapters()


def chapter(slug: str) -> Chapter:
    """The chapter with file name ``slug``; an unknown name fails loudly."""
    for ch in CHAPTERS:
        if ch.slug == slug:
            return ch
    raise KeyError(f"no chapter {slug!r}; chapters: {', '.join(c.slug for c in CHAPTERS)}")


def document(key: str) -> Document:
    """The document ``key`` (``report`` or ``notes``); an unknown key fails loudly."""
    try:
        return DOCUMENTS[key]
    except KeyError:
        raise KeyError(f"no document {key!r}; documents: {', '.join(DOCUMENTS)}") from None


# -- assembly: numbers from positions, references resolved -------------------------------------


@dataclass(frozen=True)
class Assembled:
    """A document's blocks, chapter by chapter and section by section, numbered and resolved."""

    document: str
    parts: tuple[tuple[str, str, tuple[Block, ...]], ...]  # (chapter slug, section, blocks)
    titles: dict[str, str]

    def chapter(self, slug: str) -> list[Block]:
        return [b for s, _, blocks in self.parts if s == slug for b in blocks]

    def section(self, slug: str, name: str) -> list[Block]:
        return [b for s, n, blocks in self.parts if s == slug and n == name for b in blocks]

    @property
    def blocks(self) -> list[Block]:
        return [b for _, _, blocks in self.parts for b in blocks]


def reference_labels(ed: Edition) -> dict[str, str]:
    """The label of every chapter and document a text may refer to (``ref("methods")``)."""
    labels = {key: ed(f"publish.documents.{key}.reference", **ed.params) for key in DOCUMENTS}
    for ch in CHAPTERS:
        if ch.kind == "annex":
            labels[ch.key] = ed(f"publish.documents.{ch.document}.annex", number=annex_number(ch))
        else:
            labels[ch.key] = ed(
                f"publish.documents.{ch.document}.chapter_reference",
                number=ch.number,
                roman=roman(ch.number),
            )
    return labels


def annex_number(ch: Chapter) -> str:
    """An annex's number among its document's annexes, as forms are numbered (``01``)."""
    annexes = [c for c in CHAPTERS if c.document == ch.document and c.kind == "annex"]
    return f"{annexes.index(ch) + 1:02d}"


def _numbers(doc: Document, ch: Chapter, ed: Edition) -> Callable[[Heading], str]:
    """A function giving each heading of a chapter its number, in reading order."""
    counters = [0, 0, 0, 0]

    def number(heading: Heading) -> str:
        level = heading.level
        if level == 1:
            if doc.numbering == "decimal":
                return f"{ch.number}."
            if ch.kind == "part":
                return ed("publish.documents.report.part", roman=roman(ch.number)) + "."
            return ""
        i = min(level, 4) - 2
        counters[i] += 1
        for deeper in range(i + 1, len(counters)):
            counters[deeper] = 0
        if doc.numbering == "decimal":
            if level == 2:
                return f"{ch.number}.{counters[0]}."
            return ""
        if level == 2:
            return f"{roman(counters[0])}."
        if level == 3:
            return f"{counters[1]}."
        return f"{chr(ord('a') + counters[2] - 1)})"

    return number


#: Assemblies kept for reuse, with the analysis each was made from (held, so its id stays its).
_ASSEMBLED: dict[tuple[int, str, str, str], tuple[Analysis, Assembled]] = {}


def assemble(analysis: Analysis, texts: Texts, key: str) -> Assembled:
    """Every chapter of document ``key`` built from one analysis, its headings numbered from
    their position and its cross-references resolved.

    Parameters
    ----------
    analysis : Analysis
        The run's analysis (the assembly is kept for it and reused).
    texts : Texts
        The language it is written in.
    key : {"report", "notes"}
        The document.

    Returns
    -------
    Assembled
        The blocks by chapter and section, and each chapter's title as its heading shows it.

    Raises
    ------
    KeyError
        For an unknown document, or a cross-reference to nothing.
    """
    cache_key = (id(analysis), texts.language, texts.number_locale, key)
    found = _ASSEMBLED.get(cache_key)
    if found is not None and found[0] is analysis:
        return found[1]
    doc = document(key)
    ed = Edition(analysis, texts, key)
    labels = reference_labels(ed)
    built, titles = [], {}
    unwritten: list[str] = []  # the office's passages a final copy lacks, all named at once
    for ch in doc.chapters:  # first every heading numbered, each anchor's label noted
        number = _numbers(doc, ch, ed)
        for name, section in ch.module.SECTIONS.items():
            blocks = []
            try:
                made = section(ed)
            except OfficeTextMissing as err:
                unwritten += err.names
                continue
            for block in made:
                if isinstance(block, Heading) and block.numbered:
                    block = replace(block, number=number(block))
                    if block.level == 1:
                        titles[ch.slug] = block.label
                    if block.anchor:
                        labels[block.anchor] = ed(
                            f"publish.documents.{key}.section_reference",
                            number=block.number.rstrip("."),
                            chapter=labels[ch.key],
                        )
                elif isinstance(block, Interactive):
                    block = replace(
                        block,
                        static=tuple(
                            replace(b, number=number(b))
                            if isinstance(b, Heading) and b.numbered
                            else b
                            for b in block.static
                        ),
                    )
                blocks.append(block)
            built.append((ch.slug, name, blocks))
    if unwritten:
        raise OfficeTextMissing(tuple(dict.fromkeys(unwritten)))
    for ch in doc.chapters:
        if ch.kind == "annex":
            titles.setdefault(
                ch.slug, f"{labels[ch.key]}. " + ed(f"chapters.{ch.key}.title", **ed.params)
            )
        titles.setdefault(ch.slug, ed(f"chapters.{ch.key}.title", **ed.params))
    # then every cross-reference resolved, to a chapter, a document or an anchored section
    parts = [
        (slug, name, tuple(resolve_block(b, labels) for b in blocks))
        for slug, name, blocks in built
    ]
    titles = {slug: resolve_text(title, labels) for slug, title in titles.items()}
    result = Assembled(key, tuple(parts), titles)
    if len(_ASSEMBLED) >= 8:  # a run holds one analysis; tests hold a few
        _ASSEMBLED.clear()
    _ASSEMBLED[cache_key] = (analysis, result)
    return result


# -- the workbook ------------------------------------------------------------------------------

#: The workbook's sheets, in order: (key, the document whose words it uses, the function giving
#: its blocks: an optional form heading, then one table).
WORKBOOK: tuple[tuple[str, str, Section], ...] = (
    ("bieu_01", "report", annex.SHEETS["bieu_01"]),
    ("judgements", "notes", targets_detail.SHEETS["judgements"]),
    ("projections", "notes", projections.SHEETS["projections"]),
    ("proposals", "notes", proposals.SHEETS["proposals"]),
    ("sources", "notes", record.SHEETS["sources"]),
)


def workbook(analysis: Analysis, texts: Texts) -> list[tuple[str, list[Block]]]:
    """Every sheet of the workbook: its name and its blocks, references resolved.

    Parameters
    ----------
    analysis : Analysis
        The run's analysis.
    texts : Texts
        The language of the sheets.

    Returns
    -------
    list of (str, list of Block)
        In the order of :data:`WORKBOOK`: an optional form heading, then one table each.
    """
    sheets = []
    for key, doc, build in WORKBOOK:
        ed = Edition(analysis, texts, doc)
        labels = reference_labels(ed)
        sheets.append((texts(f"excel.sheet_{key}"), [resolve_block(b, labels) for b in build(ed)]))
    return sheets
