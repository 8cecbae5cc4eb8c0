"""Render the 办件台账 to PNGs, for the docs:
``python docs/tools/ledger_screenshots.py [OUT_DIR]`` (default ``docs/screenshots``).

A fresh temporary database with the bundled catalog and the demonstration agreements
(``catalog/tiexi_crossregion.json``, marked 示例), and a few made-up cases taken through the core
(one outbound 跨域通办 case from 收件 to 领取 with a corrected waybill, an overdue 容缺 case, a
补正 case, a 作废 one). Writes the ledger (every date) and the outbound case's detail with its
timeline, both at 1366×768. Runs headless (QT_QPA_PLATFORM=offscreen unless a display is set).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

SIZE = (1366, 768)
DEMO = ROOT / "catalog" / "tiexi_crossregion.json"
LOAN = "000920012000"  # 个人创业担保贷款申请 (铁东区 agreement)
COMPANY = "001701001000"  # 企业设立登记
OWNED = {"company_type": "有限责任公司", "premises": "自有房产", "agent": "否"}
ALL = {"企业登记（备案）申请书", "公司章程", "法定代表人、董事、监事和经理的任职文件",
       "不动产权证书", "股东（投资人、合伙人）主体资格证明"}  # fmt: skip
LEASED = {"company_type": "有限责任公司", "premises": "租赁房产", "agent": "否"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from ui.app import create_application  # isort: skip
    from ui.cases.cases_view import CasesDialog  # isort: skip
    from window_assistant.accounts import INSTALLER
    from window_assistant.cases.ids import id_check_digit
    from window_assistant.cases.lifecycle import record_step
    from window_assistant.cases.model import CaseRequest
    from window_assistant.cases.registration import CaseService
    from window_assistant.crossregion.service import apply_import, preview_import
    from window_assistant.services import open_services
    from window_assistant.sheets.model import Person

    app = create_application(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shoot(widget, name: str) -> None:
        widget.resize(*SIZE)
        widget.show()
        for _ in range(3):
            app.processEvents()
        written.append(args.out / f"ledger-{name}-{SIZE[0]}x{SIZE[1]}.png")
        widget.grab().save(str(written[-1]))

    def person(name: str, n: int) -> Person:
        body = f"21030219850612{n:03d}"
        return Person(name, id_number=body + id_check_digit(body))

    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        svc = open_services(Path(tmp) / "shot.db")
        try:
            boss = svc.accounts.add_account(INSTALLER, "S01", "王主任", "supervisor", "pw-123456")
            clerk = svc.accounts.add_account(boss, "1003", "李明", "clerk", "2580")
            apply_import(svc, preview_import(svc, DEMO), boss)
            item = svc.catalog.item(LOAN)
            loan = {s.key: s.options[0] for s in item.situations}

            def register(at: datetime, code: str, answers, name: str, n: int, **kw):
                request = CaseRequest(
                    "item", code, answers=answers, applicant=person(name, n), **kw
                )
                return CaseService(svc, clock=lambda: at).register(request, clerk)

            def step(case, what: str, at: datetime, **fields):
                return record_step(svc, clerk, case.serial, what, fields, at)

            start = datetime.combine(today - timedelta(days=12), datetime.min.time())
            nine = start.replace(hour=9)
            out = register(nine, LOAN, loan, "张三", 1, kind="notice")
            step(out, "跨域收件", nine + timedelta(minutes=20), region="铁东区",
                 form_checked=True, identity_checked=True, note="材料齐全")  # fmt: skip
            sent = step(
                out, "寄出", nine + timedelta(days=1), courier="EMS", waybill="EA12345678CN"
            )
            step(out, "更正", nine + timedelta(days=1, hours=1), step=sent.steps[-1].id,
                 reason="运单号少录一位", fields={"waybill": "EA123456789CN"})  # fmt: skip
            step(out, "对方受理", nine + timedelta(days=2), number="铁东受〔2026〕58号")
            step(out, "办结", nine + timedelta(days=8), result="准予贷款")
            step(out, "结果寄回", nine + timedelta(days=9), courier="EMS", waybill="EA987654321CN")
            step(out, "领取", nine + timedelta(days=11), recipient="张三", signed=True)

            late = register(
                nine + timedelta(hours=1), COMPANY, LEASED, "李四", 2,
                brought={"企业登记（备案）申请书", "公司章程", "法定代表人、董事、监事和经理的任职文件",
                         "股东（投资人、合伙人）主体资格证明"},
                outcome="rongque",
            )  # fmt: skip
            del late
            register(nine + timedelta(days=3), COMPANY, LEASED, "王五", 3, brought=set(),
                     kind="correction")  # fmt: skip
            wrong = register(nine + timedelta(days=4), COMPANY, OWNED, "赵六", 4, kind="notice")
            step(wrong, "作废", nine + timedelta(days=4, minutes=5), reason="重复登记")
            for n, name in enumerate(("孙七", "周八", "吴九"), start=5):
                done = register(nine + timedelta(days=5 + n), COMPANY, OWNED, name, n,
                                outcome="受理", brought=ALL)  # fmt: skip
                step(done, "办结", nine + timedelta(days=6 + n), result="准予登记")

            view = CasesDialog(svc, clerk)
            view.dates_check.setChecked(False)
            shoot(view, "list")
            serials = [r.serial for r in view.model.rows]
            view.table.selectRow(serials.index(out.serial))
            detail = view.open_detail()
            assert detail is not None
            shoot(detail, "case-timeline")
            detail.close()
            view.close()
        finally:
            svc.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
