"""Windows sized for the screen they open on (issue 13 §3): a centre's PCs run 1366×768,
1280×720 and 1920×1080 at 150 % (1280×720 of logical pixels), each with a title bar and a task
bar, so a fixed 1180×720 dialog has its buttons below the screen's edge on most of them."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QComboBox, QWidget

TITLE_BAR = 32  # what a window frame adds above the client area (Windows 10/11 at 100 %)


def available_area(widget: QWidget) -> QRect | None:
    screen = widget.screen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(widget: QWidget, width: int, height: int, available: QRect | None = None) -> None:
    """Resize ``widget`` to ``width``×``height``, or to what the available screen area holds
    under a title bar, whichever is smaller (its layout must let it shrink: a scroll area)."""
    area = available if available is not None else available_area(widget)
    if area is not None:
        width = min(width, area.width())
        height = min(height, area.height() - TITLE_BAR)
    widget.resize(width, height)


def compact_combo(combo: QComboBox, letters: int) -> None:
    """``combo`` as wide as ``letters`` Latin letters (a Chinese character takes about two),
    not as its longest entry, so a row of fields fits a narrow screen; the list it opens still
    shows every entry whole. Call it after the entries are added."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width())
