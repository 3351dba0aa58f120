"""The output folders of a run: one run at a time, everything staged, then swapped into place.

A lock beside the output folder makes a second run wait (the caller is told).
Everything is written into a staging folder first and moved into place at the
end, so an interrupted run leaves the previous reports as they were. The output
folder must be empty, absent, or one this program wrote (it holds a marker
file); anything else is refused.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".dongson-report"


class OutputFolderError(RuntimeError):
    """An output folder that this program did not write (it would be replaced)."""


@contextmanager
def output_lock(folder: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock of ``folder`` (a file beside it); wait for another run, telling ``on_wait``
    first.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock = folder.parent / f".{folder.name}.lock"
    with open(lock, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_output_folder(folder: Path) -> None:
    """Refuse a folder that holds files this program did not write."""
    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise OutputFolderError(str(folder))


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` in two renames; the old folder is removed afterwards."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
