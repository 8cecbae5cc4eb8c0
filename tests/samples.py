"""Realistic Sheet fixtures for the renderer tests, built from the bundled catalog.

Deliberately independent of ``sheets.build_sheet``: the renderers are tested against the Sheet
contract (sheet_model), whatever the builder does.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from window_assistant.cases.ids import id_check_digit
from window_assistant.cases.tokens import SerialRef, issue_token, rating_url
from window_assistant.catalog.model import Catalog, Item
from window_assistant.sheets.model import (
    BROUGHT,
    CORRECTION_NOTE,
    MISSING,
    NOT_TRACKED,
    RONGQUE_LATER,
    SERIAL_CHARS,
    SHARED,
    Person,
    Sheet,
    SheetItem,
    SheetMaterial,
)
from window_assistant.vocab import LimitUnit

CATALOG = Path(__file__).resolve().parent.parent / "catalog" / "tiexi_catalog.json"
SECRET = "00112233445566778899aabbccddeeff"
ID_NUMBER = "21030219850312123" + id_check_digit("21030219850312123")
AGENT_ID = "21030319900101456" + id_check_digit("21030319900101456")
PHONE = "13812345678"
LONG_NOTE = (
    "须由法定代表人本人签字并加盖单位公章;复印件须注明“与原件一致”并由经办人签字确认。"
    "如材料为外文,须同时提交经公证的中文译本;境外形成的证明文件须经所在国公证机关公证"
    "并经中华人民共和国驻该国使(领)馆认证,或者履行中华人民共和国与该国订立的有关条约"
    "中规定的证明手续。材料内容有涂改的,须在涂改处加盖公章。"
)
COMMITMENT = (
    "本人(单位)承诺:所提交的申请材料真实、合法、有效;对容缺后补的材料,将在规定期限内"
    "补交,逾期未补交或补交材料不符合要求的,同意撤回申请或由审批部门依法撤销已作出的"
    "决定,并承担由此产生的一切法律责任。"
)


def catalog() -> Catalog:
    return Catalog.from_dict(json.loads(CATALOG.read_text(encoding="utf-8")))


def _limit(n: int, unit: LimitUnit) -> str:
    return f"{n}个{unit.label}" if n else "即办"


def sheet_item(item: Item) -> SheetItem:
    fee = "不收费"
    if item.fee:
        fee = item.fee_standard + (f"（依据：{item.fee_basis}）" if item.fee_basis else "")
    return SheetItem(
        code=item.code,
        name=item.name,
        department=item.department,
        kind=item.kind,
        case_type=item.case_type,
        conditions=item.conditions,
        basis=item.basis,
        steps=list(item.steps),
        legal_limit=_limit(item.legal_limit, item.legal_limit_unit),
        promised_limit=_limit(item.promised_limit, item.promised_limit_unit),
        fee=fee,
        place=item.place,
        hours=item.hours,
        phone=item.phone,
        complaint_phone=item.complaint_phone,
        online=item.online_url if item.online else "",
    )


def sheet_material(m, status: str = NOT_TRACKED, supply_by: str | None = None, items=()):
    return SheetMaterial(
        name=m.name,
        kind=m.kind,
        source=m.source,
        necessity=m.necessity,
        form=m.form,
        originals=m.originals,
        copies=m.copies,
        spec=m.spec,
        notes=m.notes,
        shareable=m.shareable,
        status=status,
        supply_by=supply_by,
        items=list(items),
    )


def rating(kind: str = "notice", number: int = 123) -> str:
    serial = SerialRef(SERIAL_CHARS[kind], 2026, number)
    token = issue_token(SECRET, serial, 3, 7, datetime(2026, 3, 5, 9, 30))
    return rating_url("192.168.1.20", 8765, token)


def _sheet(kind: str, subject_kind: str, code: str, name: str, items, answers, materials, **kw):
    number = kw.pop("number", 123)
    return Sheet(
        kind=kind,
        serial=f"铁西政服{SERIAL_CHARS[kind]}〔2026〕{number:06d}号",
        issued_at="2026-03-05T09:30:00",
        centre="鞍山市铁西区政务服务中心",
        centre_address="鞍山市铁西区建国大道西段188号",
        centre_phone="0412-8866000",
        complaint_phone="12345",
        window="3号综合窗口",
        clerk="李晓梅",
        subject_kind=subject_kind,
        subject_code=code,
        subject_name=name,
        items=items,
        answers=answers,
        materials=materials,
        applicant=Person("王建国", id_number=ID_NUMBER, phone=PHONE),
        rating_url=rating(kind, number),
        **kw,
    )


def food_item() -> Item:
    return next(i for i in catalog().items if i.name.startswith("食品经营许可"))


def item_sheet(kind: str = "notice") -> Sheet:
    """食品经营许可 with every status present, a long note, an agent and situation answers."""
    item = food_item()
    answers = {"business": "餐饮服务经营者", "agent": "是"}
    wanted = item.materials_for(answers)
    statuses = [BROUGHT, SHARED, SHARED, MISSING, BROUGHT, MISSING, RONGQUE_LATER, SHARED, BROUGHT]
    materials = []
    for m, status in zip(wanted, statuses):
        sm = sheet_material(m, status, "2026-03-19" if status == RONGQUE_LATER else None)
        materials.append(sm)
    materials[0].notes = LONG_NOTE
    questions = {s.key: s.question for s in item.situations}
    extra = {}
    if kind == "correction":
        materials = [m for m in materials if m.status in (MISSING, RONGQUE_LATER)]
        extra = {"deadline": "2026-03-12", "note": CORRECTION_NOTE}
    elif kind == "rongque":
        extra = {"deadline": "2026-03-19", "note": COMMITMENT}
    return _sheet(
        kind,
        "item",
        item.code,
        item.name,
        [sheet_item(item)],
        [(questions[k], v) for k, v in answers.items()],
        materials,
        agent=Person("赵敏", id_number=AGENT_ID, phone="0412-5551234"),
        **extra,
    )


def bundle_sheet(kind: str = "notice", number: int = 124) -> Sheet:
    """The largest bundle: its items' materials merged by name (about 20 rows)."""
    cat = catalog()
    by_code = cat.item_map()
    bundle = max(cat.bundles, key=lambda b: sum(len(by_code[c].materials) for c in b.items))
    items = [by_code[c] for c in bundle.items]
    merged: dict[str, SheetMaterial] = {}
    cycle = (BROUGHT, SHARED, MISSING, RONGQUE_LATER, BROUGHT)
    for item in items:
        for m in item.materials:
            if m.name in merged:
                merged[m.name].items.append(item.name)
                continue
            status = SHARED if m.shareable else cycle[len(merged) % len(cycle)]
            supply_by = "2026-03-19" if status == RONGQUE_LATER else None
            merged[m.name] = sheet_material(m, status, supply_by, [item.name])
    return _sheet(
        kind,
        "bundle",
        bundle.code,
        bundle.name,
        [sheet_item(i) for i in items],
        [],
        list(merged.values()),
        number=number,
    )


def plain_sheet(item: Item, number: int = 1) -> Sheet:
    """A 一次性告知书 for someone who only asked (statuses not tracked): the benchmark's shape."""
    return _sheet(
        "notice",
        "item",
        item.code,
        item.name,
        [sheet_item(item)],
        [],
        [sheet_material(m) for m in item.materials],
        number=number,
    )


# 企业设立登记 (001701001000) of the bundled catalog with a company's own premises: everything
# an applicant can bring, so the case can be accepted (受理通知书 and 收件回执 tests).
COMPANY = "001701001000"
COMPANY_OWNED = {"company_type": "有限责任公司", "premises": "自有房产", "agent": "否"}
COMPANY_ALL_BROUGHT = (
    "企业登记（备案）申请书",
    "公司章程",
    "法定代表人、董事、监事和经理的任职文件",
    "不动产权证书",  # the premises, owned (the catalog's one 住所 proof)
    "股东（投资人、合伙人）主体资格证明",
)
