"""National consumer prices: read beside the record with their sources, cited by the text only
when published by the report's date, and set beside the rates at current prices."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from conftest import CATALOGUE_DIR, review_2021_with_proposals

from dongson_analysis import settings_from_parameters
from dongson_analysis.analysis import analyse
from dongson_analysis.catalogue import load_catalogue
from dongson_analysis.consumer_prices import latest_change
from dongson_analysis.l10n import texts_for
from dongson_analysis.records import validate_paths
from dongson_analysis.vintage import published_by
from dongson_analysis.wording import (
    history_paragraph,
    judgement_paragraph,
    projection_paragraph,
    proposal_paragraph,
)

SOURCES = (
    "source_id,publisher,published,url,what_it_covers,kind\n"
    "X1,Synthetic paper (not real),2020-01-05,,synthetic price figure,press\n"
)
HEADER = "period,change_percent,qualifier,source_id,quote,note\n"


def _validate(write, tmp_path, rows: str):
    write("data/sources.csv", SOURCES)
    path = write("data/prices.csv", HEADER + rows)
    return path, validate_paths([tmp_path / "data"], load_catalogue(CATALOGUE_DIR))


def test_a_consumer_prices_table_is_read_by_its_header_with_the_record_number_parser(
    write, tmp_path
):
    _, report = _validate(
        write, tmp_path, '2019,2.79,,X1,"tăng 2,79%",synthetic\n2018,"3,54%",,X1,q,\n'
    )
    assert report.ok, report.problems
    frame = report.consumer_prices
    assert frame["year"].tolist() == [2019, 2018]
    assert frame["change_percent"].tolist() == pytest.approx([2.79, 3.54])
    assert frame["source_id"].tolist() == ["X1", "X1"]


def test_a_change_that_is_not_a_number_is_named_at_its_file_row_and_column(write, tmp_path):
    path, report = _validate(write, tmp_path, "2019,2.79,,X1,q,\n2020,khoảng 3,,X1,q,\n")
    (problem,) = report.problems
    assert (problem.file, problem.row, problem.column, problem.code) == (
        str(path),
        3,
        2,
        "not_a_number",
    )
    assert "'khoảng 3'" in problem.format(texts_for("en"))
    assert report.consumer_prices is None


def test_a_period_that_is_not_one_year_is_refused_in_both_languages(write, tmp_path):
    path, report = _validate(write, tmp_path, "2016-2020,3.1,,X1,q,\n")
    (problem,) = report.problems
    assert (problem.file, problem.row, problem.column, problem.code) == (
        str(path),
        2,
        1,
        "consumer_price_period",
    )
    assert "'2016-2020' is not one year" in problem.format(texts_for("en"))
    assert "'2016-2020' không phải một năm" in problem.format(texts_for("vi"))


def test_an_undeclared_source_is_named_at_its_cell(write, tmp_path):
    path, report = _validate(write, tmp_path, "2019,2.79,,X9,q,\n")
    (problem,) = report.problems
    assert (problem.file, problem.row, problem.column, problem.code) == (
        str(path),
        2,
        4,
        "unknown_source",
    )
    assert "X9" in problem.format(texts_for("en"))


@pytest.fixture(scope="module")
def runs():
    """The shipped record's two runs: the default report and the review of 2021-2025."""
    # Đông Sơn ceased on 1/1/2025, so its 2021-2025 run proposes nothing for 2026-2030; the
    # sentences are checked on the proposals its figures would give
    return {
        "report": analyse(settings_from_parameters()).main,
        "later": review_2021_with_proposals(),
    }


@pytest.mark.parametrize(
    ("report_date", "seen"), [("2020-07", ["N08"]), ("2025-02", ["N08", "N09", "N10"])]
)
def test_a_report_sees_the_price_changes_published_by_its_date(report_date, seen):
    a = analyse(settings_from_parameters(report_date=report_date)).main
    frame = a.consumer_prices
    assert frame.loc[frame["published_by_report_date"], "source_id"].tolist() == seen
    assert set(frame["source_id"]) == {"N08", "N09", "N10", "N11"}  # the notes may show all
    assert latest_change(frame).source_id == seen[-1]


