"""What a sheet of layout 2 prints (``Sheet.layout``): the 一次性告知书 with 办理流程, 办理结果和送达
方式 and 到现场次数; the 一次性补正告知书 with the 补正意见 per material, the materials received and
the basis that applies to the item's kind; the 容缺受理承诺书 in the applicant's voice to the 受理
机关, followed on its own page by the centre's 容缺受理通知书; a bundle's long guide sections on a
second sheet. Full-width punctuation throughout (GB/T 15834), as the catalog text beside it.

Snapshots of layout 1 keep printing through ``content._layout1_content``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from window_assistant.cases.ids import mask_id, mask_phone
from window_assistant.sheets.content import (
    PAD_CAPTION,
    QR_CAPTION,
    TEXT_WIDTH_MM,
    MaterialRow,
    SheetContent,
    _per_item,
    cn_date,
)
from window_assistant.sheets.model import (
    BROUGHT,
    MISSING,
    NOT_TRACKED,
    RONGQUE_LATER,
    SHARED,
    TO_CORRECT,
    Person,
    Sheet,
    SheetItem,
    SheetMaterial,
)
from window_assistant.vocab import CaseType, Outcome, PersonKind, SheetKind, SubjectKind

# The materials table of layout 2: counts in one column, so that the notes (填报须知) get the
# room; tables in 小五 (9 pt) so that a single item's sheet fits one A4 page in the common case.
HEADERS = ("序号", "材料名称", "份数", "形式", "状态")
WIDTHS_MM = (8.5, 60.0, 24.0, 28.0, TEXT_WIDTH_MM - 120.5)
# Layout 3: the counts on one line (原件1份，复印件1份) and the status 免提交（电子证照共享） on one
# line, the form's column no wider than 纸质+电子: one line a material where there were two.
WIDTHS3_MM = (8.5, 57.0, 33.0, 19.0, TEXT_WIDTH_MM - 117.5)
# Layout 3: a material's row of 规格 and 填报须知 is one line of the table (``NOTE_ROW``
# characters of 小五 across the table, a Latin letter or digit half one): longer 填报须知 are cut
# on the 告知书 after the last sentence or clause that fits, and printed whole on the 办事指南
# 要点 (附页) or in the item's guide, as the materials' heading says.
NOTE_ROW = 45
NOTE_CUT = "……"
NOTES_LABEL = "要求："  # before the notes, on their own row under the material
TABLE_PT = 9.0
CELL_PAD_MM = 0.5
MARK = "×"  # before what is still to be brought: survives black-and-white printing (and bold)
COPIES_LINE = "本{name}一式两份，申请人和窗口各执一份。"
RONGQUE_NOTICE_TITLE = "容缺受理通知书"
COMMITMENT_FIELDS = ("申请人", "代理人", "办理事项", "包含事项", "申请日期")
QR_MM = 20.0  # the rating QR code: still read at once by a phone at arm's length
GUIDE_TITLE = "办事指南要点（附页）"
SHARED_NOTE = "可通过电子证照共享获取"


def paper_content(sheet: Sheet) -> SheetContent:
    if sheet.kind == SheetKind.CORRECTION:
        return _correction(sheet)
    if sheet.kind == SheetKind.RONGQUE:
        return _rongque(sheet)
    return _notice(sheet)


# -- the parts ---------------------------------------------------------------------------------
def _status(m: SheetMaterial) -> str:
    if m.status == BROUGHT:
        return "已提交 ✓"
    if m.status == SHARED:
        return "免提交（电子证照共享）"
    if m.status == MISSING:
        return f"{MARK} 缺"
    if m.status == RONGQUE_LATER:
        return "容缺后补" + (f"，{cn_date(m.supply_by)}前补齐" if m.supply_by else "")
    text = m.necessity.label
    return text + ("；免提交（电子证照共享）" if m.shareable and m.status == NOT_TRACKED else "")


def _opinion(m: SheetMaterial) -> str:
    """The 补正意见 cell: the code's words and the clerk's, marked; 容缺 stays 容缺."""
    if m.status == RONGQUE_LATER:
        return "容缺后补（受理后按期补交，不影响受理）"
    words = [m.opinion.label if m.opinion else "", m.opinion_text.strip()]
    return f"{MARK} " + "：".join(w for w in words if w)


def _notes(m: SheetMaterial, several_items: bool) -> str:
    notes = m.notes.strip()
    if m.status == SHARED and notes.startswith(SHARED_NOTE):  # said by the status
        notes = notes[len(SHARED_NOTE) :].lstrip("；;。，, ")
    if several_items and m.items:
        notes += ("\n" if notes else "") + "用于：" + "、".join(m.items)
    return notes


@dataclass
class PaperRow(MaterialRow):
    """A row of the layout-2 materials table: originals and copies in one cell."""

    def cells(self) -> tuple[str, ...]:
        return (self.number, self.name, self.originals, self.form, self.status)


def _width(text: str) -> float:
    """How many full-width characters ``text`` takes on paper."""
    return sum(0.5 if ord(c) < 0x80 else 1.0 for c in text)


def brief_notes(notes: str, room: float) -> str:
    """``notes`` within ``room`` characters: whole if it fits, else its first sentences or
    clauses that fit (the first one at least) and "……"."""
    notes = notes.strip()
    if _width(notes) <= room:
        return notes
    kept = ""
    for piece in re.split(r"(?<=[。；;，,])", notes):
        if kept and _width(kept + piece) > room - _width(NOTE_CUT):
            break
        kept += piece
    if len(kept) >= len(notes):
        return notes
    return kept.rstrip("。；;，, ") + NOTE_CUT


def _prefix(m: SheetMaterial) -> str:
    return (f"规格：{m.spec}；" if m.spec else "") + NOTES_LABEL


def shortened(sheet: Sheet) -> list[SheetMaterial]:
    """The materials whose 填报须知 the 告知书 prints shortened (layout 3)."""
    if sheet.layout < 3 or sheet.kind != SheetKind.NOTICE:
        return []
    if all(i.no_application for i in sheet.items) and sheet.items:
        return []  # 免申即享: the materials are for reference only, printed as they are
    out = []
    for m in sheet.materials:
        notes = _notes(m, False).replace("\n", "；")
        if brief_notes(notes, NOTE_ROW - _width(_prefix(m))) != notes:
            out.append(m)
    return out


def _notes_row(m: SheetMaterial, several: bool, brief: bool = False) -> str:
    """The row under a material: its 规格 and its notes (填报须知), shortened if ``brief``."""
    notes = _notes(m, False).replace("\n", "；")
    if brief:
        notes = brief_notes(notes, NOTE_ROW - _width(_prefix(m)))
    if several and m.items:  # which items of the 一件事 ask for it: never cut
        notes += ("；" if notes else "") + "用于：" + "、".join(m.items)
    parts = [f"规格：{m.spec}" if m.spec else "", f"{NOTES_LABEL}{notes}" if notes else ""]
    return "；".join(p for p in parts if p)


def _counts(m: SheetMaterial, sep: str = "\n") -> str:
    parts = [
        f"原件{m.originals}份" if m.originals else "",
        f"复印件{m.copies}份" if m.copies else "",
    ]
    return sep.join(p for p in parts if p) or "—"


def _rows(
    sheet: Sheet, materials: list[SheetMaterial], status, marked, brief: bool = False
) -> list[MaterialRow]:
    several = len(sheet.items) > 1
    sep = "，" if sheet.layout >= 3 else "\n"
    return [
        PaperRow(
            str(n),
            m.name,
            _counts(m, sep),
            "",
            m.form.label,
            status(m),
            _notes_row(m, several, brief),
            marked(m),
        )
        for n, m in enumerate(materials, 1)
    ]


def _steps(item: SheetItem) -> str:
    circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
    steps = [s.strip() for s in item.steps if s.strip()]
    return "→".join(
        f"{circled[n] if n < len(circled) else f'{n + 1}.'}{s}" for n, s in enumerate(steps)
    )


def _limits(item: SheetItem) -> str:
    text = f"法定办结时限：{item.legal_limit or '—'}；承诺办结时限：{item.promised_limit or '—'}"
    if item.visits > 0:
        text += f"；到现场次数：最多{item.visits}次"
    elif item.visits == 0 and item.online:
        text += "；到现场次数：0次（全程网办）"
    return text


def _result(item: SheetItem) -> str:
    parts = [f"办理结果：{item.result}" if item.result else ""]
    if item.case_type == CaseType.INSTANT:
        parts.append("即办件，当场办结")
    if item.delivery:
        parts.append(f"送达方式：{item.delivery}")
    text = "；".join(p.rstrip("。；") for p in parts if p)
    return text + "。" if text else ""


def _guide_rows(specs: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
    """The guide's elements as (label, text) rows of a two-column table: far shorter on paper
    than a heading and a paragraph each."""
    return [(label, "\n".join(paragraphs)) for label, paragraphs in specs if paragraphs]


def _guide_specs(sheet: Sheet) -> list[tuple[str, list[str]]]:
    """The guide's long sections: 受理条件, 设定依据, 收费标准, 办理地点和时间."""
    items = sheet.items
    return [
        ("受理条件", _per_item(items, lambda i: i.conditions, "无特别条件")),
        ("设定依据", _per_item(items, lambda i: i.basis)),
        ("收费标准", _per_item(items, lambda i: i.fee, "不收费")),
        (
            "办理地点和时间",
            _per_item(items, lambda i: "；".join(t for t in (i.place, i.hours) if t)),
        ),
    ]


