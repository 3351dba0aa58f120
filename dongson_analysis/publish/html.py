"""Blocks as HTML: pages for readers, and the index of an edition.

All text from the data or the language files is escaped; web addresses become links. Tables
keep their labels left-aligned and numbers right-aligned, and are never narrower than their
longest words (a narrow screen scrolls the table instead of splitting a number); figures
are embedded as PNG; a passage only the office can write is boxed; an interactive block
shows its static example and a sentence pointing to the notebooks. No code, no
timestamps, no local paths.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable

from ..blocks import (
    URL,
    Block,
    Bullets,
    Draft,
    Figure,
    FormHead,
    Heading,
    Interactive,
    Letterhead,
    Links,
    Paragraph,
    Signature,
    Table,
    slash_breaks,
)
from ..l10n import Texts

STYLESHEET = """body { font-family: "Times New Roman", "DejaVu Serif", serif; max-width: 72rem;
  margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; font-size: 1.05rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
h4 { font-size: 1.05rem; font-style: italic; }
nav { font-size: 0.9rem; margin-bottom: 1.5rem; display: flex; gap: 1.2rem; flex-wrap: wrap; }
figure { margin: 1rem 0; }
figure img { width: 100%; max-width: 945px; height: auto; display: block; }
figcaption, caption { font-style: italic; font-size: 0.92rem; text-align: left; padding: 0.3rem 0; }
.table-wrap { overflow-x: auto; margin: 0.8rem 0; }
table { border-collapse: collapse; font-size: 0.85rem; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left; }
td.text, th.text { overflow-wrap: break-word; }
th { background: #f0f0f0; font-weight: bold; }
td.number, th.number { text-align: right; }
tr.group td { font-weight: bold; background: #f7f7f7; white-space: normal; text-align: left; }
p.note { font-size: 0.85rem; color: #444; margin: 0.2rem 0; }
p.scroll-hint { font-size: 0.85rem; color: #444; font-style: italic; margin: 0.6rem 0 0; }
@media (min-width: 1200px) { p.scroll-hint { display: none; } }
p.pointer { font-style: italic; color: #444; }
p.centre { text-align: center; } p.right { text-align: right; } p.italic { font-style: italic; }
.draft { border: 2px solid #c9a400; background: #fff8c4; padding: 0.4rem 0.9rem; margin: 0.8rem 0; }
.draft .label { font-weight: bold; text-transform: uppercase; font-size: 0.85rem;
  margin: 0.2rem 0; }
.paper-head { display: grid; grid-template-columns: 2fr 3fr; gap: 0.2rem 1rem; text-align: center;
  margin-bottom: 1.5rem; }
.paper-head p { margin: 0; white-space: pre-wrap; } .paper-head .strong { font-weight: bold; }
h1.paper-title { font-size: 1.25rem; } .nw { white-space: nowrap; }
p.attached { white-space: pre-wrap; }
.paper-head .dated { font-style: italic; }
.paper-title { text-align: center; margin: 1rem 0 1.5rem; }
.paper-title p { margin: 0; font-weight: bold; }
.paper-title hr { width: 8rem; margin: 0.4rem auto; border: 0; border-top: 1px solid #333; }
.signature { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin-top: 2rem; }
.signature .recipients { font-size: 0.9rem; } .signature .recipients p { margin: 0; }
.signature .signer { text-align: center; font-weight: bold; }
.signature .name { margin-top: 4rem; }
ol.links { padding-left: 1.5rem; } ul.links { padding-left: 1.5rem; }
p.running { font-size: 0.85rem; color: #555; border-bottom: 1px solid #ddd;
  padding-bottom: 0.3rem; }
"""

#: About how many characters of table text fit across the page's full width (72rem at 0.85rem),
#: and the width of an average character of a table, bold headers included, in em.
TABLE_CHARACTERS = 150
CHARACTER_EM = 0.55
#: The width, in em of a table's text, that fits a page 800 px wide; a table wider than this
#: scrolls there, and says so.
NARROW_EM = 52


#: A period of years (``2016–2020``), never broken at its dash.
PERIOD = re.compile(r"(\d{4})–(\d{4})")


def escape(text: str) -> str:
    """``text`` escaped for HTML (an attribute's value, or a page's title)."""
    return html.escape(str(text), quote=True)


def content(text: str, breaks: bool = False) -> str:
    """``text`` escaped as an element's content, a period of years kept on one line; ``breaks``:
    a line may break after a slash between words (``<wbr>``).
    """
    escaped = slash_breaks(escape(text), "<wbr>") if breaks else escape(text)
    return PERIOD.sub(r'<span class="nw">\1–\2</span>', escaped)


def linked(text: str) -> str:
    """``text`` escaped, with every web address a link (nothing inserted into the address)."""
    out, last = [], 0
    for match in URL.finditer(text):
        out.append(content(text[last : match.start()]))
        url = match.group(0)
        out.append(f'<a href="{escape(url)}">{escape(url)}</a>')
        last = match.end()
    out.append(content(text[last:]))
    return "".join(out)


def _cell_html(text: str) -> str:
    """A cell's text: escaped, links made, a line break allowed after a slash between words."""
    if URL.search(text):
        return linked(text)
    return content(text, breaks=True)


def table_html(table: Table, scroll_hint: str = "") -> str:
    """A table block as an HTML table (with its caption and notes). The table is never narrower
    than its columns' longest words: below that width the page scrolls it sideways, and a table
    wider than a narrow screen (:data:`NARROW_EM`) says so above it (``scroll_hint``).
    """
    table = table.printed()
    need = table.needs(padding=3.0)
    # a number is never broken inside (its column is as wide as its longest word; a mark such
    # as "(ước)" may go to the next line); the text columns share the rest
    widths = table.text_first_widths(max(TABLE_CHARACTERS, sum(need)), 3.0, True)
    # the table is never so narrow that a column falls below its need (a narrow screen scrolls)
    least = max(n * sum(widths) / w for n, w in zip(need, widths))
    cols = "".join(f'<col style="width: {100 * w / sum(widths):.1f}%">' for w in widths)
    head = "".join(
        f'<th class="{c.kind}" scope="col">{content(c.label, breaks=True)}</th>'
        for c in table.columns
    )
    body = []
    for row in table.rows:
        if row.group:
            body.append(
                '<tr class="group"><td '
                f'colspan="{len(table.columns)}">{content(row.cells[0].text)}</td></tr>'
            )
            continue
        cells = []
        for column, cell in zip(table.columns, row.cells):
            cls = column.kind + (" quoted" if cell.quoted else "")
            cells.append(f'<td class="{cls}">{_cell_html(cell.text)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    notes = "".join(f'<p class="note">{linked(n)}</p>' for n in table.notes)
    hint = (
        f'<p class="scroll-hint">{content(scroll_hint)}</p>'
        if scroll_hint and CHARACTER_EM * least > NARROW_EM
        else ""
    )
    return (
        f'{hint}<div class="table-wrap"><table id="{escape(table.key)}" '
        f'style="min-width: {CHARACTER_EM * least:.0f}em">'
        f"<caption>{content(table.caption)}</caption>"
        f"<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>{notes}"
    )


def figure_html(figure: Figure, png: bytes) -> str:
    data = base64.b64encode(png).decode("ascii")
    alt = escape(figure.alt or figure.caption)
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{alt}">'
        f"<figcaption>{content(figure.caption)}</figcaption></figure>"
    )


def draft_html(draft: Draft, evidence_label: str) -> str:
    evidence = ""
    if draft.evidence:
        items = "".join(f"<li>{linked(e)}</li>" for e in draft.evidence)
        label = draft.evidence_label or evidence_label
        evidence = f"<p>{content(label)}</p><ul>{items}</ul>"
    return (
        f'<div class="draft"><p class="label">{content(draft.label)}</p>'
        f"<p>{linked(draft.prompt)}</p>{evidence}</div>"
    )


def letterhead_html(head: Letterhead) -> str:
    return (
        '<div class="paper-head">'
        f'<p>{content(head.authority)}</p><p class="strong">{content(head.country)}</p>'
        f'<p class="strong">{content(head.office)}</p><p class="strong">{content(head.motto)}</p>'
        f'<p>{content(head.number)}</p><p class="dated">{content(head.place_date)}</p></div>'
        f'<div class="paper-title"><p>{content(head.kind)}</p><p>{content(head.subject)}</p>'
        "<hr></div>"
    )


def form_head_html(head: FormHead) -> str:
    return (
        '<div class="paper-head">'
        f'<p>{content(head.authority)}</p><p class="strong">{content(head.form)}</p>'
        f'<p class="strong">{content(head.office)}</p><p></p></div>'
        f'<h1 class="paper-title">{content(head.title)}</h1>'
        f'<p class="centre italic attached">{content(head.attached)}</p>'
        f'<p class="right italic">{content(head.unit_note)}</p>'
    )


def signature_html(signature: Signature) -> str:
    recipients = "".join(f"<p>{content(line)}</p>" for line in signature.recipients)
    return (
        '<div class="signature"><div class="recipients">'
        f"<p><strong><em>{content(signature.recipients_label)}</em></strong></p>{recipients}</div>"
        f'<div class="signer"><p>{content(signature.signer).replace(chr(10), "<br>")}</p>'
        f'<p class="name">{content(signature.name_line)}</p></div></div>'
    )


def block_html(block: Block, texts: Texts, png: Callable[[Figure], bytes]) -> str:
    """One block as HTML; ``png`` draws (or reuses) a figure's image."""
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 4)
        return f"<h{level}>{content(block.label)}</h{level}>"
    if isinstance(block, Paragraph):
        classes = " ".join(
            c
            for c in (
                block.align if block.align != "justify" else "",
                "italic" if block.italic else "",
            )
            if c
        )
        attr = f' class="{classes}"' if classes else ""
        return f"<p{attr}>{linked(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{linked(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Links):
        tag = "ol" if block.numbered else "ul"
        items = "".join(
            f'<li><a href="{escape(href)}">{content(label)}</a></li>' for href, label in block.items
        )
        return f'<{tag} class="links">{items}</{tag}>'
    if isinstance(block, Table):
        return table_html(block, texts("publish.scroll_hint"))
    if isinstance(block, Figure):
        return figure_html(block, png(block))
    if isinstance(block, Interactive):
        return f'<p class="pointer">{escape(texts("explorer.static_pointer"))}</p>' + "".join(
            block_html(b, texts, png) for b in block.static
        )
    if isinstance(block, Draft):
        return draft_html(block, texts("report.draft.evidence"))
    if isinstance(block, Letterhead):
        return letterhead_html(block)
    if isinstance(block, FormHead):
        return form_head_html(block)
    if isinstance(block, Signature):
        return signature_html(block)
    raise TypeError(f"unknown block {type(block).__name__}")


def page(title: str, body: str, texts: Texts, nav: list[tuple[str, str]], running: str = "") -> str:
    """A whole HTML page: navigation links (href, label), a running head (the area and the
    periods), the title, the body.
    """
    links = "".join(f'<a href="{escape(href)}">{escape(label)}</a>' for href, label in nav)
    head = f'<p class="running">{escape(running)}</p>\n' if running else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{texts.language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{escape(title)}</title>\n<link rel="stylesheet" '
        'href="style.css">\n</head>\n<body>\n'
        f"<nav>{links}</nav>\n{head}<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
