"""The results side of the search: the table, or what to try when nothing was found.

An empty result shows a page instead of an empty table: what was searched, a clickable
「您要找的是不是「…」?」 when the core has a near word (``SearchIndex.suggest``), and what to try
(another wording, pinyin initials, the code, clearing the filters). The count beside the search
box has a fixed width, wide enough for the largest count, so typing never moves the search box.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.search.results_model import BROWSE_LIMIT

TABLE, EMPTY = range(2)


class CountLabel(QLabel):
    """「N 条」 in a fixed width: the widest count it can show, so the bar never reflows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultCount")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self._fit()

    def _fit(self) -> None:
        widest = self.count_text(BROWSE_LIMIT * 10)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance(widest) + 8)

    def count_text(self, n: int) -> str:
        return self.tr("{n} 条").format(n=n)

    def set_count(self, n: int) -> None:
        self.setText(self.count_text(n))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802  (a style sheet or font change)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()


class EmptyState(QWidget):
    """What the clerk sees when a search finds nothing."""

    suggestionChosen = Signal(str)  # noqa: N815  (Qt's naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # its border, as the guide
        self.suggested = ""
        self.title = QLabel(self)
        self.title.setObjectName("emptyTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion = QPushButton(self)
        self.suggestion.setObjectName("suggestion")
        self.suggestion.setFlat(True)
        self.suggestion.setCursor(Qt.CursorShape.PointingHandCursor)
        self.suggestion.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.suggestion.clicked.connect(lambda: self.suggestionChosen.emit(self.suggested))
        self.tips = QLabel(self)
        self.tips.setObjectName("emptyTips")
        self.tips.setWordWrap(True)
        self.tips.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 18, 16, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.suggestion, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tips)
        layout.addStretch(1)

    def show_for(self, query: str, suggestion: str | None, filtered: bool) -> None:
        self.title.setText(self.tr("没有找到与「{query}」相符的事项。").format(query=query))
        self.suggested = suggestion or ""
        self.suggestion.setText(
            self.tr("您要找的是不是「{word}」?(按 Enter 查找)").format(word=self.suggested)
        )
        self.suggestion.setVisible(bool(suggestion))
        tips = [
            self.tr("可以试试:"),
            self.tr("· 换个说法,说出要办的事,如「营业执照」「社保卡」「退休」「公积金提取」;"),
            self.tr("· 拼音首字母,如 yyzz(营业执照)、sbk(社保卡);"),
            self.tr("· 事项编码或编码的开头,如 0017。"),
        ]
        if filtered:
            tips.append(self.tr("· 已按部门或主题筛选:把筛选改回「全部」再找(Ctrl+D、Ctrl+T)。"))
        self.tips.setText("\n".join(tips))


class ResultsPane(QStackedWidget):
    """The results table, or the empty state in its place."""

    def __init__(self, table: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.empty = EmptyState(self)
        self.addWidget(table)
        self.addWidget(self.empty)

    def show_table(self) -> None:
        self.setCurrentIndex(TABLE)

    def show_empty(self, query: str, suggestion: str | None, filtered: bool) -> None:
        self.empty.show_for(query, suggestion, filtered)
        self.setCurrentIndex(EMPTY)

    def suggestion(self) -> str:
        """The suggestion on screen, or "" (none, or the table is shown)."""
        return self.empty.suggested if self.currentIndex() == EMPTY else ""
