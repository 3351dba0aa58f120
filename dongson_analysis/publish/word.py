"""A document as Word, in the format of state administrative documents (Nghị định
30/2020/NĐ-CP).

A4 paper; margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman, body
13 pt, justified with a first-line indent; the national motto block at the top; page
numbers centred in the top margin from the second page on. Every heading is in Word's
Heading 1–4 style (the navigation pane and a table of contents work); captions are in the
Caption style; web addresses are real hyperlinks; nothing is inserted into the text to let
a line break (a column is as wide as its longest word instead). Tables are real Word tables
whose header row repeats and whose rows never split, a group row staying with the row
after it; a wide table sits on landscape pages together with what introduces it; figures
are scaled to fit the page with their caption. A passage only the office can write is
highlighted in yellow and framed. The signature block gives the signer room to sign and a
line for the name.

Written with python-docx: it builds real tables and styles from Python with no external
program, and its output can be made byte-identical (fixed document properties, then fixed
zip timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
import struct
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt, RGBColor

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
)
from ..l10n import Texts
from .files import normalise_zip

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 10.5
WIDE_TABLE_COLUMNS = 8
#: Width of an average character of Times New Roman at TABLE_PT, bold headers included (about
#: 0.55 em), and the cell's left and right margins (1.9 mm each, 1 mm in a wide table).
CHARACTER_MM = 2.05
CELL_MARGIN_MM = {False: 1.9, True: 1.0}
NARROW_MARGIN_COLUMNS = 6
#: Width of an upper-case bold character of Times New Roman, in em (for the motto block's lines;
#: measured on its metric twin Liberation Serif: 0.55–0.60, with a margin).
CAPITAL_EM = 0.62
FIXED_TIME = dt.datetime(2020, 1, 1)
PORTRAIT_TEXT_MM = (165, 257)  # the text area of a portrait page: width, height
LANDSCAPE_TEXT_MM = (252, 170)
FIGURE_MM = 160
#: The room a figure leaves on its page for its caption and a heading (mm).
FIGURE_ROOM_MM = 45
HEADING_PT = {1: 14, 2: 13, 3: 13, 4: 13}
#: The font attributes of a run, one for each script.
SCRIPT_FONTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


# -- styles ------------------------------------------------------------------------------------


def _fonts(element) -> None:
    """Times New Roman for every script of a run or style (no theme font)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in SCRIPT_FONTS:
        fonts.set(qn(attr), FONT)


def _font(run, size=None, bold=None, italic=None) -> None:
    font = run.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    _fonts(run._element)


def _style_font(style, size: float, bold=None, italic=None, black: bool = True) -> None:
    """A style's font: Times New Roman for every script, its size, and (``black``) black."""
    style.font.name = FONT
    style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if black:
        style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element)


def _styles(doc, numbering: str) -> None:
    """Normal, Heading 1–4, Caption and the contents' styles in Times New Roman, black."""
    normal = doc.styles["Normal"]
    _style_font(normal, BODY_PT, black=False)
    for level, size in HEADING_PT.items():
        style = doc.styles[f"Heading {level}"]
        _style_font(style, size, bold=True, italic=level >= 4)
        fmt = style.paragraph_format
        fmt.keep_with_next = True
        fmt.space_before = Pt(12 if level <= 2 else 6)
        fmt.space_after = Pt(6)
        fmt.line_spacing = 1.15
        fmt.first_line_indent = Cm(1) if level >= 3 else Cm(0)
        if level == 1:
            fmt.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER if numbering == "official" else WD_ALIGN_PARAGRAPH.LEFT
            )
            style.font.all_caps = numbering == "official"
        else:
            fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    caption = doc.styles["Caption"]
    _style_font(caption, BODY_PT - 1, bold=True, italic=False)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(4)
    for level in (1, 2):
        name = f"TOC {level}"
        if name not in [s.name for s in doc.styles]:
            style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            style.paragraph_format.space_after = Pt(2)
    _style_font(doc.styles["TOC Heading"], 14)


# -- pages -------------------------------------------------------------------------------------


def _page(section, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)


def _field_char(kind: str, dirty: bool = False):
    """A field's mark: its ``begin`` (``dirty``: Word updates it on opening), ``separate`` (its
    result follows) or ``end``.
    """
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if dirty:
        element.set(qn("w:dirty"), "true")
    return element


