"""The overdue and due-soon cases at sign-in (issue 12 §1): a non-modal notice above the search
and a count in the status bar, both the core's figures (``lifecycle.needs_attention``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.core.test_case_lifecycle import register
from tests.ui.helpers import show_active
from ui.main_window import MainWindow


def test_an_overdue_case_is_told_at_sign_in_and_counted_in_the_status_bar(qtbot, services):
    weeks_ago = (datetime.now() - timedelta(days=40)).replace(microsecond=0).isoformat()
    register(services, weeks_ago, outcome="受理")  # its promised date long past
    register(services, weeks_ago, kind="notice")  # a consultation: nothing due
    window = show_active(qtbot, MainWindow(services, services.default_clerk()))
    notice = window.case_attention.notice
    qtbot.waitUntil(notice.isVisible)
    assert notice.text.text().startswith("1 件办件已超期")
    assert notice.property("state") == "overdue"
    assert window.case_attention.count.text() == "办件:超期 1,即将到期 0"
    assert window.case_attention.count.isVisible()
    notice.dismiss_button.click()
    assert notice.isHidden() and window.case_attention.count.isVisible()


def test_no_notice_when_nothing_is_due(qtbot, services):
    register(services, datetime.now().replace(microsecond=0).isoformat(), kind="notice")
    window = show_active(qtbot, MainWindow(services, services.default_clerk()))
    qtbot.wait(50)
    assert window.case_attention.notice.isHidden() and window.case_attention.count.isHidden()


def test_a_supervisor_sets_the_case_limits_and_a_clerk_sees_them_greyed(qtbot, set_up):
    from tests.ui.test_rating_address import OFFERED
    from ui.admin.settings_dialog import SettingsDialog

    boss = set_up.accounts.authenticate("S01", "correct horse")
    dialog = SettingsDialog(set_up, boss, addresses=OFFERED)
    qtbot.addWidget(dialog)
    spins = dialog.case_limits.spins
    transfer = spins["case.transfer_days"]
    assert (transfer.value(), transfer.minimum(), transfer.maximum()) == (1, 1, 30)
    assert "工作日" in transfer.suffix() and spins["case.delivery_days"].value() == 5
    transfer.setValue(2)
    spins["case.due_soon_days"].setValue(0)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    s = set_up.settings
    assert (s.case_transfer_days, s.case_delivery_days, s.case_due_soon_days) == (2, 5, 0)
    clerk = set_up.accounts.authenticate("1003", "2580")
    greyed = SettingsDialog(set_up, clerk, addresses=OFFERED)
    qtbot.addWidget(greyed)
    assert not any(spin.isEnabled() for spin in greyed.case_limits.spins.values())
    assert greyed.case_limits.values() == {}
