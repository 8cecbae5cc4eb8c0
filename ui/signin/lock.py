"""The locked screen (Ctrl+Shift+L, or after ``lock.idle_minutes`` without a key or a click):
the window's contents are hidden until someone signs in again, with the sign-in's own rules
(it is the sign-in dialog: ``Accounts.authenticate``, the same lock-out after wrong attempts).
The same account unlocks; another account takes the counter over (切换用户) without closing
the app."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QWindow
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ui.signin.login import LoginDialog
from window_assistant.accounts import User


class LockScreen(LoginDialog):
    """The sign-in dialog, window-modal over the main window; Esc and the close button do not
    open it."""

    unlocked = Signal(object)  # the User who signed in (the same one, or another)

    def __init__(self, services, user: User, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setWindowTitle(self.tr("已锁定 — 窗口助手"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ok_button.setText(self.tr("解锁"))
        for button in self.buttons.buttons():  # 退出: the app stays open, locked
            if self.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.RejectRole:
                button.hide()
        self.set_user(user)

    def set_user(self, user: User) -> None:
        self.locked_by = user
        self.place.setText(
            self.tr("本机已由 {name} 锁定。输入密码或 PIN 解锁;换人时输入自己的工号。").format(
                name=user.name
            )
        )
        self.login_edit.setText(user.login)
        self.secret_edit.clear()
        self.error.show_message(None)

    def start(self) -> None:
        self.open()
        self.secret_edit.setFocus()

    def accept(self) -> None:  # signed in, by LoginDialog.try_login: the same rules
        super().accept()
        self.unlocked.emit(self.user)

    def reject(self) -> None:  # Esc: stays locked
        pass

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        event.ignore()


class IdleWatch(QObject):
    """``idle`` after ``minutes`` without a key press, a click or the wheel in any of the app's
    windows (0 minutes: never). It watches each top-level window as it gets the focus (the main
    window, the case dialog, 办件台账 …): an application-wide filter would run Python for every
    event of every widget."""

    idle = Signal()
    _ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self._watched: list[QWindow] = []
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._watch)
            self._watch(app.focusWindow())
        self.set_minutes(minutes)

    def _watch(self, window: QWindow | None) -> None:
        if window is not None and window not in self._watched:
            window.installEventFilter(self)
            self._watched.append(window)
            window.destroyed.connect(lambda _obj=None, w=window: self._forget(w))
        if self.timer.isActive():
            self.timer.start()  # a window brought forward is activity too

    def _forget(self, window: QWindow) -> None:
        if window in self._watched:
            self._watched.remove(window)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self.restart()

    def restart(self) -> None:
        if self.minutes > 0:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in self._ACTIVITY and self.timer.isActive():
            self.timer.start()  # the same interval, from now
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.disconnect(self._watch)
        for window in self._watched:
            window.removeEventFilter(self)
        self._watched = []