def _short_specs(sheet: Sheet) -> list[tuple[str, list[str]]]:
    """What every 告知书 keeps on its first sheet: the steps, time limits, result, phones."""
    items = sheet.items
    phones = {i.phone or sheet.centre_phone for i in items}
    phone = phones.pop() if len(phones) == 1 else sheet.centre_phone  # one 咨询电话 a sheet
    complaint = f"监督投诉电话：{sheet.complaint_phone}" if sheet.complaint_phone else ""
    return [
        ("办理流程", _per_item(items, _steps)),
        ("办理时限", _per_item(items, _limits)),
        ("办理结果和送达方式", _per_item(items, _result)),
        ("跨域通办", [sheet.crossregion] if sheet.crossregion else []),
        (
            "咨询和投诉电话",
            ["；".join(t for t in (f"咨询电话：{phone}" * bool(phone), complaint) if t)],
        ),
    ]


def _fields(sheet: Sheet, window_label: str = "", date_label: str = "") -> list[tuple[str, str]]:
    """The case's particulars; ``window_label`` "" leaves the window to the signature line,
    ``date_label`` "" the date to the 落款."""
    fields: list[tuple[str, str]] = []
    if sheet.applicant:
        fields.append(_person("申请人", sheet.applicant))
    if sheet.agent:
        fields.append(_person("代理人", sheet.agent))
    if sheet.subject_kind == SubjectKind.BUNDLE:
        fields.append(("办理事项", f"{sheet.subject_name}（编码：{sheet.subject_code}）"))
        fields.append(("包含事项", "；".join(f"{i.name}（{i.code}）" for i in sheet.items)))
    else:
        department = f"；实施部门：{sheet.items[0].department}" if sheet.items else ""
        fields.append(
            ("办理事项", f"{sheet.subject_name}（事项编码：{sheet.subject_code}）{department}")
        )
    if sheet.answers:
        fields.append(("办理情形", "；".join(f"{q}：{a}" for q, a in sheet.answers)))
    if window_label:
        fields.append((window_label, f"{sheet.window}（经办人：{sheet.clerk}）"))
    if date_label:
        fields.append((date_label, cn_date(sheet.issued_at)))
    return fields


