"""The reports the repository ships are those the code and data in it write.

README tells a planner to open ``reports/`` first; a report left behind by an earlier
revision of the code or the data would be filed as if it were current. The notebooks are
compared cell by cell by nbval (``pytest notebooks``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dongson_analysis.cli import main

SHIPPED = Path(__file__).resolve().parents[1] / "reports"


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.slow
def test_the_shipped_reports_are_those_the_code_writes(tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["report", "-q", "--no-notebooks", "--out", str(out)]) == 0, capsys.readouterr()
    fresh, shipped = files_in(out), files_in(SHIPPED)
    assert sorted(fresh) == sorted(shipped), "run `.venv/bin/dongson-analysis report`"
    stale = [name for name in fresh if fresh[name] != shipped[name]]
    assert not stale, f"stale in reports/: {stale}; run `.venv/bin/dongson-analysis report`"
