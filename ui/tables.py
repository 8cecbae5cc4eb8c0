"""What the tables of the window share: a read-only table view, and a citizen's words shown where Qt
would read rich text. A table cell never interprets its text, but a tool tip (and a label in
auto format) renders ``<b>…</b><img …>`` as markup, so such text is escaped into a rich-text
document of its literal characters."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


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
