"""Editing a set of rating reason tags (好评 or 差评): add, remove, move up and down.

It only collects: whether a tag is too long, repeated or in both sets is the core's to say
(``TagsSetting`` and ``Settings.change``); the settings dialog shows that verdict under the list
while the supervisor edits and saves the whole set in one change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from window_assistant.settings import MAX_TAG


class TagListEditor(QObject):
    """A list of tags with a field to type a new one; ``changed`` whenever the set changes.
    ``box`` is its layout (its widgets belong to ``parent``)."""

    changed = Signal()

    def __init__(self, name: str, tags: tuple[str, ...], parent: QWidget) -> None:
        super().__init__(parent)
        self.list = QListWidget(parent)
        self.list.setObjectName(name)
        self.list.addItems(list(tags))
        self.list.setMaximumHeight(120)
        self.new_edit = QLineEdit(parent)
        self.new_edit.setPlaceholderText(self.tr("新标签,最多 {n} 个字").format(n=MAX_TAG))
        self.add_button = QPushButton(self.tr("添加"), parent)
        self.remove_button = QPushButton(self.tr("删除"), parent)
        self.up_button = QPushButton(self.tr("上移"), parent)
        self.down_button = QPushButton(self.tr("下移"), parent)
        self.add_button.clicked.connect(self.add)
        self.new_edit.returnPressed.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.new_edit.textChanged.connect(self._enable)
        self.list.currentRowChanged.connect(self._enable)

        adding = QHBoxLayout()
        adding.addWidget(self.new_edit, 1)
        adding.addWidget(self.add_button)
        moving = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            moving.addWidget(button)
        moving.addStretch(1)
        listing = QHBoxLayout()
        listing.addWidget(self.list, 1)
        listing.addLayout(moving)
        self.box = QVBoxLayout()
        self.box.setSpacing(4)
        self.box.addLayout(listing)
        self.box.addLayout(adding)
        self._enabled = True
        self._enable()

    def tags(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add(self) -> None:
        """Add the typed tag as it is (the core checks it) and select it."""
        text = self.new_edit.text().strip()
        if not text or not self._enabled:
            return
        self.list.addItem(text)
        self.list.setCurrentRow(self.list.count() - 1)
        self.new_edit.clear()
        self.changed.emit()

    def remove(self) -> None:
        row = self.list.currentRow()
        if row < 0 or not self._enabled:
            return
        self.list.takeItem(row)
        self.changed.emit()

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.list.count() or not self._enabled:
            return
        self.list.insertItem(to, self.list.takeItem(row))
        self.list.setCurrentRow(to)
        self.changed.emit()

    def set_enabled(self, enabled: bool) -> None:
        """Greyed out for an account that may not change the tags (they still read them)."""
        self._enabled = enabled
        self.list.setEnabled(enabled)
        self.new_edit.setEnabled(enabled)
        self._enable()

    def _enable(self, *_args: object) -> None:
        row = self.list.currentRow()
        self.add_button.setEnabled(self._enabled and bool(self.new_edit.text().strip()))
        self.remove_button.setEnabled(self._enabled and row >= 0)
        self.up_button.setEnabled(self._enabled and row > 0)
        self.down_button.setEnabled(self._enabled and 0 <= row < self.list.count() - 1)
