"""The settings dialog's 评价服务 tab: this PC's addresses offered, never loopback, and 测试
giving the Chinese verdict of a real fetch (through the background worker)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from tests.core.test_reach import free_port, http_server
from ui.admin.settings_dialog import SettingsDialog
from window_assistant.accounts import INSTALLER
from window_assistant.ratings.reach import LanAddress, lan_addresses

OFFERED = [LanAddress("192.168.1.20", "eth0", True), LanAddress("10.8.0.2", "vpn0")]


def this_pcs_address() -> str:
    """A real LAN address of this machine (loopback is refused as a rating address)."""
    found = lan_addresses()
    if not found:
        pytest.skip("this machine has no LAN address")
    return found[0].address


@pytest.fixture
def svc(services):
    return services


@pytest.fixture
def supervisor(services):
    return services.accounts.add_account(INSTALLER, "S01", "王主任", "supervisor", "correct horse")


@pytest.fixture
def dlg(qtbot, svc, supervisor):
    dialog = SettingsDialog(svc, supervisor, addresses=OFFERED)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_address_list_offers_this_pcs_lan_addresses_and_starts_unchosen(dlg):
    combo = dlg.rating.host_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["192.168.1.20", "10.8.0.2"]
    assert combo.itemText(0) == "192.168.1.20(eth0,默认网络)"
    assert dlg.rating.host() == ""
    assert not dlg.rating.by_phone.isEnabled() and not dlg.rating.by_phone.isChecked()
    assert not dlg.rating.test_button.isEnabled()
    combo.activated.emit(1)
    assert dlg.rating.host() == "10.8.0.2"  # the bare address, not the label
    assert dlg.rating.by_phone.isEnabled() and dlg.rating.test_button.isEnabled()


def test_the_default_list_never_offers_loopback(qtbot, svc, supervisor):
    dialog = SettingsDialog(svc, supervisor)
    qtbot.addWidget(dialog)
    combo = dialog.rating.host_combo
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert not [a for a in offered if a.startswith(("127.", "169.254.")) or a == "0.0.0.0"]


def test_loopback_typed_is_refused_while_typing(qtbot, dlg):
    dlg.rating.host_edit.setText("127.0.0.1")
    assert "评价服务地址不能是 127.0.0.1" in dlg.rating.host_error.text()
    assert not dlg.save_button.isEnabled() and not dlg.rating.test_button.isEnabled()


def test_a_passed_test_turns_rating_by_phone_on_and_saving_keeps_it(qtbot, dlg, svc):
    host = this_pcs_address()  # a real fetch through a real socket
    port = free_port(host)
    dlg.rating.host_edit.setText(host)
    dlg.rating.port_edit.setText(str(port))
    dlg.rating.test_button.click()
    qtbot.waitUntil(lambda: dlg.rating.result is not None, timeout=10_000)
    assert dlg.rating.result.ok
    assert "测试通过" in dlg.rating.verdict.text()
    assert dlg.rating.verdict.property("role") == "ok"
    assert dlg.rating.by_phone.isChecked()
    dlg.save_button.click()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert svc.settings.phone_rating_host() == host and svc.settings.rating_port == port


def test_another_program_on_the_port_is_reported_and_phones_stay_off(qtbot, dlg, svc):
    host = this_pcs_address()
    with http_server(host, {"Server": "nginx"}) as port:
        dlg.rating.host_edit.setText(host)
        dlg.rating.port_edit.setText(str(port))
        dlg.rating.test_button.click()
        qtbot.waitUntil(lambda: dlg.rating.result is not None, timeout=10_000)
    assert "不是评价服务" in dlg.rating.verdict.text()
    assert dlg.rating.verdict.property("role") == "error"
    assert not dlg.rating.by_phone.isChecked()
    dlg.save_button.click()
    assert svc.settings.rating_host == host and not svc.settings.rating_by_phone
