"""What a printed notification sheet says, in print order: one source for .docx, PDF and preview.

``render_docx`` and ``ui.sheet_pdf`` both lay out a ``SheetContent``, so the two formats carry
the same words, and masking (ID numbers, phones) happens here once. The wording follows the
usual 一次性告知书 / 补正告知书 / 容缺受理承诺书 of a government service centre.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from window_assistant.cases.ids import mask_id, mask_phone
from window_assistant.sheets.model import (
    BROUGHT,
    MISSING,
    NOT_TRACKED,
    OBTAINED,
    RONGQUE_LATER,
    SHARED,
    Person,
    Sheet,
    SheetItem,
    SheetMaterial,
)
from window_assistant.vocab import PersonKind, SheetKind, SubjectKind

# Page geometry, GB/T 9704-2012: A4 and its margins, in millimetres.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0
MARGIN_BOTTOM_MM = 35.0
MARGIN_LEFT_MM = 28.0
MARGIN_RIGHT_MM = 26.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156 mm
HEADER_FROM_TOP_MM = 22.0  # where the serial line sits, inside the top margin
FOOTER_FROM_BOTTOM_MM = 24.0  # the page number's line, inside the bottom margin

# Type sizes in points (二号 title, 小四 body, 五号 tables and header).
TITLE_PT = 22.0
BODY_PT = 12.0
TABLE_PT = 10.5
CELL_PAD_MM = 1.2  # the PDF's table cells
QR_WIDTH_MM = 32.0

# The materials table: header texts and fixed widths (mm) that add up to the text width.
MATERIAL_HEADERS = ("序号", "材料名称", "原件", "复印件", "形式", "状态", "备注")
MATERIAL_WIDTHS_MM = (9.0, 34.0, 11.0, 14.0, 14.0, 24.0, 50.0)
FIELD_WIDTHS_MM = (32.0, TEXT_WIDTH_MM - 32.0)
QR_BLOCK_WIDTHS_MM = (58.0, TEXT_WIDTH_MM - 58.0)  # QR and its one-line caption | 落款

# The paper's colours (RRGGBB), the same in every format.
MISSING_FILL = "FCE4D6"  # light red behind a missing material's row
HEADER_FILL = "E7E6E6"  # a table's header cells
MISSING_COLOUR = "C00000"  # what is missing, and the deadline to bring it
RULE_COLOUR = "000000"  # table rules

QR_CAPTION = "请扫码对本次服务进行评价(一次一评)"
# Where to rate when phones are not to (rating by phone off, or no address chosen): no QR code.
PAD_CAPTION = "请在窗口评价器上对本次服务进行评价(一次一评)"
SHARED_TEXT = f"{SHARED.label}(可通过电子证照共享获取)"


@dataclass
class MaterialRow:
    number: str
    name: str
    originals: str
    copies: str
    form: str
    status: str
    notes: str
    missing: bool  # highlighted: the applicant must still bring it

    def cells(self) -> tuple[str, ...]:
        return (
            self.number,
            self.name,
            self.originals,
            self.copies,
            self.form,
            self.status,
            self.notes,
        )


@dataclass
class Section:
    heading: str
    paragraphs: list[str]


@dataclass
class SheetContent:
    serial_line: str
    title: str
    salutation: str
    intro: str
    fields: list[tuple[str, str]]
    materials_heading: str
    materials: list[MaterialRow]
    deadline_line: str  # "" when the sheet has no deadline
    sections: list[Section]
    note_heading: str  # "" when there is no note
    note: str
    commitment_signature: str  # "" unless 容缺: the applicant signs the commitment
    signatures: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)  # centre and date, right-aligned
    contact_line: str = ""
    qr_caption: str = QR_CAPTION
    rating_url: str = ""
    # Layout 2 (sheets.papers): the materials table's 6th column, the materials received, the
    # "一式两份" line, a bordered box for the 受理机关's opinion and seal, and the instrument
    # printed after this one on a new page (the 容缺受理通知书, a bundle's guide sheet).
    headers: tuple[str, ...] = MATERIAL_HEADERS
    widths_mm: tuple[float, ...] = MATERIAL_WIDTHS_MM
    table_pt: float = TABLE_PT
    cell_pad_mm: float = CELL_PAD_MM  # the PDF's cell padding
    qr_mm: float = QR_WIDTH_MM
    # Layout 2: each material's notes (填报须知) on a row of their own under it, across the
    # table, instead of a narrow column: the sheet is half as long.
    notes_below: bool = False
    qr_block_mm: tuple[float, float] = QR_BLOCK_WIDTHS_MM  # QR code | signatures and 落款
    guide_heading: str = ""  # the guide's elements as a two-column table (label, text)
    guide: list[tuple[str, str]] = field(default_factory=list)
    received_heading: str = ""
    received: list[tuple[str, str]] = field(default_factory=list)  # (material, counts and date)
    copies_line: str = ""
    seal_box: list[str] = field(default_factory=list)
    appendix: SheetContent | None = None
    layout: int = 1  # the sheet's (``Sheet.layout``)

    @property
    def status_column(self) -> int:
        """The materials table's status column (the last, or the one before the notes)."""
        return len(self.headers) - (1 if self.notes_below else 2)

    def all_text(self) -> list[str]:
        """Every printed string in order (for baselines and checks)."""
        out = [self.serial_line, self.title, self.salutation, self.intro]
        out += [f"{k}:{v}" for k, v in self.fields]
        out.append(self.materials_heading)
        below = self.notes_below
        out += [
            " ".join(r.cells()) + (f" {r.notes}" * bool(below and r.notes)) for r in self.materials
        ]
        out.append(self.deadline_line)
        out.append(self.guide_heading)
        out += [f"{k}:{v}" for k, v in self.guide]
        out.append(self.received_heading)
        out += [f"{k}:{v}" for k, v in self.received]
        for s in self.sections:
            out.append(s.heading)
            out += s.paragraphs
        out += [self.note_heading, self.note, self.commitment_signature, *self.seal_box]
        out += [self.contact_line, self.copies_line, *self.signatures, *self.closing]
        out.append(self.qr_caption)
        out = [t for t in out if t]
        return out + (self.appendix.all_text() if self.appendix else [])


