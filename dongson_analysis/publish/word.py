"""The report as a Word document in the format of state administrative documents (Nghị định
30/2020/NĐ-CP).

A4 paper; margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman,
body 13 pt, justified with a first-line indent; the national motto block at the
top; page numbers centred in the top margin from the second page on. Tables are
real Word tables (wide ones on landscape pages), figures are embedded pictures.
Written with python-docx: it builds real tables and styles from Python with no
external program, and its output can be made byte-identical (fixed document
properties, then fixed zip timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ..blocks import Block, Bullets, Figure, Heading, Interactive, Paragraph, Table, slash_breaks
from ..l10n import Texts
from .files import normalise_zip

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 10.5
WIDE_TABLE_COLUMNS = 8
#: Width of an average character of Times New Roman at TABLE_PT, bold headers included (about 0.55
#: em), and
#: the cell's left and right margins (Word's default 1.9 mm each) in such characters.
CHARACTER_MM = 2.05
CELL_PADDING_CHARACTERS = 3.0
FIXED_TIME = dt.datetime(2020, 1, 1)


def _font(
    run_or_style, size: float | None = None, bold: bool | None = None, italic: bool | None = None
) -> None:
    font = run_or_style.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _page(section, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)


def _page_number(section) -> None:
    """The page number, centred in the top margin (not on the first page)."""
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _font(run, BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


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
):
    p = doc.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(space_before)
    fmt.keep_with_next = keep_with_next
    fmt.line_spacing = 1.15
    if indent:
        fmt.first_line_indent = Cm(1)
    _font(p.add_run(text), size, bold, italic)
    return p


def _borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def _cell_text(
    cell, text: str, bold: bool = False, right: bool = False, size: float = TABLE_PT
) -> None:
    """A cell's text (headers and number columns too), in the table's font size."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_after = Pt(0)
    _font(
        paragraph.add_run(slash_breaks(text, "\u200b")), size, bold
    )  # a long unit may break after a slash


def _table(doc, table: Table) -> None:
    size = TABLE_PT if len(table.columns) <= WIDE_TABLE_COLUMNS else TABLE_PT - 1
    _paragraph(
        doc,
        table.caption,
        BODY_PT - 1,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        keep_with_next=True,
    )
    word = doc.add_table(rows=1, cols=len(table.columns))
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(word)
    for cell, column in zip(word.rows[0].cells, table.columns):
        _cell_text(cell, column.label, bold=True, size=size)
    header = word.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for row in table.rows:
        added = word.add_row()
        cant_split = OxmlElement("w:cantSplit")
        added._tr.get_or_add_trPr().append(cant_split)
        cells = added.cells
        if row.group:
            merged = cells[0].merge(cells[-1])
            _cell_text(merged, row.cells[0].text, bold=True, size=size)
            continue
        for cell, value, column in zip(cells, row.cells, table.columns):
            _cell_text(cell, value.text, right=column.kind == "number", size=size)
    usable = 252 if len(table.columns) > WIDE_TABLE_COLUMNS else 165
    word.autofit = False
    character = CHARACTER_MM * size / TABLE_PT
    widths = [
        Mm(w * character)
        for w in table.fitted_widths(usable / character, padding=CELL_PADDING_CHARACTERS)
    ]
    for grid_column, width in zip(word._tbl.tblGrid.gridCol_lst, widths):
        grid_column.w = width
    for row in word.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    for note in table.notes:
        _paragraph(doc, note, TABLE_PT, italic=True, indent=False, space_after=2)


def _is_wide(block: Block) -> bool:
    return isinstance(block, Table) and len(block.columns) > WIDE_TABLE_COLUMNS


def _new_section(doc, landscape: bool) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=landscape)
    section.different_first_page_header_footer = False  # only the report's first page has no number


def _blocks(doc, blocks: list[Block], texts: Texts, png: Callable[[Figure], bytes]) -> None:
    """Blocks in order; a wide table sits on landscape pages together with the heading just before
    it.
    """
    landscape = False
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        wants = _is_wide(block) or (
            isinstance(block, Heading) and following is not None and _is_wide(following)
        )
        if wants != landscape and not (landscape and _is_wide(block)):
            _new_section(doc, landscape=wants)
            landscape = wants
        _block(doc, block, texts, png, keep_with_next=isinstance(following, Figure))
    if landscape:
        _new_section(doc, landscape=False)


