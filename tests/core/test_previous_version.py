"""A database and sheet snapshots written by the previous version (Chinese words stored, schema
3, see fixtures/make_previous_version.py) open, migrate to codes and work: search, guide,
registration, the cases list, export, the version history, and reprints of the very same sheets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import pytest

from tests.conftest import FIXTURES
from window_assistant.cases import registration as registration_module
from window_assistant.cases import serials
from window_assistant.cases.registration import CaseFilter, CaseRequest, CaseService
from window_assistant.cases.tokens import SerialRef
from window_assistant.catalog.importing import export_catalog, preview_import
from window_assistant.catalog.model import CrossRegionEntry, Item, Material
from window_assistant.errors import UserError
from window_assistant.services import open_services
from window_assistant.sheets.content import material_rows, sheet_content
from window_assistant.sheets.model import Person, Sheet, snapshot_hash
from window_assistant.store.database import SCHEMA_VERSION
from window_assistant.vocab import (
    Code,
    IdType,
    ItemKind,
    MaterialStatus,
    Necessity,
    Outcome,
    PersonKind,
    SheetKind,
    code_fields,
)

RECORDS = json.loads((FIXTURES / "previous_snapshots.json").read_text(encoding="utf-8"))
COMPANY = "001701001000"


def is_code(enum: type[Code], value: object) -> bool:
    return value in enum._value2member_map_


@pytest.fixture
def previous(previous_db):
    svc = open_services(previous_db)
    yield svc
    svc.close()


def printed(sheet: Sheet) -> tuple[list[str], list[bool]]:
    return sheet_content(sheet).all_text(), [r.missing for r in material_rows(sheet)]


# -- the snapshots alone -------------------------------------------------------------------------
@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["serial"])
def test_an_old_snapshot_reads_into_codes_and_prints_the_same_words(record):
    assert snapshot_hash(record["snapshot"]) == record["content_hash"]
    assert "受理" in record["snapshot"] or "告知" in record["snapshot"]  # written in Chinese
    sheet = Sheet.from_json(record["snapshot"])
    assert sheet.outcome is Outcome.parse(record["outcome"])
    assert isinstance(sheet.kind, SheetKind) and sheet.title == record["title"]
    assert all(isinstance(m.status, MaterialStatus) for m in sheet.materials)
    assert all(isinstance(m.necessity, Necessity) for m in sheet.materials)
    if sheet.applicant:
        assert isinstance(sheet.applicant.id_type, IdType)
        assert isinstance(sheet.applicant.kind, PersonKind)
    assert sheet.missing == record["missing"]
    assert printed(sheet) == (record["printed"], record["highlighted"])
    again = Sheet.from_json(sheet.to_json())  # written with codes now, read back the same
    assert again == sheet and f'"outcome":"{sheet.outcome.value}"' in sheet.to_json()


# -- the database --------------------------------------------------------------------------------
def test_opening_converts_the_stored_words_to_codes_and_leaves_snapshots_alone(previous_db):
    svc = open_services(previous_db)
    db = svc.store
    assert db.schema_version() == SCHEMA_VERSION
    item_codes, material_codes = code_fields(Item), code_fields(Material)
    for column in ("kind", "scope"):
        values = {r[0] for r in db.execute(f"SELECT {column} FROM items")}
        assert values and all(is_code(item_codes[column], v) for v in values), values
    for column, enum in material_codes.items():
        values = {r[0] for r in db.execute(f"SELECT {column} FROM materials")}
        assert all(is_code(enum, v) for v in values), (column, values)
    for column, enum in code_fields(CrossRegionEntry).items():
        values = {r[0] for r in db.execute(f"SELECT {column} FROM crossregion")}
        assert all(is_code(enum, v) for v in values), (column, values)
    for (text,) in db.execute("SELECT data FROM items"):
        data = json.loads(text)
        assert all(is_code(e, data[f]) for f, e in item_codes.items())
        assert all(is_code(e, m[f]) for m in data["materials"] for f, e in material_codes.items())
    rows = db.execute("SELECT serial, outcome, id_type, applicant_kind, agent, snapshot FROM cases")
    by_serial = {r["serial"]: r for r in RECORDS}
    for serial, outcome, id_type, applicant_kind, agent, snapshot in rows:
        assert Outcome.of(outcome) is Outcome.parse(by_serial[serial]["outcome"])
        assert id_type == "" or is_code(IdType, id_type)
        assert applicant_kind == "" or is_code(PersonKind, applicant_kind)
        if agent:
            assert json.loads(agent)["id_type"] == "resident_id"
        assert snapshot == by_serial[serial]["snapshot"]  # its hash proves the reprint
    assert dict(db.execute("SELECT kind, last FROM serials").fetchall()) == {
        "rongque": 1,
        "correction": 1,
        "notice": 3,
    }
    diff = db.execute("SELECT diff FROM catalog_versions WHERE id = 2").fetchone()[0]
    assert "即办件" not in diff and '"old":"instant","new":"promised"' in diff
    svc.close()


def test_previous_cases_reprint_exactly_the_sheets_first_printed(previous):
    cases = CaseService(previous)
    for record in RECORDS:
        sheet = cases.reprint(record["serial"], actor="0001")
        assert printed(sheet) == (record["printed"], record["highlighted"]), record["serial"]
    entries = [e for e in previous.audit.entries() if e.action == "case.reprint"]
    assert len(entries) == len(RECORDS)


def test_previous_database_searches_shows_registers_and_lists(previous):
    hits = previous.search.search("社保")
    assert any(h.code == "000920001000" for h in hits)
    item = previous.catalog.item(COMPANY)
    assert item.kind is ItemKind.PERMIT and item.materials[0].necessity is Necessity.REQUIRED

    cases = CaseService(previous, clock=lambda: datetime(2026, 3, 10, 10, 0))
    case = cases.register(
        CaseRequest(
            "item",
            COMPANY,
            {"company_type": "有限责任公司", "premises": "租赁房产", "agent": "否"},
            {"企业登记（备案）申请书", "公司章程", "法定代表人、董事、监事和经理的任职文件"},
            Person("王五", id_number="11010519491231002X"),
        ),
        previous.default_clerk(),
    )
    assert case.outcome is Outcome.RONGQUE
    assert SerialRef.parse(case.serial).number == 2  # the counter carried on from the old one
    assert serials.last_number(previous.store, SheetKind.RONGQUE, 2026) == 2

    refused = cases.list(CaseFilter(outcome=Outcome.REFUSED))
    assert [r.applicant_name for r in refused] == ["John Smith"]
    assert refused[0].id_type is IdType.PASSPORT and refused[0].id_masked == "E1*****78"
    assert len(cases.list(CaseFilter(outcome="容缺受理"))) == 2  # the Chinese word still filters


def test_previous_versions_read_in_chinese_and_export_round_trips(previous, tmp_path):
    v2 = previous.catalog.versions()[0]
    lines = v2.diff.lines()
    for expected in (
        "修改事项:000920001000 用人单位社保登记 — 办件类型:即办件 → 承诺件",
        "修改事项:000920001000 用人单位社保登记 — 法定时限单位:自然日 → 工作日",
        "修改事项:000605004000 高龄津贴申领 — 事项类型:行政给付 → 公共服务",
        "修改跨域通办:001701001000 异地代收代办 — 办理模式:全程网办 → 异地代收代办",
    ):
        assert expected in lines, lines
    added = next(line for line in lines if "材料「银行卡复印件」" in line)
    assert "necessity=容缺后补" in added and "form=纸质" in added

    out = tmp_path / "目录.json"
    export_catalog(previous, out, "0001")
    text = out.read_text(encoding="utf-8")
    assert '"necessity": "必要"' in text and '"case_type": "承诺件"' in text
    assert '"required"' not in text
    assert preview_import(previous, out).diff.is_empty()


# -- the reprint check ---------------------------------------------------------------------------
@dataclass
class _LaterSheet(Sheet):
    """The sheet model of a later version, with one more optional field."""

    seal_position: str = "右下"


def test_a_field_added_to_the_sheet_model_keeps_every_stored_case_printable(services, monkeypatch):
    cases = CaseService(services)
    case = cases.register(CaseRequest("item", COMPANY, kind="notice"), services.default_clerk())
    monkeypatch.setattr(registration_module, "Sheet", _LaterSheet)
    later = cases.get(case.serial)
    assert later.sheet.to_json() != later.snapshot  # re-serialised, the text differs …
    sheet = cases.reprint(case.serial)  # … but the stored text is what the hash proves
    assert isinstance(sheet, _LaterSheet) and sheet.serial == case.serial


def test_a_snapshot_changed_in_the_database_is_not_reprinted(services):
    cases = CaseService(services)
    case = cases.register(CaseRequest("item", COMPANY, kind="notice"), services.default_clerk())
    with services.store.transaction() as db:
        db.execute(
            "UPDATE cases SET snapshot = replace(snapshot, '企业设立登记', '企业注销登记')"
            " WHERE serial = ?",
            [case.serial],
        )
    with pytest.raises(UserError, match="可能已被改动"):
        cases.reprint(case.serial)
