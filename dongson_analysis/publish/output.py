"""The output folders of a run: checked before anything is written, one run at a time, everything
staged, then swapped into place together.

A run writes one or two folders (the reports, and the notebooks when they are not inside the
reports). :func:`check_folders` refuses, before anything is written, every folder a person
would not want replaced: a file, a folder that is not writable or whose parent is not, a
symbolic link, a mount point, a folder holding files this program did not write, a folder inside
an earlier run's output (or holding one), and a disk with less free space than the last run took.
Each fault is an :class:`OutputFolderError` with a code and parameters; the edge words it.

A lock beside each folder (``.NAME.lock``, a :mod:`filelock` lock, so it works on every platform)
makes a second run wait. Everything is written into a staging folder beside the target
(``.NAME.staging-XXXXXXXX``) and moved into place at the end (:func:`swap_into_place`): the old
folder is renamed aside, the new one renamed into place, and if any rename fails every folder is
put back as it was. A write that fails (a full disk, a permission) is an
:class:`OutputWriteError` and leaves the earlier folders as they were. Staging folders that a
killed run left behind are removed by the next run (:func:`remove_stale`).
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The file that marks a reports folder as written by this program.
MARKER = ".dongson-report"
#: The file that marks a notebooks folder as written by this program.
NOTEBOOKS_MARKER = ".dongson-notebooks"
#: The file that marks a staging folder (only folders holding it are ever removed as stale).
STAGING_MARKER = ".dongson-staging"
MARKERS = (MARKER, NOTEBOOKS_MARKER)
#: Free space asked for beyond the last run's size (the new files are written beside the old).
SPACE_MARGIN = 1.1
#: What a failed write's ``errno`` means, as a key of the ``output.reason`` texts.
REASONS = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EROFS: "read_only_disk",
    errno.ENAMETOOLONG: "name_too_long",
}


class OutputFolderError(RuntimeError):
    """An output folder that a run must not write to or replace; nothing was written.

    ``code`` names the fault (a key of the ``output`` section of the language files) and
    ``params`` fill its message (``path`` is always one of them).
    """

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")

    def __str__(self) -> str:
        return str(self.params.get("path", self.code))

    def message(self, texts: Any) -> str:
        """The message in the language of ``texts`` (a :class:`~dongson_analysis.l10n.Texts`);
        sizes in megabytes are written the language's way.
        """
        params = {
            k: texts.number(v, 1) if isinstance(v, float) else str(v)
            for k, v in self.params.items()
        }
        return texts(f"output.{self.code}", **params)


class OutputWriteError(OSError):
    """A write that failed while staging or swapping; the earlier folders are as they were.

    ``reason`` is a key of the ``output.reason`` texts (``disk_full``, ``permission``, ...,
    ``other`` with the error's symbolic name in ``error``).
    """

    def __init__(self, path: str, err: OSError, folders: Sequence[Path]):
        self.path = path
        self.errno = err.errno
        self.reason = REASONS.get(err.errno or 0, "other")
        self.error = errno.errorcode.get(err.errno or 0, type(err).__name__)
        self.folders = tuple(folders)
        super().__init__(err.errno, f"{self.reason} ({self.error}): {path}")

    def message(self, texts: Any) -> str:
        """The message in the language of ``texts``."""
        return texts(
            "output.write_failed",
            path=self.path,
            reason=texts(f"output.reason.{self.reason}", error=self.error),
            folders=", ".join(str(f) for f in self.folders),
        )


@dataclass(frozen=True)
class Target:
    """A folder a run replaces.

    Parameters
    ----------
    folder : Path
        The folder (made absolute, not resolved: a symbolic link is seen as one).
    marker : str
        The file that marks the folder as written by this program.
    option : str
        The command-line option that chose it (``--out``), named in messages.
    known : frozenset of str
        Files that a folder written by an earlier version (without a marker) may hold and still
        count as this program's (the chapter notebooks).
    inner : tuple of Path
        Folders inside ``folder`` that the same run writes (the notebooks inside the reports):
        they are this run's, not an earlier run's output.
    """

    folder: Path
    marker: str = MARKER
    option: str = "--out"
    known: frozenset[str] = field(default_factory=frozenset)
    inner: tuple[Path, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "folder", Path(os.path.abspath(self.folder)))


def writable(path: Path) -> bool:
    """Whether ``path`` may be written: the system allows it and its mode was not made read-only
    (a folder whose write bits were all cleared is read-only even for the administrator).
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK | os.X_OK) and bool(mode & 0o222)


def folder_size(folder: Path) -> int:
    """Bytes held by the files under ``folder`` (0 if it does not exist)."""
    if not folder.is_dir():
        return 0
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if os.path.lexists(candidate):
            return candidate
    return Path(path.anchor)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_folder(target: Target) -> None:
    """Refuse a folder that a run must not replace (see the module docstring).

    Raises
    ------
    OutputFolderError
        With one of the codes ``is_file``, ``symlink``, ``parent_not_folder``,
        ``parent_read_only``, ``mount_point``, ``read_only``, ``not_ours``, ``inside_output``,
        ``holds_output``.
    """
    folder, option = target.folder, target.option
    if folder.is_symlink():
        raise OutputFolderError(
            "symlink", path=folder, option=option, real=os.path.realpath(folder)
        )
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError("is_file", path=folder, option=option)
    ancestor = _existing_ancestor(folder.parent)
    if not ancestor.is_dir():
        raise OutputFolderError("parent_not_folder", path=folder, parent=ancestor, option=option)
    if not writable(ancestor):
        raise OutputFolderError("parent_read_only", path=folder, parent=ancestor, option=option)
    real = Path(os.path.realpath(folder))
    for parent in real.parents:
        for marker in MARKERS:
            if (parent / marker).is_file():
                raise OutputFolderError("inside_output", path=folder, output=parent, option=option)
    if not folder.exists():
        return
    if os.path.ismount(folder):
        raise OutputFolderError("mount_point", path=folder, option=option)
    if not writable(folder):
        raise OutputFolderError("read_only", path=folder, option=option)
    names = {p.name for p in folder.iterdir()}
    ours = target.marker in names or (names and names <= target.known)
    if names and not ours:
        raise OutputFolderError("not_ours", path=folder, option=option)
    for marker in MARKERS:
        for found in folder.rglob(marker):
            inner = found.parent
            if inner != folder and not any(_inside(inner, f) for f in target.inner):
                raise OutputFolderError("holds_output", path=folder, inner=inner, option=option)


