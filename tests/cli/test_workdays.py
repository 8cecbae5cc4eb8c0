"""``python -m window_assistant workdays …`` as a supervisor's script uses it: output, warnings on
stderr, exit codes and Chinese errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from window_assistant.cli.main import main

REPO = Path(__file__).resolve().parents[2]

YEAR_2027 = {
    "year": 2027,
    "source": "国务院办公厅关于2027年部分节假日安排的通知(测试用虚构数据)",
    "holidays": [
        {"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"},
        {"name": "春节", "start": "2027-02-06", "end": "2027-02-14"},
    ],
    "workdays": ["2027-02-20"],
}


def wd(db: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "workdays", *args])
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_add_and_between_print_the_issue_example(db_path, capsys):
    assert wd(db_path, capsys, "add", "2025-09-30", "3") == (0, "2025-10-11", "")
    assert wd(db_path, capsys, "between", "2025-09-30", "2025-10-11") == (0, "3", "")
    assert wd(db_path, capsys, "between", "2025-10-11", "2025-09-30") == (0, "-3", "")
    assert wd(db_path, capsys, "add", "2025年1月27日", "1") == (0, "2025-02-05", "")


def test_calendar_day_limits_end_on_a_working_day(db_path, capsys):
    assert wd(db_path, capsys, "add", "2025-09-26", "5", "--unit", "自然日") == (
        0,
        "2025-10-09",
        "",
    )


def test_dates_outside_the_known_years_warn_on_stderr(db_path, capsys):
    code, out, err = wd(db_path, capsys, "add", "2026-12-30", "3")
    assert (code, out) == (0, "2027-01-05")  # estimated: 12/31, (元旦 1/1 off) 1/4, 1/5
    assert "2027 年的节假日安排尚未导入" in err and "调休未知" in err


def test_import_then_add_uses_the_new_year(db_path, tmp_path, capsys):
    path = tmp_path / "2027.json"
    path.write_text(json.dumps({"years": [YEAR_2027]}, ensure_ascii=False), encoding="utf-8")
    code, out, _ = wd(db_path, capsys, "import", str(path))
    assert code == 0
    assert "已导入 2027 年:2 个假期,1 个调休上班日" in out
    assert wd(db_path, capsys, "add", "2026-12-30", "3") == (0, "2027-01-05", "")  # 12/31, 1/4, 1/5
    code, out, _ = wd(db_path, capsys, "import", str(path))
    assert "替换了原有安排" in out
    code, out, _ = wd(db_path, capsys, "years")
    assert [line.split("\t")[0] for line in out.splitlines()] == ["2024", "2025", "2026", "2027"]


def test_a_bad_import_exits_2_lists_the_problem_and_imports_nothing(db_path, tmp_path, capsys):
    bad = dict(YEAR_2027, workdays=["2027-02-19"])
    path = tmp_path / "2027.json"
    path.write_text(json.dumps({"years": [bad]}, ensure_ascii=False), encoding="utf-8")
    code, out, err = wd(db_path, capsys, "import", str(path))
    assert code == 2 and out == ""
    assert "未导入任何内容" in err and "2027-02-19 是星期五" in err
    code, out, err = wd(db_path, capsys, "add", "2027-02-05", "1")
    assert out == "2027-02-11" and "2027 年" in err  # estimated: 春节 2/5–2/10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "2025-02-30", "1"], "日期“2025-02-30”无效"),
        (["add", "2025-09-30", "-1"], "不能为负数"),
        (["between", "2025-09-30", "国庆后"], "日期“国庆后”无效"),
        (["import", "no-such-file.json"], "找不到节假日文件"),
    ],
)
def test_user_mistakes_exit_2_in_chinese(db_path, capsys, args, message):
    code, out, err = wd(db_path, capsys, *args)
    assert code == 2 and out == ""
    assert message in err


def test_as_a_real_process_bad_arguments_exit_2_without_traceback(db_path):
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "window_assistant", "--db", str(db_path), "workdays", *args],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
        )

    ok = run("add", "2025-09-30", "3")
    assert (ok.returncode, ok.stdout.strip()) == (0, "2025-10-11")
    for args in (("add", "2025-13-01", "1"), ("add", "2025-09-30", "三"), ("between", "x")):
        result = run(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        assert "错误" in result.stderr
