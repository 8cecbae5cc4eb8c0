"""The materials the situation answers call for, one checkbox per material the applicant brought.

Rows come from the core (``sheets.merged_materials``: a bundle's materials once, strictest
counts) and each row's status from ``sheets.tracked_status`` (or the ``status_of`` the dialog
sets: ``sheets.counter_status`` for its subject); this widget only shows them.
Materials shared as electronic licences (免提交) cannot be ticked: nobody brings them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from ui import palette
from ui.i18n import code_label
from window_assistant.sheets.build import tracked_status
from window_assistant.sheets.model import (
    BROUGHT,
    MISSING,
    NOT_TRACKED,
    OBTAINED,
    RONGQUE_LATER,
    SHARED,
    SheetMaterial,
)
from window_assistant.vocab import MaterialStatus, Necessity

NAME, NECESSITY, COUNTS, STATUS = range(4)
STATUS_COLOURS = {
    MISSING: palette.ERROR,
    RONGQUE_LATER: palette.WARNING,
    SHARED: palette.SHARED,
    OBTAINED: palette.SHARED,
    BROUGHT: palette.DONE,
}


class MaterialsList(QTreeWidget):
    """Checkable materials; ``broughtChanged`` after any tick, with the names ticked."""

    broughtChanged = Signal(set)  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.materials: list[SheetMaterial] = []
        self.status_of: Callable[[SheetMaterial, set[str]], MaterialStatus] = tracked_status
        self.setColumnCount(4)
        self.setHeaderLabels(
            [self.tr("材料名称"), self.tr("要求"), self.tr("份数"), self.tr("状态")]
        )
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (NECESSITY, COUNTS, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.itemChanged.connect(self._on_item_changed)
        self._updating = False

    # -- content ---------------------------------------------------------------------------
    def set_materials(self, materials: list[SheetMaterial], brought: set[str]) -> None:
        """Show ``materials``; those named in ``brought`` (and tickable) start ticked."""
        self._updating = True
        self.clear()
        self.materials = list(materials)
        for m in self.materials:
            row = QTreeWidgetItem(self)
            row.setText(NAME, m.name)
            row.setText(NECESSITY, code_label(m.necessity))
            row.setText(COUNTS, self._counts(m))
            tip = "\n".join(t for t in (m.spec, m.notes, "、".join(m.items)) if t)
            row.setToolTip(NAME, tip)
            if m.shareable:
                row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                row.setForeground(NAME, palette.MUTED)
            else:
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                ticked = m.name in brought
                row.setCheckState(
                    NAME, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
                )
            if m.necessity == Necessity.RONGQUE:
                row.setToolTip(NECESSITY, self.tr("可容缺受理:先受理,限期补交"))
        self._updating = False
        self._refresh_statuses()
        rows = self._rows()
        if rows and self.currentItem() is None:
            self.setCurrentItem(rows[0])

    def _rows(self) -> list[QTreeWidgetItem]:
        """The material rows, in the order of ``self.materials``."""
        items = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [row for row in items if row is not None]

    def _counts(self, m: SheetMaterial) -> str:
        parts = []
        if m.originals:
            parts.append(self.tr("原件{n}").format(n=m.originals))
        if m.copies:
            parts.append(self.tr("复印件{n}").format(n=m.copies))
        return " · ".join(parts) or code_label(m.form)

    # -- ticks -----------------------------------------------------------------------------
    def brought(self) -> set[str]:
        out = set()
        for row in self._rows():
            if row.flags() & Qt.ItemFlag.ItemIsUserCheckable and (
                row.checkState(NAME) == Qt.CheckState.Checked
            ):
                out.add(row.text(NAME))
        return out

    def set_all(self, ticked: bool) -> None:
        """全部已带 / 全部未带: every tickable material at once."""
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self._updating = True
        for row in self._rows():
            if row.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                row.setCheckState(NAME, state)
        self._updating = False
        self._on_item_changed()

    def set_brought(self, name: str, ticked: bool) -> None:
        for row in self._rows():
            if row.text(NAME) == name:
                if not row.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                    raise ValueError(f"{name} cannot be ticked")
                row.setCheckState(
                    NAME, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
                )
                return
        raise KeyError(name)

    def status_texts(self) -> dict[str, str]:
        return {row.text(NAME): row.text(STATUS) for row in self._rows()}

    def _on_item_changed(self, *_args) -> None:
        if self._updating:
            return
        self._refresh_statuses()
        self.broughtChanged.emit(self.brought())

    def _refresh_statuses(self) -> None:
        brought = self.brought()
        self._updating = True
        for row, m in zip(self._rows(), self.materials):
            status = self.status_of(m, brought)
            row.setText(STATUS, self.tr("—") if status == NOT_TRACKED else code_label(status))
            row.setForeground(STATUS, STATUS_COLOURS.get(status, palette.MUTED))
        self._updating = False
