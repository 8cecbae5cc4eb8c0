"""The catalog's import history: every version with its source and counts, and what changed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.table_model import Index, ListTableModel
from window_assistant.catalog.repository import CatalogVersion


class VersionsModel(ListTableModel):
    """版本, 导入时间, 来源, 操作人, 事项, 新增, 删除, 修改 — newest first."""

    def __init__(self, versions: list[CatalogVersion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = versions

    def headers(self) -> list[str]:
        return [
            self.tr("版本"),
            self.tr("导入时间"),
            self.tr("来源"),
            self.tr("操作人"),
            self.tr("事项数"),
            self.tr("新增"),
            self.tr("删除"),
            self.tr("修改"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        v = self.row_at(index)
        if v is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            s = v.summary
            return [
                str(v.id),
                v.imported_at.replace("T", " "),
                v.source,
                self.tr("系统") if v.actor == "system" else v.actor,
                str(s.get("items", 0)),
                str(s.get("items_added", 0)),
                str(s.get("items_removed", 0)),
                str(s.get("items_changed", 0)),
            ][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return v.source
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 4, 5, 6, 7):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return v
        return None


class VersionsDialog(QDialog):
    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("目录版本"))
        self.model = VersionsModel(services.catalog.versions(), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the versions' lines
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(64)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.lines = QListWidget(self)
        self.lines.setWordWrap(True)
        self.lines.setAlternatingRowColors(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.lines)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(buttons)
        self.table.selectionModel().currentRowChanged.connect(self._show)
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.lines.addItem(self.tr("还没有导入过事项目录。"))
        self.resize(820, 520)

    def _show(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        self.lines.clear()
        version = self.model.data(current, Qt.ItemDataRole.UserRole)
        if version is None:
            return
        for line in version.diff.lines():
            item = QListWidgetItem(line)
            item.setToolTip(line)
            self.lines.addItem(item)
