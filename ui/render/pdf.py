"""A notification sheet as PDF, through QTextDocument; the print preview (``preview``) paints the
same pages on a printer. QtGui only: the command line writes PDFs without loading widgets.

``QTextDocument.print_`` would add its own 2 cm margin and page numbers; instead the document
is laid out for the device itself (its resolution, documentMargin 0, the GB/T 9704 text area as
page size) and painted page by page on a full-page A4 device, with the serial in the top margin
and "— n —" in the bottom margin, as the .docx has them in its header and footer.
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from ui.render.fonts import SheetFonts, sheet_fonts
from ui.render.paging import paginate
from ui.render.pdf_text import fix_text_map
from window_assistant.sheets import content as paper
from window_assistant.sheets.content import (
    BODY_PT,
    CELL_PAD_MM,
    FIELD_WIDTHS_MM,
    FOOTER_FROM_BOTTOM_MM,
    HEADER_FROM_TOP_MM,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    TABLE_PT,
    TEXT_WIDTH_MM,
    TITLE_PT,
    SheetContent,
    sheet_content,
)
from window_assistant.sheets.model import Sheet
from window_assistant.sheets.qr import qr_png

PDF_DPI = 600
LINE_PITCH = 1.3  # layout 2: lines this many times the type size apart (fixed pitch)
TABLE_PITCH = 1.2  # layout 3: a table's lines (小五 at 10.8 pt, as Word's single spacing)
QR_RESOURCE = QUrl("qr:rating")
# The paper's colours as HTML writes them.
MISSING_FILL, HEADER_FILL, MISSING_COLOUR, RULE_COLOUR = (
    f"#{c}"
    for c in (paper.MISSING_FILL, paper.HEADER_FILL, paper.MISSING_COLOUR, paper.RULE_COLOUR)
)


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br/>")


def layout_dpi() -> float:
    """The resolution QTextDocument's HTML lengths are in: Qt's default DPI (the primary
    screen's logical DPI, 96 on most desktops), scaled to the device by the layout."""
    screen = QGuiApplication.primaryScreen()
    if QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_Use96Dpi) or screen is None:
        return 96.0 if screen is not None else 100.0
    return float(round(screen.logicalDotsPerInchY()))


