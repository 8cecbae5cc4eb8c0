"""The window as the clerk's screen has it (issue 13 §3, §4): the set-up's window name, the
main window within the screen and remembered, confirmations where they cannot be missed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

from tests.ui.helpers import show_active, type_into  # tests/ is on sys.path
from tests.ui.test_case_ledger import agreements, clerk, register_loan  # noqa: F401
from tests.ui.test_cases import ANSWERS, ITEM
from ui.admin.import_dialog import ImportDialog
from ui.admin.settings_dialog import SettingsDialog
from ui.cases.case_dialog import CaseDialog
from ui.main_window import OPEN_WINDOWS, MainWindow
from ui.screen_fit import TITLE_BAR, fit_to_screen
from ui.signin.login import LoginDialog
from ui.signin.recovery import RecoverDialog, RecoveryCodeDialog
from ui.signin.setup_wizard import SetupWizard
from window_assistant.accounts import MAX_FAILURES
from window_assistant.recovery import issue_code


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


# -- the main window on the screen ---------------------------------------------------------
def _window(qtbot, services, user) -> MainWindow:
    window = MainWindow(services, user)
    show_active(qtbot, window)
    return window


def test_window_opens_maximised_within_the_available_screen(qtbot, services):
    window = _window(qtbot, services, services.default_clerk())
    available = window.screen().availableGeometry()
    assert window.isMaximized()
    assert available.contains(window.frameGeometry())


def test_window_remembers_its_place_on_this_pc(qtbot, services):
    window = _window(qtbot, services, services.default_clerk())
    window.showNormal()
    window.setGeometry(40, 50, 700, 500)
    window.splitter.setSizes([200, 500])
    sizes = window.splitter.sizes()
    window.close()
    assert (services.store.path.parent / "window.ini").exists()

    again = _window(qtbot, services, services.default_clerk())
    assert not again.isMaximized()
    assert (again.geometry().width(), again.geometry().height()) == (700, 500)
    assert again.splitter.sizes() == sizes


def test_registration_confirmed_above_the_search(qtbot, agreements, clerk):  # noqa: F811
    window = _window(qtbot, agreements, clerk)
    assert window.confirm.isHidden()
    case = register_loan(agreements, clerk)
    window._case_registered(case)
    assert window.confirm.isVisible()
    assert case.serial in window.confirm.text.text()
    qtbot.mouseClick(window.confirm.dismiss_button, Qt.MouseButton.LeftButton)
    assert window.confirm.isHidden()


def test_supervisor_gets_confirmation_after_import(qtbot, set_up, monkeypatch):
    boss = set_up.accounts.authenticate("S01", "correct horse")
    window = _window(qtbot, set_up, boss)
    catalog = set_up.catalog.load()
    items = catalog.items[:5]
    codes = {item.code for item in items}
    crossregion = [c for c in catalog.crossregion if c.item_code in codes]
    smaller = replace(catalog, items=items, bundles=[], crossregion=crossregion)

    def imported(dialog) -> int:  # the dialog's background apply, done here at once
        dialog.version = set_up.catalog.replace(smaller, source="测试目录", actor="S01")
        return 1

    monkeypatch.setattr(ImportDialog, "exec", imported)
    window.import_catalog()
    assert window.confirm.isVisible()
    assert "目录已导入" in window.confirm.text.text()
    assert "事项 5 个 · 一件事 0 个" in window.confirm.text.text()


# -- 忘记密码: the recovery code ---------------------------------------------------------------
def test_forgotten_password_reset_with_the_recovery_code(qtbot, set_up):
    boss = set_up.accounts.authenticate("S01", "correct horse")
    code = issue_code(set_up, boss)
    login = LoginDialog(set_up)
    qtbot.addWidget(login)
    assert login.forgot_button.text() == "忘记密码…"
    dialog = RecoverDialog(set_up, "S01")
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.code_edit, code.lower())
    type_into(qtbot, dialog.password_edit, "new password 1")
    type_into(qtbot, dialog.again_edit, "new password 2")
    dialog.ok_button.click()
    assert "不一致" in dialog.error.text()
    assert not dialog.new_code

    type_into(qtbot, dialog.again_edit, "new password 1")
    dialog.ok_button.click()
    assert dialog.new_code and dialog.new_code != code
    assert dialog.code.text() == dialog.new_code and dialog.done_box.isVisible()
    assert dialog.form_box.isHidden()
    assert set_up.accounts.authenticate("S01", "new password 1").login == "S01"
    dialog.ok_button.click()  # 我已抄下
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_wrong_recovery_code_is_refused_in_the_dialog(qtbot, set_up):
    dialog = RecoverDialog(set_up, "S01")
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.code_edit, "AAAA-AAAA-AAAA-AAAA")
    type_into(qtbot, dialog.password_edit, "new password 1")
    type_into(qtbot, dialog.again_edit, "new password 1")
    dialog.ok_button.click()
    assert "恢复码不正确" in dialog.error.text()
    assert set_up.accounts.authenticate("S01", "correct horse")


# -- lock and switch user ------------------------------------------------------------------
def test_lock_hides_the_window_until_the_same_pin(qtbot, set_up):
    me = set_up.accounts.authenticate("1003", "2580")
    window = _window(qtbot, set_up, me)
    type_into(qtbot, window.search_box, "营业执照")
    window.lock_action.trigger()
    screen = window.lock_screen
    assert window.is_locked() and window.centralWidget().isHidden()
    assert screen.login_edit.text() == "1003"
    screen.reject()  # Esc does not unlock
    assert window.is_locked()

    type_into(qtbot, screen.secret_edit, "0000")
    screen.ok_button.click()
    assert window.is_locked() and "不正确" in screen.error.text()
    type_into(qtbot, screen.secret_edit, "2580")
    screen.ok_button.click()
    assert not window.is_locked() and window.centralWidget().isVisible()
    assert window.search_box.text() == "营业执照"  # the work in hand is kept


def test_unlock_follows_the_sign_in_lock_out(qtbot, set_up):
    me = set_up.accounts.authenticate("1003", "2580")
    window = _window(qtbot, set_up, me)
    window.lock()
    screen = window.lock_screen
    for _ in range(MAX_FAILURES):
        type_into(qtbot, screen.secret_edit, "0000")
        screen.ok_button.click()
    type_into(qtbot, screen.secret_edit, "2580")
    screen.ok_button.click()
    assert window.is_locked() and "锁定" in screen.error.text()


def test_switch_user_at_the_locked_screen(qtbot, set_up):
    me = set_up.accounts.authenticate("1003", "2580")
    window = _window(qtbot, set_up, me)
    assert not window.import_action.isVisible()
    window.lock()
    screen = window.lock_screen
    type_into(qtbot, screen.login_edit, "S01")
    type_into(qtbot, screen.secret_edit, "correct horse")
    screen.ok_button.click()
    successor = OPEN_WINDOWS[-1]
    qtbot.addWidget(successor)
    assert successor is not window and successor.user.login == "S01"
    assert successor.isVisible() and not window.isVisible()
    assert successor.import_action.isVisible()  # the supervisor's menus


def test_idle_time_locks_the_window(qtbot, set_up):
    boss = set_up.accounts.authenticate("S01", "correct horse")
    set_up.settings.change(boss, {"lock.idle_minutes": 1})
    window = _window(qtbot, set_up, boss)
    assert window.idle.timer.interval() == 60_000 and window.idle.timer.isActive()
    window.idle.timer.setInterval(50)  # a minute, shortened for the test
    window.idle.timer.start()
    qtbot.waitUntil(window.is_locked, timeout=2000)
    # a key or a click in any window starts the minute again
    window.lock_screen.done(0)
    window._unlocked(boss)
    assert window.windowHandle() in window.idle._watched
    # keys every 0.2 s for longer than the idle time keep it unlocked; then it locks (no timing
    # of the timer itself: the machine may be slow, the behaviour is what counts)
    window.idle.timer.start(1_500)
    for _ in range(10):
        qtbot.wait(200)
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)
        assert not window.is_locked()
    qtbot.waitUntil(window.is_locked, timeout=5000)
    window.lock_screen.done(0)
    window._unlocked(boss)
    set_up.settings.change(boss, {"lock.idle_minutes": 0})
    window.idle.set_minutes(0)
    assert not window.idle.timer.isActive()


def test_supervisor_sets_the_idle_lock_in_settings(qtbot, set_up):
    boss = set_up.accounts.authenticate("S01", "correct horse")
    clerk_dialog = SettingsDialog(set_up, set_up.accounts.authenticate("1003", "2580"))
    qtbot.addWidget(clerk_dialog)
    assert not clerk_dialog.lock_spin.isEnabled()
    dialog = SettingsDialog(set_up, boss)
    qtbot.addWidget(dialog)
    assert dialog.lock_spin.value() == 10
    dialog.lock_spin.setValue(3)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert set_up.settings.lock_idle_minutes == 3


# -- fits the screen: 1366×768, 1280×720 and 1920×1080 at 150 % (1280×720 logical) ---------
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SCREENS = {  # the available area: the screen less a 40-pixel task bar, in logical pixels
    "1366x768": QRect(0, 0, 1366, 728),
    "1280x720": QRect(0, 0, 1280, 680),
    "1920x1080-150": QRect(0, 0, 1280, 680),  # (1080 − 40 × 1.5) / 1.5, as the screenshots
}


@pytest.mark.parametrize("size", sorted(SCREENS))
def test_case_dialog_fits_with_its_buttons_visible(qtbot, services, size):
    area = SCREENS[size]
    dialog = CaseDialog(services, services.default_clerk(), "item", ITEM, ANSWERS)
    qtbot.addWidget(dialog)
    screen = dialog.screen().availableGeometry()  # offscreen: 800×800, narrower than 1180
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height() - TITLE_BAR
    fit_to_screen(dialog, 1180, 720, area)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= area.width() and dialog.height() <= area.height() - TITLE_BAR
    for button in (dialog.print_button, dialog.save_button, dialog.close_button):
        where = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
        assert button.isVisible() and dialog.rect().contains(where), button.text()


@pytest.mark.parametrize("size", sorted(SCREENS))
def test_main_window_fits_the_screen(qtbot, services, size):
    area = SCREENS[size]
    window = _window(qtbot, services, services.default_clerk())
    hint = window.minimumSizeHint()
    assert hint.width() <= area.width() and hint.height() <= area.height() - TITLE_BAR


def test_many_situations_leave_the_guide_its_height(qtbot, services):
    item = next(i for i in services.catalog.load().items if i.situations)
    base = item.situations[0]
    many = [replace(base, key=f"{base.key}{n}", question=f"问题{n}") for n in range(8)]
    window = _window(qtbot, services, services.default_clerk())
    window.showNormal()
    window.resize(1280, 648)
    guide = window.guide
    guide.show_item(replace(item, situations=many), None, None)
    qtbot.waitUntil(lambda: guide.situations_scroll.isVisible())
    assert guide.situations_scroll.height() <= guide.height() // 4 + 1
    assert guide.browser.height() >= guide.height() * 2 // 3
    assert len(guide.combos) == 8


def _locked_by_keys(qtbot, window: MainWindow, where: QWidget) -> None:
    where.activateWindow()
    qtbot.waitUntil(where.isActiveWindow)
    qtbot.keyClick(where.focusWidget() or where, Qt.Key.Key_L, CTRL_SHIFT)
    assert window.is_locked()


def _unlocked(qtbot, window: MainWindow, pin: str) -> None:
    type_into(qtbot, window.lock_screen.secret_edit, pin)
    window.lock_screen.ok_button.click()
    assert not window.is_locked()


def test_ctrl_shift_l_in_a_case_hides_every_window_until_unlocked(
    qtbot,
    agreements,  # noqa: F811
    clerk,  # noqa: F811
):
    """评价记录 and 办件台账 open beside, a case being registered and its print preview:
    Ctrl+Shift+L pressed in the preview, none of them is on the screen; unlocked, all are back."""
    window = _window(qtbot, agreements, clerk)
    window.ratings.show_list()
    window.show_cases()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    type_into(qtbot, window.search_box, "企业设立登记")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.keyClick(window.results, Qt.Key.Key_F2)
    case = window.case_dialog
    preview = case.preview()
    shown = [window.ratings.dialog, window.cases_dialog, case, preview]
    assert all(w is not None and w.isVisible() for w in shown)

    _locked_by_keys(qtbot, window, preview)
    assert [w for w in shown if w.isVisible()] == []
    _unlocked(qtbot, window, "2580")
    assert all(w.isVisible() for w in shown)


def test_ctrl_shift_l_in_a_cases_detail_hides_it_and_the_ledger(
    qtbot,
    agreements,  # noqa: F811
    clerk,  # noqa: F811
):
    case = register_loan(agreements, clerk)
    window = _window(qtbot, agreements, clerk)
    window.show_cases()
    detail = window.cases_dialog.open_detail(case.serial)
    _locked_by_keys(qtbot, window, detail)
    assert not detail.isVisible() and not window.cases_dialog.isVisible()
    _unlocked(qtbot, window, "2580")
    assert detail.isVisible() and window.cases_dialog.isVisible()


def test_forgot_password_at_the_sign_in_opens_the_recovery_and_signs_in_anew(qtbot, set_up):
    """忘记密码… at the sign-in: the recovery dialog for the login typed; the new password set,
    the sign-in says so and takes it."""
    boss = set_up.accounts.authenticate("S01", "correct horse")
    code = issue_code(set_up, boss)
    login = LoginDialog(set_up)
    show_active(qtbot, login)
    type_into(qtbot, login.login_edit, "S01")
    seen: list[str] = []

    def recover() -> None:  # in the recovery dialog, once it is up
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoverDialog):
            QTimer.singleShot(20, recover)
            return
        seen.append(dialog.login_edit.text())
        type_into(qtbot, dialog.code_edit, code)
        type_into(qtbot, dialog.password_edit, "new password 1")
        type_into(qtbot, dialog.again_edit, "new password 1")
        dialog.ok_button.click()
        seen.append(dialog.new_code)
        dialog.ok_button.click()  # 我已抄下
        if dialog.isVisible():  # not accepted: the test fails below, not hangs here
            dialog.reject()

    QTimer.singleShot(0, recover)
    login.forgot_button.click()
    assert seen[0] == "S01" and seen[1] and seen[1] != code
    assert "密码已重设" in login.place.text() and login.focusWidget() is login.secret_edit
    type_into(qtbot, login.secret_edit, "new password 1")
    login.ok_button.click()
    assert login.user is not None and login.user.login == "S01"


def test_a_recovery_code_on_the_screen_is_not_dismissed_by_esc(qtbot, set_up):
    """Shown once: Esc (or the title bar's ×) does not take it away before 我已抄下, neither at
    set-up nor after a reset."""
    shown = RecoveryCodeDialog("ABCD-EFGH-JKLM-NPQR")
    show_active(qtbot, shown)
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    shown.close()
    assert shown.isVisible()
    (copied,) = shown.findChildren(QPushButton)
    copied.click()
    assert shown.result() == QDialog.DialogCode.Accepted and not shown.isVisible()

    boss = set_up.accounts.authenticate("S01", "correct horse")
    dialog = RecoverDialog(set_up, "S01")
    show_active(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # before the reset, Esc cancels
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    dialog = RecoverDialog(set_up, "S01")
    show_active(qtbot, dialog)
    type_into(qtbot, dialog.code_edit, issue_code(set_up, boss))
    type_into(qtbot, dialog.password_edit, "new password 1")
    type_into(qtbot, dialog.again_edit, "new password 1")
    dialog.ok_button.click()
    assert dialog.new_code
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.code.text() == dialog.new_code
    dialog.ok_button.click()  # 我已抄下
    assert dialog.result() == QDialog.DialogCode.Accepted
