"""Notification sheets: median time per sheet for .docx and PDF over the whole bundled catalog.

One 一次性告知书 per catalog item (built with ``sheets.build_sheet``, all materials, a rating URL).
Baselines, measured in the same run on the same sheets: (a) python-docx writing the same text
paragraphs and table rows with no page set-up, fonts, shading, header or QR code; (b) a
QTextDocument of the same text and rows as plain HTML, printed to a QPdfWriter with ``print_``.
Targets (issue 3, point 8): docx ≤ 1.5× its baseline, PDF ≤ 2× its baseline.
"""

from __future__ import annotations

import html
import os
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

import common

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from docx import Document  # noqa: E402
from PySide6.QtGui import QGuiApplication, QPdfWriter, QTextDocument  # noqa: E402

from ui.render.pdf import write_pdf  # noqa: E402
from window_assistant.cases.tokens import SerialRef, issue_token, rating_url  # noqa: E402
from window_assistant.catalog.model import Catalog  # noqa: E402
from window_assistant.sheets.build import SheetContext, Subject, build_sheet  # noqa: E402
from window_assistant.sheets.content import MATERIAL_HEADERS, sheet_content  # noqa: E402
from window_assistant.sheets.docx import write_docx  # noqa: E402
from window_assistant.sheets.model import Person  # noqa: E402

ROUNDS = 3
SECRET = "00112233445566778899aabbccddeeff"


def catalog_sheets():
    import json

    path = common.ROOT / "catalog" / "tiexi_catalog.json"
    catalog = Catalog.from_dict(json.loads(path.read_text(encoding="utf-8")))
    issued = datetime(2026, 3, 5, 9, 30)
    out = []
    for n, item in enumerate(catalog.items, 1):
        token = issue_token(SECRET, SerialRef("告", 2026, n), 3, 7, issued)
        context = SheetContext(
            serial=f"铁西政服告〔2026〕{n:06d}号",
            issued_at=issued,
            centre="鞍山市铁西区政务服务中心",
            centre_address="鞍山市铁西区建国大道西段188号",
            centre_phone="0412-8866000",
            complaint_phone="12345",
            window="3号综合窗口",
            clerk="李晓梅",
            applicant=Person("王建国", id_number="210302198503121236", phone="13812345678"),
            rating_url=rating_url("192.168.1.20", 8765, token),
        )
        subject = Subject("item", item.code, item.name, [item])
        out.append(build_sheet(subject, {}, set(), "notice", context))
    return out


def baseline_docx(content, path: Path) -> None:
    doc = Document()
    texts = content.all_text()
    for text in texts[:4]:
        doc.add_paragraph(text)
    table = doc.add_table(rows=1 + len(content.materials), cols=len(MATERIAL_HEADERS))
    rows = table.rows
    for cell, text in zip(rows[0].cells, MATERIAL_HEADERS):
        cell.text = text
    for row, material in zip(rows[1:], content.materials):
        for cell, text in zip(row.cells, material.cells()):
            cell.text = text
    for text in texts[4:]:
        doc.add_paragraph(text)
    doc.save(str(path))


def baseline_pdf(content, path: Path) -> None:
    texts = content.all_text()
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(t)}</td>" for t in m.cells()) + "</tr>"
        for m in content.materials
    )
    head = "<tr>" + "".join(f"<td>{h}</td>" for h in MATERIAL_HEADERS) + "</tr>"
    body = "".join(f"<p>{html.escape(t)}</p>" for t in texts[:4])
    body += f"<table border='1'>{head}{rows}</table>"
    body += "".join(f"<p>{html.escape(t)}</p>" for t in texts[4:])
    doc = QTextDocument()
    doc.setHtml(body)
    writer = QPdfWriter(str(path))
    doc.print_(writer)
    del writer


def per_sheet_ms(fn, sheets, folder: Path, suffix: str) -> float:
    times = []
    for _ in range(ROUNDS):
        for n, sheet in enumerate(sheets):
            start = time.perf_counter()
            fn(sheet, folder / f"{n}{suffix}")
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    QGuiApplication.instance() or QGuiApplication([])
    sheets = catalog_sheets()
    contents = {id(s): sheet_content(s) for s in sheets}
    rows = sum(len(s.materials) for s in sheets)
    print(
        f"{len(sheets)} sheets (one per catalog item), {rows} material rows, median of {ROUNDS} rounds"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_pdf(sheets[0], folder / "warm.pdf", title_font="黑体", body_font="仿宋")
        write_docx(sheets[0], folder / "warm.docx")
        figures = {
            "docx": per_sheet_ms(lambda s, p: write_docx(s, p), sheets, folder, ".docx"),
            "docx baseline": per_sheet_ms(
                lambda s, p: baseline_docx(contents[id(s)], p), sheets, folder, ".b.docx"
            ),
            "pdf": per_sheet_ms(
                lambda s, p: write_pdf(s, p, title_font="黑体", body_font="仿宋"),
                sheets,
                folder,
                ".pdf",
            ),
            "pdf baseline": per_sheet_ms(
                lambda s, p: baseline_pdf(contents[id(s)], p), sheets, folder, ".b.pdf"
            ),
        }
    for name, ms in figures.items():
        print(f"  {name:<14} {ms:7.1f} ms per sheet")
    for kind, target in (("docx", 1.5), ("pdf", 2.0)):
        ratio = figures[kind] / figures[f"{kind} baseline"]
        verdict = "met" if ratio <= target else "NOT met"
        print(f"{kind}: {ratio:.2f}× its baseline (target ≤ {target}×): {verdict}")


if __name__ == "__main__":
    main()
