"""The written decisions a window hands out and the receipt for the materials it takes.

《中华人民共和国行政许可法》第三十二条 (last paragraph): 受理 or 不予受理 is given as a dated
written paper under the seal of the 行政机关. Three papers, each with its own serial sequence:

- 受理通知书 (``SheetKind.ACCEPTANCE``): 受理日期, the promised time limit and the date it ends
  on the working-day calendar, how to follow the case and collect the result, the seal position.
- 不予受理通知书 (``SheetKind.REFUSAL``): the clerk's reason and its 依据, and the applicant's
  remedies: 行政复议 within 60 days (《中华人民共和国行政复议法》, 2023 revision, 第二十条) and
  行政诉讼 within 6 months (《中华人民共和国行政诉讼法》第四十六条), before the bodies the centre's
  settings name (``centre.review_body``, ``centre.court``).
- 收件回执 (``SheetKind.RECEIPT``): what was received (originals and copies), when, signed by the
  applicant and the clerk; the five days of §32 for a 补正 run from this date.

The papers are plain ``Sheet`` data like the others (stored as snapshots, reprinted unchanged);
``paper_content`` words them as a ``SheetContent`` the .docx and PDF writers lay out. Template
text uses full-width punctuation (GB/T 15834-2011), as the catalog text printed beside it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from window_assistant.cases.ids import mask_id, mask_phone
from window_assistant.catalog.model import Item
from window_assistant.errors import UserError
from window_assistant.sheets import papers
from window_assistant.sheets.build import (
    CONSULT,
    DECISION_KINDS,
    SheetContext,
    Subject,
    build_sheet,
    merged_materials,
    tracked_status,
)
from window_assistant.sheets.content import (
    CELL_PAD_MM,
    MATERIAL_WIDTHS_MM,
    TABLE_PT,
    Section,
    SheetContent,
    cn_date,
    material_rows,
)
from window_assistant.sheets.model import BROUGHT, Person, Sheet
from window_assistant.vocab import CaseType, ItemKind, Outcome, PersonKind, SheetKind, SubjectKind
from window_assistant.workdays import WorkdayCalendar

# The 收件回执's materials table: the names get the room the 告知书 gives its notes (most on one
# line), 复印件 its header on one line; the 备注 column, for a word by hand, what is left.
RECEIPT_WIDTHS_MM = (9.0, 70.0, 11.0, 15.0, 21.0, 16.0, 14.0)
# The 收件回执 is laid out as today's papers are (sheets.model.LAYOUT 3: fixed line pitch, tight
# spacing, tables in 小五 with narrow cell padding, its signatures kept with the last rows of its
# table), whatever the layout its snapshot carries: its words never depended on it. One page
# for every item and 一件事 of the bundled catalog (docs/tools/sheet_pages.py).
RECEIPT_LAYOUT = 3
# The papers this module words; the others are ``content.sheet_content``'s.
PAPER_KINDS = (SheetKind.ACCEPTANCE, SheetKind.REFUSAL, SheetKind.RECEIPT)
# Outcomes after which the window has taken the applicant's materials: a 收件回执 is due.
RECEIPT_OUTCOMES = (Outcome.ACCEPTED, Outcome.RONGQUE, Outcome.CORRECTION, Outcome.REFUSED)

PERMIT_LAW = "《中华人民共和国行政许可法》"
REVIEW_LAW = "《中华人民共和国行政复议法》第二十条"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》第四十六条"
SEAL = "（盖章）"
GAP = "\u00a0" * 4  # between two blanks of a line: kept by every renderer (a space is not)
DELIVERY_TEXT = (
    "办结后凭本通知书和有效身份证件到{place}领取办理结果；需要邮寄送达的，请向窗口提供收件地址。"
)


def paper_kind(kind: SheetKind, outcome: Outcome | None) -> SheetKind:
    """The paper a case is written on: a stated 受理 or 不予受理 on a 一次性告知书 is the
    written decision (受理通知书 / 不予受理通知书); every other choice stays as it is."""
    kind = SheetKind.of(kind)  # a code, as a front end's widget may give it back
    if kind == SheetKind.NOTICE and outcome in DECISION_KINDS:
        return DECISION_KINDS[Outcome.of(outcome)]
    return kind


def papers_for(kind: SheetKind, outcome: Outcome | None, receipt: bool) -> list[SheetKind]:
    """The papers a registration hands out, in print order: its own, then the receipt."""
    return [paper_kind(kind, outcome)] + ([SheetKind.RECEIPT] if receipt else [])


def receipt_due(outcome: Outcome | None) -> bool:
    """Whether the window has taken materials after this outcome (a 收件回执 goes with it)."""
    return outcome in RECEIPT_OUTCOMES


def offers_receipt(outcome: Outcome | None, brought: set[str]) -> bool:
    """Whether a registration hands out a 收件回执: materials were taken after this outcome."""
    return receipt_due(outcome) and bool(brought)


def check_receipt(outcome: Outcome, brought: set[str]) -> None:
    """UserError when no 收件回执 can be given: nothing was taken."""
    if not receipt_due(outcome):
        raise UserError(
            f"办件结果为「{outcome.label}」时窗口不收取申请材料，无需出具收件回执"
            "（收件回执随受理、容缺受理、补正告知或不予受理出具）。"
        )
    if not brought:
        raise UserError("没有勾选任何已收取的材料，无法出具收件回执：请勾选申请人提交的材料。")


def promised_date(calendar: WorkdayCalendar, items: list[Item], start: date) -> date | None:
    """承诺办结日期: the latest end of the items' promised limits counted from ``start`` on the
    working-day calendar (a 即办件 ends the same day); None when no item states a limit."""
    ends = []
    for item in items:
        if item.promised_limit > 0:
            ends.append(calendar.deadline(start, item.promised_limit, item.promised_limit_unit))
        elif item.case_type == CaseType.INSTANT:
            ends.append(start)
    return max(ends) if ends else None


def authority_of(subject: Subject, centre: str) -> str:
    """实施机关 whose seal the decision carries: the item's department (the centre for a
    bundle served at its comprehensive window, or an item without one)."""
    if subject.kind == SubjectKind.ITEM and subject.items and subject.items[0].department:
        return subject.items[0].department
    return centre


def default_basis(subject: Subject) -> str:
    """The 依据 printed when the clerk names none: §32 for a 行政许可, else the item's rule."""
    kinds = {i.kind for i in subject.items}
    if kinds == {ItemKind.PERMIT}:
        return f"{PERMIT_LAW}第三十二条第一款"
    bases = [i.basis.strip() for i in subject.items if i.basis.strip()]
    return "本事项的设定依据：" + "；".join(dict.fromkeys(bases)) if bases else ""


