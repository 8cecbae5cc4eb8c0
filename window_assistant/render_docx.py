"""A notification sheet as a Word document (python-docx), laid out like the PDF.

Pitfalls handled here: python-docx's default template is US Letter, so A4 and the GB/T 9704
margins are set on every section; Word picks the font for Chinese from ``w:eastAsia`` only, so it
is set on the Normal style and on every run (otherwise Chinese falls back to another face);
tables have fixed column widths, a header row repeated on each page and rows allowed to break,
so a long note stays readable instead of pushing a whole row to the next page.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from .qr import qr_png
from .sheet_content import (
    BODY_PT,
    FIELD_WIDTHS_MM,
    FOOTER_FROM_BOTTOM_MM,
    HEADER_FROM_TOP_MM,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MATERIAL_HEADERS,
    MATERIAL_WIDTHS_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    QR_BLOCK_WIDTHS_MM,
    QR_WIDTH_MM,
    TABLE_PT,
    TITLE_PT,
    SheetContent,
    sheet_content,
)
from .sheet_model import Sheet

MISSING_FILL = "FCE4D6"  # light red behind a missing material's row
HEADER_FILL = "E7E6E6"
MISSING_COLOUR = "C00000"


def _set_fonts(rpr_parent, family: str) -> None:
    """Set all four rFonts slots (ascii, hAnsi, eastAsia, cs) on a run's or style's rPr."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), family)


