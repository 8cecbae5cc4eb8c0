"""One case of the 办件台账: where it stands (line, state, next deadline, partner region, waybill
and the partner's acceptance number of a cross-region case, its 容缺 materials), its timeline
(every step with time, clerk and fields, corrections beside what they correct), its documents
(the sheet and the papers printed with it, reprinted exactly as first printed), and one button
per step the core would take now from this user (``lifecycle.allowed_steps``), each opening the
step's small form (``CaseStepDialog``), 作废 with its reason among them. Esc closes it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.cases.case_result import (
    ask_sheet_path,
    check_sheet_path,
    file_stem,
    fonts_for,
    receipt_path,
    save_sheet,
)
from ui.cases.ledger_models import DETAIL, TimelineModel
from ui.cases.step_form import CaseStepDialog
from ui.common import ErrorLabel, error_text, hint_label, role_label
from ui.i18n import code_label
from ui.tables import read_only_table
from window_assistant.accounts import User
from window_assistant.cases import ids
from window_assistant.cases.lifecycle import (
    Progress,
    allowed_steps,
    partners_for,
    progress,
    record_step,
)
from window_assistant.cases.model import Case
from window_assistant.cases.registration import CaseService
from window_assistant.errors import UserError
from window_assistant.services import Services
from window_assistant.sheets.model import Sheet
from window_assistant.vocab import CaseFlow, CaseStep


# -- reprinting (the ledger's Ctrl+P and Ctrl+S, and the detail's documents) --------------------
def reprint_preview(
    parent: QWidget, services: Services, user: User, serial: str
) -> QPrintPreviewDialog:
    """The print preview of the stored sheet and its 收件回执 (UserError when refused)."""
    from ui.render.preview import preview_sheets

    sheets = CaseService(services).reprint_papers(serial, actor=user.login)
    return preview_sheets(sheets, parent, fonts_for(services))


def save_papers(services: Services, user: User, serial: str, path: Path) -> tuple[Sheet, list[str]]:
    """Write the stored sheet of ``serial`` to ``path`` (.pdf or .docx) and its 收件回执 beside
    it; the sheet and the files written."""
    check_sheet_path(path)
    sheet, *papers = CaseService(services).reprint_papers(serial, actor=user.login)
    save_sheet(services, sheet, path)
    saved = [str(path)]
    for paper in papers:
        save_sheet(services, paper, receipt_path(path))
        saved.append(str(receipt_path(path)))
    return sheet, saved


def open_reprint(
    parent: QWidget, services: Services, user: User, serial: str, error: ErrorLabel
) -> QPrintPreviewDialog | None:
    """``reprint_preview`` opened, or why not said in ``error`` (the ledger's and the detail's
    Ctrl+P)."""
    try:
        dialog = reprint_preview(parent, services, user, serial)
    except UserError as exc:
        error.show_message(error_text(exc))
        return None
    error.show_message(None)
    dialog.open()
    return dialog


def save_papers_saying(
    services: Services, user: User, serial: str, path: Path, error: ErrorLabel, saved: QLabel
) -> Sheet | None:
    """``save_papers``, the files written said in ``saved`` or why not in ``error`` (the
    ledger's and the detail's Ctrl+S)."""
    try:
        sheet, paths = save_papers(services, user, serial, path)
    except UserError as exc:
        error.show_message(error_text(exc))
        return None
    error.show_message(None)
    text = QCoreApplication.translate("CaseDetailDialog", "已保存:{path}")
    saved.setText(text.format(path="\n".join(paths)))
    return sheet


class CaseDetailDialog(QDialog):
    changed = Signal()  # a step was recorded: the ledger and the sign-in counts may have moved

    def __init__(
        self, services: Services, user: User, serial: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self.services = services
        self.user = user
        self.serial = serial
        self.case: Case | None = None
        self.progress: Progress | None = None
        self.step_dialog: CaseStepDialog | None = None
        self.preview_dialog: QPrintPreviewDialog | None = None

        self.summary = QLabel(self)
        self.summary.setObjectName("caseSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # names as typed, never markup
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.timeline_model = TimelineModel(self)
        self.timeline = read_only_table(self.timeline_model, self, DETAIL)
        self.timeline.setObjectName("caseTimeline")

        self.documents = QListWidget(self)
        self.documents.setObjectName("caseDocuments")
        self.documents.setMaximumHeight(72)
        self.reprint_button = QPushButton(self.tr("重新打印 Ctrl+P"), self)
        self.save_button = QPushButton(self.tr("另存为 Ctrl+S"), self)
        self.reprint_button.clicked.connect(lambda: self.reprint())
        self.save_button.clicked.connect(lambda: self.save_reprint())
        docs = QHBoxLayout()
        docs.addWidget(self.documents, 1)
        doc_buttons = QVBoxLayout()
        for button in (self.reprint_button, self.save_button):
            button.setAutoDefault(False)
            doc_buttons.addWidget(button)
        doc_buttons.addStretch(1)
        docs.addLayout(doc_buttons)

        self.steps_grid = QGridLayout()
        self.step_buttons: dict[CaseStep, QPushButton] = {}
        self.no_steps = hint_label(self.tr("此办件现在没有可记录的步骤。"), self)
        self.error = ErrorLabel(self)
        self.saved_label = role_label("ok", parent=self)
        close_button = QPushButton(self.tr("关闭 Esc"), self)
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(
            hint_label(self.tr("步骤记录后不能删除,如有错误请用「更正」另行记录。"), self), 1
        )
        bottom.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("办理过程"), self))
        layout.addWidget(self.timeline, 1)
        layout.addWidget(QLabel(self.tr("文书(按首次打印的内容重印)"), self))
        layout.addLayout(docs)
        layout.addWidget(QLabel(self.tr("现在可记录的步骤"), self))
        layout.addLayout(self.steps_grid)
        layout.addWidget(self.no_steps)
        layout.addWidget(self.error)
        layout.addWidget(self.saved_label)
        layout.addLayout(bottom)
        for key, handler in (("Ctrl+P", self.reprint), ("Ctrl+S", self.save_reprint)):
            QShortcut(QKeySequence(key), self).activated.connect(lambda h=handler: h())
        self.refresh()
        self.resize(1100, 680)
        self.timeline.setFocus()

    # -- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the case again from the core: its state, timeline, papers and allowed steps."""
        self.case = CaseService(self.services).get(self.serial)
        p = progress(self.services, self.serial)
        self.progress = p
        self.serial = p.serial
        self.setWindowTitle(self.tr("办件 {serial}").format(serial=p.serial))
        self.summary.setText(self._summary(p))
        self.timeline_model.set_progress(p)
        if self.timeline_model.rowCount():
            self.timeline.scrollToBottom()
        self.documents.clear()
        if self.case is not None:
            self.documents.addItem(f"{code_label(self.case.kind)} {self.case.serial}")
            for paper in self.case.papers:
                self.documents.addItem(f"{code_label(paper.kind)} {paper.serial}")
        self._step_buttons(allowed_steps(self.services, self.user, p))

    def _summary(self, p: Progress) -> str:
        today = date.today()
        lines = []
        case = self.case
        if case is not None:
            who = ""
            if case.applicant is not None:
                a = case.applicant
                number = ids.mask_id(a.id_type, a.id_number) if a.id_number else ""
                who = " ".join(filter(None, (a.name, number)))
            lines.append(
                self.tr("{item}({code})  申请人:{who}  登记:{at} {clerk}").format(
                    item=case.subject_name,
                    code=case.subject_code,
                    who=who or self.tr("(未登记)"),
                    at=case.created_at.replace("T", " ")[:16],
                    clerk=case.clerk_name,
                )
            )
        state = code_label(p.state)
        if p.overdue(today):
            state = self.tr("{state}(已超期)").format(state=state)
        line = self.tr("{flow}  状态:{state}").format(flow=code_label(p.flow), state=state)
        if p.next_step:
            line += self.tr("  下一步:{next}").format(next=p.next_step)
        if p.due:
            line += self.tr("  期限:{due}").format(due=p.due)
        if p.promised:
            line += self.tr("  承诺办结:{date}").format(date=p.promised)
        lines.append(line)
        if p.flow is not CaseFlow.LOCAL:
            latest = self._latest(p)
            lines.append(
                self.tr("合作地区:{region}  运单号:{waybill}  对方受理编号:{number}").format(
                    region=p.region or "—",
                    waybill=latest.get("waybill", "—"),
                    number=latest.get("number", latest.get("their_serial", "—")),
                )
            )
        for m in p.shortfalls:
            done = (
                self.tr("已于 {day} 补齐").format(day=m.supplied_on)
                if m.supplied_on
                else self.tr("应于 {day} 前补齐").format(day=m.supply_by or "—")
            )
            late = self.tr("(已超期)") if m.overdue(today) else ""
            lines.append(
                self.tr("容缺材料:{name},{done}{late}").format(name=m.name, done=done, late=late)
            )
        return "\n".join(lines)

    @staticmethod
    def _latest(p: Progress) -> dict[str, Any]:
        """The waybill and numbers last recorded (as corrected)."""
        found: dict[str, Any] = {}
        withdrawn = p.withdrawn()
        for s in p.steps:
            if s.id in withdrawn:
                continue
            detail = p.effective(s)
            for key in ("waybill", "number", "their_serial"):
                if detail.get(key):
                    found[key] = detail[key]
        return found

    # -- steps -----------------------------------------------------------------------------
    def _step_buttons(self, allowed: list[CaseStep]) -> None:
        for button in self.step_buttons.values():
            self.steps_grid.removeWidget(button)
            button.deleteLater()
        self.step_buttons = {}
        for n, step in enumerate(allowed):
            button = QPushButton(code_label(step) + "…", self)
            button.setObjectName(f"step_{step.value}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, s=step: self.take(s))
            self.step_buttons[step] = button
            self.steps_grid.addWidget(button, n // 8, n % 8)
        self.no_steps.setVisible(not allowed)

    def choices(self, step: CaseStep) -> dict[str, list[str]]:
        """What the step's fields offer: the case's materials, its open 容缺 materials, the
        item's partner regions."""
        p = self.progress
        assert p is not None
        materials = [m.name for m in self.case.sheet.materials] if self.case else []
        found: dict[str, list[str]] = {"materials": materials}
        if step is CaseStep.RONGQUE_SUPPLIED:
            found["material"] = [s.name for s in p.shortfalls if s.supplied_on is None]
        if step is CaseStep.OUTBOUND:
            found["region"] = partners_for(self.services, p.subject_code)
        return found

    def take(self, step: CaseStep) -> CaseStepDialog:
        """Open the form of ``step`` (modal to the user, ``open`` to tests)."""
        self.refresh()  # as the case stands now, not as it was shown
        assert self.progress is not None
        dialog = CaseStepDialog(step, self.progress, self._record, self.choices(step), self)
        first = self.progress.first_correction
        if step is CaseStep.CORRECTION_NOTICE and first:
            dialog.form.set_value("materials", first)
        self.step_dialog = dialog
        dialog.finished.connect(lambda _result: self._closed())
        dialog.open()
        return dialog

    def _record(self, step: CaseStep, fields: dict[str, Any]) -> None:
        record_step(self.services, self.user, self.serial, step, fields)
        self.changed.emit()

    def _closed(self) -> None:
        self.step_dialog = None
        try:
            self.refresh()
        except UserError as exc:
            self.error.show_message(error_text(exc))

    # -- documents -------------------------------------------------------------------------
    def reprint(self) -> QPrintPreviewDialog | None:
        self.preview_dialog = open_reprint(self, self.services, self.user, self.serial, self.error)
        return self.preview_dialog

    def save_reprint(self, path: Path | None = None) -> Sheet | None:
        if path is None:
            stem = file_stem(self.case.sheet) if self.case else self.serial
            path = ask_sheet_path(self, stem)
            if path is None:
                return None
        return save_papers_saying(
            self.services, self.user, self.serial, path, self.error, self.saved_label
        )