def _percent(value: float, lang: str, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "vi" else text


@pytest.mark.parametrize("run", ["report", "later"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_income_proposal_sets_its_rates_beside_the_price_change_recomputed(runs, run, lang):
    a = runs[run]
    p = next(p for p in a.proposals if p.indicator == "income_per_capita")
    text = proposal_paragraph(texts_for(lang), a, p)
    cited = a.consumer_prices[a.consumer_prices["published_by_report_date"]]
    row = cited.sort_values("year").iloc[-1]
    year, change, source = int(row["year"]), float(row["change_percent"]), row["source_id"]
    cpi = _percent(change, lang, 2)
    if lang == "vi":
        assert f"Giá tiêu dùng cả nước năm {year} tăng {cpi}% (nguồn {source})." in text
    else:
        assert f"National consumer prices rose {cpi}% in {year} (source {source})." in text
    below = [
        (names, round(lv.annual_change, 1) + 0.0)
        for names, lv in p.distinct_levels()
        if round(lv.annual_change, 1) <= change
    ]
    said = "không cao hơn mức tăng giá" if lang == "vi" else "no higher than the national"
    assert (said in text) == bool(below)
    for names, rate in below:
        words = texts_for(lang)
        name = words(f"proposal.level_word.{names[0]}")
        shown = ("+" if rate > 0 else "") + _percent(rate, lang, 1)
        if lang == "vi":
            assert f"{name[0].upper() + name[1:]} (" + shown + "%/năm)" in text
            assert f"không cao hơn mức tăng giá tiêu dùng cả nước năm {year} ({cpi}%)" in text
            assert "theo giá so sánh gần như không tăng, hoặc giảm" in text
        else:
            assert f"The {name} level ({shown}% a year)" in text
            assert f"price rise of {year} ({cpi}%): at constant prices it is about flat" in text
    for _, lv in p.distinct_levels():
        if round(lv.annual_change, 1) > change:
            shown = _percent(round(lv.annual_change, 1), lang, 1)
            assert f"({shown}%" not in text.split(said)[-1]
    assert bool(below) == (run == "later")  # the review of 2021-2025: the safe level at +2,8%


def _paragraphs(a, lang: str) -> list[str]:
    texts = texts_for(lang)
    out = [proposal_paragraph(texts, a, p) for p in a.proposals]
    out += [projection_paragraph(texts, a, i, pr) for i, pr in a.projections.items()]
    out += [history_paragraph(texts, a, s) for s in a.series.values()]
    out += [judgement_paragraph(texts, a, j) for j in a.judgements]
    return out


@pytest.mark.parametrize("run", ["report", "later"])
def test_no_sentence_cites_a_price_change_published_after_the_report_date(runs, run):
    a = runs[run]
    frame = a.consumer_prices
    dates = dict(zip(frame["source_id"], frame["published"]))
    cited_any = False
    for lang in ("vi", "en"):
        for text in _paragraphs(a, lang):
            for source in re.findall(r"\((?:nguồn|source) (\w+)\)", text):
                if source in dates:
                    cited_any = True
                    assert published_by(dates[source], a.settings.report_date), (source, text)
    assert cited_any
    later = frame[~frame["published_by_report_date"]]
    assert len(later)  # the shipped record holds changes published after both reports


def test_without_a_price_change_by_the_report_date_the_sentence_says_so(runs):
    a = runs["report"]
    frame = a.consumer_prices
    none_yet = replace(a, consumer_prices=frame.assign(published_by_report_date=False))
    assert latest_change(none_yet.consumer_prices) is None
    p = next(p for p in a.proposals if p.indicator == "income_per_capita")
    for lang in ("vi", "en"):
        texts = texts_for(lang)
        text = proposal_paragraph(texts, none_yet, p)
        assert texts("price_basis.rate_current") in text
        assert "N08" not in text and texts("price_basis.rate_current") not in (
            proposal_paragraph(texts, a, p)
        )


def test_an_unquoted_decimal_comma_in_the_change_is_named_as_such(write, tmp_path):
    path, report = _validate(write, tmp_path, "2019,2,79,,X1,q,synthetic\n")
    (problem,) = report.problems
    assert (problem.file, problem.row, problem.column, problem.code) == (
        str(path),
        2,
        2,
        "unquoted_decimal_comma",
    )


def test_the_filed_reports_proposals_table_sets_current_prices_beside_the_price_change():
    """The report's Phần II table (not only the working notes) says what the latest national
    price change was, so the source its note lists is cited in the body."""
    from dongson_analysis.blocks import Edition
    from dongson_analysis.chapters import plan

    a = analyse(settings_from_parameters()).main
    vi = plan.proposal_table(Edition(a, texts_for("vi"), "report")).notes
    assert (
        "Thu nhập bình quân đầu người: Giá trị và tốc độ tính theo giá hiện hành, nên bao gồm cả "
        "yếu tố tăng giá. Giá tiêu dùng cả nước năm 2019 tăng 2,79% (nguồn N08)." in vi
    )
    en = plan.proposal_table(Edition(a, texts_for("en"), "report")).notes
    assert any("National consumer prices rose 2.79% in 2019 (source N08)." in n for n in en)