class _Writer:
    def __init__(self, doc, title_font: str, body_font: str) -> None:
        self.doc = doc
        self.title_font = title_font
        self.body_font = body_font
        self._rpr: dict[tuple, object] = {}

    def rpr(self, font: str, size: float, bold: bool, colour: str | None):
        """A run's properties (all four rFonts slots, size, bold, colour) copied from a template
        made once: python-docx's property setters cost more than the rest of the document."""
        key = (font, size, bold, colour)
        template = self._rpr.get(key)
        if template is None:
            name = xml_escape(font, {'"': "&quot;"})
            fonts = "".join(f' w:{slot}="{name}"' for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
            half_points = round(size * 2)
            template = parse_xml(
                f"<w:rPr {nsdecls('w')}><w:rFonts{fonts}/>"
                + ("<w:b/><w:bCs/>" if bold else "")
                + (f'<w:color w:val="{colour}"/>' if colour else "")
                + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
            )
            self._rpr[key] = template
        return copy.deepcopy(template)

    def run(
        self,
        paragraph: Paragraph,
        text: str,
        *,
        size: float = BODY_PT,
        bold=False,
        font=None,
        colour: str | None = None,
    ) -> None:
        r = paragraph._p.add_r()
        r.append(self.rpr(font or self.body_font, size, bold, colour))
        if text:
            r.text = text

    def para(
        self, text: str = "", *, size=BODY_PT, bold=False, align=None, indent=False, font=None
    ):
        p = self.doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        if text:
            self.run(p, text, size=size, bold=bold, font=font)
        return p

    def cell_text(self, cell, text: str, *, bold=False, colour=None, align=None) -> None:
        """Cell text, one paragraph per line (the cell already holds one empty paragraph)."""
        lines = text.split("\n") if text else [""]
        p = cell.paragraphs[0]
        for i, line in enumerate(lines):
            if i:
                p = cell.add_paragraph()
            if align is not None:
                p.alignment = align
            if line:
                self.run(p, line, size=TABLE_PT, bold=bold, colour=colour)


def _page_setup(doc) -> None:
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Mm(PAGE_WIDTH_MM)
        section.page_height = Mm(PAGE_HEIGHT_MM)
        section.top_margin = Mm(MARGIN_TOP_MM)
        section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
        section.left_margin = Mm(MARGIN_LEFT_MM)
        section.right_margin = Mm(MARGIN_RIGHT_MM)
        section.header_distance = Mm(HEADER_FROM_TOP_MM - 5)
        section.footer_distance = Mm(FOOTER_FROM_BOTTOM_MM - 5)


def _add_page_field(w: _Writer, paragraph: Paragraph) -> None:
    """— PAGE — in the footer, as GB/T 9704 numbers pages."""
    w.run(paragraph, "— ", size=TABLE_PT)
    w.run(paragraph, "", size=TABLE_PT)
    run = paragraph.runs[-1]
    for tag, attrs in (
        ("w:fldChar", {"w:fldCharType": "begin"}),
        ("w:instrText", {}),
        ("w:fldChar", {"w:fldCharType": "separate"}),
        ("w:t", {}),
        ("w:fldChar", {"w:fldCharType": "end"}),
    ):
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        if tag == "w:instrText":
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        elif tag == "w:t":
            el.text = "1"
        run._r.append(el)
    w.run(paragraph, " —", size=TABLE_PT)


def _header_footer(w: _Writer, c: SheetContent) -> None:
    for section in w.doc.sections:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        w.run(header, c.serial_line, size=TABLE_PT)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_page_field(w, footer)


def _fixed_table(doc, rows: int, widths_mm: tuple[float, ...], style: str | None) -> Table:
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    if style:
        table.style = doc.styles[style]  # a style object: setting it by name searches by xpath
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(sum(widths_mm) / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")
    tbl_pr.append(width)
    for col, mm in zip(table.columns, widths_mm):
        col.width = Mm(mm)
    for row in table.rows:
        for cell, mm in zip(row.cells, widths_mm):
            cell.width = Mm(mm)
    return table


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _fields_table(w: _Writer, c: SheetContent) -> None:
    table = _fixed_table(w.doc, len(c.fields), FIELD_WIDTHS_MM, "Table Grid")
    for row, (label, value) in zip(table.rows, c.fields):
        label_cell, value_cell = row.cells
        _shade(label_cell, HEADER_FILL)
        w.cell_text(label_cell, label, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        w.cell_text(value_cell, value)


def _materials_table(w: _Writer, c: SheetContent) -> None:
    table = _fixed_table(w.doc, 1 + len(c.materials), MATERIAL_WIDTHS_MM, "Table Grid")
    rows = table.rows
    _repeat_header(rows[0])
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for cell, text in zip(rows[0].cells, MATERIAL_HEADERS):
        _shade(cell, HEADER_FILL)
        w.cell_text(cell, text, bold=True, align=centre)
    for row, material in zip(rows[1:], c.materials):
        cells = row.cells
        for i, (cell, text) in enumerate(zip(cells, material.cells())):
            is_status = i == 5
            w.cell_text(
                cell,
                text,
                bold=is_status and material.missing,
                colour=MISSING_COLOUR if is_status and material.missing else None,
                align=centre if i in (0, 2, 3, 4) else None,
            )
            if material.missing:
                _shade(cell, MISSING_FILL)


def _qr_block(w: _Writer, c: SheetContent) -> None:
    """QR code with its caption on the left, the centre and date (落款) on the right."""
    table = _fixed_table(w.doc, 1, QR_BLOCK_WIDTHS_MM, None)
    qr_cell, closing_cell = table.rows[0].cells
    if c.rating_url:
        p = qr_cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(io.BytesIO(qr_png(c.rating_url)), width=Mm(QR_WIDTH_MM))
        caption = qr_cell.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        w.run(caption, c.qr_caption, size=TABLE_PT - 1.5)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    p = closing_cell.paragraphs[0]
    p.alignment = right
    p.paragraph_format.space_before = Pt(BODY_PT * 3)
    for i, line in enumerate(c.closing):
        if i:
            p = closing_cell.add_paragraph()
            p.alignment = right
        w.run(p, line)


def write_docx(
    sheet: Sheet, path: Path, *, title_font: str = "黑体", body_font: str = "仿宋"
) -> None:
    """Write ``sheet`` as an A4 .docx at ``path`` (overwritten)."""
    c = sheet_content(sheet)
    doc = Document()
    normal = doc.styles["Normal"]
    _set_fonts(normal.element, body_font)
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.25
    _page_setup(doc)
    w = _Writer(doc, title_font, body_font)
    _header_footer(w, c)

    first = doc.paragraphs[0] if doc.paragraphs else w.para()
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    w.run(first, c.title, size=TITLE_PT, font=title_font)
    first.paragraph_format.space_after = Pt(12)

    w.para(c.salutation)
    w.para(c.intro, indent=True)
    w.para()
    _fields_table(w, c)
    w.para(c.materials_heading, bold=True, font=title_font).paragraph_format.space_before = Pt(8)
    _materials_table(w, c)
    if c.deadline_line:
        p = w.para()
        p.paragraph_format.space_before = Pt(6)
        w.run(p, c.deadline_line, bold=True, colour=MISSING_COLOUR)
    for section in c.sections:
        heading = w.para(section.heading, bold=True, font=title_font)
        heading.paragraph_format.space_before = Pt(6)
        for text in section.paragraphs:
            w.para(text, indent=True)
    if c.note_heading:
        heading = w.para(c.note_heading, bold=True, font=title_font)
        heading.paragraph_format.space_before = Pt(6)
        for text in c.note.split("\n"):
            w.para(text, indent=True)
        if c.commitment_signature:
            w.para(c.commitment_signature).paragraph_format.space_before = Pt(12)
    first_signature = True
    for line in c.signatures:
        p = w.para(line)
        p.paragraph_format.space_before = Pt(18 if first_signature else 10)
        first_signature = False
    _qr_block(w, c)
    if c.contact_line:
        p = w.para(c.contact_line, size=TABLE_PT)
        p.paragraph_format.space_before = Pt(6)
    doc.save(str(path))