def _field_code(instruction: str):
    """A field's instruction (``PAGE``, ``TOC …``)."""
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {instruction} "
    return element


def _field(paragraph, instruction: str, result: str = "") -> None:
    """A Word field (``PAGE``, ``TOC …``) in a paragraph, with its result as last computed."""
    run = paragraph.add_run()
    _font(run)
    run._r.append(_field_char("begin"))
    paragraph.add_run()._r.append(_field_code(instruction))
    paragraph.add_run()._r.append(_field_char("separate"))
    if result:
        _font(paragraph.add_run(result))
    paragraph.add_run()._r.append(_field_char("end"))


def _page_number(section) -> None:
    """The page number, centred in the top margin (not on the first page)."""
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE")
    for run in paragraph.runs:
        _font(run, BODY_PT)


def _new_section(doc, landscape: bool, restart: bool = False) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=landscape)
    section.different_first_page_header_footer = False  # only the first page has no number
    if restart:  # a form (Biểu) attached to the report is numbered on its own, from 1
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        section._sectPr.append(numbering)


# -- text --------------------------------------------------------------------------------------


def _hyperlink(paragraph, url: str, size: float) -> None:
    """A real hyperlink (blue, underlined) to ``url`` showing the address itself."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attr in SCRIPT_FONTS:
        fonts.set(qn(attr), FONT)
    rpr.append(fonts)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    rpr.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.append(underline)
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(int(round(size * 2))))
        rpr.append(element)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.set(qn("xml:space"), "preserve")
    text.text = url
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def _text(paragraph, text: str, size: float, bold=False, italic=False, highlight=False) -> None:
    """``text`` into a paragraph as runs, each web address a hyperlink."""
    last = 0
    for match in URL.finditer(text):
        if match.start() > last:
            run = paragraph.add_run(text[last : match.start()])
            _font(run, size, bold, italic)
            if highlight:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        _hyperlink(paragraph, match.group(0), size)
        last = match.end()
    if last < len(text) or not text:
        run = paragraph.add_run(text[last:])
        _font(run, size, bold, italic)
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _paragraph(
    doc,
    text: str,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    space_after: float = 6,
    space_before: float = 0,
    keep_with_next: bool = False,
    style: str | None = None,
    highlight: bool = False,
):
    p = doc.add_paragraph(style=style) if style else doc.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(space_before)
    fmt.keep_with_next = keep_with_next
    fmt.line_spacing = 1.15
    fmt.first_line_indent = Cm(1) if indent else Cm(0)
    _text(p, text, size, bold, italic, highlight)
    return p


def _border(paragraph, edges=("bottom",), size: int = 6, space: int = 1) -> None:
    """A thin line on the given edges of a paragraph (the short rules; the frame of a draft)."""
    borders = OxmlElement("w:pBdr")
    for edge in edges:
        element = OxmlElement(f"w:{edge}")
        for key, value in (
            ("w:val", "single"),
            ("w:sz", str(size)),
            ("w:space", str(space)),
            ("w:color", "000000"),
        ):
            element.set(qn(key), value)
        borders.append(element)
    paragraph._p.get_or_add_pPr().append(borders)


def _rule(doc_or_cell, width_mm: float, column_mm: float) -> None:
    """A short centred rule, ``width_mm`` long, in a column ``column_mm`` wide."""
    rule = doc_or_cell.add_paragraph()
    side = max(0.0, (column_mm - width_mm) / 2)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(side)
    rule.paragraph_format.space_after = Pt(0)
    rule.paragraph_format.space_before = Pt(0)
    rule.paragraph_format.line_spacing = 0.5
    _border(rule)


def lines(text: str, capacity: float) -> list[str]:
    """``text`` broken into lines of at most ``capacity`` characters, only between words.

    Parameters
    ----------
    text : str
        A line of the motto block (``PHÒNG TÀI CHÍNH – KẾ HOẠCH``).
    capacity : float
        How many characters fit on a line.

    Returns
    -------
    list of str
        The lines; a dash or a comma ends the line before a break where that keeps both lines
        within capacity (``PHÒNG TÀI CHÍNH –`` / ``KẾ HOẠCH``, never ``… KẾ`` / ``HOẠCH``).
    """
    words = text.split()
    if len(text) <= capacity or len(words) < 2:
        return [text]
    best = None
    for i in range(1, len(words)):
        first, rest = " ".join(words[:i]), " ".join(words[i:])
        if len(first) > capacity:
            break
        preferred = words[i - 1] in ("–", "-") or words[i - 1].endswith(",")
        # a break after a dash or comma wins; among those, or among plain ones, the most balanced
        score = (not preferred, len(rest) > capacity, abs(len(first) - len(rest)))
        if best is None or score < best[0]:
            best = (score, i)
    if best is None:
        return [text]
    i = best[1]
    return [" ".join(words[:i])] + lines(" ".join(words[i:]), capacity)


def _cell_lines(cell, text: str, size: float, bold: bool, width_mm: float, italic=False) -> None:
    """A cell's paragraph of centred lines broken between words to fit ``width_mm``."""
    paragraph = cell.paragraphs[0] if not cell.paragraphs[0].text else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    capacity = (width_mm - 3.8) / (CAPITAL_EM * size * 25.4 / 72)
    if not text.isupper():
        capacity *= 1.35  # lower-case letters are narrower
    for n, line in enumerate(lines(text, capacity)):
        run = paragraph.add_run(line)
        _font(run, size, bold, italic)
        if n:
            run._r.insert(0, OxmlElement("w:br"))


