"""The materials the situation answers call for, one checkbox per material the applicant brought.

Rows come from the core (``sheets.merged_materials``: a bundle's materials once, strictest
counts) and each row's status from ``sheets.tracked_status`` (or the ``status_of`` the dialog
sets: ``sheets.counter_status`` for its subject); this widget only shows them.
Materials shared as electronic licences (免提交) cannot be ticked: nobody brings them.
Each row has its 补正意见 for the 一次性补正告知书: a reason (``vocab.CorrectionOpinion``: 未签字,
复印件不清 … for one brought; 缺 goes without saying for one not brought) and the clerk's words;
the core checks them (``sheets.build.check_opinions``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.i18n import code_label
from ui.screen_fit import compact_combo
from ui.tables import WrappingDelegate
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
from window_assistant.vocab import CorrectionOpinion, MaterialStatus, Necessity

NAME, NECESSITY, COUNTS, STATUS, OPINION, OPINION_TEXT = range(6)
COMPACT = (NECESSITY, COUNTS, STATUS)
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
    opinionsChanged = Signal(dict)  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.materials: list[SheetMaterial] = []
        self.status_of: Callable[[SheetMaterial, set[str]], MaterialStatus] = tracked_status
        self.setColumnCount(6)
        self.setHeaderLabels(
            [
                self.tr("材料名称"),
                self.tr("要求"),
                self.tr("份数"),
                self.tr("状态"),
                self.tr("补正意见"),
                self.tr("补正说明"),
            ]
        )
        self._opinion_boxes: dict[str, tuple[QComboBox, QLineEdit]] = {}
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        # A long name (研究开发费用和高新技术产品收入专项审计报告) wraps and its row grows: the
        # name column takes what the compact columns leave, and no name is ever cut.
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        delegate = WrappingDelegate(self)
        delegate.minimum_height = QComboBox().sizeHint().height()  # rows alike, combo or not
        self.setItemDelegate(delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in COMPACT:  # as wide as their texts, up to 容缺后补: longer ones wrap
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        for column in (OPINION, OPINION_TEXT):  # their fields are compact
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The rows' heights follow the name column's width (a wider dialog: fewer lines).
        header.sectionResized.connect(self._name_resized)
        self.itemChanged.connect(self._on_item_changed)
        self._updating = False

    # -- content ---------------------------------------------------------------------------
    def set_materials(self, materials: list[SheetMaterial], brought: set[str]) -> None:
        """Show ``materials``; those named in ``brought`` (and tickable) start ticked."""
        self._updating = True
        kept = self.opinions()
        self.clear()
        self._opinion_boxes = {}
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
            if not m.shareable:
                self._add_opinion(row, m.name, kept.get(m.name))
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
        return "\n".join(parts) or code_label(m.form)  # one count a line: a narrow column

    def _name_resized(self, column: int, _old: int, _new: int) -> None:
        if column == NAME:
            self.scheduleDelayedItemsLayout()  # the rows' heights, for the new width

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

    # -- 补正意见 -----------------------------------------------------------------------------
    def _add_opinion(
        self, row: QTreeWidgetItem, name: str, kept: tuple[str | None, str] | None
    ) -> None:
        combo = QComboBox()
        combo.addItem(self.tr("—"), "")
        for opinion in CorrectionOpinion:
            if opinion != CorrectionOpinion.MISSING:  # 缺: what an unticked row already says
                combo.addItem(code_label(opinion), opinion.value)
        combo.setToolTip(self.tr("已带来但需要补正时选择原因;未带的材料按「缺」告知"))
        compact_combo(combo, 5)  # as wide as 复印件不清, not as 不符合法定形式
        text = QLineEdit()
        text.setPlaceholderText(self.tr("可选"))  # under 补正说明: the column's own header
        text.setMaxLength(100)
        text.setMaximumWidth(text.fontMetrics().horizontalAdvance("补正说明") + 16)
        if kept:
            combo.setCurrentIndex(max(combo.findData(kept[0] or ""), 0))
            text.setText(kept[1])
        combo.currentIndexChanged.connect(self._on_opinion_changed)
        text.textChanged.connect(self._on_opinion_changed)
        self.setItemWidget(row, OPINION, _centred(combo))
        self.setItemWidget(row, OPINION_TEXT, _centred(text))
        self._opinion_boxes[name] = (combo, text)

    def opinions(self) -> dict[str, tuple[str | None, str]]:
        """The 补正意见 entered: material name → (CorrectionOpinion code or None, words)."""
        out: dict[str, tuple[str | None, str]] = {}
        for name, (combo, text) in self._opinion_boxes.items():
            code, words = combo.currentData() or None, text.text().strip()
            if code or words:
                out[name] = (code, words)
        return out

    def set_opinion(self, name: str, code: str | None, words: str = "") -> None:
        combo, text = self._opinion_boxes[name]
        combo.setCurrentIndex(max(combo.findData(code or ""), 0))
        text.setText(words)

    def _on_opinion_changed(self, *_args) -> None:
        if not self._updating:
            self.opinionsChanged.emit(self.opinions())

    def _refresh_opinion_states(self, brought: set[str]) -> None:
        """A reason fits only a material brought; one not brought may only get words."""
        for name, (combo, _text) in self._opinion_boxes.items():
            combo.setEnabled(name in brought)
            if name not in brought and combo.currentIndex() > 0:
                combo.setCurrentIndex(0)

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
        self._refresh_opinion_states(brought)
        self._updating = False
        self._fit_compact_columns()

    def _fit_compact_columns(self) -> None:
        """要求, 份数 and 状态 as wide as their texts and headers, but no wider than 容缺后补
        (or their header): a longer text (an English status) wraps, the name keeps the width."""
        most = self.fontMetrics().horizontalAdvance("容缺后补") + 24
        header = self.header()
        for column in COMPACT:
            title = header.sectionSizeHint(column)
            self.setColumnWidth(column, max(min(self.sizeHintForColumn(column), most), title))


def _centred(field: QWidget) -> QWidget:
    """``field`` at its own height in the middle of its cell, however tall a wrapped name
    makes the row."""
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 0, Qt.AlignmentFlag.AlignVCenter)
    return cell
