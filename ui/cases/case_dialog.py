"""The clerk's case (办件) at the counter, one step per key: situations (Ctrl+1), materials brought
(Ctrl+2; Ctrl+A all, Ctrl+Shift+A none), applicant (Ctrl+3), sheet kind and outcome (Ctrl+4),
then preview (Ctrl+Shift+P), register and print (Ctrl+P) or register and save (Ctrl+S).
When the supervisor chose it (setting ``print.direct``), Ctrl+P registers and prints straight to
this PC's default printer with no dialog; a printer that is missing or refuses leaves the case
registered, says so, and opens the preview to choose another.
A stated 受理 or 不予受理 is printed as its written decision (受理通知书 / 不予受理通知书) and,
whenever materials were taken, with the 收件回执: the papers of one registration are previewed,
printed and saved together (the receipt's file beside the notice's).

Everything decided here is decided by the core: the materials that apply, each one's status and
the suggested kind (``sheets``), the checks and the registration (``CaseService``). After
registering, the dialog shows the case and its rating QR code (``CaseResultPanel``); Ctrl+P and
Ctrl+S then print or save that same sheet again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.cases.applicant_form import ApplicantForm
from ui.cases.case_result import (
    CaseResultPanel,
    ask_sheet_path,
    check_sheet_path,
    file_stem,
    fonts_for,
    receipt_path,
    save_sheet,
)
from ui.cases.materials_list import MaterialsList
from ui.common import ErrorLabel, error_text, role_label, set_style_state
from ui.i18n import code_label
from ui.screen_fit import fit_to_screen
from window_assistant.accounts import User
from window_assistant.cases.model import Case, CaseRequest
from window_assistant.cases.registration import CaseService, SheetNotSaved
from window_assistant.errors import UserError
from window_assistant.services import Services
from window_assistant.sheets.build import (
    CHOSEN_KINDS,
    counter_status,
    default_outcome,
    merged_materials,
    resolve_subject,
    sheet_kinds,
    sheet_outcomes,
    situations,
    suggest_kind,
)
from window_assistant.sheets.decisions import offers_receipt, papers_for
from window_assistant.sheets.model import MISSING, RONGQUE_LATER, Sheet
from window_assistant.sheets.writers import SheetWriter
from window_assistant.vocab import Necessity, Outcome, SheetKind


class CaseDialog(QDialog):
    caseRegistered = Signal(object)  # noqa: N815 - the Case
    papersPrinted = Signal(object, str)  # noqa: N815 - the Case, the printer it went to

    def __init__(
        self,
        services: Services,
        clerk: User,
        subject_kind: str,
        code: str,
        answers: dict[str, str] | None = None,
        parent: QWidget | None = None,
        *,
        printer_source: Callable[[], QPrinter | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.clerk = clerk
        # Where 登记并打印 prints when it prints directly: the default printer unless a test
        # gives its own (a QPrinter writing a PDF file); None means there is no printer.
        self.printer_source = printer_source or _default_printer
        self.print_direct = services.settings.print_direct
        self.cases = CaseService(services)
        self.subject = resolve_subject(services.catalog, subject_kind, code)
        self.case: Case | None = None
        self.preview_dialog: QPrintPreviewDialog | None = None
        self._answers: dict[str, str] | None = None
        self.setWindowTitle(self.tr("办件登记 — {name}").format(name=self.subject.name))

        self.form_page = QWidget(self)
        self._build_situations(answers or {})
        self._build_materials()
        self.applicant = ApplicantForm(self.tr("3 申请人(Ctrl+3)"), self.form_page)
        self._build_sheet_box()
        heading = QLabel(f"{self.subject.name}  {self.subject.code}", self.form_page)
        heading.setObjectName("subjectHeading")
        left = QVBoxLayout()
        left.addWidget(self.situations_box)
        left.addWidget(self.materials_box, 1)
        right = QVBoxLayout()
        right.addWidget(self.applicant)
        right.addWidget(self.sheet_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)  # the materials' names get the width: the applicant's
        columns.addLayout(right, 1)  # fields hold an ID number in a third
        page = QVBoxLayout(self.form_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(heading)
        page.addLayout(columns, 1)

        self.result_panel = CaseResultPanel(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.form_page)
        self.stack.addWidget(self.result_panel)
        self.error = ErrorLabel(self)
        self._build_buttons()
        # Scrolls on a low screen (1280×720, 150 %): the buttons below stay on the screen.
        self.form_scroll = QScrollArea(self)
        self.form_scroll.setObjectName("caseScroll")
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(self.stack)
        # Not a Tab stop of its own: Tab goes from field to field, and the scroll area follows
        # the focused field (QScrollArea scrolls to a child that takes the focus).
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(self.buttons)
        self._build_shortcuts()

        self.materials.broughtChanged.connect(self._refresh)
        self.materials.opinionsChanged.connect(self._refresh)
        self.applicant.changed.connect(self._clear_error)
        self._refresh()
        fit_to_screen(self, 1180, 720)
        first = next(iter(self.combos.values()), None)
        (first or self.materials).setFocus()

    # -- construction ----------------------------------------------------------------------
    def _build_situations(self, answers: dict[str, str]) -> None:
        self.situations_box = QGroupBox(self.tr("1 申请情形(Ctrl+1)"), self.form_page)
        form = QFormLayout(self.situations_box)
        self.combos: dict[str, QComboBox] = {}
        for s in situations(self.subject):
            combo = QComboBox(self.situations_box)
            combo.addItem(self.tr("未选择(列出全部材料)"), "")
            for option in s.options:
                combo.addItem(option, option)
            combo.setCurrentIndex(max(combo.findData(answers.get(s.key, "")), 0))
            combo.currentIndexChanged.connect(self._refresh)
            form.addRow(s.question, combo)
            self.combos[s.key] = combo
        self.situations_box.setVisible(bool(self.combos))

    def _build_materials(self) -> None:
        self.materials_box = QGroupBox(self.tr("2 已带材料(Ctrl+2,空格勾选)"), self.form_page)
        self.materials = MaterialsList(self.materials_box)
        self.materials.status_of = partial(counter_status, self.subject)  # 免申即享: nothing 缺
        self.all_button = QPushButton(self.tr("全部已带 Ctrl+A"), self.materials_box)
        self.none_button = QPushButton(self.tr("全部未带 Ctrl+Shift+A"), self.materials_box)
        self.all_button.clicked.connect(lambda: self.materials.set_all(True))
        self.none_button.clicked.connect(lambda: self.materials.set_all(False))
        self.summary = QLabel(self.materials_box)
        self.summary.setObjectName("missingSummary")
        self.summary.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        layout = QVBoxLayout(self.materials_box)
        layout.addWidget(self.materials, 1)
        layout.addLayout(row)
        layout.addWidget(self.summary)

    def _build_sheet_box(self) -> None:
        self.sheet_box = QGroupBox(self.tr("4 告知书与办件结果(Ctrl+4)"), self.form_page)
        self.kind_combo = QComboBox(self.sheet_box)
        for kind in (k for k in sheet_kinds(self.subject) if k in CHOSEN_KINDS):
            self.kind_combo.addItem(code_label(kind), kind)
        self.kind_combo.activated.connect(self._kind_chosen)
        self.suggestion = role_label("hint", parent=self.sheet_box)
        self.outcome_combo = QComboBox(self.sheet_box)
        self.outcome_combo.currentIndexChanged.connect(self._outcome_changed)
        self.reason_edit = QLineEdit(self.sheet_box)
        self.reason_edit.setPlaceholderText(self.tr("不予受理的理由(必填)"))
        self.reason_edit.setVisible(False)
        self.basis_edit = QLineEdit(self.sheet_box)
        self.basis_edit.setPlaceholderText(self.tr("不予受理的依据(可不填:按事项类型)"))
        self.basis_edit.setVisible(False)
        self.papers_label = role_label("hint", parent=self.sheet_box)
        self.papers_label.setObjectName("papersToPrint")
        self.papers_label.setWordWrap(True)
        # 受理条件 and 设定依据 on a second sheet: the centre's setting, changeable per case
        self.guide_check = QCheckBox(
            self.tr("附印办事指南要点页(受理条件、设定依据)"), self.sheet_box
        )
        self.guide_check.setChecked(self.services.settings.sheet_guide_sheet)
        form = QFormLayout(self.sheet_box)
        form.addRow(self.tr("告知书"), self.kind_combo)
        form.addRow("", self.suggestion)
        form.addRow(self.tr("办件结果"), self.outcome_combo)
        form.addRow("", self.reason_edit)
        form.addRow("", self.basis_edit)
        form.addRow("", self.papers_label)
        form.addRow("", self.guide_check)

    def _build_buttons(self) -> None:
        self.preview_button = QPushButton(self.tr("预览 Ctrl+Shift+P"), self)
        self.print_button = QPushButton(self.tr("登记并打印 Ctrl+P"), self)
        self.save_button = QPushButton(self.tr("登记并保存 Ctrl+S"), self)
        self.close_button = QPushButton(self.tr("关闭 Esc"), self)
        self.print_button.setObjectName("primary")
        if self.print_direct:
            self._say_where_it_prints()
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.register_and_print)
        self.save_button.clicked.connect(lambda: self.register_and_save())
        self.close_button.clicked.connect(self.reject)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        for button in (self.preview_button, self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)  # Enter in a field must not register the case
            self.buttons.addWidget(button)

    def _say_where_it_prints(self) -> None:
        """The button says that it prints without a preview, and on which printer."""
        self.print_button.setText(self.tr("登记并直接打印 Ctrl+P"))
        printer = self.printer_source()
        if printer is None:
            tip = self.tr("本机没有默认打印机:登记后将打开打印预览,请在其中选择打印机。")
        else:
            tip = self.tr("登记后直接送打印机「{0}」,不预览;要先预览请按 Ctrl+Shift+P。").format(
                _printer_label(printer)
            )
        self.print_button.setToolTip(tip)

    def _build_shortcuts(self) -> None:
        keys = {
            "Ctrl+1": lambda: self._focus(next(iter(self.combos.values()), None)),
            "Ctrl+2": lambda: self._focus(self.materials),
            "Ctrl+3": lambda: self._focus(self.applicant.name_edit),
            "Ctrl+4": lambda: self._focus(self.kind_combo),
            "Ctrl+A": lambda: self.materials.set_all(True),
            "Ctrl+Shift+A": lambda: self.materials.set_all(False),
            "Ctrl+Shift+P": self.preview,
            "Ctrl+P": self.register_and_print,
            "Ctrl+S": lambda: self.register_and_save(),
        }
        self.shortcuts: dict[str, QShortcut] = {}
        for key, handler in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(handler)
            self.shortcuts[key] = shortcut

    def _clear_error(self) -> None:
        self.error.show_message(None)

    def _focus(self, widget: QWidget | None) -> None:
        if widget is not None and self.case is None:
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- the form --------------------------------------------------------------------------
    def answers(self) -> dict[str, str]:
        return {k: c.currentData() for k, c in self.combos.items() if c.currentData()}

    def _refresh(self) -> None:
        """Materials for the answers, then the suggested kind, outcome and summary."""
        answers = self.answers()
        if answers != self._answers:
            self._answers = answers
            kept = self.materials.brought()
            self.materials.set_materials(merged_materials(self.subject, answers), kept)
        brought = self.materials.brought()
        kind = suggest_kind(self.subject, answers, brought, self.materials.opinions())
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.suggestion.setText(self.tr("建议:{title}").format(title=code_label(kind)))
        missing = self._missing_materials()
        self._fill_outcomes()
        to_correct = [name for name in self.materials.opinions() if name in brought]
        if missing or to_correct:
            names = "、".join(
                m.name + (self.tr("(容缺后补)") if m.necessity == Necessity.RONGQUE else "")
                for m in missing
            )
            parts = [self.tr("缺 {n} 项:{names}").format(n=len(missing), names=names)] * bool(
                missing
            )
            if to_correct:
                parts.append(
                    self.tr("需补正 {n} 项:{names}").format(
                        n=len(to_correct), names="、".join(to_correct)
                    )
                )
            self.summary.setText(";".join(parts))
            # Red when the applicant must come back (补正), orange when accepted (容缺).
            state = "missing" if kind == "correction" else "later"
        else:
            self.summary.setText(self.tr("材料齐全"))
            state = "complete"
        set_style_state(self.summary, "state", state)  # colours: style.qss
        self._clear_error()

    def _missing_materials(self) -> list:
        brought = self.materials.brought()
        lacking = (MISSING, RONGQUE_LATER)
        status_of = self.materials.status_of
        return [m for m in self.materials.materials if status_of(m, brought) in lacking]

    def _kind_chosen(self) -> None:
        self._fill_outcomes()

    def _fill_outcomes(self) -> None:
        kind = SheetKind.of(self.kind_combo.currentData())
        self.outcome_combo.blockSignals(True)
        self.outcome_combo.clear()
        for outcome in sheet_outcomes(self.subject, kind):  # 免申即享: 告知/咨询 only
            self.outcome_combo.addItem(code_label(outcome), outcome)
        default = default_outcome(kind, bool(self._missing_materials()))
        self.outcome_combo.setCurrentIndex(max(self.outcome_combo.findData(default), 0))
        self.outcome_combo.blockSignals(False)
        self._outcome_changed()

    def _outcome_changed(self) -> None:
        refused = self.outcome_combo.currentData() == Outcome.REFUSED
        self.reason_edit.setVisible(refused)
        self.basis_edit.setVisible(refused)
        self._show_papers()
        self._clear_error()

    def _show_papers(self) -> None:
        """Which papers registering hands out (the core decides: ``papers_for``)."""
        kind, outcome = self.kind_combo.currentData(), self.outcome_combo.currentData()
        if kind is None:
            return
        receipt = offers_receipt(outcome, self.materials.brought())
        titles = "、".join(code_label(k) for k in papers_for(kind, outcome, receipt))
        self.papers_label.setText(self.tr("将出具:{papers}").format(papers=titles))

    def request(self) -> CaseRequest:
        return CaseRequest(
            subject_kind=self.subject.kind,
            subject_code=self.subject.code,
            answers=self.answers(),
            brought=self.materials.brought(),
            applicant=self.applicant.applicant(),
            agent=self.applicant.agent(),
            kind=self.kind_combo.currentData(),
            outcome=self.outcome_combo.currentData(),
            reason=self.reason_edit.text() if self.reason_edit.isVisible() else "",
            basis=self.basis_edit.text() if self.basis_edit.isVisible() else "",
            receipt=offers_receipt(self.outcome_combo.currentData(), self.materials.brought()),
            opinions=self.materials.opinions(),
            guide_sheet=self.guide_check.isChecked(),
        )

    # -- actions ---------------------------------------------------------------------------
    def _show_preview(self, sheets: list[Sheet]) -> QPrintPreviewDialog:
        dialog = self.preview_dialog = _preview(sheets, self, fonts_for(self.services))
        dialog.finished.connect(self._back_from_preview)
        dialog.open()
        return dialog

    def _back_from_preview(self) -> None:
        """The preview closed (printed or not): the case takes the keyboard back, so Esc
        closes it (not every window manager gives it back to the dialog underneath)."""
        self.activateWindow()

    def preview(self) -> QPrintPreviewDialog | None:
        """The papers as they would print, without registering (the serials show ______)."""
        try:
            if self.case:
                return self._show_preview(_papers(self.case))
            return self._show_preview(self.cases.preview_papers(self.request(), self.clerk))
        except UserError as exc:
            self.error.show_message(error_text(exc))
            return None

    def register_and_print(self) -> Case | None:
        """Register (once), then the print preview of the registered papers (Ctrl+P prints
        the notice and its 收件回执 together); with ``print.direct`` the first print goes to the
        default printer instead, and a reprint opens the preview."""
        try:
            if self.case is None and self.print_direct:
                return self._print_directly(self._register())
            case = self.case or self._register()
            self._show_preview(_papers(case))
            return case
        except UserError as exc:
            self.error.show_message(error_text(exc))
            return None

    def _print_directly(self, case: Case) -> Case:
        """The registered case's papers to the default printer, no dialog. No printer, or one
        that refuses: the case stays registered (its serial is used), the clerk is told which
        printer and what to do, and the preview opens to print on another."""
        from ui.render.preview import PrintRefused, print_sheets

        printer = self.printer_source()
        try:
            if printer is None:
                message = self.tr(
                    "已登记 {serial},但本机没有设置默认打印机,尚未打印。"
                    "请在打开的打印预览中按 Ctrl+P 选择打印机;"
                    "以后请在系统的打印机设置中指定默认打印机。"
                ).format(serial=case.serial)
            else:
                print_sheets(_papers(case), fonts_for(self.services), printer)
                name = _printer_label(printer)
                self.result_panel.show_printed(name)
                self.papersPrinted.emit(case, name)
                return case
        except PrintRefused as exc:
            message = self.tr(
                "已登记 {serial},但打印机「{printer}」没有接受打印任务(可能未开机、脱机、"
                "缺纸、已暂停或已被删除),尚未打印。请检查该打印机,"
                "或在打开的打印预览中按 Ctrl+P 另选打印机。"
            ).format(serial=case.serial, printer=exc.printer_name)
        self._show_preview(_papers(case))
        self.error.show_message(message)
        return case

    def register_and_save(self, path: Path | None = None) -> Case | None:
        """Register and write the sheet (.pdf or .docx) in one go, its 收件回执 beside it
        (``receipt_path``): if a file cannot be written, nothing is registered. Once
        registered, saves the same papers again."""
        stem = file_stem(self.case.sheet) if self.case else self.subject.name
        if path is None and self.case is None:
            try:  # what registering would refuse, said before the save dialog opens
                self._check_applicant()
                self.cases.check(self.request(), self.clerk)
            except UserError as exc:
                self.error.show_message(error_text(exc))
                return None
        path = path or ask_sheet_path(self, stem)
        if path is None:
            return None
        try:
            writer = check_sheet_path(path)
            if self.case is None:
                request = self.request()
                receipt = receipt_path(path) if request.receipt else None
                self._register(out=path, writer=writer, receipt_out=receipt)
            else:
                save_sheet(self.services, self.case.sheet, path)
                for paper in self.case.papers:
                    save_sheet(self.services, paper.sheet, receipt_path(path))
        except SheetNotSaved as exc:  # registered, but the file did not take its name
            self._show_registered(exc.case)
            self.error.show_message(error_text(exc))
            return None
        except UserError as exc:
            self.error.show_message(error_text(exc))
            return None
        self.result_panel.show_saved(path)
        return self.case

    def _register(
        self,
        out: Path | None = None,
        writer: SheetWriter | None = None,
        receipt_out: Path | None = None,
    ) -> Case:
        self._check_applicant()
        return self._show_registered(
            self.cases.register(
                self.request(), self.clerk, out=out, writer=writer, receipt_out=receipt_out
            )
        )

    def _check_applicant(self) -> None:
        """The applicant's red messages (ID check digit, phone…) stop Ctrl+P and Ctrl+S."""
        if self.applicant.problems():
            raise UserError(self.tr("请先更正申请人信息:{0}").format(self.applicant.problems()[0]))

    def _show_registered(self, case: Case) -> Case:
        self.case = case
        self.result_panel.show_case(case)
        self.stack.setCurrentWidget(self.result_panel)
        self._clear_error()
        self.preview_button.setVisible(False)
        self.print_button.setText(self.tr("打印 Ctrl+P"))
        self.print_button.setToolTip(self.tr("打印预览,可另选打印机"))
        self.save_button.setText(self.tr("另存为 Ctrl+S"))
        self.setWindowTitle(self.tr("已登记 — {serial}").format(serial=case.serial))
        self.caseRegistered.emit(case)
        return case

    def reject(self) -> None:
        if self.case is not None:
            self.accept()  # registered: closing is the normal end
        else:
            super().reject()


def _papers(case: Case) -> list[Sheet]:
    """The registered case's papers in print order: its own, then its 收件回执."""
    return [case.sheet, *(paper.sheet for paper in case.papers)]


def _default_printer() -> QPrinter | None:
    from ui.render.preview import default_printer

    return default_printer()


def _printer_label(printer: QPrinter) -> str:
    from ui.render.preview import printer_label

    return printer_label(printer)


def _preview(sheets: list[Sheet], parent: QWidget, fonts) -> QPrintPreviewDialog:
    from ui.render.preview import preview_sheets  # loaded when a sheet is first shown

    return preview_sheets(sheets, parent, fonts)
