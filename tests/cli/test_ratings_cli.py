"""``ratings verify | list | export`` as a supervisor's script uses them: exit 0 on an intact
log, 2 naming the first bad row (no traceback), masked lists, an export that verifies."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.core.test_ratings_log import SOON, behind_the_triggers, rate, register
from window_assistant.cli.main import main
from window_assistant.ratings.log import chain_head
from window_assistant.vocab import RatingLevel

REPO = Path(__file__).resolve().parents[2]


def cli(db: Path, *args: str) -> list[str]:
    return ["--db", str(db), "ratings", *args]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command in a real process, as a script runs it."""
    return subprocess.run(
        [sys.executable, "-m", "window_assistant", *args],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )  # fmt: skip


def rated(services, n: int = 3):
    cases = register(services, n)
    rate(services, cases[0], RatingLevel.VERY_SATISFIED, ["热情耐心"], "电话 13912345678")
    for case in cases[1:]:
        rate(services, case, RatingLevel.DISSATISFIED, ["等候时间长"], channel="pad")
    return cases


def test_verify_prints_the_heads_of_an_intact_log(services, db_path, capsys):
    rated(services)
    head = chain_head(services, 1)
    assert main(cli(db_path, "verify")) == 0
    out = capsys.readouterr().out
    assert "评价记录完整:共核验 3 条" in out and head.text() in out


def test_verify_exits_2_naming_a_changed_row(services, db_path, capsys):
    cases = rated(services)
    behind_the_triggers(services, "UPDATE ratings SET comment = '改过' WHERE seq = 2")
    assert main(cli(db_path, "verify")) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "窗口 1 第 2 条评价" in captured.err and cases[1].serial in captured.err
    assert "被改动过" in captured.err and "Traceback" not in captured.err


def test_verify_with_a_saved_head_finds_the_newest_rows_deleted(services, db_path, capsys):
    rated(services)
    saved = chain_head(services, 1).text()
    behind_the_triggers(services, "DELETE FROM ratings WHERE seq = 3")
    assert main(cli(db_path, "verify")) == 0
    capsys.readouterr()
    assert main(cli(db_path, "verify", "--head", saved)) == 2
    assert "第 3 条缺失:最新的评价被删除" in capsys.readouterr().err


def test_list_masks_numbers_and_filters_by_date(services, db_path, capsys):
    cases = rated(services)
    assert main(cli(db_path, "list", "--json")) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["case_serial"] for r in rows][-1] == cases[0].serial
    first = rows[-1]
    assert first["comment"] == "电话 139****5678" and first["level_gbt39046"] == 1
    assert (first["level_label"], first["channel_gbt39046"], first["bad"]) == ("非常满意", 3, False)
    assert rows[0]["channel_label"] == "政务大厅平板电脑" and rows[0]["bad"] is True
    day = SOON.date().isoformat()
    assert main(cli(db_path, "list", "--from", day, "--to", day)) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 3 and "139****5678" in out and "13912345678" not in out
    assert main(cli(db_path, "list", "--from", "2027-01-01")) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "没有符合条件的评价" in captured.err


def test_an_exported_file_verifies_and_a_cut_one_does_not(services, db_path, tmp_path):
    """End to end in a real process: exit codes, stdout and stderr as a script sees them."""
    rated(services)
    services.close()
    out = tmp_path / "评价记录.jsonl"
    exported = run(*cli(db_path, "export", str(out)))
    assert exported.returncode == 0, exported.stderr
    assert "已导出 3 条评价" in exported.stdout
    verified = run("ratings", "verify", str(out))
    assert verified.returncode == 0 and "共核验 3 条" in verified.stdout, verified.stderr
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:-1]), encoding="utf-8")
    cut = run("ratings", "verify", str(out))
    assert cut.returncode == 2 and cut.stdout == ""
    assert "第 3 条缺失:最新的评价被删除" in cut.stderr and "Traceback" not in cut.stderr


def test_stats_prints_the_figures_and_their_json(services, db_path, capsys):
    from tests.core.test_stats import build_data

    build_data(services)
    period = ["--from", "2026-03-09", "--to", "2026年3月12日"]
    assert main(cli(db_path, "stats", *period, "--json")) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["total"] == 4 and figures["excluded"] == 1 and figures["good_rate"] == 0.75
    assert set(figures) >= {"total", "by_level", "by_channel", "good_rate", "unrated", "followup"}
    assert main(cli(db_path, "stats", *period, "--by", "clerk")) == 0
    out = capsys.readouterr().out
    assert "好评率 75.0%" in out and "【经办人】赵丽(1009)" in out and "回访率 100.0%" in out


def test_stats_refuses_bad_dates_and_groupings_with_exit_2(services, db_path, capsys):
    assert main(cli(db_path, "stats", "--from", "2026-03-12", "--to", "2026-03-09")) == 2
    assert "颠倒" in capsys.readouterr().err
    assert main(cli(db_path, "stats", "--from", "2026-02-30")) == 2
    assert "没有这一天" in capsys.readouterr().err


def test_follow_up_steps_from_the_command_line(services, db_path, capsys):
    from tests.core.test_followups import MON, rated_case

    case = rated_case(services, MON)
    assert main(cli(db_path, "follow-up", case.serial, "核实", "finding=情况属实")) == 0
    assert "现为待处理" in capsys.readouterr().out
    # skipping the handling is refused, exit 2, nothing written
    assert main(cli(db_path, "follow-up", case.serial, "close")) == 2
    assert "不能跳过" in capsys.readouterr().err
    assert main(cli(db_path, "follow-up", case.serial, "fix_now", "action")) == 2
    assert "项=内容" in capsys.readouterr().err
    assert main(cli(db_path, "followups", "--json")) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["serial"] == case.serial and row["state"] == "verified"
    assert [s["step"] for s in row["steps"]] == ["verify"]
    assert row["steps"][0]["detail"] == {"finding": "情况属实"}
    assert main(cli(db_path, "followups", "--overdue")) == 0
    assert case.serial in capsys.readouterr().out  # rated in March, never handled
