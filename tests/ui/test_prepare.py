"""The clerk's screen made ready while the clerk signs in (``ui/signin/prepare.py``, issue 13
§5): the window built ahead is the signing-in account's, hidden and not started until the PIN
is right; another account gets its own; a database that cannot be opened closes the sign-in
and is said as before; this PC's last 工号 is offered."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from tests.profiles import SET_UP
from ui.main_window import OPEN_WINDOWS, MainWindow
from ui.signin.login import LoginDialog
from ui.signin.prepare import Preparation, last_login, remember_login
from window_assistant.store.peek import sign_in_facts


@pytest.fixture
def db(set_up):
    """A set-up database nobody has open (the preparation opens its own)."""
    path = set_up.store.path
    set_up.close()
    return path


def _prepared(qtbot, db, login: str = "") -> Preparation:
    if login:
        remember_login(db, login)
    preparation = Preparation(db)
    preparation.start()
    qtbot.waitUntil(lambda: not preparation._steps, timeout=20_000)
    return preparation


def _close(preparation: Preparation, *windows: MainWindow) -> None:
    """The windows gone (with what they had queued), then the database closed."""
    for window in windows:
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if preparation.opened() is not None:
        preparation.opened().close()


def test_the_remembered_clerks_window_is_built_hidden_and_not_started(qtbot, db):
    preparation = _prepared(qtbot, db, SET_UP.clerk_login)
    window = preparation.window
    assert window is not None and window.user.login == SET_UP.clerk_login
    assert not window.isVisible() and window.idle is None  # no idle lock, notices, server
    assert window.ratings.controller.server is None
    assert window.search_box.text() == "" and window.model.rowCount() > 0  # as built
    clerk = preparation.services().accounts.authenticate(SET_UP.clerk_login, SET_UP.clerk_pin)
    shown = preparation.window_for(clerk)
    assert shown is window and preparation.window is None
    shown.show()
    qtbot.waitUntil(lambda: shown.idle is not None)  # started once it has painted
    assert last_login(db) == SET_UP.clerk_login
    _close(preparation, shown)


def test_another_account_gets_its_own_window_and_the_other_is_dropped(qtbot, db):
    preparation = _prepared(qtbot, db, SET_UP.clerk_login)
    built = preparation.window
    boss = preparation.services().accounts.authenticate(
        SET_UP.supervisor_login, SET_UP.supervisor_password
    )
    window = preparation.window_for(boss)
    assert window is not built and window.user.login == SET_UP.supervisor_login
    assert built not in OPEN_WINDOWS
    assert window.accounts_action.isVisible()  # the supervisor's own menus
    _close(preparation, window)


def test_typing_another_login_builds_that_accounts_window(qtbot, db):
    preparation = _prepared(qtbot, db, SET_UP.clerk_login)
    preparation.claim(SET_UP.supervisor_login)
    qtbot.waitUntil(
        lambda: (
            preparation.window is not None
            and preparation.window.user.login == SET_UP.supervisor_login
            and not preparation._steps
        ),
        timeout=20_000,
    )
    preparation.claim("no-such")  # not a login (yet): the window built stays
    assert preparation.window.user.login == SET_UP.supervisor_login
    window = preparation.window
    _close(preparation)
    window.deleteLater()


def test_the_sign_in_offers_this_pcs_last_login_and_waits_for_the_pin(qtbot, db):
    remember_login(db, SET_UP.clerk_login)
    preparation = Preparation(db)
    login = LoginDialog(None, facts=sign_in_facts(db), preparation=preparation)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    assert login.login_edit.text() == SET_UP.clerk_login
    assert login.focusWidget() is login.secret_edit
    assert "3号综合窗口" in login.place.text()
    login.secret_edit.setText(SET_UP.clerk_pin)
    login.try_login()  # the database opened now if the preparation had not yet
    assert login.result() == QDialog.DialogCode.Accepted and login.user.login == "1003"
    _close(preparation)


def test_a_database_that_cannot_be_opened_closes_the_sign_in(qtbot, db):
    from tests.store_helpers import written_by_a_newer_version

    written_by_a_newer_version(db)
    assert sign_in_facts(db) is not None  # the facts read; the real opening refuses it
    preparation = Preparation(db)
    login = LoginDialog(None, facts=sign_in_facts(db), preparation=preparation)
    qtbot.addWidget(login)
    preparation.failed.connect(lambda _exc: login.reject())
    with qtbot.waitSignal(preparation.failed, timeout=20_000) as failed:
        login.show()
        preparation.start()
    assert "升级" in str(failed.args[0])
    assert login.result() == QDialog.DialogCode.Rejected
    assert preparation.opened() is None and preparation.window is None


def test_the_window_says_so_and_stops_when_found_after_the_dialog_showed(qapp, db, monkeypatch):
    """Through ``main.run``: the sign-in shows (facts read), the preparation finds the newer
    version, and the clerk gets the same message as when it is found first; exit status 2."""
    import main
    from tests.store_helpers import written_by_a_newer_version

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main.run installs its own
    written_by_a_newer_version(db)
    seen: list[str] = []

    def watch() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, LoginDialog) and "LoginDialog" not in seen:
            seen.append("LoginDialog")
        if isinstance(widget, QMessageBox):
            seen.append(widget.windowTitle())
            widget.accept()
            return
        QTimer.singleShot(10, watch)

    QTimer.singleShot(0, watch)
    try:
        assert main.run(main.parse_args(["--db", str(db), "--lang", "zh_CN"])) == 2
    finally:  # the translators main.run installed stay with this test
        for translator in qapp.findChildren(QTranslator):
            qapp.removeTranslator(translator)
            translator.deleteLater()
    assert seen == ["LoginDialog", "无法启动"]


def test_a_derivation_ending_after_the_sign_in_closed_reads_nothing(qtbot, set_up):
    """The key of a PIN typed on is derived once the one under way ends; if the dialog has
    closed meanwhile (signed in, its database closed), nothing more is read."""
    login = LoginDialog(set_up)
    qtbot.addWidget(login)
    login.show()
    login.login_edit.setText(SET_UP.clerk_login)
    login.secret_edit.setText("25")  # a derivation under way
    login.secret_edit.setText("2580")  # pending behind it
    assert login._pending == (SET_UP.clerk_login, "2580")
    login.hide()
    set_up.close()
    with qtbot.waitSignal(login._deriver.finished, timeout=10_000):
        pass  # its end arrives: no read of the closed database (a fault would fail the test)
    assert login._pending is None


def test_a_window_never_painted_still_starts(qtbot, db):
    """Started once it has painted, or in any case a moment later (a window left minimised)."""
    preparation = _prepared(qtbot, db, SET_UP.clerk_login)
    clerk = preparation.services().accounts.authenticate(SET_UP.clerk_login, SET_UP.clerk_pin)
    window = preparation.window_for(clerk)
    assert window.idle is None and not window.isVisible()
    qtbot.waitUntil(lambda: window.idle is not None, timeout=5_000)
    _close(preparation, window)
