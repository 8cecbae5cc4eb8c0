"""``crossregion list/import/publish/versions`` as a supervisor's script runs them: the diff
printed first (``--dry-run`` stops there, writing nothing), the import kept as a version, the
list as text and JSON, the public list written; a bad file exits 2 naming sheet, row and
column, and changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from tests.store_helpers import table_rows
from window_assistant.cli.main import main
from window_assistant.cli.signin import SECRET_ENV

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "catalog" / "tiexi_crossregion.xlsx"
TABLES = ("crossregion_agreements", "crossregion_versions", "audit_log")


def run(db_path, *args: str) -> int:
    return main(["--db", str(db_path), "crossregion", *args])


def test_dry_run_shows_the_diff_and_writes_nothing(set_up, db_path, capsys):
    before = table_rows(set_up.store, *TABLES)
    assert run(db_path, "import", str(DEMO), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "新增协议:TX-KY-2025-03 吉林省长春市朝阳区" in out
    assert "合计:新增协议 3,删除协议 0,修改协议 0;新增协议事项 8" in out
    assert out.rstrip().endswith("(试运行:未写入任何内容)")
    assert table_rows(set_up.store, *TABLES) == before


def test_import_list_publish_and_versions(set_up, db_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(SECRET_ENV, "correct horse")
    assert run(db_path, "import", str(DEMO), "--as", "S01") == 0
    assert "已导入,合作协议版本 1:3 个协议,8 个协议事项。" in capsys.readouterr().out

    assert run(db_path, "list", "--region", "铁东区", "--mode", "异地代收代办") == 0
    out = capsys.readouterr().out
    assert "000920012000\t个人创业担保贷款申请\t区人社局\t市内跨县\t异地代收代办" in out
    assert "协议 TX-KY-2025-02(示例):铁东区" in out
    assert "时限(工作日)寄出 1,对方受理 1,办结 15,结果寄回 1" in out
    assert out.rstrip().endswith("共 2 项。")

    assert run(db_path, "list", "--json", "--scope", "跨省") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["item_code"] for r in rows] == ["000720004000"]
    assert rows[0]["scope"] == "interprovincial" and rows[0]["mode"] == "online"

    monkeypatch.setenv(SECRET_ENV, "2580")
    out_file = tmp_path / "out" / "公示.docx"
    out_file.parent.mkdir()
    assert run(db_path, "publish", "--out", str(out_file), "--as", "1003") == 0
    assert "已生成 鞍山市铁西区政务服务中心跨域通办事项清单" in capsys.readouterr().out
    assert Document(str(out_file)).paragraphs[0].text.endswith("跨域通办事项清单")

    assert run(db_path, "versions", "--diff") == 0
    out = capsys.readouterr().out
    assert "版本 1" in out and "S01" in out and "协议 3(+3 -0 ~0)" in out
    assert "    新增协议事项:TX-KY-2025-02/000920012000 铁东区 个人创业担保贷款申请" in out


def test_a_bad_workbook_exits_2_naming_sheet_row_and_column(
    set_up, db_path, tmp_path, capsys, monkeypatch
):
    book = load_workbook(DEMO)
    book["合作协议"]["H3"] = "三天"  # 对方受理时限 of the second agreement
    bad = tmp_path / "协议.xlsx"
    book.save(bad)
    monkeypatch.setenv(SECRET_ENV, "correct horse")
    before = table_rows(set_up.store, *TABLES)
    assert run(db_path, "import", str(bad), "--as", "S01") == 2
    captured = capsys.readouterr()
    assert "工作表「合作协议」第 3 行「对方受理时限」列:「三天」不是工作日数" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert table_rows(set_up.store, *TABLES) == before
