"""The lifecycle of a case (issue 12 §1, §2 cases side, §5) on real temporary databases: every
legal and illegal transition of each line, deadlines across 春节 and 国庆 with their make-up
workdays and over an estimated year, overdue at a given date, the one-time rule with its
supervisor override, a whole outbound and an inbound case, 作废 keeping the serial used, and
cases registered before steps existed read as their registration implies."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from tests.core.test_crossregion import DEMO_JSON
from tests.samples import COMPANY, COMPANY_ALL_BROUGHT
from window_assistant.cases import serials
from window_assistant.cases.lifecycle import (
    LedgerFilter,
    allowed_steps,
    ledger,
    needs_attention,
    overdue_cases,
    progress,
    receive_inbound,
    record_step,
    void_case,
)
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.crossregion.service import apply_import, preview_import
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.sheets.model import Person
from window_assistant.vocab import CaseFlow, CaseState, CaseStep, SheetKind

S, St = CaseState, CaseStep
LEASED = {"company_type": "有限责任公司", "premises": "租赁房产", "agent": "否"}
OWNED = {"company_type": "有限责任公司", "premises": "自有房产", "agent": "否"}
LOAN = "000920012000"  # 个人创业担保贷款申请: 10 工作日, 铁东区 agreement (its own 办结 15)
ID_NUMBER = "11010519491231002X"
ALL = set(COMPANY_ALL_BROUGHT)
NECESSARY = {"企业登记（备案）申请书", "公司章程", "法定代表人、董事、监事和经理的任职文件"}


def register(services, at: str, **changes):
    values = {
        "answers": dict(OWNED),
        "brought": set(ALL) if changes.get("outcome") == "受理" else set(),
        "applicant": Person("张三", id_number=ID_NUMBER),
    }
    request = CaseRequest("item", COMPANY, **{**values, **changes})
    clock = lambda: datetime.fromisoformat(at)  # noqa: E731
    return CaseService(services, clock=clock).register(request, services.default_clerk())


def step(services, case, what, at: str, actor=None, **fields):
    actor = actor or services.default_clerk()
    return record_step(services, actor, case.serial, what, fields, datetime.fromisoformat(at))


def states(p) -> list[str]:
    return [s.step.value for s in p.steps]


# -- the local line ------------------------------------------------------------------------------
def test_registration_records_its_implied_steps_in_the_same_transaction(services):
    accepted = register(services, "2026-03-09T10:00", outcome="受理")
    p = progress(services, accepted.serial)
    assert states(p) == ["receive", "accept"] and p.state is S.ACCEPTED and not p.implied
    assert p.due == p.promised == accepted.sheet.promised_date
    refused = register(services, "2026-03-09T10:05", outcome="不予受理", reason="不属于本机关职权")
    assert progress(services, refused.serial).state is S.REFUSED
    consulted = register(services, "2026-03-09T10:10", kind="notice")
    assert progress(services, consulted.serial).state is S.INFORMED


def test_the_whole_local_line_with_correction_rongque_transfer_and_mail(services):
    case = register(services, "2026-03-09T10:00", answers=LEASED, brought=set(), kind="correction")
    p = progress(services, case.serial)
    assert p.state is S.CORRECTING and p.first_correction
    first = list(p.first_correction)
    with pytest.raises(UserError, match="现在待补正,应当补正收件"):
        step(services, case, "受理", "2026-03-10T09:00")
    p = step(services, case, "补正收件", "2026-03-10T09:00")
    assert p.state is S.RECEIVED and p.steps[-1].detail["materials"] == first
    p = step(services, case, "补正告知", "2026-03-10T09:30", materials=first[:1])
    assert p.state is S.CORRECTING
    p = step(services, case, "correction_received", "2026-03-11T09:00")
    rongque = first[0]
    p = step(services, case, "容缺受理", "2026-03-11T09:10", materials=[rongque])
    own = services.workdays.add(date(2026, 3, 11), 5).isoformat()
    assert p.state is S.ACCEPTED and p.shortfalls[0].supply_by == min(own, p.promised)
    assert p.due == p.shortfalls[0].supply_by  # never past the promised date
    with pytest.raises(UserError, match="尚未补齐,不能办结"):
        step(services, case, "办结", "2026-03-12T09:00", result="准予登记")
    with pytest.raises(UserError, match="不是待补齐的容缺材料"):
        step(services, case, "容缺补齐", "2026-03-12T09:00", material="户口本")
    p = step(services, case, "转办", "2026-03-12T09:00", department="区市场监管局")
    p = step(services, case, "容缺补齐", "2026-03-13T09:00", material=rongque)
    assert p.state is S.TRANSFERRED and p.due == p.promised
    p = step(services, case, "办结", "2026-03-16T09:00", result="准予登记")
    assert p.state is S.SETTLED and p.due == "2026-03-23"  # 出件 reminder: 5 working days
    with pytest.raises(UserError, match="运单号不能为空"):
        step(services, case, "邮寄", "2026-03-17T09:00", courier="EMS")
    p = step(services, case, "邮寄", "2026-03-17T09:00", courier="EMS", waybill="1234567890")
    assert p.state is S.DELIVERED and p.due is None
    p = step(services, case, "完结", "2026-03-18T09:00")
    assert p.state is S.COMPLETED and not p.open
    with pytest.raises(UserError, match="已完结,不能再"):
        step(services, case, "办结", "2026-03-19T09:00", result="x")
    with pytest.raises(UserError, match="已经完结,不能作废"):
        void_case(services, services.default_clerk(), case.serial, "误登记")
    audited = services.store.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'case.step'"
    ).fetchone()[0]
    assert audited == len([s for s in p.steps if s.id]) - 2  # all but the registration's two


@pytest.mark.parametrize(
    ("outcome", "refused", "message"),
    [
        ("受理", "补正收件", "现在办理中,应当办结"),
        ("受理", "领取", "不能跳过步骤直接领取"),
        ("受理", "完结", "不能跳过步骤直接完结"),
        ("受理", "寄出", "本地办理办件,没有「寄出」这一步"),
        ("受理", "收件", "只在登记办件时记录"),
        ("受理", "责任认定", "只用于跨域通办办件"),
        ("不予受理", "受理", "不予受理,不能再受理"),
        ("correction", "受理", "不能跳过步骤直接受理"),
        ("correction", "容缺补齐", "不能跳过步骤直接容缺补齐"),
        ("受理", "飞走", "办理步骤无效"),
    ],
)
def test_steps_that_skip_or_do_not_belong_are_refused_and_nothing_is_written(
    services, outcome, refused, message
):
    case = register(services, "2026-03-09T10:00", outcome=outcome, reason="理由")
    before = services.store.execute("SELECT count(*) FROM case_steps").fetchone()[0]
    fields = {"result": "x", "reason": "x", "recipient": "张三", "signed": "是"}
    with pytest.raises(UserError, match=message):
        step(
            services,
            case,
            refused,
            "2026-03-10T09:00",
            **{k: v for k, v in fields.items() if k in _names(refused)},
        )
    assert services.store.execute("SELECT count(*) FROM case_steps").fetchone()[0] == before


def _names(word: str) -> set[str]:
    from window_assistant.cases.lifecycle import FIELDS

    try:
        return {f.name for f in FIELDS[CaseStep.parse(word)]}
    except ValueError:
        return set()


def test_collection_needs_the_recipient_and_the_signature(services):
    case = register(services, "2026-03-09T10:00", outcome="受理")
    step(services, case, "办结", "2026-03-10T09:00", result="准予")
    with pytest.raises(UserError, match="领取人已签字尚未确认"):
        step(services, case, "领取", "2026-03-11T09:00", recipient="张三")
    p = step(services, case, "领取", "2026-03-11T09:00", recipient="张三", signed="是")
    assert p.state is S.DELIVERED and p.steps[-1].detail == {"recipient": "张三", "signed": True}


# -- 一次性告知 -----------------------------------------------------------------------------------
def test_a_second_correction_may_not_add_a_material_unless_a_supervisor_says_why(set_up):
    clerk = set_up.accounts.authenticate("1003", "2580")
    boss = set_up.accounts.authenticate("S01", "correct horse")
    request = CaseRequest("item", COMPANY, answers=LEASED, brought=set(), kind="correction")
    at = datetime(2026, 3, 9, 10)
    case = CaseService(set_up, clock=lambda: at).register(request, clerk)
    first = progress(set_up, case.serial).first_correction
    assert first
    record_step(set_up, clerk, case.serial, "补正收件", {}, at)
    other = next(m.name for m in case.sheet.materials if m.name not in first)
    with pytest.raises(UserError, match=f"首次补正告知没有列出「{other}」"):
        record_step(set_up, clerk, case.serial, "补正告知", {"materials": [other]}, at)
    with pytest.raises(UserError, match="须由负责人填写理由"):  # a clerk's reason is not enough
        record_step(
            set_up, clerk, case.serial, "补正告知", {"materials": [other], "override": "x"}, at
        )
    with pytest.raises(UserError, match="须由负责人填写理由"):  # nor a supervisor's silence
        record_step(set_up, boss, case.serial, "补正告知", {"materials": [other]}, at)
    with pytest.raises(UserError, match="材料清单中没有「户口本」"):
        record_step(set_up, boss, case.serial, "补正告知", {"materials": ["户口本"]}, at)
    p = record_step(
        set_up, boss, case.serial, "补正告知",
        {"materials": [first[0], other], "override": "原告知遗漏,申请人同意补交"}, at,
    )  # fmt: skip
    assert p.steps[-1].detail["added"] == [other]
    assert p.steps[-1].detail["override"] == "原告知遗漏,申请人同意补交"
    entry = set_up.store.execute(
        "SELECT actor, detail FROM audit_log WHERE action = 'case.step' ORDER BY id DESC"
    ).fetchone()
    assert entry[0] == "S01" and '"override": true' in entry[1]


# -- deadlines on the working-day calendar --------------------------------------------------------
def test_the_promised_date_runs_across_spring_festival_and_its_make_up_saturdays(services):
    case = register_loan(services, "2026-02-12T10:00")
    p = step(services, case, "受理", "2026-02-12T10:30")
    # 10 working days from Thu 12 Feb: 13, Sat 14 (调休), [15–23 off], 24, 25, 26, 27,
    # Sat 28 (调休), 2 Mar, 3, 4.
    assert p.promised == p.due == "2026-03-04"


def test_the_promised_date_runs_across_national_day(services):
    case = register_loan(services, "2026-09-30T10:00")
    p = step(services, case, "受理", "2026-09-30T10:30")
    # 10 working days from Wed 30 Sep: [1–7 Oct off], 8, 9, Sat 10 (调休), 12, 13, 14, 15,
    # 16, 19, 20.
    assert p.due == "2026-10-20"


def test_a_deadline_in_an_estimated_year_skips_the_statutory_holidays(services):
    calendar = services.workdays
    assert calendar.estimated(2030)
    case = register_loan(services, "2030-09-30T10:00")
    p = step(services, case, "受理", "2030-09-30T10:30")
    assert p.due == calendar.add(date(2030, 9, 30), 10).isoformat()
    assert date.fromisoformat(p.due) > date(2030, 10, 14)  # 国庆 1–3 Oct are days off


def register_loan(services, at: str):
    """A 补正 case of the loan item whose corrections came back at once: 受理 is a step."""
    request = CaseRequest("item", LOAN, answers=_loan_answers(services), kind="correction")
    clock = lambda: datetime.fromisoformat(at)  # noqa: E731
    case = CaseService(services, clock=clock).register(request, services.default_clerk())
    step(services, case, "补正收件", at)
    return case


def _first_option(services, key: str) -> str:
    item = services.catalog.item(LOAN)
    situation = next(s for s in item.situations if s.key == key)
    return situation.options[0]


def test_overdue_and_due_soon_at_a_given_date(services):
    late = register(
        services, "2026-03-09T10:00", answers=LEASED, brought=set(NECESSARY), outcome="rongque"
    )
    p = progress(services, late.serial)
    assert p.shortfalls and p.due == p.shortfalls[0].supply_by
    due = date.fromisoformat(p.due)
    assert not p.overdue(due) and p.overdue(date.fromordinal(due.toordinal() + 1))
    assert [r.serial for r in overdue_cases(services, due)] == []
    after = date.fromordinal(due.toordinal() + 1)
    rows = overdue_cases(services, after)
    assert [r.serial for r in rows] == [late.serial] and rows[0].overdue
    assert rows[0].id_masked != ID_NUMBER and rows[0].id_masked.startswith("1101")
    assert progress(services, late.serial).shortfalls[0].overdue(after)
    attention = needs_attention(services, services.default_clerk(), due)
    assert [r.serial for r in attention.due_soon] == [late.serial] and not attention.overdue
    assert "1 件即将到期" in attention.message()
    assert needs_attention(services, services.default_clerk(), after).message() == "1 件办件已超期"


# -- corrections, 作废 ----------------------------------------------------------------------------
def test_a_correction_keeps_both_entries_and_may_withdraw_the_latest_step(services):
    case = register(services, "2026-03-09T10:00", outcome="受理")
    p = step(services, case, "转办", "2026-03-10T09:00", department="区人社局")
    wrong = p.steps[-1]
    p = step(services, case, "更正", "2026-03-10T09:05", step=wrong.id, reason="部门写错",
             fields={"department": "区市场监管局"})  # fmt: skip
    assert (
        p.effective(wrong)["department"] == "区市场监管局"
        and wrong.detail["department"] == "区人社局"
    )
    p = step(
        services, case, "更正", "2026-03-10T09:06", step=wrong.id, reason="不应转办", withdraw=True
    )
    assert p.state is S.ACCEPTED  # as if never transferred; every entry kept
    assert [s.step for s in p.steps].count(St.TRANSFER) == 1
    with pytest.raises(UserError, match="不能更正"):
        step(
            services,
            case,
            "更正",
            "2026-03-10T09:07",
            step=p.steps[-1].id,
            reason="x",
            withdraw=True,
        )
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        services.store.execute("UPDATE case_steps SET detail = '{}'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        services.store.execute("DELETE FROM case_steps")


def test_void_needs_a_reason_keeps_the_serial_used_and_shows_in_the_ledger(set_up):
    clerk = set_up.accounts.authenticate("1003", "2580")
    other = set_up.accounts.add_account(
        set_up.accounts.authenticate("S01", "correct horse"), "1004", "李四", "clerk", "1357"
    )
    at = datetime(2026, 3, 9, 10)
    case = CaseService(set_up, clock=lambda: at).register(
        CaseRequest("item", COMPANY, answers=OWNED, kind="notice"), clerk
    )
    with pytest.raises(UserError, match="作废原因不能为空"):
        void_case(set_up, clerk, case.serial, "  ")
    with pytest.raises(PermissionDenied, match="只能作废自己登记的办件"):
        void_case(set_up, other, case.serial, "误登记")
    p = void_case(set_up, clerk, case.serial, "误登记", at)
    assert p.state is S.VOIDED and not p.open
    assert serials.last_number(set_up.store, SheetKind.NOTICE, 2026) == 1
    again = CaseService(set_up, clock=lambda: at).register(
        CaseRequest("item", COMPANY, answers=OWNED, kind="notice"), clerk
    )
    assert again.serial != case.serial and again.serial.endswith("〔2026〕2号")
    rows = ledger(set_up, LedgerFilter(state=S.VOIDED), on=at.date())
    assert [(r.serial, r.state_label) for r in rows] == [(case.serial, "已作废")]
    with pytest.raises(UserError, match="已经作废"):
        void_case(set_up, clerk, case.serial, "再次")


# -- 跨域通办 --------------------------------------------------------------------------------------
@pytest.fixture
def agreements(set_up):
    boss = set_up.accounts.authenticate("S01", "correct horse")
    apply_import(set_up, preview_import(set_up, DEMO_JSON), boss)
    return set_up


def test_a_whole_outbound_case_with_the_agreements_limits(agreements):
    svc = agreements
    clerk = svc.accounts.authenticate("1003", "2580")
    case = CaseService(svc, clock=lambda: datetime(2026, 3, 9, 10)).register(
        CaseRequest("item", LOAN, answers=_loan_answers(svc), kind="notice"), clerk
    )

    def go(what, at, **fields):
        return record_step(svc, clerk, case.serial, what, fields, datetime.fromisoformat(at))

    with pytest.raises(UserError, match="不能与「火星区」跨域通办"):
        go(
            "跨域收件",
            "2026-03-09T10:10",
            region="火星区",
            form_checked="是",
            identity_checked="是",
        )
    with pytest.raises(UserError, match="身份核验尚未确认"):
        go("跨域收件", "2026-03-09T10:10", region="铁东区", form_checked="是")
    p = go(
        "跨域收件", "2026-03-09T10:10", region="铁东区", form_checked="是", identity_checked="是"
    )
    assert (p.flow, p.state, p.region, p.due) == (
        CaseFlow.OUTBOUND,
        S.TO_SEND,
        "铁东区",
        "2026-03-10",
    )
    with pytest.raises(UserError, match="不能跳过步骤直接对方受理"):
        go("对方受理", "2026-03-10T09:00", number="TD-1")
    p = go("寄出", "2026-03-10T09:00", courier="EMS", waybill="E1")
    assert p.due == "2026-03-11"
    p = go("对方受理", "2026-03-11T09:00", number="铁东受〔2026〕5号")
    assert p.due == svc.workdays.add(date(2026, 3, 11), 15).isoformat()  # the item's own 15
    with pytest.raises(UserError, match="不在合作协议中"):
        go("责任认定", "2026-03-12T09:00", category="天气原因")
    go("责任认定", "2026-03-12T09:00", category="材料邮寄遗失", note="第一次寄件丢失")
    p = go("办结", "2026-03-20T09:00", result="准予贷款")
    assert p.state is S.SETTLED and p.due == "2026-03-23"  # 结果寄回: 1 working day
    p = go("结果寄回", "2026-03-23T09:00", courier="EMS", waybill="E2")
    assert p.state is S.RETURNED
    p = go("领取", "2026-03-24T09:00", recipient="张三", signed="是")
    p = go("完结", "2026-03-24T09:05")
    assert p.state is S.COMPLETED
    assert [s.step.value for s in p.steps] == [
        "inform", "outbound", "send", "partner_accept", "liability", "settle",
        "result_returned", "collected", "complete",
    ]  # fmt: skip
    rows = ledger(svc, LedgerFilter(flow=CaseFlow.OUTBOUND, region="铁东区"))
    assert [r.serial for r in rows] == [case.serial]


def test_an_outbound_case_may_be_sent_back_or_refused_at_any_open_step(agreements):
    svc = agreements
    clerk = svc.accounts.authenticate("1003", "2580")
    for what, state in (("退回", S.SENT_BACK), ("不予受理", S.REFUSED)):
        case = CaseService(svc, clock=lambda: datetime(2026, 3, 9, 10)).register(
            CaseRequest("item", LOAN, answers=_loan_answers(svc), kind="notice"),
            clerk,
        )
        at = datetime(2026, 3, 9, 11)
        record_step(svc, clerk, case.serial, "跨域收件",
                    {"region": "铁东区", "form_checked": "是", "identity_checked": "是"}, at)  # fmt: skip
        record_step(svc, clerk, case.serial, "寄出", {"courier": "EMS", "waybill": "E1"}, at)
        with pytest.raises(UserError, match="不能为空"):
            record_step(svc, clerk, case.serial, what, {}, at)
        p = record_step(svc, clerk, case.serial, what, {"reason": "材料不全"}, at)
        assert p.state is state and not p.open


def test_an_inbound_case_from_its_own_use_case_to_the_end(agreements):
    svc = agreements
    clerk = svc.accounts.authenticate("1003", "2580")
    at = datetime(2026, 9, 30, 10)
    with pytest.raises(UserError, match="对方编号不能为空"):
        receive_inbound(svc, clerk, "铁东区", LOAN, " ", now=at)
    with pytest.raises(UserError, match="不能与「火星」跨域通办"):
        receive_inbound(svc, clerk, "火星", LOAN, "X-1", now=at)
    p = receive_inbound(
        svc, clerk, "铁东区", LOAN, "铁东收〔2026〕8号", Person("王五", id_number=ID_NUMBER), at
    )
    assert (p.flow, p.state, p.region) == (CaseFlow.INBOUND, S.ARRIVED, "铁东区")
    assert p.due == "2026-10-08" and p.serial.startswith(svc.settings.centre_abbrev + "收")
    case = CaseService(svc).get(p.serial)
    assert case is not None and case.applicant and case.applicant.name == "王五"

    def go(what, day, **fields):
        return record_step(svc, clerk, p.serial, what, fields, datetime.fromisoformat(day))

    with pytest.raises(UserError, match="不能跳过步骤直接办结"):
        go("办结", "2026-10-08T09:00", result="x")
    with pytest.raises(UserError, match="没有「邮寄」这一步"):
        go("邮寄", "2026-10-08T09:00", courier="EMS", waybill="1")
    q = go("转办", "2026-10-08T09:00", department="区人社局")
    assert q.due == svc.workdays.add(date(2026, 9, 30), 15).isoformat()
    go("办结", "2026-10-15T09:00", result="准予")
    q = go("结果寄出", "2026-10-15T10:00", courier="EMS", waybill="E9")
    assert q.state is S.RESULT_SENT and q.due is None
    q = go("完结", "2026-10-16T10:00")
    assert q.state is S.COMPLETED
    assert [r.serial for r in ledger(svc, LedgerFilter(flow=CaseFlow.INBOUND))] == [p.serial]
    assert St.RESULT_SENT not in allowed_steps(svc, clerk, q)


def _loan_answers(services) -> dict[str, str]:
    return {
        "identity": _first_option(services, "identity"),
        "marital": _first_option(services, "marital"),
    }


# -- the ledger and old cases --------------------------------------------------------------------
def test_the_ledger_finds_by_name_full_id_number_or_serial(services):
    a = register(services, "2026-03-09T10:00", kind="notice")
    b = register(services, "2026-03-09T10:05", kind="notice",
                 applicant=Person("李四", id_number="11010519491231002x".upper()))  # fmt: skip
    find = lambda text: [r.serial for r in ledger(services, LedgerFilter(text=text))]  # noqa: E731
    assert find("张") == [a.serial]
    assert set(find("11010519491231002x")) == {a.serial, b.serial}  # normalised
    assert find("110105") == []  # a full number only
    assert find(a.serial) == [a.serial]
    assert find("100%") == []


def test_old_cases_without_steps_are_read_as_their_registration_implies(previous_db):
    from window_assistant.services import open_services

    with open_services(previous_db) as svc:
        rows = svc.store.execute("SELECT serial, outcome FROM cases ORDER BY id").fetchall()
        assert rows and svc.store.execute("SELECT count(*) FROM case_steps").fetchone()[0] == 0
        for serial, outcome in rows:
            p = progress(svc, serial)
            assert p.implied and p.steps[0].id == 0
            stored = svc.store.execute(
                "SELECT state, due FROM case_progress p JOIN cases c ON c.id = p.case_id"
                " WHERE c.serial = ?",
                [serial],
            ).fetchone()
            assert (p.state.value, p.due) == tuple(stored), (serial, outcome)
        assert len(ledger(svc)) == len(rows)
        read = {progress(svc, serial).state for serial, _ in rows}
        assert {S.ACCEPTED, S.CORRECTING, S.REFUSED, S.INFORMED} <= read
        rongque = next(serial for serial, outcome in rows if outcome == "rongque")
        p = progress(svc, rongque)
        assert p.shortfalls and p.due == min(s.supply_by for s in p.shortfalls)
        accepted = next(serial for serial, outcome in rows if outcome == "accepted")
        after = record_step(svc, svc.default_clerk(), accepted, "办结", {"result": "准予"})
        assert [s.step for s in after.steps] == [St.RECEIVE, St.ACCEPT, St.SETTLE]
        assert after.implied and after.state is S.SETTLED and after.steps[-1].id > 0


def test_the_notice_of_a_cross_region_case_says_where_it_goes_and_when(agreements):
    from window_assistant.sheets.content import sheet_content

    svc = agreements
    clerk = svc.accounts.authenticate("1003", "2580")
    cases = CaseService(svc, clock=lambda: datetime(2026, 9, 29, 10))
    request = CaseRequest(
        "item", LOAN, answers=_loan_answers(svc), kind="notice", crossregion="铁东区"
    )
    case = cases.register(request, clerk)
    # 寄出 1 + 对方受理 1 + the item's own 办结 15 working days from Tue 29 Sep: 30 Sep, [国庆
    # 1–7 Oct off], 8, 9, Sat 10 (调休), 12–16, 19–23, 26, 27, 28; 结果寄回 1 more: 29 Oct.
    settled = svc.workdays.add(date(2026, 9, 29), 17)
    assert settled == date(2026, 10, 28)
    line = case.sheet.crossregion
    assert line.startswith("申请材料经本窗口形式审查、身份核验后寄往铁东区政务服务中心")
    assert "预计2026年10月28日前办结，结果于2026年10月29日前寄回本窗口" in line
    assert line in "\n".join(sheet_content(case.sheet).all_text())
    with pytest.raises(UserError, match="不能与「火星区」跨域通办"):
        cases.register(
            CaseRequest(
                "item", LOAN, answers=_loan_answers(svc), kind="notice", crossregion="火星区"
            ),
            clerk,
        )


def test_a_step_whose_audit_entry_fails_leaves_nothing(services, monkeypatch):
    case = register(services, "2026-03-09T10:00", outcome="受理")
    before = services.store.execute(
        "SELECT (SELECT count(*) FROM case_steps), (SELECT state FROM case_progress)"
    ).fetchone()

    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services.audit, "record", broken)
    with pytest.raises(RuntimeError):
        step(services, case, "办结", "2026-03-10T09:00", result="准予")
    after = services.store.execute(
        "SELECT (SELECT count(*) FROM case_steps), (SELECT state FROM case_progress)"
    ).fetchone()
    assert tuple(after) == tuple(before) == (2, "accepted")