def check_space(targets: Sequence[Target], free: Callable[[Path], int] | None = None) -> None:
    """Refuse a run when a disk has less free space than the last run's folders took there.

    Raises
    ------
    OutputFolderError
        ``no_space``, with the space needed and free, in megabytes.
    """
    free = free or (lambda p: shutil.disk_usage(p).free)
    needed: dict[Path, int] = {}
    for t in targets:
        where = _existing_ancestor(t.folder.parent)
        needed[where] = needed.get(where, 0) + folder_size(t.folder)
    for where, size in needed.items():
        available = free(where)
        if size and available < size * SPACE_MARGIN:
            raise OutputFolderError(
                "no_space",
                path=where,
                needed=round(size * SPACE_MARGIN / 1e6, 1),
                free=round(available / 1e6, 1),
            )


def check_folders(targets: Sequence[Target], free: Callable[[Path], int] | None = None) -> None:
    """Every check of every target, then the free space (see :func:`check_folder`).

    Raises
    ------
    OutputFolderError
        The first fault found; also ``nested`` when one target lies inside another that is not
        declared as holding it.
    """
    for t in targets:
        for other in targets:
            if other is not t and _inside(t.folder, other.folder) and t.folder not in other.inner:
                raise OutputFolderError(
                    "nested", path=t.folder, option=t.option, other=other.folder
                )
    for t in targets:
        check_folder(t)
    check_space(targets, free)


def _filelock():
    """The :mod:`filelock` module. Without ``fcntl`` (and off Windows) it falls back on a lock
    file that it recovers from a killed run, and says so with a warning meant for developers,
    not for a planner's screen.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import filelock
    return filelock


def lock_path(folder: Path) -> Path:
    """The lock file of ``folder``: ``.NAME.lock`` beside it."""
    return folder.parent / f".{folder.name}.lock"


@contextmanager
def output_lock(
    folders: Path | Sequence[Path], on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold the locks of ``folders`` (files beside them); wait for another run, telling
    ``on_wait`` first. Locks are taken in one order, so two runs never wait for each other.
    """
    filelock = _filelock()
    paths = [folders] if isinstance(folders, Path) else list(folders)
    with ExitStack() as stack:
        told = False
        for folder in sorted({Path(os.path.abspath(f)) for f in paths}):
            folder.parent.mkdir(parents=True, exist_ok=True)
            lock = filelock.FileLock(str(lock_path(folder)))
            try:
                lock.acquire(timeout=0)
            except filelock.Timeout:
                if on_wait and not told:
                    on_wait()
                    told = True
                lock.acquire()
            stack.callback(lock.release)
        yield


def _is_stale(path: Path, name: str) -> bool:
    if not path.is_dir() or path.is_symlink():
        return False
    if path.name.startswith(f".{name}.staging-"):
        return (path / STAGING_MARKER).is_file()
    if path.name.startswith(f".{name}.old-"):
        return any((path / m).is_file() for m in MARKERS) or (path / STAGING_MARKER).is_file()
    # the staging folders of version 0.2 (mkdtemp's ".NAME-XXXXXXXX", holding out/ and notebooks/)
    rest = path.name.removeprefix(f".{name}-")
    if rest != path.name and len(rest) == 8 and "." not in rest:
        inside = {p.name for p in path.iterdir()}
        return inside <= {"out", "notebooks"}
    return False


def remove_stale(folder: Path) -> list[Path]:
    """Remove the staging and set-aside folders that a killed run left beside ``folder``.

    Call it holding the folder's lock: only runs of the same folder name such folders.
    """
    removed = []
    parent = folder.parent
    if not parent.is_dir():
        return removed
    for path in sorted(parent.glob(f".{folder.name}*")):
        if _is_stale(path, folder.name):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def make_staging(folder: Path) -> Path:
    """A new staging folder beside ``folder``, marked as one; the new content goes in its
    ``new/`` sub-folder (made with the usual permissions, unlike the staging folder itself).
    """
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.staging-", dir=folder.parent))
    (staging / STAGING_MARKER).write_text("", encoding="utf-8")
    (staging / "new").mkdir()
    return staging


def swap_into_place(pairs: Sequence[tuple[Path, Path]]) -> None:
    """Move each ``(new, target)`` into place: every ``target`` replaced, or none.

    Each target is renamed aside (``.NAME.old-XXXXXXXX``) and its new folder renamed into its
    place; if a rename fails, every folder already moved is put back. The set-aside folders are
    removed once every target is in place.

    Raises
    ------
    OSError
        From the rename that failed (after everything was put back).
    """
    done: list[tuple[Path, Path, Path | None]] = []
    try:
        for new, target in pairs:
            old = None
            if os.path.lexists(target):
                old = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
                os.rename(target, old)
            try:
                os.rename(new, target)
            except OSError:
                if old is not None:
                    os.rename(old, target)
                raise
            done.append((new, target, old))
    except OSError:
        for new, target, old in reversed(done):
            os.rename(target, new)
            if old is not None:
                os.rename(old, target)
        raise
    for _, _, old in done:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
