"""Case registration on the bundled catalog: validation that registers nothing, the stored case,
working-day deadlines, reprints from the snapshot, the masked cases list, the rating URL."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from window_assistant.accounts import INSTALLER
from window_assistant.cases import serials
from window_assistant.cases.registration import CaseFilter, CaseRequest, CaseService
from window_assistant.cases.tokens import SerialRef, verify_token
from window_assistant.errors import UserError
from window_assistant.sheets.model import RONGQUE_LATER, Person
from window_assistant.vocab import Outcome

COMPANY = "001701001000"  # 企业设立登记
LEASED = {"company_type": "有限责任公司", "premises": "租赁房产", "agent": "否"}
NECESSARY = {"企业登记（备案）申请书", "公司章程", "法定代表人、董事、监事和经理的任职文件"}
ID_NUMBER = "11010519491231002X"
USCC_CODE = "91350100M000100Y43"
PHONE = "13812341234"


def at(moment: str):
    return lambda: datetime.fromisoformat(moment)


def person(**changes) -> Person:
    values = {"name": "张三", "id_number": ID_NUMBER, "phone": PHONE, **changes}
    return Person(**values)


def rongque_request(**changes) -> CaseRequest:
    values = {"answers": dict(LEASED), "brought": set(NECESSARY), "applicant": person()}
    return CaseRequest("item", COMPANY, **{**values, **changes})


def count_cases(services) -> int:
    return services.store.execute("SELECT count(*) FROM cases").fetchone()[0]


def test_registered_case_keeps_applicant_answers_materials_clerk_and_sheet(services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    clerk = services.default_clerk()
    typed = person(id_number="110105 19491231 002x", phone="138-1234-1234")
    case = cases.register(rongque_request(applicant=typed), clerk)
    assert case.kind == "rongque" and case.outcome == Outcome.RONGQUE
    assert case.applicant == Person("张三", "person", "resident_id", ID_NUMBER, PHONE)
    assert case.answers == LEASED and set(case.brought) == NECESSARY
    assert (case.clerk_login, case.window_name) == (clerk.login, "1号综合窗口")
    assert case.created_at == "2026-03-02T09:30:00"
    assert case.sheet.serial == case.serial and case.sheet.applicant == case.applicant
    assert case.content_hash == case.sheet.content_hash()
    assert cases.get(case.serial) == case
    assert cases.get("铁西政服承〔2026〕999999号") is None


def test_invalid_id_credit_code_or_phone_is_refused_in_chinese_and_registers_nothing(services):
    cases = CaseService(services)
    clerk = services.default_clerk()
    bad = [
        (person(id_number="110105194912310021"), "申请人:身份证号码校验位不正确"),
        (person(phone="1381234123"), "申请人:手机号码应为 1 开头的 11 位数字"),
        (
            Person("某某有限公司", "organisation", "统一社会信用代码", USCC_CODE[:-1] + "0"),
            "统一社会信用代码校验位不正确",
        ),
        (Person("某某有限公司", "organisation", "居民身份证", ID_NUMBER), "应为统一社会信用代码"),
        (person(name=" "), "请填写申请人名称"),
    ]
    for applicant, message in bad:
        with pytest.raises(UserError, match=message):
            cases.register(rongque_request(applicant=applicant), clerk)
    with pytest.raises(UserError, match="代理人:身份证号码应为 18 位"):
        cases.register(rongque_request(agent=person(name="李四", id_number="12345")), clerk)
    assert count_cases(services) == 0
    assert serials.last_number(services.store, "rongque", datetime.now().year) == 0
    company = Person("某某有限公司", "organisation", "统一社会信用代码", USCC_CODE.lower())
    case = cases.register(rongque_request(applicant=company), clerk)
    assert case.applicant is not None and case.applicant.id_number == USCC_CODE


def test_rongque_deadline_counts_working_days_across_national_day(services):
    cases = CaseService(services, clock=at("2025-09-30T10:00:00"))
    case = cases.register(rongque_request(), services.default_clerk())
    # 企业设立登记 promises 1 working day: the 补齐 date (5 working days by the setting) is
    # capped at the 承诺办结 date, counted on the calendar across the National Day holiday
    assert services.workdays.add(date(2025, 9, 30), 5) == date(2025, 10, 14)
    expected = services.workdays.add(date(2025, 9, 30), 1)
    assert expected == date(2025, 10, 9)  # Oct 1–8 off
    assert case.sheet.deadline == expected.isoformat()
    later = [m for m in case.sheet.materials if m.status == RONGQUE_LATER]
    assert [m.name for m in later] == ["房屋租赁合同"]
    assert {m.supply_by for m in later} == {"2025-10-09"}
    assert "承诺日期：2025年9月30日" in case.sheet.note


def test_correction_deadline_uses_its_own_setting_across_spring_festival(services):
    services.settings.change(INSTALLER, {"correction.days": 2})
    cases = CaseService(services, clock=at("2025-01-27T15:00:00"))
    case = cases.register(rongque_request(brought=set()), services.default_clerk())
    assert case.kind == "correction" and case.outcome == Outcome.CORRECTION
    assert case.sheet.deadline == services.workdays.add(date(2025, 1, 27), 2).isoformat()
    assert case.sheet.deadline == "2025-02-06"  # 春节 Jan 28 – Feb 4; Jan 26 and Feb 8 worked


def test_refusal_needs_a_reason(services):
    cases = CaseService(services)
    complete = rongque_request(brought=NECESSARY | {"房屋租赁合同"})
    complete.outcome = "不予受理"
    with pytest.raises(UserError, match="不予受理须填写理由"):
        cases.register(complete, services.default_clerk())
    assert count_cases(services) == 0
    complete.reason = "经营范围属于前置审批"
    case = cases.register(complete, services.default_clerk())
    assert (case.kind, case.outcome, case.reason) == ("refusal", "refused", "经营范围属于前置审批")


def test_check_refuses_what_register_would_and_writes_nothing(services):
    cases = CaseService(services)
    refused = rongque_request(brought=NECESSARY | {"房屋租赁合同"}, outcome="不予受理")
    with pytest.raises(UserError, match="不予受理须填写理由"):
        cases.check(refused, services.default_clerk())
    with pytest.raises(UserError, match="校验"):
        cases.check(
            rongque_request(applicant=person(id_number=ID_NUMBER[:-1] + "1")),
            services.default_clerk(),
        )
    cases.check(rongque_request(), services.default_clerk())
    assert count_cases(services) == 0
    assert serials.last_number(services.store, "rongque", date.today().year) == 0


def test_preview_registers_nothing(services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    sheet = cases.preview(rongque_request(), services.default_clerk())
    assert sheet.serial == "铁西政服承〔2026〕______号" and sheet.rating_url == ""
    assert sheet.deadline is not None and sheet.missing
    assert count_cases(services) == 0
    assert serials.last_number(services.store, "rongque", 2026) == 0


def test_rating_url_is_signed_for_this_case_with_the_configured_host(services):
    services.settings.change(
        INSTALLER, {"rating.host": "10.0.0.5", "rating.port": 9000, "rating.by_phone": True}
    )
    clerk = services.default_clerk()
    case = CaseService(services).register(rongque_request(), clerk)
    assert case.rating_url == f"http://10.0.0.5:9000/r/{case.token}"
    assert case.sheet.rating_url == case.rating_url
    claims = verify_token(services.settings.centre_secret, case.token, datetime.now())
    assert claims.serial == SerialRef.parse(case.serial)
    assert (claims.clerk_id, claims.window_id) == (clerk.id, services.current_window_id())


def test_registration_is_audited_without_personal_data(services):
    case = CaseService(services).register(rongque_request(), services.default_clerk())
    entry = services.audit.entries(1)[0]
    assert entry.action == "case.register" and entry.detail["serial"] == case.serial
    text = json.dumps(entry.detail, ensure_ascii=False)
    assert ID_NUMBER not in text and PHONE not in text and "张三" not in text


def test_reprint_after_the_catalog_changed_gives_the_same_sheet(services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    case = cases.register(rongque_request(), services.default_clerk())

    catalog = services.catalog.load()
    item = next(i for i in catalog.items if i.code == COMPANY)
    item.name = "企业设立登记(新版)"
    item.legal_limit = 1
    item.materials = [m for m in item.materials if m.name != "房屋租赁合同"]
    services.catalog.replace(catalog, source="test", actor="test")
    assert cases.preview(rongque_request(), services.default_clerk()).missing == []

    reprinted = cases.reprint(case.serial)
    assert reprinted.content_hash() == case.content_hash
    assert reprinted.subject_name == "企业设立登记"
    assert "房屋租赁合同" in reprinted.missing
    with pytest.raises(UserError, match="没有编号为"):
        cases.reprint("铁西政服承〔2026〕000999号")


def test_cases_list_masks_id_and_phone_and_filters(services):
    clerk = services.default_clerk()
    other = services.accounts.add_account(INSTALLER, "0002", "李梅", "clerk", "2468")
    march = CaseService(services, clock=at("2026-03-02T09:30:00"))
    april = CaseService(services, clock=at("2026-04-01T14:00:00"))
    first = march.register(rongque_request(), clerk)
    march.register(rongque_request(brought=set(), applicant=None), other)
    company = Person("某某有限公司", "organisation", "统一社会信用代码", USCC_CODE, "0412-8888123")
    last = april.register(rongque_request(applicant=company), clerk)

    rows = march.list()
    assert [r.serial for r in rows][0] == last.serial  # newest first
    row = next(r for r in rows if r.serial == first.serial)
    assert (row.id_masked, row.phone_masked) == ("1101**********002X", "138****1234")
    assert ID_NUMBER not in repr(rows) and PHONE not in repr(rows)
    assert rows[0].id_masked == USCC_CODE and rows[0].phone_masked == "0412-***8123"

    assert len(march.list(CaseFilter(clerk_login="0002"))) == 1
    assert len(march.list(CaseFilter(outcome="补正告知"))) == 1
    assert len(march.list(CaseFilter(item_code=COMPANY))) == 3
    assert len(march.list(CaseFilter(item_code="000510003000"))) == 0
    march_only = march.list(CaseFilter(date_from=date(2026, 3, 1), date_to=date(2026, 3, 2)))
    assert {r.serial for r in march_only} == {first.serial, rows[1].serial}
    assert [r.serial for r in march.list(CaseFilter(date_from=date(2026, 4, 1)))] == [last.serial]
    assert len(march.list(limit=2)) == 2


def test_a_failure_while_writing_the_sheet_rolls_the_case_and_its_number_back(services, tmp_path):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    written: list[str] = []

    def disk_full(sheet, path, **fonts) -> None:
        written.append(sheet.serial)
        path.write_bytes(b"half a sheet")
        raise OSError(28, "No space left on device")

    papers = tmp_path / "papers"
    papers.mkdir()
    out = papers / "承诺书.docx"
    with pytest.raises(UserError, match="无法写入.*No space left"):
        cases.register(rongque_request(), services.default_clerk(), out=out, writer=disk_full)
    assert written == ["铁西政服承〔2026〕1号"]
    assert count_cases(services) == 0
    assert list(papers.iterdir()) == []  # nor half a file under any name
    saved = []

    def write(sheet, path, **fonts) -> None:
        saved.append(sheet)
        path.write_bytes(sheet.serial.encode())

    case = cases.register(rongque_request(), services.default_clerk(), out=out, writer=write)
    assert case.serial == "铁西政服承〔2026〕1号"
    assert saved == [case.sheet]
    assert [p.name for p in papers.iterdir()] == ["承诺书.docx"]
    assert out.read_bytes() == case.serial.encode()


def test_a_full_disk_keeps_earlier_cases_and_takes_no_serial_number(services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    clerk = services.default_clerk()
    pages = services.store.execute("PRAGMA page_count").fetchone()[0]
    # the disk fills up today, after a case or two (a page or two of room)
    services.store.execute(f"PRAGMA max_page_count = {pages + 2}")
    registered = []
    with pytest.raises(UserError, match="磁盘空间不足") as full:
        for _ in range(200):
            registered.append(cases.register(rongque_request(), clerk))
    assert registered and "没有保存" in str(full.value)
    assert count_cases(services) == len(registered)
    assert all(cases.get(c.serial) == c for c in registered)
    services.store.execute("PRAGMA max_page_count = 1000000")  # space freed
    after = cases.register(rongque_request(), clerk)
    assert after.serial == serials.format_serial("铁西政服", "rongque", 2026, len(registered) + 1)
