"""Finding 17 of the planner's review: ``--final`` never writes a copy with empty sections. It
prints the office's own passages (read at the edge from a file into ``Settings.office_text``)
where the draft has its boxes, or refuses, naming every passage still to be written.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from dongson_analysis.blocks import Draft, Paragraph
from dongson_analysis.chapters import assemble
from dongson_analysis.l10n import texts_for
from dongson_analysis.settings import (
    OFFICE_PASSAGES,
    OfficeTextMissing,
    SettingsError,
    read_office_text,
    settings_from_parameters,
)


def _final(analysis, office=()):
    return replace(
        analysis, settings=replace(analysis.settings, draft_marks=False, office_text=office)
    )


def test_a_final_copy_without_the_office_text_is_refused_naming_every_passage(public_analysis):
    with pytest.raises(OfficeTextMissing) as err:
        assemble(_final(public_analysis), texts_for("vi"), "report")
    assert err.value.names == (
        "guidance",
        "causes",
        "lessons",
        "context",
        "goal",
        "tasks",
        "recommendations",
    )
    assert err.value.message(texts_for("vi")).startswith(
        "bản chính thức (--final) sẽ để trống các phần chỉ phòng viết được: căn cứ (văn bản, số, "
        "ngày, cơ quan ban hành), nguyên nhân, bài học kinh nghiệm, bối cảnh, mục tiêu tổng quát, "
        "nhiệm vụ và giải pháp chủ yếu và kiến nghị, đề xuất."
    )


def test_a_final_copy_prints_the_office_text_where_the_boxes_were(public_analysis, tmp_path):
    path = tmp_path / "office.txt"
    body = "".join(
        f"## {name}\nĐoạn một của phần {name}.\n\nĐoạn hai của phần {name}.\n\n"
        for name in OFFICE_PASSAGES
        if name != "missing"
    )
    path.write_text(body, encoding="utf-8")
    settings = settings_from_parameters(draft_marks=False, office_text=path)
    final = _final(public_analysis, settings.office_text)
    blocks = assemble(final, texts_for("vi"), "report").blocks
    assert not [b for b in blocks if isinstance(b, Draft)]
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    for name in OFFICE_PASSAGES[:-1]:
        assert f"Đoạn một của phần {name}." in texts and f"Đoạn hai của phần {name}." in texts


def test_the_office_text_file_names_its_faults_with_the_line(tmp_path):
    path = tmp_path / "office.txt"
    path.write_text("## causes\nDo dịch bệnh.\n## ly do\nx\n", encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        read_office_text(path)
    assert err.value.code == "office_text_unknown"
    assert err.value.message(texts_for("vi")) == (
        f"tệp nội dung của phòng {path}, dòng 3: không có phần “ly do”; các phần có: "
        "guidance, causes, lessons, context, goal, tasks, recommendations, missing."
    )
    path.write_text("Lời mở đầu\n## causes\nx\n", encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        read_office_text(path)
    assert err.value.code == "office_text_outside" and err.value.params["line"] == 1


def test_the_command_line_takes_the_office_text_for_the_final_copy(tmp_path, capsys):
    """``report --final --office-text FILE``: the office's passages from its file, in the Word
    copy; without the file the final copy is refused and the message names the option."""
    from docx import Document

    from dongson_analysis.cli import main

    passages = ("guidance", "causes", "lessons", "context", "goal", "tasks", "recommendations")
    office = tmp_path / "phong.txt"
    office.write_text(
        "".join(f"## {name}\n\nĐoạn {name} do phòng viết.\n\n" for name in passages),
        encoding="utf-8",
    )
    common = ["report", "-q", "--final", "--no-notebooks", "--no-english"]
    assert main([*common, "--out", str(tmp_path / "r0")]) == 1
    assert "--office-text" in capsys.readouterr().err
    assert not (tmp_path / "r0").exists()
    out = tmp_path / "r1"
    assert main([*common, "--office-text", str(office), "--out", str(out)]) == 0
    text = "\n".join(p.text for p in Document(out / "bao_cao_danh_gia_ke_hoach.docx").paragraphs)
    for name in passages[1:]:
        assert f"Đoạn {name} do phòng viết." in text
    assert "PHẦN DO PHÒNG VIẾT" not in text
