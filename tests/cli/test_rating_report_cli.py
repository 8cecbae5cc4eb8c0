"""``ratings report --month YYYY-MM --out FILE.docx`` as a supervisor runs it: the paper written
with its chain heads printed; a clerk, a bad month or an unknown format refused with exit 2, a
Chinese message, no traceback and no file."""

from __future__ import annotations

import pytest
from docx import Document

from tests.core.test_rating_report import build_month
from window_assistant.cli.main import main
from window_assistant.cli.signin import SECRET_ENV
from window_assistant.ratings.log import chain_heads


def report(db_path, month: str, out, *extra: str) -> list[str]:
    return ["--db", str(db_path), "ratings", "report", "--month", month, "--out", str(out), *extra]


SECRETS = {"S01": "correct horse", "1003": "2580"}  # tests.profiles.SET_UP


@pytest.fixture
def services(set_up):
    """A centre set up (signing in needs the secret) with March's ratings."""
    build_month(set_up)
    return set_up


def signed_in(monkeypatch, login: str) -> None:
    """The account's secret in the environment, as a script gives it."""
    monkeypatch.setenv(SECRET_ENV, SECRETS[login])


def test_a_supervisor_writes_the_months_report(services, db_path, tmp_path, capsys, monkeypatch):
    signed_in(monkeypatch, "S01")
    out = tmp_path / "out" / "三月.docx"
    out.parent.mkdir()
    assert main(report(db_path, "2026-03", out, "--as", "S01")) == 0
    printed = capsys.readouterr().out
    assert "月度报告（2026年3月）" in printed and "评价 5 条,差评 2 条,好评率 60%" in printed
    heads = chain_heads(services)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    for head in heads:
        assert f"链头 {head.text()}" in printed and head.text() in text
    assert sorted(p.name for p in out.parent.iterdir()) == ["三月.docx"]


@pytest.mark.parametrize(
    ("month", "name", "as_login", "message"),
    [
        ("2026-13", "a.docx", "S01", "月份「2026-13」无效,应写成 年-月,例如 2026-03。"),
        ("三月", "a.docx", "S01", "月份「三月」无效"),
        ("2026-03", "a.txt", "S01", "文件 a.txt 的扩展名应为 .docx"),
        ("2026-03", "a.docx", "1003", "无权生成好差评月度报告,只有负责人可以"),
    ],
)
def test_refused_with_exit_2_and_nothing_written(
    services, db_path, tmp_path, capsys, monkeypatch, month, name, as_login, message
):
    signed_in(monkeypatch, as_login)
    out = tmp_path / "out"
    out.mkdir()
    assert main(report(db_path, month, out / name, "--as", as_login)) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert list(out.iterdir()) == []
    assert not [e for e in services.audit.entries() if e.action == "ratings.report"]


def test_a_missing_folder_is_named(services, db_path, tmp_path, capsys, monkeypatch):
    signed_in(monkeypatch, "S01")
    assert main(report(db_path, "2026-03", tmp_path / "nowhere" / "a.docx", "--as", "S01")) == 2
    assert "文件夹" in capsys.readouterr().err
