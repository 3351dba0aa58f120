"""The notebooks' edge: the kernel of a regeneration reuses the run's analysis and figures, a
notebook opened by a person computes its own, stored notebooks carry no widget, and a data
folder without a catalogue is read by one rule everywhere.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, PUBLIC_RECORD, REPO

from dongson_analysis import notebook
from dongson_analysis.publish.handover import (
    HANDOVER_FILE,
    Handover,
    parameters_key,
    read_handover,
    write_handover,
)
from dongson_analysis.publish.output import STAGING_MARKER

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture
def fresh_kernel(monkeypatch):
    """The notebook module as a new kernel finds it: nothing computed, no handover read."""
    monkeypatch.setattr(notebook, "_ANALYSES", {})
    monkeypatch.setattr(notebook, "_HANDOVER", {})
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append(obj))
    return shown


def staging_with(tmp_path: Path, handover: Handover) -> Path:
    (tmp_path / STAGING_MARKER).write_text("")
    write_handover(tmp_path, handover)
    return tmp_path


def test_a_kernel_uses_the_handed_over_analysis_and_figures(
    tmp_path, monkeypatch, fresh_kernel, public_analysis
):
    marked = dataclasses.replace(public_analysis, proposals=())  # recognisable
    handover = Handover()
    handover.add(marked, {"05_dien_bien/trend_income_per_capita": b"\x89PNG handed over"})
    monkeypatch.chdir(staging_with(tmp_path, handover))
    monkeypatch.setattr(notebook, "run_analysis", lambda s: pytest.fail("computed again"))
    session = notebook.open_chapter("05_dien_bien", **public_analysis.settings.to_parameters())
    assert session.analysis.proposals == () and session.problem == ""
    fresh_kernel.clear()
    for name in session.chapter.sections:
        session.show(name)
    images = [o.data for o in fresh_kernel if hasattr(o, "data") and isinstance(o.data, bytes)]
    assert b"\x89PNG handed over" in images


def test_other_parameters_compute_their_own_analysis(
    tmp_path, monkeypatch, fresh_kernel, public_analysis
):
    handover = Handover()
    handover.add(dataclasses.replace(public_analysis, proposals=()))
    monkeypatch.chdir(staging_with(tmp_path, handover))
    parameters = {**public_analysis.settings.to_parameters(), "lang": "en"}
    session = notebook.open_chapter("08_de_xuat", **parameters)
    assert session.analysis.settings.language == "en"
    assert len(session.analysis.proposals) == len(public_analysis.proposals)


def test_a_handover_outside_a_staging_folder_is_never_read(tmp_path, public_analysis):
    handover = Handover()
    handover.add(public_analysis)
    write_handover(tmp_path, handover)
    assert read_handover(tmp_path) is None  # a folder a person opened: no staging marker
    (tmp_path / STAGING_MARKER).write_text("")
    assert read_handover(tmp_path) is not None
    (tmp_path / HANDOVER_FILE).write_bytes(b"not a pickle")
    assert read_handover(tmp_path) is None


def test_the_handover_key_is_the_notebooks_parameters(public_analysis):
    from dongson_analysis.settings import settings_from_parameters

    parameters = public_analysis.settings.to_parameters()
    again = settings_from_parameters(**parameters)
    assert parameters_key(again.to_parameters()) == parameters_key(parameters)


def test_tracked_notebooks_carry_no_widget_state_or_view():
    """A notebook saved after exploring would show "Error displaying widget: model not found"
    when reopened; the stored notebooks carry no widget at all (see the README)."""
    for path in sorted((REPO / "notebooks").glob("**/*.ipynb")):
        nb = json.loads(path.read_text("utf-8"))
        assert "widgets" not in nb["metadata"], path.name
        for cell in nb["cells"]:
            for out in cell.get("outputs", []):
                assert WIDGET_VIEW not in out.get("data", {}), path.name
            if "interactive" in cell["metadata"].get("tags", []):
                assert cell["outputs"] == [] and "skip-execution" in cell["metadata"]["tags"]


def test_cleaning_removes_widget_views_saved_by_jupyterlab():
    import nbformat

    from dongson_analysis.publish.notebook_files import clean

    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    cell = nbformat.v4.new_code_cell("chapter.interact('explorer')")
    cell.metadata["tags"] = ["interactive"]
    cell.outputs = [nbformat.v4.new_output("display_data", {WIDGET_VIEW: {"model_id": "x"}})]
    nb.cells.append(cell)
    clean(nb)
    assert "widgets" not in nb.metadata and cell.outputs == []


def test_a_folder_without_a_catalogue_is_read_by_one_rule(tmp_path, capsys, fresh_kernel):
    """validate, report (assess) and the notebooks all use the shipped catalogue for a data
    folder that has none."""
    from dongson_analysis.cli import main

    planner = tmp_path / "planner"
    shutil.copytree(PUBLIC_RECORD, planner / "public_record")
    shutil.copytree(DATA / "raw" / "national", planner / "national")
    assert main(["validate", str(planner)]) == 0
    assert main(["assess", str(planner), "--format", "csv"]) == 0
    capsys.readouterr()
    session = notebook.open_chapter("06_danh_gia", data_paths=[str(planner)])
    assert session.problem == "" and session.analysis.judgements
