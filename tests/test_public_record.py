"""The transcribed public record, the catalogue and the templates."""

from __future__ import annotations

import csv
import hashlib

import pytest

from conftest import REPO, SHARED
from dongson_analysis.catalogue import KINDS, catalogue
from dongson_analysis.records import load_observations, select_series, validate_paths
from dongson_analysis.template import write_csv_template, write_xlsx_template

RAW = REPO / "data" / "raw" / "public_record"

#: The 13 targets of the 2020 plan in the seed article (S07), and the indicators each is judged on.
SEED_TARGETS = {
    "production-value growth 18.2%": ["production_value_growth", "production_value"],
    "value per hectare 120 million VND": ["value_per_hectare"],
    "development investment 3,000 billion VND": ["development_investment"],
    "exports 45 million USD": ["export_value"],
    "budget revenue 5% above the provincial estimate": [
        "budget_revenue_vs_provincial_estimate", "budget_revenue", "budget_revenue_provincial_estimate"],
    "income per capita 55 million VND": ["income_per_capita"],
    "no poor households": ["poor_households_excl_social_protection"],
    "national-standard schools 97.36%": ["national_standard_school_share"],
    "17 model new-rural villages": ["model_ntm_villages"],
    "1 model new-rural commune": ["model_ntm_communes"],
    "7 model agencies and 2 residential groups": ["model_agencies", "model_residential_groups"],
    "80% party organisations good": ["party_orgs_good_share"],
    "more than 105 new party members": ["new_party_members"],
}


def test_catalogue_covers_the_13_seed_targets():
    cat = catalogue()
    assert len(SEED_TARGETS) == 13
    for target, indicators in SEED_TARGETS.items():
        for indicator in indicators:
            assert indicator in cat, f"{target}: {indicator} missing"


def test_catalogue_covers_every_indicator_of_the_public_record():
    cat = catalogue()
    with (RAW / "observations.csv").open(encoding="utf-8") as handle:
        indicators = {row["indicator"] for row in csv.DictReader(handle)}
    assert indicators - set(cat.indicators) == set()


def test_every_seed_target_is_in_the_record():
    obs = load_observations()
    seed = obs[(obs["source_id"] == "S07") & (obs["status"] == "target")]
    assert len(seed) == 14  # 13 targets, one of them (agencies and residential groups) in two rows


def test_catalogue_fields_are_complete():
    for ind in catalogue():
        assert ind.name_vi and ind.name_en and ind.unit and ind.kind in KINDS
        if ind.kind == "share":
            assert (ind.lower_bound, ind.upper_bound) == (0, 100)
        if ind.kind == "growth_rate":
            assert ind.level_indicator, ind.id


@pytest.mark.skipif(not (SHARED / "public-record").exists(), reason="../shared is not beside the repo")
@pytest.mark.parametrize("name", ["observations.csv", "sources.csv"])
def test_transcription_keeps_every_field_of_the_shared_record(name):
    def rows(path):
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    shared, ours = rows(SHARED / "public-record" / name), rows(RAW / name)
    assert len(shared) == len(ours)
    for a, b in zip(shared, ours):
        assert {k: b[k] for k in a} == a  # same text in every shared field: nothing dropped, rounded or fixed


def test_flags_of_the_shared_record_are_kept():
    obs = load_observations()
    inferred = obs[obs["period_inferred"]]
    assert set(inferred["indicator"]) == {"income_per_capita", "poverty_rate"}
    assert (obs["status"] == "derived").sum() == 5
    ranged = obs[obs["value_high"].notna()]
    assert ranged[["indicator", "value", "value_high"]].values.tolist() == [["poverty_rate_reduction", 1.5, 2.0]]
    assert set(obs["period_type"]) == {"year", "half_year", "range"}


def test_loading_never_writes_the_raw_data():
    def digest():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(RAW.iterdir())}

    before = digest()
    load_observations()
    validate_paths([REPO / "data"])
    assert digest() == before


def test_planner_rows_supersede_the_public_record(write, tmp_path):
    write("sources.csv", "source_id,publisher,published,url,what_it_covers\n"
          "NGTK2019,Chi cục Thống kê huyện Đông Sơn,2020,,Niên giám thống kê 2019\n")
    write("yearbook.csv", "area,indicator,unit,period,value,status,source_id\n"
          "dong_son,income_per_capita,triệu đồng/người/năm,2018,44.1,actual,NGTK2019\n"
          "dong_son,income_per_capita,triệu đồng/người/năm,2019,48.0,actual,NGTK2019\n")
    obs = load_observations([RAW, tmp_path])
    rows = obs[(obs["indicator"] == "income_per_capita") & (obs["period"] == "2018")]
    assert sorted(zip(rows["origin"], rows["superseded"])) == [("planner", False), ("public_record", True)]
    series = select_series(obs, "income_per_capita")
    assert series[["period_start", "value", "origin"]].values.tolist() == [
        [2010, 10.3, "public_record"], [2018, 44.1, "planner"], [2019, 48.0, "planner"]]


def test_templates_are_current(tmp_path):
    write_csv_template(tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text("utf-8") == (REPO / "templates" / "planner_observations.csv").read_text("utf-8")
    write_xlsx_template(tmp_path / "t.xlsx")
    from openpyxl import load_workbook

    def cells(path):
        book = load_workbook(path)
        return {name: [[c.value for c in row] for row in book[name].iter_rows()] for name in book.sheetnames}

    assert cells(tmp_path / "t.xlsx") == cells(REPO / "templates" / "planner_observations.xlsx")


def test_filled_template_validates(tmp_path):
    write_csv_template(tmp_path / "mine.csv")
    with (tmp_path / "mine.csv").open("a", encoding="utf-8") as handle:
        handle.write("dong_son,export_value,triệu USD,2019,\"38,5\",actual,S07,,,,,,\n")
    frame = load_observations([tmp_path / "mine.csv"])
    assert frame["value"].tolist() == [38.5]


def test_filled_excel_template_validates(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "nien_giam.xlsx"
    write_xlsx_template(path)
    book = load_workbook(path)
    sheet = book["observations"]
    sheet.append(["dong_son", "development_investment", "tỷ đồng", "2019", "2.750,5", "actual", "S07"])
    sheet.append(["dong_son", "export_value", "triệu USD", 2020, 41.2, "ước", "S07"])
    book.save(path)
    frame = load_observations([path]).set_index("indicator")
    assert frame.loc["development_investment", "value"] == 2750.5  # text cell, Vietnamese format declared
    assert frame.loc["export_value", "value"] == 41.2 and frame.loc["export_value", "status"] == "estimate"
    assert set(frame["file"]) == {f"{path}[observations]"}
