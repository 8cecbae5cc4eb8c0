"""The command line speaks the clerk's words: enumerated options take the Chinese word or the
code, output shows the Chinese label (JSON gives the code), and a database made by the previous
version works through it, old cases reprinting as first printed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from window_assistant.cli.main import main

COMPANY = "001701001000"  # 企业设立登记
USCC = "91350100M000100Y43"
RECORDS = json.loads((FIXTURES / "previous_snapshots.json").read_text(encoding="utf-8"))


def run(db: Path, capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--db", str(db), *args])
    except SystemExit as exc:  # argparse's usage errors (exit 2, in Chinese)
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def listed(db: Path, capsys, *args: str) -> list[dict]:
    code, out, _ = run(db, capsys, "cases", "list", "--json", *args)
    assert code == 0
    return json.loads(out)


def docx_text(path: Path) -> str:
    """All text of a .docx (body, header, footer), read from its XML parts."""
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


@pytest.mark.parametrize(
    ("id_type", "kind", "outcome"),
    [("统一社会信用代码", "一次性告知书", "不予受理"), ("uscc", "notice", "refused")],
)
def test_options_take_the_chinese_word_or_the_code(db_path, tmp_path, capsys, id_type, kind,
                                                   outcome):  # fmt: skip
    out = tmp_path / "a.docx"
    code, stdout, err = run(
        db_path, capsys, "sheet", "--item", COMPANY, "--applicant", "某某有限公司",
        "--id-type", id_type, "--id", USCC, "--kind", kind, "--outcome", outcome,
        "--reason", "不属于本中心受理范围", "--out", str(out),
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    # A refusal stated on a 告知书 is written as the 不予受理通知书 (issue 11 §1).
    assert "(不予受理通知书,不予受理)" in stdout
    [row] = listed(db_path, capsys)
    assert (row["kind"], row["outcome"], row["outcome_label"]) == ("refusal", "refused", "不予受理")
    assert row["id_type"] == "uscc" and row["id_masked"] == USCC
    assert "统一社会信用代码 " + USCC in docx_text(out)


def test_cases_list_filters_by_word_or_code_and_prints_labels(db_path, tmp_path, capsys):
    out = tmp_path / "a.docx"
    assert run(db_path, capsys, "sheet", "--item", COMPANY, "--out", str(out))[0] == 0
    assert [r["outcome"] for r in listed(db_path, capsys, "--outcome", "补正告知")] == [
        "correction"
    ]
    assert listed(db_path, capsys, "--outcome", "correction") != []
    assert listed(db_path, capsys, "--outcome", "受理") == []
    code, stdout, _ = run(db_path, capsys, "cases", "list")
    assert code == 0 and "\t补正告知\t" in stdout and "correction" not in stdout


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["--outcome", "也许"], "也许"),
        (["--kind", "告知"], "告知"),
        (["--applicant", "张三", "--id-type", "驾驶证"], "驾驶证"),
    ],
)
def test_an_unknown_word_exits_2_listing_the_words_and_registers_nothing(
    db_path, tmp_path, capsys, args, word
):
    out = tmp_path / "a.docx"
    code, stdout, err = run(db_path, capsys, "sheet", "--item", COMPANY, *args, "--out", str(out))
    assert (code, stdout) == (2, "")
    assert f"「{word}」不是可用的取值,可填:" in err and "Traceback" not in err
    assert listed(db_path, capsys) == [] and not out.exists()


def test_catalog_show_prints_labels_and_json_gives_codes(db_path, capsys):
    code, stdout, _ = run(db_path, capsys, "catalog", "show", COMPANY)
    assert code == 0
    assert "事项类型:行政许可" in stdout and "通办范围:全国" in stdout and "(原件" in stdout
    assert ";必要" in stdout and "required" not in stdout
    code, stdout, _ = run(db_path, capsys, "catalog", "show", COMPANY, "--json")
    data = json.loads(stdout)
    assert (data["kind"], data["scope"], data["materials"][0]["necessity"]) == (
        "permit",
        "national",
        "required",
    )


def test_workdays_unit_takes_the_word_or_the_code(db_path, capsys):
    days = [
        run(db_path, capsys, "workdays", "add", "2025-09-26", "5", "--unit", unit)[1]
        for unit in ("自然日", "day")
    ]
    assert days[0] == days[1] == "2025-10-09\n"
    code, _, err = run(db_path, capsys, "workdays", "add", "2025-09-26", "5", "--unit", "周")
    assert code == 2 and "可填:工作日、自然日" in err


def test_a_previous_version_database_lists_and_reprints_through_the_cli(
    previous_db, tmp_path, capsys
):
    code, stdout, _ = run(previous_db, capsys, "cases", "list")
    assert code == 0 and "\t容缺受理\t" in stdout and "\t一次性告知/咨询\t" in stdout
    assert run(previous_db, capsys, "catalog", "search", "社保")[1].startswith("000920001000")
    for record in RECORDS:
        out = tmp_path / "重印.docx"
        code, stdout, err = run(
            previous_db, capsys, "cases", "reprint", record["serial"], "--out", str(out), "--json"
        )
        assert (code, err) == (0, "")
        assert json.loads(stdout)["content_hash"] == record["content_hash"]
        text = docx_text(out)
        values = [line.split(":")[-1] for line in record["printed"]]  # a field's value, a cell
        assert all(v in text for v in values if "\n" not in v), record["serial"]