def _block(
    doc, block: Block, texts: Texts, png: Callable[[Figure], bytes], keep_with_next: bool = False
) -> None:
    if isinstance(block, Heading):
        size = {1: 14, 2: 13, 3: 13}.get(block.level, 13)
        _paragraph(
            doc,
            block.text,
            size,
            bold=True,
            italic=block.level >= 3,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            indent=block.level > 1,
            space_after=6,
            space_before=12 if block.level <= 2 else 6,
            keep_with_next=True,
        )
    elif isinstance(block, Paragraph):
        _paragraph(doc, block.text, keep_with_next=keep_with_next)
    elif isinstance(block, Bullets):
        for item in block.items:
            _paragraph(doc, "- " + item)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Figure):
        picture = doc.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True  # the caption stays with its figure
        picture.add_run().add_picture(io.BytesIO(png(block)), width=Mm(160))
        _paragraph(
            doc,
            block.caption,
            BODY_PT - 1,
            italic=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            indent=False,
        )
    elif isinstance(block, Interactive):
        _paragraph(doc, texts("explorer.static_pointer"), italic=True)
        _blocks(doc, list(block.static), texts, png)
    else:
        raise TypeError(f"unknown block {type(block).__name__}")


def _motto(doc, texts: Texts, area_name: str) -> None:
    """The national motto block: issuing office on the left, the country's name and motto on the
    right.
    """
    table = doc.add_table(rows=2, cols=2)
    _widths(table, [Mm(62), Mm(103)])
    left = [texts("document.authority", area_name=area_name.upper()), texts("document.office")]
    right = [texts("document.country"), texts("document.motto")]
    _cell_text(table.cell(0, 0), left[0], size=BODY_PT - 1)
    _cell_text(table.cell(0, 1), right[0], bold=True, size=BODY_PT - 1)
    _cell_text(table.cell(1, 0), left[1], bold=True, size=BODY_PT - 1)
    _cell_text(table.cell(1, 1), right[1], bold=True, size=BODY_PT)
    for row in table.rows:
        for cell in row.cells:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for cell, indent in (
        (table.cell(1, 0), 18),
        (table.cell(1, 1), 28),
    ):  # the short rule under each block
        rule = cell.add_paragraph()
        rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(indent)
        rule.paragraph_format.space_after = Pt(0)
        _rule(rule)
    number = doc.add_table(rows=1, cols=2)
    _widths(number, [Mm(62), Mm(103)])
    _cell_text(number.cell(0, 0), texts("document.number"), size=BODY_PT)
    _cell_text(number.cell(0, 1), texts("document.place_date", area_name=area_name), size=BODY_PT)
    number.cell(0, 0).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.cell(0, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.cell(0, 1).paragraphs[0].runs[0].font.italic = True


def _widths(table, widths) -> None:
    table.autofit = False
    for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        grid_column.w = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _rule(paragraph) -> None:
    """A thin line under a paragraph (the rule under the office's name and under the motto)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _sign_off(doc, texts: Texts) -> None:
    """Recipients on the left, the head of office's signature on the right, as state papers end."""
    table = doc.add_table(rows=1, cols=2)
    _widths(table, [Mm(82), Mm(83)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    _cell_text(left, texts("document.recipients"), bold=True, size=12)
    left.paragraphs[0].runs[0].font.italic = True
    for line in texts("document.recipient_lines").split("\n"):
        paragraph = left.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(line), 11)
    _cell_text(right, texts("document.signer"), bold=True, size=BODY_PT)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def write_docx(
    path: Path,
    chapters: list[tuple[str, list[Block]]],
    texts: Texts,
    title: str,
    subtitle: str,
    area_name: str,
    png: Callable[[Figure], bytes],
) -> None:
    """Write the report: the motto block, the title, then every chapter's blocks in order."""
    doc = Document()
    style = doc.styles["Normal"]
    _font(style, BODY_PT)
    _page(doc.sections[0])
    doc.sections[0].different_first_page_header_footer = True  # no number on the first page
    _motto(doc, texts, area_name)
    _paragraph(doc, "", indent=False)
    _paragraph(
        doc, title, 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, space_after=0
    )
    _paragraph(
        doc, subtitle, 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, space_after=18
    )
    for _, blocks in chapters:
        _blocks(doc, blocks, texts, png)
    _sign_off(doc, texts)
    for section in doc.sections:
        _page_number(section)
    props = doc.core_properties
    props.author = props.last_modified_by = "dongson_analysis"
    props.title = f"{title} {subtitle}"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    props.language = texts.language
    doc.save(str(path))
    normalise_zip(path)