def cn_date(value: str | date | None) -> str:
    """ISO date or date-time → 2026年3月5日 (no leading zeros, as official documents write it)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{value.year}年{value.month}月{value.day}日"


def status_text(m: SheetMaterial) -> str:
    if m.status == BROUGHT:
        return f"{BROUGHT.label} ✓"
    if m.status == MISSING:
        return MISSING.label
    if m.status == SHARED:
        return SHARED_TEXT
    if m.status == OBTAINED:
        return OBTAINED.label
    if m.status == RONGQUE_LATER:
        later = RONGQUE_LATER.label
        return f"{later},请于{cn_date(m.supply_by)}前补交" if m.supply_by else later
    text = m.necessity.label
    return text + (";" + SHARED_TEXT if m.shareable and m.status == NOT_TRACKED else "")


def _count(n: int) -> str:
    return f"{n}份" if n else "—"


def material_rows(sheet: Sheet) -> list[MaterialRow]:
    rows = []
    several_items = len(sheet.items) > 1
    for n, m in enumerate(sheet.materials, 1):
        notes = m.notes.strip()
        if m.status == SHARED and notes.startswith("可通过电子证照共享获取"):  # said by the status
            notes = re.sub(r"^可通过电子证照共享获取[;;。,,\s]*", "", notes)
        if m.spec:
            notes += ("\n" if notes else "") + f"规格:{m.spec}"
        if several_items and m.items:
            notes += ("\n" if notes else "") + "用于:" + "、".join(m.items)
        rows.append(
            MaterialRow(
                str(n),
                m.name,
                _count(m.originals),
                _count(m.copies),
                m.form.label,
                status_text(m),
                notes,
                m.status in (MISSING, RONGQUE_LATER),
            )
        )
    return rows


def _person_fields(role: str, p: Person) -> list[tuple[str, str]]:
    organisation = p.kind == PersonKind.ORGANISATION
    out = [(role, p.name + (f"({PersonKind.ORGANISATION.label})" if organisation else ""))]
    if p.id_number:
        out.append(("证件号码", f"{p.id_type.label} {mask_id(p.id_type, p.id_number)}"))
    if p.phone:
        out.append(("联系电话", mask_phone(p.phone)))
    return out


def _per_item(items: list[SheetItem], value, empty: str = "") -> list[str]:
    """One paragraph per item, prefixed with its name when items differ; identical values once."""
    values = [(i.name, value(i).strip()) for i in items]
    distinct = {v for _, v in values}
    if len(distinct) == 1:
        only = distinct.pop()
        return [only or empty] if (only or empty) else []
    return [f"【{name}】{v or empty}" for name, v in values if v or empty]


def _sections(sheet: Sheet) -> list[Section]:
    items = sheet.items
    numerals = "二三四五六七八九十"
    specs = [
        ("受理条件", _per_item(items, lambda i: i.conditions, "无特别条件")),
        ("设定依据", _per_item(items, lambda i: i.basis)),
        (
            "办理时限",
            _per_item(
                items,
                lambda i: (
                    f"法定办结时限:{i.legal_limit or '—'};承诺办结时限:{i.promised_limit or '—'}"
                ),
            ),
        ),
        ("收费标准", _per_item(items, lambda i: i.fee, "不收费")),
        (
            "办理地点和时间",
            _per_item(items, lambda i: f"办理地点:{i.place}" if i.place else "")
            + _per_item(items, lambda i: f"办理时间:{i.hours}" if i.hours else ""),
        ),
        (
            "咨询和监督投诉电话",
            _per_item(items, lambda i: f"咨询电话:{i.phone or sheet.centre_phone}")
            + _per_item(
                items,
                lambda i: f"监督投诉电话:{i.complaint_phone or sheet.complaint_phone}",
            )
            + _per_item(items, lambda i: f"网上办理:{i.online}" if i.online else ""),
        ),
    ]
    out: list[Section] = []
    for heading, paragraphs in specs:
        if paragraphs:
            out.append(Section(f"{numerals[len(out)]}、{heading}", paragraphs))
    return out


def _intro(sheet: Sheet, issued: str, deadline: str) -> tuple[str, str, str]:
    """(materials heading, intro paragraph, deadline line) for the sheet's kind."""
    subject = f"“{sheet.subject_name}”"
    if sheet.kind == SheetKind.CORRECTION:
        intro = (
            f"您于{issued}申请办理的{subject}事项,经审查,申请材料不齐全或者不符合法定形式。"
            f"现一次性告知需要补正的全部材料(共{len(sheet.materials)}项)"
            + (f",请于{deadline}前补正" if deadline else "")
            + ",材料补正齐全后予以受理。"
        )
        line = f"补正期限:请于{deadline}前补正上述全部材料。" if deadline else ""
        return "一、需要补正的材料", intro, line
    if sheet.kind == SheetKind.RONGQUE:
        intro = (
            f"本人(单位)申请办理{subject}事项,主要申请材料齐全、符合法定形式,"
            "下列标注“容缺后补”的材料暂缺,申请容缺受理,并作出后附承诺。"
        )
        line = f"补交期限:请于{deadline}前补交全部容缺材料。" if deadline else ""
        return "一、容缺后补的材料", intro, line
    intro = f"您咨询(申请)办理的{subject}事项,现将所需材料及有关事项一次性告知如下:"
    return "一、申请材料", intro, ""


