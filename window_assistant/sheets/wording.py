"""How an item's guide is worded on a printed sheet: time limits ("20个工作日", "即办件,当场办结"),
fees ("不收费"), the 容缺 commitment; print wording kept in one place for the renderers' sake."""

from __future__ import annotations

from datetime import date

from window_assistant.catalog.model import Item
from window_assistant.sheets.model import SheetItem
from window_assistant.vocab import CaseType, LimitUnit


def limit_text(n: int, unit: LimitUnit, case_type: CaseType) -> str:
    """A time limit worded for print: "20个工作日", "即办件，当场办结" (full-width, GB/T 15834)."""
    if n > 0:
        return f"{n}个{unit.label}"
    return f"{CaseType.INSTANT.label}，当场办结" if case_type == CaseType.INSTANT else "无"


def fee_text(item: Item) -> str:
    if not item.fee:
        return "不收费"
    text = item.fee_standard or "按规定收费"
    return f"{text}（依据：{item.fee_basis}）" if item.fee_basis else text


def no_application_item(item: Item) -> bool:
    """免申即享: a policy the applicant need not apply for (the catalog's 免申即享 column);
    the window only informs."""
    return item.no_application


def sheet_item(
    item: Item, centre_hours: str, centre_place: str, *, delivery: str = ""
) -> SheetItem:
    return SheetItem(
        code=item.code,
        name=item.name,
        department=item.department,
        kind=item.kind,
        case_type=item.case_type,
        conditions=item.conditions,
        basis=item.basis,
        steps=list(item.steps),
        legal_limit=limit_text(item.legal_limit, item.legal_limit_unit, item.case_type),
        promised_limit=limit_text(item.promised_limit, item.promised_limit_unit, item.case_type),
        fee=fee_text(item),
        place=item.place or centre_place,
        hours=item.hours or centre_hours,
        phone=item.phone,
        complaint_phone=item.complaint_phone,
        online=(item.online_url or "是") if item.online else "",
        visits=item.visits,
        result=item.result,
        delivery=item.delivery or delivery,
        no_application=no_application_item(item),
    )


def rongque_commitment(day: date) -> str:
    """The 容缺受理承诺书's commitment, in the applicant's words to the 受理机关 (layout 2): the
    materials and each one's 补齐 date are in the table above it."""
    return (
        "本人（本单位）自愿申请容缺受理，并郑重承诺：已提交的申请材料真实、合法、有效；"
        "上表所列容缺材料，将在各自的补齐期限内按要求补齐，补交的材料与已提交的材料和本承诺"
        "内容一致。逾期未补齐，或者补交的材料与承诺不符的，本人（本单位）同意撤销本次受理，"
        "并依法承担由此产生的法律责任。"
        f"\n承诺日期：{day.year}年{day.month}月{day.day}日"
    )
