"""Sign-in: 工号 and password (supervisor) or PIN (clerk). A wrong entry keeps the dialog open."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, role_label, window_label
from window_assistant.accounts import User
from window_assistant.errors import UserError


class LoginDialog(QDialog):
    """After ``accept()``, ``user`` is the signed-in account."""

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.user: User | None = None
        self.setWindowTitle(self.tr("登录 — 窗口助手"))
        centre = QLabel(services.settings.centre_name, self)
        centre.setObjectName("centreName")
        window = services.accounts.window(services.current_window_id())
        self.place = role_label(
            "hint",
            self.tr("窗口助手 · 本机:{window}").format(window=window_label(window))
            if window
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
        self.buttons = QDialogButtonBox(self)
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
        self._update_button()
        self.setMinimumWidth(440)
        self.login_edit.setFocus()

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
            self.user = self.services.accounts.authenticate(
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
