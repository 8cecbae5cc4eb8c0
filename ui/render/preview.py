"""The print preview and printing of a sheet (QPrinter, QPrintPreviewDialog): the widgets side of
the renderer, kept apart from ``pdf`` so that writing a PDF loads no widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ui.render.fonts import SheetFonts
from ui.render.pdf import paint_sheets, printed_text, setup_page
from ui.render.pdf_text import fix_text_map
from window_assistant.sheets.model import Sheet


def _paint_and_fix_pdf(sheets: list[Sheet], fonts: SheetFonts, printer: QPrinter) -> None:
    """The preview's painter (every paper of the job, each from a new page). When the clerk
    prints to a PDF file from it, Qt writes that file while we paint: give it the same text
    fix as ``write_pdf`` once it is complete."""
    target = Path(printer.outputFileName()) if printer.outputFileName() else None
    pdf = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    before = target.stat().st_mtime_ns if pdf and target and target.exists() else None
    paint_sheets(sheets, fonts, printer)
    if pdf and target and target.exists() and target.stat().st_mtime_ns != before:
        text = "".join(printed_text(sheet) for sheet in sheets)
        fix_text_map(target, (fonts.title, fonts.body), text)


class SheetPreview(QPrintPreviewDialog):
    """A print preview that keeps its printer alive (QPrintPreviewDialog does not own it)."""

    def __init__(self, printer: QPrinter, parent: QWidget | None) -> None:
        super().__init__(printer, parent)
        self.sheet_printer = printer


def preview_sheet(sheet: Sheet, parent: QWidget | None, fonts: SheetFonts) -> SheetPreview:
    """A print preview of ``sheet`` (not yet shown: call ``exec()`` or ``open()``).
    Ctrl+P (the platform's Print key) prints from it."""
    return preview_sheets([sheet], parent, fonts)


def preview_sheets(sheets: list[Sheet], parent: QWidget | None, fonts: SheetFonts) -> SheetPreview:
    """A print preview of several papers printed together (a notice and its 收件回执), each
    from a new page; the window is named after the first."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(" ".join(f"{s.title} {s.serial}" for s in sheets))
    setup_page(printer)
    printer.setFullPage(True)  # no printer margins: the GB/T margins are drawn by paint_sheet
    dialog = SheetPreview(printer, parent)
    dialog.setWindowTitle(
        QCoreApplication.translate("sheet_pdf", "打印预览 — {0}").format(
            "、".join(s.title for s in sheets)
        )
    )
    dialog.paintRequested.connect(lambda device: _paint_and_fix_pdf(sheets, fonts, device))
    # Qt's default is a small window where an A4 page shows at ~40 %: open it tall enough to
    # read the page whole, and wide enough for its tool bar.
    available = (parent.screen() if parent else QGuiApplication.primaryScreen()).availableGeometry()
    dialog.resize(min(1000, available.width()), int(available.height() * 0.92))
    print_action(dialog).setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    return dialog


def print_action(dialog: QPrintPreviewDialog) -> QAction:
    """The preview's own Print tool-bar action (it has no shortcut of its own)."""
    text = QCoreApplication.translate("QPrintPreviewDialog", "Print")
    for action in dialog.findChildren(QAction):
        if action.text() == text:
            return action
    raise LookupError("QPrintPreviewDialog has no Print action")
