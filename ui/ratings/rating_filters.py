"""The filters of 评价记录: dates, window, clerk, item, level, channel, comment or not. The bar
only gathers them into a ``RatingQuery``; the core narrows (``ratings.feed.query_ratings``) and
decides what a clerk may see, and the choices offered come from the ratings the user sees."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QWidget

from ui.i18n import code_label
from window_assistant.ratings.feed import RatingChoices, RatingQuery
from window_assistant.vocab import RatingChannel, RatingLevel
from window_assistant.workdays import EARLIEST_DATE, LATEST_DATE

DEFAULT_DAYS = 30  # the log opens on the last month: a supervisor's usual question


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_edit(value: date, parent: QWidget) -> QDateEdit:
    """A date field with a calendar, limited to the dates the core accepts."""
    edit = QDateEdit(qdate(value), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDateRange(qdate(EARLIEST_DATE), qdate(LATEST_DATE))
    return edit


class RatingFilterBar(QWidget):
    changed = Signal()

    def __init__(self, choices: RatingChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = date.today()
        self.from_edit = date_edit(today - timedelta(days=DEFAULT_DAYS), self)
        self.to_edit = date_edit(today, self)
        self.window_combo = self._combo(self.tr("全部窗口"), choices.windows)
        self.clerk_combo = self._combo(self.tr("全部人员"), choices.clerks)
        self.item_combo = self._combo(self.tr("全部事项"), choices.items)
        self.item_combo.setMaximumWidth(260)
        self.level_combo = self._combo(
            self.tr("全部评价"), [(level, code_label(level)) for level in RatingLevel]
        )
        self.channel_combo = self._combo(
            self.tr("全部渠道"), [(ch, code_label(ch)) for ch in RatingChannel]
        )
        self.comment_combo = self._combo(
            self.tr("有无意见"), [(True, self.tr("有文字意见")), (False, self.tr("无文字意见"))]
        )
        layout = QGridLayout(self)  # two rows of four: within a 1280-pixel screen in English too
        layout.setContentsMargins(0, 0, 0, 0)
        labels = (  # each filter reached by its Alt+letter (issue 13 §2)
            self.tr("从(&F)"),
            self.tr("至(&T)"),
            self.tr("窗口(&W)"),
            self.tr("人员(&C)"),
            self.tr("事项(&I)"),
            self.tr("评价(&L)"),
            self.tr("渠道(&N)"),
            self.tr("意见(&M)"),
        )
        fields = (self.from_edit, self.to_edit, *self.combos())
        for n, (text, widget) in enumerate(zip(labels, fields)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            layout.addWidget(label, n // 4, 2 * (n % 4))
            layout.addWidget(widget, n // 4, 2 * (n % 4) + 1)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self.changed)
        for combo in self.combos():
            combo.currentIndexChanged.connect(self.changed)
        layout.setColumnStretch(8, 1)

    def combos(self) -> list[QComboBox]:
        return [
            self.window_combo,
            self.clerk_combo,
            self.item_combo,
            self.level_combo,
            self.channel_combo,
            self.comment_combo,
        ]

    def _combo(self, everything: str, choices: list) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        for key, label in choices:
            combo.addItem(label, key)
        return combo

    def query(self) -> RatingQuery:
        return RatingQuery(
            date_from=self.from_edit.date().toPython(),  # type: ignore[arg-type]
            date_to=self.to_edit.date().toPython(),  # type: ignore[arg-type]
            window=self.window_combo.currentData(),
            clerk=self.clerk_combo.currentData(),
            item=self.item_combo.currentData(),
            # a str-valued code comes back from Qt as a plain str
            level=RatingLevel.of(level) if (level := self.level_combo.currentData()) else None,
            channel=RatingChannel.of(ch) if (ch := self.channel_combo.currentData()) else None,
            has_comment=self.comment_combo.currentData(),
        )
