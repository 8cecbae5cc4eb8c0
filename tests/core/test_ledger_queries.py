"""The ledger's queries read indexes where the 办件台账 needs them quick over every date
(benchmarks/bench_ledger.py): an ID number typed in full through the index of ID numbers, a
cross-region line through the (flow, state) index; the rows are those of the plain filters."""

from __future__ import annotations

from datetime import datetime

from tests.core.test_case_lifecycle import ID_NUMBER, LOAN, _loan_answers
from tests.core.test_crossregion import DEMO_JSON
from window_assistant.cases import lifecycle
from window_assistant.cases.lifecycle import LedgerFilter, ledger, record_step
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.crossregion.service import apply_import, preview_import
from window_assistant.sheets.model import Person
from window_assistant.vocab import CaseFlow


def _plan(services, f: LedgerFilter) -> str:
    clauses, params = lifecycle._where(f)
    sql = f"{lifecycle._LEDGER_SQL} WHERE {' AND '.join(clauses)} ORDER BY c.created_at DESC"
    return " ".join(str(r[-1]) for r in services.store.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_a_full_id_number_reads_the_index_and_names_are_still_found(set_up):
    svc = set_up
    clerk = svc.accounts.authenticate("1003", "2580")
    case = CaseService(svc, clock=lambda: datetime(2026, 3, 9, 10)).register(
        CaseRequest("item", LOAN, answers=_loan_answers(svc), kind="notice",
                    applicant=Person("张三", id_number=ID_NUMBER)),
        clerk,
    )  # fmt: skip
    assert "cases_id_number" in _plan(svc, LedgerFilter(text=ID_NUMBER.lower()))
    find = lambda text: [r.serial for r in ledger(svc, LedgerFilter(text=text))]  # noqa: E731
    assert find(ID_NUMBER.lower()) == find("张") == find(case.serial) == [case.serial]
    assert find(ID_NUMBER[:12]) == []  # part of a number is nobody's name and no number


def test_cross_region_lines_through_the_flow_index(set_up):
    svc = set_up
    boss = svc.accounts.authenticate("S01", "correct horse")
    apply_import(svc, preview_import(svc, DEMO_JSON), boss)
    clerk = svc.accounts.authenticate("1003", "2580")
    service = CaseService(svc, clock=lambda: datetime(2026, 3, 9, 10))
    out, local = (
        service.register(
            CaseRequest("item", LOAN, answers=_loan_answers(svc), kind="notice"), clerk
        )
        for _ in range(2)
    )
    fields = {"region": "铁东区", "form_checked": True, "identity_checked": True}
    record_step(svc, clerk, out.serial, "跨域收件", fields, datetime(2026, 3, 9, 10, 5))
    assert "case_progress_state" in _plan(svc, LedgerFilter(crossregion=True))
    rows = lambda **f: [r.serial for r in ledger(svc, LedgerFilter(**f))]  # noqa: E731
    assert rows(crossregion=True) == rows(flow=CaseFlow.OUTBOUND) == [out.serial]
    assert rows(crossregion=True, flow=CaseFlow.OUTBOUND) == [out.serial]
    assert rows(crossregion=True, flow=CaseFlow.LOCAL) == []
    assert rows(crossregion=True, flow=CaseFlow.INBOUND) == rows(flow=CaseFlow.INBOUND) == []
    assert rows(flow=CaseFlow.LOCAL) == [local.serial]
