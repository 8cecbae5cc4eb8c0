"""``sheet … --opinion 材料名=原因[:说明]`` and ``--guide-sheet``: the command line says what the
case dialog says (the 补正意见 per material, the 办事指南要点 附页 per case); a mistake exits 2 in
Chinese naming the material and registers nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_sheet_decisions import COMPLETE, cases_registered, run, text_of

ARTICLES = "公司章程"


def test_an_opinion_on_a_material_brought_makes_the_correction_notice(db_path, tmp_path, capsys):
    out = tmp_path / "补正.docx"
    code, stdout, err = run(
        db_path, capsys, *COMPLETE, "--opinion", f"{ARTICLES}=未签字：第3页股东未签字",
        "--opinion", "不动产权证书=illegible_copy", "--out", str(out), "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = json.loads(stdout)
    assert (data["kind"], data["outcome"]) == ("correction", "correction")
    text = text_of(out)
    assert "× 未签字：第3页股东未签字" in text and "× 复印件不清" in text
    assert "补正意见" in text


@pytest.mark.parametrize(
    ("opinion", "message"),
    [
        (f"{ARTICLES}=乱写", f"「{ARTICLES}」的补正意见「乱写」无效"),
        ("无此材料=缺", "材料中没有「无此材料」"),
        (ARTICLES, f"补正意见「{ARTICLES}」的写法不对"),
        (f"{ARTICLES}=", f"补正意见「{ARTICLES}=」的写法不对"),
        (f"{ARTICLES}=缺", f"「{ARTICLES}」已勾选为已带,补正意见不能是「缺」"),
        (f"{ARTICLES}=其他", f"「{ARTICLES}」的补正意见选了「其他」"),
    ],
)
def test_a_wrong_opinion_exits_2_naming_the_material(db_path, tmp_path, capsys, opinion, message):
    out = tmp_path / "补正.docx"
    code, stdout, err = run(db_path, capsys, *COMPLETE, "--opinion", opinion, "--out", str(out))
    assert (code, stdout) == (2, "")
    assert message in err and "Traceback" not in err
    assert not out.exists() and cases_registered(db_path, capsys) == []


def test_one_opinion_per_material(db_path, tmp_path, capsys):
    twice = ["--opinion", f"{ARTICLES}=未签字", "--opinion", f"{ARTICLES}=未盖章"]
    code, _, err = run(db_path, capsys, *COMPLETE, *twice, "--out", str(tmp_path / "a.docx"))
    assert code == 2 and f"「{ARTICLES}」的补正意见写了两次" in err
    assert cases_registered(db_path, capsys) == []


@pytest.mark.parametrize(
    ("flag", "appendix"), [("--guide-sheet", True), ("--no-guide-sheet", False)]
)
def test_guide_sheet_per_case(db_path, tmp_path, capsys, flag, appendix):
    out = tmp_path / "告知书.docx"
    code, _, err = run(
        db_path, capsys, *COMPLETE, "--outcome", "consulted", flag, "--out", str(out)
    )
    assert (code, err) == (0, "")
    text = text_of(out)
    assert ("办事指南要点（附页）" in text) is appendix
    assert ("受理条件和设定依据见附页" in text) is appendix
    assert Path(out).exists()
