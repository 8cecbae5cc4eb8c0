"""The command line on a machine without PySide6 (a server, a supervisor's script): every command
but a PDF works, and asking for a PDF is a Chinese error that registers nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COMPANY = "001701001000"  # 企业设立登记
BLOCKER = 'raise ImportError("No module named PySide6 (hidden by the test)")\n'


@pytest.fixture
def no_qt(tmp_path):
    """Run the CLI in a process where ``import PySide6`` fails: a package of that name that
    raises ImportError comes first on the path."""
    shadow = tmp_path / "shadow"
    (shadow / "PySide6").mkdir(parents=True)
    (shadow / "PySide6" / "__init__.py").write_text(BLOCKER)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(shadow), str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    db = tmp_path / "wa.db"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "window_assistant", "--db", str(db), *args],
            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
        )  # fmt: skip

    check = subprocess.run(
        [sys.executable, "-c", "import PySide6"], capture_output=True, text=True, env=env
    )
    assert check.returncode != 0 and "hidden by the test" in check.stderr  # the blocker works
    return run


def test_reading_commands_and_docx_sheets_work_without_qt(no_qt, tmp_path):
    for args, expected in (
        (("catalog", "search", "营业执照", "--json"), "code"),
        (("catalog", "show", COMPANY), "企业设立登记"),
        (("catalog", "stats"), "事项"),
        (("catalog", "versions"), ""),
        (("workdays", "between", "2026-01-01", "2026-01-31"), ""),
        (("crossregion", "list"), "共 31 项。"),
    ):
        result = no_qt(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert expected in result.stdout, args
    out = tmp_path / "告知书.docx"
    result = no_qt("sheet", "--item", COMPANY, "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    serial = json.loads(result.stdout)["serial"]
    assert out.stat().st_size > 0
    result = no_qt("cases", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert [row["serial"] for row in json.loads(result.stdout)] == [serial]
    assert no_qt("cases", "step", serial, "补正收件").returncode == 0
    shown = no_qt("cases", "show", serial, "--json")
    assert json.loads(shown.stdout)["state"] == "received", shown.stderr
    assert no_qt("cases", "list", "--overdue").returncode == 0
    assert no_qt("crossregion", "cases").returncode == 0
    again = tmp_path / "重印.docx"
    assert no_qt("cases", "reprint", serial, "--out", str(again)).returncode == 0
    assert again.exists()
    public = tmp_path / "跨域通办事项清单.docx"
    assert no_qt("crossregion", "publish", "--out", str(public)).returncode == 0
    assert public.stat().st_size > 0


def test_a_pdf_without_qt_is_a_chinese_error_and_registers_nothing(no_qt, tmp_path):
    out = tmp_path / "告知书.pdf"
    result = no_qt("sheet", "--item", COMPANY, "--out", str(out), "--json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("错误:无法生成 PDF 文件")
    assert "请改为输出 .docx 文件,例如 告知书.docx" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    listed = no_qt("cases", "list", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
