"""One edition of the documents: a language's HTML pages, its two Word documents (the report
and the working notes) and its workbook.

Every page, document and sheet is rendered from the assembled blocks of
:mod:`dongson_analysis.chapters`; the index page too is a list of blocks. Figures are drawn
once per edition and reused by the pages and the documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis import Analysis
from ..blocks import Block, Edition, Figure, Heading, Links, Paragraph
from ..chapters import CHAPTERS, DOCUMENTS, assemble, workbook
from ..chapters import summary as summary_chapter
from ..formatting import upper_first
from ..l10n import Texts, texts_for
from . import html as html_out
from .excel import write_xlsx
from .word import write_docx

if TYPE_CHECKING:  # pragma: no cover
    from ..summary import Summary

#: What an area's edition may hold: its HTML pages (and index), each Word document, the
#: workbook. A run writes all of them unless told fewer (``regenerate(parts=...)``).
EDITION_PARTS: tuple[str, ...] = ("html", *DOCUMENTS, "xlsx")


def edition_dir(root: Path, language: str, main_language: str) -> Path:
    return root if language == main_language else root / language


def _relative(from_lang: str, to_lang: str, main: str) -> str:
    """The prefix from one edition's folder to another's."""
    if from_lang == to_lang:
        return ""
    if from_lang == main:
        return f"{to_lang}/"
    if to_lang == main:
        return "../"
    return f"../{to_lang}/"


def file_names(texts: Texts) -> dict[str, str]:
    """The file names of an edition's Word documents (by document) and workbook."""
    names = {key: texts(f"publish.documents.{key}.docx_file") for key in DOCUMENTS}
    names["xlsx"] = texts("publish.xlsx_file")
    return names


def index_blocks(analysis: Analysis, texts: Texts) -> list[Block]:
    """The index page: the title, then each document's pages and its Word file, then the
    workbook.
    """
    ed = Edition(analysis, texts)
    names = file_names(texts)
    blocks: list[Block] = [
        Heading(upper_first(texts("publish.index_title", **ed.params)), 1),
        Paragraph(ed("publish.subtitle", **ed.params)),
    ]
    for key in DOCUMENTS:
        done = assemble(analysis, texts, key)
        blocks.append(Heading(texts(f"publish.documents.{key}.title"), 2))
        blocks.append(
            Links(
                tuple(
                    (f"{ch.slug}.html", done.titles[ch.slug])
                    for ch in CHAPTERS
                    if ch.document == key
                )
                + ((names[key], texts(f"publish.documents.{key}.docx_link")),)
            )
        )
    blocks.append(Heading(texts("publish.downloads"), 2))
    blocks.append(Links(((names["xlsx"], texts("publish.xlsx_link")),)))
    return blocks


def write_edition(
    analysis: Analysis,
    texts: Texts,
    folder: Path,
    languages: tuple[str, ...],
    main: str,
    parts: tuple[str, ...] = EDITION_PARTS,
    summary_link: str = "",
) -> list[Path]:
    """One language's HTML pages, Word documents and workbook.

    Parameters
    ----------
    analysis : Analysis
        The run's analysis.
    texts : Texts
        The edition's language.
    folder : Path
        Where to write it.
    languages : tuple of str
        Every edition of the run (for the links between twins).
    main : str
        The main language (its edition in the root folder).
    parts : tuple of str
        What to write, of :data:`EDITION_PARTS` (an unknown part fails loudly).
    summary_link : str
        The summary's page, relative to ``folder``, linked from the index ("" for none).

    Returns
    -------
    list of Path
        Every file written.

    Raises
    ------
    ValueError
        For a part not in :data:`EDITION_PARTS`.
    """
    unknown = [p for p in parts if p not in EDITION_PARTS]
    if unknown:
        raise ValueError(
            f"unknown edition parts {', '.join(unknown)}; known: {', '.join(EDITION_PARTS)}"
        )
    folder.mkdir(parents=True, exist_ok=True)
    cache: dict[str, bytes] = {}

    def png(figure: Figure) -> bytes:
        if figure.key not in cache:
            cache[figure.key] = figure.png()
        return cache[figure.key]

    written: list[Path] = []
    names = file_names(texts)
    home = texts("publish.index")
    ed = Edition(analysis, texts)
    running = ed("publish.running", **ed.params)
    for key in DOCUMENTS if "html" in parts else ():
        done = assemble(analysis, texts, key)
        chapters = [ch for ch in CHAPTERS if ch.document == key]
        for i, ch in enumerate(chapters):
            nav = [("index.html", home)]
            if i > 0:
                nav.append((f"{chapters[i - 1].slug}.html", texts("publish.previous")))
            if i + 1 < len(chapters):
                nav.append((f"{chapters[i + 1].slug}.html", texts("publish.next")))
            for other in languages:
                if other != texts.language:
                    nav.append(
                        (
                            f"{_relative(texts.language, other, main)}{ch.slug}.html",
                            texts_for(other)("publish.language_name"),
                        )
                    )
            body = "\n".join(html_out.block_html(b, texts, png) for b in done.chapter(ch.slug))
            path = folder / f"{ch.slug}.html"
            path.write_text(
                html_out.page(done.titles[ch.slug], body, texts, nav, running), encoding="utf-8"
            )
            written.append(path)
    if "html" in parts:
        written += _index(analysis, texts, folder, languages, main, png, summary_link)
    documents = []
    for key in DOCUMENTS:
        if key not in parts:
            continue
        path = folder / names[key]
        write_docx(
            path,
            assemble(analysis, texts, key).blocks,
            texts,
            title=texts(f"publish.documents.{key}.title"),
            subtitle=running,
            png=png,
            contents=key == "notes",
        )
        documents.append(path)
    if "xlsx" in parts:
        xlsx = folder / names["xlsx"]
        title = texts("excel.title", **ed.params)
        write_xlsx(xlsx, workbook(analysis, texts), texts, title, running)
        documents.append(xlsx)
    return written + documents


