"""Typing into a Qt text field as a person does, shared by the UI tests."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    """Replace the field's text: Latin letters as key presses, Chinese as an input method
    commits it (QTest cannot press keys for characters outside Latin-1)."""
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            qtbot.keyClicks(edit, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(edit, event)
