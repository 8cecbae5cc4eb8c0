"""After a case is registered: its number, the sheet's kind, what is missing, and the rating QR
code large on screen so the applicant can scan it at the counter; plus the shared ways to print
or save a sheet (from the case dialog, this panel and the cases view).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common import role_label, set_style_state
from ui.file_dialogs import save_file
from ui.i18n import code_label
from ui.render.fonts import SheetFonts, sheet_fonts
from window_assistant.cases.model import Case
from window_assistant.errors import UserError
from window_assistant.services import Services
from window_assistant.sheets.model import RONGQUE_LATER, Sheet
from window_assistant.sheets.qr import qr_png
from window_assistant.sheets.writers import SheetWriter, suffixes, write_sheet, writer_for

QR_BOX = 8  # pixels per module: a version-4 code (41 modules with the quiet zone) is 328 px
INVITE_KEY = "F4"  # 邀请评价, here as in the main window and 办件台账 (ui.shortcuts)


# -- printing and saving -------------------------------------------------------------------
def fonts_for(services: Services) -> SheetFonts:
    """The configured print faces, or UserError naming the font package to install."""
    settings = services.settings
    return sheet_fonts(settings.title_font, settings.body_font)


def check_sheet_path(path: Path) -> SheetWriter:
    """The writer for ``path`` (by its extension, loaded now) if a sheet can be written there,
    else UserError: checked before a case is registered."""
    writer = writer_for(path)
    if not path.parent.is_dir():
        raise UserError(
            QCoreApplication.translate("case_result", "文件夹 {0} 不存在,请换一个位置。").format(
                path.parent
            )
        )
    return writer


def save_sheet(services: Services, sheet: Sheet, path: Path) -> None:
    """Write ``sheet`` in the format of the file's extension (a PDF as printed)."""
    settings = services.settings
    write_sheet(
        check_sheet_path(path),
        sheet,
        path,
        title_font=settings.title_font,
        body_font=settings.body_font,
    )


def ask_sheet_path(parent: QWidget, suggested: str) -> Path | None:
    """The file the clerk picks in a save dialog (PDF by default), or None when cancelled."""
    pdf, docx = (
        QCoreApplication.translate("case_result", "PDF 文件 (*.pdf)"),
        QCoreApplication.translate("case_result", "Word 文档 (*.docx)"),
    )
    chosen = save_file(
        parent,
        QCoreApplication.translate("case_result", "保存告知书"),
        f"{suggested}.pdf",
        f"{pdf};;{docx}",
    )
    if chosen is None:
        return None
    path, name_filter = chosen
    if path.suffix.lower() not in suffixes():
        path = path.with_name(path.name + (".docx" if name_filter == docx else ".pdf"))
    return path


def receipt_path(path: Path) -> Path:
    """Where the 收件回执 printed with the paper saved at ``path`` goes: beside it, same format."""
    return path.with_name(f"{path.stem}-收件回执{path.suffix}")


def file_stem(sheet: Sheet) -> str:
    """告知书 file name without extension: title, serial (if any) and the subject."""
    serial = sheet.serial if "_" not in sheet.serial else ""
    parts = [sheet.title, serial, sheet.subject_name]
    return "-".join(p for p in parts if p).replace("/", "-").replace("\\", "-")


def qr_pixmap(url: str) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(qr_png(url, box_size=QR_BOX), "PNG")
    return pixmap


