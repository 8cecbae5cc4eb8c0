"""The window as the clerk's screen has it (issue 13 §3, §4): the set-up's window name, the
main window within the screen and remembered, confirmations where they cannot be missed."""

from __future__ import annotations

from tests.ui.helpers import type_into  # tests/ is on sys.path
from ui.signin.setup_wizard import SetupWizard


def test_wizard_window_name_follows_number_until_typed(qtbot, services):
    wiz = SetupWizard(services)
    qtbot.addWidget(wiz)
    page = wiz.window_page
    number, name = page.edits["window_number"], page.edits["window_name"]
    assert (number.text(), name.text()) == ("1", "1号综合窗口")

    type_into(qtbot, number, "3")
    assert name.text() == "3号综合窗口"
    type_into(qtbot, number, "A12")
    assert name.text() == "A12号综合窗口"

    type_into(qtbot, name, "不动产登记窗口")  # the centre's own name stays
    type_into(qtbot, number, "5")
    assert name.text() == "不动产登记窗口"
