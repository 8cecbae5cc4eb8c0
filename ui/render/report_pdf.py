"""The monthly 好差评 report as PDF: the report's blocks as HTML in a QTextDocument, painted on
A4 pages with the sheets' margins, header and page numbers (``ui.render.pdf``). QtGui only, so
``ratings report --out FILE.pdf`` needs no widgets; reached from the core through the entry-point
group ``window_assistant.report_writers`` (setup.cfg)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from ui.render.fonts import SheetFonts, sheet_fonts
from ui.render.pdf import (
    HEADER_FILL,
    PDF_DPI,
    _esc,
    _Html,
    ensure_gui_app,
    layout_dpi,
    new_document,
    paint_pages,
    setup_page,
)
from ui.render.pdf_text import fix_text_map
from window_assistant.ratings.report import (
    HEADING_PT,
    Chart,
    Heading,
    MonthlyReport,
    Paragraph,
    Table,
)
from window_assistant.sheets.content import BODY_PT, TABLE_PT, TEXT_WIDTH_MM, TITLE_PT

KEEP_WITH_MM = 30.0  # a heading needs this much room below it on its page, else it moves on


KEPT = 1  # the user state of a block that stays with the next one
# Fixed-width faces for a chain head, in order. Not the body face: Qt's PDF loses the text of
# digits that Noto Serif CJK draws in a run of Latin letters (pdftotext reads "1:6:808cb…" as
# ": :    cb"), so a head could not be copied or checked from the PDF.
CODE_FAMILIES = (
    "Noto Sans Mono CJK SC",
    "Sarasa Mono SC",
    "Consolas",
    "DejaVu Sans Mono",
    "Liberation Mono",
    "Courier New",
)
TABLE_SCALE = (TEXT_WIDTH_MM - 1) / TEXT_WIDTH_MM  # the right-hand rule inside the text area


def code_family() -> str:
    installed = set(QFontDatabase.families())
    for family in CODE_FAMILIES:
        if family in installed:
            return family
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()


def _kept(html: str) -> str:
    """A paragraph that must stay with what follows, marked by a block user state that
    ``keep_with_next`` finds (QTextDocument has no keep-with-next of its own)."""
    return html.replace('style="', f'style="-qt-user-state:{KEPT}; ', 1)


def keep_with_next(doc: QTextDocument, device: QPagedPaintDevice) -> None:
    """Start a kept paragraph (a heading) on the next page when it would end its page with
    less than ``KEEP_WITH_MM`` below it, as the .docx's keep-with-next does in Word."""
    layout = doc.documentLayout()
    page_height = doc.pageSize().height()
    room = KEEP_WITH_MM * device.logicalDpiY() / 25.4
    block = doc.begin()
    while block.isValid():
        if block.userState() == KEPT:
            # After a change the layout below it is redone lazily, and a rectangle asked for
            # meanwhile can be stale: pageCount() finishes the layout first.
            doc.pageCount()
            rect = layout.blockBoundingRect(block)
            used = rect.top() % page_height
            if used > 0 and used + rect.height() + room > page_height:
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
        block = block.next()


class _ReportHtml(_Html):
    """The sheets' HTML helpers (paragraphs, tables, cells in the paper's lengths), without a
    sheet."""

    def __init__(self, fonts: SheetFonts, dpi: float, device_dpi: float, code: str) -> None:
        super().__init__(None, fonts, dpi, device_dpi)
        self.code = code

    def block(self, block: Heading | Paragraph | Table) -> str:
        if isinstance(block, Heading):
            return _kept(
                self.p(
                    block.text,
                    top_pt=12,
                    size=HEADING_PT,
                    extra=f" font-family:'{self.fonts.title}'; margin-bottom:{self.pt_px(4)}px;",
                )
            )
        if isinstance(block, Paragraph):
            size = TABLE_PT if block.small else BODY_PT
            extra = f" font-family:'{self.code}';" if block.code else ""
            html = self.p(block.text, indent=block.indent, bold=block.bold, top_pt=block.before,
                          size=size, extra=extra)  # fmt: skip
            return _kept(html) if block.keep_next else html
        widths = tuple(mm * TABLE_SCALE for mm in block.widths_mm)
        header = "<tr>" + "".join(
            self.cell(text, mm, align="center", bold=True, bg=HEADER_FILL)
            for text, mm in zip(block.header, widths)
        )
        rows = [
            "<tr>" + "".join(self.cell(t, mm) for t, mm in zip(row, widths)) + "</tr>"
            for row in block.rows
        ]
        return self.table(widths, rows, header + "</tr>")

    def chart(self, chart: Chart, url: str) -> str:
        width = self.px(chart.width_mm)
        return (
            f'<p align="center" style="margin-top:{self.pt_px(6)}px; margin-bottom:0px;">'
            f'<img src="{url}" width="{width}" height="{round(width * chart.aspect)}"/></p>'
            + self.p(chart.caption, size=TABLE_PT, extra=" text-align:center;")
        )

    def document(self, report: MonthlyReport, urls: list[str]) -> str:  # type: ignore[override]
        parts = [
            f'<p align="center" style="font-family:\'{self.fonts.title}\'; font-size:{TITLE_PT}pt;'
            f' margin-top:0px; margin-bottom:{self.pt_px(12)}px;">{_esc(report.title)}</p>'
        ]
        charts = iter(urls)
        for block in report.blocks:
            if isinstance(block, Chart):
                parts.append(self.chart(block, next(charts)))
            else:
                parts.append(self.block(block))
        return (
            f"<html><body style=\"font-family:'{self.fonts.body}'; font-size:{BODY_PT}pt;\">"
            f"{''.join(parts)}</body></html>"
        )


def build_report_document(
    report: MonthlyReport, fonts: SheetFonts, device: QPagedPaintDevice
) -> QTextDocument:
    doc = new_document(fonts, device)
    urls = []
    for n, block in enumerate(b for b in report.blocks if isinstance(b, Chart)):
        url = QUrl(f"chart:{n}")
        doc.addResource(QTextDocument.ResourceType.ImageResource, url, QImage.fromData(block.png))
        urls.append(url.toString())
    maker = _ReportHtml(fonts, layout_dpi(), device.logicalDpiY(), code_family())
    doc.setHtml(maker.document(report, urls))
    keep_with_next(doc, device)
    return doc


def write_report_pdf(report: MonthlyReport, path: Path, *, title_font: str, body_font: str) -> None:
    """Write ``report`` as an A4 PDF at ``path``; UserError when no CJK font is installed."""
    ensure_gui_app()
    fonts = sheet_fonts(title_font, body_font)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(report.title)
    writer.setCreator("窗口助手")
    setup_page(writer)
    paint_pages(build_report_document(report, fonts, writer), fonts, writer, report.header_line)
    del writer  # closes the file
    fix_text_map(path, (fonts.title, fonts.body, code_family()), report.all_text())
