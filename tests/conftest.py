from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
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
