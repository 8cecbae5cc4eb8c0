"""``python -m window_assistant sheet …`` and ``cases …`` as a script uses them: JSON fields, exit
codes, Chinese errors that register nothing, masked lists and identical reprints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from window_assistant.accounts import INSTALLER
from window_assistant.cases.tokens import SerialRef
from window_assistant.cli.main import main

REPO = Path(__file__).resolve().parents[2]
COMPANY = "001701001000"  # 企业设立登记
LEASED = ["--situation", "company_type=有限责任公司", "--situation", "premises=租赁房产",
          "--situation", "agent=否"]  # fmt: skip
NECESSARY = ["企业登记（备案）申请书", "公司章程", "法定代表人、董事、监事和经理的任职文件"]
HAVE = [arg for name in NECESSARY for arg in ("--have", name)]
ID_NUMBER = "11010519491231002X"


def run(db: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def listed(db: Path, capsys) -> list[dict]:
    code, out, _ = run(db, capsys, "cases", "list", "--json")
    assert code == 0
    return json.loads(out)


def docx_text(path: Path) -> str:
    """All text of a .docx (body, header, footer), read from its XML parts."""
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


@pytest.fixture
def docx_renderer():
    """Every sheet command writes a file: skip while the .docx renderer is not there."""
    return pytest.importorskip("window_assistant.sheets.docx")


pytestmark = pytest.mark.usefixtures("docx_renderer")


def test_sheet_json_reports_serial_kind_missing_and_rating_url(db_path, tmp_path, capsys):
    out = tmp_path / "承诺书.docx"
    code, stdout, err = run(
        db_path, capsys, "sheet", "--item", COMPANY, *LEASED, *HAVE, "--applicant", "张三",
        "--id", ID_NUMBER, "--phone", "13812341234", "--out", str(out), "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = json.loads(stdout)
    assert data["kind"] == "rongque" and data["outcome"] == "rongque"
    assert (data["title"], data["outcome_label"]) == ("容缺受理承诺书", "容缺受理")
    assert SerialRef.parse(data["serial"]).number == 1
    assert data["serial"].startswith("铁西政服承〔")
    assert data["missing"] == ["房屋租赁合同"]
    assert data["rating_url"] == ""  # no address phones reach is chosen yet: no QR code
    assert data["deadline"] and len(data["content_hash"]) == 64 and data["out"] == str(out)
    [row] = listed(db_path, capsys)  # a fresh database: the default clerk at the default window
    assert (row["serial"], row["clerk_login"], row["window_name"]) == (
        data["serial"],
        "0001",
        "1号综合窗口",
    )


def test_kind_can_be_chosen_and_a_clerk_picked(db_path, tmp_path, capsys, services, monkeypatch):
    services.accounts.add_account(INSTALLER, "0002", "李梅", "clerk", "2468")
    monkeypatch.setenv("WINDOW_ASSISTANT_SECRET", "2468")
    out = tmp_path / "补正.docx"
    # only 容缺 materials missing: they stay 容缺 (issue 11), so there is nothing to correct
    code, _, err = run(
        db_path, capsys, "sheet", "--item", COMPANY, *LEASED, *HAVE, "--kind", "correction",
        "--clerk", "0002", "--out", str(out), "--json",
    )  # fmt: skip
    assert code == 2 and "都可以容缺后补" in err and not out.exists()
    code, stdout, _ = run(
        db_path, capsys, "sheet", "--item", COMPANY, *LEASED, *HAVE[:-2], "--kind", "correction",
        "--clerk", "0002", "--out", str(out), "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(stdout)
    assert data["kind"] == "correction" and "补〔" in data["serial"]
    assert listed(db_path, capsys)[0]["clerk_login"] == "0002"
    code, _, err = run(db_path, capsys, "sheet", "--item", COMPANY, "--clerk", "9999",
                       "--out", str(out))  # fmt: skip
    assert code == 2 and "工号或密码(PIN)不正确" in err


def sheet_as(db: Path, out: Path, *args: str, secret: str | None = None):
    """``sheet`` in a process of its own, stdin not a terminal, the secret (if any) from the
    environment, as a script runs it."""
    env = {k: v for k, v in os.environ.items() if k != "WINDOW_ASSISTANT_SECRET"}
    if secret is not None:
        env["WINDOW_ASSISTANT_SECRET"] = secret
    return subprocess.run(
        [sys.executable, "-m", "window_assistant", "--db", str(db), "sheet", "--item", COMPANY,
         *LEASED, *HAVE, "--out", str(out), "--json", *args],
        capture_output=True, text=True, cwd=REPO, env=env, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


def test_on_a_set_up_database_the_clerk_must_give_their_pin(db_path, tmp_path, capsys, set_up):
    set_up.accounts.add_account(INSTALLER, "0002", "李梅", "clerk", "2468")
    out = tmp_path / "告知书.docx"
    for args, secret, message in (
        ((), None, "--as"),  # nobody named: no default clerk once the window is set up
        (("--clerk", "0002"), None, "WINDOW_ASSISTANT_SECRET"),  # no secret, no terminal
        (("--clerk", "0002"), "1357", "不正确"),  # a wrong PIN
    ):
        result = sheet_as(db_path, out, *args, secret=secret)
        assert (result.returncode, result.stdout) == (2, ""), result.stderr
        assert message in result.stderr and "Traceback" not in result.stderr
    assert listed(db_path, capsys) == [] and not out.exists()
    failures = set_up.store.execute("SELECT login FROM sign_in_failures").fetchall()
    assert failures == [("0002",)]  # the wrong PIN counts toward the lock-out

    result = sheet_as(db_path, out, "--clerk", "0002", secret="2468")
    assert result.returncode == 0, result.stderr
    serial = json.loads(result.stdout)["serial"]
    assert [(r["serial"], r["clerk_login"]) for r in listed(db_path, capsys)] == [(serial, "0002")]
    entry = set_up.audit.entries()[0]
    assert (entry.action, entry.actor, entry.detail["serial"]) == ("case.register", "0002", serial)


COMPANY_APPLICANT = ["--applicant", "某公司", "--id-type", "统一社会信用代码"]
BAD_INPUT = [
    (["--item", "NOPE"], "没有编码为 NOPE 的事项"),
    (["--bundle", "YJS999"], "没有编码为 YJS999 的一件事"),
    (["--item", COMPANY, "--situation", "floor=3"], "没有情形「floor」"),
    (["--item", COMPANY, "--situation", "agent=也许"], "没有选项「也许」"),
    (["--item", COMPANY, "--situation", "agent"], "应为 情形=选项"),
    (["--item", COMPANY, "--have", "户口本"], "材料中没有「户口本」"),
    (["--item", COMPANY, "--applicant", "张三", "--id", "110105194912310021"], "校验位不正确"),
    (["--item", COMPANY, "--applicant", "张三", "--phone", "12345"], "手机号码应为"),
    (["--item", COMPANY, *COMPANY_APPLICANT, "--id", "91350100M000100Y44"], "代码校验位不正确"),
    (["--item", COMPANY, "--id", ID_NUMBER], "--applicant"),
    (["--item", COMPANY, "--kind", "rongque"], "必要材料"),
    (["--item", "000308003000", "--kind", "correction"], "免申即享"),  # nobody applies: no 补正
    (["--item", "000308003000", "--outcome", "受理"], "免申即享"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_exits_2_in_chinese_and_registers_nothing(db_path, tmp_path, capsys, args,
                                                            message):  # fmt: skip
    out = tmp_path / "x.docx"
    code, stdout, err = run(db_path, capsys, "sheet", *args, "--out", str(out), "--json")
    assert (code, stdout) == (2, "")
    assert err.startswith("错误:") and message in err
    assert "Traceback" not in err
    assert listed(db_path, capsys) == []
    assert not out.exists()


def test_bad_output_file_is_refused_before_registering(db_path, tmp_path, capsys):
    for out, message in (
        (tmp_path / "sheet.txt", "扩展名应为 .docx 或 .pdf"),
        (tmp_path / "no-such-folder" / "a.docx", "不存在"),
    ):
        code, _, err = run(db_path, capsys, "sheet", "--item", COMPANY, "--out", str(out))
        assert code == 2 and message in err
    assert listed(db_path, capsys) == []


def test_docx_is_written_and_reprint_gives_the_same_content(db_path, tmp_path, capsys):
    out = tmp_path / "告知书.docx"
    code, stdout, _ = run(
        db_path, capsys, "sheet", "--bundle", "YJS001", "--situation", "agent=否",
        "--applicant", "张三", "--id", ID_NUMBER, "--out", str(out), "--json",
    )  # fmt: skip
    assert code == 0
    first = json.loads(stdout)
    text = docx_text(out)
    assert first["serial"] in text and ID_NUMBER not in text

    again = tmp_path / "重印.docx"
    code, stdout, _ = run(
        db_path, capsys, "cases", "reprint", first["serial"], "--out", str(again), "--json"
    )
    assert code == 0
    assert json.loads(stdout)["content_hash"] == first["content_hash"]
    assert first["serial"] in docx_text(again)
    code, _, err = run(db_path, capsys, "cases", "reprint", "铁西政服告〔2020〕000001号",
                       "--out", str(again))  # fmt: skip
    assert code == 2 and "没有编号为" in err


def test_cases_list_masks_id_and_phone(db_path, tmp_path, capsys):
    out = tmp_path / "a.docx"
    run(db_path, capsys, "sheet", "--item", COMPANY, *LEASED, "--applicant", "张三",
        "--id", ID_NUMBER, "--phone", "13812341234", "--out", str(out), "--json")  # fmt: skip
    for args in (("cases", "list"), ("cases", "list", "--json")):
        code, stdout, _ = run(db_path, capsys, *args)
        assert code == 0
        assert "1101**********002X" in stdout and "138****1234" in stdout
        assert ID_NUMBER not in stdout and "13812341234" not in stdout
    code, stdout, _ = run(db_path, capsys, "cases", "list", "--json", "--outcome", "受理")
    assert json.loads(stdout) == []


# The command as ``python -m window_assistant`` runs it, then what the process has loaded.
RUN_AND_LIST_QT = (
    "import sys\n"
    "from window_assistant.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "print(sorted(m for m in sys.modules if m.startswith('PySide6.')), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def test_pdf_is_written_by_a_plain_command_line_process_without_widgets(db_path, tmp_path):
    pytest.importorskip("ui.render.pdf")
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "告知书.pdf"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # as a user runs it
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_QT, "--db", str(db_path), "sheet",
         "--item", COMPANY, *LEASED, *HAVE, "--out", str(out), "--json"],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "rongque" and data["out"] == str(out)
    assert len(pypdf.PdfReader(out).pages) >= 1
    loaded = result.stderr.strip().splitlines()[-1]
    assert "PySide6.QtGui" in loaded  # the Qt renderer wrote it …
    assert "PySide6.QtWidgets" not in loaded and "PySide6.QtPrintSupport" not in loaded


def test_sheet_without_rating_by_phone_says_where_to_rate(db_path, tmp_path, capsys):
    out = tmp_path / "承诺书.docx"
    code, stdout, err = run(
        db_path, capsys, "sheet", "--item", COMPANY, *LEASED, *HAVE, "--applicant", "张三",
        "--id", ID_NUMBER, "--out", str(out),
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "评价:请在窗口评价器上对本次服务进行评价(一次一评)" in stdout
    assert "评价二维码" not in stdout and "http://" not in stdout
