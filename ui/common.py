"""Small pieces shared by the dialogs: an inline error label, hints, error and window texts, and
the style states the style sheet (``resources/style.qss``) colours widgets by."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from window_assistant.errors import UserError


def set_style_state(widget: QWidget, name: str, value: object) -> None:
    """Set the dynamic property the style sheet selects on (``QLabel[role="hint"]``,
    ``[state="missing"]``) and re-polish: Qt matches property selectors only when it polishes
    a widget, so a property changed after the widget is shown would not change its look."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.updateGeometry()  # a border in the new look can change the size hint


def role_label(role: str, text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label the style sheet colours by ``role``: hint (grey), error (red), ok (green)."""
    label = QLabel(text, parent)
    label.setProperty("role", role)
    return label


class ErrorLabel(QLabel):
    """A red line under a field; empty (and taking no space) when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = role_label("hint", text, parent)
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


class _AfterFirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # once this paint is done
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` once ``widget`` has painted for the first time: what the user sees first
    is not kept waiting by what can come a moment later."""
    _AfterFirstPaint(widget, then)
