"""Pictures of every sheet kind for the README: ``python docs/tools/sheet_screenshots.py [OUT]``.

Registers, in a fresh temporary database with the bundled catalog, a 一次性告知书 (咨询, 内地居民
结婚登记), a 一次性补正告知书 with 补正意见 (企业设立登记), a 容缺受理承诺书 with its 容缺受理
通知书 and a 一件事's 告知书 with its guide sheet; writes each as PDF (the Qt writer) and as .docx
converted to PDF by LibreOffice (``soffice`` on the PATH, else skipped), and renders every page to
PNG with ``pdftoppm`` into OUT (default docs/screenshots/): ``sheet-<name>-<pdf|docx>-<page>.png``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere

DPI = "60"
LEASED = {"company_type": "有限责任公司", "premises": "租赁房产", "agent": "否"}
NECESSARY = {"企业登记（备案）申请书", "公司章程", "法定代表人、董事、监事和经理的任职文件"}


def requests():
    from window_assistant.cases.model import CaseRequest
    from window_assistant.sheets.model import Person

    person = Person("张三", id_number="11010519491231002X", phone="13812341234")
    return {
        "notice": CaseRequest("item", "000607001000", applicant=person, outcome="consulted"),
        "correction": CaseRequest(
            "item",
            "001701001000",
            answers=LEASED,
            brought={"企业登记（备案）申请书", "公司章程"},
            applicant=person,
            opinions={"公司章程": ("未签字", "第5页股东未签字")},
        ),
        "rongque": CaseRequest(
            "item", "001701001000", answers=LEASED, brought=set(NECESSARY), applicant=person
        ),
        "bundle": CaseRequest("bundle", "YJS003", applicant=person, outcome="consulted"),
    }


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.render.pdf import write_pdf
    from window_assistant.cases.registration import CaseService
    from window_assistant.services import open_services
    from window_assistant.sheets.docx import write_docx

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        services = open_services(work / "shots.db")
        cases = CaseService(services, clock=lambda: datetime(2026, 3, 2, 9, 30))
        for name, request in requests().items():
            case = cases.register(request, services.default_clerk())
            pdf = work / f"{name}-pdf.pdf"
            write_pdf(case.sheet, pdf, title_font="黑体", body_font="仿宋")
            made = [pdf]
            if soffice:
                docx = work / f"{name}-docx.docx"
                write_docx(case.sheet, docx)
                subprocess.run(
                    [
                        soffice,
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        str(work),
                        str(docx),
                    ],
                    check=True,
                    capture_output=True,
                )
                made.append(work / f"{name}-docx.pdf")
            for path in made:
                subprocess.run(
                    ["pdftoppm", "-r", DPI, "-png", str(path), str(out / f"sheet-{path.stem}")],
                    check=True,
                )
        services.close()
    for png in sorted(out.glob("sheet-*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
