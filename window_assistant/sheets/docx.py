"""A notification sheet as a Word document (python-docx), laid out like the PDF.

Pitfalls handled here: python-docx's default template is US Letter, so A4 and the GB/T 9704
margins are set on the section; Word picks the font for Chinese from ``w:eastAsia`` only, so it
is set on the Normal style and on every run (otherwise Chinese falls back to another face);
tables have fixed column widths, all borders, a header row repeated on each page, and rows that
never split across pages (``w:cantSplit``); the signatures, the 落款 and the seal box keep with
what precedes them (``w:keepNext``), so they never stand alone on the last page (GB/T 9704
§7.3.5). A second instrument (``SheetContent.appendix``) starts on a new page.

Speed (issue 3, point 8): everything that is the same on every sheet (styles, page set-up, the
footer with its page field) is made once per process with python-docx and kept as package bytes;
a sheet opens those bytes and gets its body as one WordprocessingML fragment written from strings
and parsed once, which costs a fraction of python-docx's element-by-element ``add_*`` calls.
"""

from __future__ import annotations

import io
from functools import lru_cache, partial
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from window_assistant.sheets.content import (
    BODY_PT,
    FIELD_WIDTHS_MM,
    FOOTER_FROM_BOTTOM_MM,
    HEADER_FILL,
    HEADER_FROM_TOP_MM,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MISSING_COLOUR,
    MISSING_FILL,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    TABLE_PT,
    TITLE_PT,
    SheetContent,
    sheet_content,
)
from window_assistant.sheets.model import Sheet
from window_assistant.sheets.qr import qr_png

CANT_SPLIT = "<w:trPr><w:cantSplit/></w:trPr>"  # a table row never splits across pages
TABLE_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0"'
    ' w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)


def _attr(value: str) -> str:
    return xml_escape(value, {'"': "&quot;"})


def _twips(points: float) -> int:
    return Pt(points).twips


