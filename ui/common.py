"""Small pieces shared by the dialogs: an inline error label, hints, error and window texts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from window_assistant.errors import UserError

ERROR_COLOUR = "#b3261e"
ERROR_STYLE = f"color: {ERROR_COLOUR};"
HINT_STYLE = "color: #5f6368;"


class ErrorLabel(QLabel):
    """A red line under a field; empty (and taking no space) when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setVisible(False)

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(True)
    return label


def error_text(exc: BaseException) -> str:
    """What to tell the user: a UserError's own message, else a plain request to report it."""
    if isinstance(exc, UserError):
        return str(exc)
    return QCoreApplication.translate(
        "Dialogs", "出现意外错误,操作没有完成:{0}\n请把这条信息告诉系统管理员。"
    ).format(f"{type(exc).__name__}: {exc}")


def window_label(window) -> str:
    """The window's label (``accounts.Window.label``), or nothing for no window."""
    return window.label if window is not None else ""
