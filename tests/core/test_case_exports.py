"""The case ledger's exports (issue 12 §3) on real temporary databases: one row per case with
its state, steps, deadlines, overdue and cross-region side; personal data masked unless a
supervisor asks (audited); the GB/T 39046 办件 dataset's fields and time format."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime

import pytest
from python_calamine import CalamineWorkbook

from tests.core.test_case_lifecycle import (
    ID_NUMBER,
    LEASED,
    LOAN,
    _loan_answers,
    register,
    step,
)
from window_assistant.cases.exports import (
    GBT39046_HEADERS,
    HEADERS,
    export_gbt39046,
    export_ledger,
)
from window_assistant.cases.lifecycle import record_step
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.sheets.model import Person
from window_assistant.vocab import CaseFlow

COL = {h.split("(")[1].rstrip(")"): i for i, h in enumerate(HEADERS)}
ON = date(2026, 3, 30)
FLOW_LOCAL = CaseFlow.LOCAL.label


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


@pytest.fixture
def cases(services):
    settled = register(
        services, "2026-03-09T10:00", answers=LEASED, brought=set(), kind="correction"
    )
    step(services, settled, "补正收件", "2026-03-10T09:00")
    step(services, settled, "受理", "2026-03-10T09:10")
    step(services, settled, "办结", "2026-03-12T15:30", result="准予登记")
    late = register(services, "2026-03-11T10:00", outcome="受理")
    return settled, late


def test_the_ledger_csv_one_row_per_case_masked(services, cases, tmp_path):
    settled, late = cases
    out = export_ledger(services, tmp_path / "台账.csv", on=ON)
    rows = read_csv(out.path)
    assert rows[0] == HEADERS and out.rows == 2 and out.masked
    first, second = rows[1], rows[2]
    assert first[COL["serial"]] == settled.serial and first[COL["state"]] == "已办结"
    assert first[COL["steps"]].split(" → ")[0] == "收件 2026-03-09 10:00"
    assert "补正告知" in first[COL["steps"]] and "办结 2026-03-12 15:30" in first[COL["steps"]]
    assert first[COL["settled_at"]] == "2026-03-12 15:30:00" and first[COL["result"]] == "准予登记"
    # settled, not yet handed over: the 出件 limit (5 working days) passed by ON
    assert first[COL["due"]] == "2026-03-19" and first[COL["overdue"]] == "是"
    assert first[COL["flow"]] == FLOW_LOCAL
    assert second[COL["state"]] == "办理中" and second[COL["due"]] == late.sheet.promised_date
    assert second[COL["overdue"]] == ("是" if late.sheet.promised_date < ON.isoformat() else "否")
    assert second[COL["applicant"]] == "张*"
    assert second[COL["id_number"]] == "1101**********002X"
    text = out.path.read_text(encoding="utf-8-sig")
    assert ID_NUMBER not in text and "张三" not in text


def test_unmasked_only_for_a_supervisor_and_audited(set_up, tmp_path):
    svc = set_up
    boss = svc.accounts.authenticate("S01", "correct horse")
    clerk = svc.accounts.authenticate("1003", "2580")
    register(svc, "2026-03-11T10:00", outcome="受理")
    target = tmp_path / "台账.xlsx"
    with pytest.raises(PermissionDenied):
        export_ledger(svc, target, clerk, unmasked=True)
    with pytest.raises(UserError, match="负责人"):
        export_ledger(svc, target, None, unmasked=True)
    assert not target.exists()
    out = export_ledger(svc, target, boss, unmasked=True)
    sheet = CalamineWorkbook.from_path(str(target)).get_sheet_by_name("办件台账").to_python()
    assert sheet[0] == HEADERS and sheet[1][COL["applicant"]] == "张三"
    assert sheet[1][COL["id_number"]] == ID_NUMBER and not out.masked
    (detail,) = svc.store.execute(
        "SELECT detail FROM audit_log WHERE action = 'cases.export' AND actor = 'S01'"
    ).fetchone()
    entry = json.loads(detail)
    assert entry["masked"] is False and entry["rows"] == 1 and entry["format"] == "ledger-xlsx"
    assert ID_NUMBER not in detail and "张三" not in detail


def test_bad_input_changes_nothing(services, cases, tmp_path):
    before = services.store.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(UserError, match=".csv 或 .xlsx"):
        export_ledger(services, tmp_path / "台账.txt")
    with pytest.raises(UserError, match="晚于截止日期"):
        export_ledger(
            services, tmp_path / "a.csv", date_from=date(2026, 3, 2), date_to=date(2026, 3, 1)
        )
    assert services.store.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
    assert not [p for p in tmp_path.iterdir() if not p.name.startswith("wa.db")]


def test_the_period_keeps_the_cases_registered_in_it(services, cases, tmp_path):
    out = export_ledger(
        services, tmp_path / "a.csv", date_from=date(2026, 3, 10), date_to=date(2026, 3, 11)
    )
    assert out.rows == 1 and read_csv(out.path)[1][COL["serial"]] == cases[1].serial


def test_the_gbt39046_dataset(services, cases, tmp_path):
    settled, late = cases
    out = export_gbt39046(services, tmp_path / "办件.csv")
    rows = read_csv(out.path)
    assert rows[0] == GBT39046_HEADERS
    row = dict(zip(GBT39046_HEADERS, rows[1]))
    assert row["办件编号"] == settled.serial
    assert row["受理时间"] == "20260310T091000" and row["办结时间"] == "20260312T153000"
    assert row["办理结果"] == "准予登记" and row["办件状态"] == "已办结"
    assert row["申请人名称"] == "张*" and row["行政区划"] == services.settings.region_code
    other = dict(zip(GBT39046_HEADERS, rows[2]))
    assert other["办件状态"] == "办理中" and other["办结时间"] == ""
    assert other["承诺办结时间"] == late.sheet.promised_date.replace("-", "") + "T235959"
    assert other["申请人证件号码"] == "1101**********002X"


# -- the monthly 台账 report ------------------------------------------------------------------
def test_the_monthly_report_read_back_with_hand_computed_rates(set_up, tmp_path):
    from docx import Document

    from window_assistant.cases.report import write_ledger_report

    svc = set_up
    boss = svc.accounts.authenticate("S01", "correct horse")
    clerk = svc.accounts.authenticate("1003", "2580")
    # 4 applications in March: a corrected one settled, one accepted and settled at once,
    # one accepted still open, one refused; plus a consultation and a void case (not counted).
    corrected = register(svc, "2026-03-09T10:00", answers=LEASED, brought=set(), kind="correction")
    step(svc, corrected, "补正收件", "2026-03-10T09:00", clerk)
    step(svc, corrected, "受理", "2026-03-10T09:10", clerk)
    step(svc, corrected, "办结", "2026-03-12T09:00", clerk, result="准予登记")
    once = register(svc, "2026-03-11T10:00", outcome="受理")
    step(svc, once, "办结", "2026-03-12T10:00", clerk, result="准予登记")
    open_case = register(svc, "2026-03-12T10:00", outcome="受理")
    register(svc, "2026-03-13T10:00", outcome="不予受理", reason="不属于本机关职权")
    register(svc, "2026-03-13T11:00", kind="notice")
    void = register(svc, "2026-03-13T12:00", outcome="受理")
    step(svc, void, "作废", "2026-03-13T12:05", clerk, reason="误登记")
    register(svc, "2026-04-01T10:00", outcome="受理")  # another month
    with pytest.raises(PermissionDenied):
        write_ledger_report(svc, clerk, date(2026, 3, 1), tmp_path / "r.docx")
    out = tmp_path / "台账月报.docx"
    report = write_ledger_report(svc, boss, date(2026, 3, 1), out, today=date(2026, 3, 16))
    t = report.totals
    assert (t.cases, t.accepted, t.refused, t.settled, t.corrected) == (4, 3, 1, 2, 1)
    # 一次办结: 1 of 2 settled without 补正; 补正 1 of 4; 容缺 0 of 3 accepted
    assert (t.once_rate, t.correction_rate, t.rongque_rate) == (0.5, 0.25, 0.0)
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "一次办结率 50%" in text and "补正率 25%" in text and "容缺率 0%" in text
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    total = next(r for r in cells if r[0] == "合计")
    # 超期 2: the corrected case settled 03-12, after its promised 03-11 (1 working day from
    # 受理 03-10); the open one promised 03-13 is past it on 03-16
    assert total[1:] == ["4", "3", "1", "1", "0", "2", "2", "50%", "25%", "0%"]
    assert [f.serial for f in report.overdue] == [corrected.serial, open_case.serial]
    (detail,) = svc.store.execute(
        "SELECT detail FROM audit_log WHERE action = 'cases.report'"
    ).fetchone()
    assert json.loads(detail)["month"] == "2026-03"


@pytest.fixture
def partners(set_up):
    """The demo partner agreements imported (铁东区 among them)."""
    from tests.core.test_crossregion import DEMO_JSON
    from window_assistant.crossregion.service import apply_import, preview_import

    boss = set_up.accounts.authenticate("S01", "correct horse")
    apply_import(set_up, preview_import(set_up, DEMO_JSON), boss)
    return set_up


def test_cross_region_cases_in_their_export_and_by_partner_in_the_report(partners, tmp_path):
    from window_assistant.cases.lifecycle import receive_inbound
    from window_assistant.cases.report import build_ledger_report

    svc = partners
    clerk = svc.accounts.authenticate("1003", "2580")
    boss = svc.accounts.authenticate("S01", "correct horse")
    register(svc, "2026-03-09T09:00", outcome="受理")  # local: not in the cross-region export
    out_case = CaseService(svc, clock=lambda: datetime(2026, 3, 9, 10)).register(
        CaseRequest("item", LOAN, answers=_loan_answers(svc), kind="notice"), clerk
    )
    record_step(
        svc, clerk, out_case.serial, "跨域收件",
        {"region": "铁东区", "form_checked": "是", "identity_checked": "是"},
        datetime(2026, 3, 9, 10, 10),
    )  # fmt: skip
    inbound = receive_inbound(
        svc, clerk, "铁东区", LOAN, "铁东收〔2026〕8号", Person("王五", id_number=ID_NUMBER),
        datetime(2026, 3, 10, 10),
    )  # fmt: skip
    done = export_ledger(svc, tmp_path / "跨域.csv", crossregion=True, on=date(2026, 3, 10))
    rows = read_csv(done.path)[1:]
    assert [r[COL["serial"]] for r in rows] == [out_case.serial, inbound.serial]
    assert [r[COL["flow"]] for r in rows] == [CaseFlow.OUTBOUND.label, CaseFlow.INBOUND.label]
    assert {r[COL["region"]] for r in rows} == {"铁东区"} and rows[1][COL["applicant"]] == "王*"
    report = build_ledger_report(svc, boss, date(2026, 3, 1), today=date(2026, 3, 10))
    # 铁东区: 1 寄出, 1 转来, 0 已完结, 2 办理中, 0 超期 (the outbound 寄出 is due 03-10)
    assert report.by_partner == [("铁东区", 1, 1, 0, 2, 0)]


@pytest.mark.parametrize(
    ("name", "shown"),
    [("张三", "张*"), ("欧阳明", "欧阳*"), ("欧阳", "欧*"), ("司马相如", "司马**"), ("李", "李"),
     ("王小明", "王**")],
)  # fmt: skip
def test_a_name_is_masked_to_its_surname_compound_ones_whole(name, shown):
    from window_assistant.exports import mask_name

    assert mask_name(name) == shown
