"""评价记录: the ratings recorded so far, newest first, narrowed by the filter bar; a clerk sees
their own cases' ratings, a supervisor every window's (``ratings.feed.query_ratings``, which also
does the filtering). Read-only by design: no rating can be created
or changed by anyone at the window, so this view has no editable cell and no add button. Numbers
typed in comments arrive masked from the core. 差评 rows are marked by the palette's colour.

A comment is the citizen's text and is shown as text: a table cell never interprets it, but a
tool tip would render ``<b>…</b><img …>`` as rich text, so tips are escaped (``plain_tip``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.common import hint_label
from ui.i18n import code_label
from ui.ratings.rating_filters import RatingFilterBar
from ui.table_model import Index, ListTableModel
from ui.tables import plain_tip, read_only_table
from window_assistant.accounts import User
from window_assistant.errors import UserError
from window_assistant.ratings.feed import SHOWN, query_ratings, rating_choices, visible_clerk
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
            text = self._text(rating, index.column())
            return plain_tip(text) if text else None
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

    def __init__(self, services: Services, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingsDialog")
        self.services = services
        self.user = user
        self.setWindowTitle(self.tr("评价记录"))
        scope = (
            self.tr("全部窗口的评价,最新的在前。")
            if visible_clerk(user) is None
            else self.tr("您经办的办件的评价,最新的在前。")
        )
        self.filters = RatingFilterBar(rating_choices(services, user), self)
        self.filters.changed.connect(self.refresh)
        self.model = RatingsModel(self)
        self.table = read_only_table(self.model, self, COMMENT)
        self.table.setObjectName("ratings")
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
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()
        self.resize(1280, 560)

    def refresh(self) -> None:
        try:
            ratings = query_ratings(self.services, self.user, self.filters.query())
        except UserError as exc:  # dates the wrong way round: say so, keep the rows shown
            self.count_label.setText(str(exc))
            return
        self.model.set_rows(ratings)
        bad = sum(r.bad for r in ratings)
        text = self.tr("共 {n} 条,其中差评 {bad} 条").format(n=len(ratings), bad=bad)
        if len(ratings) >= SHOWN:
            text += self.tr("(只显示最新的 {n} 条)").format(n=SHOWN)
        self.count_label.setText(text)