# -- tables ------------------------------------------------------------------------------------


#: A table's ruled borders (every edge, thin and black) and its unruled ones.
RULED = (("w:val", "single"), ("w:sz", "4"), ("w:color", "000000"))
UNRULED = (("w:val", "nil"),)


def _borders(table, rule=RULED) -> None:
    """Every edge of a table, inside ones too, drawn as ``rule`` says."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in rule:
            element.set(qn(key), value)
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell_text(
    cell, text: str, bold: bool = False, right: bool = False, size: float = TABLE_PT
) -> None:
    """A cell's text (headers and number columns too), in the table's font size."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = Cm(0)
    _text(paragraph, text, size, bold)


def _widths(table, widths) -> None:
    """Fixed column widths; a merged cell (a group row) as wide as the columns it spans."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        grid_column.w = width
    for row in table.rows:
        column = 0
        for tc in row._tr.tc_lst:
            span = tc.grid_span
            tc.width = Emu(sum(widths[column : column + span]))
            column += span


def _row_flag(row, tag: str) -> None:
    element = OxmlElement(tag)
    if tag == "w:tblHeader":
        element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _cell_margins(table, mm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(round(mm / 25.4 * 1440))))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _table(doc, table: Table, landscape: bool) -> None:
    table = table.printed()
    wide = len(table.columns) > WIDE_TABLE_COLUMNS
    size = TABLE_PT - 1 if wide else TABLE_PT
    narrow = len(table.columns) >= NARROW_MARGIN_COLUMNS  # many columns: thin cell margins
    if table.caption:
        _paragraph(
            doc,
            table.caption,
            style="Caption",
            indent=False,
            keep_with_next=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            size=BODY_PT - 1,
            bold=True,
            space_after=4,
        )
    word = doc.add_table(rows=1, cols=len(table.columns))
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(word)
    _cell_margins(word, CELL_MARGIN_MM[narrow])
    for cell, column in zip(word.rows[0].cells, table.columns):
        _cell_text(cell, column.label, bold=True, size=size)
    _row_flag(word.rows[0], "w:tblHeader")
    _row_flag(word.rows[0], "w:cantSplit")
    for row in table.rows:
        added = word.add_row()
        _row_flag(added, "w:cantSplit")
        cells = added.cells
        if row.group:
            merged = cells[0].merge(cells[-1])
            _cell_text(merged, row.cells[0].text, bold=True, size=size)
            merged.paragraphs[0].paragraph_format.keep_with_next = True  # with its first row
            continue
        for cell, value, column in zip(cells, row.cells, table.columns):
            _cell_text(cell, value.text, right=column.kind == "number", size=size)
    usable = (LANDSCAPE_TEXT_MM if landscape else PORTRAIT_TEXT_MM)[0]
    word.autofit = False
    character = CHARACTER_MM * size / TABLE_PT
    padding = 2 * CELL_MARGIN_MM[narrow] / character + 0.6
    capacity = usable / character
    # a unit such as đồng/người/năm stays whole where the page allows; else it may break after
    # a slash (Word and LibreOffice break there), never inside a word
    slashes = sum(table.needs(padding, slash_breaks=False)) > capacity
    _widths(word, [Mm(w * character) for w in table.text_first_widths(capacity, padding, slashes)])
    if table.notes:  # the last row stays with the notes under the table
        for cell in word.rows[-1].cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    for note in table.notes:
        _paragraph(doc, note, TABLE_PT, italic=True, indent=False, space_after=2)


def _is_wide(block: Block) -> bool:
    return (isinstance(block, Table) and len(block.printed().columns) > WIDE_TABLE_COLUMNS) or (
        isinstance(block, FormHead)
    )


# -- the parts of a state paper ----------------------------------------------------------------

MOTTO_MM = (68, 97)


def _issuer(cell, head: Letterhead | FormHead, width_mm: float) -> None:
    """The issuing body above its office, and the short rule under them, in a cell."""
    _cell_lines(cell, head.authority, 12, False, width_mm)
    if head.office:
        _cell_lines(cell, head.office, 12, True, width_mm)
    _rule(cell, 22, width_mm)


def _head_line(doc, text: str, size: float, **options):
    """A line of a paper's or a form's heading block: centred and with no space after unless
    ``options`` (of :func:`_paragraph`) say otherwise, kept with what follows it.
    """
    options = {"align": WD_ALIGN_PARAGRAPH.CENTER, "space_after": 0, **options}
    return _paragraph(doc, text, size, indent=False, keep_with_next=True, **options)


def _letterhead(doc, head: Letterhead) -> None:
    """The national motto block, the number and date line, the kind of paper, its subject and the
    short rule under it.
    """
    table = doc.add_table(rows=2, cols=2)
    _borders(table, UNRULED)
    _widths(table, [Mm(w) for w in MOTTO_MM])
    left, right = MOTTO_MM
    _issuer(table.cell(0, 0), head, left)
    _cell_lines(table.cell(0, 1), head.country, 12, True, right)
    _cell_lines(table.cell(0, 1), head.motto, 13, True, right)
    _rule(table.cell(0, 1), 55, right)
    _cell_lines(table.cell(1, 0), head.number, BODY_PT, False, left)
    _cell_lines(table.cell(1, 1), head.place_date, BODY_PT, False, right, italic=True)
    table.cell(1, 0).paragraphs[0].paragraph_format.space_before = Pt(6)
    table.cell(1, 1).paragraphs[0].paragraph_format.space_before = Pt(6)
    _head_line(doc, head.kind, 14, bold=True, space_before=18)
    _head_line(doc, head.subject, 14, bold=True)
    _rule(doc, 30, PORTRAIT_TEXT_MM[0])
    _paragraph(doc, "", indent=False, space_after=6)


def _form_head(doc, head: FormHead) -> None:
    """A form's heading block: the issuing body and office, the form's number, its title (a
    Heading 1, so the navigation pane finds it), the line tying it to the report, the unit.
    """
    width = LANDSCAPE_TEXT_MM[0]
    table = doc.add_table(rows=1, cols=2)
    _borders(table, UNRULED)
    _widths(table, [Mm(90), Mm(width - 90)])
    _issuer(table.cell(0, 0), head, 90)
    right = table.cell(0, 1).paragraphs[0]
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(right.add_run(head.form), 12, True)
    title = _head_line(doc, head.title, 13, bold=True, space_before=6, style="Heading 1")
    title.runs[0].font.all_caps = False
    _head_line(doc, head.attached, 12, italic=True)
    _head_line(doc, head.unit_note, 12, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT, space_after=2)


def _signature(doc, signature: Signature) -> None:
    """Recipients on the left; on the right the signer's title, room to sign, the name line;
    the text before it kept on the same page (Nghị định 30 does not let a signature stand
    alone on a page).
    """
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=2)
    _borders(table, UNRULED)
    _widths(table, [Mm(82), Mm(83)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = left.paragraphs[0]
    first.paragraph_format.space_after = Pt(0)
    _font(first.add_run(signature.recipients_label), 12, True, True)
    for line in signature.recipients:
        paragraph = left.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(line), 11)
    signer = right.paragraphs[0]
    signer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    signer.paragraph_format.space_after = Pt(0)
    signer.paragraph_format.keep_with_next = True
    _font(signer.add_run(signature.signer), BODY_PT, True)
    for _ in range(4):  # room to sign and seal
        space = right.add_paragraph()
        space.paragraph_format.space_after = Pt(0)
        space.paragraph_format.keep_with_next = True
        _font(space.add_run(""), BODY_PT)
    name = right.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(name.add_run(signature.name_line), BODY_PT, True)
    for row in table.rows:
        _row_flag(row, "w:cantSplit")


def _draft(doc, draft: Draft, evidence_label: str) -> None:
    """An office-only passage: framed, every run highlighted yellow, its label in bold."""
    parts = [(draft.label, True), (draft.prompt, False)]
    if draft.evidence:
        parts.append((draft.evidence_label or evidence_label, False))
    parts += [("- " + e, False) for e in draft.evidence]
    for n, (text, bold) in enumerate(parts):  # the label stays with the prompt; a list may split
        p = _paragraph(
            doc,
            text,
            bold=bold,
            indent=False,
            space_after=0 if n < len(parts) - 1 else 6,
            highlight=True,
            keep_with_next=n < min(3, len(parts) - 1),
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
        _border(p, ("top", "left", "bottom", "right"), size=8, space=4)


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    return struct.unpack(">II", data[16:24])


def _figure(doc, figure: Figure, png: bytes, landscape: bool) -> None:
    """A figure as wide as the text (160 mm) unless that makes it too tall for its page with a
    caption and a heading; then narrower. The caption stays with it.
    """
    width_px, height_px = _png_size(png)
    height_limit = (LANDSCAPE_TEXT_MM if landscape else PORTRAIT_TEXT_MM)[1] - FIGURE_ROOM_MM
    width = min(FIGURE_MM, height_limit * width_px / height_px)
    picture = doc.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True  # the caption stays with its figure
    picture.paragraph_format.space_before = Pt(6)
    picture.add_run().add_picture(io.BytesIO(png), width=Mm(width))
    _paragraph(
        doc,
        figure.caption,
        BODY_PT - 1,
        italic=True,
        style="Caption",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        space_after=8,
    )


def _heading(doc, heading: Heading, first_of_document: bool, notes: bool) -> None:
    level = min(max(heading.level, 1), 4)
    p = doc.add_paragraph(style=f"Heading {level}")
    _text(p, heading.label, HEADING_PT[level], bold=True, italic=level >= 4)
    if level == 1 and notes and not first_of_document:
        p.paragraph_format.page_break_before = True


# -- the document ------------------------------------------------------------------------------


class _Writer:
    """Blocks into a document, switching to landscape pages for wide tables and forms."""

    def __init__(self, doc, texts: Texts, png: Callable[[Figure], bytes], notes: bool):
        self.doc, self.texts, self.png, self.notes = doc, texts, png, notes
        self.landscape = False
        self.headings = 0

    def write(self, blocks: list[Block]) -> None:
        spans = self._landscape_spans(blocks)
        for i, block in enumerate(blocks):
            wants = i in spans
            if wants != self.landscape:
                _new_section(self.doc, landscape=wants, restart=isinstance(block, FormHead))
                self.landscape = wants
            self.block(block)
        # a document ending on a landscape form ends there: no empty portrait page after it

    def _landscape_spans(self, blocks: list[Block]) -> set[int]:
        """The blocks that go on landscape pages: each wide table or form with the text that
        introduces it, back to its heading (in the working notes, whose chapters open on a new
        page, back to the chapter's title when only text lies between).
        """
        chosen: set[int] = set()
        for i, block in enumerate(blocks):
            if not _is_wide(block):
                continue
            start = i
            while start > 0 and isinstance(blocks[start - 1], (Heading, Paragraph, Bullets, Draft)):
                start -= 1
                prev = blocks[start]
                if isinstance(prev, Heading) and (
                    prev.level == 1 or (not self.notes and prev.level <= 2)
                ):
                    break
            chosen.update(range(start, i + 1))
        return chosen

    def block(self, block: Block) -> None:
        doc = self.doc
        if isinstance(block, Heading):
            _heading(doc, block, self.headings == 0, self.notes)
            self.headings += 1
        elif isinstance(block, Paragraph):
            align = {
                "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
                "centre": WD_ALIGN_PARAGRAPH.CENTER,
                "right": WD_ALIGN_PARAGRAPH.RIGHT,
            }[block.align]
            _paragraph(
                doc, block.text, italic=block.italic, align=align, indent=block.align == "justify"
            )
        elif isinstance(block, Bullets):
            for item in block.items:
                p = _paragraph(doc, "- " + item)
                p.paragraph_format.space_after = Pt(3)
        elif isinstance(block, Links):
            for _, label in block.items:
                _paragraph(doc, "- " + label, indent=False)
        elif isinstance(block, Table):
            _table(doc, block, self.landscape)
        elif isinstance(block, Figure):
            _figure(doc, block, self.png(block), self.landscape)
        elif isinstance(block, Interactive):
            _paragraph(doc, self.texts("explorer.static_pointer"), italic=True)
            for inner in block.static:
                self.block(inner)
        elif isinstance(block, Draft):
            _draft(doc, block, self.texts("report.draft.evidence"))
        elif isinstance(block, Letterhead):
            _letterhead(doc, block)
        elif isinstance(block, FormHead):
            _form_head(doc, block)
            self.headings += 1
        elif isinstance(block, Signature):
            _signature(doc, block)
        else:
            raise TypeError(f"unknown block {type(block).__name__}")


def _run_of(element):
    """A bare run holding ``element`` (a field's mark spanning paragraphs)."""
    run = OxmlElement("w:r")
    run.append(element)
    return run


def _contents(doc, texts: Texts, title: str, subtitle: str, blocks: list[Block]) -> None:
    """The document's title and subtitle and a table of contents (a TOC field holding the
    headings as last listed; Word updates it with page numbers when the document is opened).
    """
    _paragraph(
        doc, title, 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, space_after=4
    )
    _paragraph(
        doc,
        subtitle,
        BODY_PT,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        space_after=12,
    )
    heading = doc.add_paragraph(style="TOC Heading")
    _text(heading, texts("publish.toc"), 14, bold=True)
    entries = [b for b in blocks if isinstance(b, Heading) and b.level <= 2]
    paragraphs = [doc.add_paragraph(style=f"TOC {min(e.level, 2)}") for e in entries] or [
        doc.add_paragraph()
    ]
    first, last = paragraphs[0], paragraphs[-1]
    for element in (
        _field_char("begin", dirty=True),
        _field_code('TOC \\o "1-2" \\h \\z \\u'),
        _field_char("separate"),
    ):
        first._p.append(_run_of(element))
    for paragraph, entry in zip(paragraphs, entries):
        _font(paragraph.add_run(entry.label), BODY_PT)
    last._p.append(_run_of(_field_char("end")))
    _paragraph(doc, texts("publish.toc_hint"), 11, italic=True, indent=False, space_after=12)
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def write_docx(
    path: Path,
    blocks: list[Block],
    texts: Texts,
    title: str,
    png: Callable[[Figure], bytes],
    contents: bool = False,
    subtitle: str = "",
) -> None:
    """Write one document as Word.

    Parameters
    ----------
    path : Path
        The file to write.
    blocks : list of Block
        The assembled document (a report opens with its letterhead).
    texts : Texts
        Its language.
    title : str
        Its title (the document's properties; the working notes' first line).
    png : callable
        Draws (or reuses) a figure's image.
    contents : bool
        Open with the title, ``subtitle`` and a table of contents (the working notes).
    subtitle : str
        The line under the title.
    """
    doc = Document()
    _styles(doc, "decimal" if contents else "official")
    _page(doc.sections[0])
    doc.sections[0].different_first_page_header_footer = True  # no number on the first page
    if contents:
        _contents(doc, texts, title, subtitle, blocks)
    _Writer(doc, texts, png, notes=contents).write(blocks)
    for section in doc.sections:
        _page_number(section)
    props = doc.core_properties
    props.author = props.last_modified_by = "dongson_analysis"
    props.title = title
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    props.language = texts.language
    doc.save(str(path))
    normalise_zip(path)
