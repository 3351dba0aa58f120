"""Files that must come out byte for byte the same on every run: fixed zip timestamps, safe spreadsheet text."""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXED_TIME = (2020, 1, 1, 0, 0, 0)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def normalise_zip(path: Path) -> None:
    """Rewrite a zip container (.docx, .xlsx) with fixed timestamps and attributes, members in their order."""
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, data)


def looks_like_formula(text: str) -> bool:
    """Text that a spreadsheet would run as a formula if it were typed into a cell."""
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """Text made safe for a CSV file opened in a spreadsheet: a leading quote before formula-like text."""
    return "'" + text if looks_like_formula(text) else text