def fill_decision(
    sheet: Sheet,
    subject: Subject,
    *,
    promised: date | None,
    estimated: bool = False,
    review_body: str,
    court: str,
    basis: str = "",
) -> Sheet:
    """The 受理通知书 or 不予受理通知书 ``sheet`` with its decision's own parts filled in."""
    sheet.authority = authority_of(subject, sheet.centre)
    if sheet.kind == SheetKind.ACCEPTANCE:
        sheet.promised_date = promised.isoformat() if promised else None
        sheet.promised_estimated = bool(promised) and estimated
        place = (sheet.items[0].place if len(sheet.items) == 1 else "") or sheet.centre_address
        sheet.delivery = DELIVERY_TEXT.format(place=place or sheet.centre)
    elif sheet.kind == SheetKind.REFUSAL:
        sheet.decision_basis = basis.strip() or default_basis(subject)
        sheet.review_body = review_body.strip()
        sheet.court = court.strip()
    return sheet


def build_receipt(
    subject: Subject,
    answers: dict[str, str],
    brought: set[str],
    context: SheetContext,
    *,
    outcome: Outcome,
    case_serial: str,
) -> Sheet:
    """The 收件回执 of the materials ``brought`` (already checked), numbered ``context.serial``."""
    check_receipt(outcome, brought)
    # The parts every paper shares (issuer, subject, people), as the 一次性告知书 has them.
    sheet = build_sheet(subject, answers, brought, SheetKind.NOTICE, context, outcome=CONSULT)
    materials = [
        replace(m, status=BROUGHT)
        for m in merged_materials(subject, answers)
        if tracked_status(m, brought) == BROUGHT
    ]
    return replace(
        sheet,
        kind=SheetKind.RECEIPT,
        materials=materials,
        outcome=outcome,
        authority=authority_of(subject, context.centre),
        case_serial=case_serial,
    )


# -- wording -----------------------------------------------------------------------------------
def _person(role: str, p: Person, phone: bool = True) -> list[tuple[str, str]]:
    suffix = "（单位）" if p.kind == PersonKind.ORGANISATION else ""
    out = [(role, p.name + suffix)]
    if p.id_number:
        out.append(("证件号码", f"{p.id_type.label} {mask_id(p.id_type, p.id_number)}"))
    if p.phone and phone:
        out.append(("联系电话", mask_phone(p.phone)))
    return out


