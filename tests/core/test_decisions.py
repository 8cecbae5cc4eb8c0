"""受理通知书, 不予受理通知书 and 收件回执 (issue 11 §1), registered on the bundled catalog and a
real database, each read back from its .docx with python-docx; serials without leading zeros
(GB/T 9704-2012 §7.2.5) that still find the cases printed with them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from docx import Document

from tests.samples import COMPANY, COMPANY_ALL_BROUGHT, COMPANY_OWNED
from window_assistant.accounts import INSTALLER
from window_assistant.cases import serials
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.cases.tokens import SerialRef
from window_assistant.catalog.model import Item
from window_assistant.errors import UserError
from window_assistant.ratings.log import rating_for_token
from window_assistant.services import open_services
from window_assistant.sheets.build import Subject
from window_assistant.sheets.content import sheet_content
from window_assistant.sheets.decisions import default_basis, paper_kind
from window_assistant.sheets.docx import write_docx
from window_assistant.sheets.model import BROUGHT, Person
from window_assistant.store.backup import backup, restore
from window_assistant.vocab import Outcome, SheetKind

OWNED = COMPANY_OWNED
ALL_BROUGHT = set(COMPANY_ALL_BROUGHT)
ID_NUMBER = "11010519491231002X"


def at(moment: str):
    return lambda: datetime.fromisoformat(moment)


def request(**changes) -> CaseRequest:
    values = {
        "answers": dict(OWNED),
        "brought": set(ALL_BROUGHT),
        "applicant": Person("张三", id_number=ID_NUMBER, phone="13812341234"),
    }
    return CaseRequest("item", COMPANY, **{**values, **changes})


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    parts += [p.text for p in doc.sections[0].header.paragraphs]
    return "\n".join(parts)


def count(services, table: str) -> int:
    return services.store.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_an_accepted_case_gets_its_notice_and_receipt_with_their_own_serials(services, tmp_path):
    # 30 September 2026: the promised working day is after the National Day holiday.
    cases = CaseService(services, clock=at("2026-09-30T10:15:00"))
    notice, receipt = tmp_path / "受理.docx", tmp_path / "回执.docx"
    case = cases.register(
        request(outcome="受理", receipt=True),
        services.default_clerk(),
        out=notice,
        receipt_out=receipt,
    )
    assert (case.kind, case.outcome) == (SheetKind.ACCEPTANCE, Outcome.ACCEPTED)
    assert case.serial == "铁西政服受〔2026〕1号"
    assert case.sheet.promised_date == "2026-10-08"
    assert case.sheet.authority == "区市场监管局"
    [paper] = case.papers
    assert (paper.kind, paper.serial) == (SheetKind.RECEIPT, "铁西政服收〔2026〕1号")
    assert paper.sheet.case_serial == case.serial
    assert {m.name for m in paper.sheet.materials} == ALL_BROUGHT
    assert {m.status for m in paper.sheet.materials} == {BROUGHT}

    text = docx_text(notice)
    for expected in (
        "受理通知书",
        "编号：铁西政服受〔2026〕1号",
        "受理日期",
        "2026年9月30日",
        "承诺办结日期",
        "2026年10月8日（承诺办结时限：1个工作日）",
        "第三十二条第一款第（五）项",  # 企业设立登记 is a 行政许可
        "领取办理结果",
        "邮寄送达",
        "区市场监管局（盖章）",
        "1101**********002X",
    ):
        assert expected in text, expected
    assert ID_NUMBER not in text
    text = docx_text(receipt)
    for expected in (
        "收件回执",
        "编号：铁西政服收〔2026〕1号",
        "收件时间",
        "2026年9月30日10时15分",
        "办件编号",
        "铁西政服受〔2026〕1号",
        "股东（投资人、合伙人）主体资格证明",
        "申请人（签字）",
        "收件人：窗口人员",
        "自收到申请材料之日起五日内",
    ):
        assert expected in text, expected
    assert "13812341234" not in text and "138****1234" not in text  # no phone on a receipt


def test_the_receipt_and_the_notice_count_their_own_sequences(services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    clerk = services.default_clerk()
    first = cases.register(request(outcome="受理", receipt=True), clerk)
    cases.register(request(outcome="不予受理", reason="不属于本机关职权范围"), clerk)
    third = cases.register(request(outcome="受理", receipt=True), clerk)
    assert (first.serial, third.serial) == ("铁西政服受〔2026〕1号", "铁西政服受〔2026〕2号")
    assert third.papers[0].serial == "铁西政服收〔2026〕2号"
    assert serials.last_number(services.store, SheetKind.REFUSAL, 2026) == 1
    assert serials.last_number(services.store, SheetKind.RECEIPT, 2026) == 2


def test_a_refusal_without_reason_is_refused_and_registers_nothing(services, tmp_path):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    out = tmp_path / "不予受理.docx"
    with pytest.raises(UserError, match="不予受理须填写理由"):
        cases.register(request(outcome="不予受理"), services.default_clerk(), out=out)
    assert count(services, "cases") == 0 and count(services, "papers") == 0
    assert serials.last_number(services.store, SheetKind.REFUSAL, 2026) == 0
    assert not out.exists()


def test_a_refusal_prints_reason_basis_and_both_remedies_from_the_settings(services, tmp_path):
    services.settings.change(
        INSTALLER,
        {"centre.review_body": "鞍山市铁西区人民政府", "centre.court": "鞍山市铁西区人民法院"},
    )
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    out = tmp_path / "不予受理.docx"
    reason = "申请事项依法不属于本机关职权范围，请向鞍山市市场监督管理局申请。"
    case = cases.register(
        request(outcome="不予受理", reason=reason), services.default_clerk(), out=out
    )
    assert (case.kind, case.serial, case.reason) == (
        SheetKind.REFUSAL,
        "铁西政服不受〔2026〕1号",
        reason,
    )
    text = docx_text(out)
    for expected in (
        "不予受理通知书",
        "一、不予受理的理由",
        reason,
        "二、依据",
        "《中华人民共和国行政许可法》第三十二条第一款",
        "三、申请人的权利",
        "六十日内向鞍山市铁西区人民政府申请行政复议",
        "《中华人民共和国行政复议法》第二十条",
        "六个月内向鞍山市铁西区人民法院提起行政诉讼",
        "《中华人民共和国行政诉讼法》第四十六条",
        "区市场监管局（盖章）",
    ):
        assert expected in text, expected


def test_the_clerk_may_name_the_basis_of_a_refusal(services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    basis = "《中华人民共和国行政许可法》第三十二条第一款第（二）项"
    case = cases.register(
        request(outcome="不予受理", reason="不属于本机关职权范围", basis=basis),
        services.default_clerk(),
    )
    assert case.sheet.decision_basis == basis
    assert basis in sheet_content(case.sheet).all_text()


def test_an_item_that_is_no_permit_cites_its_own_rule_not_article_32():
    item = Item(
        "X1",
        "内地居民结婚登记",
        kind="confirmation",
        basis="《中华人民共和国民法典》第一千零四十九条",
    )
    assert default_basis(Subject("item", "X1", item.name, [item])) == (
        "本事项的设定依据：《中华人民共和国民法典》第一千零四十九条"
    )
    permit = Item("X2", "食品经营许可", kind="permit", basis="《中华人民共和国食品安全法》")
    assert "第三十二条" in default_basis(Subject("item", "X2", permit.name, [permit]))


def test_a_receipt_needs_materials_and_an_outcome_that_takes_them(services, tmp_path):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    clerk = services.default_clerk()
    with pytest.raises(UserError, match="没有勾选任何已收取的材料"):
        cases.register(request(brought=set(), outcome="correction", receipt=True), clerk)
    with pytest.raises(UserError, match="无需出具收件回执"):
        cases.register(request(outcome="consulted", kind="notice", receipt=True), clerk)
    receipt = tmp_path / "回执.docx"
    with pytest.raises(UserError, match="收件回执"):  # a file for a receipt nobody asked for
        cases.register(request(outcome="受理"), clerk, receipt_out=receipt)
    assert count(services, "cases") == 0 and not receipt.exists()
    with pytest.raises(UserError, match="不能单独"):
        cases.register(request(kind="receipt"), clerk)


def test_a_correction_hands_out_a_receipt_too(services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    case = cases.register(request(brought={"公司章程"}, receipt=True), services.default_clerk())
    assert case.kind == SheetKind.CORRECTION
    [paper] = case.papers
    assert [m.name for m in paper.sheet.materials] == ["公司章程"]
    assert paper.sheet.outcome == Outcome.CORRECTION


def test_the_receipts_signatures_keep_with_its_last_material_in_word(services, tmp_path):
    """The .docx 收件回执: the last material's row, the 说明 and the first signature keep with
    what follows (w:keepNext), so Word takes them to a second page together with the
    signatures, never the signatures alone."""
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    receipt = tmp_path / "回执.docx"
    cases.register(
        request(outcome="受理", receipt=True), services.default_clerk(), receipt_out=receipt
    )
    doc = Document(str(receipt))

    def kept(paragraph) -> bool:
        return paragraph.paragraph_format.keep_with_next is True

    materials = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号")
    *_, last_row = materials.rows
    assert last_row.cells[1].text == "不动产权证书"
    assert all(kept(p) for cell in last_row.cells for p in cell.paragraphs)
    texts = [p.text for p in doc.paragraphs]
    note = texts.index("说明")
    applicant, clerk = (texts.index(t) for t in texts if t.startswith(("申请人（签字）", "收件人")))
    assert note < applicant < clerk == len(texts) - 1
    assert all(kept(p) for p in doc.paragraphs[note:clerk])
    assert not kept(doc.paragraphs[clerk])


def test_a_stated_decision_on_a_notice_is_written_as_the_decision():
    assert paper_kind(SheetKind.NOTICE, Outcome.ACCEPTED) == SheetKind.ACCEPTANCE
    assert paper_kind(SheetKind.NOTICE, Outcome.REFUSED) == SheetKind.REFUSAL
    assert paper_kind(SheetKind.NOTICE, Outcome.CONSULTED) == SheetKind.NOTICE
    assert paper_kind(SheetKind.NOTICE, None) == SheetKind.NOTICE
    assert paper_kind(SheetKind.CORRECTION, Outcome.CORRECTION) == SheetKind.CORRECTION


def test_serials_have_no_leading_zeros_and_old_ones_still_find_their_case(services, tmp_path):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    case = cases.register(request(outcome="受理", receipt=True), services.default_clerk())
    assert case.serial == "铁西政服受〔2026〕1号"
    assert cases.get("铁西政服受〔2026〕000001号") == case  # as versions before printed them
    assert SerialRef.parse("铁西政服不受〔2026〕000012号") == SerialRef("不受", 2026, 12)
    assert SerialRef.parse("铁西政服受〔2026〕12号") == SerialRef("受", 2026, 12)
    reprinted = cases.reprint("铁西政服收〔2026〕000001号")
    assert reprinted == case.papers[0].sheet
    assert reprinted.to_json() == case.papers[0].snapshot  # reprinted exactly as first printed


def test_preview_papers_number_nothing(services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    notice, receipt = cases.preview_papers(
        request(outcome="受理", receipt=True), services.default_clerk()
    )
    assert (notice.kind, receipt.kind) == (SheetKind.ACCEPTANCE, SheetKind.RECEIPT)
    assert notice.serial.endswith("______号") and receipt.serial.startswith("铁西政服收〔2026〕")
    assert count(services, "cases") == 0
    assert serials.last_number(services.store, SheetKind.RECEIPT, 2026) == 0


def test_the_new_papers_use_full_width_punctuation(services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    clerk = services.default_clerk()
    accepted = cases.register(request(outcome="受理", receipt=True), clerk)
    refused = cases.register(request(outcome="不予受理", reason="不属于本机关职权范围"), clerk)
    for sheet in (accepted.sheet, accepted.papers[0].sheet, refused.sheet):
        c = sheet_content(sheet)
        printed = [c.serial_line, c.title, c.salutation, c.intro, c.contact_line, c.qr_caption]
        printed += [text for field in c.fields for text in field] + c.signatures + c.closing
        printed += [t for s in c.sections for t in (s.heading, *s.paragraphs)]
        template = "".join(printed)
        # Digits, dates and the masked ID aside, no ASCII punctuation in the template text.
        assert not set(template) & set(",;:()?!"), sheet.kind


def test_the_docx_of_every_new_kind_opens(tmp_path, services):
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    case = cases.register(request(outcome="受理", receipt=True), services.default_clerk())
    for sheet in (case.sheet, case.papers[0].sheet):
        path = tmp_path / f"{sheet.kind}.docx"
        write_docx(sheet, path)
        assert sheet.title in docx_text(path)


def test_a_restore_never_gives_a_receipt_number_twice_and_counts_only_cases(services, tmp_path):
    clerk = services.default_clerk()
    CaseService(services).register(request(outcome="受理", receipt=True), clerk)
    copy = backup(services.store, tmp_path / "copy.db")
    later = CaseService(services).register(request(outcome="受理", receipt=True), clerk)
    db = services.store.path
    services.close()
    result = restore(db, copy)
    assert result.missing == [later.serial]  # the case; its receipt is no case of its own
    assert (str(SheetKind.RECEIPT), later.created_at[:4]) in {
        (kind, str(year)) for kind, year, _, _ in result.carried
    }
    with open_services(db) as reopened:
        again = CaseService(reopened).register(request(outcome="受理", receipt=True), clerk)
    assert SerialRef.parse(again.papers[0].serial).number == 3  # 2 is on paper already


def test_a_promised_date_counted_over_an_unknown_year_says_it_is_estimated(services):
    cases = CaseService(services, clock=at("2026-09-30T10:15:00"))
    known = cases.register(request(outcome="受理"), services.default_clerk())
    assert not known.sheet.promised_estimated
    assert "估算" not in "".join(sheet_content(known.sheet).all_text())
    # 31 December: the next working day is in a year whose arrangement is not imported.
    cases = CaseService(services, clock=at("2026-12-31T10:15:00"))
    case = cases.register(request(outcome="受理"), services.default_clerk())
    assert case.sheet.promised_date and case.sheet.promised_date.startswith("2027-")
    assert case.sheet.promised_estimated
    assert "其间节假日安排尚未公布，为估算日期" in "".join(sheet_content(case.sheet).all_text())


@pytest.mark.parametrize(
    ("outcome", "reason"), [("受理", ""), ("不予受理", "不属于本机关职权范围")]
)
def test_the_rating_code_on_a_decision_finds_its_case(services, outcome, reason):
    services.settings.change(INSTALLER, {"rating.host": "192.168.1.20", "rating.by_phone": True})
    cases = CaseService(services, clock=at("2026-03-02T09:30:00"))
    case = cases.register(request(outcome=outcome, reason=reason), services.default_clerk())
    assert case.rating_url.endswith(case.token)
    target = rating_for_token(services, case.token, now=datetime(2026, 3, 2, 10, 0))
    assert target.serial == case.serial and not target.already_rated