class _Html:
    """HTML for the sheet. Its lengths (px) are logical pixels at ``dpi``, which the document
    layout scales to its paint device, like point sizes."""

    def __init__(
        self, c: SheetContent | None, fonts: SheetFonts, dpi: float, device_dpi: float
    ) -> None:
        # ``c``: the content being written (the root or its appendix); None for the helpers'
        # other users (the monthly report, the public list), which take the defaults.
        self.c: SheetContent = c  # type: ignore[assignment]
        self.root: SheetContent = c  # type: ignore[assignment]
        self.fonts = fonts
        self.dpi = dpi
        self.device_dpi = device_dpi
        # Pagination (ui.render.paging): a table is cut before the rows in ``breaks`` (table
        # number, row) and the part after starts a page; a note in ``note_breaks`` (content
        # number) starts a page. ``emitted`` maps each QTextTable made to (table number, first
        # row, has a header); ``closings`` pairs the body element before each closing group
        # with the table that ends the group (the QR block, the seal box).
        self.breaks: set[tuple[int, int]] = set()
        self.note_breaks: set[int] = set()
        self.emitted: list[tuple[int, int, bool]] = []
        self.closings: list[tuple[tuple[str, int, int], int]] = []
        self.note_ends: dict[int, str] = {}  # content number → the note's last paragraph
        self._tables = self._contents = 0
        self._last: tuple[str, int, int] = ("", 0, 0)
        self._headed = False  # the next table follows its heading (see ``headed``)

    def _paper(self, name: str, default: Any) -> Any:
        """A length or layout of the paper written: the sheet's own; the default for the
        helpers' other users (the monthly report and the public list build on these paragraphs,
        tables and cells without a sheet)."""
        content = getattr(self, "c", None)
        return getattr(content, name) if content is not None else default

    def _layout(self) -> int:
        return int(self._paper("layout", 1))

    def block_px(self, pt: float) -> int:
        """A first-line indent is NOT scaled by the layout (margins are): device pixels."""
        return round(pt * self.device_dpi / 72)

    def px(self, mm: float) -> int:
        return round(mm * self.dpi / 25.4)

    def pt_px(self, pt: float) -> int:
        return round(pt * self.dpi / 72)

    def p(self, text: str, *, indent=False, bold=False, top_pt=0.0, size=BODY_PT, extra="") -> str:
        height = "125%" if self._layout() < 2 else f"{self.pt_px(size * LINE_PITCH)}px"
        style = f"margin-top:{self.pt_px(top_pt)}px; margin-bottom:0px; font-size:{size}pt; line-height:{height};"
        if indent:
            style += f" text-indent:{self.block_px(size * 2)}px;"
        if bold:
            style += " font-weight:bold;"
        return f'<p style="{style}{extra}">{_esc(text)}</p>'

    def heading(self, text: str, top_pt: float = 6, new_page: bool = False) -> str:
        brk = " page-break-before:always;" if new_page else ""
        return self.p(
            text, bold=True, top_pt=top_pt, extra=f" font-family:'{self.fonts.title}';{brk}"
        )

    def headed(self, text: str, table: Callable[[], str]) -> list[str]:
        """A heading and its table: a break before the table's first row goes before the
        heading, which keeps with its table."""
        new_page = (self._tables, 0) in self.breaks
        self._headed = True
        top = 8 if self._layout() < 2 else 4 if self._layout() < 3 else 2
        return [self.heading(text, top, new_page), table()]

    def table(
        self, widths_mm, rows: list[str], header: str = "", border=True, glue=frozenset()
    ) -> str:
        """A table, cut before the rows ``breaks`` names for it (each part starts a page and
        repeats the header), so that no row is split across pages; a row in ``glue`` goes
        with the one before it."""
        number = self._tables
        self._tables += 1
        self._last = ("table", number, len(rows))
        wanted = {r for t, r in self.breaks if t == number}
        wanted = {r - 1 if r in glue else r for r in wanted}
        cuts = sorted(r for r in wanted if 0 <= r < len(rows))
        if self._headed:  # a break before row 0 went before the heading
            cuts = [r for r in cuts if r]
        self._headed = False
        bounds = [0, *[r for r in cuts if r], len(rows)]
        parts = []
        for start, end in zip(bounds, bounds[1:]):
            self.emitted.append((number, start, bool(header)))
            parts.append(self._table(widths_mm, rows[start:end], header, border, start in cuts))
        return "".join(parts)

    def _table(self, widths_mm, rows: list[str], header: str, border: bool, new_page: bool) -> str:
        head = f"<thead>{header}</thead>" if header else ""
        cols = "".join(f'<col width="{self.px(w)}"/>' for w in widths_mm)
        brk = " page-break-before:always;" if new_page else ""
        attrs = (
            f'border="1" cellspacing="0" cellpadding="{self.px(self._paper("cell_pad_mm", CELL_PAD_MM))}" '
            f'style="border-collapse:collapse; border-color:{RULE_COLOUR}; border-style:solid;{brk}"'
            if border
            else f'border="0" cellspacing="0" cellpadding="0" style="{brk}"'
        )
        return (
            f'<table width="{self.px(sum(widths_mm))}" {attrs} align="center">'
            f"{cols}{head}<tbody>{''.join(rows)}</tbody></table>"
        )

    def cell(
        self, text: str, width_mm: float, *, align="left", bold=False, colour="", bg="", span=1
    ):
        style = f"font-size:{self._paper('table_pt', TABLE_PT)}pt;"
        if bold:
            style += " font-weight:bold;"
        if colour:
            style += f" color:{colour};"
        bg_attr = f' bgcolor="{bg}"' if bg else ""
        # an empty cell holds a no-break space at its size: an empty paragraph takes the body's
        inner = f'<span style="{style}">{_esc(text) or "&nbsp;"}</span>'
        if self._layout() >= 2:  # a fixed line pitch, whatever the face's own line gap
            factor = TABLE_PITCH if self._layout() >= 3 else LINE_PITCH
            pitch = self.pt_px(self._paper("table_pt", TABLE_PT) * factor)
            inner = f'<p align="{align}" style="margin:0px; line-height:{pitch}px;">{inner}</p>'
        spans = f' colspan="{span}"' if span > 1 else ""
        return (
            f'<td width="{self.px(width_mm)}"{spans} align="{align}" valign="top"{bg_attr}>'
            f"{inner}</td>"
        )

    def fields(self, fields: list[tuple[str, str]] | None = None) -> str:
        a, b = FIELD_WIDTHS_MM
        rows = [
            f"<tr>{self.cell(k, a, align='center', bold=True, bg=HEADER_FILL)}"
            f"{self.cell(v, b)}</tr>"
            for k, v in (self.c.fields if fields is None else fields)
        ]
        return self.table(FIELD_WIDTHS_MM, rows)

    def materials(self) -> str:
        """The materials table: a marked row has its name and status in bold with the mark,
        besides the fill (black-and-white printing keeps the first two)."""
        widths = self.c.widths_mm
        header = "<tr>" + "".join(
            self.cell(h, w, align="center", bold=True, bg=HEADER_FILL)
            for h, w in zip(self.c.headers, widths)
        )
        column = self.c.status_column
        rows: list[str] = []
        glue: set[int] = set()  # rows that may not start a page (a material's notes)
        for m in self.c.materials:
            bg = MISSING_FILL if m.missing else ""
            cells = []
            for i, (text, w) in enumerate(zip(m.cells(), widths)):
                status = i == column and m.missing
                cells.append(
                    self.cell(
                        text,
                        w,
                        align="center" if i == 0 or 2 <= i < column else "left",
                        bold=i in (1, column) and m.missing,
                        colour=MISSING_COLOUR if status else "",
                        bg=bg,
                    )
                )
            rows.append("<tr>" + "".join(cells) + "</tr>")
            if self.c.notes_below and m.notes:  # the notes' row goes with its material
                glue.add(len(rows))
                rest = sum(widths[1:])
                rows.append(
                    f"<tr>{self.cell('', widths[0], bg=bg)}"
                    f"{self.cell(m.notes, rest, bg=bg, span=len(widths) - 1)}</tr>"
                )
        return self.table(widths, rows, header + "</tr>", glue=glue)

    def qr_block(self) -> str:
        left_w, right_w = self.c.qr_block_mm
        # Under a QR code the caption is small; alone it is the only word on where to rate.
        size, weight = (TABLE_PT - 1.5, 400) if self.c.rating_url else (BODY_PT, 700)
        if self._layout() >= 2 and not self.c.rating_url:  # beside the signatures: smaller
            size = TABLE_PT
        style = f"font-size:{size}pt; font-weight:{weight};"
        qr = f'<span style="{style}">{_esc(self.c.qr_caption)}</span>'
        if self.c.rating_url:
            side = self.px(self.c.qr_mm)
            qr = f'<img src="{QR_RESOURCE.toString()}" width="{side}" height="{side}"/><br/>' + qr
        closing = "<br/>".join(_esc(t) for t in self.c.closing)
        signed = ""
        if self._layout() >= 2:  # the signatures beside the QR code, above the 落款: one block
            lines = [t for t in (self.c.copies_line, *self.c.signatures) if t]
            gap, before = (4, 6) if self._layout() < 3 else (2, 2)  # layout 3: one page the norm
            signed = "".join(
                f'<p align="left" style="margin-top:{self.pt_px(gap if i else 0)}px;'
                f' margin-bottom:0px; font-size:{TABLE_PT}pt;">{_esc(t)}</p>'
                for i, t in enumerate(lines)
            )
            closing = f'<p align="right" style="margin-top:{self.pt_px(before)}px;">{closing}</p>'
        row = (
            f'<tr><td width="{self.px(left_w)}" align="center" valign="top">{qr}</td>'
            f'<td width="{self.px(right_w)}" align="right" valign="middle">{signed}'
            f'<span style="font-size:{BODY_PT}pt;">{closing}</span></td></tr>'
        )
        return self.table(self.c.qr_block_mm, [row], border=False)

    def signature_block(self) -> str:
        """The signatures alone as the closing group (a 收件回执: no QR code, no 落款), room to
        sign between them; a table, so that pagination keeps it with the body's last rows."""
        text = "".join(
            f'<p style="margin-top:{self.pt_px(12)}px; margin-bottom:0px;">{_esc(line)}</p>'
            for line in self.c.signatures
        )
        width = sum(FIELD_WIDTHS_MM)
        pad = f"padding-top:{self.pt_px(6)}px;"  # a cell's first margin is not laid out
        row = f'<tr><td width="{self.px(width)}" valign="top" style="{pad}">{text}</td></tr>'
        return self.table((width,), [row], border=False)

    def seal_box(self) -> str:
        """A bordered box (受理机关意见, the seal and date at its foot)."""
        lines = self.c.seal_box
        text = "".join(
            f'<p align="{"right" if i >= len(lines) - 2 else "left"}" style="margin:0px;">'
            f"{_esc(line) or '&nbsp;'}</p>"
            for i, line in enumerate(lines)
        )
        width = sum(FIELD_WIDTHS_MM)
        row = f'<tr><td width="{self.px(width)}" valign="top">{text}</td></tr>'
        return self.table((width,), [row])

    def document(self) -> str:
        self.emitted, self.closings, self._tables, self._contents = [], [], 0, 0
        body = self.body(self.root)
        return (
            f"<html><body style=\"font-family:'{self.fonts.body}'; font-size:{BODY_PT}pt;\">"
            f"{body}</body></html>"
        )

    def body(self, c: SheetContent, new_page: bool = False) -> str:
        self.c = c
        number = self._contents
        self._contents += 1
        self._last = ("", 0, 0)
        brk = " page-break-before:always;" if new_page else ""
        # layouts 2 and 3 are compact: one page the norm
        title_after = 12 if c.layout < 2 else 6 if c.layout < 3 else 3
        # layout 3: the title at a fixed pitch too, not the face's own (Noto's is 1.45 em)
        pitch = f" line-height:{self.pt_px(TITLE_PT * 1.2)}px;" if c.layout >= 3 else ""
        parts = [
            f'<p align="center" style="font-family:\'{self.fonts.title}\'; font-size:{TITLE_PT}pt;'
            f' margin-top:0px; margin-bottom:{self.pt_px(title_after)}px;{pitch}{brk}">{_esc(c.title)}</p>',
        ]
        if c.salutation:
            parts.append(self.p(c.salutation))
        parts.append(self.p(c.intro, indent=True))
        if c.fields:
            parts += [self.p("", size=6), self.fields()] if c.layout < 2 else [self.fields()]
        if c.materials_heading:
            parts += self.headed(c.materials_heading, self.materials)
        if c.deadline_line:
            parts.append(
                self.p(c.deadline_line, bold=True, top_pt=6, extra=f" color:{MISSING_COLOUR};")
            )
        if c.guide_heading:
            parts += self.headed(c.guide_heading, lambda: self.fields(c.guide))
        if c.received_heading:
            parts += self.headed(c.received_heading, lambda: self.fields(c.received))
        for section in c.sections:
            parts.append(self.heading(section.heading))
            parts += [self.p(t, indent=True) for t in section.paragraphs]
        if c.note_heading:
            parts.append(self.heading(c.note_heading, new_page=number in self.note_breaks))
            parts += [self.p(t, indent=True) for t in c.note.split("\n")]
            self._last = ("note", number, 0)
            self.note_ends[number] = c.note.split("\n")[-1]
            if c.commitment_signature:
                parts.append(self.p(c.commitment_signature, top_pt=12))
        note = self._last
        if c.seal_box:
            parts += [self.p("", size=6), self.seal_box()]
            if c.commitment_signature:
                self.closings.append((note, self._tables - 1))
        last_body = self._last
        if c.contact_line:  # before the signatures, as in the .docx
            parts.append(self.p(c.contact_line, size=TABLE_PT, top_pt=8))
        if c.copies_line and c.layout < 2:  # layout 2: beside the QR code, with the signatures
            parts.append(self.p(c.copies_line, size=TABLE_PT, top_pt=4))
        if c.layout < 2:
            parts += [self.p(t, top_pt=18 if i == 0 else 10) for i, t in enumerate(c.signatures)]
        if c.rating_url or c.qr_caption or c.closing:  # a 收件回执 has none of them
            if c.layout < 2:
                parts.append(self.p("", size=6))
            parts.append(self.qr_block())
            self.closings.append((last_body, self._tables - 1))
        elif c.signatures and c.layout >= 2:  # a 收件回执: its signatures alone close it
            parts.append(self.signature_block())
            self.closings.append((last_body, self._tables - 1))
        if c.appendix is not None:
            parts.append(self.body(c.appendix, new_page=True))
        return "".join(parts)


