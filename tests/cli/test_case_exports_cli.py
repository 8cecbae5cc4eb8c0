"""``cases export`` (table and GB/T 39046 dataset), ``cases report`` and ``crossregion export``
end to end: the files written, masked by default, and the report's figures printed."""

from __future__ import annotations

import csv
import json
from datetime import date

from python_calamine import CalamineWorkbook

from tests.cli.test_case_steps import ITEM, SITUATIONS, run
from window_assistant.cases.exports import GBT39046_HEADERS, HEADERS


def test_exports_and_the_report_from_the_command_line(tmp_path, capsys):
    db = tmp_path / "wa.db"
    base = ["sheet", "--item", ITEM, *SITUATIONS, "--situation", "agent=否", "--json"]
    code, out, _ = run(
        capsys, db, *base, "--kind", "correction", "--applicant", "李四",
        "--id", "11010519491231002X", "--phone", "13912345678", "--out", str(tmp_path / "a.docx"),
    )  # fmt: skip
    assert code == 0, out
    serial = json.loads(out)["serial"]
    for what in ("补正收件", "受理"):
        assert run(capsys, db, "cases", "step", serial, what)[0] == 0
    code, out, err = run(capsys, db, "cases", "export", str(tmp_path / "台账.csv"))
    assert code == 0 and "已导出 1 件办件" in out and "已脱敏" in out, err
    rows = list(csv.reader((tmp_path / "台账.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == HEADERS and rows[1][0] == serial and "李*" in rows[1]
    text = (tmp_path / "台账.csv").read_text(encoding="utf-8-sig")
    assert "11010519491231002X" not in text and "13912345678" not in text and "139****5678" in text
    target = tmp_path / "办件.xlsx"
    code, out, _ = run(capsys, db, "cases", "export", str(target), "--format", "gbt39046")
    assert code == 0 and "GB/T 39046-2020 办件数据集" in out
    sheet = CalamineWorkbook.from_path(str(target)).get_sheet_by_name("办件数据").to_python()
    assert sheet[0] == GBT39046_HEADERS and sheet[1][0] == serial
    code, out, _ = run(capsys, db, "crossregion", "export", str(tmp_path / "跨域.csv"))
    assert code == 0 and "已导出 0 件办件" in out
    month = date.today().strftime("%Y-%m")
    report = tmp_path / "台账月报.docx"
    code, out, err = run(capsys, db, "cases", "report", "--month", month, "--out", str(report))
    assert code == 0 and report.exists(), err
    assert "办件 1 件" in out and "补正率 100%" in out and "一次办结率 —" in out
