"""``writer_for``: .docx from the core, every other format a plug-in found by its entry point."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from tests.samples import item_sheet
from window_assistant.errors import UserError
from window_assistant.sheets.docx import write_docx
from window_assistant.sheets.writers import (
    ENTRY_POINT_GROUP,
    suffixes,
    write_sheet,
    writer_for,
)

FONTS = {"title_font": "黑体", "body_font": "仿宋"}


@pytest.fixture
def plugins(tmp_path, monkeypatch):
    """An installed distribution declaring two writers: ``.txt`` (writes the title) and
    ``.odt``, whose module cannot be imported (as the PDF writer on a machine without Qt)."""
    site = tmp_path / "site"
    info = site / "fake_sheet_writers-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fake-sheet-writers\nVersion: 1.0\n"
    )
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\ntxt = fake_txt_writer:write\nodt = fake_odt_writer:write\n"
    )
    (site / "fake_txt_writer.py").write_text(
        "def write(sheet, path, *, title_font, body_font):\n"
        "    path.write_text(f'{sheet.title} {title_font}/{body_font}', encoding='utf-8')\n"
    )
    (site / "fake_odt_writer.py").write_text("import a_toolkit_that_is_not_installed\n")
    monkeypatch.syspath_prepend(str(site))
    yield site
    for name in ("fake_txt_writer", "fake_odt_writer"):
        sys.modules.pop(name, None)


def test_docx_is_written_by_the_core(tmp_path):
    assert writer_for(tmp_path / "a.docx") is write_docx
    assert writer_for(tmp_path / "A.DOCX") is write_docx
    sheet = item_sheet("notice")
    path = tmp_path / "告知书.docx"
    write_sheet(writer_for(path), sheet, path, **FONTS)
    with zipfile.ZipFile(path) as z:
        assert sheet.serial in z.read("word/header1.xml").decode("utf-8")


def test_other_formats_come_from_the_entry_point_group(plugins, tmp_path):
    assert suffixes()[0] == ".docx"
    assert {".txt", ".odt", ".pdf"} <= set(suffixes())  # .pdf: setup.cfg's Qt renderer
    sheet = item_sheet("notice")
    path = tmp_path / "a.TXT"
    write_sheet(writer_for(path), sheet, path, **FONTS)
    assert path.read_text(encoding="utf-8") == f"{sheet.title} 黑体/仿宋"


def test_a_writer_that_cannot_load_is_a_chinese_error_suggesting_docx(plugins, tmp_path):
    with pytest.raises(UserError) as err:
        writer_for(tmp_path / "告知书.odt")
    message = str(err.value)
    assert "无法生成 ODT 文件" in message and "a_toolkit_that_is_not_installed" in message
    assert "请改为输出 .docx 文件,例如 告知书.docx" in message


def test_an_unknown_extension_names_the_file_and_the_formats(tmp_path):
    with pytest.raises(UserError) as err:
        writer_for(tmp_path / "sheet.rtf")
    assert str(err.value).startswith("文件 sheet.rtf 的扩展名应为 .docx 或 ")
    assert ".pdf" in str(err.value) and "例如 sheet.docx" in str(err.value)
    with pytest.raises(UserError, match="扩展名应为"):
        writer_for(Path("no-extension"))


def test_a_file_that_cannot_be_written_is_a_user_error(tmp_path):
    path = tmp_path / "no such folder" / "a.docx"
    with pytest.raises(UserError, match=r"无法写入 .*a\.docx.*换一个位置"):
        write_sheet(writer_for(path), item_sheet("notice"), path, **FONTS)
