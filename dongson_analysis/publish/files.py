"""Files that must come out byte for byte the same on every run: fixed zip timestamps, safe
spreadsheet text.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

FIXED_TIME = (2020, 1, 1, 0, 0, 0)
FIXED_STAMP = "2020-01-01T00:00:00Z"
_STAMPS = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def normalise_zip(path: Path) -> None:
    """Rewrite a zip container (.docx, .xlsx) with fixed timestamps and attributes, members in their
    order.

    The document properties' creation and modification times are fixed too.
    """
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    # some writers stamp the document's properties with the time of saving
    members = [
        (
            name,
            _STAMPS.sub(rb"\g<1>" + FIXED_STAMP.encode() + rb"\2", data)
            if name == "docProps/core.xml"
            else data,
        )
        for name, data in members
    ]
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
    """Text made safe for a CSV file opened in a spreadsheet: a leading quote before formula-like
    text.
    """
    return "'" + text if looks_like_formula(text) else text
