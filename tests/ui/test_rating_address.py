"""The settings dialog's 评价服务 tab: this PC's addresses offered, never loopback, and 测试
giving the Chinese verdict of a real fetch (through the background worker)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QDialog

from tests.core.test_reach import free_port, http_server
from tests.profiles import SET_UP as GOOD
from ui.admin.settings_dialog import SettingsDialog
from ui.signin.setup_wizard import SetupWizard
from window_assistant.accounts import INSTALLER
from window_assistant.ratings.reach import LanAddress, lan_addresses
from window_assistant.setup import complete_setup

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


def test_the_wizard_page_tests_this_pcs_address_and_the_set_up_saves_it(qtbot, svc):
    host = this_pcs_address()
    port = free_port(host)
    wizard = SetupWizard(svc)
    qtbot.addWidget(wizard)
    page = wizard.rating_page
    page.rating.host_combo.activated.emit(
        [page.rating.host_combo.itemData(i) for i in range(page.rating.host_combo.count())].index(
            host
        )
    )
    page.rating.port_edit.setText(str(port))
    page.rating.test_button.click()
    qtbot.waitUntil(lambda: page.rating.result is not None, timeout=10_000)
    assert page.rating.result.ok and page.rating.by_phone.isChecked() and page.isComplete()
    chosen = wizard.data()  # the other pages are GOOD's, typed elsewhere
    data = replace(
        GOOD,
        rating_host=chosen.rating_host,
        rating_port=chosen.rating_port,
        rating_by_phone=chosen.rating_by_phone,
    )
    complete_setup(svc, data)
    assert svc.settings.phone_rating_host() == host and svc.settings.rating_port == port


def test_a_supervisor_turns_the_rating_qr_off_and_a_clerk_sees_it_greyed(qtbot, svc, supervisor):
    svc.settings.change(supervisor, {"rating.host": "192.168.1.20", "rating.by_phone": True})
    clerk = svc.accounts.add_account(INSTALLER, "1003", "李明", "clerk", "2580")
    greyed = SettingsDialog(svc, clerk, addresses=OFFERED)
    qtbot.addWidget(greyed)
    box = greyed.rating
    assert not any(
        w.isEnabled() for w in (box.host_combo, box.port_edit, box.test_button, box.by_phone)
    )
    greyed.save_button.click()  # the clerk's own settings saved, the rating server untouched
    assert svc.settings.rating_by_phone and svc.settings.rating_host == "192.168.1.20"

    dialog = SettingsDialog(svc, supervisor, addresses=OFFERED)
    qtbot.addWidget(dialog)
    assert dialog.rating.by_phone.isEnabled() and dialog.rating.by_phone.isChecked()
    dialog.rating.by_phone.setChecked(False)  # 手机扫码评价 off: sheets print no QR code
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not svc.settings.rating_by_phone and not svc.settings.phone_rating_host()
