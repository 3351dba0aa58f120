"""One edition of the documents: a language's HTML pages, its two Word documents (the report
and the working notes) and its workbook.

Every page, document and sheet is rendered from the assembled blocks of
:mod:`dongson_analysis.chapters`; the index page too is a list of blocks. Figures are drawn
once per edition and reused by the pages and the documents.
"""

from __future__ import annotations

from pathlib import Path

from ..analysis import Analysis
from ..blocks import Block, Edition, Figure, Heading, Links, Paragraph
from ..chapters import CHAPTERS, DOCUMENTS, assemble, workbook
from ..formatting import upper_first
from ..l10n import Texts, texts_for
from . import html as html_out
from .excel import write_xlsx
from .word import write_docx


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
        Paragraph(texts("publish.subtitle", **ed.params)),
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
    analysis: Analysis, texts: Texts, folder: Path, languages: tuple[str, ...], main: str
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

    written: list[Path] = []
    names = file_names(texts)
    home = texts("publish.index")
    ed = Edition(analysis, texts)
    running = texts("publish.running", **ed.params)
    for key in DOCUMENTS:
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
    nav = [
        (
            f"{_relative(texts.language, other, main)}index.html",
            texts_for(other)("publish.language_name"),
        )
        for other in languages
        if other != texts.language
    ]
    body = "\n".join(html_out.block_html(b, texts, png) for b in index_blocks(analysis, texts))
    index = folder / "index.html"
    index.write_text(
        html_out.page(upper_first(texts("publish.index_title", **ed.params)), body, texts, nav),
        encoding="utf-8",
    )
    (folder / "style.css").write_text(html_out.STYLESHEET, encoding="utf-8")
    documents = []
    for key in DOCUMENTS:
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
    xlsx = folder / names["xlsx"]
    write_xlsx(xlsx, workbook(analysis, texts), texts, texts("excel.title", **ed.params), running)
    return written + [index, folder / "style.css", *documents, xlsx]