def _signatures(sheet: Sheet, window_label: str = "受理窗口") -> list[str]:
    """The window and the clerk's signature, the applicant's (the date is the 落款's)."""
    return [
        f"{window_label}：{sheet.window}　经办人：{sheet.clerk}　签字：__________",
        "申请人签收：__________　____年__月__日",
    ]


def _person(role: str, p: Person) -> tuple[str, str]:
    """One row for the applicant or agent: name, document (masked) and phone (masked)."""
    parts = [p.name + ("（单位）" if p.kind == PersonKind.ORGANISATION else "")]
    if p.id_number:
        parts.append(f"{p.id_type.label} {mask_id(p.id_type, p.id_number)}")
    if p.phone:
        parts.append(f"联系电话 {mask_phone(p.phone)}")
    return role, "；".join(parts)


def _contact(sheet: Sheet, phones: bool = True) -> str:
    """The centre's address (and phones, unless a section of the sheet gives them: one 咨询电话
    per sheet)."""
    return "  ".join(
        t
        for t in (
            f"地址：{sheet.centre_address}" if sheet.centre_address else "",
            f"咨询电话：{sheet.centre_phone}" if phones and sheet.centre_phone else "",
            f"监督投诉电话：{sheet.complaint_phone}" if phones and sheet.complaint_phone else "",
        )
        if t
    )


