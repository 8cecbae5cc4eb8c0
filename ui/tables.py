"""What the tables of the window share: a read-only table view, and a citizen's words shown where Qt
would read rich text. A table cell never interprets its text, but a tool tip (and a label in
auto format) renders ``<b>…</b><img …>`` as markup, so such text is escaped into a rich-text
document of its literal characters."""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
)

UNBOUNDED = 1 << 20


def plain_tip(text: str) -> str:
    """``text`` as a tool tip shows it literally (``<qt>`` marks it rich text, so the escapes
    are read as the characters they stand for); line breaks kept."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def read_only_table(model: QAbstractItemModel, parent: QWidget, stretch: int) -> QTableView:
    """Whole rows selected one at a time, never edited, left by Tab; columns fit their contents
    but ``stretch``, which takes the rest of the width."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab and Shift+Tab leave the table, never walk its cells
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def text_rect(view: QTableView | QTreeView, option: QStyleOptionViewItem) -> QRect:
    """Where a cell of ``option.rect`` draws its text: the style's text rectangle (after a check
    box or an icon, inside the style sheet's padding) less the margin Qt's item painter keeps
    on either side."""
    style = view.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return rect.adjusted(margin, 0, -margin, 0)


def wrapped_height(metrics: QFontMetrics, width: int, text: str) -> int:
    """How tall ``text`` is, wrapped at ``width`` (between any two Chinese characters)."""
    flags = Qt.TextFlag.TextWordWrap
    return metrics.boundingRect(QRect(0, 0, max(width, 1), UNBOUNDED), flags, text).height()


class WrappingDelegate(QStyledItemDelegate):
    """Cells whose text wraps at their column's width, the row as tall as its longest text.
    A tree view asks a row's height without the column's width (and Qt's own measure forgets
    the check box), so a wrapped name would be cut: this measures each cell as it is drawn."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self.minimum_height = 0  # rows at least this tall (a row's editor: a combo box)

    def sizeHint(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        if not self.view.wordWrap():
            return hint.expandedTo(QSize(0, self.minimum_height))
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.rect = QRect(0, 0, self.view.columnWidth(index.column()), hint.height())
        metrics = cell.fontMetrics
        wrapped = wrapped_height(metrics, text_rect(self.view, cell).width(), cell.text)
        unwrapped = wrapped_height(metrics, UNBOUNDED, cell.text)
        height = max(hint.height() - unwrapped + wrapped, hint.height(), self.minimum_height)
        return QSize(hint.width(), height)


class WrappedColumns(QObject):
    """A table's ``columns`` (an item's name, its department) wrap, and each row on the screen
    is as tall as its longest text there: no name is cut however narrow the screen. Only those
    columns of the rows in view are measured, again when the rows, the widths or the scroll
    position change, so a 1,000-row table costs what 30 rows do (Qt's ResizeToContents rows
    measure every cell of every row, several times a keystroke)."""

    def __init__(self, table: QTableView, columns: tuple[int, ...]) -> None:
        super().__init__(table)
        self.table, self.columns = table, columns
        self._known: dict[tuple[int, str], int] = {}  # (width, text) → height; names repeat
        self._fitting = False
        table.setWordWrap(True)
        table.horizontalHeader().sectionResized.connect(self._resized)
        table.verticalScrollBar().valueChanged.connect(lambda _value: self.fit())
        table.installEventFilter(self)  # its font
        table.viewport().installEventFilter(self)  # a taller table shows more rows
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(lambda *_args: self.fit())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._known.clear()  # measured in another font
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit()
        return False

    def _resized(self, column: int, _old: int, new: int) -> None:
        if column in self.columns:
            self.fit({column: new})  # the header tells the new width before the table knows it

    def text_width(self, column_width: int) -> int:
        option = QStyleOptionViewItem()
        option.initFrom(self.table)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        height = self.table.verticalHeader().defaultSectionSize()
        option.rect = QRect(0, 0, column_width, height)
        return text_rect(self.table, option).width()

    def fit(self, resized: dict[int, int] | None = None) -> None:
        """The heights of the rows in view for their texts at the columns' widths (``resized``:
        a column's new width, which the table does not know yet)."""
        if self._fitting:  # a row grown moves the scroll bar: those rows are being fitted
            return
        table, model = self.table, self.table.model()
        rows = table.verticalHeader()
        base = max(rows.defaultSectionSize(), 1)
        first = max(rows.logicalIndexAt(0), 0)
        last = min(model.rowCount(), first + table.viewport().height() // base + 2)
        metrics = table.fontMetrics()
        line = metrics.height()
        padding = max(base - line, 4)  # around the text: a line taller than a row grows it too
        widths = {
            c: self.text_width((resized or {}).get(c) or table.columnWidth(c)) for c in self.columns
        }
        if len(self._known) > 10_000:
            self._known.clear()

        def height_of(width: int, text: str) -> int:
            if (width, text) not in self._known:
                one_line = metrics.horizontalAdvance(text) <= width  # most: quick to tell
                height = line if one_line else wrapped_height(metrics, width, text)
                self._known[width, text] = height
            return self._known[width, text]

        self._fitting = True
        try:
            for row in range(first, last):
                tallest = max(
                    height_of(width, model.index(row, c).data() or "")
                    for c, width in widths.items()
                )
                height = max(base, padding + tallest)
                if rows.sectionSize(row) != height:
                    table.setRowHeight(row, height)
        finally:
            self._fitting = False
