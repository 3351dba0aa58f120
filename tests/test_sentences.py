"""Finding 28 of the planner's review: every sentence of the documents starts upper-case and
ends with a full stop; no sentence starts with a lower-case word (a package's name included).
"""

from __future__ import annotations

import re

import pytest

from dongson_analysis.blocks import Bullets, Paragraph
from dongson_analysis.chapters import assemble
from dongson_analysis.l10n import texts_for

#: A full stop followed by a lower-case word: a sentence that starts lower-case (web addresses,
#: numbers and "e.g." aside).
LOWER_START = re.compile(r"(?<![.\d])(?<!\be\.g)(?<!\bi\.e)\. (?!(?:e\.g|i\.e)\b)(\w+)")


def _sentences(analysis, lang: str, key: str) -> list[str]:
    out = []
    for b in assemble(analysis, texts_for(lang), key).blocks:
        if isinstance(b, Paragraph):
            out.append(b.text)
        elif isinstance(b, Bullets):
            out += list(b.items)
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("key", ["report", "notes"])
def test_every_sentence_starts_upper_case(public_analysis, lang, key):
    bad = []
    for text in _sentences(public_analysis, lang, key):
        for m in LOWER_START.finditer(text):
            word = m.group(1)
            if word[:1].islower() and not re.match(r"(vn|net|com|gov|org)\b", word):
                bad.append(text[max(0, m.start() - 60) : m.end() + 20])
    assert not bad, bad


def test_the_poverty_target_reads_as_two_sentences(public_analysis):
    """The sentence the reviewer quoted: a note after "các năm 2016 và 2020." starts upper-case
    and ends with its own full stop before "Lưu ý"."""
    text = next(
        t
        for t in _sentences(public_analysis, "vi", "notes")
        if t.startswith("Mức giảm tỷ lệ hộ nghèo bình quân hằng năm") and "chuẩn nghèo mới" in t
    )
    assert "2020. Mức thay đổi tính từ số liệu năm 2016" in text
    assert "(kết quả điều tra cuối năm 2015). Lưu ý:" in text
