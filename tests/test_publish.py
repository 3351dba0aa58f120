"""What planners open: HTML for readers, Word in the state format, Excel with real numbers; safe and
deterministic.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PUBLIC_RECORD, REPO, SYNTHETIC_CATALOGUE_DIR
from test_l10n import VIETNAMESE_LETTERS, english_only_words

from dongson_analysis import Settings, run_analysis, settings_from_parameters
from dongson_analysis.publish.regenerate import OutputFolderError, regenerate

HOSTILE_SOURCE = "NG<script>alert(1)</script>"
HOSTILE_AREA = "Thử <b>Nghiệm</b>"


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """The shipped data's reports, written twice (for the determinism check)."""
    root = tmp_path_factory.mktemp("edition")
    settings = settings_from_parameters()
    analysis = run_analysis(settings)
    regenerate(settings, root / "reports", None, ("vi", "en"), analysis=analysis)
    first = digest(root / "reports")
    regenerate(settings, root / "reports", None, ("vi", "en"), analysis=analysis)
    return root / "reports", first


class Page(HTMLParser):
    """The visible text of a page, with quoted data cells set aside, and its links."""

    def __init__(self):
        super().__init__()
        self.text, self.quoted, self.links, self.tags = [], [], [], []
        self._stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        self._stack.append("quoted" in (attrs.get("class") or ""))

    def handle_endtag(self, tag):
        if self._stack:
            self._stack.pop()

    def handle_data(self, data):
        (self.quoted if any(self._stack) else self.text).append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    return page


@pytest.mark.slow
def test_two_regenerations_give_identical_bytes(edition):
    folder, first = edition
    assert digest(folder) == first
    assert {Path(p).suffix for p in first} >= {".html", ".docx", ".xlsx", ".css"}


@pytest.mark.slow
def test_html_pages_are_for_readers(edition):
    folder, _ = edition
    pages = sorted(folder.rglob("*.html"))
    from dongson_analysis.chapters import CHAPTERS

    assert len(pages) == 2 * (len(CHAPTERS) + 1)
    for path in pages:
        html = path.read_text("utf-8")
        assert (
            "¶" not in html
            and "In [" not in html
            and "open_chapter" not in html
            and "chapter.show" not in html
        )
        assert "<pre" not in html and "<script" not in html
        assert "</<wbr>" not in html and "\u200b" not in html
        assert str(REPO) not in html and "/tmp/" not in html and "/home/" not in html


@pytest.mark.slow
def test_indexes_link_both_languages_and_every_chapter_its_twin(edition):
    folder, _ = edition
    assert "en/index.html" in parse(folder / "index.html").links
    assert "../index.html" in parse(folder / "en" / "index.html").links
    for path in sorted(folder.glob("0*.html")):
        assert f"en/{path.name}" in parse(path).links
        assert f"../{path.name}" in parse(folder / "en" / path.name).links
    index = parse(folder / "index.html")
    assert {"bao_cao_danh_gia_ke_hoach.docx", "phu_luc_ky_thuat.docx", "bieu_tong_hop.xlsx"} <= set(
        index.links
    )
    text = " ".join(index.text)
    assert "1. 1." not in text and "Phần I. " in text and "1. Số liệu thu thập" in text


NAMES = (
    "Tiếng Việt",
    "Đông Sơn",
    "Thanh Hóa",
    "Rừng Thông",
    "Đông Văn",
    "Đông Yên",
    "ước",
    "ƯTH",
    "Nhân Dân",
    "Dân trí",
)


def publisher_names() -> set[str]:
    """Publishers as the sources tables name them (names, in any language)."""
    import csv

    names = set()
    for path in (REPO / "data" / "raw").rglob("*sources*.csv"):
        with path.open(encoding="utf-8") as handle:
            names |= {row["publisher"] for row in csv.DictReader(handle)}
    return names


@pytest.mark.slow
def test_english_pages_hold_no_vietnamese_but_names_and_quotations(edition):
    folder, _ = edition
    names = sorted(publisher_names() | set(NAMES), key=len, reverse=True)
    for path in sorted((folder / "en").glob("*.html")):
        text = " ".join(parse(path).text)
        for name in names:
            text = text.replace(name, " ").replace(name.upper(), " ")
        found = VIETNAMESE_LETTERS.findall(text)
        assert not found, (
            path.name,
            [m.start() for m in VIETNAMESE_LETTERS.finditer(text)][:3],
            text[max(0, text.find(found[0]) - 60) : text.find(found[0]) + 40],
        )


