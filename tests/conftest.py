from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import matplotlib
import pytest
from hypothesis import settings as hypothesis_settings

matplotlib.use("Agg")
# the property tests draw the same examples on every run (a CI run is reproducible); a
# developer explores with HYPOTHESIS_PROFILE=explore
hypothesis_settings.register_profile("fixed", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: a test that takes minutes; left out of the fast loop (-m 'not slow')"
    )


REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DATA = REPO / "data"
PUBLIC_RECORD = DATA / "raw" / "public_record"
PUBLIC_SOURCES = PUBLIC_RECORD / "sources.csv"
CATALOGUE_DIR = DATA / "catalogue"

#: Synthetic areas that tests write figures for (never shipped): id, level, parent, name.
SYNTHETIC_AREAS = (
    ("huyen_thu", "huyen", "thanh_hoa", "Huyện Thử (synthetic)"),
    ("huyen_tho_xuan", "huyen", "thanh_hoa", "Thọ Xuân (synthetic)"),
    ("xa_thu", "xa", "huyen_thu", "Xã Thử (synthetic)"),
    ("tinh_thu", "tinh", "", "Tỉnh Thử (synthetic)"),
)


def synthetic_catalogue(folder: Path) -> Path:
    """A copy of the shipped catalogue in ``folder`` with the synthetic test areas added."""
    shutil.copytree(CATALOGUE_DIR, folder, dirs_exist_ok=True)
    with (folder / "areas.csv").open("a", encoding="utf-8") as areas:
        areas.writelines(
            f"{a},{level},{parent},,,,,synthetic test area\n"
            for a, level, parent, _ in SYNTHETIC_AREAS
        )
    with (folder / "names.csv").open("a", encoding="utf-8") as names:
        names.writelines(
            f"area,{a},{lang},,{name}\n"
            for a, _, _, name in SYNTHETIC_AREAS
            for lang in ("vi", "en")
        )
    return folder


#: The shipped catalogue plus the synthetic test areas (written once per test session).
SYNTHETIC_CATALOGUE_DIR = synthetic_catalogue(Path(tempfile.mkdtemp(prefix="synthetic-catalogue-")))


@pytest.fixture(scope="session")
def catalogue():
    from dongson_analysis.catalogue import load_catalogue

    return load_catalogue(CATALOGUE_DIR)


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file in a temporary folder and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def public_analysis():
    """The analysis of the shipped data (computed once for the test session)."""
    from dongson_analysis import run_analysis, settings_from_parameters

    return run_analysis(settings_from_parameters())


def review_2021_with_proposals(extra_folder: Path | None = None):
    """The shipped record's 2021–2025 review with the proposals its figures would give.

    Đông Sơn ceased on 1/1/2025, so its own run proposes nothing for 2026–2030 (it states the
    succession instead); tests of the proposals' words and tables read what the figures would
    give, with the succession left out.
    """
    from dataclasses import replace

    from dongson_analysis import run_analysis, settings_from_parameters
    from dongson_analysis.proposals import propose_targets
    from dongson_analysis.settings import bundled_data_dir

    paths = [bundled_data_dir()] + ([extra_folder] if extra_folder else [])
    later = run_analysis(
        settings_from_parameters(data_paths=paths, review="2021-2025", plan="2026-2030")
    )
    assert later.proposals == () and later.succession is not None
    made = propose_targets(
        later.catalogue, later.series, later.projections, list(later.judgements), later.settings
    )
    return replace(later, proposals=tuple(made), succession=None)


def write_total_revenue_2021(folder: Path) -> Path:
    """A synthetic test table that reads S15's 2021 "tổng thu ngân sách" (1.512,327 tỷ) as state
    budget revenue, the reading before the two concepts were told apart: a series that falls in
    2023 and reaches its highest in 2024, for the words about a series that swings."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "synthetic_test_observations.csv").write_text(
        "area,indicator,unit,period,value,value_high,status,source_id,quote,note\n"
        "dong_son,budget_revenue,billion VND,2021,1512.327,,estimate,T01,"
        "synthetic test figure,synthetic: S15's total revenue read as state budget revenue\n",
        encoding="utf-8",
    )
    (folder / "synthetic_test_sources.csv").write_text(
        "source_id,publisher,published,url,what_it_covers,kind\n"
        "T01,Synthetic test source,2022-01-15,,synthetic test,official\n",
        encoding="utf-8",
    )
    return folder