def _base(sheet: Sheet, **values: Any) -> SheetContent:
    applicant = sheet.applicant.name if sheet.applicant else ""
    defaults: dict[str, Any] = dict(
        serial_line=f"编号：{sheet.serial}",
        title=sheet.title,
        salutation=f"{applicant or '申请人'}：",
        deadline_line="",
        sections=[],
        note_heading="",
        note="",
        commitment_signature="",
        signatures=_signatures(sheet),
        closing=[sheet.centre, cn_date(sheet.issued_at)],
        qr_caption=QR_CAPTION if sheet.rating_url else PAD_CAPTION,
        rating_url=sheet.rating_url,
        layout=sheet.layout,
        headers=HEADERS,
        widths_mm=WIDTHS3_MM if sheet.layout >= 3 else WIDTHS_MM,
        table_pt=TABLE_PT,
        cell_pad_mm=CELL_PAD_MM,
        qr_mm=QR_MM,
        notes_below=True,
        qr_block_mm=(40.0, TEXT_WIDTH_MM - 40.0),
    )
    defaults.update(values)
    return SheetContent(**defaults)


# -- the kinds ---------------------------------------------------------------------------------
def _notice(sheet: Sheet) -> SheetContent:
    consult = sheet.outcome == Outcome.CONSULTED
    free = bool(sheet.items) and all(i.no_application for i in sheet.items)
    subject = f"“{sheet.subject_name}”"
    where = ""
    if free:
        intro = (
            f"您咨询的{subject}实行“免申即享”，符合条件的无需申请、无需提交材料，"
            "由主管部门通过数据比对直接兑现。现将有关事项一次性告知如下："
        )
    else:
        intro = f"您咨询（申请）办理的{subject}事项，现将所需材料及有关事项一次性告知如下"
        where = (
            "（受理条件和设定依据见附页）"
            if sheet.guide_sheet
            else "（受理条件和设定依据详见本事项办事指南，可向窗口索取）"
        )
        # Layout 3: where the guide's other sections are is said in the 办理须知's heading
        intro += "：" if sheet.layout >= 3 else f"{where}："
    bundle = sheet.subject_kind == SubjectKind.BUNDLE
    short, guide = _short_specs(sheet), _guide_specs(sheet)
    # The first sheet is the 告知书 proper, one page the norm: the long sections (受理条件 and
    # 设定依据; a bundle's 收费 and 地点 too) go on a second sheet when asked (a bundle: always).
    specs = short if bundle else [*short[:3], guide[2], *guide[3:], *short[3:]]
    status = (lambda m: "无需提交") if free else _status  # 免申即享: for reference only
    brief = sheet.layout >= 3 and not free
    rows = _rows(sheet, sheet.materials, status, lambda m: m.status == MISSING, brief)
    if brief:
        whole = [f"【{m.name}】{_notes(m, False)}" for m in shortened(sheet)]
        guide = [*guide[:2], ("材料填报要求", whole), *guide[2:]]
    content = _base(
        sheet,
        intro=intro,
        fields=_fields(sheet),
        signatures=_signatures(sheet, "经办窗口" if consult else "受理窗口"),
        materials_heading="一、申请材料" + ("（参考，无需提交）" if free else _cut_note(sheet)),
        materials=rows,
        guide_heading="二、办理须知" + (where if sheet.layout >= 3 and not free else ""),
        guide=_guide_rows(specs),
        copies_line=COPIES_LINE.format(name="告知书"),  # the place is in 办理地点和时间
    )
    if bundle or sheet.guide_sheet:
        first = len(guide) - 2  # 受理条件, 设定依据 (and the materials' 填报要求)
        content.appendix = _guide_sheet(sheet, guide if bundle else guide[:first])
    return content


def _cut_note(sheet: Sheet) -> str:
    """Layout 3: where the 填报须知 shortened on the 告知书 ("……") are printed whole."""
    if not shortened(sheet):
        return ""
    where = "见附页" if sheet.guide_sheet else "见本事项办事指南，可向窗口索取"
    return f"（“{NOTE_CUT}”处的完整要求{where}）"


def _guide_sheet(sheet: Sheet, specs: list[tuple[str, list[str]]]) -> SheetContent:
    """The guide's long sections on a second sheet, after the first one's 落款."""
    names = "、".join(label for label, paragraphs in specs if paragraphs)
    return SheetContent(
        serial_line=f"编号：{sheet.serial}",
        title=GUIDE_TITLE,
        salutation="",
        intro=f"“{sheet.subject_name}”的{names}如下：",
        fields=[],
        materials_heading="",
        materials=[],
        deadline_line="",
        sections=[],
        note_heading="",
        note="",
        commitment_signature="",
        qr_caption="",
        layout=sheet.layout,
        table_pt=TABLE_PT,
        cell_pad_mm=CELL_PAD_MM,
        guide_heading="办事指南要点",
        guide=_guide_rows(specs),
    )


