"""办件台账: every case with where it stands (``lifecycle.ledger``), filtered by registration date,
paper kind, state, direction, partner region, item, clerk and overdue, and found by applicant,
ID number (typed in full; shown masked) or serial, all through one ``LedgerFilter``. Overdue
rows take the palette's colour. Enter opens a case's detail (its timeline, papers and the steps
allowed now, ``CaseDetailDialog``); Ctrl+P reprints the selected case's sheet from its stored
snapshot (the same sheet, even after the catalog changed), Ctrl+S saves it again as PDF or Word.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.cases.case_detail import CaseDetailDialog, open_reprint, save_papers_saying
from ui.cases.case_result import INVITE_KEY, ask_sheet_path, file_stem
from ui.cases.ledger_models import SUBJECT, LedgerModel
from ui.common import ErrorLabel, error_text, role_label
from ui.i18n import code_label
from ui.screen_fit import compact_combo, fit_to_screen
from ui.tables import WrappedColumns, read_only_table
from window_assistant.accounts import User
from window_assistant.cases.lifecycle import LedgerFilter, LedgerRow, ledger
from window_assistant.cases.registration import CaseService
from window_assistant.crossregion.service import partner_regions
from window_assistant.errors import UserError
from window_assistant.services import Services
from window_assistant.sheets.model import Sheet
from window_assistant.vocab import CaseFlow, CaseState, SheetKind
from window_assistant.workdays import EARLIEST_DATE, LATEST_DATE

LIMIT = 1000
RESIZE_ROWS = 40
DEFAULT_DAYS = 30
OPEN, CROSS = "open", "cross"  # the state and direction combos' groups beside the codes


class CasesDialog(QDialog):
    inviteRequested = Signal(str)  # noqa: N815 - 邀请评价 of the selected case's serial
    changed = Signal()  # a step was recorded in a case's detail

    def __init__(
        self,
        services: Services,
        user: User,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        """``today`` (the computer's date unless given: a test's or a benchmark's) sets the
        default dates and what counts as overdue."""
        super().__init__(parent)
        self.setObjectName("caseLedger")
        self.fixed_today = today
        self.services = services
        self.user = user
        self.cases = CaseService(services)
        self.preview_dialog: QPrintPreviewDialog | None = None
        self.detail_dialog: CaseDetailDialog | None = None
        self.today = today or date.today()
        self.setWindowTitle(self.tr("办件台账"))

        day = _qdate(self.today)
        self.dates_check = QCheckBox(self.tr("登记日期(&R)"), self)
        self.dates_check.setChecked(True)
        self.from_edit = self._date_edit(day.addDays(-DEFAULT_DAYS))
        self.to_edit = self._date_edit(day)
        self.kind_combo = self._combo(
            self.tr("全部文书"), [(code_label(k), k.value) for k in SheetKind]
        )
        self.state_combo = self._combo(
            self.tr("全部状态"),
            [(self.tr("未办结"), OPEN), *((code_label(s), s.value) for s in CaseState)],
        )
        self.flow_combo = self._combo(
            self.tr("全部方向"),
            [
                (self.tr("跨域通办(寄出和转来)"), CROSS),
                *((code_label(f), f.value) for f in CaseFlow),
            ],
        )
        self.region_combo = self._combo(
            self.tr("全部地区"), [(r, r) for r in partner_regions(services)]
        )
        catalog = services.catalog.load()
        subjects = [(f"{i.name}({i.code})", i.code) for i in catalog.items]
        subjects += [(f"{b.name}({b.code})", b.code) for b in catalog.bundles]
        self.item_combo = self._combo(self.tr("全部事项"), subjects, letters=16)
        self.clerk_combo = self._combo(
            self.tr("全部人员"),
            [(f"{u.name}({u.login})", u.login) for u in services.accounts.users()],
        )
        self.overdue_check = QCheckBox(self.tr("只看超期(&O)"), self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("ledgerSearch")
        self.search_edit.setPlaceholderText(self.tr("查找:申请人、完整证件号码或编号(Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)

        filters = QGridLayout()
        first: list[tuple[QWidget, QWidget]] = [
            (self.dates_check, self.from_edit),
            (self._label(self.tr("至(&T)"), self.to_edit), self.to_edit),
            (self._label(self.tr("文书(&P)"), self.kind_combo), self.kind_combo),
            (self._label(self.tr("状态(&S)"), self.state_combo), self.state_combo),
            (self._label(self.tr("方向(&D)"), self.flow_combo), self.flow_combo),
        ]
        second: list[tuple[QWidget, QWidget]] = [
            (self._label(self.tr("地区(&G)"), self.region_combo), self.region_combo),
            (self._label(self.tr("事项(&I)"), self.item_combo), self.item_combo),
            (self._label(self.tr("人员(&A)"), self.clerk_combo), self.clerk_combo),
        ]
        for row, pairs in enumerate((first, second)):
            for n, (label, widget) in enumerate(pairs):
                filters.addWidget(label, row, 2 * n)
                filters.addWidget(widget, row, 2 * n + 1)
        filters.addWidget(self.overdue_check, 1, 6)
        filters.addWidget(self.search_edit, 1, 7, 1, 3)
        filters.setColumnStretch(9, 1)

        self.model = LedgerModel(self)
        self.table = self._table()
        self.count_label = QLabel(self)
        self.error = ErrorLabel(self)
        self.saved_label = role_label("ok", parent=self)

        self.detail_button = QPushButton(self.tr("详情 Enter"), self)
        self.reprint_button = QPushButton(self.tr("重新打印 Ctrl+P"), self)
        self.save_button = QPushButton(self.tr("另存为 Ctrl+S"), self)
        self.invite_button = QPushButton(self.tr("邀请评价 F4"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.detail_button.clicked.connect(lambda: self.open_detail())
        self.invite_button.clicked.connect(self.invite_selected)
        self.reprint_button.clicked.connect(self.reprint)
        self.save_button.clicked.connect(lambda: self.save_reprint())
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addWidget(self.saved_label, 1)
        for button in (
            self.detail_button,
            self.invite_button,
            self.reprint_button,
            self.save_button,
            self.close_button,
        ):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        for key, handler in (
            ("Ctrl+P", self.reprint),
            ("Ctrl+S", lambda: self.save_reprint()),
            ("Ctrl+F", self._find),
            (INVITE_KEY, self.invite_selected),
        ):
            QShortcut(QKeySequence(key), self).activated.connect(handler)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.refresh())
        for combo in (
            self.kind_combo,
            self.state_combo,
            self.flow_combo,
            self.region_combo,
            self.item_combo,
            self.clerk_combo,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.dates_check.toggled.connect(self._dates_toggled)
        self.overdue_check.toggled.connect(self._overdue_toggled)
        self.search_edit.textChanged.connect(lambda _t: self.refresh())
        self.search_edit.returnPressed.connect(self.table.setFocus)
        self.refresh()
        fit_to_screen(self, 1320, 700)
        self.table.setFocus()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        """A filter's name whose Alt+letter (the "&" in ``text``) takes the keyboard to it."""
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _combo(
        self, everything: str, options: list[tuple[str, Any]], letters: int = 9
    ) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        for label, data in options:
            combo.addItem(label, data)
        compact_combo(combo, letters)  # the filters fit a 1280-pixel screen
        return combo

    def _date_edit(self, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        # The dates the core accepts from a user (Qt's own range runs to 9999-12-31).
        edit.setDateRange(_qdate(EARLIEST_DATE), _qdate(LATEST_DATE))
        return edit

    def _table(self) -> QTableView:
        table = read_only_table(self.model, self, SUBJECT)
        table.setObjectName("caseLedgerTable")
        # Columns fit what the first rows hold (times, serials, masked numbers are all alike),
        # not every one of a thousand rows: opening and filtering stay quick.
        table.horizontalHeader().setResizeContentsPrecision(RESIZE_ROWS)
        table.activated.connect(lambda _index: self.open_detail())
        self.wrapped_names = WrappedColumns(table, (SUBJECT,))  # the item's whole name
        return table

    def _dates_toggled(self, on: bool) -> None:
        self.from_edit.setEnabled(on)
        self.to_edit.setEnabled(on)
        self.refresh()

    def _overdue_toggled(self, on: bool) -> None:
        """只看超期 looks at every date: a case registered before the range may be late now."""
        if on and self.dates_check.isChecked():
            self.dates_check.blockSignals(True)  # one refresh, not two
            self.dates_check.setChecked(False)
            self.dates_check.blockSignals(False)
            self.from_edit.setEnabled(False)
            self.to_edit.setEnabled(False)
        self.refresh()

    def _find(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # -- listing ---------------------------------------------------------------------------
    def filters(self) -> LedgerFilter:
        """What the filter row says, as the core's ledger filter."""
        state, flow = self.state_combo.currentData(), self.flow_combo.currentData()
        kind = self.kind_combo.currentData()
        dated = self.dates_check.isChecked()
        return LedgerFilter(
            date_from=_py_date(self.from_edit.date()) if dated else None,
            date_to=_py_date(self.to_edit.date()) if dated else None,
            kind=SheetKind.of(kind) if kind else None,
            state=CaseState.of(state) if state and state != OPEN else None,
            open_only=state == OPEN,
            flow=CaseFlow.of(flow) if flow and flow != CROSS else None,
            crossregion=flow == CROSS,
            region=self.region_combo.currentData() or "",
            item_code=self.item_combo.currentData() or "",
            clerk_login=self.clerk_combo.currentData() or "",
            overdue_on=self.today if self.overdue_check.isChecked() else None,
            text=self.search_edit.text(),
        )

    def refresh(self, keep: str | None = None) -> None:
        """Read the ledger again, keeping the selection on ``keep`` (a serial) when listed."""
        self.today = self.fixed_today or date.today()
        if keep is None and (shown := self.selected()) is not None:
            keep = shown.serial
        try:
            rows = ledger(self.services, self.filters(), on=self.today, limit=LIMIT)
        except UserError as exc:
            self.error.show_message(error_text(exc))
            return
        self.error.show_message(None)
        self.model.set_rows(rows)
        self._count()
        serials = [r.serial for r in rows]
        if rows:
            self.table.selectRow(serials.index(keep) if keep in serials else 0)

    def _count(self) -> None:
        rows: list[LedgerRow] = self.model.rows
        late = sum(r.overdue for r in rows)
        text = self.tr("共 {n} 件,其中超期 {late} 件").format(n=len(rows), late=late)
        if len(rows) >= LIMIT:
            text += self.tr("(只显示前 {n} 件,请缩小范围)").format(n=LIMIT)
        self.count_label.setText(text)

    def selected(self) -> LedgerRow | None:
        return self.model.row_at(self.table.currentIndex())

    def _selected_or_say(self) -> LedgerRow | None:
        row = self.selected()
        if row is None:
            self.error.show_message(self.tr("请先在列表中选择一件办件。"))
        return row

    # -- a case's detail -------------------------------------------------------------------
    def open_detail(self, serial: str | None = None) -> CaseDetailDialog | None:
        """The detail of ``serial`` (the selected case): its timeline, papers and steps."""
        if serial is None:
            row = self._selected_or_say()
            if row is None:
                return None
            serial = row.serial
        try:
            dialog = CaseDetailDialog(self.services, self.user, serial, self)
        except UserError as exc:
            self.error.show_message(error_text(exc))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(lambda: self._step_recorded(serial))
        dialog.finished.connect(lambda _r: self._detail_closed())
        self.detail_dialog = dialog
        dialog.open()
        return dialog

    def _step_recorded(self, serial: str) -> None:
        self.refresh(serial)
        self.changed.emit()

    def _detail_closed(self) -> None:
        self.detail_dialog = None
        self.table.setFocus()

    # -- 邀请评价 (the main window invites; the counter's pad shows the case) ------------------
    def invite_selected(self) -> None:
        row = self._selected_or_say()
        if row is not None:
            self.inviteRequested.emit(row.serial)

    def show_invited(self, text: str, ok: bool) -> None:
        self.error.show_message(None if ok else text)
        self.saved_label.setText(text if ok else "")

    # -- reprinting ------------------------------------------------------------------------
    def reprint(self) -> QPrintPreviewDialog | None:
        """The print preview of the stored sheet and its 收件回执 (Ctrl+P in it prints)."""
        row = self._selected_or_say()
        if row is None:
            return None
        self.preview_dialog = open_reprint(self, self.services, self.user, row.serial, self.error)
        return self.preview_dialog

    def save_reprint(self, path: Path | None = None) -> Sheet | None:
        """Write the stored sheet of the selected case as .pdf or .docx."""
        row = self._selected_or_say()
        if row is None:
            return None
        if path is None:
            case = self.cases.get(row.serial)
            path = ask_sheet_path(self, file_stem(case.sheet) if case else row.serial)
            if path is None:
                return None
        return save_papers_saying(
            self.services, self.user, row.serial, path, self.error, self.saved_label
        )


def _py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
