"""评价记录: the ratings recorded so far, newest first; a clerk sees their window's, a supervisor
every window's (``ratings.feed.visible_ratings``). Read-only by design: no rating can be created
or changed by anyone at the window, so this view has no editable cell and no add button. Numbers
typed in comments arrive masked from the core. 差评 rows are marked by the palette's colour.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.common import hint_label
from ui.i18n import code_label
from ui.table_model import Index, ListTableModel
from window_assistant.accounts import User
from window_assistant.ratings.feed import SHOWN, visible_ratings, visible_window
from window_assistant.ratings.log import Rating
from window_assistant.services import Services

TIME, SERIAL, ITEM, WINDOW, CLERK, LEVEL, CHANNEL, TAGS, COMMENT = range(9)


class RatingsModel(ListTableModel):
    """One ``Rating`` per line, as the core listed it."""

    def headers(self) -> list[str]:
        return [
            self.tr("时间"),
            self.tr("办件编号"),
            self.tr("事项"),
            self.tr("窗口"),
            self.tr("经办人"),
            self.tr("评价"),
            self.tr("渠道"),
            self.tr("标签"),
            self.tr("意见"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rating: Rating | None = self.row_at(index)
        if rating is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return palette.BAD_RATING if rating.bad else None
        if role == Qt.ItemDataRole.FontRole and rating.bad and index.column() == LEVEL:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (ITEM, TAGS, COMMENT):
            return self._text(rating, index.column()) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        text = self._text(rating, index.column())
        return text.replace("\n", " ") if index.column() == COMMENT else text

    def _text(self, rating: Rating, column: int) -> str:
        return (
            rating.at.replace("T", " ")[:16],
            rating.case_serial,
            rating.item_name,
            rating.window_name,
            rating.clerk_name,
            code_label(rating.level),
            code_label(rating.channel),
            "、".join(rating.tags),
            rating.comment,
        )[column]

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RatingsDialog(QDialog):
    """Kept open beside the main window; ``refresh`` when a rating arrives."""

    def __init__(
        self, services: Services, user: User, window_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ratingsDialog")
        self.services = services
        self.user = user
        self.window_id = window_id
        self.setWindowTitle(self.tr("评价记录"))
        scope = (
            self.tr("全部窗口的评价,最新的在前。")
            if visible_window(user, window_id) is None
            else self.tr("本窗口的评价,最新的在前。")
        )
        self.model = RatingsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("ratings")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COMMENT, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel(self)
        close_button = QPushButton(self.tr("关闭"), self)
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(scope + self.tr("评价由群众提交,任何人都不能添加或修改。"), self)
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()
        self.resize(1200, 520)

    def refresh(self) -> None:
        ratings = visible_ratings(self.services, self.user, self.window_id)
        self.model.set_rows(ratings)
        bad = sum(r.bad for r in ratings)
        text = self.tr("共 {n} 条,其中差评 {bad} 条").format(n=len(ratings), bad=bad)
        if len(ratings) >= SHOWN:
            text += self.tr("(只显示最新的 {n} 条)").format(n=SHOWN)
        self.count_label.setText(text)
