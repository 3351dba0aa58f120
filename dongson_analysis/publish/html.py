"""Blocks as HTML: chapter pages for readers, and the index of an edition.

All text from the data or the language files is escaped. Tables keep their
labels left-aligned and numbers right-aligned; figures are embedded as PNG; an
interactive block shows its static example and a sentence pointing to JupyterLab.
Every page links to the index, to its neighbours and to its twin in the other
language. No code, no timestamps, no local paths.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable

from ..blocks import (
    Block,
    Bullets,
    Figure,
    Heading,
    Interactive,
    Paragraph,
    Table,
    slash_breaks,
)
from ..l10n import Texts

STYLESHEET = """body { font-family: "Times New Roman", "DejaVu Serif", serif; max-width: 72rem;
  margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; font-size: 1.05rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
nav { font-size: 0.9rem; margin-bottom: 1.5rem; display: flex; gap: 1.2rem; flex-wrap: wrap; }
figure { margin: 1rem 0; }
figure img { width: 100%; max-width: 945px; height: auto; display: block; }
figcaption, caption { font-style: italic; font-size: 0.92rem; text-align: left; padding: 0.3rem 0; }
.table-wrap { overflow-x: auto; margin: 0.8rem 0; }
table { border-collapse: collapse; font-size: 0.85rem; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left;
  overflow-wrap: break-word; }
th { background: #f0f0f0; font-weight: bold; }
td.number, th.number { text-align: right; }
tr.group td { font-weight: bold; background: #f7f7f7; }
p.note { font-size: 0.85rem; color: #444; margin: 0.2rem 0; }
p.pointer { font-style: italic; color: #444; }
"""


#: About how many characters of table text fit across the page's full width (72rem at 0.85rem).
TABLE_CHARACTERS = 150


def escape(text: str) -> str:
    return html.escape(str(text), quote=True)


def table_html(table: Table) -> str:
    """A table block as an HTML table (with its caption and notes)."""
    widths = table.fitted_widths(TABLE_CHARACTERS, padding=3.0)
    cols = "".join(f'<col style="width: {100 * w / sum(widths):.1f}%">' for w in widths)
    head = "".join(
        f'<th class="{c.kind}" scope="col">{slash_breaks(escape(c.label), "<wbr>")}</th>'
        for c in table.columns
    )
    body = []
    for row in table.rows:
        if row.group:
            body.append(
                '<tr class="group"><td '
                f'colspan="{len(table.columns)}">{escape(row.cells[0].text)}</td></tr>'
            )
            continue
        cells = []
        for column, cell in zip(table.columns, row.cells):
            cls = column.kind + (" quoted" if cell.quoted else "")
            text = slash_breaks(
                escape(cell.text), "<wbr>"
            )  # long units break after a slash, not mid-word
            cells.append(f'<td class="{cls}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in table.notes)
    return (
        '<div class="table-wrap"><table '
        f'id="{escape(table.key)}"><caption>{escape(table.caption)}</caption>'
        f"<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>{notes}"
    )


def figure_html(figure: Figure, png: bytes) -> str:
    data = base64.b64encode(png).decode("ascii")
    alt = escape(figure.alt or figure.caption)
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{alt}">'
        f"<figcaption>{escape(figure.caption)}</figcaption></figure>"
    )


def block_html(block: Block, texts: Texts, png: Callable[[Figure], bytes]) -> str:
    """One block as HTML; ``png`` draws (or reuses) a figure's image."""
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 4)
        return f"<h{level}>{escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return table_html(block)
    if isinstance(block, Figure):
        return figure_html(block, png(block))
    if isinstance(block, Interactive):
        return f'<p class="pointer">{escape(texts("explorer.static_pointer"))}</p>' + "".join(
            block_html(b, texts, png) for b in block.static
        )
    raise TypeError(f"unknown block {type(block).__name__}")


def page(title: str, body: str, texts: Texts, nav: list[tuple[str, str]]) -> str:
    """A whole HTML page: navigation links (href, label), the title, the body."""
    links = "".join(f'<a href="{escape(href)}">{escape(label)}</a>' for href, label in nav)
    return (
        f'<!DOCTYPE html>\n<html lang="{texts.language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{escape(title)}</title>\n<link rel="stylesheet" '
        'href="style.css">\n</head>\n<body>\n'
        f"<nav>{links}</nav>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