@pytest.mark.slow
def test_vietnamese_pages_hold_no_english_but_names_and_method_names(edition):
    folder, _ = edition
    english = english_only_words() - {
        "naive",
        "drift",
        "theta",
        "sources",
        "excel",
        "word",
        "jupyterlab",
        "english",
        "templates",
        "usd",
        "gdp",
        "grdp",
        "statsforecast",
        "statsmodels",
        "eurostat",
        "damped",
    }  # method names
    for path in sorted(folder.glob("*.html")):
        words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", " ".join(parse(path).text))}
        assert not (words & english), (path.name, sorted(words & english))


@pytest.mark.slow
def test_word_documents_in_the_state_format(edition):
    from docx import Document
    from docx.shared import Mm

    folder, _ = edition
    for path in (
        folder / "bao_cao_danh_gia_ke_hoach.docx",
        folder / "phu_luc_ky_thuat.docx",
        folder / "en" / "plan_review_report.docx",
        folder / "en" / "working_notes.docx",
    ):
        doc = Document(str(path))
        first = doc.sections[0]
        assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
        assert round(first.top_margin.mm) == 20 and round(first.bottom_margin.mm) == 20
        assert round(first.left_margin.mm) == 30 and round(first.right_margin.mm) == 15
        landscape = [s for s in doc.sections if s.page_width > s.page_height]
        assert landscape and all(round(s.left_margin.mm) == 30 for s in landscape)
        normal = doc.styles["Normal"].font
        assert normal.name == "Times New Roman" and normal.size.pt == 13
        assert all(shape.width <= Mm(161) for shape in doc.inline_shapes)
        header = doc.sections[0].header.paragraphs[0]._p.xml
        assert "PAGE" in header and doc.sections[0].different_first_page_header_footer
        text = "\n".join(p.text for p in doc.paragraphs)
        assert "\u200b" not in text and "\u200b" not in "".join(
            c.text for t in doc.tables for r in t.rows for c in r.cells
        )
        if "report" in path.name or "bao_cao" in path.name:
            assert len(doc.inline_shapes) == 0  # the report carries no chart
            bieu = next(t for t in doc.tables if t.rows[0].cells[0].text in ("TT", "No."))
            assert len(bieu.rows) > 20
        else:
            assert len(doc.inline_shapes) >= 3 and len(doc.tables) >= 5


@pytest.mark.slow
def test_excel_workbook_holds_numbers_with_formats(edition):
    from openpyxl import load_workbook

    from dongson_analysis.publish.excel import FONT_PT, MIN_PRINTED_PT, print_scale

    folder, _ = edition
    book = load_workbook(folder / "bieu_tong_hop.xlsx")
    assert book.sheetnames == ["Biểu 01", "Đánh giá", "Dự báo", "Đề xuất", "Nguồn"]
    bieu = book["Biểu 01"]
    assert (
        bieu["A1"].value == "UBND HUYỆN ĐÔNG SƠN"
        and bieu["A2"].value == "PHÒNG TÀI CHÍNH – KẾ HOẠCH"
    )
    assert any(c.value == "Biểu số 01" for c in bieu[1])
    assert bieu.page_setup.orientation == "landscape"
    values = {
        (c.value, c.number_format)
        for row in bieu.iter_rows(min_row=8)
        for c in row
        if isinstance(c.value, (int, float))
    }
    assert (54003, "#,##0") in values  # food output as published (no decimals, as its precision)
    assert (18.2, '#,##0.0" (ước)"') in values  # a past year's estimate, marked
    assert (101.9, "0.0") in values  # % of the target, as a number (rice land, 2018)
    assert (1.5, "#,##0.0") in values and (2, "#,##0") in values  # a range: each end its cell
    for ws in book:
        fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
        assert fonts == {"Times New Roman"}, (ws.title, fonts)
        widths = [
            ws.column_dimensions[c.column_letter].width
            for c in ws[ws.print_title_rows.split(":")[0].lstrip("$")]
            if c.value
        ]
        assert print_scale(widths) * FONT_PT >= MIN_PRINTED_PT - 1e-9, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.orientation == "landscape"
    projections = book["Dự báo"]
    years = [c for c in projections["C"] if isinstance(c.value, int)]
    assert years and all(c.number_format == "0" for c in years)  # 2021, not "2,021"
    english = load_workbook(folder / "en" / "plan_review_tables.xlsx")
    assert english.sheetnames == ["Form 01", "Judgements", "Projections", "Proposals", "Sources"]


# -- hostile input: escaped everywhere, neutralised in spreadsheets ------------------------------


