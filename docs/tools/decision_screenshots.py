"""Screenshots of the 受理通知书, 不予受理通知书 and 收件回执 as the clerk prints them (PDF, Qt)
and as Word shows them (.docx rendered by LibreOffice): ``python docs/tools/decision_screenshots.py``.

Registers two cases of 企业设立登记 on a fresh temporary database (rating by phone on, so the
QR code is there), writes each paper as .pdf and .docx, and renders page 1 of each to
``docs/screenshots/sheet-<kind>-<pdf|docx>.png`` with pdftoppm (and soffice for the .docx).
Prints each file's page count. Needs poppler-utils; without LibreOffice (``soffice``) the .docx
pictures are left as they are and said so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.samples import COMPANY, COMPANY_ALL_BROUGHT, COMPANY_OWNED  # noqa: E402
from window_assistant.accounts import INSTALLER  # noqa: E402
from window_assistant.cases.registration import CaseRequest, CaseService  # noqa: E402
from window_assistant.services import open_services  # noqa: E402
from window_assistant.sheets.model import Person  # noqa: E402
from window_assistant.sheets.writers import writer_for  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
REASON = (
    "申请事项依法不属于本机关职权范围：所设公司的登记机关为鞍山市市场监督管理局，请向该局申请。"
)


def _png(pdf: Path, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf), str(stem)], check=True)


def _pages(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_services(folder / "wa.db") as svc:
            svc.settings.change(INSTALLER, {"rating.host": "192.168.1.20", "rating.by_phone": True})
            cases = CaseService(svc, clock=lambda: datetime(2026, 12, 2, 9, 40))
            applicant = Person("张晓梅", id_number="11010519491231002X", phone="13812341234")
            base = {
                "answers": dict(COMPANY_OWNED),
                "brought": set(COMPANY_ALL_BROUGHT),
                "applicant": applicant,
            }
            accepted = cases.register(
                CaseRequest("item", COMPANY, **base, outcome="受理", receipt=True),
                svc.default_clerk(),
            )
            refused = cases.register(
                CaseRequest("item", COMPANY, **base, outcome="不予受理", reason=REASON),
                svc.default_clerk(),
            )
            papers = [accepted.sheet, accepted.papers[0].sheet, refused.sheet]
            for sheet in papers:
                for suffix in (".pdf", ".docx"):
                    path = folder / f"{sheet.kind}{suffix}"
                    writer_for(path)(sheet, path, title_font="黑体", body_font="仿宋")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        for sheet in papers:
            pdf, docx = folder / f"{sheet.kind}.pdf", folder / f"{sheet.kind}.docx"
            _png(pdf, OUT / f"sheet-{sheet.kind}-pdf.png")
            if soffice is None:
                print(f"{sheet.title}: PDF {_pages(pdf)} 页, .docx 未渲染 (no soffice)")
                continue
            rendered = folder / "lo"
            subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(rendered), str(docx)],
                check=True, capture_output=True,
            )  # fmt: skip
            _png(rendered / pdf.name, OUT / f"sheet-{sheet.kind}-docx.png")
            print(
                f"{sheet.title}: PDF {_pages(pdf)} 页, .docx (LibreOffice) {_pages(rendered / pdf.name)} 页"
            )


if __name__ == "__main__":
    main()
