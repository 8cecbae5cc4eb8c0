"""The results table: a Qt model over ``SearchIndex.search``.

The index does the ranking and filtering; this model only shows the hits it returns, one row
each, and is reset whole on every keystroke (the list is short and the index is in memory).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from ui import palette
from ui.i18n import QT_TRANSLATE_NOOP, code_label
from ui.table_model import Index, ListTableModel
from window_assistant.catalog.search import SearchHit, SearchIndex
from window_assistant.vocab import Scope, SubjectKind

NAME, DEPARTMENT, CODE, TAGS = range(4)
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
BROWSE_LIMIT = 500  # the empty query lists the whole (small) catalog
QUERY_LIMIT = 100


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


class SearchResultsModel(ListTableModel):
    """Rows are ``SearchHit``s; ``set_query`` runs the search and resets the model."""

    def __init__(
        self,
        index: Callable[[], SearchIndex],
        recent: Callable[[], Sequence[tuple[str, str]]] = list,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # Callables, so the model always asks the current index (it is rebuilt after an import)
        # and the current recent-use list (it changes each time the clerk opens an item).
        self._index = index
        self._recent = recent
        self.query = ""
        self.department: str | None = None
        self.theme: str | None = None
        # Translated once: the view asks for the column count on every repaint.
        self._headers = [self.tr("名称"), self.tr("部门"), self.tr("编码"), self.tr("标签")]

    def headers(self) -> list[str]:
        return self._headers

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
        self.set_rows(hits)

    def hit(self, row: int) -> SearchHit | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def hits(self) -> list[SearchHit]:
        return list(self.rows)

    # -- the table -------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit: SearchHit | None = self.row_at(index)
        if hit is None:
            return None
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
            return palette.BUNDLE_TAG if hit.kind == "bundle" else palette.ITEM_TAG
        if role == HIT_ROLE:
            return hit
        return None
