"""The transcribed public record, the catalogue and the templates."""

from __future__ import annotations

import csv
import hashlib

import pytest
from conftest import CATALOGUE_DIR, PUBLIC_SOURCES, REPO, SHARED

from dongson_analysis.catalogue import load_catalogue
from dongson_analysis.kinds import KINDS
from dongson_analysis.records import load_observations as _load
from dongson_analysis.records import validate_paths
from dongson_analysis.series import build_series
from dongson_analysis.template import write_csv_template, write_xlsx_template

RAW = REPO / "data" / "raw" / "public_record"
CAT = load_catalogue(CATALOGUE_DIR)


def catalogue():
    return CAT


def load_observations(paths=None):
    """The shipped data (public record and national sources), or given files read beside the public
    sources.
    """
    return _load([REPO / "data"] if paths is None else [PUBLIC_SOURCES, *paths], CAT)


#: The 13 targets of the 2020 plan in the seed article (S07), and the indicators each is judged on.
SEED_TARGETS = {
    "production-value growth 18.2%": ["production_value_growth", "production_value"],
    "value per hectare 120 million VND": ["value_per_hectare"],
    "development investment 3,000 billion VND": ["development_investment"],
    "exports 45 million USD": ["export_value"],
    "budget revenue 5% above the provincial estimate": [
        "budget_revenue_vs_provincial_estimate",
        "budget_revenue",
        "budget_revenue_provincial_estimate",
    ],
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


def test_catalogue_knows_the_alias_and_the_plans():
    assert CAT.canonical("urbanisation_rate") == "urban_population_share"
    assert CAT.members("urban_population_share") == ("urban_population_share", "urbanisation_rate")
    assert CAT.plan_for("S02", 2020, 2020).id == "congress_xxiv"
    assert CAT.plan_for("S07", 2020, 2020).id == "annual_2020"
    assert (
        CAT.plan_for("X1", 2019, 2019).id == "annual_2019"
    )  # an unlisted source: the annual plan of its year


def test_catalogue_fields_are_complete():
    for ind in catalogue():
        assert ind.name("vi") and ind.name("en") and ind.unit and ind.kind in KINDS
        if ind.kind == "share":
            assert (ind.lower_bound, ind.upper_bound) == (0, 100)
        if ind.kind == "growth_rate":
            assert ind.level_indicator, ind.id


@pytest.mark.skipif(
    not (SHARED / "public-record").exists(), reason="../shared is not beside the repo"
)
@pytest.mark.parametrize("name", ["observations.csv", "sources.csv"])
def test_transcription_keeps_every_field_of_the_shared_record(name):
    def rows(path):
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    shared, ours = rows(SHARED / "public-record" / name), rows(RAW / name)
    # rows added by hand are derived (status "derived", with the rule in the note); the shared rows
    # come in order
    keys = list(shared[0])
    added = [
        b for b in ours if b.get("status") == "derived" and {k: b[k] for k in keys} not in shared
    ]
    kept = [b for b in ours if b not in added]
    assert len(shared) == len(kept)
    for a, b in zip(shared, kept):
        # same text in every shared field except the qualifier-free flags added beside them
        assert {k: b[k] for k in a} == a
    for row in added:
        assert row["note"].startswith("derived:") and row["derived_status"] in ("actual", "target")


def test_flags_of_the_shared_record_are_kept():
    obs = load_observations()
    # the shared record's transcription only; the 2021-2025 figures are in a second file
    obs = obs[obs["file"].str.endswith("public_record/observations.csv")]
    inferred = obs[obs["period_inferred"]]
    assert set(inferred["indicator"]) == {"income_per_capita", "poverty_rate"}
    assert (obs["status"] == "derived").sum() == 7
    ranged = obs[obs["value_high"].notna()]
    assert ranged[["indicator", "value", "value_high"]].values.tolist() == [
        ["poverty_rate_reduction", 1.5, 2.0]
    ]
    assert set(obs["period_type"]) == {"year", "half_year", "range"}


def test_loading_never_writes_the_raw_data():
    def digest():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(RAW.iterdir())}

    before = digest()
    load_observations()
    validate_paths([REPO / "data"], CAT)
    assert digest() == before


