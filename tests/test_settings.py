"""Settings built at the edge: plan periods through one door, areas as data, one road."""

from __future__ import annotations

import pytest
from conftest import CATALOGUE_DIR, DATA

from dongson_analysis.catalogue import UnknownAreaError, load_catalogue
from dongson_analysis.l10n import texts_for
from dongson_analysis.settings import (
    Settings,
    SettingsError,
    horizon_limit,
    parse_period,
    settings_from_parameters,
)


def test_years_follow_from_the_two_periods():
    s = Settings((DATA,), CATALOGUE_DIR, review=(2021, 2025), plan=(2026, 2030))
    assert (s.base_year, s.target_year, s.plan_end) == (2020, 2025, 2030)
    assert s.term_years == (2021, 2025) and s.next_term_years == (2026, 2030)


@pytest.mark.parametrize("text", ["2016-2020", "2016–2020", " 2016 - 2020 "])
def test_a_period_is_read_with_either_dash(text):
    assert parse_period(text, "review") == (2016, 2020)


@pytest.mark.parametrize(
    ("review", "plan", "code"),
    [
        ("2020-2016", "2021-2025", "bad_period"),
        ("2016-2020", "2020-2025", "plan_before_review"),
        ("2016-2020", "2021-2035", "plan_too_far"),
        ("2016-20", "2021-2025", "unknown_plan"),
        ("next", "2021-2025", "unknown_plan"),
    ],
)
def test_periods_that_cannot_describe_a_run_are_refused_in_words(review, plan, code):
    with pytest.raises(SettingsError) as err:
        settings_from_parameters(review=review, plan=plan)
    assert err.value.code == code
    for lang in ("vi", "en"):
        assert err.value.message(texts_for(lang))


def test_a_plan_id_of_the_catalogue_gives_its_years():
    s = settings_from_parameters(review="congress_xxiv", plan="2021-2025")
    assert s.review == (2016, 2020)


def test_the_horizon_limit_is_the_calibrations():
    from dongson_analysis.calibration_file import calibration

    assert horizon_limit() == calibration().max_horizon


def test_parameters_and_settings_make_a_round_trip(tmp_path):
    for s in (
        settings_from_parameters(),
        settings_from_parameters(review="2021-2025", plan="2026-2030", lang="en"),
        settings_from_parameters(data_paths=[DATA], area_name="Đông Sơn", draft_marks=False),
        settings_from_parameters(report_date="2020-12-31"),
    ):
        assert settings_from_parameters(**s.to_parameters()) == s
    assert settings_from_parameters().to_parameters()["data_paths"] is None  # no local path


@pytest.mark.parametrize(("area", "name"), [(" dong_son", None), ("", None), ("dong_son", " ")])
def test_empty_or_padded_area_ids_and_names_are_refused(area, name):
    with pytest.raises(SettingsError) as err:
        settings_from_parameters(area=area, area_name=name)
    assert err.value.code in ("bad_area", "empty_area_name")


def test_an_unknown_area_names_the_closest_ids():
    catalogue = load_catalogue(CATALOGUE_DIR)
    with pytest.raises(UnknownAreaError) as err:
        catalogue.area("dongson")
    assert err.value.closest[0] == "dong_son"


def test_a_run_about_an_unknown_area_is_refused_with_the_known_ones():
    from dongson_analysis import run_analysis

    with pytest.raises(SettingsError) as err:
        run_analysis(settings_from_parameters(area="dongson"))
    text = err.value.message(texts_for("en"))
    assert err.value.code == "unknown_area" and "dong_son" in text and "areas.csv" in text


def test_an_area_without_figures_says_so_and_names_those_with_figures(tmp_path):
    from conftest import SYNTHETIC_CATALOGUE_DIR

    from dongson_analysis import run_analysis

    with pytest.raises(SettingsError) as err:
        run_analysis(Settings((DATA / "raw",), SYNTHETIC_CATALOGUE_DIR, area="xa_thu"))
    text = err.value.message(texts_for("vi"))
    assert err.value.code == "area_without_figures" and "dong_son" in text


def test_a_run_over_every_area_with_figures_analyses_each_once():
    from dongson_analysis.analysis import analyse

    run = analyse(Settings((DATA,), CATALOGUE_DIR, area_selection="all"))
    assert list(run.areas)[0] == "dong_son"
    assert set(run.areas) == {"dong_son", "thanh_hoa", "dong_van_commune", "dong_yen_commune"}
    assert run["dong_van_commune"].settings.area_name == "Đông Văn"
    first = run.main.observations
    assert all(a.observations is first for a in run.areas.values())  # read once for all