def _correction(sheet: Sheet) -> SheetContent:
    issued, deadline = cn_date(sheet.issued_at), cn_date(sheet.deadline)
    to_supply = [m for m in sheet.materials if m.status != RONGQUE_LATER]
    intro = (
        f"您于{issued}申请办理的“{sheet.subject_name}”事项，经审查，申请材料不齐全或者不符合"
        f"要求。现一次性告知需要补正的全部内容（共{len(to_supply)}项）"
        + (f"，请于{deadline}前补正" if deadline else "")
        + "，材料补正齐全后予以受理。"
    )
    deadline_line = ""
    if deadline:
        deadline_line = f"补正期限：请于{deadline}前补正上述全部材料。{sheet.lapse}".strip()
    received_on = cn_date(sheet.received_on)
    received = [
        (m.name, f"{_counts(m).replace(chr(10), '、')}，{received_on or '已'}收取")
        for m in sheet.received
    ]
    return _base(
        sheet,
        intro=intro,
        fields=_fields(sheet),
        materials_heading="一、需要补正的材料和补正意见",
        materials=_rows(
            sheet, sheet.materials, _opinion, lambda m: m.status in (MISSING, TO_CORRECT)
        ),
        headers=(*HEADERS[:4], "补正意见"),
        deadline_line=deadline_line,
        received_heading="二、已收取的材料" if received else "",
        received=received,
        note_heading="告知依据",
        note=sheet.note.strip(),
        contact_line=_contact(sheet),
        copies_line=COPIES_LINE.format(name="告知书"),
    )


def _rongque(sheet: Sheet) -> SheetContent:
    """The applicant's 承诺书 to the 受理机关, then the centre's 容缺受理通知书 on its own page."""
    applicant = sheet.applicant
    who = applicant.name if applicant else "本人（本单位）"
    if applicant and applicant.kind == PersonKind.ORGANISATION:
        who = f"本单位（{applicant.name}）"
    elif applicant:
        who = f"本人（{applicant.name}）"
    rows = _rows(sheet, sheet.materials, _supply_by, lambda m: True)
    brief = [replace(r, notes="") for r in rows]  # the 填报须知: the centre's notice has them
    body = sheet.accepting_body or sheet.centre
    fields = [f for f in _fields(sheet, "受理窗口", "申请日期") if f[0] in COMMITMENT_FIELDS]
    commitment = _base(
        sheet,
        salutation=f"{body}：",
        intro=(
            f"{who}申请办理“{sheet.subject_name}”事项，主要申请材料齐全、符合法定形式，"
            "下列材料暂缺，现申请容缺受理。"
        ),
        fields=fields,
        materials_heading="一、容缺后补的材料和补齐期限",
        materials=brief,
        headers=(*HEADERS[:4], "补齐期限"),
        note_heading="二、承诺事项",
        note=sheet.note.strip(),
        commitment_signature="承诺人（签字或盖章）：____________",
        seal_box=["受理机关意见：", "", "（盖章）", "年    月    日"],
        signatures=[],
        closing=[],
        qr_caption="",
        rating_url="",
    )
    commitment.appendix = _rongque_notice(sheet, rows, body)
    return commitment


def _supply_by(m: SheetMaterial) -> str:
    return f"{MARK} {cn_date(m.supply_by)}前补齐" if m.supply_by else f"{MARK} 按承诺期限补齐"


def _rongque_notice(sheet: Sheet, rows: list[MaterialRow], body: str) -> SheetContent:
    issued = cn_date(sheet.issued_at)
    limits = _per_item(sheet.items, lambda i: i.promised_limit or "—")
    fields = _fields(sheet, date_label="受理日期")
    fields.insert(-1, ("承诺办结时限", "\n".join(limits)))
    return _base(
        sheet,
        title=RONGQUE_NOTICE_TITLE,
        intro=(
            f"您于{issued}申请办理的“{sheet.subject_name}”事项，主要申请材料齐全、符合法定形式，"
            f"{body}决定予以容缺受理。现将需要补齐的材料、形式和期限一次性告知如下（各项补齐期限"
            "均不超过承诺办结时限）："
        ),
        fields=fields,
        materials_heading="一、需要补齐的材料",
        materials=rows,
        headers=(*HEADERS[:4], "补齐期限"),
        deadline_line=(
            f"请在上述期限内将材料补齐，送交{sheet.window}。逾期未补齐，或者补交的材料与承诺"
            "不符的，按《容缺受理承诺书》撤销本次受理。"
        ),
        contact_line=_contact(sheet),
        copies_line=COPIES_LINE.format(name="通知书"),
        closing=[body, issued],
    )
