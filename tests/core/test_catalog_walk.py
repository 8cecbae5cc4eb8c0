"""The bundled catalog walked whole, as an official would check it: every item and bundle reaches
受理 with the materials an applicant can have (the core's own case preview decides), a 免申即享
item never asks for 补正, and every article the catalog cites is in the table of verified
citations (catalog/citations.json). Also the rules these checks lean on: the necessity
免提交/由部门获取 (never 缺) and the 免申即享 rule, on items built here."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from itertools import product
from pathlib import Path

import pytest

from tests.core.test_sheets import context
from window_assistant.cases.model import CaseRequest
from window_assistant.cases.registration import CaseService
from window_assistant.catalog.io import read_catalog_text
from window_assistant.catalog.model import Item, Material
from window_assistant.errors import UserError
from window_assistant.services import Services, bundled_catalog
from window_assistant.sheets.build import (
    Subject,
    build_sheet,
    counter_status,
    merged_materials,
    resolve_subject,
    rongque_supply_dates,
    sheet_kinds,
    sheet_outcomes,
    situations,
    suggest_kind,
    tracked_status,
)
from window_assistant.sheets.content import status_text
from window_assistant.sheets.model import MISSING, NOT_TRACKED, OBTAINED, SHARED
from window_assistant.vocab import ItemKind, Necessity, Outcome, SheetKind, SubjectKind

REPO = Path(__file__).resolve().parents[2]
CITATIONS = json.loads((REPO / "catalog" / "citations.json").read_text(encoding="utf-8"))
CATALOG = bundled_catalog()

# What each item issues (its result). Inside a bundle nobody can bring what another of its items
# is about to issue: a company being founded has no bank account yet.
RESULTS = {
    "001701001000": {"营业执照"},
    "001701005000": {"营业执照"},
    "001701006000": {"营业执照"},
    "003120001000": {"企业基本存款账户信息"},
    "000510003000": {"企业印章"},
    "002420001000": {"出生医学证明"},
    "000507001000": {"居民户口簿"},
    "000907006000": {"职工退休核准表"},
    "000210001000": {"企业投资项目备案证明"},
    "001101001000": {"建设工程规划许可证"},
    "006210002000": {"清税证明"},
}

NUM = "一二三四五六七八九十百零〇"
CITED = re.compile(
    rf"《([^》]+)》(?:（[^）]*）)?((?:第[{NUM}]+条(?:第[{NUM}]+款)?(?:第（?[{NUM}]+）?项)?"
    rf"(?:[、和及至](?=第))?)+)"
)
ARTICLE = re.compile(rf"第[{NUM}]+条")


def cited_articles(item: Item) -> set[tuple[str, str]]:
    """(law, article) for every 《law》第…条 in the item's texts and its materials' notes."""
    texts = [item.basis, item.fee_basis, item.fee_standard, item.conditions]
    texts += [m.notes for m in item.materials] + [m.spec for m in item.materials]
    found = set()
    for text in texts:
        for m in CITED.finditer(text):
            found.update((m.group(1), a) for a in ARTICLE.findall(m.group(2)))
    return found


def answer_sets(subject: Subject) -> list[dict[str, str]]:
    """Every combination of answers, or (when there are too many) each option once."""
    questions = situations(subject)
    combos = 1
    for q in questions:
        combos *= len(q.options)
    if combos <= 48:
        return [
            dict(zip([q.key for q in questions], options, strict=True))
            for options in product(*(q.options for q in questions))
        ]
    base = {q.key: q.options[0] for q in questions}
    return [{**base, q.key: option} for q in questions for option in q.options]


def can_have(subject: Subject, answers: dict[str, str]) -> set[str]:
    """What an applicant can bring: everything asked, but what the department gets itself, what
    is shared as an 电子证照, and what another item of the same bundle is about to issue."""
    issued = set()
    if subject.kind == SubjectKind.BUNDLE:
        for item in subject.items:
            issued |= RESULTS.get(item.code, set())
    return {
        m.name
        for m in merged_materials(subject, answers)
        if m.necessity != Necessity.OBTAINED and not m.shareable and m.name not in issued
    }


def subjects(services: Services) -> list[Subject]:
    out = [resolve_subject(services.catalog, SubjectKind.ITEM, i.code) for i in CATALOG.items]
    out += [resolve_subject(services.catalog, SubjectKind.BUNDLE, b.code) for b in CATALOG.bundles]
    return out


def free(subject: Subject) -> bool:
    return all(i.no_application for i in subject.items)


# -- the walk -------------------------------------------------------------------------------


def test_every_item_and_bundle_reaches_acceptance_with_what_an_applicant_can_have(services):
    cases = CaseService(services)
    clerk = services.default_clerk()
    failures = []
    walked = 0
    for subject in subjects(services):
        if free(subject):
            continue  # 免申即享: nobody applies (next test)
        for answers in answer_sets(subject):
            brought = can_have(subject, answers)
            request = CaseRequest(subject.kind, subject.code, answers, brought)
            try:
                suggested = cases.preview(request, clerk)
                accepted = cases.preview(
                    CaseRequest(
                        subject.kind, subject.code, answers, brought, outcome=Outcome.ACCEPTED
                    ),
                    clerk,
                )
            except UserError as exc:
                failures.append(f"{subject.name} {answers}: {exc.message}")
                continue
            walked += 1
            missing = [m.name for m in accepted.materials if m.status == MISSING]
            if suggested.kind != SheetKind.NOTICE or accepted.outcome != Outcome.ACCEPTED:
                failures.append(f"{subject.name} {answers}: {suggested.kind} {missing}")
    assert not failures, "\n".join(failures)
    assert walked > len(CATALOG.items)  # every subject, most under several answers


def test_business_start_bundle_is_accepted_with_all_a_founder_can_have(services):
    subject = resolve_subject(services.catalog, SubjectKind.BUNDLE, "YJS001")
    answers = {"company_type": "有限责任公司", "premises": "租赁房产", "agent": "否"}
    brought = can_have(subject, answers)
    assert "企业基本存款账户信息" not in brought  # the bank account is opened in the bundle
    request = CaseRequest(SubjectKind.BUNDLE, "YJS001", answers, brought, outcome="受理")
    sheet = CaseService(services).preview(request, services.default_clerk())
    assert sheet.outcome == Outcome.ACCEPTED
    assert not [m.name for m in sheet.materials if m.status == MISSING]


def test_no_application_items_print_no_correction(services):
    cases = CaseService(services)
    clerk = services.default_clerk()
    free_subjects = [s for s in subjects(services) if free(s)]
    assert len(free_subjects) >= 5  # the catalog's 免申即享 items
    for subject in free_subjects:
        assert sheet_kinds(subject) == (SheetKind.NOTICE,)
        assert sheet_outcomes(subject, SheetKind.NOTICE) == (Outcome.CONSULTED,)
        assert sheet_outcomes(subject, SheetKind.CORRECTION) == ()
        sheet = cases.preview(CaseRequest(subject.kind, subject.code), clerk)
        assert sheet.kind == SheetKind.NOTICE and sheet.outcome == Outcome.CONSULTED
        assert not [m for m in sheet.materials if m.status == MISSING]
        for kind in (SheetKind.CORRECTION, SheetKind.RONGQUE):
            with pytest.raises(UserError, match="免申即享"):
                cases.preview(CaseRequest(subject.kind, subject.code, kind=kind), clerk)
        with pytest.raises(UserError, match="免申即享"):
            cases.preview(CaseRequest(subject.kind, subject.code, outcome="受理"), clerk)


# -- citations and the errors an official found ---------------------------------------------


def test_every_cited_article_is_a_verified_citation_of_that_item():
    table = {(c["item"], c["law"], c["article"]) for c in CITATIONS["citations"]}
    unverified = [
        f"{item.code} {item.name}: 《{law}》{article}"
        for item in CATALOG.items
        for law, article in sorted(cited_articles(item))
        if (item.code, law, article) not in table
    ]
    assert not unverified, "\n".join(unverified)


def test_the_citation_table_names_real_items_and_its_sources():
    codes = {i.code for i in CATALOG.items}
    for c in CITATIONS["citations"]:
        assert c["item"] in codes, c
        assert c["law"] and c["says"] and c["source_title"], c
        assert c["source_url"].startswith(("http://", "https://")), c
        assert not c["article"] or ARTICLE.fullmatch(c["article"]), c


def test_only_licensing_items_cite_the_administrative_licensing_law():
    for item in CATALOG.items:
        if "行政许可法" in item.basis + item.fee_basis + item.conditions:
            assert item.kind == ItemKind.PERMIT, item.name


def test_item_kinds_and_bases_as_an_official_reads_them():
    items = CATALOG.item_map()
    assert items["001210003000"].kind == ItemKind.LEVY  # 城市基础设施配套费: 行政征收
    for item in CATALOG.items:
        assert "铁西区" not in item.basis + item.fee_basis, item.name  # no district 设定依据
        assert not item.phone, item.name  # one 咨询电话 per sheet: the centre's
    verified_text = json.dumps(CITATIONS, ensure_ascii=False)
    for item in CATALOG.items:
        if item.online_url:  # never a guessed address
            assert item.online_url in verified_text, (item.name, item.online_url)


def test_the_errors_listed_in_issue_11_are_fixed():
    items = CATALOG.item_map()
    idcard = items["000510002000"]
    assert idcard.fee and "20元" in idcard.fee_standard and "40元" in idcard.fee_standard
    assert "发改价格〔2003〕2322号" in idcard.fee_basis
    birth = items["002420001000"].basis
    assert "国卫妇幼发〔2013〕52号" in birth and "国卫办妇幼发〔2015〕13号" in birth
    assert items["005520003000"].basis == "《住房公积金管理条例》第二十四条、第二十五条"
    assert "第三十七条" in items["001301002000"].fee_basis
    assert "国发〔2016〕12号" in items["002401004000"].basis
    assert "20万元" in items["000920012000"].conditions
    assert "300万元" in items["000920013000"].conditions
    aid = items["000720001000"]
    assert "第三十二条" in aid.basis and "第四十二条" in aid.basis
    assert "追索劳动报酬" not in aid.conditions  # not a §32 case: §42 spares only the check
    food = [m.name for m in items["001701008001"].materials]
    assert not [n for n in food if "健康证明" in n]
    for item in CATALOG.items:
        names = [m.name for m in item.materials if not m.situations]
        if "住所（经营场所）使用证明" in names:
            premises = [
                m for m in item.materials if m.situations and "premises=" in m.situations[0]
            ]
            assert not premises, item.name  # the same 住所 asked twice


def test_the_national_bundles_a_district_window_handles():
    bundles = {b.name: b for b in CATALOG.bundles}
    items = CATALOG.item_map()
    for name in ("信用修复一件事", "企业信息变更一件事", "二手房转移登记及水电气网联动过户一件事"):
        assert name in bundles and all(c in items for c in bundles[name].items), name
    newborn = [items[c].name for c in bundles["新生儿出生一件事"].items]
    assert any("预防接种证" in n for n in newborn)


# A 容缺 material's note states its 补齐 time in days; the paper prints the date from its 补齐时限
# (else the setting), never past the item's 承诺办结时限 (issue 11). The note may not promise more.
NOTE_DAYS = re.compile(r"(\d+)\s*(个工作日|个自然日|日|天)")
SOME_MONDAY = date(2026, 3, 2)


def note_promise(note: str, calendar) -> date | None:
    """The latest day ``note`` lets a 容缺 material come, from ``SOME_MONDAY``; None: no days."""
    days = [
        calendar.add(SOME_MONDAY, int(n)) if unit == "个工作日" else SOME_MONDAY + timedelta(int(n))
        for n, unit in NOTE_DAYS.findall(note)
    ]
    return max(days) if days else None


def test_no_rongque_note_promises_more_time_than_the_paper_prints(services):
    calendar, default = services.workdays, services.settings.rongque_days
    checked = 0
    for subject in subjects(services):
        for answers in answer_sets(subject):
            printed = rongque_supply_dates(subject, answers, SOME_MONDAY, calendar, default)
            for item in subject.items:
                for m in item.materials_for(answers):
                    if m.necessity != Necessity.RONGQUE:
                        continue
                    promised = note_promise(m.notes, calendar)
                    where = f"{subject.name}/{item.name}/{m.name}: {m.notes}"
                    assert promised is not None, f"no 补齐 time in the note of {where}"
                    assert promised <= printed[m.name], f"{where} (paper: {printed[m.name]})"
                    checked += 1
    assert checked > 20


def test_a_note_promise_is_read_in_working_or_calendar_days(services):
    calendar = services.workdays
    assert note_promise("可容缺受理，30日内补交。", calendar) == date(2026, 4, 1)
    assert note_promise("自受理之日起1个工作日内补交。", calendar) == date(2026, 3, 3)
    assert note_promise("在开工前补交。", calendar) is None


def test_materials_the_department_obtains_are_marked_so():
    obtained = [
        (i.code, m.name)
        for i in CATALOG.items
        for m in i.materials
        if m.necessity == Necessity.OBTAINED
    ]
    assert ("002420001000", "新生儿出生信息") in obtained
    assert ("001701011001", "考试合格成绩单") in obtained
    assert len(obtained) >= 9
    for item in CATALOG.items:
        for m in item.materials:
            said = re.search("申请人无需提交|无需另行提交", m.notes)
            if said and m.necessity == Necessity.REQUIRED:
                pytest.fail(f"{item.name}「{m.name}」: 无需提交 but 必要")


# -- the rules the walk leans on, on items built here ---------------------------------------


def _exam_item() -> Item:
    return Item(
        code="X1",
        name="作业人员资格认定",
        kind=ItemKind.PERMIT,
        materials=[
            Material("申请表", necessity=Necessity.REQUIRED),
            Material("考试合格成绩单", necessity=Necessity.OBTAINED, originals=0),
        ],
    )


def test_a_material_the_department_obtains_is_never_missing():
    subject = Subject(SubjectKind.ITEM, "X1", "作业人员资格认定", [_exam_item()])
    (form, exam) = merged_materials(subject, {})
    assert tracked_status(exam, set()) == OBTAINED != MISSING
    assert suggest_kind(subject, {}, {"申请表"}) == SheetKind.NOTICE
    sheet = build_sheet(subject, {}, {"申请表"}, SheetKind.NOTICE, context())
    assert sheet.outcome == Outcome.ACCEPTED
    printed = {m.name: status_text(m) for m in sheet.materials}
    assert printed["考试合格成绩单"] == "免提交（由部门获取）"
    consulted = build_sheet(
        subject, {}, set(), SheetKind.NOTICE, context(), outcome="一次性告知/咨询"
    )
    assert {m.name: m.status for m in consulted.materials}["考试合格成绩单"] == OBTAINED
    correction = build_sheet(subject, {}, set(), SheetKind.CORRECTION, context())
    assert [m.name for m in correction.materials] == ["申请表"]  # only what is missing


def test_in_a_bundle_what_one_item_requires_stays_required():
    other = Item(code="X2", name="另一事项", materials=[Material("考试合格成绩单")])
    subject = Subject(SubjectKind.BUNDLE, "B", "组合", [_exam_item(), other])
    exam = {m.name: m for m in merged_materials(subject, {})}["考试合格成绩单"]
    assert exam.necessity == Necessity.REQUIRED
    assert tracked_status(exam, set()) == MISSING
    shared = Material("电子证照", necessity=Necessity.OBTAINED, shareable=True)
    item = Item(code="X3", name="共享", materials=[shared])
    (m,) = merged_materials(Subject(SubjectKind.ITEM, "X3", "共享", [item]), {})
    assert tracked_status(m, set()) == SHARED


def test_a_no_application_item_gets_only_the_notice():
    item = _exam_item()
    item.no_application = True
    subject = Subject(SubjectKind.ITEM, "X1", item.name, [item])
    assert suggest_kind(subject, {}, set()) == SheetKind.NOTICE
    form = merged_materials(subject, {})[0]
    assert tracked_status(form, set()) == MISSING  # as a material…
    assert counter_status(subject, form, set()) == NOT_TRACKED  # …but nobody applies
    sheet = build_sheet(subject, {}, set(), SheetKind.NOTICE, context())
    assert sheet.outcome == Outcome.CONSULTED
    with pytest.raises(UserError, match="免申即享"):
        build_sheet(subject, {}, set(), SheetKind.CORRECTION, context())
    with pytest.raises(UserError, match="免申即享"):
        build_sheet(subject, {}, {"申请表"}, SheetKind.NOTICE, context(), outcome="受理")


@pytest.mark.parametrize("word", ["免提交/由部门获取", "obtained", "由部门获取", "免提交"])
def test_the_import_reads_the_new_necessity_by_label_code_or_alias(word):
    text = json.dumps(
        {
            "format": "window-assistant-catalog",
            "version": 1,
            "items": [
                {
                    "code": "X1",
                    "name": "事项",
                    "department": "区局",
                    "no_application": True,
                    "materials": [{"name": "成绩单", "necessity": word}],
                }
            ],
        },
        ensure_ascii=False,
    )
    catalog = read_catalog_text(text, source="t.json")
    assert catalog.items[0].materials[0].necessity == Necessity.OBTAINED
    assert catalog.items[0].no_application is True