def _common_fields(
    sheet: Sheet, *, situations: bool = True, phones: bool = True
) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    if sheet.applicant:
        fields += _person("申请人", sheet.applicant, phones)
    if sheet.agent:
        fields += _person("代理人", sheet.agent, phones)
    if sheet.subject_kind == SubjectKind.BUNDLE:
        fields.append(("办理事项", f"{sheet.subject_name}（编码：{sheet.subject_code}）"))
        fields.append(("包含事项", "；".join(f"{i.name}（{i.code}）" for i in sheet.items)))
    else:
        fields.append(("办理事项", f"{sheet.subject_name}（事项编码：{sheet.subject_code}）"))
    if sheet.answers and situations:
        fields.append(("办理情形", "；".join(f"{q}：{a}" for q, a in sheet.answers)))
    return fields


def _cn_time(value: str) -> str:
    moment = datetime.fromisoformat(value)
    return f"{cn_date(moment)}{moment.hour}时{moment.minute:02d}分"


def _is_permit(sheet: Sheet) -> bool:
    return bool(sheet.items) and all(i.kind == ItemKind.PERMIT for i in sheet.items)


def _contact(sheet: Sheet) -> str:
    parts = (
        f"地址：{sheet.centre_address}" if sheet.centre_address else "",
        f"咨询电话：{sheet.centre_phone}" if sheet.centre_phone else "",
        f"监督投诉电话：{sheet.complaint_phone}" if sheet.complaint_phone else "",
    )
    return "　".join(p for p in parts if p)


def _sections(*specs: tuple[str, list[str]]) -> list[Section]:
    numerals = "一二三四五六七八九十"
    present = [(heading, paragraphs) for heading, paragraphs in specs if paragraphs]
    if len(present) == 1:  # a lone section is not numbered
        return [Section(present[0][0], present[0][1])]
    return [Section(f"{numerals[n]}、{h}", p) for n, (h, p) in enumerate(present)]


def _applicant_sign(role: str = "申请人（签收）") -> str:
    return f"{role}：____________{GAP}日期：______年____月____日"


def _clerk_sign(sheet: Sheet, role: str = "窗口工作人员") -> str:
    return f"{role}：{sheet.clerk}（{sheet.window}）{GAP}签字：____________"


def _both_sign(sheet: Sheet) -> str:
    """One line for a notice: who handed it out, and the applicant's signature on receiving it."""
    return f"经办人：{sheet.clerk}{GAP * 2}申请人（签收）：____________"


def _acceptance(sheet: Sheet) -> SheetContent:
    issued = cn_date(sheet.issued_at)
    subject = f"“{sheet.subject_name}”"
    if _is_permit(sheet):
        legal = f"根据{PERMIT_LAW}第三十二条第一款第（五）项的规定，"
        intro = (
            f"你（单位）于{issued}提交的{subject}申请，经审查，申请事项属于本机关职权范围，"
            f"申请材料齐全、符合法定形式，{legal}决定予以受理。"
        )
    else:
        intro = f"你（单位）于{issued}提交的{subject}申请，经审查，申请材料齐全、符合法定形式，决定予以受理。"
    limits = "；".join(
        dict.fromkeys(
            (f"【{i.name}】" if len(sheet.items) > 1 else "") + (i.promised_limit or "—")
            for i in sheet.items
        )
    )
    promised = cn_date(sheet.promised_date) if sheet.promised_date else "—"
    terms = f"承诺办结时限：{limits}"
    if sheet.promised_estimated:  # the calendar says so too (workdays.warning_for)
        terms += "；其间节假日安排尚未公布，为估算日期"
    fields = _common_fields(sheet, situations=False) + [
        ("实施机关", sheet.authority),
        ("受理日期", issued),
        ("承诺办结日期", f"{promised}（{terms}）"),
    ]
    phone = f"拨打{sheet.centre_phone}或" if sheet.centre_phone else ""
    follow = f"可凭本通知书编号{phone}到{sheet.centre}查询办理进度。"
    return _paper(
        sheet,
        intro,
        fields,
        _sections(
            ("办理进度查询", [follow]),
            ("办理结果领取", [sheet.delivery] if sheet.delivery else []),
        ),
        signatures=[_both_sign(sheet)],
        closing=[f"{sheet.authority}{SEAL}", issued],
        contact=False,  # said in the text: the notice keeps to one page
    )


