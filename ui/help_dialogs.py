"""帮助 menu: the shortcut list (from the same table that binds the keys) and 关于.

Imported only when the clerk opens one of them: its Qt classes cost ~17 ms at start-up.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.shortcuts import SHORTCUTS


def _t(text: str) -> str:
    return QCoreApplication.translate("shortcuts", text)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键"))
        self.table = QTableWidget(len(SHORTCUTS), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("按键"), self.tr("作用")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for 关闭
        self.table.setAlternatingRowColors(True)
        for row, (_, shown, what) in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(_t(shown)))
            self.table.setItem(row, 1, QTableWidgetItem(_t(what)))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        # Row heights follow the wrapped text only once the columns have their final widths.
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def texts(self) -> list[tuple[str, str]]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1)) for r in range(self.table.rowCount())]


def show_about(parent: QWidget, centre: str) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("about", "关于窗口助手"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(
        QCoreApplication.translate(
            "about",
            "<h3>窗口助手 0.1</h3>"
            "<p>{centre}综合窗口的离线办事助手:事项一键查询、一次性告知、好差评与跨域通办台账。</p>"
            "<p>依据《优化营商环境55条》“同一事项、统一标准”“一次性告知”“无差别受理”等要求设计。</p>"
            "<p>全部数据保存在本机,不依赖互联网。</p>",
        ).format(centre=escape(centre))
    )
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.exec()
