"""What a clerk types into a case, and what the PC clock says, as a hostile tester would try it:
refused with a Chinese message naming the field, and nothing registered, no serial used."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.core.test_cases import NECESSARY, at, person, rongque_request
from tests.store_helpers import table_rows
from window_assistant.accounts import INSTALLER
from window_assistant.cases.registration import CaseFilter, CaseService
from window_assistant.errors import UserError
from window_assistant.sheets.docx import write_docx
from window_assistant.sheets.model import Person

CASE_TABLES = ("cases", "serials", "audit_log")
# Characters that reach a form by copy and paste or a script: C0 and C1 controls (XML 1.0 and
# so the .docx cannot hold them), a zero-width space, a BOM, a bidi override, a lone surrogate.
HOSTILE = {
    "SOH": "\x01",
    "vertical tab": "\x0b",
    "escape": "\x1b",
    "DEL": "\x7f",
    "C1 CSI": "\x9b",
    "zero-width space": "\u200b",
    "BOM": "\ufeff",
    "bidi override": "\u202e",
    "lone surrogate": "\udcff",
}
REFUSAL = NECESSARY | {"房屋租赁合同"}


def _requests(char: str):
    """(what the message names, a request carrying ``char`` in that field)."""
    agent = Person(f"李{char}四", "person", "resident_id", "", "")
    refused = rongque_request(brought=REFUSAL, outcome="不予受理", reason=f"超出{char}范围")
    return [
        ("申请人名称", rongque_request(applicant=person(name=f"张{char}三"))),
        ("代理人名称", rongque_request(agent=agent)),
        ("理由", refused),
    ]


@pytest.mark.parametrize("char", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_characters_in_names_and_reasons_register_nothing(services, char):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    before = table_rows(services.store, *CASE_TABLES)
    for field, request in _requests(char):
        with pytest.raises(UserError, match=f"^{field}.*(U\\+{ord(char):04X})"):
            cases.register(request, services.default_clerk())
        with pytest.raises(UserError, match=field):
            cases.preview(request, services.default_clerk())
    assert table_rows(services.store, *CASE_TABLES) == before


def test_what_is_accepted_prints(services, tmp_path: Path):
    """The counterpart: line breaks in a reason, a no-break space in a name are tidied, and the
    sheet of such a case is written (a stored control character used to break this later)."""
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    request = rongque_request(
        applicant=person(name=" 张\u00a0三 "),
        brought=REFUSAL,
        outcome="不予受理",
        reason="经营范围属于前置审批;\r\n请先取得许可。",
    )
    case = cases.register(request, services.default_clerk())
    assert case.applicant is not None and case.applicant.name == "张 三"
    assert case.reason == "经营范围属于前置审批;\n请先取得许可。"
    write_docx(case.sheet, tmp_path / "sheet.docx", title_font="黑体", body_font="仿宋")
    assert (tmp_path / "sheet.docx").stat().st_size > 0


def test_a_name_or_reason_of_a_pasted_page_is_refused(services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    with pytest.raises(UserError, match="申请人名称太长"):
        cases.register(rongque_request(applicant=person(name="张" * 101)), services.default_clerk())
    refused = rongque_request(brought=REFUSAL, outcome="不予受理", reason="理" * 501)
    with pytest.raises(UserError, match="理由太长"):
        cases.register(refused, services.default_clerk())
    assert table_rows(services.store, "cases")["cases"] == []


@pytest.mark.parametrize(
    "moment",
    ["2000-01-01T08:00:00", "2019-12-31T23:59:59", "2100-01-01T00:00:00", "9999-12-31T23:59:59"],
)
def test_a_clock_that_cannot_be_right_is_named_and_nothing_is_registered(services, moment):
    cases = CaseService(services, clock=at(moment))
    before = table_rows(services.store, *CASE_TABLES)
    for attempt in (cases.register, cases.preview):
        with pytest.raises(
            UserError, match=f"本机时钟显示 {moment[:10]}.*请先改正电脑的日期和时间"
        ):
            attempt(rongque_request(), services.default_clerk())
    assert table_rows(services.store, *CASE_TABLES) == before


@pytest.mark.parametrize("moment", ["2020-01-01T00:00:00", "2099-12-31T23:59:59"])
def test_registration_works_at_both_ends_of_the_plausible_clock(services, moment):
    case = CaseService(services, clock=at(moment)).register(
        rongque_request(brought=set(NECESSARY) - {"公司章程"}), services.default_clerk()
    )
    assert case.serial.startswith(f"铁西政服补〔{moment[:4]}〕")
    assert case.sheet.deadline and case.sheet.deadline > moment[:10]  # counted past the year


def test_centre_texts_with_control_characters_are_refused(services):
    for key, value in (
        ("centre.name", "铁西区\x07政务服务中心"),
        ("centre.address", "人民路\u200b100号"),
    ):
        with pytest.raises(UserError, match="看不见"):
            services.settings.change(INSTALLER, {key: value})
    assert services.settings.centre_name == "鞍山市铁西区政务服务中心"


def test_accounts_and_windows_refuse_control_characters_in_names(services):
    with pytest.raises(UserError, match="姓名.*控制字符"):
        services.accounts.add_account(INSTALLER, "1005", "孙\x00丽", "clerk", "1357")
    with pytest.raises(UserError, match="窗口名称.*控制字符"):
        services.accounts.add_window(INSTALLER, "8", "8号\x1b窗口")
    assert services.accounts.user("1005") is None


def test_listing_up_to_the_last_day_of_the_calendar_works(services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    case = cases.register(rongque_request(), services.default_clerk())
    for last in (date.max, date(2026, 3, 2)):
        rows = cases.list(CaseFilter(date_from=date.min, date_to=last))
        assert [r.serial for r in rows] == [case.serial]
    assert cases.list(CaseFilter(date_to=date(2026, 3, 1))) == []
