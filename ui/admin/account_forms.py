"""The small forms the accounts dialog opens: a clerk, a new PIN/password, a window.

Each form is given the action to perform; it stays open, showing the core's message, when
the action raises ``UserError`` (a taken 工号, say), and closes when it succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, window_label
from window_assistant.accounts import User, Window
from window_assistant.errors import UserError
from window_assistant.setup import field_problem

Action = Callable[[dict[str, Any]], None]


class _Form(QDialog):
    """A form of line edits and combos checked live; 确定 runs ``action(values)``."""

    def __init__(self, title: str, action: Action, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.action = action
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.edits: dict[str, QLineEdit] = {}
        self.checks: dict[str, Callable[[str], str | None]] = {}
        self.setMinimumWidth(400)

    def add_edit(
        self,
        name: str,
        label: str,
        check: Callable[[str], str | None],
        *,
        text: str = "",
        secret: bool = False,
        max_length: int = 32,
    ) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.textChanged.connect(self.refresh)
        self.form.addRow(label, edit)
        if not self.edits:
            edit.setFocus()  # the form opens on its first field, not on 确定
        self.edits[name], self.checks[name] = edit, check
        return edit

    def values(self) -> dict[str, Any]:
        return {name: edit.text() for name, edit in self.edits.items()}

    def refresh(self) -> None:
        """Show the first problem of a field already typed into; enable 确定 when none."""
        first_shown, any_problem = None, False
        for name, check in self.checks.items():
            problem = check(self.edits[name].text())
            any_problem = any_problem or bool(problem)
            if problem and first_shown is None and self.edits[name].text():
                first_shown = problem
        self.error.show_message(first_shown)
        self.ok_button.setEnabled(not any_problem)

    def accept(self) -> None:
        try:
            self.action(self.values())
        except UserError as exc:
            self.error.show_message(str(exc))
            return
        super().accept()


def _confirm(edit: QLineEdit, message: str) -> Callable[[str], str | None]:
    return lambda value: None if value == edit.text() else message


class ClerkForm(_Form):
    """Add a clerk (工号, 姓名, 窗口, PIN) or edit one (姓名, 窗口)."""

    def __init__(
        self,
        windows: list[Window],
        action: Action,
        user: User | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("新增窗口人员") if user is None else self.tr("修改人员信息")
        super().__init__(title, action, parent)
        if user is None:
            self.add_edit("login", self.tr("工号"), lambda v: field_problem("clerk_login", v))
        else:
            self.form.addRow(self.tr("工号"), QLabel(user.login, self))
        self.add_edit(
            "name",
            self.tr("姓名"),
            lambda v: field_problem("clerk_name", v),
            text=user.name if user else "",
            max_length=20,
        )
        self.window_combo = QComboBox(self)
        self.window_combo.setObjectName("window")
        if user is not None and user.is_supervisor:
            self.window_combo.addItem(self.tr("(不属于窗口)"), None)
        for window in windows:
            self.window_combo.addItem(window_label(window), window.id)
        if user is not None:
            index = self.window_combo.findData(user.window_id)
            self.window_combo.setCurrentIndex(max(index, 0))
        self.form.addRow(self.tr("窗口"), self.window_combo)
        if user is None:
            pin = self.add_edit(
                "pin",
                self.tr("PIN"),
                lambda v: field_problem("clerk_pin", v),
                secret=True,
                max_length=8,
            )
            self.add_edit(
                "confirm",
                self.tr("确认 PIN"),
                _confirm(pin, self.tr("两次输入的 PIN 不一致。")),
                secret=True,
                max_length=8,
            )
            pin.textChanged.connect(self.refresh)
        self.refresh()

    def values(self) -> dict[str, Any]:
        return {**super().values(), "window_id": self.window_combo.currentData()}


class SecretForm(_Form):
    """A new PIN (clerk) or password (supervisor), typed twice."""

    def __init__(self, user: User, action: Action, parent: QWidget | None = None) -> None:
        if user.is_supervisor:
            title, label, field = self.tr("重置密码"), self.tr("新密码"), "supervisor_password"
            again = self.tr("两次输入的密码不一致。")
        else:
            title, label, field = self.tr("重置 PIN"), self.tr("新 PIN"), "clerk_pin"
            again = self.tr("两次输入的 PIN 不一致。")
        super().__init__(title, action, parent)
        self.form.addRow(self.tr("人员"), QLabel(f"{user.login} {user.name}", self))
        secret = self.add_edit(
            "secret", label, lambda v: field_problem(field, v), secret=True, max_length=64
        )
        self.add_edit(
            "confirm", self.tr("再输入一次"), _confirm(secret, again), secret=True, max_length=64
        )
        secret.textChanged.connect(self.refresh)
        self.refresh()


class WindowForm(_Form):
    """A new window: 编号 and 名称."""

    def __init__(self, action: Action, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("新增窗口"), action, parent)
        self.add_edit(
            "number",
            self.tr("窗口编号"),
            lambda v: field_problem("window_number", v),
            max_length=10,
        )
        self.add_edit(
            "name", self.tr("窗口名称"), lambda v: field_problem("window_name", v), max_length=40
        )
        self.refresh()
