"""The series-group registry: groups, calibration pools and M4 categories."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import REPO

from dongson_analysis.calibration_file import calibration, calibration_info
from dongson_analysis.projection import project
from dongson_analysis.series_groups import (
    CALIBRATION_POOLS,
    M4_CATEGORIES,
    MIN_POOL_SERIES,
    POOLED,
    SERIES_GROUPS,
    UnknownSeriesGroupError,
    pool_of,
    pool_of_category,
    series_group_spec,
)


def test_groups_are_the_catalogue_vocabulary():
    assert list(SERIES_GROUPS) == [
        "economy",
        "production",
        "population",
        "social_share",
        "programme",
    ]
    for name, group in SERIES_GROUPS.items():
        assert group.name == name and group.pool in CALIBRATION_POOLS and group.pool != POOLED
        assert set(group.categories) <= set(M4_CATEGORIES)
    assert series_group_spec("economy").categories == ("Macro",)
    assert series_group_spec("population").categories == ("Demographic", "Other")


def test_pools_partition_the_categories_and_pooled_holds_them_all():
    assert CALIBRATION_POOLS[POOLED] == M4_CATEGORIES
    own = [c for p, cats in CALIBRATION_POOLS.items() if p != POOLED for c in cats]
    assert sorted(own) == sorted(M4_CATEGORIES)
    for category in M4_CATEGORIES:
        assert category in CALIBRATION_POOLS[pool_of_category(category)]
    assert pool_of_category("DEMOGRAPHIC") == pool_of_category("Demographic") == "demographic_other"
    with pytest.raises(ValueError, match="in no calibration pool"):
        pool_of_category("Tourism")


def test_an_unknown_group_fails_loudly_naming_the_known_ones():
    with pytest.raises(UnknownSeriesGroupError, match="unknown series group 'econmy'.*economy"):
        series_group_spec("econmy")
    with pytest.raises(UnknownSeriesGroupError):
        pool_of("population_share")
    with pytest.raises(UnknownSeriesGroupError):
        project([2019, 2020], [1.0, 2.0], end_year=2025, group="econmy")
    assert pool_of(None) == pool_of(POOLED) == POOLED and pool_of("economy") == "macro"


def test_every_pool_was_learned_on_enough_series():
    info = calibration_info()
    assert info["pools"][POOLED] == M4_CATEGORIES
    text = (REPO / "dongson_analysis" / "calibration" / "short_series.json").read_text("utf-8")
    import json

    pools = json.loads(text)["pools"]
    assert list(pools) == [p for p in CALIBRATION_POOLS if p != POOLED]
    for name, pool in pools.items():
        assert tuple(pool["categories"]) == CALIBRATION_POOLS[name]
        assert pool["n_series"] >= MIN_POOL_SERIES
    assert sum(p["n_series"] for p in pools.values()) == 3000


def test_the_catalogue_names_only_registered_groups():
    indicators = pd.read_csv(REPO / "data" / "catalogue" / "indicators.csv", dtype=str)
    if "series_group" not in indicators:
        pytest.skip("the catalogue has no series_group column yet")
    for group in indicators["series_group"].dropna():
        series_group_spec(group)


def test_a_group_changes_the_width_of_the_range_not_the_median():
    years, values = [2016, 2017, 2018, 2019, 2020], [30.1, 33.0, 36.2, 40.0, 43.5]
    pooled = project(years, values, end_year=2025)
    factors = calibration().designs["consecutive5"]
    for group, spec in SERIES_GROUPS.items():
        p = project(years, values, end_year=2025, group=group)
        assert p.group == group and p.pool == spec.pool and pooled.pool == POOLED
        np.testing.assert_array_equal(p.point, pooled.point)
        ratio = factors.pool(spec.pool).scale_a[:5, 0] / factors.scale_a[:5, 0]
        wider = (np.log(p.upper95) - np.log(p.point)) > (
            np.log(pooled.upper95) - np.log(pooled.point)
        )
        if (ratio > 1).all():
            assert wider.all()
        if (ratio < 1).all():
            assert not wider.any()
