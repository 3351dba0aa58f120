"""The committed benchmark results that ship in the package: complete and consistent."""

from __future__ import annotations

import io
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from dongson_analysis.benchmark_results import POOL_COLUMNS, load_benchmark_results

ACCURACY = [
    "dataset",
    "design",
    "method",
    "n_series",
    "smape",
    "mase",
    "coverage80",
    "coverage95",
    "msis",
    "seconds_per_1000",
]
DATASETS = {"m3_yearly": 645, "m4_yearly_dev": 3000}
DESIGNS = ["consecutive5", "two_far", "three_irregular", "gap5", "consecutive2"]
EVERYWHERE = ["dongson_analysis", "naive", "drift", "statsforecast_Theta"]


def read(name: str) -> pd.DataFrame:
    entry = resources.files("dongson_analysis").joinpath("benchmark_results", name)
    return pd.read_csv(io.StringIO(entry.read_text("utf-8")))


@pytest.fixture(scope="module")
def accuracy():
    return read("accuracy.csv")


def test_accuracy_has_a_row_per_dataset_design_and_method(accuracy):
    assert list(accuracy.columns) == ACCURACY
    assert not accuracy.duplicated(["dataset", "design", "method"]).any()
    for dataset, total in DATASETS.items():
        for design in DESIGNS:
            rows = accuracy[
                (accuracy["dataset"] == dataset) & (accuracy["design"] == design)
            ].set_index("method")
            assert set(EVERYWHERE) <= set(rows.index), (dataset, design)
            for method in ("dongson_analysis", "naive", "drift"):
                assert rows.loc[method, "n_series"] == total
                assert np.isfinite(
                    rows.loc[method, ["smape", "mase", "coverage80", "coverage95", "msis"]].astype(
                        float
                    )
                ).all()
            assert (rows["n_series"] <= total).all()
    for dataset in DATASETS:
        rows = accuracy[(accuracy["dataset"] == dataset) & (accuracy["design"] == "consecutive5")]
        assert {"statsforecast_AutoCES", "statsforecast_AutoARIMA"} <= set(rows["method"])


CATEGORIES = {"Demographic", "Finance", "Industry", "Macro", "Micro", "Other"}


def test_by_category_and_speed_files(accuracy):
    cats = read("accuracy_by_category.csv")
    assert list(cats.columns) == ["dataset", "design", "category"] + ACCURACY[2:]
    for dataset, total in DATASETS.items():
        mine = cats[(cats["dataset"] == dataset) & (cats["method"] == "dongson_analysis")]
        assert set(mine["category"]) == CATEGORIES  # M3's series carry M4's six categories
        assert mine.groupby("design")["n_series"].sum().eq(total).all()
    speed = read("speed.csv")
    assert list(speed.columns) == ["dataset", "method", "n_series", "seconds", "measured"]
    assert set(speed.loc[speed["method"] == "dongson_analysis", "dataset"]) == set(DATASETS)


def test_by_pool_file_compares_each_series_own_pool_with_the_pooled_calibration(accuracy):
    pools = read("accuracy_by_pool.csv")
    assert list(pools.columns) == list(POOL_COLUMNS)
    assert not pools.duplicated(["dataset", "design", "category", "calibration"]).any()
    for dataset, total in DATASETS.items():
        for design in DESIGNS:
            rows = pools[(pools["dataset"] == dataset) & (pools["design"] == design)]
            assert set(rows["calibration"]) == {"by_pool", "pooled"}
            for _, r in rows.groupby("calibration"):
                assert set(r["category"]) == CATEGORIES | {"all"}
                assert int(r.loc[r["category"] == "all", "n_series"].iloc[0]) == total
                assert r.loc[r["category"] != "all", "n_series"].sum() == total
            # our row of accuracy.csv is the by-pool one; a pool changes intervals, not medians
            mine = accuracy[
                (accuracy["dataset"] == dataset)
                & (accuracy["design"] == design)
                & (accuracy["method"] == "dongson_analysis")
            ].iloc[0]
            overall = rows[rows["category"] == "all"].set_index("calibration")
            for metric in ("smape", "mase", "coverage80", "coverage95", "msis"):
                assert overall.loc["by_pool", metric] == pytest.approx(mine[metric], abs=1e-4)
            for metric in ("smape", "mase"):
                assert overall.loc["by_pool", metric] == overall.loc["pooled", metric]


def test_results_are_read_with_their_verdicts():
    results = load_benchmark_results()
    cells = results.category_verdicts()
    assert cells and all(c.n_series >= 100 for c in cells)
    assert {c.dataset for c in cells} == set(DATASETS)
    economy = results.group_coverage("economy", "consecutive5")
    assert set(economy["category"]) == {"Macro"} and set(economy["calibration"]) == {"by_pool"}
    pooled = results.group_coverage(None, "consecutive5")
    assert set(pooled["category"]) == {"all"} and len(pooled) == len(DATASETS)