def _refusal(sheet: Sheet) -> SheetContent:
    issued = cn_date(sheet.issued_at)
    intro = (
        f"你（单位）于{issued}提交的“{sheet.subject_name}”申请，经审查，"
        "决定不予受理。现将理由、依据和你（单位）依法享有的权利告知如下："
    )
    review = sheet.review_body or "有权处理的行政复议机关"
    court = sheet.court or "有管辖权的人民法院"
    rights = (
        f"如对本决定不服，可以自收到本通知书之日起六十日内向{review}申请行政复议"
        f"（{REVIEW_LAW}），或者自收到本通知书之日起六个月内向{court}提起行政诉讼"
        f"（{LITIGATION_LAW}）。"
    )
    if sheet.complaint_phone:
        rights += f"对窗口服务有意见的，可拨打监督投诉电话{sheet.complaint_phone}。"
    fields = _common_fields(sheet, situations=False) + [
        ("实施机关", sheet.authority),
        ("告知日期", issued),
    ]
    return _paper(
        sheet,
        intro,
        fields,
        _sections(
            ("不予受理的理由", [sheet.reason]),
            ("依据", [sheet.decision_basis] if sheet.decision_basis else []),
            ("申请人的权利", [rights]),
        ),
        signatures=[_both_sign(sheet)],
        closing=[f"{sheet.authority}{SEAL}", issued],
        contact=False,  # the notice keeps to one page with a reason of a few lines
    )


def _receipt(sheet: Sheet) -> SheetContent:
    received = _cn_time(sheet.issued_at)
    count = len(sheet.materials)
    who = sheet.applicant.name if sheet.applicant else "申请人"
    intro = (
        f"{sheet.centre}今收到{who}办理“{sheet.subject_name}”事项提交的下列申请材料"
        f"（共{count}项），特此出具本回执。"
    )
    fields = _common_fields(sheet, situations=False, phones=False) + [("收件时间", received)]
    if sheet.case_serial:
        fields.append(("办件编号", sheet.case_serial))
    note = "本回执仅证明已收到上列材料，不是受理凭证；是否受理以书面通知为准。"
    if _is_permit(sheet):
        note += (
            "申请材料不齐全或者不符合法定形式的，将当场或者自收到申请材料之日起五日内一次告知"
            "需要补正的全部内容；逾期不告知的，自收到申请材料之日起即为受理"
            f"（{PERMIT_LAW}第三十二条第一款第（四）项）。"
        )
    return _paper(
        sheet,
        intro,
        fields,
        _sections(("说明", [note])),
        signatures=[_applicant_sign("申请人（签字）"), _clerk_sign(sheet, "收件人")],
        closing=[],  # the centre and the time are said above: the receipt keeps to one page
        materials_heading="收取的材料",
        contact=False,
        layout=RECEIPT_LAYOUT,
    )


def _paper(
    sheet: Sheet,
    intro: str,
    fields: list[tuple[str, str]],
    sections: list[Section],
    *,
    signatures: list[str],
    closing: list[str],
    materials_heading: str = "",
    contact: bool = True,
    layout: int = 1,
) -> SheetContent:
    """The paper as ``SheetContent``; ``layout`` 3 lays it out compactly (the receipt's)."""
    applicant = sheet.applicant.name if sheet.applicant else ""
    # A receipt counts what was taken: the guide's notes are the 告知书's, not its business.
    rows = [replace(r, status="已收取", notes="") for r in material_rows(sheet)]
    return SheetContent(
        serial_line=f"编号：{sheet.serial}",
        title=sheet.title,
        salutation="" if sheet.kind == SheetKind.RECEIPT else f"{applicant or '申请人'}：",
        intro=intro,
        fields=fields,
        materials_heading=materials_heading,
        materials=rows if materials_heading else [],
        deadline_line="",
        sections=sections,
        note_heading="",
        note="",
        commitment_signature="",
        signatures=signatures,
        closing=closing,
        contact_line=_contact(sheet) if contact else "",
        # The rating QR code belongs to the case's own paper (its token names that serial).
        qr_caption="" if sheet.kind == SheetKind.RECEIPT else _rating_caption(sheet),
        rating_url="" if sheet.kind == SheetKind.RECEIPT else sheet.rating_url,
        widths_mm=RECEIPT_WIDTHS_MM if materials_heading else MATERIAL_WIDTHS_MM,
        layout=layout,
        table_pt=papers.TABLE_PT if layout >= 3 else TABLE_PT,
        cell_pad_mm=papers.CELL_PAD_MM if layout >= 3 else CELL_PAD_MM,
    )


def _rating_caption(sheet: Sheet) -> str:
    from window_assistant.sheets.content import PAD_CAPTION, QR_CAPTION

    caption = QR_CAPTION if sheet.rating_url else PAD_CAPTION
    return caption.replace("(", "（").replace(")", "）")


def paper_content(sheet: Sheet) -> SheetContent:
    """What the 受理通知书, 不予受理通知书 or 收件回执 ``sheet`` prints, in print order."""
    if sheet.kind == SheetKind.ACCEPTANCE:
        return _acceptance(sheet)
    if sheet.kind == SheetKind.REFUSAL:
        return _refusal(sheet)
    return _receipt(sheet)
