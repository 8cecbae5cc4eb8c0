"""``pad code | unpair`` on a centre PC that only serves: a code that really pairs the window's
tablet and the address the tablet opens, unpairing, and Chinese refusals with exit 2 that
change nothing."""

from __future__ import annotations

import re

from tests.cli.test_accounts import SECRET
from tests.cli.test_cli import run
from tests.store_helpers import table_rows
from window_assistant.accounts import INSTALLER
from window_assistant.cli.main import main
from window_assistant.ratings.pads import pair_device, paired_device


def pad(db_path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db_path), "pad", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def printed_code(out: str) -> str:
    match = re.search(r"配对码:(\d{6})\n", out)
    assert match is not None, out
    return match.group(1)


def test_code_prints_a_code_that_pairs_and_the_address_the_tablet_opens(services, db_path, capsys):
    services.settings.change(INSTALLER, {"rating.host": "192.168.1.20", "rating.port": 8770})
    code, out, err = pad(db_path, capsys, "code", "--window", "1")
    assert code == 0, err
    assert "1号综合窗口 的评价器配对码" in out
    assert "平板浏览器打开:http://192.168.1.20:8770/pad/1\n" in out
    key = pair_device(services, 1, printed_code(out), "3号窗口平板")
    assert paired_device(services, 1, key).name == "3号窗口平板"
    assert services.audit.entries(2)[1].action == "pad.pairing_code"


def test_code_without_a_chosen_address_says_where_to_choose_it(services, db_path, capsys):
    code, out, _ = pad(db_path, capsys, "code", "--window", "1")
    assert code == 0
    assert "http://<本机局域网地址>:8765/pad/1" in out and "还没有选择评价服务地址" in out


def test_unpair_locks_the_tablet_out(services, db_path, capsys):
    _, out, _ = pad(db_path, capsys, "code", "--window", "1")
    key = pair_device(services, 1, printed_code(out), "旧平板")
    code, out, _ = pad(db_path, capsys, "unpair", "--window", "1")
    assert code == 0 and "已解除 1号综合窗口 的评价器配对(1 台)" in out
    assert paired_device(services, 1, key) is None
    code, out, _ = pad(db_path, capsys, "unpair", "--window", "1")
    assert code == 0 and "没有已配对的评价器" in out


def test_an_unknown_window_exits_2_naming_the_windows_and_changes_nothing(
    services, db_path, capsys
):
    before = table_rows(services.store, "pad_pairing_codes", "pad_devices", "audit_log")
    for action in ("code", "unpair"):
        code, out, err = pad(db_path, capsys, action, "--window", "9")
        assert code == 2 and out == ""
        assert "没有编号为 9 的窗口。已有窗口编号:1。" in err
    for bad in ("0", "三", "-1"):
        code, _, err = pad(db_path, capsys, "code", "--window", bad)
        assert code == 2 and "窗口编号" in err
    assert table_rows(services.store, "pad_pairing_codes", "pad_devices", "audit_log") == before


def test_after_set_up_a_code_needs_a_signed_in_account(set_up, db_path, capsys, monkeypatch):
    monkeypatch.delenv(SECRET, raising=False)
    code, _, err = pad(db_path, capsys, "code", "--window", "3")  # the number on its sign
    assert code == 2 and "请用 --as 指明工号" in err
    monkeypatch.setenv(SECRET, "2580")
    code, out, err = pad(db_path, capsys, "code", "--window", "3", "--as", "1003")
    assert code == 0, err
    assert "3号综合窗口 的评价器配对码" in out
    window = set_up.accounts.window_by_number("3")
    assert f"/pad/{window.id}(" in out  # the address carries the window's id
    assert set_up.audit.entries(1)[0].actor == "1003"


def test_in_a_real_process_code_and_unpair_exit_0(services, db_path):
    services.close()
    result = run(db_path, "pad", "code", "--window", "1")
    assert result.returncode == 0, result.stderr
    assert re.search(r"配对码:\d{6}\n", result.stdout)
    result = run(db_path, "pad", "unpair", "--window", "1")
    assert result.returncode == 0 and "没有已配对的评价器" in result.stdout
