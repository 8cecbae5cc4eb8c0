"""The sheet as data: what materials a sheet lists and how, the suggested kind, and the texts
worded for print. Items are built here so each rule is visible in the test; one test uses the
bundled 企业开办 bundle."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from window_assistant.catalog.model import Item, Material, Situation
from window_assistant.errors import UserError
from window_assistant.sheets.build import (
    SheetContext,
    Subject,
    build_sheet,
    check_answers,
    check_brought,
    merged_materials,
    resolve_subject,
    suggest_kind,
)
from window_assistant.sheets.model import (
    BROUGHT,
    MISSING,
    NOT_TRACKED,
    RONGQUE_LATER,
    SHARED,
)
from window_assistant.vocab import Necessity, Outcome

LICENCE = "营业执照"


def shop() -> Item:
    return Item(
        code="A1",
        name="食品经营许可",
        kind="行政许可",
        case_type="承诺件",
        legal_limit=20,
        promised_limit=10,
        fee=False,
        situations=[Situation("premises", "经营场所", ["自有房产", "租赁房产"])],
        materials=[
            Material("食品经营许可申请书", necessity="必要"),
            Material(LICENCE, necessity="非必要", originals=1, copies=1, notes="核对原件"),
            Material("租赁合同", necessity="容缺后补", copies=1, situations=["premises=租赁房产"]),
            Material("不动产权证书", necessity="必要", situations=["premises=自有房产"]),
            Material("法定代表人居民身份证", necessity="必要", copies=1, shareable=True),
        ],
    )


def seal() -> Item:
    return Item(
        code="B2",
        name="公章刻制备案",
        case_type="即办件",
        fee=True,
        fee_standard="每枚 80 元",
        fee_basis="辽价发〔2020〕1号",
        materials=[
            Material("印章刻制备案信息表"),
            Material(LICENCE, necessity="必要", originals=0, copies=3, notes="加盖公章"),
            Material("法定代表人居民身份证", necessity="必要", copies=2, shareable=True),
        ],
    )


def bundle() -> Subject:
    return Subject("bundle", "YJS9", "开店一件事", [shop(), seal()])


def context() -> SheetContext:
    return SheetContext(
        serial="铁西政服告〔2026〕000001号",
        issued_at=datetime(2026, 3, 2, 9, 30),
        centre="铁西区政务服务中心",
        centre_address="铁西区某路 1 号",
        centre_phone="0412-8888123",
        complaint_phone="12345",
        window="1号综合窗口",
        clerk="王敏",
        hours="周一至周五 9:00–17:00",
    )


def by_name(materials):
    return {m.name: m for m in materials}


def test_bundle_lists_each_material_once_with_the_strictest_requirement():
    merged = by_name(merged_materials(bundle(), {"premises": "租赁房产"}))
    assert list(merged).count(LICENCE) == 1
    licence = merged[LICENCE]
    assert (licence.originals, licence.copies) == (1, 3)
    assert licence.necessity == Necessity.REQUIRED  # 非必要 for one item, 必要 for the other
    assert licence.notes == "核对原件;加盖公章"
    assert licence.items == ["食品经营许可", "公章刻制备案"]
    assert merged["法定代表人居民身份证"].copies == 2
    assert merged["租赁合同"].necessity == Necessity.RONGQUE


def test_situation_answers_choose_the_materials():
    own = by_name(merged_materials(Subject("item", "A1", "x", [shop()]), {"premises": "自有房产"}))
    assert "不动产权证书" in own and "租赁合同" not in own
    unanswered = by_name(merged_materials(Subject("item", "A1", "x", [shop()]), {}))
    assert {"不动产权证书", "租赁合同"} <= set(unanswered)  # unanswered: show both


def test_unknown_situation_option_or_material_is_refused_in_chinese():
    subject = bundle()
    with pytest.raises(UserError, match="没有情形「floor」"):
        check_answers(subject, {"floor": "1"})
    with pytest.raises(UserError, match="没有选项「借用房产」.*自有房产、租赁房产"):
        check_answers(subject, {"premises": "借用房产"})
    with pytest.raises(UserError, match="没有「户口本」"):
        check_brought(subject, {"户口本"})


def test_kind_is_suggested_from_what_was_brought():
    subject, answers = bundle(), {"premises": "租赁房产"}
    everything = {m.name for m in merged_materials(subject, answers)}
    assert suggest_kind(subject, answers, everything) == "notice"
    assert suggest_kind(subject, answers, everything - {"租赁合同"}) == "rongque"
    assert suggest_kind(subject, answers, everything - {"租赁合同", LICENCE}) == "correction"
    # 电子证照 need not be brought; 非必要 ones do not count as missing
    shared = "法定代表人居民身份证"
    assert suggest_kind(subject, answers, everything - {shared}) == "notice"


def test_notice_marks_brought_and_shared_materials():
    subject, answers = bundle(), {"premises": "租赁房产"}
    brought = {"食品经营许可申请书", LICENCE, "租赁合同", "印章刻制备案信息表"}
    sheet = build_sheet(subject, answers, brought, "notice", context())
    statuses = {m.name: m.status for m in sheet.materials}
    assert statuses[LICENCE] == BROUGHT
    shared = by_name(sheet.materials)["法定代表人居民身份证"]
    assert shared.status == SHARED and "可通过电子证照共享获取" in shared.notes
    assert sheet.outcome == Outcome.ACCEPTED and sheet.missing == [] and sheet.deadline is None
    assert sheet.answers == [("经营场所", "租赁房产")]


def test_correction_sheet_lists_only_what_is_missing_with_the_deadline_and_the_law():
    subject, answers = bundle(), {"premises": "租赁房产"}
    brought = {"食品经营许可申请书", "印章刻制备案信息表"}
    sheet = build_sheet(
        subject, answers, brought, "correction", context(), deadline=date(2026, 3, 9)
    )
    assert [m.name for m in sheet.materials] == [LICENCE, "租赁合同"]
    licence, lease = sheet.materials
    assert (licence.status, licence.supply_by) == (MISSING, "2026-03-09")
    # 容缺 stays 容缺: it may follow once the case is accepted, so it has no 补正 date
    assert (lease.status, lease.supply_by) == (RONGQUE_LATER, None)
    assert sheet.deadline == "2026-03-09"
    assert [m.name for m in sheet.received] == ["食品经营许可申请书", "印章刻制备案信息表"]
    assert sheet.received_on == "2026-03-02"
    # 食品经营许可 is a 行政许可, 公章刻制备案 is not: §32 is cited for the permit only
    assert "第三十二条" in sheet.note and "“食品经营许可”属于行政许可" in sheet.note
    assert sheet.outcome == Outcome.CORRECTION and sheet.missing == [LICENCE, "租赁合同"]


def test_rongque_commitment_carries_the_later_materials_and_the_deadline():
    subject, answers = bundle(), {"premises": "租赁房产"}
    everything = {m.name for m in merged_materials(subject, answers)}
    sheet = build_sheet(
        subject, answers, everything - {"租赁合同"}, "rongque", context(), deadline=date(2026, 3, 9)
    )
    assert [(m.name, m.status, m.supply_by) for m in sheet.materials] == [
        ("租赁合同", RONGQUE_LATER, "2026-03-09")
    ]
    assert "承诺" in sheet.note and "承诺日期：2026年3月2日" in sheet.note
    assert sheet.outcome == Outcome.RONGQUE


def test_a_question_only_gives_an_untracked_notice():
    sheet = build_sheet(bundle(), {}, set(), "notice", context())
    assert sheet.outcome == Outcome.CONSULTED
    assert sheet.missing == []
    assert {m.status for m in sheet.materials} == {NOT_TRACKED, SHARED}


def test_kind_and_outcome_that_contradict_the_materials_are_refused():
    subject, answers = bundle(), {"premises": "租赁房产"}
    everything = {m.name for m in merged_materials(subject, answers)}
    with pytest.raises(UserError, match="不能直接受理"):
        build_sheet(subject, answers, {LICENCE}, "notice", context(), outcome="受理")
    with pytest.raises(UserError, match="必要材料"):
        build_sheet(subject, answers, {"租赁合同"}, "rongque", context())
    with pytest.raises(UserError, match="无需出具补正告知书"):
        build_sheet(subject, answers, everything, "correction", context())
    with pytest.raises(UserError, match="不予受理须填写理由"):
        build_sheet(subject, answers, everything, "notice", context(), outcome="不予受理")
    refused = build_sheet(
        subject, answers, everything, "notice", context(), outcome="不予受理", reason="不属于本区"
    )
    assert (refused.outcome, refused.reason) == (Outcome.REFUSED, "不属于本区")


def test_item_texts_are_worded_for_print():
    sheet = build_sheet(bundle(), {}, set(), "notice", context())
    permit, stamp = sheet.items
    assert (permit.legal_limit, permit.promised_limit, permit.fee) == (
        "20个工作日",
        "10个工作日",
        "不收费",
    )
    assert stamp.promised_limit == "即办件，当场办结"
    assert stamp.fee == "每枚 80 元（依据：辽价发〔2020〕1号）"
    assert permit.hours == "周一至周五 9:00–17:00"  # the item has none: the centre's


def test_bundled_business_start_bundle_asks_for_the_licence_once(services):
    subject = resolve_subject(services.catalog, "bundle", "YJS001")
    materials = merged_materials(subject, {"agent": "否"})
    names = [m.name for m in materials]
    assert len(names) == len(set(names))
    assert names.count(LICENCE) == 1
    licence = by_name(materials)[LICENCE]
    assert len(licence.items) == 5  # every item but 企业设立登记 itself
    every_item = [
        m for i in subject.items for m in i.materials_for({"agent": "否"}) if m.name == LICENCE
    ]
    assert licence.copies == max(m.copies for m in every_item)
    assert licence.originals == max(m.originals for m in every_item)
    with pytest.raises(UserError, match="没有编码为 NOPE 的一件事"):
        resolve_subject(services.catalog, "bundle", "NOPE")
