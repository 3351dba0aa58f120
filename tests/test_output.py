"""Output folders a person can trust: every fault refused before anything is written, the earlier
reports byte-identical afterwards, no staging folder left, one plain message in the language.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dongson_analysis.cli import main
from dongson_analysis.l10n import texts_for
from dongson_analysis.publish import output
from dongson_analysis.publish import regenerate as regenerate_module
from dongson_analysis.publish.output import (
    MARKER,
    STAGING_MARKER,
    OutputFolderError,
    OutputWriteError,
    swap_into_place,
)
from dongson_analysis.publish.regenerate import regenerate


def snapshot(root: Path) -> dict[str, str]:
    """Every file and link under ``root`` (and its neighbours): path → digest or link target."""
    found = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        if path.name.endswith(".lock"):  # the lock beside a folder is no report
            continue
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[key] = f"dir {oct(path.stat().st_mode & 0o777)}"
    return found


def earlier_report(folder: Path, text: str = "earlier report") -> Path:
    """A folder as an earlier run left it: the marker and a few files."""
    (folder / "en").mkdir(parents=True)
    (folder / MARKER).write_text("written by dongson-analysis report\n", encoding="utf-8")
    (folder / "index.html").write_text(f"<p>{text}</p>", encoding="utf-8")
    (folder / "en" / "index.html").write_text(f"<p>{text} (en)</p>", encoding="utf-8")
    (folder / "bao_cao_danh_gia_ke_hoach.docx").write_bytes(os.urandom(2000))
    return folder


def no_staging(root: Path) -> bool:
    return not [p for p in root.rglob("*") if ".staging-" in p.name or ".old-" in p.name]


def refused(tmp_path, capsys, code: str, *argv: str) -> str:
    """Run ``report`` with ``argv``; check it is refused with ``code``'s message and changes
    nothing; return the message.
    """
    before = snapshot(tmp_path)
    assert main(["--lang", "en", "report", "-q", "--no-english", *argv]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and err.startswith("error: "), err
    assert snapshot(tmp_path) == before
    assert no_staging(tmp_path)
    return err


def test_an_output_folder_that_is_a_file(tmp_path, capsys):
    (tmp_path / "reports").write_text("not a folder")
    err = refused(tmp_path, capsys, "is_file", "--out", str(tmp_path / "reports"))
    assert f"{tmp_path / 'reports'} is a file, not a folder; choose a folder with --out." in err


def test_a_notebooks_folder_that_is_a_file_stops_the_run_before_the_reports_change(
    tmp_path, capsys
):
    earlier_report(tmp_path / "reports")
    (tmp_path / "nb").write_text("not a folder")
    err = refused(
        tmp_path,
        capsys,
        "is_file",
        "--out",
        str(tmp_path / "reports"),
        "--notebooks",
        str(tmp_path / "nb"),
    )
    assert "is a file, not a folder; choose a folder with --notebooks." in err


def test_a_read_only_folder_holding_an_earlier_report_is_not_replaced(tmp_path, capsys):
    earlier_report(tmp_path / "reports")
    (tmp_path / "reports").chmod(0o555)
    try:
        err = refused(tmp_path, capsys, "read_only", "--out", str(tmp_path / "reports"))
    finally:
        (tmp_path / "reports").chmod(0o755)
    assert "is read-only, so it is not replaced" in err


def test_a_folder_in_a_read_only_parent(tmp_path, capsys):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0o555)
    try:
        err = refused(tmp_path, capsys, "parent_read_only", "--out", str(tmp_path / "locked" / "r"))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert f"{tmp_path / 'locked'} (which holds {tmp_path / 'locked' / 'r'}) is not writable" in err
    assert not (tmp_path / "locked" / "r").exists()


def test_a_folder_inside_an_earlier_runs_output(tmp_path, capsys):
    earlier_report(tmp_path / "R")
    err = refused(tmp_path, capsys, "inside_output", "--out", str(tmp_path / "R" / "tinh"))
    assert f"lies inside {tmp_path / 'R'}, which an earlier report wrote" in err


def test_a_folder_holding_an_earlier_runs_output(tmp_path, capsys):
    earlier_report(tmp_path / "R")
    earlier_report(tmp_path / "R" / "tinh", "the province")  # as version 0.2 allowed
    err = refused(tmp_path, capsys, "holds_output", "--out", str(tmp_path / "R"))
    assert f"holds {tmp_path / 'R' / 'tinh'}, which another report wrote" in err


def test_a_symbolic_link_is_refused_and_left_as_it_is(tmp_path, capsys):
    earlier_report(tmp_path / "R")
    (tmp_path / "web").symlink_to(tmp_path / "R")
    err = refused(tmp_path, capsys, "symlink", "--out", str(tmp_path / "web"))
    assert f"is a symbolic link to {tmp_path / 'R'}" in err and f"--out {tmp_path / 'R'}" in err


def test_a_folder_of_other_files_is_refused(tmp_path, capsys):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "my_notes.docx").write_text("mine")
    err = refused(tmp_path, capsys, "not_ours", "--out", str(tmp_path / "reports"))
    assert "holds files this program did not write" in err


def test_too_little_free_space_for_the_last_runs_size(tmp_path, capsys, monkeypatch):
    earlier_report(tmp_path / "reports")
    size = output.folder_size(tmp_path / "reports")
    monkeypatch.setattr(
        output.shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(10**9, 10**9, size // 2)
    )
    err = refused(tmp_path, capsys, "no_space", "--out", str(tmp_path / "reports"))
    assert "MB free, and the last report took about" in err


def test_a_mount_point_is_refused(tmp_path, capsys, monkeypatch):
    earlier_report(tmp_path / "mnt")
    target = str(tmp_path / "mnt")
    monkeypatch.setattr(output.os.path, "ismount", lambda p: str(p) == target)
    err = refused(tmp_path, capsys, "mount_point", "--out", target)
    assert f"{target} is the mount point of a disk" in err


@pytest.fixture
def tmpfs(tmp_path):
    """A 1 MB tmpfs mounted in the test's folder (skipped where mounting is not allowed)."""
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    yield where
    gc.collect()  # a writer that failed may still hold a file open there
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


