"""The report runs on another district's data (synthetic, made up for this test) and is deterministic."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest

from conftest import REPO
from dongson_analysis.report import DEFAULT_PARAMETERS, regenerate, run_notebook

CHAPTERS = sorted((REPO / "notebooks").glob("0[1-5]_*.ipynb"))

SYNTHETIC_SOURCES = """source_id,publisher,published,url,what_it_covers
SYN1,Synthetic test data (not real),2026,,Made-up yearly figures for a test district
"""
# Written as Vietnamese Excel saves CSV: semicolons between cells, decimal commas.
SYNTHETIC_ROWS = [
    *[f"huyen_thu,income_per_capita,triệu đồng/người,{y},{v},actual,SYN1" for y, v in
      zip(range(2016, 2021), ("30|1", "33", "36|2", "40", "43|5"))],
    *[f"huyen_thu,poverty_rate,%,{y},{v},actual,SYN1" for y, v in
      zip(range(2016, 2021), ("6|5", "5|2", "4|4", "3|1", "2|6"))],
    "huyen_thu,income_per_capita,triệu đồng/người,2020,45,target,SYN1",
    "huyen_thu,poverty_rate,%,2020,2,target,SYN1",
    "huyen_thu,export_value,triệu USD,2020,12,target,SYN1",
    "huyen_thu,new_jobs_total,người,2016-2020,5.000,target,SYN1",
]


@pytest.fixture
def synthetic(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.csv").write_text(SYNTHETIC_SOURCES, encoding="utf-8")
    (data / "synthetic_figures.csv").write_text(
        "# number_format: vi\narea;indicator;unit;period;value;status;source_id\n"
        + "\n".join(r.replace(",", ";").replace("|", ",") for r in SYNTHETIC_ROWS) + "\n",
        encoding="utf-8")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for path in CHAPTERS:
        shutil.copy(path, notebooks / path.name)
    return tmp_path, data, notebooks


def test_report_runs_on_another_districts_data(synthetic):
    root, data, notebooks = synthetic
    written = regenerate(notebooks, root / "reports", {"data_paths": [str(data)], "area": "huyen_thu",
                                                       "area_name": "Thử Nghiệm"}, english=False)
    assert (root / "reports" / "index.html") in written and len(written) == len(CHAPTERS) + 1
    index = (root / "reports" / "index.html").read_text("utf-8")
    assert "Thử Nghiệm" in index
    for path in written[:-1]:
        assert "Traceback" not in path.read_text("utf-8")
    for path in sorted(notebooks.glob("*.ipynb")):
        outputs = [o for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error" or getattr(o, "name", "") == "stderr"]
    assert "<img" in (root / "reports" / "03_du_bao_2021_2025.html").read_text("utf-8")
    chapter4 = (root / "reports" / "04_danh_gia_chi_tieu_2020.html").read_text("utf-8")
    assert "Thu nhập bình quân đầu người" in chapter4 and "Đã đạt" in chapter4
    nb = nbformat.read(notebooks / CHAPTERS[0].name, as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert "huyen_thu" in params.source  # stored with the parameters it ran with


def test_outputs_are_deterministic(synthetic):
    _, data, notebooks = synthetic
    path = notebooks / "04_danh_gia_chi_tieu_2020.ipynb"
    first = run_notebook(path, {"data_paths": [str(data)], "area": "huyen_thu"}, write=False)
    second = run_notebook(path, {"data_paths": [str(data)], "area": "huyen_thu"}, write=False)
    assert nbformat.writes(first) == nbformat.writes(second)
    outputs = json.dumps([c.outputs for c in first.cells if c.cell_type == "code"])
    for marker in ("0x7f", "/tmp/", str(REPO), "execution_start", "ExecuteTime", "object at"):
        assert marker not in outputs
    assert "execution" not in json.dumps([c.metadata for c in first.cells])


def test_stored_notebooks_have_outputs_and_default_parameters():
    for path in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), path.name
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        for key, value in DEFAULT_PARAMETERS.items():
            assert f"{key} = {value!r}" in params.source
        assert "widgets" not in nb.metadata
        stderr = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if o.output_type == "stream" and o.name == "stderr"]
        assert stderr == [], path.name
        assert json.dumps(nb).count('"output_type": "error"') == 0
