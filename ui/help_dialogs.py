"""帮助 menu: the shortcut list (built from the same table that binds the keys) and 关于."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
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


def _t(text: str) -> str:
    return QCoreApplication.translate("shortcuts", text)


# (key as Qt reads it, key as the clerk reads it, what it does). The main window binds the first
# column and the help dialog shows the other two, so the list cannot drift from the bindings.
SHORTCUTS: list[tuple[str, str, str]] = [
    ("Ctrl+F", "Ctrl+F", QT_TRANSLATE_NOOP("shortcuts", "定位到搜索框并全选")),
    ("Esc", "Esc", QT_TRANSLATE_NOOP("shortcuts", "回到搜索框;在搜索框中按则清空搜索")),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "↓(在搜索框中)"),
        QT_TRANSLATE_NOOP("shortcuts", "进入结果列表"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "↑ / ↓(在结果列表中)"),
        QT_TRANSLATE_NOOP("shortcuts", "选择上一条 / 下一条,右侧办事指南随之切换"),
    ),
    ("", "Enter", QT_TRANSLATE_NOOP("shortcuts", "打开所选事项(记入本窗口常用,下次排在前面)")),
    ("Ctrl+D", "Ctrl+D", QT_TRANSLATE_NOOP("shortcuts", "选择部门筛选")),
    ("Ctrl+T", "Ctrl+T", QT_TRANSLATE_NOOP("shortcuts", "选择主题筛选")),
    ("Ctrl+1", "Ctrl+1", QT_TRANSLATE_NOOP("shortcuts", "选择第一个申请情形")),
    ("Ctrl+G", "Ctrl+G", QT_TRANSLATE_NOOP("shortcuts", "转到办事指南(可用方向键滚动)")),
    (
        "F2",
        "F2",
        QT_TRANSLATE_NOOP("shortcuts", "为所选事项或一件事登记办件(带入已选的申请情形)"),
    ),
    ("", "Ctrl+N", QT_TRANSLATE_NOOP("shortcuts", "同 F2:登记办件")),
    ("Ctrl+L", "Ctrl+L", QT_TRANSLATE_NOOP("shortcuts", "打开办件记录(可重新打印)")),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+1 / Ctrl+2 / Ctrl+3 / Ctrl+4(办件窗口中)"),
        QT_TRANSLATE_NOOP("shortcuts", "转到 申请情形 / 已带材料 / 申请人 / 告知书与办件结果"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "空格(材料列表中)"),
        QT_TRANSLATE_NOOP("shortcuts", "勾选或取消当前材料(已带)"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+A / Ctrl+Shift+A(办件窗口中)"),
        QT_TRANSLATE_NOOP("shortcuts", "材料全部已带 / 全部未带"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+Shift+P(办件窗口中)"),
        QT_TRANSLATE_NOOP("shortcuts", "预览告知书(不登记,编号显示为 ______)"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+P(办件窗口中)"),
        QT_TRANSLATE_NOOP("shortcuts", "登记并打开打印预览;在预览中再按 Ctrl+P 打印"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+S(办件窗口中)"),
        QT_TRANSLATE_NOOP("shortcuts", "登记并保存告知书(PDF 或 Word)"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+P / Ctrl+S(办件记录中)"),
        QT_TRANSLATE_NOOP("shortcuts", "重新打印 / 另存所选办件的告知书(与原件相同)"),
    ),
    ("Ctrl+Q", "Ctrl+Q", QT_TRANSLATE_NOOP("shortcuts", "退出")),
    ("F1", "F1", QT_TRANSLATE_NOOP("shortcuts", "显示本快捷键列表")),
]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键"))
        self.table = QTableWidget(len(SHORTCUTS), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("按键"), self.tr("作用")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        for row, (_, shown, what) in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(_t(shown)))
            self.table.setItem(row, 1, QTableWidgetItem(_t(what)))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def texts(self) -> list[tuple[str, str]]:
        return [
            (self.table.item(r, 0).text(), self.table.item(r, 1).text())
            for r in range(self.table.rowCount())
        ]


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
