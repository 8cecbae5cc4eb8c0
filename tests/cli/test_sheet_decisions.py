"""``sheet --outcome 受理|不予受理 [--reason …] [--receipt FILE] --json``: the notice matching the
outcome at ``--out``, the 收件回执 beside it, ``documents`` naming both; mistakes exit 2 in
Chinese and register nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from tests.samples import COMPANY, COMPANY_ALL_BROUGHT, COMPANY_OWNED
from window_assistant.cli.main import main

OWNED = [arg for key, option in COMPANY_OWNED.items() for arg in ("--situation", f"{key}={option}")]
BROUGHT = COMPANY_ALL_BROUGHT
HAVE = [arg for name in BROUGHT for arg in ("--have", name)]
COMPLETE = ["sheet", "--item", COMPANY, *OWNED, *HAVE, "--applicant", "张三"]


def run(db: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts + [p.text for p in doc.sections[0].header.paragraphs])


def cases_registered(db: Path, capsys) -> list[dict]:
    code, out, _ = run(db, capsys, "cases", "list", "--json")
    assert code == 0
    return json.loads(out)


def test_accepted_writes_the_notice_and_the_receipt_and_names_both(db_path, tmp_path, capsys):
    out, receipt = tmp_path / "受理通知书.docx", tmp_path / "收件回执.docx"
    code, stdout, err = run(
        db_path, capsys, *COMPLETE, "--outcome", "受理", "--out", str(out),
        "--receipt", str(receipt), "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = json.loads(stdout)
    assert (data["kind"], data["title"], data["outcome"]) == (
        "acceptance",
        "受理通知书",
        "accepted",
    )
    assert data["out"] == str(out) and data["promised_date"]
    assert [(d["kind"], d["path"]) for d in data["documents"]] == [
        ("acceptance", str(out)),
        ("receipt", str(receipt)),
    ]
    assert data["documents"][0]["serial"] == data["serial"]
    assert data["documents"][1]["serial"].startswith("铁西政服收〔")
    assert "承诺办结日期" in text_of(out) and "（盖章）" in text_of(out)
    assert "收件回执" in text_of(receipt) and "公司章程" in text_of(receipt)


def test_refused_writes_the_refusal_notice(db_path, tmp_path, capsys):
    out = tmp_path / "不予受理.docx"
    code, stdout, _ = run(
        db_path, capsys, *COMPLETE, "--outcome", "不予受理", "--reason", "不属于本机关职权范围",
        "--out", str(out), "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(stdout)
    assert data["kind"] == "refusal" and data["serial"].startswith("铁西政服不受〔")
    assert data["documents"] == [
        {"kind": "refusal", "title": "不予受理通知书", "serial": data["serial"], "path": str(out)}
    ]
    text = text_of(out)
    assert "不属于本机关职权范围" in text and "申请行政复议" in text and "提起行政诉讼" in text


def test_a_refusal_without_a_reason_exits_2_in_chinese_and_registers_nothing(
    db_path, tmp_path, capsys
):
    out = tmp_path / "不予受理.docx"
    code, stdout, err = run(db_path, capsys, *COMPLETE, "--outcome", "不予受理", "--out", str(out))
    assert (code, stdout) == (2, "")
    assert "不予受理须填写理由" in err and "Traceback" not in err
    assert not out.exists() and cases_registered(db_path, capsys) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--outcome", "consulted", "--kind", "notice"], "无需出具收件回执"),
        (["--kind", "receipt"], "不能单独"),
    ],
)
def test_receipt_mistakes_exit_2(db_path, tmp_path, capsys, extra, message):
    out, receipt = tmp_path / "a.docx", tmp_path / "r.docx"
    code, _, err = run(
        db_path, capsys, *COMPLETE, *extra, "--out", str(out), "--receipt", str(receipt)
    )
    assert code == 2 and message in err
    assert not out.exists() and not receipt.exists()
    assert cases_registered(db_path, capsys) == []


def test_the_receipt_cannot_overwrite_the_notice(db_path, tmp_path, capsys):
    out = tmp_path / "a.docx"
    code, _, err = run(
        db_path, capsys, *COMPLETE, "--outcome", "受理", "--out", str(out), "--receipt", str(out)
    )
    assert code == 2 and "同一个文件" in err and not out.exists()


def test_kind_keeps_its_values(db_path, tmp_path, capsys):
    out = tmp_path / "告知书.docx"
    code, stdout, _ = run(
        db_path, capsys, *COMPLETE, "--kind", "notice", "--out", str(out), "--json"
    )
    assert code == 0
    data = json.loads(stdout)
    assert (data["kind"], data["title"]) == ("notice", "一次性告知书")
    assert [d["kind"] for d in data["documents"]] == ["notice"]