# -- the panel -----------------------------------------------------------------------------
class CaseResultPanel(QWidget):
    """The registered case at a glance, with the rating QR code for the applicant to scan and
    邀请评价 (F4) for the counter's pad; the main window does the inviting."""

    inviteRequested = Signal(str)  # noqa: N815 - the case's serial

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case: Case | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("caseHeading")
        self.heading.setWordWrap(True)
        self.serial_label = QLabel(self)
        self.serial_label.setObjectName("caseSerial")
        self.serial_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind_label = QLabel(self)
        self.subject_label = QLabel(self)
        self.subject_label.setWordWrap(True)
        self.papers_label = QLabel(self)  # the 收件回执 printed with the case's paper
        self.papers_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label = role_label("ok", parent=self)
        self.file_label.setWordWrap(True)
        self.hint = role_label(
            "hint", self.tr("Ctrl+P 打印 · Ctrl+S 另存为 PDF/Word · Esc 关闭"), self
        )
        self.hint.setWordWrap(True)

        details = QGridLayout()
        details.setHorizontalSpacing(12)
        details.setVerticalSpacing(10)
        for row, (label, value) in enumerate(
            (
                (self.tr("编号"), self.serial_label),
                (self.tr("告知书"), self.kind_label),
                (self.tr("回执"), self.papers_label),
                (self.tr("事项"), self.subject_label),
                (self.tr("材料"), self.missing_label),
            )
        ):
            caption = role_label("hint", label, self)
            details.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            details.addWidget(value, row, 1)
        details.setColumnStretch(1, 1)

        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addSpacing(8)
        left.addLayout(details)
        left.addWidget(self.file_label)
        left.addStretch(1)
        left.addWidget(self.hint)

        self.qr_label = QLabel(self)
        self.qr_label.setObjectName("ratingQr")
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = QLabel(self.tr("请扫码评价本次服务"), self)
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setObjectName("ratingCaption")
        self.url_label = role_label("hint", parent=self)
        self.url_label.setObjectName("ratingUrl")
        self.url_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url_label.setWordWrap(True)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card = QFrame(self)
        card.setObjectName("qrCard")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(16, 16, 16, 12)
        card_layout.addWidget(self.qr_caption)
        card_layout.addWidget(self.qr_label, 1)
        card_layout.addWidget(self.url_label)
        self.invite_button = QPushButton(self.tr("邀请评价 F4"), self)
        self.invite_button.setAutoDefault(False)
        self.invite_button.clicked.connect(self._invite)
        self.invite_label = role_label("ok", parent=self)
        self.invite_label.setWordWrap(True)
        self.invite_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card_layout.addWidget(self.invite_button)
        card_layout.addWidget(self.invite_label)
        QShortcut(QKeySequence(INVITE_KEY), self).activated.connect(self._invite)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(24)
        layout.addLayout(left, 1)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)

    def show_case(self, case: Case) -> None:
        self.case = case
        sheet = case.sheet
        self.heading.setText(self.tr("已登记:{outcome}").format(outcome=code_label(case.outcome)))
        self.serial_label.setText(case.serial)
        self.kind_label.setText(code_label(sheet.kind))
        papers = "\n".join(f"{code_label(p.kind)} {p.serial}" for p in case.papers)
        self.papers_label.setText(papers or self.tr("无"))
        self.subject_label.setText(f"{case.subject_name}({case.subject_code})")
        missing = sheet.missing
        if missing:
            lines = [self.tr("缺 {n} 项:").format(n=len(missing))]
            for m in sheet.materials:
                if m.name in missing:
                    later = self.tr("(容缺后补)") if m.status == RONGQUE_LATER else ""
                    lines.append(f"  · {m.name}{later}")
            if sheet.deadline:
                lines.append(self.tr("请于 {date} 前补齐。").format(date=sheet.deadline))
            self.missing_label.setText("\n".join(lines))
        else:
            self.missing_label.setText(self.tr("材料齐全"))
        # No URL: rating by phone is off or no address is chosen; the pad takes the rating.
        self.qr_label.setVisible(bool(case.rating_url))
        if case.rating_url:
            self.qr_caption.setText(self.tr("请扫码评价本次服务"))
            self.qr_label.setPixmap(qr_pixmap(case.rating_url))
        else:
            self.qr_caption.setText(self.tr("请在窗口评价器上评价本次服务"))
            self.qr_label.clear()
        self.url_label.setText(case.rating_url)
        self.file_label.clear()
        self.invite_label.clear()

    def _invite(self) -> None:
        if self.case is not None:
            self.inviteRequested.emit(self.case.serial)

    def show_invited(self, text: str, ok: bool) -> None:
        """What came of 邀请评价: 已邀请 (green) or the core's reason (red)."""
        set_style_state(self.invite_label, "role", "ok" if ok else "error")
        self.invite_label.setText(text)

    def show_printed(self, printer: str) -> None:
        self.file_label.setText(self.tr("已送打印机 {printer}").format(printer=printer))

    def show_saved(self, path: Path) -> None:
        saved = [str(path)]
        if self.case is not None and self.case.papers:
            saved.append(str(receipt_path(path)))
        self.file_label.setText(self.tr("已保存:{path}").format(path="\n".join(saved)))
