"""The results table: a Qt model over ``SearchIndex.search``.

The index does the ranking and filtering; this model only shows the hits it returns, one row
each, and is reset whole on every keystroke (the list is short and the index is in memory).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from ui.i18n import code_label
from window_assistant.catalog.search import SearchHit, SearchIndex
from window_assistant.vocab import Scope, SubjectKind

NAME, DEPARTMENT, CODE, TAGS = range(4)
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
BROWSE_LIMIT = 500  # the empty query lists the whole (small) catalog
QUERY_LIMIT = 100

_Index = QModelIndex | QPersistentModelIndex


def hit_tags(hit: SearchHit) -> list[str]:
    tags = []
    if hit.kind == SubjectKind.BUNDLE:
        tags.append(QT_TRANSLATE_NOOP("SearchResultsModel", "一件事"))
    if hit.high_frequency:
        tags.append(QT_TRANSLATE_NOOP("SearchResultsModel", "高频"))
    if hit.kind == SubjectKind.ITEM and not hit.comprehensive:
        # Not received at the comprehensive window: the clerk sends the applicant on.
        tags.append(QT_TRANSLATE_NOOP("SearchResultsModel", "专窗办理"))
    if hit.scope != Scope.NONE:
        tags.append(QT_TRANSLATE_NOOP("SearchResultsModel", "跨域通办"))
    return tags


class SearchResultsModel(QAbstractTableModel):
    """Rows are ``SearchHit``s; ``set_query`` runs the search and resets the model."""

    def __init__(
        self,
        index: Callable[[], SearchIndex],
        recent: Callable[[], Sequence[tuple[str, str]]] = list,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        # Callables, so the model always asks the current index (it is rebuilt after an import)
        # and the current recent-use list (it changes each time the clerk opens an item).
        self._index = index
        self._recent = recent
        self._hits: list[SearchHit] = []
        self.query = ""
        self.department: str | None = None
        self.theme: str | None = None
        self._headers = [self.tr("名称"), self.tr("部门"), self.tr("编码"), self.tr("标签")]

    # -- searching -------------------------------------------------------------------------
    def set_query(
        self, query: str, department: str | None = None, theme: str | None = None
    ) -> None:
        self.query, self.department, self.theme = query, department or None, theme or None
        self.refresh()

    def refresh(self) -> None:
        query = self.query.strip()
        hits = self._index().search(
            query,
            limit=QUERY_LIMIT if query else BROWSE_LIMIT,
            recent=list(self._recent()),
            department=self.department,
            theme=self.theme,
        )
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def row_of(self, kind: str, code: str) -> int:
        for row, hit in enumerate(self._hits):
            if hit.kind == kind and hit.code == code:
                return row
        return -1

    # -- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._hits)):
            return None
        hit = self._hits[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return hit.name
            if column == DEPARTMENT:
                return hit.department
            if column == CODE:
                return hit.code
            if column == TAGS:
                return " ".join(self.tr(t) for t in hit_tags(hit))
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return f"{code_label(hit.kind)}:{hit.name}\n{hit.department}  {hit.code}"
        if role == Qt.ItemDataRole.ForegroundRole and column == TAGS:
            return QColor("#9a4a00") if hit.kind == "bundle" else QColor("#2f6b9a")
        if role == HIT_ROLE:
            return hit
        return None
