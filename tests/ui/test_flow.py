"""The clerk's day from the first start, end to end through the real widgets:
set-up wizard → sign-in → search → open an item → its guide and materials."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard

from tests.ui.helpers import show_active, type_into  # tests/ is on sys.path
from ui.main_window import MainWindow
from ui.signin.login import LoginDialog
from ui.signin.setup_wizard import SetupWizard
from window_assistant.catalog.search import RecentUses

WIZARD_PAGES = [
    {"centre_name": "铁西区政务服务中心", "centre_abbrev": "铁西政服"},
    {"window_number": "3", "window_name": "3号综合窗口"},
    {},  # 手机扫码评价: the address may be chosen later
    {
        "supervisor_login": "S01",
        "supervisor_name": "王主任",
        "supervisor_password": "correct horse",
        "supervisor_confirm": "correct horse",
    },
    {"clerk_login": "1001", "clerk_name": "张敏", "clerk_pin": "2468", "clerk_confirm": "2468"},
]


def test_first_start_sign_in_find_and_open_an_item(qtbot, services):
    assert services.settings.setup_completed is False

    wizard = SetupWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    for number, fields in enumerate(WIZARD_PAGES):
        page = wizard.currentPage()
        for name, text in fields.items():
            type_into(qtbot, page.edits[name], text)
        last = number == len(WIZARD_PAGES) - 1
        button = QWizard.WizardButton.FinishButton if last else QWizard.WizardButton.NextButton
        assert wizard.button(button).isEnabled(), f"page {page.title()} should be complete"
        wizard.button(button).click()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert services.settings.setup_completed is True

    login = LoginDialog(services)
    qtbot.addWidget(login)
    login.show()
    type_into(qtbot, login.login_edit, "1001")
    type_into(qtbot, login.secret_edit, "2468")
    qtbot.keyClick(login.secret_edit, Qt.Key.Key_Return)
    assert login.result() == QDialog.DialogCode.Accepted
    clerk = login.user
    assert clerk.name == "张敏"

    window = MainWindow(services, clerk)
    show_active(qtbot, window)
    assert window.focusWidget() is window.search_box
    assert "3号综合窗口" in window.status_labels["window"].text()

    type_into(qtbot, window.search_box, "sbdj")
    first = window.model.hit(0)
    assert first is not None and first.name == "用人单位社保登记"
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.results, Qt.Key.Key_Return)
    assert window.opened == ("item", first.code)

    guide = window.guide.plain_text()
    item = services.catalog.item(first.code)
    for material in item.materials:
        assert material.name in guide
    assert "免提交" in guide  # the shareable 营业执照 is not asked for on paper
    assert ("item", first.code) in RecentUses(services.store).recent(window.window_id)


HAS_XVFB = shutil.which("xvfb-run") is not None


@pytest.mark.parametrize(
    "platform",
    [
        "offscreen",
        pytest.param(
            "xcb",
            marks=pytest.mark.skipif(not HAS_XVFB, reason="needs xvfb-run (package xvfb)"),
        ),
    ],
)
def test_main_run_signs_in_and_opens_an_active_window_whose_shortcuts_work(platform, db_path):
    """``main.run`` as the clerk starts it: the sign-in dialog, then the window, active, so
    that F2 opens the case dialog at once. On a real X server with no window manager nothing
    activates the window for us (the offscreen platform always does): without
    ``activateWindow()`` after sign-in, F2 and every other shortcut were dead there.
    In a child process: the app's event loop ends with ``quit()``, which would leave this
    process's shared QApplication unable to activate windows for the tests that follow."""
    driver = Path(__file__).with_name("sign_in_driver.py")
    command = [sys.executable, str(driver), str(db_path)]
    if platform == "xcb":
        command = ["xvfb-run", "-a", *command]
    env = {**os.environ, "QT_QPA_PLATFORM": platform}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"active": "MainWindow", "case": True}