def test_planner_rows_supersede_the_public_record(write, tmp_path):
    write(
        "sources.csv",
        "source_id,publisher,published,url,what_it_covers\n"
        "NGTK2019,Chi cục Thống kê huyện Đông Sơn,2020,,Niên giám thống kê 2019\n",
    )
    write(
        "yearbook.csv",
        "area,indicator,unit,period,value,status,source_id\n"
        "dong_son,income_per_capita,triệu đồng/người/năm,2018,44.1,actual,NGTK2019\n"
        "dong_son,income_per_capita,triệu đồng/người/năm,2019,48.0,actual,NGTK2019\n",
    )
    # the shared record's transcription beside the planner's files (the 2021-2025 figures of the
    # record would add later years to the series)
    obs = _load([RAW / "observations.csv", RAW / "sources.csv", tmp_path], CAT)
    rows = obs[(obs["indicator"] == "income_per_capita") & (obs["period"] == "2018")]
    assert sorted(zip(rows["origin"], rows["superseded"])) == [
        ("planner", False),
        ("public_record", True),
    ]
    series = build_series(obs, obs.iloc[0:0][[]].assign(indicator=[], area=[]), CAT, "dong_son")[
        "income_per_capita"
    ]
    assert series.rows[["period_start", "value", "origin"]].values.tolist() == [
        [2010, 10.3, "public_record"],
        [2018, 44.1, "planner"],
        [2019, 48.0, "planner"],
    ]


def test_templates_are_current(tmp_path):
    write_csv_template(tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text("utf-8") == (
        REPO / "templates" / "planner_observations.csv"
    ).read_text("utf-8")
    write_xlsx_template(tmp_path / "t.xlsx")
    from openpyxl import load_workbook

    def cells(path):
        book = load_workbook(path)
        return {
            name: [[c.value for c in row] for row in book[name].iter_rows()]
            for name in book.sheetnames
        }

    assert cells(tmp_path / "t.xlsx") == cells(REPO / "templates" / "planner_observations.xlsx")


def test_filled_template_validates(tmp_path):
    write_csv_template(tmp_path / "mine.csv")
    with (tmp_path / "mine.csv").open("a", encoding="utf-8") as handle:
        handle.write('dong_son,export_value,triệu USD,2019,"38,5",actual,S07,,,,,,\n')
    frame = load_observations([tmp_path / "mine.csv"])
    assert frame["value"].tolist() == [38.5]


def test_filled_excel_template_validates(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "nien_giam.xlsx"
    write_xlsx_template(path)
    book = load_workbook(path)
    sheet = book["observations"]
    sheet.append(
        ["dong_son", "development_investment", "tỷ đồng", "2019", "2.750,5", "actual", "S07"]
    )
    sheet.append(["dong_son", "export_value", "triệu USD", 2020, 41.2, "ước", "S07"])
    book.save(path)
    frame = load_observations([path]).set_index("indicator")
    assert (
        frame.loc["development_investment", "value"] == 2750.5
    )  # text cell, Vietnamese format declared
    assert (
        frame.loc["export_value", "value"] == 41.2
        and frame.loc["export_value", "status"] == "estimate"
    )
    assert set(frame["file"]) == {f"{path}[observations]"}


def _csv_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_added_figure_has_a_quote_a_source_and_its_rule():
    sources = {r["source_id"]: r for p in RAW.glob("sources*.csv") for r in _csv_rows(p)}
    rows = _csv_rows(RAW / "observations_2021_2025.csv")
    assert rows
    for row in rows:
        assert row["quote"] and sources[row["source_id"]]["url"], row
        if row["status"] == "derived":
            assert row["note"].startswith("derived:") and row["derived_status"], row


def test_every_source_has_a_kind_and_a_vietnamese_publisher():
    data = REPO / "data" / "raw"
    for path in [*RAW.glob("sources*.csv"), data / "national" / "sources.csv"]:
        for row in _csv_rows(path):
            assert row["kind"] in ("official", "press", "aggregator"), (path, row)
            assert row["publisher_vi"] and "via " not in row["publisher_vi"], (path, row)
    for path in [data / "comparables" / "sources.csv"]:
        assert all(r["kind"] in ("official", "press", "aggregator") for r in _csv_rows(path))


def test_area_changes_and_comparables_cite_declared_sources():
    data = REPO / "data" / "raw"
    national = {r["source_id"] for r in _csv_rows(data / "national" / "sources.csv")}
    for row in _csv_rows(data / "national" / "area_changes_2025.csv"):
        assert row["source_id"] in national and row["quote"], row
    comparables = {r["source_id"] for r in _csv_rows(data / "comparables" / "sources.csv")}
    for row in _csv_rows(data / "comparables" / "targets.csv"):
        assert row["source_id"] in comparables and row["quote"], row
        assert row["indicator"] in CAT, row


def test_a_source_kind_is_checked(write, tmp_path):
    write(
        "sources.csv",
        "source_id,publisher,published,url,what_it_covers,kind\nX9,Báo X,2024,,x,blog\n",
    )
    report = validate_paths([tmp_path], CAT)
    assert [p.code for p in report.problems] == ["bad_flag"]
