"""The two documents an office gets from one analysis, built from synthetic districts (every
figure here is made up and named synthetic): the report to file, in the official structure with
Biểu 01 after the signature, and the working notes that hold the method.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SYNTHETIC_CATALOGUE_DIR

from dongson_analysis import Settings, judgement_table, run_analysis
from dongson_analysis.blocks import Draft, Edition, Heading, Signature, Table
from dongson_analysis.chapters import CHAPTERS, DOCUMENTS, assemble, workbook
from dongson_analysis.l10n import texts_for
from dongson_analysis.review import (
    REPORT_GROUPS,
    SECTORS,
    UnknownThemeError,
    plans_under_review,
    report_group,
    sector_indicators,
    sector_of,
)

#: Synthetic yearly figures (the base year, then each year of the period under review; the last
#: an estimate): indicator → (unit, values).
SYNTHETIC_FIGURES = {
    "production_value_growth": ("%", [16, 17, 17.5, 18.2, 18, 17.9]),
    "economic_structure_agriculture": ("%", [22, 21, 20, 19, 18, 17]),
    "economic_structure_industry_construction": ("%", [55, 56, 57, 58, 59, 60]),
    "economic_structure_services": ("%", [23, 23, 23, 23, 23, 23]),
    "value_per_hectare": ("triệu đồng/ha", [95, 100, 106, 111, 116, 121]),
    "food_output": ("tấn", [52000, 53000, 53500, 54000, 54200, 54500]),
    "development_investment": ("tỷ đồng", [2000, 2200, 2450, 2650, 2800, 2950]),
    "export_value": ("triệu USD", [30, 33, 36, 40, 43, 46]),
    "budget_revenue": ("tỷ đồng", [300, 320, 350, 380, 400, 430]),
    "income_per_capita": ("triệu đồng/người/năm", [37, 40, 43.5, 47, 51, 54]),
    "poverty_rate": ("%", [8, 6.5, 5, 3.8, 2.5, 1.5]),
    "poor_households_excl_social_protection": ("hộ", [900, 600, 350, 150, 40, 10]),
    "urban_population_share": ("%", [20, 22, 24, 26, 28, 30]),
    "ntm_communes": ("xã", [5, 7, 9, 11, 13, 14]),
    "model_ntm_communes": ("xã", [0, 1, 2, 3, 4, 5]),
    "model_ntm_villages": ("thôn", [0, 2, 5, 9, 13, 17]),
    "national_standard_school_share": ("%", [80, 84, 88, 92, 95, 97.5]),
    "new_jobs_total": ("người", [1800, 1900, 2000, 2100, 2200, 2300]),
    "labour_export_total": ("người", [500, 550, 600, 650, 700, 720]),
    "vocational_training": ("người", [2000, 2100, 2200, 2300, 2400, 2500]),
    "party_orgs_good_share": ("%", [75, 77, 78, 80, 81, 82]),
}
#: Synthetic targets: indicator → (unit, value, period: "term" for the whole period, "last" for its
#: last year in the term plan, "annual" for the last year's annual plan; qualifier).
SYNTHETIC_TARGETS = {
    "production_value_growth_avg": ("%/năm", 17.5, "term", ""),
    "income_per_capita": ("triệu đồng/người/năm", 55, "last", ""),
    "food_output": ("tấn", 52500, "term", ""),
    "poverty_rate": ("%", 1.5, "last", ""),
    "urban_population_share": ("%", 32, "last", ""),
    "new_jobs_total": ("người", 10000, "term", "at_least"),
    "budget_revenue": ("tỷ đồng", 420, "annual", ""),
    "export_value": ("triệu USD", 50, "annual", ""),
    "development_investment": ("tỷ đồng", 3000, "annual", ""),
    "national_standard_school_share": ("%", 97.36, "annual", ""),
    "party_orgs_good_share": ("%", 80, "annual", "at_least"),
    "value_per_hectare": ("triệu đồng/ha", 120, "annual", ""),
}
#: Indicators whose names hold no word of an administrative level (for the level test).
LEVEL_FREE = (
    "production_value_growth",
    "income_per_capita",
    "food_output",
    "budget_revenue",
    "export_value",
    "development_investment",
    "poverty_rate",
    "new_jobs_total",
    "national_standard_school_share",
    "party_orgs_good_share",
    "production_value_growth_avg",
    "value_per_hectare",
)


def synthetic_district(
    folder: Path,
    area: str = "huyen_thu",
    review: tuple[int, int] = (2016, 2020),
    indicators: tuple[str, ...] | None = None,
    kind: str = "",
) -> Settings:
    """Write a synthetic complete area (figures for every year of the period and the year before,
    targets of the term and of the last year's annual plan) and return its settings.
    """
    first, last = review
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.csv").write_text(
        "source_id,publisher,published,url,what_it_covers\n"
        f"SYN,Synthetic test data (not real),{last}-07,https://example.org/synthetic,made up\n",
        encoding="utf-8",
    )
    rows = []
    for indicator, (unit, values) in SYNTHETIC_FIGURES.items():
        if indicators is not None and indicator not in indicators:
            continue
        for year, value in zip(range(first - 1, last + 1), values):
            status = "ước" if year == last else "actual"
            rows.append(f"{area},{indicator},{unit},{year},{value},{status},SYN,")
    for indicator, (unit, value, period, qualifier) in SYNTHETIC_TARGETS.items():
        if indicators is not None and indicator not in indicators:
            continue
        stated = f"{first}-{last}" if period == "term" else str(last)
        source = "SYN" if period != "annual" else "SYN"
        rows.append(f"{area},{indicator},{unit},{stated},{value},target,{source},{qualifier}")
    (folder / "synthetic_district.csv").write_text(
        "area,indicator,unit,period,value,status,source_id,qualifier\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    return Settings(
        (folder,),
        SYNTHETIC_CATALOGUE_DIR,
        area=area,
        review=review,
        plan=(last + 1, last + 5),
    )


def with_kinds(analysis, kind: str = "official"):
    """The analysis with every source given ``kind`` (the sources table's ``kind`` column, which
    the shipped tables do not have yet).
    """
    return replace(analysis, sources=analysis.sources.assign(kind=kind))


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    """The analysis of a synthetic complete district, its sources classified official."""
    folder = tmp_path_factory.mktemp("synthetic_district")
    return with_kinds(run_analysis(synthetic_district(folder / "data")))


def bieu_of(analysis, texts) -> Table:
    return next(
        b
        for b in assemble(analysis, texts, "report").blocks
        if isinstance(b, Table) and b.key == "bieu_01"
    )


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def report_docx(district, tmp_path_factory):
    """The report of the synthetic district as a Word document (it holds no figure)."""
    from dongson_analysis.publish.word import write_docx

    path = tmp_path_factory.mktemp("report") / "bao_cao.docx"
    texts = texts_for("vi")
    blocks = assemble(district, texts, "report").blocks
    write_docx(path, blocks, texts, "BÁO CÁO", png=lambda f: f.png())
    return path


# -- the report's structure ---------------------------------------------------------------------


def test_the_count_of_targets_met_equals_the_judgement_table(district):
    texts = texts_for("vi")
    table = judgement_table(list(district.judgements))
    blocks = assemble(district, texts, "report").section("01_ket_qua_thuc_hien", "targets")
    text = " ".join(item for b in blocks if hasattr(b, "items") for item in b.items)
    sections = plans_under_review(district)
    assert len(sections) == 2  # the term plan and its last year's annual plan
    for section in sections:
        rows = table[table["plan"] == section.plan.id]
        groups = rows["status"].map(report_group)
        met = int(groups.eq("met").sum())
        judged = int(groups.ne("not_assessable").sum())
        assert f"{judged}/{len(rows)} chỉ tiêu đã thu thập có số liệu: {met} đạt và vượt" in text
        not_met = int(groups.eq("not_met").sum())
        if not_met:
            assert f"{not_met} không đạt" in text


def test_every_sector_with_figures_has_its_section(district, report_docx):
    from docx import Document

    texts = texts_for("vi")
    headings = {
        p.text for p in Document(str(report_docx)).paragraphs if p.style.name.startswith("Heading")
    }
    obs = district.area_observations
    with_figures = set(obs.loc[obs["effective_status"].isin(["actual", "estimate"]), "indicator"])
    by_sector = sector_indicators(district.catalogue)
    expected = [s.id for s in SECTORS if set(by_sector[s.id]) & with_figures]
    assert len(expected) >= 6
    for sector in expected:
        label = texts(f"report.sectors.{sector}")
        assert any(h.endswith(label) for h in headings), (sector, sorted(headings))


def test_shortcomings_list_every_target_not_achieved(district):
    from dongson_analysis.formatting import indicator_name

    texts = texts_for("vi")
    blocks = assemble(district, texts, "report").section("01_ket_qua_thuc_hien", "shortcomings")
    text = " ".join(
        (b.text if hasattr(b, "text") else " ".join(getattr(b, "items", ()))) for b in blocks
    )
    short = [
        j
        for s in plans_under_review(district)
        for j in (r.judgement for r in s.rows)
        if j.status == "not_achieved"
    ]
    assert len(short) >= 3
    for j in short:
        name = indicator_name(texts, district.catalogue, j.target.indicator)
        assert name in text.lower() or name in text, name
    assert any(isinstance(b, Draft) for b in blocks)  # the causes: the office's to write


def test_bieu_01_has_every_column_and_the_next_plan_for_every_core_indicator(district):
    texts = texts_for("vi")
    ed = Edition(district, texts, "report")
    bieu = bieu_of(district, texts)
    labels = [c.label for c in bieu.columns]
    expected = [
        "TT",
        "Chỉ tiêu",
        "ĐVT",
        "KH",
        "TH 2016",
        "TH 2017",
        "TH 2018",
        "TH 2019",
        "ƯTH 2020",
        "BQ/LK 2016–2020",
        "% so với KH",
        "Đánh giá",
        "KH 2021–2025",
        "Ghi chú",
    ]
    printed = [c.label for c in bieu.printed().columns]
    assert printed == expected
    # the low and high variants are in the proposals' table, not on the form (one page wide)
    assert not [label for label in labels if "phương án" in label]
    next_plan = labels.index("KH 2021–2025")
    planned = [
        row.cells[1].text
        for row in bieu.rows
        if not row.group and row.cells[next_plan].value is not None
    ]
    from dongson_analysis.formatting import indicator_name

    for ind in district.catalogue.core_indicators():
        name = indicator_name(texts, district.catalogue, ind.id, start=True)
        assert [p for p in planned if p == name or p.startswith(name + " (")], (ind.id, planned)
    assert ed.params["next_first"] == 2021


def test_bieu_01_comes_after_the_signature(district, report_docx):
    blocks = assemble(district, texts_for("vi"), "report").blocks
    kinds = [type(b).__name__ for b in blocks]
    assert (
        kinds.index("Signature")
        < kinds.index("FormHead")
        < kinds.index("Table", kinds.index("FormHead"))
    )
    from docx import Document

    body = Document(str(report_docx)).element.body
    text = [el.xpath("string(.)") for el in body.iterchildren()]
    signer = next(i for i, t in enumerate(text) if "TRƯỞNG PHÒNG" in t)
    heading = next(b for b in blocks if type(b).__name__ == "FormHead").title
    form = next(i for i, t in enumerate(text) if t == heading)
    assert signer < form


def test_the_report_holds_no_working_tool_text(district, report_docx):
    text = docx_text(report_docx)
    for word in (
        "JupyterLab",
        "notebook",
        "templates/",
        "statsforecast",
        "sMAPE",
        "MASE",
        "MSIS",
        "Chương này",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "hồ sơ",
    ):
        assert word not in text, word
    for lang in ("vi", "en"):
        blocks = assemble(district, texts_for(lang), "report").blocks
        assert not [b for b in blocks if type(b).__name__ in ("Figure", "Interactive")]


def test_the_working_notes_hold_the_method_and_the_benchmark(district):
    texts = texts_for("vi")
    notes = assemble(district, texts, "notes").blocks
    headings = [b.text for b in notes if isinstance(b, Heading)]
    assert texts("chapters.methods.accuracy_heading") in headings
    assert texts("chapters.record.sources_heading") in headings
    assert texts("chapters.record.gaps_heading") in headings
    report = assemble(district, texts, "report").blocks
    lines = [b.text for b in report if hasattr(b, "text") and "phụ lục kỹ thuật" in b.text]
    assert not lines  # the report is complete without the notes and never calls them attached


def test_draft_marks_mark_the_office_passages_and_go_when_written(district, tmp_path):
    from docx import Document

    from dongson_analysis.publish.word import write_docx

    texts = texts_for("vi")
    marked = assemble(district, texts, "report").blocks
    drafts = [b for b in marked if isinstance(b, Draft)]
    assert len(drafts) >= 6  # guidance, causes, lessons, context, objective, tasks, recommendations
    causes = next(d for d in drafts if "nguyên nhân" in d.prompt)
    assert any("không đạt" in e.lower() for e in causes.evidence)
    path = tmp_path / "marked.docx"
    write_docx(path, marked, texts, "BÁO CÁO", png=lambda f: f.png())
    highlighted = [
        r.text for p in Document(str(path)).paragraphs for r in p.runs if r.font.highlight_color
    ]
    assert texts("report.draft.label") in highlighted
    from dongson_analysis.settings import OFFICE_PASSAGES

    office = tuple((name, f"Văn bản của phòng ({name}).") for name in OFFICE_PASSAGES)
    written = replace(
        district, settings=replace(district.settings, draft_marks=False, office_text=office)
    )
    plain = assemble(written, texts, "report").blocks
    assert not [b for b in plain if isinstance(b, Draft)]
    path = tmp_path / "plain.docx"
    write_docx(path, plain, texts, "BÁO CÁO", png=lambda f: f.png())
    assert not [r for p in Document(str(path)).paragraphs for r in p.runs if r.font.highlight_color]
    assert texts("report.draft.label") not in docx_text(path)


def test_every_heading_is_in_a_heading_style_and_every_url_a_hyperlink(district, tmp_path):
    from docx import Document

    from dongson_analysis.blocks import URL
    from dongson_analysis.publish.word import write_docx

    texts = texts_for("vi")
    for key in DOCUMENTS:
        blocks = assemble(district, texts, key).blocks
        blocks = [b for b in blocks if type(b).__name__ not in ("Figure", "Interactive")]
        path = tmp_path / f"{key}.docx"
        write_docx(path, blocks, texts, key, png=lambda f: f.png(), contents=key == "notes")
        doc = Document(str(path))
        styled = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
        for b in blocks:
            if isinstance(b, Heading):
                assert b.label in styled, b.label
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        rels = zipfile.ZipFile(path).read("word/_rels/document.xml.rels").decode("utf-8")
        plain = re.sub(r"<w:hyperlink\b.*?</w:hyperlink>", "", xml, flags=re.S)
        plain_text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", plain))
        assert not URL.search(plain_text), URL.search(plain_text)
        if key == "notes":
            assert "https://example.org/synthetic" in rels and "<w:hyperlink" in xml
            assert "TOC \\o" in xml


def test_the_report_cites_only_citable_sources_dated_before_it(tmp_path):
    from dongson_analysis.chapters.sources import citations, reference_date, report_date

    settings = synthetic_district(tmp_path / "data", indicators=LEVEL_FREE)
    analysis = run_analysis(settings)
    assert report_date(analysis) == "2020-07" and reference_date(analysis) == "2020-07"
    found = citations(analysis)
    assert found["SYN"].problem == "kind_missing"  # no kind column yet: not cited
    texts = texts_for("vi")
    bieu = bieu_of(analysis, texts)
    assert all("nguồn SYN" not in r.cells[-1].text for r in bieu.rows)
    assert any("nguồn chưa xác minh" in r.cells[-1].text for r in bieu.rows)
    official = with_kinds(analysis)
    bieu = bieu_of(official, texts)
    assert any("nguồn SYN" in r.cells[-1].text for r in bieu.rows)
    assert any("SYN – Synthetic test data" in n for n in bieu.notes)
    forum = with_kinds(analysis, "aggregator")
    assert citations(forum)["SYN"].problem == "not_citable"
    early = replace(official, settings=replace(official.settings, report_date="2020-06-30"))
    assert citations(early)["SYN"].problem == "after_report"
    with pytest.raises(ValueError, match="kind 'blog'"):
        citations(with_kinds(analysis, "blog"))


def test_the_reference_date_is_stated(district):
    texts = texts_for("vi")
    opening = assemble(district, texts, "report").section("01_ket_qua_thuc_hien", "opening")
    assert any("số liệu thu thập đến tháng 7/2020" in getattr(b, "text", "") for b in opening)


# -- registries --------------------------------------------------------------------------------


def test_every_theme_of_the_catalogue_has_a_sector_and_an_unknown_one_fails(catalogue):
    for ind in catalogue:
        assert sector_of(ind.theme, ind.id) in SECTORS
    with pytest.raises(UnknownThemeError, match="theme 'tourism'.*'hotel_rooms'.*SECTORS"):
        sector_of("tourism", "hotel_rooms")
    for lang in ("vi", "en"):
        for sector in SECTORS:
            assert texts_for(lang)(f"report.sectors.{sector.id}")


def test_report_groups_cover_every_status():
    from dongson_analysis.judgement import JUDGEMENT_STATUSES

    assert set(REPORT_GROUPS) == set(JUDGEMENT_STATUSES)
    with pytest.raises(ValueError, match="unknown judgement status 'done'"):
        report_group("done")


def test_chapter_numbers_come_from_their_position():
    assert [ch.slug[:2] for ch in CHAPTERS] == [f"{i:02d}" for i in range(1, len(CHAPTERS) + 1)]
    assert [ch.document for ch in CHAPTERS][:3] == ["report"] * 3
    texts = texts_for("vi")
    for lang in ("vi", "en"):
        flat = texts_for(lang).raw("chapters")
        assert not [k for k, v in _flat(flat).items() if re.search(r"chương \d|chapter \d", v)]
    assert texts


def _flat(tree, prefix=""):
    out = {}
    for k, v in tree.items():
        if isinstance(v, dict) and not set(v) <= {"one", "other"}:
            out.update(_flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v if isinstance(v, str) else " ".join(v.values())
    return out


def test_no_year_of_the_case_is_written_into_a_text_key():
    for lang in ("vi", "en"):
        texts = texts_for(lang)
        for section in ("chapters", "report", "publish", "document", "excel", "review", "chart"):
            for key, value in _flat(texts.raw(section), f"{section}.").items():
                assert not re.search(r"\b(19|20)\d\d\b", value), (lang, key, value)


def test_headings_are_numbered_from_their_position(district):
    texts = texts_for("vi")
    report = assemble(district, texts, "report")
    parts = [b.label for b in report.blocks if isinstance(b, Heading) and b.level == 1]
    assert parts[0].startswith("Phần I. ") and parts[1].startswith("Phần II. ")
    second = [b.number for b in report.blocks if isinstance(b, Heading) and b.level == 2]
    assert second[:4] == ["I.", "II.", "III.", "IV."]
    notes = assemble(district, texts, "notes")
    first = [b.label for b in notes.blocks if isinstance(b, Heading) and b.level == 1]
    assert [t.split(" ")[0] for t in first] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert not [t for t in first if t.startswith("1. 1.")]
    text = " ".join(getattr(b, "text", "") for b in notes.blocks)
    assert "\ue000" not in text and "mục 6" in text  # cross-references resolved


def test_the_workbook_sheets_come_from_the_chapters(district):
    texts = texts_for("vi")
    sheets = workbook(district, texts)
    assert [name for name, _ in sheets] == ["Biểu 01", "Đánh giá", "Dự báo", "Đề xuất", "Nguồn"]
    assert type(sheets[0][1][0]).__name__ == "FormHead"
    assert all(isinstance(blocks[-1], Table) for _, blocks in sheets)
    assert not [b for b in assemble(district, texts, "report").blocks if isinstance(b, Signature)][
        1:
    ]


# -- words by level; one road for the years -----------------------------------------------------


def rendered_texts(analysis, lang: str, folder: Path) -> dict[str, str]:
    """The text of the report (Word), of the workbook and of the index and report pages."""
    from openpyxl import load_workbook

    from dongson_analysis.publish.editions import index_blocks
    from dongson_analysis.publish.excel import write_xlsx
    from dongson_analysis.publish.html import block_html
    from dongson_analysis.publish.word import write_docx

    texts = texts_for(lang)
    folder.mkdir(parents=True, exist_ok=True)
    report = assemble(analysis, texts, "report").blocks
    write_docx(folder / "report.docx", report, texts, "x", png=lambda f: f.png())
    write_xlsx(folder / "book.xlsx", workbook(analysis, texts), texts, "x")
    book = load_workbook(folder / "book.xlsx")
    cells = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value)
    pages = " ".join(block_html(b, texts, lambda f: b"") for b in report)
    index = " ".join(block_html(b, texts, lambda f: b"") for b in index_blocks(analysis, texts))
    strip = lambda html: re.sub(r"<[^>]+>", " ", html)  # noqa: E731
    return {
        "report.docx": docx_text(folder / "report.docx"),
        "workbook": cells,
        "pages": strip(pages),
        "index": strip(index),
    }


def without_names(text: str, analysis, lang: str) -> str:
    """``text`` without the catalogue's names (indicators, units, areas, plans): data, not words
    of the documents.
    """
    cat = analysis.catalogue
    names = (
        [ind.name(lang) for ind in cat]
        + [cat.unit_label(u, lang) for u in cat.units]
        + [a.name(lang) for a in cat.areas.values()]
    )
    for name in sorted(set(names), key=len, reverse=True):
        text = re.sub(re.escape(name), " ", text, flags=re.I)
    return re.sub(r"xã hội", " ", text, flags=re.I)  # "society", not a commune


@pytest.mark.parametrize("area", ["xa_thu", "huyen_thu", "tinh_thu"])
def test_the_report_names_its_own_level_and_no_other(area, tmp_path):
    from dongson_analysis.areas import LEVELS

    analysis = run_analysis(synthetic_district(tmp_path / "data", area, indicators=LEVEL_FREE))
    own = analysis.catalogue.area(area).level
    for lang in ("vi", "en"):
        texts = texts_for(lang)
        words = {level: texts(f"levels.{level}.unit") for level in LEVELS}
        mine = words[own]
        others = {w for w in words.values() if w != mine and w.lower() not in mine.lower()}
        found = rendered_texts(analysis, lang, tmp_path / lang)
        committee = texts(f"levels.{own}.committee", name=analysis.settings.area_name.upper())
        assert committee in re.sub(r"\s+", " ", found["report.docx"])
        parent = analysis.catalogue.area(area).parent
        sent_to = words[analysis.catalogue.area(parent).level] if parent else ""
        for where, text in found.items():
            text = without_names(text, analysis, lang)
            if sent_to:  # before the 2025 reform a commune's report is sent to its district
                text = re.sub(rf"{re.escape(sent_to)}\s*(\(.*?\))?;", ";", text, flags=re.I)
            for word in others:
                hit = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.I)
                assert not hit, (
                    lang,
                    area,
                    where,
                    word,
                    text[max(0, hit.start() - 80) : hit.end() + 40],
                )


@pytest.mark.slow
def test_a_later_review_reads_its_own_years_everywhere(tmp_path):
    from openpyxl import load_workbook

    from dongson_analysis.publish.regenerate import regenerate

    settings = synthetic_district(
        tmp_path / "data",
        review=(2021, 2025),
        indicators=LEVEL_FREE[:6] + ("production_value_growth_avg",),
    )
    analysis = with_kinds(run_analysis(settings))
    out = tmp_path / "reports"
    regenerate(settings, out, None, ("vi", "en"), analysis=analysis)
    outputs = {}
    for path in sorted(out.rglob("*")):
        if path.suffix == ".html":
            outputs[str(path.relative_to(out))] = re.sub(r"<[^>]+>", " ", path.read_text("utf-8"))
        elif path.suffix == ".docx":
            outputs[str(path.relative_to(out))] = docx_text(path)
        elif path.suffix == ".xlsx":
            book = load_workbook(path)
            for ws in book:
                outputs[f"{path.relative_to(out)}[{ws.title}]"] = " ".join(
                    str(c.value) for row in ws.iter_rows() for c in row if c.value is not None
                )
    assert len(outputs) >= 2 * (len(CHAPTERS) + 1 + 2 + 5)
    for where, text in outputs.items():
        text = re.sub(r"\s+", " ", text)
        if where.endswith("[Nguồn]") or where.endswith("[Sources]"):
            continue  # the sources sheet names sources, not periods
        assert "2026–2030" in text or "2026-2030" in text or "2030" in text, where
        for old in ("2015", "2016", "2017", "2018", "2019", "2016–2020"):
            assert not re.search(rf"(?<!\d){old}(?!\d)", text), (where, old)
    book = load_workbook(out / "bieu_tong_hop.xlsx")
    years = [c.value for c in book["Dự báo"]["C"][1:] if isinstance(c.value, int)]
    assert years and max(years) == 2030 and min(years) == 2026
    headers = [c.value for c in book["Biểu 01"][7]]
    assert "ƯTH 2025" in headers and "KH 2026–2030" in headers and "TH 2021" in headers


def test_the_report_keeps_to_its_language_and_starts_sentences_in_capitals(district, tmp_path):
    from test_l10n import VIETNAMESE_LETTERS, english_only_words

    from dongson_analysis.publish.word import write_docx

    english = english_only_words() - {"excel", "word", "covid"}
    for lang in ("vi", "en"):
        texts = texts_for(lang)
        path = tmp_path / f"{lang}.docx"
        write_docx(path, assemble(district, texts, "report").blocks, texts, "x", png=lambda f: b"")
        raw = docx_text(path)
        for m in re.finditer(r"[.!?] +(\w)", raw):
            assert not m.group(1).islower(), raw[max(0, m.start() - 60) : m.end() + 20]
        text = without_names(raw, district, lang)
        for publisher in district.sources["publisher"]:
            text = text.replace(str(publisher), " ")
        if lang == "vi":
            found = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)} & english
            assert not found, found
        else:
            assert not VIETNAMESE_LETTERS.search(text), VIETNAMESE_LETTERS.search(text)


def test_comparable_areas_show_only_when_published_by_the_report_date(district):
    import pandas as pd

    texts = texts_for("vi")
    assert not assemble(district, texts, "report").section("02_phuong_huong", "comparables")
    frame = pd.DataFrame(
        {
            "area_name": ["huyện Thọ Xuân (synthetic)", "tỉnh Thử (synthetic)"],
            "area_level": ["huyện", "tỉnh"],
            "indicator": ["income_per_capita", "income_per_capita"],
            "period": ["2025", "2025"],
            "period_start": [2025, 2025],
            "period_end": [2025, 2025],
            "value": [80.0, 90.0],
            "value_high": [float("nan")] * 2,
            "qualifier": ["", "at_least"],
            "source_id": ["SYN", "SYN2"],
            "quote": ["", ""],
            "note": ["", ""],
            "published": ["2020-06", "2021-03"],
            "published_by_report_date": [True, False],
        }
    )
    other = replace(district, comparables=frame)  # synthetic targets of other areas
    blocks = assemble(other, texts, "report").section("02_phuong_huong", "comparables")
    table = next(b for b in blocks if isinstance(b, Table))
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0][0] == "Thu nhập bình quân đầu người" and "phương án thấp" in rows[0][1]
    assert rows[3][1:4] == ["huyện Thọ Xuân (synthetic)", "2025", "80"]
    assert len(rows) == 4  # the province's target came out after the report: not cited


def test_the_motto_block_breaks_a_unit_name_between_words():
    from dongson_analysis.publish.word import lines

    assert lines("PHÒNG TÀI CHÍNH – KẾ HOẠCH", 22) == ["PHÒNG TÀI CHÍNH –", "KẾ HOẠCH"]
    assert lines("PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ", 24) == ["PHÒNG KINH TẾ,", "HẠ TẦNG VÀ ĐÔ THỊ"]
    assert lines("UBND HUYỆN ĐÔNG SƠN", 24) == ["UBND HUYỆN ĐÔNG SƠN"]
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "UBND THÀNH PHỐ THANH HÓA MỚI"):
        for width in range(8, 40):
            broken = lines(text, width)
            assert " ".join(broken) == text  # only ever between words


def test_a_target_cites_the_same_sources_on_every_sheet(district):
    texts = texts_for("vi")
    sheets = dict(workbook(district, texts))
    judged = next(b for b in sheets["Đánh giá"] if isinstance(b, Table))
    sources = {r.cells[-1].text for r in judged.rows if not r.group}
    assert sources == {"SYN"}
    from dongson_analysis.blocks import Edition
    from dongson_analysis.review import detailed_table

    review = detailed_table(Edition(district, texts, "notes"))
    assert {r.cells[-1].text for r in review.rows if not r.group} == sources


def test_no_unit_runs_into_a_year(district):
    for lang, pattern in (("vi", r"/năm năm \d{4}"), ("en", r"a year in \d{4}")):
        texts = texts_for(lang)
        for key in ("report",):  # the text layer's trend sentences in the notes: its own issue
            text = " ".join(
                getattr(b, "text", "")
                + " ".join(getattr(b, "items", ()))
                + " ".join(getattr(b, "evidence", ()))
                for b in assemble(district, texts, key).blocks
            )
            assert not re.search(pattern, text), re.search(pattern, text)
