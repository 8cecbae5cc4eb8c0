"""Page counts of every sheet kind for every item and bundle of the bundled catalog:
``python docs/tools/sheet_pages.py [--docx] [--json FILE] [--catalog FILE]``.

For each item and 一件事 it builds, with the core (``sheets.build``), the sheets a window prints,
each situation answered with its first option: the 一次性告知书 (咨询), the 一次性补正告知书 with
every necessary material missing, the 容缺受理承诺书 with its 容缺受理通知书 when a material
may follow, and the 收件回执 of a 受理 with every material the applicant brings (not those
shared as 电子证照), for an applicant with name, ID number and phone and an agent (免申即享
items print the 告知书 only). Each is written as PDF by the Qt writer and, with ``--docx``, as
.docx converted by LibreOffice (``soffice`` on the PATH); the pages are counted in the PDF.
Prints the distribution per kind, every sheet longer than two pages (one page is the norm for
an item, two at most; a bundle's guide sheet is its second page), every receipt longer than
one page (a receipt is one page at the counter) and every PDF whose last page holds nothing but
the signatures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere

KINDS = ("notice", "correction", "rongque", "receipt")
URL = "http://192.168.10.20:8765/r/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGh"  # a realistic QR


def sheets(catalog_path: Path | None):
    """(subject kind, code, name, sheet kind, Sheet) for every sheet the catalog gives."""
    from window_assistant.cases.serials import format_serial
    from window_assistant.catalog.io import read_catalog
    from window_assistant.catalog.model import Catalog
    from window_assistant.errors import UserError
    from window_assistant.sheets.build import (
        SheetContext,
        Subject,
        build_sheet,
        merged_materials,
        no_application,
        rongque_supply_dates,
        situations,
        tracked_status,
    )
    from window_assistant.sheets.decisions import build_receipt
    from window_assistant.sheets.model import MISSING, RONGQUE_LATER, Person
    from window_assistant.vocab import Outcome, SheetKind, SubjectKind
    from window_assistant.workdays import load_calendar

    root = Path(__file__).resolve().parents[2]
    catalog: Catalog = read_catalog(catalog_path or root / "catalog" / "tiexi_catalog.json")
    calendar = load_calendar()
    items = catalog.item_map()
    today = date(2026, 3, 2)
    subjects = [Subject(SubjectKind.ITEM, i.code, i.name, [i]) for i in catalog.items]
    subjects += [
        Subject(SubjectKind.BUNDLE, b.code, b.name, [items[c] for c in b.items if c in items])
        for b in catalog.bundles
    ]
    for subject in subjects:
        answers = {s.key: s.options[0] for s in situations(subject) if s.options}
        materials = merged_materials(subject, answers)
        statuses = {m.name: tracked_status(m, set()) for m in materials}
        everything = {m.name for m in materials if not m.shareable}
        plans: list[tuple[SheetKind, set[str]]] = [(SheetKind.NOTICE, set())]
        if not no_application(subject):
            if MISSING in statuses.values():
                plans.append((SheetKind.CORRECTION, set()))
            if RONGQUE_LATER in statuses.values():
                later = {n for n, s in statuses.items() if s == RONGQUE_LATER}
                plans.append((SheetKind.RONGQUE, everything - later))
            if everything:
                plans.append((SheetKind.RECEIPT, everything))
        for kind, brought in plans:
            context = SheetContext(
                serial=format_serial("铁西政服", kind, 2026, 123),
                issued_at=datetime(2026, 3, 2, 9, 30),
                centre="鞍山市铁西区政务服务中心",
                centre_address="辽宁省鞍山市铁西区建国大道西段188号",
                centre_phone="0412-8888123",
                complaint_phone="12345",
                window="1号综合窗口",
                clerk="王晓丽",
                hours="周一至周五 8:30-11:30 13:00-17:00（法定节假日除外）",
                applicant=Person("张三", id_number="11010519491231002X", phone="13812341234"),
                agent=(
                    Person("李四", id_number="21030219850312123X", phone="13912345678")
                    if kind == SheetKind.RECEIPT
                    else None
                ),
                rating_url=URL,
                delivery="窗口领取；需要邮寄送达的，请在受理时告知窗口工作人员。",
                correction_commitment="本中心实行一次性告知制度。",
                lapse="逾期未补正的，本次申请终止办理，已收材料退还申请人；申请人可以重新提出申请。",
            )
            supply = rongque_supply_dates(subject, answers, today, calendar, 5)
            try:
                if kind == SheetKind.RECEIPT:
                    receipt = build_receipt(
                        subject,
                        answers,
                        brought,
                        context,
                        outcome=Outcome.ACCEPTED,
                        case_serial="铁西政服受〔2026〕123号",
                    )
                    yield subject.kind.value, subject.code, subject.name, kind.value, receipt
                    continue
                sheet = build_sheet(
                    subject,
                    answers,
                    brought,
                    kind,
                    context,
                    outcome="consulted" if kind == SheetKind.NOTICE else None,
                    deadline=calendar.add(today, 5),
                    supply_dates=supply,
                )
            except UserError as exc:
                print(f"  {subject.code} {kind.value}: {exc.message}", file=sys.stderr)
                continue
            yield subject.kind.value, subject.code, subject.name, kind.value, sheet


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def signatures_alone(path: Path, sheet) -> bool:
    """Whether the PDF's last page, beyond the first, shows nothing but the signature lines
    (its serial and page number aside): the 落款 alone, which pagination must never leave."""
    from pypdf import PdfReader

    from window_assistant.sheets.content import sheet_content

    pages = PdfReader(str(path)).pages
    if len(pages) < 2:
        return False
    content = sheet_content(sheet)
    text = "".join(pages[-1].extract_text().split())
    for line in (content.serial_line, f"—{len(pages)}—", *content.signatures, *content.closing):
        text = text.replace("".join(line.split()), "")
    return not text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docx", action="store_true", help="also .docx through LibreOffice")
    parser.add_argument("--json", type=Path, help="write every count here")
    parser.add_argument("--catalog", type=Path, help="another catalog file")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.render.pdf import write_pdf
    from window_assistant.sheets.docx import write_docx

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for n, (subject_kind, code, name, kind, sheet) in enumerate(sheets(args.catalog)):
            stem = f"{n:04d}-{kind}"
            write_pdf(sheet, out / f"{stem}.pdf", title_font="黑体", body_font="仿宋")
            row = {"subject": subject_kind, "code": code, "name": name, "kind": kind}
            row["pdf"] = pdf_pages(out / f"{stem}.pdf")
            row["alone"] = signatures_alone(out / f"{stem}.pdf", sheet)
            if args.docx:
                (out / "docx").mkdir(exist_ok=True)
                write_docx(sheet, out / "docx" / f"{stem}.docx")
            rows.append(row)
        if args.docx:
            soffice = shutil.which("soffice") or shutil.which("libreoffice")
            if soffice is None:
                print("soffice not found: no .docx counts", file=sys.stderr)
            else:
                conv = out / "docx-pdf"
                files = sorted((out / "docx").glob("*.docx"))
                subprocess.run(
                    [
                        soffice,
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        str(conv),
                        *map(str, files),
                    ],
                    check=True,
                    capture_output=True,
                )
                for row, f in zip(rows, files):
                    row["docx"] = pdf_pages(conv / f"{f.stem}.pdf")
    report(rows, args.docx)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def report(rows: list[dict], docx: bool) -> None:
    formats = ["pdf", "docx"] if docx else ["pdf"]
    print("| sheet | of | format | 1 page | 2 pages | 3 pages | 4+ pages | sheets |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for kind in KINDS:
        for subject in ("item", "bundle"):
            chosen = [r for r in rows if r["kind"] == kind and r["subject"] == subject]
            for fmt in formats:
                counts = Counter(min(r.get(fmt, 0), 4) for r in chosen if fmt in r)
                if not counts:
                    continue
                cells = " | ".join(str(counts.get(p, 0)) for p in (1, 2, 3, 4))
                print(f"| {kind} | {subject} | {fmt} | {cells} | {sum(counts.values())} |")
    long = [r for r in rows if any(r.get(f, 0) > 2 for f in formats) and r["subject"] == "item"]
    long += [r for r in rows if r["kind"] == "receipt" and any(r.get(f, 0) > 1 for f in formats)]
    alone = [r for r in rows if r.get("alone")]
    print(f"PDFs whose last page holds only the signatures: {len(alone)}")
    for r in alone:
        print(f"  signatures alone: {r['code']} {r['name']} {r['kind']} (pdf {r['pdf']})")
    for r in long:
        pages = ", ".join(f"{f} {r[f]}" for f in formats if f in r)
        more = "one page" if r["kind"] == "receipt" else "2 pages"
        print(f"  more than {more}: {r['code']} {r['name']} {r['kind']} ({pages})")


if __name__ == "__main__":
    raise SystemExit(main())