def _index(
    analysis: Analysis,
    texts: Texts,
    folder: Path,
    languages: tuple[str, ...],
    main: str,
    png,
    summary_link: str,
) -> list[Path]:
    """The index page and the stylesheet."""
    ed = Edition(analysis, texts)
    nav = [
        (
            f"{_relative(texts.language, other, main)}index.html",
            texts_for(other)("publish.language_name"),
        )
        for other in languages
        if other != texts.language
    ]
    blocks = index_blocks(analysis, texts)
    if summary_link:
        blocks.append(Links(((summary_link, texts("summary.files.folder_link")),)))
    body = "\n".join(html_out.block_html(b, texts, png) for b in blocks)
    index = folder / "index.html"
    index.write_text(
        html_out.page(upper_first(texts("publish.index_title", **ed.params)), body, texts, nav),
        encoding="utf-8",
    )
    (folder / "style.css").write_text(html_out.STYLESHEET, encoding="utf-8")
    return [index, folder / "style.css"]


def summary_files(texts: Texts) -> dict[str, str]:
    """The file names of the summary's page, Word document and workbook in one language."""
    return {k: texts(f"summary.files.{k}") for k in ("page", "docx", "xlsx")}


def write_summary_edition(
    summary: Summary,
    texts: Texts,
    folder: Path,
    languages: tuple[str, ...],
    main: str,
    areas: dict[str, str] | None = None,
) -> list[Path]:
    """One language's summary across areas: its page, its Word document and its workbook.

    Parameters
    ----------
    summary : Summary
        The run's summary (:func:`dongson_analysis.summary.summarise`, from the same run as
        the areas' editions).
    texts : Texts
        The edition's language.
    folder : Path
        Where to write it.
    languages : tuple of str
        Every edition of the run (for the links between twins).
    main : str
        The main language (its edition in the root folder).
    areas : dict of str to str, optional
        Each area's index page, relative to ``folder`` (linked from the page).

    Returns
    -------
    list of Path
        Every file written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    cache: dict[str, bytes] = {}

    def png(figure: Figure) -> bytes:
        if figure.key not in cache:
            cache[figure.key] = figure.png()
        return cache[figure.key]

    names = summary_files(texts)
    title = upper_first(summary_chapter.title(summary, texts))
    running = summary_chapter.running(summary, texts)
    blocks = summary_chapter.blocks(summary, texts)
    links: list[tuple[str, str]] = [
        (names["docx"], texts("summary.files.docx_link")),
        (names["xlsx"], texts("summary.files.xlsx_link")),
    ]
    page_blocks: list[Block] = [blocks[0], Links(tuple(links)), *blocks[1:]]
    if areas:
        page_blocks += [
            Heading(texts("summary.files.areas_heading"), 2, numbered=False),
            Links(
                tuple(
                    (href, summary.run.main.catalogue.area(a).name(texts.language))
                    for a, href in areas.items()
                )
            ),
        ]
    nav = [
        (
            f"{_relative(texts.language, other, main)}{texts_for(other)('summary.files.page')}",
            texts_for(other)("publish.language_name"),
        )
        for other in languages
        if other != texts.language
    ]
    body = "\n".join(html_out.block_html(b, texts, png) for b in page_blocks)
    page = folder / names["page"]
    page.write_text(html_out.page(title, body, texts, nav, running), encoding="utf-8")
    (folder / "style.css").write_text(html_out.STYLESHEET, encoding="utf-8")
    docx = folder / names["docx"]
    write_docx(docx, blocks, texts, title=title, subtitle=running, png=png)
    xlsx = folder / names["xlsx"]
    write_xlsx(xlsx, summary_chapter.sheets(summary, texts), texts, title, running)
    return [page, folder / "style.css", docx, xlsx]
