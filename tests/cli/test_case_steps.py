"""The lifecycle commands end to end (issue 12 §4): ``cases show --json`` with its steps,
``cases step`` through a whole case, ``cases void``, ``cases list --overdue`` and the
跨域通办 ``crossregion receive`` and ``crossregion cases``; each refusal exits 2 unchanged."""

from __future__ import annotations

import json

from tests.core.test_crossregion import DEMO_JSON
from window_assistant.cli.main import main

ITEM = "001701001000"
SITUATIONS = ["--situation", "company_type=有限责任公司", "--situation", "premises=租赁房产"]


def run(capsys, db, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_case_followed_from_the_command_line(tmp_path, capsys):
    db = tmp_path / "wa.db"
    code, out, _ = run(
        capsys, db, "sheet", "--item", ITEM, *SITUATIONS, "--situation", "agent=否",
        "--kind", "correction", "--out", str(tmp_path / "a.docx"), "--json",
    )  # fmt: skip
    serial = json.loads(out)["serial"]
    code, out, _ = run(capsys, db, "cases", "show", serial, "--json")
    shown = json.loads(out)
    assert code == 0 and shown["state"] == "correcting"
    assert [s["step"] for s in shown["steps"]] == ["receive", "correction_notice"]
    assert run(capsys, db, "cases", "step", serial, "补正收件")[0] == 0
    assert run(capsys, db, "cases", "step", serial, "受理")[0] == 0
    code, _, err = run(capsys, db, "cases", "step", serial, "邮寄", "--waybill", "1")
    assert code == 2 and "不能跳过步骤直接邮寄" in err
    assert run(capsys, db, "cases", "step", serial, "办结", "--note", "准予登记")[0] == 0
    code, out, _ = run(
        capsys, db, "cases", "step", serial, "邮寄", "--courier", "EMS", "--waybill", "E1", "--json"
    )
    assert json.loads(out)["steps"][-1]["detail"] == {"courier": "EMS", "waybill": "E1"}
    code, out, _ = run(capsys, db, "cases", "list", "--overdue", "--on", "2099-01-01", "--json")
    assert code == 0 and json.loads(out) == []  # 已出件: no deadline left
    assert run(capsys, db, "cases", "step", serial, "完结")[0] == 0
    code, _, err = run(capsys, db, "cases", "void", serial, "--reason", "误登记")
    assert code == 2 and "已经完结,不能作废" in err


def test_void_and_the_overdue_list(tmp_path, capsys):
    db = tmp_path / "wa.db"
    base = ["sheet", "--item", ITEM, *SITUATIONS, "--situation", "agent=否", "--json"]
    serials = []
    for n in range(2):
        _, out, _ = run(
            capsys, db, *base, "--kind", "correction", "--out", str(tmp_path / f"{n}.docx")
        )
        serials.append(json.loads(out)["serial"])
        run(capsys, db, "cases", "step", serials[-1], "补正收件")
        run(capsys, db, "cases", "step", serials[-1], "受理")
    code, out, _ = run(capsys, db, "cases", "list", "--overdue", "--on", "2099-01-01", "--json")
    assert code == 0 and sorted(r["serial"] for r in json.loads(out)) == sorted(serials)
    assert all(r["overdue"] and r["state_label"] == "办理中" for r in json.loads(out))
    assert run(capsys, db, "cases", "void", serials[0], "--reason", "重复登记")[0] == 0
    code, out, _ = run(capsys, db, "cases", "list", "--overdue", "--on", "2099-01-01", "--json")
    assert [r["serial"] for r in json.loads(out)] == [serials[1]]
    code, out, _ = run(capsys, db, "cases", "show", serials[0])
    assert "已作废" in out and "重复登记" in out


def test_an_inbound_case_from_the_command_line(tmp_path, capsys, monkeypatch):
    db = tmp_path / "wa.db"
    assert run(capsys, db, "crossregion", "import", str(DEMO_JSON))[0] == 0
    code, out, _ = run(
        capsys, db, "crossregion", "receive", "--region", "铁东区", "--item", "000920012000",
        "--their-serial", "铁东收〔2026〕8号", "--applicant", "王五", "--json",
    )  # fmt: skip
    received = json.loads(out)
    assert code == 0 and received["flow"] == "inbound" and received["state"] == "arrived"
    code, out, _ = run(capsys, db, "crossregion", "cases", "--direction", "in", "--json")
    assert [r["serial"] for r in json.loads(out)] == [received["serial"]]
    code, out, _ = run(capsys, db, "crossregion", "cases", "--direction", "out", "--json")
    assert json.loads(out) == []
    code, out, _ = run(
        capsys, db, "crossregion", "cases", "--overdue", "--on", "2099-01-01", "--json"
    )
    assert [r["flow_label"] for r in json.loads(out)] == ["跨域收到(转来)"]
