"""The papers of layout 2 as a clerk and a 区数据局 official read them (issue 11 §1): the 一次性
补正告知书 (basis by item kind, 补正意见 per material stored and reprinted, materials received, 容缺
stays 容缺, what happens after the deadline), the 容缺受理承诺书 with its 容缺受理通知书 (each
material's own 补齐 date, never past the 承诺时限), the 一次性告知书 (办理流程, result and
delivery, 到现场次数, 经办窗口, 一式两份), 免申即享 only informs; and the .docx read back."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from docx import Document
from docx.oxml.ns import qn

from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.catalog.model import Item, Material
from window_assistant.errors import UserError
from window_assistant.sheets.build import (
    Subject,
    build_sheet,
    rongque_supply_dates,
    suggest_kind,
)
from window_assistant.sheets.content import sheet_content
from window_assistant.sheets.docx import write_docx
from window_assistant.sheets.model import (
    BROUGHT,
    CORRECTION_NOTE,
    LAYOUT,
    MISSING,
    RONGQUE_LATER,
    TO_CORRECT,
    Person,
    Sheet,
    snapshot_hash,
)
from window_assistant.sheets.papers import brief_notes
from window_assistant.vocab import CorrectionOpinion, Outcome, SheetKind
from window_assistant.workdays import load_calendar

COMPANY = "001701001000"  # 企业设立登记: 行政许可, promised in 1 working day
MARRIAGE = "000607001000"  # 内地居民结婚登记: 行政确认
FREE = "000905017000"  # 失业保险稳岗返还（免申即享）
LEASED = {"company_type": "有限责任公司", "premises": "租赁房产", "agent": "否"}
NECESSARY = {"企业登记（备案）申请书", "公司章程", "法定代表人、董事、监事和经理的任职文件"}
ARTICLES = "公司章程"


def at(moment: str):
    return lambda: datetime.fromisoformat(moment)


def applicant() -> Person:
    return Person("张三", id_number="11010519491231002X", phone="13812341234")


def printed(sheet: Sheet) -> str:
    return "\n".join(sheet_content(sheet).all_text())


@pytest.fixture
def cases(services):
    return CaseService(services, clock=at("2026-03-02T09:30:00"))


# -- 一次性补正告知书 -----------------------------------------------------------------------------
def test_correction_of_a_permit_cites_article_32_and_of_other_kinds_the_centres_commitment(
    services, cases
):
    clerk = services.default_clerk()
    permit = cases.register(
        CaseRequest("item", COMPANY, answers=LEASED, brought={"公司章程"}), clerk
    )
    assert permit.kind == SheetKind.CORRECTION
    assert permit.sheet.note == CORRECTION_NOTE and "第三十二条" in printed(permit.sheet)
    other = cases.register(CaseRequest("item", MARRIAGE, brought=set(), kind="correction"), clerk)
    assert "行政许可法" not in printed(other.sheet)
    assert other.sheet.note == services.settings.correction_commitment
    assert "一次性告知制度" in printed(other.sheet)


def test_opinions_per_material_are_stored_and_reprinted_identically(services, cases):
    clerk = services.default_clerk()
    request = CaseRequest(
        "item",
        COMPANY,
        answers=LEASED,
        brought=set(NECESSARY),
        applicant=applicant(),
        opinions={ARTICLES: ("未签字", "第5页股东未签字"), "企业登记（备案）申请书": ("", "")},
    )
    assert suggest_kind(*_subject(services, COMPANY), request.brought, request.opinions) == (
        SheetKind.CORRECTION
    )
    case = cases.register(request, clerk)
    assert case.kind == SheetKind.CORRECTION and case.outcome == Outcome.CORRECTION
    (articles,) = [m for m in case.sheet.materials if m.name == ARTICLES]
    assert articles.status == TO_CORRECT
    assert (articles.opinion, articles.opinion_text) == (
        CorrectionOpinion.UNSIGNED,
        "第5页股东未签字",
    )
    text = printed(case.sheet)
    assert "× 未签字：第5页股东未签字" in text
    # an empty opinion is no opinion: that material was received and is listed as such
    assert [m.name for m in case.sheet.received] == sorted(
        NECESSARY - {ARTICLES}, key=[m.name for m in case.sheet.received].index
    )
    assert case.sheet.received_on == "2026-03-02" and "2026年3月2日收取" in text
    # stored with the case and reprinted from the snapshot, identical (same hash)
    again = cases.reprint(case.serial, actor=clerk.login)
    assert again == case.sheet and printed(again) == text
    stored = services.store.execute(
        "SELECT snapshot, content_hash FROM cases WHERE serial = ?", [case.serial]
    ).fetchone()
    assert snapshot_hash(stored[0]) == stored[1] == case.sheet.content_hash()
    assert '"opinion":"unsigned"' in stored[0] and f'"layout":{LAYOUT}' in stored[0]


@pytest.mark.parametrize(
    ("opinions", "brought", "message"),
    [
        ({ARTICLES: ("缺", "")}, NECESSARY, "已勾选为已带,补正意见不能是「缺」"),
        ({ARTICLES: ("其他", "")}, NECESSARY, "请写明需要补正的内容"),
        ({ARTICLES: ("字迹潦草", "")}, NECESSARY, "补正意见「字迹潦草」无效"),
        ({"户口本": ("未签字", "")}, NECESSARY, "的材料中没有「户口本」"),
        ({ARTICLES: ("未签字", "")}, NECESSARY - {ARTICLES}, "若已带来但「未签字」"),
        ({ARTICLES: ("未签字", "x" * 101)}, NECESSARY, "补正意见"),
    ],
)
def test_a_wrong_opinion_is_refused_in_chinese_and_registers_nothing(
    services, cases, opinions, brought, message
):
    request = CaseRequest("item", COMPANY, answers=LEASED, brought=set(brought), opinions=opinions)
    with pytest.raises(UserError, match=message):
        cases.register(request, services.default_clerk())
    assert services.store.execute("SELECT count(*) FROM cases").fetchone()[0] == 0


def test_rongque_materials_stay_rongque_on_a_correction_and_the_lapse_is_said(services, cases):
    case = cases.register(
        CaseRequest("item", COMPANY, answers=LEASED, brought={"公司章程"}), services.default_clerk()
    )
    statuses = {m.name: m.status for m in case.sheet.materials}
    assert (
        statuses["房屋租赁合同"] == RONGQUE_LATER and statuses["企业登记（备案）申请书"] == MISSING
    )
    content = sheet_content(case.sheet)
    rows = {r.name: r for r in content.materials}
    assert rows["房屋租赁合同"].status.startswith("容缺后补") and not rows["房屋租赁合同"].missing
    assert (
        rows["企业登记（备案）申请书"].status == "× 缺" and rows["企业登记（备案）申请书"].missing
    )
    assert "共2项" in content.intro  # the two missing, not the 容缺 ones
    assert content.deadline_line.startswith("补正期限：请于2026年3月9日前补正")
    assert services.settings.correction_lapse in content.deadline_line


def test_a_correction_for_rongque_materials_only_is_refused(services, cases):
    request = CaseRequest(
        "item", COMPANY, answers=LEASED, brought=set(NECESSARY), kind="correction"
    )
    with pytest.raises(UserError, match="都可以容缺后补"):
        cases.register(request, services.default_clerk())


# -- 容缺受理承诺书 and 容缺受理通知书 ------------------------------------------------------------------
def item_with_own_supply_days(promised: int) -> Item:
    return Item(
        code="T1",
        name="测试许可",
        kind="行政许可",
        department="区测试局",
        promised_limit=promised,
        materials=[
            Material("申请书"),
            Material("租赁合同", necessity="容缺后补", supply_days=3),
            Material("场地照片", necessity="容缺后补", form="电子"),
        ],
    )


def test_each_rongque_material_has_its_own_date_never_past_the_promised_limit():
    calendar = load_calendar()
    today = date(2026, 3, 2)  # a Monday
    subject = Subject("item", "T1", "测试许可", [item_with_own_supply_days(20)])
    dates = rongque_supply_dates(subject, {}, today, calendar, 5)
    assert dates == {"租赁合同": calendar.add(today, 3), "场地照片": calendar.add(today, 5)}
    capped = Subject("item", "T1", "测试许可", [item_with_own_supply_days(2)])
    dates = rongque_supply_dates(capped, {}, today, calendar, 5)
    assert dates == {"租赁合同": calendar.add(today, 2), "场地照片": calendar.add(today, 2)}


def test_rongque_commitment_is_the_applicants_to_the_accepting_body_with_the_centres_notice():
    subject = Subject("item", "T1", "测试许可", [item_with_own_supply_days(20)])
    calendar = load_calendar()
    today = date(2026, 3, 2)
    from tests.core.test_sheets import context

    ctx = context()
    ctx.applicant = applicant()
    sheet = build_sheet(
        subject,
        {},
        {"申请书"},
        "rongque",
        ctx,
        deadline=calendar.add(today, 5),
        supply_dates=rongque_supply_dates(subject, {}, today, calendar, 5),
    )
    assert [(m.name, m.supply_by) for m in sheet.materials] == [
        ("租赁合同", "2026-03-05"),
        ("场地照片", "2026-03-09"),
    ]
    assert sheet.deadline == "2026-03-09"
    content = sheet_content(sheet)
    assert content.title == "容缺受理承诺书" and content.salutation == "区测试局："
    assert content.intro.startswith("本人（张三）申请办理“测试许可”事项")
    assert "承诺日期：2026年3月2日" in content.note and "本人（本单位）" in content.note
    assert content.seal_box[0] == "受理机关意见：" and "（盖章）" in content.seal_box
    notice = content.appendix
    assert notice is not None and notice.title == "容缺受理通知书"
    assert notice.salutation == "张三："
    rows = [(r.name, r.form, r.status) for r in notice.materials]
    assert rows == [
        ("租赁合同", "纸质", "× 2026年3月5日前补齐"),
        ("场地照片", "电子", "× 2026年3月9日前补齐"),
    ]  # each material once, with its form and its own date
    assert ("承诺办结时限", "20个工作日") in notice.fields
    assert "撤销本次受理" in notice.deadline_line


# -- 一次性告知书 ------------------------------------------------------------------------------------
def test_notice_has_steps_result_delivery_visits_copies_and_the_window_heading(services, cases):
    clerk = services.default_clerk()
    consult = cases.register(
        CaseRequest("item", COMPANY, answers=LEASED, outcome="consulted"), clerk
    )
    content = sheet_content(consult.sheet)
    guide = dict(content.guide)
    assert guide["办理流程"].startswith("①名称自主申报→②")
    assert "到现场次数" in guide["办理时限"]
    assert services.settings.sheet_delivery.rstrip("。") in guide["办理结果和送达方式"]
    assert content.copies_line == "本告知书一式两份，申请人和窗口各执一份。"
    assert content.signatures[0].startswith("经办窗口：")
    brought = {"申请结婚登记声明书", "双方近期半身免冠合影照片"}  # the ID cards are shared
    accepted = cases.register(CaseRequest("item", MARRIAGE, brought=brought), clerk)
    assert accepted.outcome == Outcome.ACCEPTED
    assert sheet_content(accepted.sheet).signatures[0].startswith("受理窗口：")


def test_the_guides_long_sections_go_on_a_second_sheet_when_asked(services, cases):
    clerk = services.default_clerk()
    plain = sheet_content(
        cases.register(CaseRequest("item", MARRIAGE, outcome="consulted"), clerk).sheet
    )
    assert plain.appendix is None and "受理条件" not in dict(plain.guide)
    asked = cases.register(
        CaseRequest("item", MARRIAGE, outcome="consulted", guide_sheet=True), clerk
    )
    appendix = sheet_content(asked.sheet).appendix
    assert appendix is not None and [k for k, _ in appendix.guide][:2] == ["受理条件", "设定依据"]


def test_a_long_notes_is_cut_on_the_notice_and_printed_whole_on_its_guide_sheet(services, cases):
    """Layout 3, one page the norm: a material's 填报须知 that would not fit its row's one line
    is cut after a sentence or clause ("……"), the heading says where the whole text is (the
    guide, or the 附页 when printed), and the 附页 has it whole; a short one is printed whole."""
    clerk = services.default_clerk()
    request = CaseRequest("item", COMPANY, answers=LEASED, outcome="consulted")
    sheet = cases.register(request, clerk).sheet
    articles = next(m for m in sheet.materials if m.name == ARTICLES)
    assert len(articles.notes) > 60  # the catalog's whole text, kept in the snapshot
    content = sheet_content(sheet)
    row = next(r for r in content.materials if r.name == ARTICLES)
    assert row.notes.endswith("……") and row.notes.count("；") == 1
    assert articles.notes.startswith(row.notes.split("要求：")[1].removesuffix("……"))
    assert "“……”处的完整要求见本事项办事指南" in content.materials_heading
    request.guide_sheet = True
    asked = sheet_content(cases.register(request, clerk).sheet)
    assert "“……”处的完整要求见附页" in asked.materials_heading
    assert asked.appendix is not None
    whole = dict(asked.appendix.guide)["材料填报要求"]
    assert f"【{ARTICLES}】{articles.notes}" in whole.split("\n")
    # a snapshot of layout 2 prints its notes whole, as it was printed
    sheet.layout = 2
    old = sheet_content(sheet)
    assert next(r for r in old.materials if r.name == ARTICLES).notes.endswith(articles.notes)
    assert "……" not in old.materials_heading


def test_a_bundles_notes_are_cut_but_never_the_items_they_are_for(services, cases):
    request = CaseRequest("bundle", "YJS001", outcome="consulted")
    content = sheet_content(cases.register(request, services.default_clerk()).sheet)
    cut = [r for r in content.materials if "……" in r.notes]
    assert cut and all("……；用于：" in r.notes for r in cut)
    assert all("用于：" in r.notes for r in content.materials)
    assert content.appendix is not None and "材料填报要求" in dict(content.appendix.guide)


def test_notes_are_cut_after_a_sentence_or_clause_that_fits():
    assert brief_notes("甲乙丙。丁戊己。", 10) == "甲乙丙。丁戊己。"
    assert brief_notes("甲乙丙丁，戊己庚辛；壬癸子丑。", 10) == "甲乙丙丁……"
    assert (
        brief_notes("甲乙丙丁戊己庚辛壬癸子丑寅卯，辰巳。", 10) == "甲乙丙丁戊己庚辛壬癸子丑寅卯……"
    )
    assert brief_notes("A4 paper, two copies", 10) == "A4 paper, two copies"


# -- 免申即享 ---------------------------------------------------------------------------------------
def test_a_no_application_item_only_informs(services, cases):
    clerk = services.default_clerk()
    case = cases.register(CaseRequest("item", FREE), clerk)
    assert (case.kind, case.outcome) == (SheetKind.NOTICE, Outcome.CONSULTED)
    content = sheet_content(case.sheet)
    assert "免申即享" in content.intro and "无需提交" in content.materials_heading
    assert {r.status for r in content.materials} == {"无需提交"}
    for request in (
        CaseRequest("item", FREE, kind="correction"),
        CaseRequest("item", FREE, kind="rongque"),
        CaseRequest("item", FREE, outcome="accepted", brought={"政策兑现确认函"}),
    ):
        with pytest.raises(UserError, match="免申即享"):
            cases.register(request, clerk)


# -- .docx read back --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["notice", "correction", "rongque"])
def test_docx_of_each_kind_reads_back_with_whole_rows_and_the_closing_kept(
    services, cases, tmp_path, kind
):
    brought = {"notice": set(), "correction": {ARTICLES}, "rongque": set(NECESSARY)}[kind]
    request = CaseRequest(
        "item",
        COMPANY,
        answers=LEASED,
        brought=brought,
        applicant=applicant(),
        outcome="consulted" if kind == "notice" else None,
    )
    case = cases.register(request, services.default_clerk())
    assert case.kind == kind
    path = tmp_path / f"{kind}.docx"
    write_docx(case.sheet, path)
    doc = Document(str(path))
    body = doc.element.body
    text = "".join(t.text or "" for t in body.iter(qn("w:t")))
    content = sheet_content(case.sheet)
    for line in content.all_text():
        if line.startswith("编号："):
            continue  # in the page header
        for part in line.replace(":", "\n").split("\n"):
            assert part.replace(" ", "") in text.replace(" ", ""), part
    for table in doc.tables:  # every row of every table stays whole on a page
        for row in table.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    marked = [r for r in content.materials if r.missing]
    assert bool(marked) == (kind != "notice")  # still to be brought: mark and bold, not a fill
    runs = [r for r in body.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t")))]
    bold_texts = {
        "".join(t.text or "" for t in r.iter(qn("w:t")))
        for r in runs
        if r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:b")) is not None
    }
    for row in marked:
        assert row.status.startswith("×") and row.status in bold_texts and row.name in bold_texts
    if kind == "rongque":
        assert "容缺受理承诺书" in text and "容缺受理通知书" in text and "受理机关意见" in text
        assert body.find(".//" + qn("w:br")) is not None  # the notice starts a page
    # the last body paragraph before the closing keeps with it (GB/T 9704 §7.3.5)
    paragraphs = body.findall(qn("w:p"))
    keeps = [p for p in paragraphs if p.find(".//" + qn("w:keepNext")) is not None]
    assert keeps


def _subject(services, code):
    from window_assistant.sheets.build import resolve_subject

    subject = resolve_subject(services.catalog, "item", code)
    return subject, dict(LEASED)


def test_opinion_and_received_fields_default_in_an_old_snapshot():
    old = Sheet.from_json(
        '{"kind":"correction","serial":"s","issued_at":"2025-01-02T09:00:00","centre":"c",'
        '"centre_address":"","centre_phone":"","complaint_phone":"","window":"w","clerk":"k",'
        '"subject_kind":"item","subject_code":"1","subject_name":"n","items":[],"answers":[],'
        '"materials":[{"name":"m","kind":"other","source":"applicant","necessity":"required",'
        '"form":"paper","originals":1,"copies":0,"status":"missing"}]}'
    )
    assert old.layout == 1 and old.received == [] and old.materials[0].opinion is None
    assert old.materials[0].status == MISSING and BROUGHT != MISSING


# -- one phone number per paper ------------------------------------------------------------------
def _instruments(content) -> list[list[str]]:
    """The printed text of each instrument of a paper (a 容缺 通知书 or a 附页 is its own)."""
    out = []
    while content is not None:
        whole, after = content.all_text(), content.appendix.all_text() if content.appendix else []
        out.append(whole[: len(whole) - len(after)])
        content = content.appendix
    return out


def test_each_paper_prints_the_centres_phones_once(services, cases):
    """Layout 1 printed the 咨询电话 in its section 七 and again in the footer line; the papers
    of today print each phone number at most once per instrument (issue 11 §3: one 咨询电话)."""
    from tests.samples import COMPANY_ALL_BROUGHT, COMPANY_OWNED

    clerk = services.default_clerk()
    requests = [
        CaseRequest("item", COMPANY, answers=LEASED, outcome="consulted"),
        CaseRequest("item", COMPANY, answers=LEASED, guide_sheet=True),
        CaseRequest("item", COMPANY, answers=LEASED, brought=set(NECESSARY)),
        CaseRequest(
            "item",
            COMPANY,
            answers=COMPANY_OWNED,
            brought=set(COMPANY_ALL_BROUGHT),
            outcome="accepted",
            receipt=True,
        ),  # fmt: skip
        CaseRequest("item", MARRIAGE, outcome="refused", reason="不属于本机关职权范围。"),
        CaseRequest("bundle", "YJS001", outcome="consulted"),
        CaseRequest("bundle", "YJS001"),
    ]
    phones = (services.settings.centre_phone, services.settings.complaint_phone)
    seen = 0
    for request in requests:
        case = cases.register(request, clerk)
        for sheet in [case.sheet, *(p.sheet for p in case.papers)]:
            for text in _instruments(sheet_content(sheet)):
                joined = "\n".join(text)
                for phone in phones:
                    assert joined.count(phone) <= 1, (sheet.kind, phone, joined)
                seen += joined.count(phones[0])
    assert seen >= 6  # the phone is printed, once
