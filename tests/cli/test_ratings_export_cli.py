"""``ratings export FILE.csv|FILE.xlsx [--format gbt39046] [--from] [--to] [--unmasked] [--as]``
and ``ratings verify`` of those files, as a supervisor's script runs them: exit 0 and the heads,
exit 2 naming the row (no traceback, nothing written) on an edited file or a refused choice."""

from __future__ import annotations

import csv
import io

from tests.cli.test_ratings_cli import cli, run
from tests.core.test_ratings_exports import COL, DAY1, ITEM, PHONE, known, read_csv, write_csv
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.cli.main import main
from window_assistant.ratings.log import record_rating


def test_a_csv_export_verifies_and_an_edited_one_exits_2_naming_the_row(
    services, db_path, tmp_path
):
    """End to end in a real process: exit codes, stdout and stderr as a script sees them."""
    cases = known(services)
    services.close()
    out = tmp_path / "评价记录.csv"
    exported = run(*cli(db_path, "export", str(out)))
    assert exported.returncode == 0, exported.stderr
    assert "已导出 5 条评价" in exported.stdout and "已脱敏" in exported.stdout
    verified = run("ratings", "verify", str(out))
    assert verified.returncode == 0 and "共核验 5 条" in verified.stdout, verified.stderr
    preamble, table = read_csv(out)
    table[2][COL["level"]], table[2][COL["level_label"]] = "satisfied", "满意"
    write_csv(out, preamble, table)
    edited = run("ratings", "verify", str(out))
    assert edited.returncode == 2 and edited.stdout == ""
    assert f"窗口 1 第 2 条评价(办件 {cases[1].serial})" in edited.stderr
    assert "被改动过" in edited.stderr and "Traceback" not in edited.stderr


def test_a_date_slice_says_where_its_check_starts(services, db_path, tmp_path, capsys):
    known(services)
    out = tmp_path / "三月十日.xlsx"
    args = cli(db_path, "export", str(out), "--from", "2026-03-10", "--to", "2026-03-10")
    assert main(args) == 0
    assert "已导出 3 条评价" in capsys.readouterr().out
    assert main(["ratings", "verify", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "共核验 3 条" in printed and "窗口 1:第 2–3 条,共 2 条" in printed
    assert "从第 2 条起核验" in printed


def test_unmasked_needs_a_supervisor_and_the_gbt39046_dataset(
    set_up, db_path, tmp_path, capsys, monkeypatch
):
    clerk = set_up.accounts.user("1003")
    case = CaseService(set_up, clock=lambda: DAY1).register(
        CaseRequest("item", ITEM, kind="notice"), clerk
    )
    record_rating(set_up, case.token, "satisfied", [], f"电话 {PHONE}", "pad", "p", now=DAY1)
    out = tmp_path / "全文.csv"
    monkeypatch.setenv("WINDOW_ASSISTANT_SECRET", "2580")
    assert main(cli(db_path, "export", str(out), "--unmasked", "--as", "1003")) == 2
    err = capsys.readouterr().err
    assert "无权导出未脱敏的评价记录" in err and "Traceback" not in err
    assert not out.exists()
    assert main(cli(db_path, "export", str(out), "--unmasked")) == 2  # nobody named
    assert "--as" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("WINDOW_ASSISTANT_SECRET", "correct horse")
    assert main(cli(db_path, "export", str(out), "--unmasked", "--as", "S01")) == 0
    assert "未脱敏,已记入审计日志" in capsys.readouterr().out
    assert PHONE in out.read_text("utf-8-sig")
    entry = set_up.audit.entries(1)[0]
    assert entry.actor == "S01" and entry.detail["masked"] is False and entry.detail["rows"] == 1

    dataset = tmp_path / "上报.csv"
    assert main(cli(db_path, "export", str(dataset), "--format", "gbt39046")) == 0
    assert "GB/T 39046-2020 表 9" in capsys.readouterr().out
    header, row = csv.reader(io.StringIO(dataset.read_text("utf-8-sig")))
    data = dict(zip(header, row))
    assert (data["评价渠道"], data["满意度代码"], data["评价时间"]) == ("4", "2", "20260309T100000")
    assert data["文字评价"] == "电话 139****5678"


def test_bad_export_options_exit_2_and_write_nothing(services, db_path, tmp_path, capsys):
    known(services)
    for args, words in (
        (["x.jsonl", "--from", "2026-03-01"], "只用于 .csv、.xlsx"),
        (["x.txt", "--format", "gbt39046"], "只能导出为 .csv 或 .xlsx"),
        (["x.csv", "--from", "2026-03-11", "--to", "2026-03-10"], "晚于截止日期"),
        (["x.csv", "--from", "2026-13-01"], "2026-13-01"),
    ):
        target = [str(tmp_path / args[0]), *args[1:]]
        assert main(cli(db_path, "export", *target)) == 2, args
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, (args, err)
    assert all(p.name.startswith("wa.db") for p in tmp_path.iterdir())  # the database only


def test_verify_refuses_a_table_that_is_not_an_export(tmp_path, capsys):
    for name, content in (("a.csv", "a,b\n1,2\n"), ("b.xlsx", "not a zip")):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        assert main(["ratings", "verify", str(path)]) == 2
        err = capsys.readouterr().err
        assert "不是" in err and "Traceback" not in err


def test_a_file_from_another_centre_verifies_over_its_digests_and_says_so(
    services, db_path, tmp_path, capsys
):
    known(services)
    path = tmp_path / "评价.csv"
    assert main(cli(db_path, "export", str(path))) == 0
    capsys.readouterr()
    assert main(cli(db_path, "verify", str(path))) == 0
    assert "意见原文" not in capsys.readouterr().out  # this centre's PC checks the text too
    elsewhere = tmp_path / "另一中心.db"  # another centre's installation: another secret
    assert main(["--db", str(elsewhere), "catalog", "stats"]) == 0
    capsys.readouterr()
    assert main(cli(elsewhere, "verify", str(path))) == 0
    out = capsys.readouterr().out
    assert "记录完整:共核验 5 条" in out and "意见原文须在导出它的中心的电脑上核验" in out
    nowhere = tmp_path / "没有数据库.db"
    assert main(cli(nowhere, "verify", str(path))) == 0
    assert not nowhere.exists()  # verifying a file creates no database
