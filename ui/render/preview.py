"""The print preview and printing of a sheet (QPrinter, QPrintPreviewDialog): the widgets side of
the renderer, kept apart from ``pdf`` so that writing a PDF loads no widgets. ``print_sheets``
prints the papers of one job straight to a printer (the default one: ``default_printer``), with
the preview's own painter and no dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ui.render.fonts import SheetFonts
from ui.render.pdf import paint_sheets, printed_text, setup_page
from ui.render.pdf_text import fix_text_map
from window_assistant.sheets.model import Sheet


class PrintRefused(Exception):
    """The printer took no job (it could not be opened, or it reported an error): nothing, or
    not all of it, was printed."""

    def __init__(self, printer: QPrinter) -> None:
        super().__init__(printer_label(printer))
        self.printer_name = printer_label(printer)


def _paint_and_fix_pdf(sheets: list[Sheet], fonts: SheetFonts, printer: QPrinter) -> int:
    """The preview's painter (every paper of the job, each from a new page). When the clerk
    prints to a PDF file from it, Qt writes that file while we paint: give it the same text
    fix as ``write_pdf`` once it is complete. Returns the pages painted (0: the printer
    refused to begin)."""
    target = Path(printer.outputFileName()) if printer.outputFileName() else None
    pdf = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    before = target.stat().st_mtime_ns if pdf and target and target.exists() else None
    pages = paint_sheets(sheets, fonts, printer)
    if pdf and target and target.exists() and target.stat().st_mtime_ns != before:
        text = "".join(printed_text(sheet) for sheet in sheets)
        fix_text_map(target, (fonts.title, fonts.body), text)
    return pages


def _prepare(printer: QPrinter, sheets: list[Sheet]) -> QPrinter:
    """The job's name (the papers and their serials, as the printer's queue shows it) and its
    page: A4, full page (no printer margins: the GB/T margins are drawn by paint_sheet)."""
    printer.setDocName(" ".join(f"{s.title} {s.serial}" for s in sheets))
    setup_page(printer)
    printer.setFullPage(True)
    return printer


def default_printer() -> QPrinter | None:
    """This PC's default printer (the system's choice), or None when it has none."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def printer_label(printer: QPrinter) -> str:
    """How the clerk knows the printer: its name, or the file a PDF printer writes."""
    return printer.printerName() or printer.outputFileName()


def print_sheets(sheets: list[Sheet], fonts: SheetFonts, printer: QPrinter) -> int:
    """Print the papers of one job on ``printer`` at once, no dialog: the pages the preview
    shows (each paper from a new page). Returns the pages sent; PrintRefused when the printer
    cannot begin the job or reports an error, before (a queue the system has stopped: CUPS
    stops one whose printer failed, and would hold the job silently) or while printing."""
    failed = (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted)
    queue = QPrinterInfo(printer)  # null for a printer writing a PDF file
    if not queue.isNull() and queue.state() in failed:
        raise PrintRefused(printer)
    pages = _paint_and_fix_pdf(sheets, fonts, _prepare(printer, sheets))
    if pages == 0 or printer.printerState() in failed:
        raise PrintRefused(printer)
    return pages


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
    printer = _prepare(QPrinter(QPrinter.PrinterMode.HighResolution), sheets)
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
