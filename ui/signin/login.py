"""Sign-in: 工号 and password (supervisor) or PIN (clerk). A wrong entry keeps the dialog open.

At start-up the dialog shows before the core is loaded (``ui/signin/prepare.py``): it is given
the facts it shows and a ``Preparation`` that opens the database while the clerk types; the
locked screen gives it the open services. As the PIN is typed, its key is derived in the
background (``Accounts.derive_ahead``), so pressing Enter does not wait for scrypt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, role_label
from ui.signin.prepare import Preparation, PreparationFailed
from window_assistant.errors import UserError

if TYPE_CHECKING:
    from ui.worker import Worker
    from window_assistant.accounts import User
    from window_assistant.services import Services
    from window_assistant.store.peek import SignInFacts


class LoginDialog(QDialog):
    """After ``accept()``, ``user`` is the signed-in account."""

    def __init__(
        self,
        services: Services | None,
        parent: QWidget | None = None,
        *,
        facts: SignInFacts | None = None,
        preparation: Preparation | None = None,
    ) -> None:
        """Either the open ``services``, or the ``facts`` to show and the ``preparation``
        that opens the database meanwhile."""
        super().__init__(parent)
        self._services = services
        self.preparation = preparation
        self.user: User | None = None
        self.setWindowTitle(self.tr("登录 — 窗口助手"))
        if facts is None:
            assert services is not None
            window = services.accounts.window(services.current_window_id())
            centre_name, window_name = services.settings.centre_name, window and window.label
        else:
            centre_name, window_name = facts.centre_name, facts.window_label
        centre = QLabel(centre_name, self)
        centre.setObjectName("centreName")
        self.place = role_label(
            "hint",
            self.tr("窗口助手 · 本机:{window}").format(window=window_name)
            if window_name
            else self.tr("窗口助手"),
            self,
        )
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("login")
        self.login_edit.setPlaceholderText(self.tr("工号"))
        self.login_edit.setMaxLength(32)
        self.secret_edit = QLineEdit(self)
        self.secret_edit.setObjectName("secret")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setPlaceholderText(self.tr("窗口人员输入 PIN,负责人输入密码"))
        self.error = ErrorLabel(self)
        # By keyword: the positional call also matches (Qt.Orientation, parent), and resolving
        # that builds every enum of the Qt namespace (~15–40 ms) before the dialog shows.
        self.buttons = QDialogButtonBox(parent=self)
        self.ok_button = self.buttons.addButton(
            self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        self.forgot_button = self.buttons.addButton(
            self.tr("忘记密码…"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.forgot_button.clicked.connect(self.recover)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("工号"), self.login_edit)
        form.addRow(self.tr("密码/PIN"), self.secret_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(centre)
        layout.addWidget(self.place)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.login_edit.textChanged.connect(self._update_button)
        self.secret_edit.textChanged.connect(self._update_button)
        self.secret_edit.textChanged.connect(self._derive_ahead)
        if preparation is not None:  # the window of the 工号 typed is built meanwhile
            self.login_edit.textChanged.connect(lambda text: preparation.claim(text))
        self._deriver: Worker | None = None  # made with the first PIN key (start-up time)
        self._pending: tuple[str, str] | None = None
        self._update_button()
        self.setMinimumWidth(440)
        if preparation is not None and preparation.login:  # this PC's last sign-in
            self.login_edit.setText(preparation.login)
            self.secret_edit.setFocus()
        else:
            self.login_edit.setFocus()

    @property
    def services(self) -> Services:
        """The open services (opened now if the preparation has not yet)."""
        if self._services is None:
            assert self.preparation is not None
            self._services = self.preparation.services()
        return self._services

    def _derive_ahead(self) -> None:
        """Derive the key of the PIN typed so far in the background; the newest wins."""
        login, secret = self.login_edit.text().strip(), self.secret_edit.text()
        services = self._services or (self.preparation and self.preparation.opened())
        if not (login and secret and services and self.isVisible()):
            return  # (closed: signed in, or gone with its database)
        if self._deriver is None:
            from ui.worker import Worker

            self._deriver = Worker(self)
        if self._deriver.busy:
            self._pending = (login, secret)
            return
        self._pending = None
        job = services.accounts.derive_ahead(login, secret)
        self._deriver.run(lambda _report: job(), self._derived, self._derived)

    def _derived(self, _result: object) -> None:
        """A derivation ended: derive what was typed meanwhile, if it is still there."""
        pending, self._pending = self._pending, None
        if pending == (self.login_edit.text().strip(), self.secret_edit.text()):
            self._derive_ahead()

    def recover(self) -> None:
        """A supervisor's password set anew with the recovery code (shown at set-up)."""
        from ui.signin.recovery import RecoverDialog

        dialog = RecoverDialog(self.services, self.login_edit.text().strip(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.login_edit.setText(dialog.login_edit.text().strip())
            self.error.show_message(None)
            self.place.setText(self.tr("密码已重设,请用新密码登录。"))
            self.secret_edit.clear()
            self.secret_edit.setFocus()

    def _update_button(self) -> None:
        self.ok_button.setEnabled(bool(self.login_edit.text().strip() and self.secret_edit.text()))

    def try_login(self) -> None:
        if not self.ok_button.isEnabled():
            return
        try:
            services = self.services
        except PreparationFailed:  # main.run says why (the preparation's failure)
            self.reject()
            return
        try:
            self.user = services.accounts.authenticate(
                self.login_edit.text(), self.secret_edit.text()
            )
        except UserError as exc:
            self.user = None
            self.error.show_message(str(exc))
            self.secret_edit.clear()
            self.secret_edit.setFocus()
            return
        self.error.show_message(None)
        self.accept()
