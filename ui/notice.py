"""Non-modal notices above the search, dismissed with 知道了.

``ConfirmNotice`` says what the clerk must not miss: a registration, an import (the status bar
alone is easily overlooked at the bottom of a large screen). It hides after a while; the next
confirmation replaces it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

SHOWN_MS = 20_000  # long enough to be seen after the citizen has left the counter


class Notice(QFrame):
    """A bold text and 知道了; ``name`` names the frame and (``name + "Text"``) its text for
    the style sheet."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.text = QLabel(self)
        self.text.setObjectName(name + "Text")
        self.text.setWordWrap(True)
        self.dismiss_button = QPushButton(self.tr("知道了"), self)
        self.dismiss_button.clicked.connect(self.hide)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(10, 6, 10, 6)
        self.row.addWidget(self.text, 1)
        self.row.addWidget(self.dismiss_button)
        self.hide()


class ConfirmNotice(Notice):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("confirmNotice", parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)

    def say(self, text: str) -> None:
        self.text.setText(text)
        self.show()
        self.timer.start(SHOWN_MS)
