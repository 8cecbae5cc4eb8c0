"""办件记录: the registered cases, newest first, with ID numbers and phones masked, filtered by
date, clerk, item and outcome; a selected case's sheet is reprinted from its stored snapshot
(the same sheet, even after the catalog changed) or saved again as PDF or Word.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.cases.case_result import (
    INVITE_KEY,
    ask_sheet_path,
    check_sheet_path,
    file_stem,
    fonts_for,
    receipt_path,
    save_sheet,
)
from ui.common import ErrorLabel, error_text, role_label
from ui.i18n import code_label
from ui.table_model import Index, ListTableModel
from ui.tables import read_only_table
from window_assistant.accounts import User
from window_assistant.cases.model import CaseFilter, CaseRow
from window_assistant.cases.registration import CaseService
from window_assistant.errors import UserError
from window_assistant.services import Services
from window_assistant.sheets.model import Sheet
from window_assistant.vocab import Outcome
from window_assistant.workdays import EARLIEST_DATE, LATEST_DATE

TIME, SERIAL, SUBJECT, APPLICANT, ID_NUMBER, PHONE, OUTCOME, CLERK = range(8)
FILTER_ROLE = Qt.ItemDataRole.UserRole + 1  # "code name" of the item, for the item filter
LIMIT = 500
DEFAULT_DAYS = 30


class CasesModel(ListTableModel):
    """One ``CaseRow`` per line; numbers arrive masked from the core and stay so."""

    def headers(self) -> list[str]:
        return [
            self.tr("时间"),
            self.tr("编号"),
            self.tr("事项"),
            self.tr("申请人"),
            self.tr("证件号"),
            self.tr("电话"),
            self.tr("结果"),
            self.tr("窗口人员"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: CaseRow | None = self.row_at(index)
        if row is None:
            return None
        if role == FILTER_ROLE:
            return f"{row.subject_code} {row.subject_name}"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == SUBJECT:
            return f"{row.subject_name}({row.subject_code})"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            row.created_at.replace("T", " ")[:16],
            row.serial,
            row.subject_name,
            row.applicant_name,
            row.id_masked,
            row.phone_masked,
            code_label(row.outcome),
            row.clerk_name,
        )[index.column()]


class CasesDialog(QDialog):
    inviteRequested = Signal(str)  # noqa: N815 - 邀请评价 of the selected case's serial

    def __init__(self, services: Services, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.user = user
        self.cases = CaseService(services)
        self.preview_dialog: QPrintPreviewDialog | None = None
        self.setWindowTitle(self.tr("办件记录"))

        today = QDate.currentDate()
        self.from_edit = self._date_edit(today.addDays(-DEFAULT_DAYS))
        self.to_edit = self._date_edit(today)
        self.clerk_combo = QComboBox(self)
        self.clerk_combo.addItem(self.tr("全部人员"), "")
        for u in services.accounts.users():
            self.clerk_combo.addItem(f"{u.name}({u.login})", u.login)
        self.item_edit = QLineEdit(self)
        self.item_edit.setPlaceholderText(self.tr("事项名称或编码"))
        self.item_edit.setClearButtonEnabled(True)
        self.outcome_combo = QComboBox(self)
        self.outcome_combo.addItem(self.tr("全部结果"), "")
        for outcome in Outcome:
            self.outcome_combo.addItem(code_label(outcome), outcome)
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("从"), self.from_edit),
            (self.tr("至"), self.to_edit),
            (self.tr("人员"), self.clerk_combo),
            (self.tr("事项"), self.item_edit),
            (self.tr("结果"), self.outcome_combo),
        ):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget, 1 if widget is self.item_edit else 0)

        self.model = CasesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.proxy.setFilterKeyColumn(SUBJECT)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = self._table()
        self.count_label = QLabel(self)
        self.error = ErrorLabel(self)
        self.saved_label = role_label("ok", parent=self)

        self.reprint_button = QPushButton(self.tr("重新打印 Ctrl+P"), self)
        self.save_button = QPushButton(self.tr("另存为 Ctrl+S"), self)
        self.invite_button = QPushButton(self.tr("邀请评价 F4"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.invite_button.clicked.connect(self.invite_selected)
        self.reprint_button.clicked.connect(self.reprint)
        self.save_button.clicked.connect(lambda: self.save_reprint())
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addWidget(self.saved_label, 1)
        for button in (
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
            (INVITE_KEY, self.invite_selected),
        ):
            QShortcut(QKeySequence(key), self).activated.connect(handler)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self.refresh)
        self.clerk_combo.currentIndexChanged.connect(self.refresh)
        self.outcome_combo.currentIndexChanged.connect(self.refresh)
        self.item_edit.textChanged.connect(self._filter_item)
        self.refresh()
        self.resize(1180, 620)
        self.table.setFocus()

    def _date_edit(self, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        # The dates the core accepts from a user (Qt's own range runs to 9999-12-31).
        edit.setDateRange(_qdate(EARLIEST_DATE), _qdate(LATEST_DATE))
        return edit

    def _table(self) -> QTableView:
        table = read_only_table(self.proxy, self, SUBJECT)
        table.activated.connect(lambda _index: self.reprint())
        return table

    # -- listing ---------------------------------------------------------------------------
    def filters(self) -> CaseFilter:
        return CaseFilter(
            date_from=_py_date(self.from_edit.date()),
            date_to=_py_date(self.to_edit.date()),
            clerk_login=self.clerk_combo.currentData() or None,
            outcome=self.outcome_combo.currentData() or None,
        )

    def refresh(self) -> None:
        rows = self.cases.list(self.filters(), limit=LIMIT)
        self.model.set_rows(rows)
        self._count()
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _filter_item(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._count()

    def _count(self) -> None:
        shown = self.proxy.rowCount()
        text = self.tr("共 {n} 件").format(n=shown)
        if len(self.model.rows) >= LIMIT:
            text += self.tr("(只显示最近 {n} 件,请缩小日期范围)").format(n=LIMIT)
        self.count_label.setText(text)

    def selected(self) -> CaseRow | None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.row_at(index)

    # -- 邀请评价 (the main window invites; the counter's pad shows the case) ------------------
    def invite_selected(self) -> None:
        row = self.selected()
        if row is None:
            self.error.show_message(self.tr("请先在列表中选择一件办件。"))
            return
        self.inviteRequested.emit(row.serial)

    def show_invited(self, text: str, ok: bool) -> None:
        self.error.show_message(None if ok else text)
        self.saved_label.setText(text if ok else "")

    # -- reprinting ------------------------------------------------------------------------
    def reprint(self) -> QPrintPreviewDialog | None:
        """The print preview of the stored sheet and its 收件回执 (Ctrl+P in it prints)."""
        try:
            row = self.selected()
            if row is None:
                self.error.show_message(self.tr("请先在列表中选择一件办件。"))
                return None
            sheets = self.cases.reprint_papers(row.serial, actor=self.user.login)
            from ui.render.preview import preview_sheets

            self.preview_dialog = preview_sheets(sheets, self, fonts_for(self.services))
        except UserError as exc:
            self.error.show_message(error_text(exc))
            return None
        self.error.show_message(None)
        self.preview_dialog.open()
        return self.preview_dialog

    def save_reprint(self, path: Path | None = None) -> Sheet | None:
        """Write the stored sheet of the selected case as .pdf or .docx."""
        row = self.selected()
        if row is None:
            self.error.show_message(self.tr("请先在列表中选择一件办件。"))
            return None
        if path is None:
            case = self.cases.get(row.serial)
            path = ask_sheet_path(self, file_stem(case.sheet) if case else row.serial)
            if path is None:
                return None
        try:
            check_sheet_path(path)
            sheet, *papers = self.cases.reprint_papers(row.serial, actor=self.user.login)
            save_sheet(self.services, sheet, path)
            saved = [str(path)]
            for paper in papers:  # the 收件回执 beside it, as the case dialog saved it
                save_sheet(self.services, paper, receipt_path(path))
                saved.append(str(receipt_path(path)))
        except UserError as exc:
            self.error.show_message(error_text(exc))
            return None
        self.error.show_message(None)
        self.saved_label.setText(self.tr("已保存:{path}").format(path="\n".join(saved)))
        return sheet


def _py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