def setup_page(device: QPagedPaintDevice) -> None:
    """A4 portrait, full page (no device margins): the GB/T margins are drawn by us."""
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )
    layout.setMode(QPageLayout.Mode.FullPageMode)
    device.setPageLayout(layout)


def build_document(sheet: Sheet, fonts: SheetFonts, device: QPagedPaintDevice) -> QTextDocument:
    """The sheet laid out for ``device``: text area of 156 × 225 mm at its resolution."""
    content = sheet_content(sheet)
    maker = _Html(content, fonts, layout_dpi(), device.logicalDpiY())
    doc = new_document(fonts, device)
    url = content.rating_url or (content.appendix.rating_url if content.appendix else "")
    if url:
        image = QImage.fromData(qr_png(url))
        doc.addResource(QTextDocument.ResourceType.ImageResource, QR_RESOURCE, image)
    doc.setHtml(maker.document())
    if content.layout >= 2:
        paginate(doc, maker)
    return doc


def new_document(fonts: SheetFonts, device: QPagedPaintDevice) -> QTextDocument:
    """An empty document laid out for ``device``: text area of 156 × 225 mm at its resolution,
    the body face at the body size."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    body_font = QFont(fonts.body)
    body_font.setPointSizeF(BODY_PT)
    doc.setDefaultFont(body_font)
    device_mm = device.logicalDpiY() / 25.4  # the page size is in device pixels
    doc.setPageSize(
        QSizeF(
            TEXT_WIDTH_MM * device_mm,
            (PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) * device_mm,
        )
    )
    return doc


def _pages_with_content(doc: QTextDocument) -> int:
    """Pages up to the last block that prints something: a trailing empty block's margin can
    spill onto a page of its own, which ``pageCount()`` would count."""
    layout = doc.documentLayout()
    block = doc.lastBlock()
    while block.isValid() and not block.text().strip() and block != doc.firstBlock():
        block = block.previous()
    bottom = layout.blockBoundingRect(block).bottom()
    # A block inside a table reports its rect relative to the cell; fall back to pageCount().
    height = doc.pageSize().height()
    pages = math.ceil(bottom / height) if bottom > 0 else doc.pageCount()
    return max(1, min(doc.pageCount(), pages))


def paint_sheet(sheet: Sheet, fonts: SheetFonts, device: QPagedPaintDevice) -> int:
    """Paint every page of ``sheet`` on ``device`` (already set up by ``setup_page``).
    Returns the number of pages."""
    doc = build_document(sheet, fonts, device)
    return paint_pages(doc, fonts, device, sheet_content(sheet).serial_line)


def paint_sheets(sheets: list[Sheet], fonts: SheetFonts, device: QPagedPaintDevice) -> int:
    """Paint several papers one after the other in one job (a notice and its 收件回执), each
    from a new page with its own serial and page numbers. Returns the number of pages: 0 when
    the device refused to begin (a printer that cannot be opened, a file that cannot be
    written), and nothing was painted."""
    painter = QPainter(device)
    if not painter.isActive():
        return 0
    pages = 0
    try:
        for sheet in sheets:
            doc = build_document(sheet, fonts, device)
            header = sheet_content(sheet).serial_line
            pages += paint_pages(doc, fonts, device, header, painter=painter, new_page=pages > 0)
    finally:
        painter.end()
    return pages


def paint_pages(
    doc: QTextDocument,
    fonts: SheetFonts,
    device: QPagedPaintDevice,
    header_text: str,
    *,
    painter: QPainter | None = None,
    new_page: bool = False,
) -> int:
    """Paint ``doc`` (laid out for ``device``'s text area) page by page inside the GB/T 9704
    margins, ``header_text`` at the top right and "— n —" at the foot of every page. With
    ``painter`` (already painting on ``device``: a job of several papers) it is left open,
    and ``new_page`` starts this paper on a page of its own."""
    dpi = device.logicalDpiX()

    def px(mm: float) -> float:
        return mm * dpi / 25.4

    page = doc.pageSize()
    pages = _pages_with_content(doc)
    small = QFont(fonts.body)
    small.setPointSizeF(TABLE_PT)
    left, top = px(MARGIN_LEFT_MM), px(MARGIN_TOP_MM)
    text_w = px(PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM)
    own = painter is None
    painter = painter or QPainter(device)
    try:
        for n in range(pages):
            if n or new_page:
                device.newPage()
            painter.setFont(small)
            header = QRectF(left, px(HEADER_FROM_TOP_MM) - px(6), text_w, px(6))
            painter.drawText(
                header, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, header_text
            )
            footer = QRectF(left, px(PAGE_HEIGHT_MM - FOOTER_FROM_BOTTOM_MM), text_w, px(6))
            painter.drawText(
                footer, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, f"— {n + 1} —"
            )
            painter.save()
            painter.translate(left, top - n * page.height())
            doc.drawContents(painter, QRectF(0, n * page.height(), page.width(), page.height()))
            painter.restore()
    finally:
        if own:
            painter.end()
    return pages


def ensure_gui_app() -> None:
    """A QGuiApplication, created for command-line use if none is running. The command line
    shows no window, so Qt needs no display there: "offscreen" draws the same pages with the
    same fonts (and a missing display cannot end the process)."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication([])


def write_pdf(sheet: Sheet, path: Path, *, title_font: str, body_font: str) -> None:
    """Write ``sheet`` as an A4 PDF at ``path``; UserError when no CJK font is installed."""
    ensure_gui_app()
    fonts = sheet_fonts(title_font, body_font)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(f"{sheet.title} {sheet.serial}")
    writer.setCreator("窗口助手")
    setup_page(writer)
    paint_sheet(sheet, fonts, writer)
    del writer  # closes the file
    fix_text_map(path, (fonts.title, fonts.body), printed_text(sheet))


def printed_text(sheet: Sheet) -> str:
    """Every character a sheet's pages can show (its text, page numbers, the dash around them)."""
    return "".join(sheet_content(sheet).all_text()) + "0123456789— "