def sheet_content(sheet: Sheet) -> SheetContent:
    """What ``sheet`` prints, in the layout it was printed with (``Sheet.layout``); the written
    decisions and the receipt are worded by ``sheets.decisions``."""
    if sheet.kind in (SheetKind.ACCEPTANCE, SheetKind.REFUSAL, SheetKind.RECEIPT):
        from window_assistant.sheets.decisions import paper_content as decision_content

        return decision_content(sheet)  # it imports this module
    if sheet.layout >= 2:
        from window_assistant.sheets.papers import paper_content

        return paper_content(sheet)
    return _layout1_content(sheet)


def _layout1_content(sheet: Sheet) -> SheetContent:
    """Layout 1: every sheet printed before the 补正意见 and the 容缺受理通知书; reprints of
    those snapshots print these very words."""
    issued = cn_date(sheet.issued_at)
    deadline = cn_date(sheet.deadline)
    heading, intro, deadline_line = _intro(sheet, issued, deadline)
    fields: list[tuple[str, str]] = []
    if sheet.applicant:
        fields += _person_fields("申请人", sheet.applicant)
    if sheet.agent:
        fields += _person_fields("代理人", sheet.agent)
    if sheet.subject_kind == SubjectKind.BUNDLE:
        fields.append(("办理事项", f"{sheet.subject_name}(编码:{sheet.subject_code})"))
        fields.append(("包含事项", ";".join(f"{i.name}({i.code})" for i in sheet.items)))
    else:
        fields.append(("办理事项", f"{sheet.subject_name}(事项编码:{sheet.subject_code})"))
    if sheet.items and sheet.subject_kind != SubjectKind.BUNDLE:
        fields.append(("实施部门", sheet.items[0].department))
    if sheet.answers:
        fields.append(("办理情形", ";".join(f"{q}:{a}" for q, a in sheet.answers)))
    fields.append(("受理窗口", f"{sheet.window}(经办人:{sheet.clerk})"))
    fields.append(("告知日期", issued))

    if sheet.kind == SheetKind.CORRECTION:
        note_heading = "告知依据"
    elif sheet.kind == SheetKind.RONGQUE:
        note_heading = "申请人承诺"
    else:
        note_heading = "其他说明"
    applicant = sheet.applicant.name if sheet.applicant else ""
    return SheetContent(
        serial_line=f"编号:{sheet.serial}",
        title=sheet.title,
        salutation=f"{applicant or '申请人'}:",
        intro=intro,
        fields=fields,
        materials_heading=heading,
        materials=material_rows(sheet),
        deadline_line=deadline_line,
        sections=_sections(sheet),
        note_heading=note_heading if sheet.note.strip() else "",
        note=sheet.note.strip(),
        commitment_signature=(
            "承诺人(签字/盖章):____________    日期:______年____月____日"
            if sheet.kind == SheetKind.RONGQUE
            else ""
        ),
        # The 容缺 applicant signs once, as 承诺人 above; other sheets are signed for here.
        signatures=[
            f"窗口工作人员:{sheet.clerk}({sheet.window})    签字:____________    日期:{issued}",
            *(
                []
                if sheet.kind == SheetKind.RONGQUE
                else ["申请人(签字):____________    日期:______年____月____日"]
            ),
        ],
        closing=[sheet.centre, issued],
        contact_line=" ".join(
            t
            for t in (
                f"地址:{sheet.centre_address}" if sheet.centre_address else "",
                f"咨询电话:{sheet.centre_phone}" if sheet.centre_phone else "",
                f"监督投诉电话:{sheet.complaint_phone}" if sheet.complaint_phone else "",
            )
            if t
        ),
        qr_caption=QR_CAPTION if sheet.rating_url else PAD_CAPTION,
        rating_url=sheet.rating_url,
    )
