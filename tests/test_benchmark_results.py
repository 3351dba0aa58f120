"""The committed benchmark results that ship in the package: complete and consistent."""

from __future__ import annotations

import io
from importlib import resources

import numpy as np
import pandas as pd
import pytest

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


def test_by_category_and_speed_files(accuracy):
    cats = read("accuracy_by_category.csv")
    assert list(cats.columns) == ["dataset", "design", "category"] + ACCURACY[2:]
    m4 = cats[(cats["dataset"] == "m4_yearly_dev") & (cats["method"] == "dongson_analysis")]
    assert set(m4["category"]) == {"Demographic", "Finance", "Industry", "Macro", "Micro", "Other"}
    assert m4.groupby("design")["n_series"].sum().eq(3000).all()
    speed = read("speed.csv")
    assert list(speed.columns) == ["dataset", "method", "n_series", "seconds", "measured"]
    assert set(speed.loc[speed["method"] == "dongson_analysis", "dataset"]) == set(DATASETS)
