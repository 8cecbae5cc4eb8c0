"""The supervisor's password recovery code on the screen (the rules are
``window_assistant.recovery``'s): shown once after the set-up and after each use, and the
「忘记密码」 form of the sign-in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, hint_label
from window_assistant.errors import UserError
from window_assistant.recovery import recover_password


def code_label(code: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(code, parent)
    label.setObjectName("recoveryCode")
    font = QFont(label.font())
    font.setFamilies(["monospace"])
    font.setPointSize(font.pointSize() + 6)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class RecoveryCodeDialog(QDialog):
    """The code, once: to be copied onto paper and kept with the centre's keys."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("负责人密码恢复码"))
        self.code = code_label(code, self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("我已抄下"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(code_hint(self))
        layout.addWidget(self.code)
        layout.addWidget(buttons)

    def reject(self) -> None:  # Esc or ×: the code is shown once, so only 我已抄下 ends it
        pass


def code_hint(parent: QWidget) -> QLabel:
    return hint_label(
        QCoreApplication.translate(
            "recovery",
            "负责人忘记密码时,凭此恢复码重设密码。恢复码只显示这一次:请抄在纸上,"
            "与中心的钥匙一同保管。用过一次即作废,届时会显示新的恢复码。",
        ),
        parent,
    )


class RecoverDialog(QDialog):
    """工号, the code and the new password twice. After success ``new_code`` is shown in
    place of the form; the dialog is accepted when it has been copied."""

    def __init__(self, services, login: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.new_code = ""
        self.setWindowTitle(self.tr("忘记密码 — 用恢复码重设"))
        self.login_edit = QLineEdit(login, self)
        self.login_edit.setMaxLength(32)
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText(self.tr("例如 7K2M-…(不区分大小写)"))
        self.code_edit.setMaxLength(40)
        self.password_edit = QLineEdit(self)
        self.again_edit = QLineEdit(self)
        for edit in (self.password_edit, self.again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form_box = QWidget(self)
        form = QFormLayout(self.form_box)
        form.addRow(self.tr("负责人工号"), self.login_edit)
        form.addRow(self.tr("恢复码"), self.code_edit)
        form.addRow(self.tr("新密码"), self.password_edit)
        form.addRow(self.tr("再输一次"), self.again_edit)
        self.error = ErrorLabel(self)
        self.done_box = QWidget(self)
        done = QVBoxLayout(self.done_box)
        done.addWidget(
            hint_label(self.tr("密码已重设。旧恢复码已作废,新的恢复码如下:"), self.done_box)
        )
        self.code = code_label("", self.done_box)
        done.addWidget(self.code)
        done.addWidget(code_hint(self.done_box))
        self.done_box.hide()
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("重设密码"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_box)
        layout.addWidget(self.error)
        layout.addWidget(self.done_box)
        layout.addWidget(self.buttons)
        (self.code_edit if login else self.login_edit).setFocus()

    def reject(self) -> None:
        if not self.new_code:  # once the new code is shown, only 我已抄下 ends the dialog
            super().reject()

    def submit(self) -> None:
        if self.new_code:  # the new code has been shown and copied
            self.accept()
            return
        if self.password_edit.text() != self.again_edit.text():
            self.error.show_message(self.tr("两次输入的新密码不一致。"))
            self.again_edit.setFocus()
            return
        try:
            self.new_code = recover_password(
                self.services,
                self.login_edit.text(),
                self.code_edit.text(),
                self.password_edit.text(),
            )
        except UserError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message(None)
        self.code.setText(self.new_code)
        self.form_box.hide()
        self.done_box.show()
        self.ok_button.setText(self.tr("我已抄下"))
        self.cancel_button.hide()
