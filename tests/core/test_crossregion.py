"""The 跨域通办 list and its partner agreements (issue 12 §2), without Qt: import with the diff
and kept versions, refusals naming sheet, row and column, the step limits the case flows read,
the list's filters, and the public list read back from the .docx."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import Workbook

from tests.store_helpers import audit_refused, table_rows
from window_assistant.crossregion.io import AgreementFormatError, read_agreements, write_agreements
from window_assistant.crossregion.publish import publish_list
from window_assistant.crossregion.service import (
    ListFilter,
    apply_import,
    crossregion_list,
    limit_for,
    load_agreements,
    preview_import,
    version_agreements,
    versions,
)
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.sheets import content as paper
from window_assistant.vocab import AgreementStep, CrossMode, Scope

ROOT = Path(__file__).resolve().parents[2]
DEMO_JSON = ROOT / "catalog" / "tiexi_crossregion.json"
DEMO_XLSX = ROOT / "catalog" / "tiexi_crossregion.xlsx"
TABLES = (
    "crossregion_agreements",
    "crossregion_agreement_items",
    "crossregion_versions",
    "audit_log",
)


@pytest.fixture
def boss(set_up):
    return set_up.accounts.authenticate("S01", "correct horse")


def _import(services, path, actor):
    return apply_import(services, preview_import(services, path), actor)


def test_the_demonstration_file_is_the_same_as_xlsx_and_json_and_says_it_is_a_sample():
    as_json = read_agreements(DEMO_JSON)
    as_xlsx = read_agreements(DEMO_XLSX)
    assert as_xlsx.agreements == as_json.agreements
    assert "示例" in as_json.title
    assert len(as_json.agreements) == 3
    assert all(a.sample and "示例" in a.name for a in as_json.agreements)


def test_import_shows_the_diff_keeps_each_version_and_audits_it(set_up, boss, tmp_path):
    preview = preview_import(set_up, DEMO_XLSX)
    assert table_rows(set_up.store, *TABLES[:3]) == {
        t: [] for t in TABLES[:3]
    }  # preview writes nothing
    lines = preview.diff.lines()
    assert (
        "新增协议:TX-KY-2025-02 铁东区(鞍山市铁西区—铁东区政务服务“市内通办”合作协议(示例))"
        in lines
    )
    assert "新增协议事项:TX-KY-2025-02/000605004000 铁东区 高龄津贴申领" in lines
    first = apply_import(set_up, preview, boss)
    assert first.summary["agreements"] == 3 and first.summary["items"] == 8

    # The next file: one agreement gone, one item gone, one limit and one contact changed.
    data = json.loads(DEMO_JSON.read_text(encoding="utf-8"))
    data["agreements"].pop(2)
    dalian = data["agreements"][0]
    dalian["contact"]["phone"] = "0411-12345678"
    dalian["items"] = [i for i in dalian["items"] if i["item_code"] != "000720001000"]
    dalian["items"][0]["limits"]["办结"] = 25
    changed = tmp_path / "协议2.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    second = _import(set_up, changed, boss)
    lines = second.diff.lines()
    assert (
        "删除协议:TX-KY-2025-03 吉林省长春市朝阳区(鞍山市铁西区—长春市朝阳区政务服务“跨省通办”合作协议(示例))"
        in lines
    )
    assert "删除协议事项:TX-KY-2025-03/000920014000 吉林省长春市朝阳区 社会保障卡申领" in lines
    assert "删除协议事项:TX-KY-2025-01/000720001000 大连市甘井子区 法律援助申请" in lines
    assert any(
        line.startswith("修改协议:TX-KY-2025-01")
        and "联系电话:0411-00000000 → 0411-12345678" in line
        for line in lines
    )
    assert (
        "修改协议事项:TX-KY-2025-01/003920003000 大连市甘井子区 零星医疗费用报销 — 本事项时限:"
        "办结 20 个工作日 → 办结 25 个工作日"
    ) in lines
    assert second.diff.summary()["agreements_removed"] == 1

    kept = versions(set_up)
    assert [v.id for v in kept] == [second.id, first.id]
    assert kept[0].actor == "S01" and kept[0].source == str(changed)
    assert len(kept[0].file_sha256) == 64
    assert kept[1].diff.lines() == first.diff.lines()
    assert version_agreements(set_up, first.id).agreements == read_agreements(DEMO_JSON).agreements
    assert [a.code for a in load_agreements(set_up.store).agreements] == [
        "TX-KY-2025-01",
        "TX-KY-2025-02",
    ]
    audit = [e for e in set_up.audit.entries() if e.action == "crossregion.import"]
    assert [e.detail["version"] for e in audit] == [second.id, first.id]
    assert audit[0].actor == "S01" and audit[0].detail["agreements_removed"] == 1

    with pytest.raises(Exception, match="append-only"):
        set_up.store.execute("DELETE FROM crossregion_versions")


def test_a_clerk_may_not_import_and_nothing_changes(set_up):
    clerk = set_up.accounts.authenticate("1003", "2580")
    before = table_rows(set_up.store, *TABLES)
    with pytest.raises(PermissionDenied, match="无权导入跨域通办合作协议,只有负责人可以"):
        _import(set_up, DEMO_JSON, clerk)
    assert table_rows(set_up.store, *TABLES) == before


def test_an_import_whose_audit_entry_fails_leaves_nothing(set_up, boss):
    before = table_rows(set_up.store, *TABLES)
    preview = preview_import(set_up, DEMO_JSON)
    with audit_refused(set_up.store), pytest.raises(Exception, match="audit log refused"):
        apply_import(set_up, preview, boss)
    assert table_rows(set_up.store, *TABLES) == before


def _workbook(path: Path, agreements: list[list], items: list[list]) -> Path:
    rows = read_agreements(DEMO_JSON)
    from window_assistant.crossregion.io import agreement_rows

    header = agreement_rows(rows)
    book = Workbook()
    book.remove(book.active)
    for name, head, body in (("合作协议", header["合作协议"][0], agreements),
                             ("协议事项", header["协议事项"][0], items)):  # fmt: skip
        ws = book.create_sheet(name)
        ws.append(head)
        for row in body:
            ws.append(row)
    book.save(path)
    return path


GOOD = [
    "A1",
    "铁东区",
    "协议",
    "铁东区窗口",
    "铁东区某路",
    "0412-1",
    1,
    1,
    10,
    1,
    "办件超期",
    "",
    "否",
    "",
]


def test_a_bad_workbook_names_sheet_row_and_column_and_changes_nothing(set_up, boss, tmp_path):
    bad_limit = [*GOOD[:7], "三天", *GOOD[8:]]
    bad_limit[0] = "A2"
    no_phone = [*GOOD[:5], "", *GOOD[6:]]
    no_phone[0] = "A3"
    dup = list(GOOD)
    path = _workbook(
        tmp_path / "协议.xlsx",
        [GOOD, bad_limit, no_phone, dup],
        [
            ["A1", "000920012000", "", "", 400, ""],
            ["A1", "000920001000"],  # in the catalog, not on the list
            ["A1", "999999999999"],
            ["A9", "000605004000"],
            ["A1", "000920012000"],
        ],
    )
    before = table_rows(set_up.store, *TABLES)
    with pytest.raises(AgreementFormatError) as info:
        preview_import(set_up, path)
    text = str(info.value)
    assert "合作协议文件「协议.xlsx」有" in text and "未导入任何内容" in text
    for expected in (
        "工作表「合作协议」第 3 行「对方受理时限」列:「三天」不是工作日数,应为 0 到 365 的整数",
        "工作表「合作协议」第 4 行「联系电话」列:不能为空",
        "工作表「合作协议」第 5 行「协议编号」列:协议编号「A1」重复",
        "工作表「协议事项」第 2 行「办结时限」列:400 超出范围,应为 0 到 365 个工作日",
        "工作表「协议事项」第 3 行「事项编码」列:事项「000920001000」在目录中,但不在跨域通办清单上",
        "工作表「协议事项」第 4 行「事项编码」列:事项「999999999999」不在当前目录中",
        "工作表「协议事项」第 5 行「协议编号」列:「合作协议」中没有协议编号「A9」",
        "工作表「协议事项」第 6 行「事项编码」列:事项「000920012000」在协议「A1」中重复",
    ):
        assert expected in text, text
    assert table_rows(set_up.store, *TABLES) == before


def test_a_missing_sheet_or_column_is_named(set_up, tmp_path):
    book = Workbook()
    book.active.title = "合作协议"
    book.active.append(["协议编号", "合作地区"])
    book.save(tmp_path / "半个.xlsx")
    with pytest.raises(AgreementFormatError, match="缺少工作表「协议事项」"):
        preview_import(set_up, tmp_path / "半个.xlsx")
    book.create_sheet("协议事项").append(["协议编号", "事项编码"])
    book.save(tmp_path / "半个.xlsx")
    with pytest.raises(AgreementFormatError) as info:
        preview_import(set_up, tmp_path / "半个.xlsx")
    assert "工作表「合作协议」第 1 行「联系窗口」列:缺少这一列" in str(info.value)
    assert "「寄出时限」列:缺少这一列" in str(info.value)


def test_a_bad_json_names_the_agreement_and_its_item(set_up, tmp_path):
    data = json.loads(DEMO_JSON.read_text(encoding="utf-8"))
    del data["agreements"][1]["limits"]["结果寄回"]
    data["agreements"][2]["items"][0]["item_code"] = "000920001000"
    data["agreements"][0]["limits"]["办结"] = -1
    path = tmp_path / "协议.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(AgreementFormatError) as info:
        preview_import(set_up, path)
    text = str(info.value)
    assert "协议 #2「limits」:缺少「结果寄回」的时限(工作日)" in text
    assert "协议 #3 事项 #1「事项编码」:事项「000920001000」在目录中,但不在跨域通办清单上" in text
    assert "协议 #1「limits.办结」" in text
    path.write_text("{", encoding="utf-8")
    with pytest.raises(AgreementFormatError, match="不是有效的 JSON"):
        preview_import(set_up, path)
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(AgreementFormatError, match="不是窗口助手的跨域通办合作协议文件"):
        preview_import(set_up, path)
    with pytest.raises(AgreementFormatError, match="是一个文件夹,请选择 .xlsx 或 .json 文件"):
        preview_import(set_up, tmp_path)
    (tmp_path / "协议.csv").write_text("x", encoding="utf-8")
    with pytest.raises(AgreementFormatError, match="应为 .xlsx 工作簿或 .json 文件"):
        preview_import(set_up, tmp_path / "协议.csv")


def test_one_region_may_not_have_two_agreements_for_one_item(set_up, tmp_path):
    data = json.loads(DEMO_JSON.read_text(encoding="utf-8"))
    twin = json.loads(json.dumps(data["agreements"][1]))
    twin["code"] = "TX-KY-2025-09"
    data["agreements"].append(twin)
    path = tmp_path / "协议.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(AgreementFormatError, match="已在协议「TX-KY-2025-02」中约定"):
        preview_import(set_up, path)


def test_the_step_limit_for_region_item_and_step(set_up, boss):
    _import(set_up, DEMO_JSON, boss)
    store = set_up.store
    assert limit_for(store, "铁东区", "000920012000", AgreementStep.FINISH) == 15  # the item's own
    assert limit_for(store, "铁东区", "000605004000", "办结") == 10  # the agreement's
    assert limit_for(store, "铁东区", "000605004000", "send") == 1
    assert limit_for(store, "大连市甘井子区", "003920003000", AgreementStep.RETURN) == 2
    assert limit_for(store, "大连市甘井子区", "000605004000", AgreementStep.SEND) is None
    assert limit_for(store, "立山区", "000920012000", AgreementStep.SEND) is None
    assert {s.label for s in AgreementStep} == {"寄出", "对方受理", "办结", "结果寄回"}


def test_the_list_grouped_by_scope_and_department_with_filters(set_up, boss):
    rows = crossregion_list(set_up)
    assert len(rows) == 31  # the catalog's 跨域通办 list
    ranks = [[Scope.NATIONAL, Scope.INTERPROVINCIAL, Scope.INTERCITY, Scope.INTERCOUNTY].index(r.scope)
             for r in rows]  # fmt: skip
    assert ranks == sorted(ranks)
    assert all(not r.agreements for r in rows)  # no agreements yet
    _import(set_up, DEMO_JSON, boss)
    card = next(r for r in crossregion_list(set_up) if r.item_code == "000920014000")
    assert card.partners == ["全国各省区市", "吉林省长春市朝阳区"]
    assert card.agreements[0].contact.startswith("朝阳区政务服务中心跨省通办专窗")
    assert card.agreements[0].limits == {"send": 2, "accept": 3, "finish": 20, "return": 3}

    def codes(**kw):
        return {r.item_code for r in crossregion_list(set_up, ListFilter(**kw))}

    assert codes(region="铁东区") == {"000920012000", "000605004000", "003507003000"}
    assert codes(region="大连市甘井子区") == {
        "003920003000", "000507001000", "000720001000", "003520005000", "001701004000"
    }  # fmt: skip
    assert codes(mode=CrossMode.PROXY, scope=Scope.INTERCOUNTY) == {"000920012000", "000605004000"}
    assert codes(department="区司法局") == {"000720001000", "000720004000"}
    assert codes(text="社会保障卡") == {"000920014000", "000920015000"}
    assert codes(text="朝阳区 专窗") == {"000920014000"}
    assert codes(scope=Scope.INTERPROVINCIAL) == {"000720004000"}


def test_the_public_list_as_docx_grouped_with_mode_regions_and_contact(set_up, boss, tmp_path):
    _import(set_up, DEMO_JSON, boss)
    clerk = set_up.accounts.authenticate("1003", "2580")
    path = tmp_path / "公示.docx"
    ticks: list[tuple[int, int]] = []
    publish_list(
        set_up, clerk, path, today=date(2026, 3, 2), progress=lambda d, t: ticks.append((d, t))
    )
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "鞍山市铁西区政务服务中心跨域通办事项清单"
    assert "国办发〔2020〕35号" in texts[1]
    headings = [t for t in texts if "通办(" in t or "通办（" in t]
    assert headings == [
        "一、全国通办（18 项）",
        "二、跨省通办（1 项）",
        "三、省内跨市通办（9 项）",
        "四、市内跨县通办（3 项）",
    ]
    tables = doc.tables
    cells = [[c.text for c in row.cells] for t in tables for row in t.rows[1:]]
    assert len(cells) == 31
    card = next(c for c in cells if "（000920014000）" in c[1])
    assert card[2] == "异地代收代办"
    assert card[3] == "全国各省区市、吉林省长春市朝阳区"
    assert card[4].startswith("吉林省长春市朝阳区：朝阳区政务服务中心跨省通办专窗") and card[
        4
    ].endswith("（示例）")
    online = next(c for c in cells if "（001701001000）" in c[1])
    # 全程网办: the catalog prints no address it has not verified, so none is guessed here
    assert online[4] == "网上办理"
    # Grouped by department within each scope: a department's items are together.
    assert "区司法局" in texts and "注：标有“（示例）”的联系窗口来自演示数据" in " ".join(texts)
    assert texts[-1] == "鞍山市铁西区政务服务中心　2026年3月2日"
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.left_margin - Mm(paper.MARGIN_LEFT_MM)) < Mm(0.1)
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == set_up.settings.body_font
    runs = [r for p in doc.paragraphs for r in p.runs if r.text]
    assert all(r._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for r in runs)
    assert ticks[-1] == (3, 3)
    entry = set_up.audit.entries()[0]
    assert entry.action == "crossregion.publish" and entry.actor == "1003"
    assert entry.detail == {"path": str(path), "items": 31}


def test_publishing_refuses_an_unknown_format_or_folder_before_any_work(set_up, tmp_path):
    clerk = set_up.accounts.authenticate("1003", "2580")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserError, match="扩展名应为 .docx"):
        publish_list(set_up, clerk, out / "清单.txt")
    with pytest.raises(UserError, match="文件夹 .* 不存在"):
        publish_list(set_up, clerk, out / "无" / "清单.docx")
    assert list(out.iterdir()) == []


def test_written_back_the_agreements_read_the_same(tmp_path):
    agreements = read_agreements(DEMO_JSON)
    for name in ("out.xlsx", "out.json"):
        write_agreements(agreements, tmp_path / name)
        again = read_agreements(tmp_path / name)
        assert again.agreements == agreements.agreements
