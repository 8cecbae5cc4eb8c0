"""The monthly 好差评 report as a Word document, laid out like the sheets.

The page (A4, GB/T 9704 margins, the Normal style with ``w:eastAsia`` fonts, "— n —" in the
footer) and the WordprocessingML helpers are the sheets' own (``sheets.docx``), so a report and
a sheet from the same window look like one office's papers; only the blocks differ.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from window_assistant.ratings.report import (
    HEADING_PT,
    Chart,
    Heading,
    MonthlyReport,
    Paragraph,
    Table,
)
from window_assistant.sheets.content import BODY_PT, HEADER_FILL, TABLE_PT, TITLE_PT
from window_assistant.sheets.docx import _Body, _table, _template

CODE_FONT = "Consolas"  # a chain head: 0 and O, 1 and l told apart


def _table_xml(b: _Body, table: Table) -> str:
    header = "".join(
        b.cell(mm, text, fill=HEADER_FILL, bold=True, align="center")
        for mm, text in zip(table.widths_mm, table.header)
    )
    rows = ['<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>' + header + "</w:tr>"]
    for row in table.rows:
        rows.append(
            "<w:tr>"
            + "".join(b.cell(mm, text) for mm, text in zip(table.widths_mm, row))
            + "</w:tr>"
        )
    return _table(table.widths_mm, rows, "TableGrid")


def _body_xml(b: _Body, report: MonthlyReport) -> str:
    b.add(b.para(report.title, size=TITLE_PT, font=b.title_font, after=12, align="center"))
    for block in report.blocks:
        if isinstance(block, Heading):
            b.add(
                b.para(block.text, size=HEADING_PT, font=b.title_font, before=12, after=4,
                       keep_next=True)
            )  # fmt: skip
        elif isinstance(block, Paragraph):
            b.add(
                b.para(
                    block.text,
                    size=TABLE_PT if block.small else BODY_PT,
                    bold=block.bold,
                    indent=block.indent,
                    before=block.before or None,
                    keep_next=block.keep_next,
                    font=CODE_FONT if block.code else None,
                )
            )
        elif isinstance(block, Table):
            b.add(_table_xml(b, block))
        else:  # a chart: the picture goes into the empty w:drawing once its image part exists
            b.add(
                b.para(align="center", before=6, runs="<w:r><w:drawing/></w:r>", keep_next=True),
                b.para(block.caption, size=TABLE_PT, align="center", after=6),
            )
    return f"<w:body {nsdecls('w')}>{''.join(b.parts)}</w:body>"


def write_report_docx(
    report: MonthlyReport, path: Path, *, title_font: str = "黑体", body_font: str = "仿宋"
) -> None:
    """Write ``report`` as an A4 .docx at ``path`` (overwritten)."""
    doc = Document(io.BytesIO(_template(body_font)))
    b = _Body(title_font, body_font)
    header = doc.sections[0].header.paragraphs[0]._p
    header.append(
        parse_xml(f"<w:p {nsdecls('w')}>{b.run(report.header_line, size=TABLE_PT)}</w:p>")[0]
    )
    body = doc.element.body
    sect_pr = body.sectPr
    for child in list(parse_xml(_body_xml(b, report))):
        sect_pr.addprevious(child)
    chart_blocks = [block for block in report.blocks if isinstance(block, Chart)]
    for drawing, chart in zip(list(body.iter(qn("w:drawing"))), chart_blocks):
        drawing.append(doc.part.new_pic_inline(io.BytesIO(chart.png), width=Mm(chart.width_mm)))
    doc.core_properties.title = report.title
    doc.save(str(path))