def test_successors_in_the_catalogue_agree_with_the_quoted_area_changes():
    import csv

    from dongson_analysis.catalogue import load_catalogue

    catalogue = load_catalogue(CATALOGUE_DIR)
    by_name: dict[tuple[str, str], str] = {}
    for area in catalogue.areas.values():
        by_name[(area.level, area.name("vi"))] = area.id
    level_words = {
        "huyện": "huyen",
        "xã": "xa",
        "thị trấn": "thi_tran",
        "phường": "phuong",
        "thành phố": "thanh_pho",
        "tỉnh": "tinh",
    }
    changes = DATA / "raw" / "national" / "area_changes_2025.csv"
    with changes.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            old_word = row["old_level"]
            old_name = row["old_area_name"].removeprefix(old_word).strip()
            new_name = row["new_area_name"].removeprefix(row["new_level"]).strip()
            old = catalogue.area(by_name[(level_words[old_word], old_name)])
            if row["new_level"] == "tỉnh":
                continue  # a city ending as a district-level unit: no single successor
            new = by_name[(level_words[row["new_level"]], new_name)]
            assert new in old.successors and old.successor_source == row["source_id"], row


def test_figures_published_after_the_report_date_are_not_used_and_are_listed():
    from dongson_analysis.analysis import analyse

    default = analyse(settings_from_parameters()).main
    assert default.settings.report_date == "2020-07"  # the latest source about 2016-2020
    assert not {"S15", "S16", "S17", "S18", "S19", "S20", "S21", "S22"} & set(
        default.observations["source_id"]
    )
    assert set(default.later_observations["source_id"]) >= {"S15", "S21"}
    later = analyse(settings_from_parameters(review="2021-2025", plan="2026-2030")).main
    assert later.settings.report_date == "2024-12"
    assert {"S15", "S21"} <= set(later.observations["source_id"])


def test_the_look_back_does_not_change_when_later_figures_are_added():
    from dongson_analysis.analysis import analyse

    run = analyse(settings_from_parameters(review="2021-2025", plan="2026-2030")).main
    lb = run.look_back
    assert lb.last_year == 2020 and lb.as_of == "2020-07"
    income = [r for r in lb.rows if r.indicator == "income_per_capita"]
    assert [r.year for r in income] == [2021, 2023, 2024]
    # the projection the look back reports is the one the 2016-2020 run makes for those years
    before = analyse(settings_from_parameters()).main.projections["income_per_capita"].table()
    before = before.set_index("year")
    for r in income:
        assert r.median == pytest.approx(before.loc[r.year, "point"])
        assert r.lower80 == pytest.approx(before.loc[r.year, "lower80"])


def test_a_regenerated_review_sets_its_projections_against_the_figures_published_since():
    from dongson_analysis.analysis import analyse

    default = analyse(settings_from_parameters()).main
    later = analyse(settings_from_parameters(review="2021-2025", plan="2026-2030")).main
    # the 2016-2020 review's own projections against 2021-2024 = the later review's look back
    assert default.hindsight.rows == later.look_back.rows
    assert all(r.year >= 2021 for r in default.hindsight.rows)
    assert not later.hindsight.rows  # nothing published after December 2024 for 2026-2030


def test_the_report_date_and_the_final_copy_come_from_the_command_line(capsys):
    from dongson_analysis.cli import build_parser, build_settings

    texts = texts_for("en")
    args = build_parser(texts).parse_args(["report", "--report-date", "2021-06", "--final"])
    s = build_settings(args, None)
    assert s.report_date == "2021-06" and s.draft_marks is False
    with pytest.raises(SettingsError) as err:
        settings_from_parameters(report_date="mid 2021")
    assert err.value.code == "bad_report_date" and "2020-07" in err.value.message(texts)


def test_a_later_report_date_uses_the_figures_published_by_then():
    from dongson_analysis.analysis import analyse

    later = analyse(settings_from_parameters(report_date="2022-01")).main
    assert "S15" in set(later.observations["source_id"])  # published January 2022
    assert "S16" not in set(later.observations["source_id"])  # December 2022