def test_a_real_mount_point_is_refused(tmpfs, capsys):
    earlier_report(tmpfs / "r")
    before = snapshot(tmpfs)
    assert main(["--lang", "en", "report", "-q", "--no-notebooks", "--out", str(tmpfs)]) == 1
    assert "is the mount point of a disk" in capsys.readouterr().err
    assert snapshot(tmpfs) == before


@pytest.mark.slow
def test_a_full_disk_is_one_message_and_the_earlier_reports_stay(tmpfs, public_analysis):
    earlier_report(tmpfs / "reports")
    before = snapshot(tmpfs)
    with pytest.raises(OutputWriteError) as err:
        regenerate(
            public_analysis.settings, tmpfs / "reports", None, ("vi",), analysis=public_analysis
        )
    assert err.value.reason == "disk_full"
    message = err.value.message(texts_for("vi"))
    assert message.startswith(f"không ghi được {tmpfs / 'reports'}") and "ổ đĩa đã đầy" in message
    assert f"Các báo cáo trước trong {tmpfs / 'reports'} vẫn giữ nguyên." in message
    assert snapshot(tmpfs) == before and no_staging(tmpfs)


@pytest.mark.parametrize(
    ("number", "words"),
    [(errno.ENOSPC, "the disk is full"), (errno.EACCES, "permission denied")],
)
def test_writing_errors_are_one_plain_message(
    tmp_path, capsys, monkeypatch, public_analysis, number, words
):
    earlier_report(tmp_path / "reports")
    before = snapshot(tmp_path)

    def failing_writer(analysis, texts, folder, languages, main):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text("half")
        raise OSError(number, os.strerror(number), str(folder / "bao_cao_danh_gia_ke_hoach.docx"))

    run = regenerate_module._as_run(public_analysis.settings, public_analysis)
    monkeypatch.setattr(regenerate_module, "write_edition", failing_writer)
    monkeypatch.setattr("dongson_analysis.analysis.analyse", lambda settings: run)
    code = main(
        ["--lang", "en", "report", "-q", "--no-notebooks", "--out", str(tmp_path / "reports")]
    )
    err = capsys.readouterr().err
    assert code == 1 and len(err.splitlines()) == 1
    assert err == (
        f"error: {tmp_path / 'reports' / 'bao_cao_danh_gia_ke_hoach.docx'} could not be written: "
        f"{words}. The earlier reports in {tmp_path / 'reports'} are unchanged.\n"
    )
    assert snapshot(tmp_path) == before and no_staging(tmp_path)


