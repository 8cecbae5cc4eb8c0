"""Shared by the UI tests: typing as a person does, and showing a window that has the focus."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


def type_into(qtbot, edit: QLineEdit, text: str, replace: bool = True) -> None:
    """Replace the field's text (or type on after it): Latin letters as key presses, Chinese as
    an input method commits it (QTest cannot press keys for characters outside Latin-1)."""
    if replace:
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    else:
        edit.end(False)
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            qtbot.keyClicks(edit, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(edit, event)


def show_active(qtbot, widget: QWidget) -> QWidget:
    """Show ``widget`` as the active window (keyboard focus needs it), closed after the test."""
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def run_driver(driver: str, db_path: Path, env: dict[str, str]) -> dict:
    """Run ``tests/ui/<driver>`` on ``db_path`` in a child process with ``env`` added to this
    one's environment (Qt's platform and scale are read at start-up) and return the JSON it
    prints last."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name(driver)), str(db_path)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