class _Body:
    """WordprocessingML for the body, as strings: runs carry all four rFonts slots."""

    def __init__(self, title_font: str, body_font: str) -> None:
        self.title_font = title_font
        self.body_font = body_font
        self._rpr: dict[tuple, str] = {}
        self.parts: list[str] = []
        self.table_pt = TABLE_PT  # the sheet's (SheetContent.table_pt)
        # Layout 3 (one page the norm): table text at 1.15 lines and cell margins of 1 mm, near
        # the PDF's, instead of the Normal style's 1.25 lines and Word's 1.9 mm.
        self.tight = False

    def rpr(self, font: str, size: float, bold: bool, colour: str | None) -> str:
        key = (font, size, bold, colour)
        rpr = self._rpr.get(key)
        if rpr is None:
            name = _attr(font)
            fonts = "".join(f' w:{slot}="{name}"' for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
            half_points = round(size * 2)
            rpr = self._rpr[key] = (
                f"<w:rPr><w:rFonts{fonts}/>"
                + ("<w:b/><w:bCs/>" if bold else "")
                + (f'<w:color w:val="{colour}"/>' if colour else "")
                + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
            )
        return rpr

    def run(self, text: str, *, size: float = BODY_PT, bold=False, font=None, colour=None) -> str:
        """A run as python-docx writes one: tabs and line breaks become w:tab and w:br."""
        out = ["<w:r>", self.rpr(font or self.body_font, size, bold, colour)]
        if "\t" in text or "\n" in text or "\r" in text:
            chunk: list[str] = []
            for char in text + "\0":
                if char in "\t\r\n\0":
                    out.append(_text("".join(chunk)))
                    chunk.clear()
                    if char != "\0":
                        out.append("<w:tab/>" if char == "\t" else "<w:br/>")
                else:
                    chunk.append(char)
        else:
            out.append(_text(text))
        out.append("</w:r>")
        return "".join(out)

    def para(
        self,
        text: str = "",
        *,
        size: float = BODY_PT,
        bold=False,
        font=None,
        colour=None,
        before: float | None = None,
        after: float | None = None,
        indent=False,
        align: str | None = None,
        runs: str = "",
        keep_next=False,
        snug=False,
    ) -> str:
        ppr = _ppr(before, after, _twips(size * 2) if indent else None, align, keep_next, snug)
        if text:
            runs += self.run(text, size=size, bold=bold, font=font, colour=colour)
        return f"<w:p>{ppr}{runs}</w:p>" if ppr or runs else "<w:p/>"

    def add(self, *xml: str) -> None:
        self.parts.extend(xml)

    def cell(
        self,
        width_mm: float,
        text: str,
        *,
        fill=None,
        bold=False,
        colour=None,
        align=None,
        keep_next=False,
        span=1,
    ):
        """A table cell, one paragraph per line of ``text`` (a cell holds at least one);
        ``span`` columns wide."""
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        out = [
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{Mm(width_mm).twips}"/>{grid}{shading}'
            "</w:tcPr>"
        ]
        for line in text.split("\n") if text else [""]:
            out.append(
                self.para(
                    line,
                    size=self.table_pt,
                    bold=bold,
                    colour=colour,
                    align=align,
                    keep_next=keep_next,
                    snug=self.tight,
                )
            )
        out.append("</w:tc>")
        return "".join(out)


def _text(text: str) -> str:
    if not text:
        return ""
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{space}>{xml_escape(text)}</w:t>"


def _ppr(before, after, first_line, align, keep_next=False, snug=False) -> str:
    """Paragraph properties in schema order (keepNext, spacing, ind, jc); ``snug``: 1.15 lines
    (a table's text in layout 3) instead of the Normal style's 1.25."""
    spacing = "".join(
        f' w:{name}="{_twips(points)}"'
        for name, points in (("before", before), ("after", after))
        if points is not None
    )
    if snug:
        spacing += ' w:line="276" w:lineRule="auto"'  # 1.15 lines

    inner = (
        ("<w:keepNext/>" if keep_next else "")
        + (f"<w:spacing{spacing}/>" if spacing else "")
        + (f'<w:ind w:firstLine="{first_line}"/>' if first_line is not None else "")
        + (f'<w:jc w:val="{align}"/>' if align else "")
    )
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


CELL_MARGINS = (  # layout 3: 1 mm left and right in every cell (Word's default is 1.9 mm)
    f'<w:tblCellMar><w:left w:w="{Mm(1).twips}" w:type="dxa"/>'
    f'<w:right w:w="{Mm(1).twips}" w:type="dxa"/></w:tblCellMar>'
)


def _table(
    widths_mm: tuple[float, ...], rows: list[str], style: str | None, tight: bool = False
) -> str:
    """A centred table of fixed column widths (tblPr children in schema order); ``tight``:
    cell margins of 1 mm."""
    width = int(sum(widths_mm) / 25.4 * 1440)
    grid = "".join(f'<w:gridCol w:w="{Mm(mm).twips}"/>' for mm in widths_mm)
    return (
        "<w:tbl><w:tblPr>"
        + (f'<w:tblStyle w:val="{style}"/>' if style else "")
        + f'<w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        + '<w:tblLayout w:type="fixed"/>'
        + (CELL_MARGINS if tight else "")
        + f"{TABLE_LOOK}</w:tblPr>"
        + f"<w:tblGrid>{grid}</w:tblGrid>"
        + "".join(rows)
        + "</w:tbl>"
    )


def _fields_table(
    b: _Body, c: SheetContent, fields: list[tuple[str, str]] | None = None, keep_last=False
) -> str:
    """Label and text in two columns; ``keep_last``: the last row keeps with what follows (the
    落款 never goes to a page without it)."""
    label_mm, value_mm = FIELD_WIDTHS_MM
    pairs = c.fields if fields is None else fields
    rows = [
        f"<w:tr>{CANT_SPLIT}"
        + b.cell(label_mm, label, fill=HEADER_FILL, bold=True, align="center", keep_next=keep)
        + b.cell(value_mm, value, keep_next=keep)
        + "</w:tr>"
        for n, (label, value) in enumerate(pairs, 1)
        for keep in [keep_last and n == len(pairs)]
    ]
    return _table(FIELD_WIDTHS_MM, rows, "TableGrid", b.tight)


def _materials_table(b: _Body, c: SheetContent, keep_last: bool = False) -> str:
    """The materials table: a marked row (still to be brought) has its name and status in bold
    with the mark, besides the fill; ``keep_last``: the last material keeps with what follows
    (the signatures of a 收件回执 never go to a page without it)."""
    header = "".join(
        b.cell(mm, text, fill=HEADER_FILL, bold=True, align="center")
        for mm, text in zip(c.widths_mm, c.headers)
    )
    status = c.status_column
    rows = ['<w:tr><w:trPr><w:cantSplit/><w:tblHeader w:val="true"/></w:trPr>' + header + "</w:tr>"]
    for n, material in enumerate(c.materials, 1):
        missing = material.missing
        below = c.notes_below and bool(material.notes)
        keep = below or (keep_last and n == len(c.materials))
        fill = MISSING_FILL if missing else None
        cells = [
            b.cell(
                mm,
                text,
                fill=fill,
                bold=i in (1, status) and missing,
                colour=MISSING_COLOUR if i == status and missing else None,
                align="center" if i == 0 or 2 <= i < status else None,
                keep_next=keep,  # with its notes' row, or (the last) with what follows
            )
            for i, (mm, text) in enumerate(zip(c.widths_mm, material.cells()))
        ]
        rows.append(f"<w:tr>{CANT_SPLIT}" + "".join(cells) + "</w:tr>")
        if below:
            first, rest = c.widths_mm[0], sum(c.widths_mm[1:])
            last = keep_last and n == len(c.materials)
            notes = b.cell(first, "", fill=fill, keep_next=last) + b.cell(
                rest, material.notes, fill=fill, span=len(c.widths_mm) - 1, keep_next=last
            )
            rows.append(f"<w:tr>{CANT_SPLIT}{notes}</w:tr>")
    return _table(c.widths_mm, rows, "TableGrid", b.tight)


def _seal_box(b: _Body, c: SheetContent) -> str:
    """A bordered box (受理机关意见, the seal and date at its foot), kept in one piece."""
    lines = c.seal_box
    paragraphs = "".join(
        b.para(line, align="right" if i >= len(lines) - 2 else None, keep_next=i < len(lines) - 1)
        for i, line in enumerate(lines)
    )
    width = sum(FIELD_WIDTHS_MM)
    cell = (
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{Mm(width).twips}"/></w:tcPr>{paragraphs}</w:tc>'
    )
    return _table((width,), [f"<w:tr>{CANT_SPLIT}{cell}</w:tr>"], "TableGrid")


def _qr_block(b: _Body, c: SheetContent) -> str:
    """QR code with its caption on the left, the centre and date (落款) on the right; the
    picture goes into the empty w:drawing once the image part exists."""
    qr_mm, closing_mm = c.qr_block_mm
    qr_cell = f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{Mm(qr_mm).twips}"/></w:tcPr>'
    if c.rating_url:
        qr_cell += b.para(align="center", runs="<w:r><w:drawing/></w:r>")
    # Under a QR code the caption is small; alone it is the only word on where to rate.
    if c.rating_url:
        qr_cell += b.para(c.qr_caption, size=TABLE_PT - 1.5, align="center")
    else:  # beside the signatures (layout 2) a little smaller
        size = TABLE_PT if c.layout >= 2 else BODY_PT
        qr_cell += b.para(c.qr_caption, size=size, bold=True, align="center")
    closing = [b.para(line, align="right") for line in c.closing[1:]]
    first = b.para(c.closing[0] if c.closing else "", before=BODY_PT * 3, align="right")
    signed = ""
    if c.layout >= 2:  # the signatures beside the QR code, above the 落款: one block
        gap, before = (2, 2) if c.layout >= 3 else (4, 6)  # layout 3: one page the norm
        first = b.para(c.closing[0] if c.closing else "", before=before, align="right")
        lines = [t for t in (c.copies_line, *c.signatures) if t]
        signed = "".join(
            b.para(line, size=TABLE_PT, before=gap if i else 0) for i, line in enumerate(lines)
        )
    closing_cell = (
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{Mm(closing_mm).twips}"/></w:tcPr>'
        + signed
        + first
        + "".join(closing)
        + "</w:tc>"
    )
    row = f"<w:tr>{CANT_SPLIT}{qr_cell}</w:tc>{closing_cell}</w:tr>"
    return _table(c.qr_block_mm, [row], None)


def _body_xml(b: _Body, c: SheetContent) -> str:
    _add_body(b, c)
    return f"<w:body {nsdecls('w')}>{''.join(b.parts)}</w:body>"


def _add_body(b: _Body, c: SheetContent) -> None:
    # Headings keep with what follows: a heading alone at the foot of a page reads as an error.
    title = b.title_font
    heading = partial(b.para, bold=True, font=title, keep_next=True)
    b.table_pt = c.table_pt
    b.tight = c.layout >= 3
    compact = c.layout >= 2  # one page the norm
    space = 8 if not compact else 4 if not b.tight else 2
    after = 12 if not compact else 6 if not b.tight else 3
    b.add(b.para(c.title, size=TITLE_PT, font=title, after=after, align="center"))
    if c.salutation:
        b.add(b.para(c.salutation))
    b.add(b.para(c.intro, indent=True))
    if c.fields:
        b.add(*([] if compact else [b.para()]), _fields_table(b, c))
    # A 收件回执 ends with its signatures alone (no QR block, no 落款): they keep with the
    # 说明 and the last material before them, never alone on a page.
    signed_only = c.layout >= 2 and not (c.rating_url or c.qr_caption or c.closing)
    signed_only = signed_only and bool(c.signatures)
    if c.materials_heading:
        keep_last = signed_only and not (c.guide_heading or c.received_heading or c.note_heading)
        b.add(heading(c.materials_heading, before=space), _materials_table(b, c, keep_last))
    if c.deadline_line:
        b.add(
            b.para(c.deadline_line, bold=True, colour=MISSING_COLOUR, before=6, keep_next=compact)
        )
    # In layout 2 the body's last part (the guide's last row, the note's last paragraph) keeps
    # with the closing group, which then never stands alone on a page.
    last = c.layout >= 2 and not (c.received or c.sections or c.note_heading)
    if c.guide_heading:
        b.add(heading(c.guide_heading, before=space), _fields_table(b, c, c.guide, last))
    if c.received_heading:
        b.add(heading(c.received_heading, before=space), _fields_table(b, c, c.received))
    for section in c.sections:
        b.add(heading(section.heading, before=6))
        b.add(*(b.para(text, indent=True, keep_next=signed_only) for text in section.paragraphs))
    if c.note_heading:
        b.add(heading(c.note_heading, before=6))
        lines = c.note.split("\n")
        keep = c.layout >= 2
        b.add(
            *(
                b.para(t, indent=True, keep_next=keep and n == len(lines))
                for n, t in enumerate(lines, 1)
            )
        )
        if c.commitment_signature:
            b.add(b.para(c.commitment_signature, before=12, keep_next=bool(c.seal_box)))
    if c.seal_box:
        b.add(b.para(size=6, keep_next=True), _seal_box(b, c))
    # The 落款 keeps with what precedes it: the contact and copies lines, the signatures and the
    # QR block go to a page together (layout 2; layout 1 sheets as they were).
    keep = c.layout >= 2
    if c.contact_line:  # before the signatures: nothing short is left to fall onto a page alone
        b.add(b.para(c.contact_line, size=TABLE_PT, before=8, keep_next=keep))
    if c.copies_line and c.layout < 2:  # layout 2: beside the QR code, with the signatures
        b.add(b.para(c.copies_line, size=TABLE_PT, before=4, keep_next=True))
    # The signatures keep with each other and with the QR block: they go to a page together.
    for i, line in enumerate(c.signatures if c.layout < 2 else []):
        b.add(b.para(line, before=10 if i else 18, keep_next=True))
    if c.rating_url or c.qr_caption or c.closing:  # a 收件回执 has none of them
        b.add(_qr_block(b, c))
    elif signed_only:  # room to sign between the lines, kept together
        final = len(c.signatures) - 1
        b.add(*(b.para(t, before=12, keep_next=i < final) for i, t in enumerate(c.signatures)))
    if c.appendix is not None:
        b.add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        _add_body(b, c.appendix)


def _page_field(b: _Body) -> str:
    """— PAGE — in the footer, as GB/T 9704 numbers pages."""
    rpr = b.rpr(b.body_font, TABLE_PT, False, None)
    field = (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/>'
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>'
        '<w:fldChar w:fldCharType="separate"/><w:t>1</w:t><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return b.run("— ", size=TABLE_PT) + field + b.run(" —", size=TABLE_PT)


@lru_cache(maxsize=4)
def _template(body_font: str) -> bytes:
    """The parts every sheet shares, saved once per process: the Normal style with its fonts,
    A4 with GB/T 9704 margins, an empty right-aligned header paragraph and the page footer."""
    doc = Document()
    normal = doc.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), body_font)
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.25
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(HEADER_FROM_TOP_MM - 5)
    section.footer_distance = Mm(FOOTER_FROM_BOTTOM_MM - 5)
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in parse_xml(f"<w:p {nsdecls('w')}>{_page_field(_Body('', body_font))}</w:p>"):
        footer._p.append(run)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def write_docx(
    sheet: Sheet, path: Path, *, title_font: str = "黑体", body_font: str = "仿宋"
) -> None:
    """Write ``sheet`` as an A4 .docx at ``path`` (overwritten)."""
    c = sheet_content(sheet)
    doc = Document(io.BytesIO(_template(body_font)))
    b = _Body(title_font, body_font)
    header = doc.sections[0].header.paragraphs[0]._p
    header.append(parse_xml(f"<w:p {nsdecls('w')}>{b.run(c.serial_line, size=TABLE_PT)}</w:p>")[0])
    fragment = parse_xml(_body_xml(b, c))
    body = doc.element.body
    sect_pr = body.sectPr
    for child in list(fragment):
        sect_pr.addprevious(child)
    url = c.rating_url or (c.appendix.rating_url if c.appendix else "")
    if url:
        drawing = body.find(".//" + qn("w:drawing"))
        png = io.BytesIO(qr_png(url))
        drawing.append(doc.part.new_pic_inline(png, width=Mm(c.qr_mm)))
    doc.save(str(path))