def hostile_data(tmp_path: Path, area_name: str = HOSTILE_AREA) -> Settings:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "sources.csv").write_text(
        "source_id,publisher,published,url,what_it_covers\n"
        f'"{HOSTILE_SOURCE}","=HYPERLINK(""http://x"")",2026,,synthetic\n',
        encoding="utf-8",
    )
    rows = [
        ["huyen_thu", "income_per_capita", "triệu đồng/người/năm", y, v, "actual", HOSTILE_SOURCE]
        for y, v in zip(range(2015, 2020), (30.1, 33, 36.2, 40, 43.5))
    ]
    rows.append(
        [
            "huyen_thu",
            "income_per_capita",
            "triệu đồng/người/năm",
            2020,
            45,
            "target",
            HOSTILE_SOURCE,
        ]
    )
    with (data / "synthetic.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["area", "indicator", "unit", "period", "value", "status", "source_id"])
        writer.writerows(rows)
    return Settings((data,), SYNTHETIC_CATALOGUE_DIR, area="huyen_thu", area_name=area_name)


@pytest.mark.slow
def test_hostile_source_id_and_area_name_are_escaped_and_neutralised(tmp_path):
    from openpyxl import load_workbook

    settings = hostile_data(tmp_path)
    regenerate(settings, tmp_path / "reports", None, ("vi", "en"))
    for path in (tmp_path / "reports").rglob("*.html"):
        html = path.read_text("utf-8")
        assert "<script>" not in html and "<b>Nghiệm</b>" not in html, path.name
        assert str(tmp_path) not in html
    assert "&lt;script&gt;" in (tmp_path / "reports" / "04_so_lieu.html").read_text("utf-8")
    book = load_workbook(tmp_path / "reports" / "bieu_tong_hop.xlsx")
    cells = [c for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    formula_like = [c for c in cells if c.value.startswith("=")]
    assert formula_like and all(c.data_type == "s" and c.quotePrefix for c in formula_like)
    with zipfile.ZipFile(tmp_path / "reports" / "bao_cao_danh_gia_ke_hoach.docx") as z:
        assert "<script>" not in z.read("word/document.xml").decode("utf-8")


def test_output_folder_not_written_by_us_is_refused(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "my_notes.docx").write_text("mine")
    with pytest.raises(OutputFolderError):
        regenerate(hostile_data(tmp_path), tmp_path / "reports", None, ("vi",))
    assert (tmp_path / "reports" / "my_notes.docx").read_text() == "mine"


def _regenerate_in_process(args):
    folder, area_name = args
    settings = hostile_data(Path(folder) / area_name.replace(" ", "_"), area_name)
    regenerate(settings, Path(folder) / "reports", None, ("vi", "en"))
    return area_name


@pytest.mark.slow
def test_two_regenerations_at_once_do_not_interleave(tmp_path):
    from multiprocessing import get_context

    names = ["Huyện Một", "Huyện Hai"]
    for name in names:
        (tmp_path / name.replace(" ", "_")).mkdir()
    with get_context("fork").Pool(2) as pool:
        assert sorted(
            pool.map(_regenerate_in_process, [(str(tmp_path), n) for n in names])
        ) == sorted(names)
    pages = sorted((tmp_path / "reports").rglob("*.html"))
    seen = {name for path in pages for name in names if name in path.read_text("utf-8")}
    assert len(seen) == 1, "the pages come from two different runs"
    assert not [
        p for p in tmp_path.iterdir() if p.name.startswith(".reports-")
    ]  # no staging folder left


@pytest.mark.slow
def test_notebooks_are_stored_with_outputs_and_no_code_in_html(tmp_path):
    import json

    import nbformat

    shutil.copytree(PUBLIC_RECORD, tmp_path / "data" / "public_record")
    settings = hostile_data(tmp_path)
    regenerate(
        settings,
        tmp_path / "reports",
        tmp_path / "notebooks",
        ("vi",),
    )
    paths = sorted((tmp_path / "notebooks").glob("*.ipynb"))
    assert [p.stem[:2] for p in paths] == [f"{i:02d}" for i in range(1, 10)]
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        assert "huyen_thu" in params.source
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert outputs and not [
            o for o in outputs if o.output_type == "error" or getattr(o, "name", "") == "stderr"
        ]
        for cell in nb.cells:
            if "interactive" in cell.metadata.get("tags", []):
                assert cell.outputs == [] and "skip-execution" in cell.metadata["tags"]
        text = json.dumps([c.outputs for c in nb.cells if c.cell_type == "code"])
        for marker in ("0x7f", "object at", "execution_start", "Traceback"):
            assert marker not in text


def test_a_failing_chapter_is_one_plain_message(tmp_path):
    import nbformat

    from dongson_analysis.chapters import CHAPTERS
    from dongson_analysis.publish.notebook_files import ChapterRunError, run_notebooks

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("1 / 0"))
    with pytest.raises(ChapterRunError) as err:
        run_notebooks([(CHAPTERS[0], nb)], tmp_path)
    assert str(err.value) == f"{CHAPTERS[0].slug}: ZeroDivisionError: division by zero"
