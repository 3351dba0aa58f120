"""One edition of the report: a language's HTML pages, Word document and workbook."""

from __future__ import annotations

from pathlib import Path

from ..analysis import Analysis
from ..blocks import Block, Figure
from ..chapters import CHAPTERS, Chapter
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
    return {"docx": texts("publish.docx_file"), "xlsx": texts("publish.xlsx_file")}


def write_edition(
    analysis: Analysis, texts: Texts, folder: Path, languages: tuple[str, ...], main: str
) -> list[Path]:
    """One language's HTML pages, Word document and workbook."""
    folder.mkdir(parents=True, exist_ok=True)
    cache: dict[str, bytes] = {}

    def png(figure: Figure) -> bytes:
        if figure.key not in cache:
            cache[figure.key] = figure.png()
        return cache[figure.key]

    written: list[Path] = []
    chapters: list[tuple[Chapter, list[Block]]] = [
        (ch, ch.blocks(analysis, texts)) for ch in CHAPTERS
    ]
    names = file_names(texts)
    home = texts("publish.index")
    for i, (ch, blocks) in enumerate(chapters):
        nav = [("index.html", home)]
        if i > 0:
            nav.append((f"{chapters[i - 1][0].slug}.html", texts("publish.previous")))
        if i + 1 < len(chapters):
            nav.append((f"{chapters[i + 1][0].slug}.html", texts("publish.next")))
        for other in languages:
            if other != texts.language:
                nav.append(
                    (
                        f"{_relative(texts.language, other, main)}{ch.slug}.html",
                        texts_for(other)("publish.language_name"),
                    )
                )
        body = "\n".join(html_out.block_html(b, texts, png) for b in blocks)
        path = folder / f"{ch.slug}.html"
        path.write_text(
            html_out.page(ch.title(analysis, texts), body, texts, nav), encoding="utf-8"
        )
        written.append(path)
    title, subtitle = texts("publish.title"), texts("publish.subtitle", **_years(analysis))
    items = "".join(
        f'<li><a href="{ch.slug}.html">{html_out.escape(ch.title(analysis, texts))}</a></li>'
        for ch, _ in chapters
    )
    downloads = (
        "<li><a "
        f'href="{html_out.escape(names["docx"])}">{html_out.escape(texts("publish.docx_link"))}</a>'
        f'</li><li><a href="{html_out.escape(names["xlsx"])}">'
        f"{html_out.escape(texts('publish.xlsx_link'))}</a></li>"
    )
    nav = [
        (
            f"{_relative(texts.language, other, main)}index.html",
            texts_for(other)("publish.language_name"),
        )
        for other in languages
        if other != texts.language
    ]
    body = (
        f"<h1>{html_out.escape(title)}</h1>\n<p>{html_out.escape(subtitle)}</p>\n"
        f"<p>{html_out.escape(texts('publish.area', area_name=analysis.settings.area_name))}</p>\n"
        f"<h2>{html_out.escape(texts('publish.chapters'))}</h2>\n<ol>{items}</ol>\n"
        f"<h2>{html_out.escape(texts('publish.downloads'))}</h2>\n<ul>{downloads}</ul>"
    )
    index = folder / "index.html"
    index.write_text(
        html_out.page(f"{title} – {analysis.settings.area_name}", body, texts, nav),
        encoding="utf-8",
    )
    (folder / "style.css").write_text(html_out.STYLESHEET, encoding="utf-8")
    docx = folder / names["docx"]
    write_docx(
        docx,
        [(ch.slug, blocks) for ch, blocks in chapters],
        texts,
        title,
        subtitle,
        analysis.settings.area_name,
        png,
    )
    xlsx = folder / names["xlsx"]
    write_xlsx(xlsx, analysis, texts)
    return written + [index, folder / "style.css", docx, xlsx]


def _years(analysis: Analysis) -> dict[str, int]:
    s = analysis.settings
    return {
        "first": s.term_years[0],
        "last": s.term_years[1],
        "next_first": s.next_term_years[0],
        "next_last": s.next_term_years[1],
    }