def quick_writer(analysis, texts, folder, languages, main):
    """An edition of one page (the real writer is tested elsewhere)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(f"<p>{analysis.settings.area_name}</p>", encoding="utf-8")
    return [folder / "index.html"]


def test_a_failing_notebook_run_leaves_reports_and_notebooks_as_they_were(
    tmp_path, monkeypatch, public_analysis
):
    from dongson_analysis.publish.notebook_files import ChapterRunError

    earlier_report(tmp_path / "reports")
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "04_so_lieu.ipynb").write_text("{}")
    before = snapshot(tmp_path)

    class Failing:
        def __init__(self, *args):
            pass

        def write(self, *args):
            raise ChapterRunError("07_du_bao", "ValueError: synthetic")

    monkeypatch.setattr(regenerate_module, "_Notebooks", Failing)
    monkeypatch.setattr(regenerate_module, "write_edition", quick_writer)
    with pytest.raises(ChapterRunError):
        regenerate(
            public_analysis.settings,
            tmp_path / "reports",
            tmp_path / "nb",
            ("vi",),
            analysis=public_analysis,
        )
    assert snapshot(tmp_path) == before and no_staging(tmp_path)


def test_stale_staging_folders_of_killed_runs_are_removed(tmp_path, monkeypatch, public_analysis):
    monkeypatch.setattr(regenerate_module, "write_edition", quick_writer)
    earlier_report(tmp_path / "reports")
    stale = tmp_path / ".reports.staging-0a1b2c3d"
    (stale / "new").mkdir(parents=True)
    (stale / STAGING_MARKER).write_text("")
    legacy = tmp_path / ".reports-k2j4h5g6"  # version 0.2's staging folder
    (legacy / "out").mkdir(parents=True)
    kept = tmp_path / ".reports-notes"  # a person's folder: not ours, kept
    kept.mkdir()
    other = tmp_path / ".reports-x.staging-11111111"  # another folder's staging: kept
    other.mkdir()
    (other / STAGING_MARKER).write_text("")
    regenerate(
        public_analysis.settings, tmp_path / "reports", None, ("vi",), analysis=public_analysis
    )
    assert not stale.exists() and not legacy.exists() and kept.exists() and other.exists()
    assert (tmp_path / "reports" / MARKER).exists()
    assert (tmp_path / "reports" / "index.html").read_text("utf-8") == "<p>Đông Sơn</p>"
    assert not (tmp_path / "reports" / "en").exists()  # the earlier report was replaced whole


def test_swapping_is_all_or_nothing(tmp_path, monkeypatch):
    for name in ("a", "b"):
        earlier_report(tmp_path / name)
        earlier_report(tmp_path / f"new_{name}", f"new {name}")
    before = snapshot(tmp_path)
    real = os.rename

    def rename(source, target):
        if Path(source) == tmp_path / "new_b":
            raise OSError(errno.EBUSY, "busy", str(target))
        real(source, target)

    monkeypatch.setattr(output.os, "rename", rename)
    with pytest.raises(OSError):
        swap_into_place(
            [(tmp_path / "new_a", tmp_path / "a"), (tmp_path / "new_b", tmp_path / "b")]
        )
    assert snapshot(tmp_path) == before


def test_a_second_run_waits_and_is_told(tmp_path):
    from dongson_analysis.publish.output import lock_path, output_lock

    folder = tmp_path / "reports"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from dongson_analysis.publish.output import output_lock\n"
            f"with output_lock(Path({str(folder)!r})):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(1.5)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    told = []
    with output_lock(folder, on_wait=lambda: told.append(True)):
        pass
    assert told == [True] and lock_path(folder).parent == tmp_path
    holder.wait()


@pytest.mark.slow
def test_report_runs_without_fcntl(tmp_path):
    """Where ``fcntl`` does not exist (Windows), the lock still works and ``report`` runs."""
    script = (
        "import sys\n"
        "sys.modules['fcntl'] = None\n"
        "from dongson_analysis.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    ran = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "report",
            "-q",
            "--no-notebooks",
            "--no-english",
            "--out",
            str(tmp_path / "r"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr.startswith("Đã ghi") and len(ran.stderr.splitlines()) == 1
    assert (tmp_path / "r" / "bao_cao_danh_gia_ke_hoach.docx").exists() and no_staging(tmp_path)


def test_the_output_module_needs_no_fcntl(tmp_path):
    ran = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-c",
            "import sys\n"
            "sys.modules['fcntl'] = None\n"
            "from pathlib import Path\n"
            "from dongson_analysis.publish.output import output_lock\n"
            f"with output_lock(Path({str(tmp_path / 'reports')!r})):\n"
            "    print('locked')\n",
        ],
        capture_output=True,
        text=True,
    )
    assert ran.returncode == 0 and ran.stdout == "locked\n" and ran.stderr == "", ran.stderr


def test_output_errors_have_words_in_every_language():
    codes = {
        "is_file": {"path": "p", "option": "--out"},
        "symlink": {"path": "p", "option": "--out", "real": "r"},
        "parent_not_folder": {"path": "p", "parent": "q", "option": "--out"},
        "parent_read_only": {"path": "p", "parent": "q", "option": "--out"},
        "mount_point": {"path": "p", "option": "--out"},
        "read_only": {"path": "p", "option": "--out"},
        "not_ours": {"path": "p", "option": "--out"},
        "inside_output": {"path": "p", "output": "o", "option": "--out"},
        "holds_output": {"path": "p", "inner": "i", "option": "--out"},
        "nested": {"path": "p", "option": "--out", "other": "o"},
        "no_space": {"path": "p", "needed": 12.5, "free": 3.25},
    }
    for lang in ("vi", "en"):
        for code, params in codes.items():
            assert OutputFolderError(code, **params).message(texts_for(lang))
    vi = OutputFolderError("no_space", **codes["no_space"]).message(texts_for("vi"))
    assert "3,2 MB" in vi or "3,3 MB" in vi
