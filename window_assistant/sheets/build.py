"""The notification sheet as data: from an item or bundle, the situation answers and the materials
brought, to a ``sheet_model.Sheet`` the renderers print.

A bundle (一件事) is served with one set of materials (一套材料): the materials of its items are
merged by name, each keeping the strictest requirement any item sets (most originals, most copies,
必要 over 容缺后补 over 非必要), so the applicant brings 营业执照 once, as many copies as the most
demanding item wants. What the applicant does not need to bring because it is shared as an
electronic licence (电子证照) is marked 免提交. Everything here is pure: the case service chooses
the serial, the deadline and the people, and stores the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from window_assistant.catalog.model import Item, Material, Situation
from window_assistant.catalog.repository import CatalogRepository
from window_assistant.errors import UserError
from window_assistant.sheets.model import (
    BROUGHT,
    CORRECTION_NOTE,
    LAYOUT,
    MISSING,
    NOT_TRACKED,
    OBTAINED,
    RONGQUE_LATER,
    SHARED,
    TO_CORRECT,
    Person,
    Sheet,
    SheetMaterial,
)
from window_assistant.sheets.wording import rongque_commitment, sheet_item
from window_assistant.text import clean_text
from window_assistant.vocab import (
    CorrectionOpinion,
    ItemKind,
    MaterialStatus,
    Necessity,
    Outcome,
    SheetKind,
    SubjectKind,
)

# lower is stricter: a material one item requires is required of the bundle even if another
# item's department would obtain it itself
NECESSITY_RANK = {
    Necessity.REQUIRED: 0,
    Necessity.RONGQUE: 1,
    Necessity.OBTAINED: 2,
    Necessity.OPTIONAL: 3,
}
CONSULT = Outcome.CONSULTED  # 一次性告知/咨询: the applicant only asked; nothing is tracked
KIND_OUTCOMES: dict[SheetKind, tuple[Outcome, ...]] = {
    SheetKind.NOTICE: (Outcome.ACCEPTED, CONSULT, Outcome.REFUSED),
    SheetKind.CORRECTION: (Outcome.CORRECTION,),
    SheetKind.RONGQUE: (Outcome.RONGQUE,),
    SheetKind.ACCEPTANCE: (Outcome.ACCEPTED,),
    SheetKind.REFUSAL: (Outcome.REFUSED,),
}
# The kinds a clerk chooses between; a stated 受理 or 不予受理 is then written as its decision
# (``DECISION_KINDS``, see sheets/decisions.py), and a 收件回执 goes with the case's paper.
CHOSEN_KINDS = (SheetKind.NOTICE, SheetKind.CORRECTION, SheetKind.RONGQUE)
DECISION_KINDS: dict[Outcome, SheetKind] = {
    Outcome.ACCEPTED: SheetKind.ACCEPTANCE,
    Outcome.REFUSED: SheetKind.REFUSAL,
}
SHARED_NOTE = "可通过电子证照共享获取"


@dataclass
class Subject:
    """What the case is about: one item, or a bundle with its items in order."""

    kind: SubjectKind
    code: str
    name: str
    items: list[Item]


def resolve_subject(catalog: CatalogRepository, kind: str, code: str) -> Subject:
    code = (code or "").strip()
    if kind == SubjectKind.ITEM:
        item = catalog.item(code)
        if item is None:
            raise UserError(f"目录中没有编码为 {code} 的事项,可先用 catalog search 查找。")
        return Subject(SubjectKind.ITEM, item.code, item.name, [item])
    if kind == SubjectKind.BUNDLE:
        bundle = catalog.bundle(code)
        if bundle is None:
            raise UserError(f"目录中没有编码为 {code} 的一件事,可先用 catalog search 查找。")
        items = [i for i in (catalog.item(c) for c in bundle.items) if i is not None]
        return Subject(SubjectKind.BUNDLE, bundle.code, bundle.name, items)
    raise UserError(f"办件对象类型「{kind}」无效,应为事项(item)或一件事(bundle)。")


def situations(subject: Subject) -> list[Situation]:
    """The questions to ask, once per key across a bundle's items (options united, in order)."""
    merged: dict[str, Situation] = {}
    for item in subject.items:
        for s in item.situations:
            known = merged.setdefault(s.key, Situation(s.key, s.question, []))
            known.options.extend(o for o in s.options if o not in known.options)
    return list(merged.values())


def check_answers(subject: Subject, answers: dict[str, str]) -> dict[str, str]:
    """The answers, trimmed, or UserError naming the unknown question or option."""
    questions = {s.key: s for s in situations(subject)}
    checked: dict[str, str] = {}
    for key, option in answers.items():
        key, option = key.strip(), option.strip()
        situation = questions.get(key)
        if situation is None:
            known = "、".join(questions) or "(无)"
            raise UserError(f"「{subject.name}」没有情形「{key}」。可选的情形:{known}。")
        if option not in situation.options:
            raise UserError(
                f"情形「{situation.question}」没有选项「{option}」。"
                f"可选:{'、'.join(situation.options)}。"
            )
        checked[key] = option
    return checked


def all_material_names(subject: Subject) -> list[str]:
    names: list[str] = []
    for item in subject.items:
        names.extend(m.name for m in item.materials if m.name not in names)
    return names


def check_brought(subject: Subject, brought: Iterable[str]) -> set[str]:
    """The names brought, or UserError naming one the item or bundle does not ask for."""
    known = all_material_names(subject)
    checked = set()
    for name in brought:
        name = name.strip()
        if name not in known:
            raise UserError(
                f"「{subject.name}」的材料中没有「{name}」,请按办事指南中的材料名称填写。"
            )
        checked.add(name)
    return checked


def _stricter(a: Necessity, b: Necessity) -> Necessity:
    return a if NECESSITY_RANK[a] <= NECESSITY_RANK[b] else b


def _join(a: str, b: str) -> str:
    parts = [p for p in a.split(";") if p]
    parts += [p for p in b.split(";") if p and p not in parts]
    return ";".join(parts)


def merged_materials(subject: Subject, answers: dict[str, str]) -> list[SheetMaterial]:
    """The materials the answers call for, one per name, strictest counts; status untracked."""
    by_name: dict[str, SheetMaterial] = {}
    for item in subject.items:
        for m in item.materials_for(answers):
            known = by_name.get(m.name)
            if known is None:
                by_name[m.name] = _sheet_material(m, item, subject.kind == SubjectKind.BUNDLE)
                continue
            known.originals = max(known.originals, m.originals)
            known.copies = max(known.copies, m.copies)
            known.necessity = _stricter(known.necessity, m.necessity)
            known.spec = _join(known.spec, m.spec)
            known.notes = _join(known.notes, m.notes)
            known.shareable = known.shareable and m.shareable  # shared only if every item says so
            if item.name not in known.items:
                known.items.append(item.name)
    return list(by_name.values())


def _sheet_material(m: Material, item: Item, in_bundle: bool) -> SheetMaterial:
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
        items=[item.name] if in_bundle else [],
    )


def tracked_status(m: SheetMaterial, brought: set[str]) -> MaterialStatus:
    """What the counter sees for one material once the applicant's bag has been checked."""
    if m.name in brought:
        return BROUGHT
    if m.shareable:
        return SHARED
    if m.necessity == Necessity.OBTAINED:
        return OBTAINED  # never 缺: the applicant need not bring it
    if m.necessity == Necessity.REQUIRED:
        return MISSING
    if m.necessity == Necessity.RONGQUE:
        return RONGQUE_LATER
    return NOT_TRACKED


def no_application(subject: Subject) -> bool:
    """Whether the subject is 免申即享 (every item granted without an application)."""
    return bool(subject.items) and all(i.no_application for i in subject.items)


def sheet_kinds(subject: Subject) -> tuple[SheetKind, ...]:
    """The kinds of sheet a case about ``subject`` may print: a 免申即享 subject only the
    告知书 (告知/咨询), since nobody applies for it there is nothing to 补正 or 容缺."""
    if no_application(subject):
        return (SheetKind.NOTICE,)
    return tuple(kind for kind in SheetKind if kind in KIND_OUTCOMES)  # a receipt is no sheet


def sheet_outcomes(subject: Subject, kind: SheetKind) -> tuple[Outcome, ...]:
    """The outcomes a sheet of ``kind`` may record for ``subject`` (empty: not this kind)."""
    if kind not in sheet_kinds(subject):
        return ()
    return (CONSULT,) if no_application(subject) else KIND_OUTCOMES[kind]


def counter_status(subject: Subject, m: SheetMaterial, brought: set[str]) -> MaterialStatus:
    """What the counter shows for one material of ``subject``: ``tracked_status``, except that
    nothing is missing for a 免申即享 subject (its notice only informs, as 告知/咨询)."""
    status = tracked_status(m, brought)
    if status in (MISSING, RONGQUE_LATER) and no_application(subject):
        return NOT_TRACKED
    return status


def suggest_kind(
    subject: Subject,
    answers: dict[str, str],
    brought: set[str],
    opinions: Mapping[str, object] | None = None,
) -> SheetKind:
    """notice when every necessary material is there (受理 with 告知书), correction when a
    necessary one is missing or one brought has a 补正意见 (补正), rongque when only 容缺后补
    ones are missing (容缺受理); always notice for a 免申即享 item (告知/咨询)."""
    if no_application(subject):
        return SheetKind.NOTICE
    statuses = {tracked_status(m, brought) for m in merged_materials(subject, answers)}
    if MISSING in statuses or any(name in brought for name in opinions or {}):
        return SheetKind.CORRECTION
    if RONGQUE_LATER in statuses:
        return SheetKind.RONGQUE
    return SheetKind.NOTICE


def default_outcome(kind: SheetKind, missing: bool) -> Outcome:
    if kind == SheetKind.NOTICE:
        return CONSULT if missing else Outcome.ACCEPTED
    return KIND_OUTCOMES[kind][0]


def kind_for_outcome(outcome: Outcome) -> SheetKind | None:
    """The only kind an outcome allows (受理 and 不予受理: their written decision), or None
    when it leaves the choice open."""
    if outcome in DECISION_KINDS:
        return DECISION_KINDS[Outcome.of(outcome)]
    kinds = [k for k, outcomes in KIND_OUTCOMES.items() if outcome in outcomes]
    return kinds[0] if len(kinds) == 1 else None


def parse_kind(text: str) -> SheetKind:
    """The sheet kind a user named (code or title), or UserError saying which exist."""
    try:
        return SheetKind.parse(text)
    except ValueError:
        raise UserError(f"告知书类型「{text}」无效,应为:{_choices(SheetKind)}。") from None


def parse_outcome(text: str) -> Outcome:
    """The outcome a user named (code or Chinese word), or UserError listing the outcomes."""
    try:
        return Outcome.parse(text)
    except ValueError:
        raise UserError(f"办件结果「{text}」无效,应为:{_choices(Outcome)}。") from None


def _choices(enum: type[SheetKind] | type[Outcome]) -> str:
    return "、".join(f"{m.label}({m.value})" for m in enum)


@dataclass
class SheetContext:
    """Who issues the sheet, when, and under which serial (filled in by the case service)."""

    serial: str
    issued_at: datetime
    centre: str
    centre_address: str
    centre_phone: str
    complaint_phone: str
    window: str
    clerk: str
    hours: str = ""
    applicant: Person | None = None
    agent: Person | None = None
    rating_url: str = ""
    delivery: str = ""  # the centre's 送达方式 for items whose catalog entry names none
    correction_commitment: str = ""  # cited on a 补正告知书 for items that are not 行政许可
    lapse: str = ""  # what happens when the 补正 deadline passes
    guide_sheet: bool = (
        False  # print the guide's long sections on a second sheet (a bundle: always)
    )


def build_sheet(
    subject: Subject,
    answers: dict[str, str],
    brought: set[str],
    kind: SheetKind,
    context: SheetContext,
    *,
    outcome: Outcome | None = None,
    reason: str = "",
    deadline: date | None = None,
    opinions: Mapping[str, Opinion] | None = None,
    supply_dates: Mapping[str, date] | None = None,
) -> Sheet:
    """The sheet of ``kind``; UserError when the kind does not fit what was brought.

    ``answers`` and ``brought`` must already be checked (``check_answers``, ``check_brought``).
    A correction sheet lists only what is missing, a 容缺 commitment only what is to be supplied
    later; ``deadline`` (ISO on the sheet) is the date to supply them by; ``supply_dates`` each
    容缺 material's own date (``rongque_supply_dates``). ``opinions`` (``check_opinions``) are
    the 补正意见 per material: a brought material with one is to be corrected. A 容缺后补
    material stays 容缺 on a 补正告知书 (it may follow once the case is accepted).
    """
    kind = parse_kind(kind)
    if kind not in KIND_OUTCOMES:  # the 收件回执: given with a case's paper, never as it
        raise UserError(
            f"{kind.label}随办件的告知书或通知书一并出具，不能单独作为办件的告知书类型。"
        )
    opinions = opinions or {}
    materials = merged_materials(subject, answers)
    statuses = [_status(m, brought, opinions) for m in materials]
    lacking = MISSING in statuses or RONGQUE_LATER in statuses or TO_CORRECT in statuses
    free = no_application(subject)
    default = CONSULT if free else default_outcome(kind, lacking)
    outcome = parse_outcome(outcome) if outcome else default
    check_no_application(subject, kind, outcome)
    check_outcome(kind, outcome, reason, statuses)
    supply_by = deadline.isoformat() if deadline and kind != SheetKind.NOTICE else None
    for m, status in zip(materials, statuses):
        if outcome == CONSULT:
            m.status = SHARED if m.shareable else OBTAINED if status == OBTAINED else NOT_TRACKED
        else:
            m.status = status
        if m.status in (MISSING, TO_CORRECT):
            m.supply_by = supply_by
            opinion, text = opinions.get(m.name, (None, ""))
            m.opinion = opinion or (CorrectionOpinion.MISSING if m.status == MISSING else None)
            m.opinion_text = text
        elif m.status == RONGQUE_LATER and kind == SheetKind.RONGQUE:
            own = (supply_dates or {}).get(m.name)
            m.supply_by = own.isoformat() if own else supply_by
        if m.status == SHARED and SHARED_NOTE not in m.notes:
            m.notes = _join(SHARED_NOTE, m.notes)
    received: list[SheetMaterial] = []
    if kind == SheetKind.CORRECTION:
        received = [m for m in materials if m.status == BROUGHT]
        materials = [m for m in materials if m.status in (MISSING, TO_CORRECT, RONGQUE_LATER)]
    elif kind == SheetKind.RONGQUE:
        materials = [m for m in materials if m.status == RONGQUE_LATER]
        dates = [m.supply_by for m in materials if m.supply_by]
        supply_by = max(dates) if dates else supply_by
    note = ""
    if kind == SheetKind.CORRECTION:
        note = correction_basis(subject, context.correction_commitment)
    elif kind == SheetKind.RONGQUE:
        note = rongque_commitment(context.issued_at.date())
    questions = {s.key: s.question for s in situations(subject)}
    items = [
        sheet_item(i, context.hours, context.centre_address, delivery=context.delivery)
        for i in subject.items
    ]
    return Sheet(
        kind=kind,
        serial=context.serial,
        issued_at=context.issued_at.isoformat(timespec="seconds"),
        centre=context.centre,
        centre_address=context.centre_address,
        centre_phone=context.centre_phone,
        complaint_phone=context.complaint_phone,
        window=context.window,
        clerk=context.clerk,
        subject_kind=subject.kind,
        subject_code=subject.code,
        subject_name=subject.name,
        items=items,
        answers=[(questions[k], answers[k]) for k in questions if k in answers],
        materials=materials,
        applicant=context.applicant,
        agent=context.agent,
        deadline=supply_by,
        rating_url=context.rating_url,
        note=note,
        outcome=outcome,
        reason=reason.strip(),
        received=received,
        received_on=context.issued_at.date().isoformat() if received else "",
        lapse=context.lapse if kind == SheetKind.CORRECTION and supply_by else "",
        accepting_body=_accepting_body(subject, context.centre),
        layout=LAYOUT,
        guide_sheet=context.guide_sheet or subject.kind == SubjectKind.BUNDLE,
    )


def check_no_application(subject: Subject, kind: SheetKind, outcome: Outcome) -> None:
    """UserError when a 免申即享 subject is given anything but a 告知/咨询 notice."""
    if outcome in sheet_outcomes(subject, kind):
        return
    if no_application(subject):
        raise UserError(
            f"「{subject.name}」为免申即享事项,由部门依据共享数据主动兑现,申请人无需申请:"
            f"只能出具{SheetKind.NOTICE.label}({CONSULT.label}),不能{outcome.label}。"
        )


def check_outcome(
    kind: SheetKind, outcome: Outcome, reason: str, statuses: list[MaterialStatus]
) -> None:
    """UserError when the outcome contradicts the sheet kind or the materials brought."""
    if outcome not in KIND_OUTCOMES[kind]:
        allowed = "、".join(o.label for o in KIND_OUTCOMES[kind])
        raise UserError(f"{kind.label}对应的办件结果应为:{allowed},不能是「{outcome.label}」。")
    if outcome == Outcome.REFUSED and not reason.strip():
        raise UserError("不予受理须填写理由(印在不予受理通知书上,告知申请人不予受理的原因)。")
    if outcome == Outcome.ACCEPTED and MISSING in statuses:
        raise UserError("还缺少必要材料,不能直接受理:请出具一次性补正告知书。")
    if outcome == Outcome.ACCEPTED and RONGQUE_LATER in statuses:
        raise UserError("还有容缺材料未提交:请按容缺受理办理并出具容缺受理承诺书。")
    if outcome in (Outcome.ACCEPTED, Outcome.RONGQUE) and TO_CORRECT in statuses:
        raise UserError("有材料填写了补正意见,不能受理:请出具一次性补正告知书。")
    if kind == SheetKind.CORRECTION and MISSING not in statuses and TO_CORRECT not in statuses:
        if RONGQUE_LATER in statuses:
            raise UserError(
                "所缺材料都可以容缺后补,不需要补正:请按容缺受理办理并出具容缺受理承诺书。"
            )
        raise UserError("所需材料已经齐全,无需出具补正告知书。")
    if kind == SheetKind.RONGQUE and MISSING in statuses:
        raise UserError("缺少的材料中有必要材料(不可容缺):请出具一次性补正告知书。")
    if kind == SheetKind.RONGQUE and RONGQUE_LATER not in statuses:
        raise UserError("没有需要容缺后补的材料,无需出具容缺受理承诺书。")


# -- 补正意见, 免申即享, 容缺 deadlines (sheet layout 2) ------------------------------------------
Opinion = tuple[CorrectionOpinion | None, str]  # the code (None: free text only) and the words
MAX_OPINION = 100  # characters: one cell of the 补正 table


def _status(m: SheetMaterial, brought: set[str], opinions: Mapping[str, Opinion]) -> MaterialStatus:
    """``tracked_status``, except that a brought material with a 补正意见 is to be corrected."""
    status = tracked_status(m, brought)
    return TO_CORRECT if status == BROUGHT and m.name in opinions else status


def check_opinions(
    subject: Subject, brought: set[str], opinions: Mapping[str, tuple[str | None, str]]
) -> dict[str, Opinion]:
    """The 补正意见 per material name, checked: the material exists, the code is one of
    ``CorrectionOpinion`` (Chinese word or code) and fits (缺 only for one not brought, the
    others only for one brought), 其他 and an opinion without a code carry words."""
    known = all_material_names(subject)
    checked: dict[str, Opinion] = {}
    for raw_name, (raw_code, raw_text) in opinions.items():
        name = raw_name.strip()
        if name not in known:
            raise UserError(f"补正意见:「{subject.name}」的材料中没有「{name}」。")
        text = clean_text(raw_text or "", f"「{name}」的补正意见", max_length=MAX_OPINION)
        code: CorrectionOpinion | None = None
        if raw_code and str(raw_code).strip():
            try:
                code = CorrectionOpinion.parse(str(raw_code))
            except ValueError:
                words = "、".join(o.label for o in CorrectionOpinion)
                raise UserError(f"「{name}」的补正意见「{raw_code}」无效,应为:{words}。") from None
        if code is None and not text:
            continue  # nothing said: no opinion
        if code in (None, CorrectionOpinion.OTHER) and not text:
            raise UserError(f"「{name}」的补正意见选了「其他」,请写明需要补正的内容。")
        if name in brought and code == CorrectionOpinion.MISSING:
            raise UserError(f"「{name}」已勾选为已带,补正意见不能是「缺」。")
        if name not in brought and code not in (None, CorrectionOpinion.MISSING):
            raise UserError(
                f"「{name}」没有勾选为已带,补正意见只能是「缺」;"
                f"若已带来但「{code.label if code else ''}」,请先勾选它。"
            )
        checked[name] = (code, text)
    return checked


def correction_basis(subject: Subject, commitment: str) -> str:
    """What a 一次性补正告知书 cites: 《行政许可法》第三十二条 for 行政许可 items only; the
    centre's 一次性告知 commitment for the others (both for a bundle of both kinds)."""
    permits = [i for i in subject.items if i.kind == ItemKind.PERMIT]
    if permits and len(permits) == len(subject.items):
        return CORRECTION_NOTE
    if not permits:
        return commitment
    names = "、".join(f"“{i.name}”" for i in permits)
    return f"{commitment}\n其中{names}属于行政许可：{CORRECTION_NOTE}"


def _accepting_body(subject: Subject, centre: str) -> str:
    """受理机关: the item's department; a bundle is received by the centre."""
    if subject.kind == SubjectKind.ITEM and subject.items and subject.items[0].department:
        return subject.items[0].department
    return centre


class Calendar(Protocol):
    """What ``rongque_supply_dates`` needs of ``workdays.WorkdayCalendar``."""

    def add(self, d: date, n: int) -> date: ...

    def deadline(self, start: date, n: int, unit: str, *, roll_to_workday: bool = True) -> date: ...


def rongque_supply_dates(
    subject: Subject, answers: dict[str, str], today: date, calendar: Calendar, default_days: int
) -> dict[str, date]:
    """Each 容缺后补 material's 补齐 date: its own 补齐时限 from the catalog (else
    ``default_days``) in working days, never past its item's 承诺办结时限 (a material several
    items of a bundle ask for takes the earliest)."""
    dates: dict[str, date] = {}
    for item in subject.items:
        promised = item.promised_limit
        cap = calendar.deadline(today, promised, item.promised_limit_unit) if promised > 0 else None
        for m in item.materials_for(answers):
            if m.necessity != Necessity.RONGQUE:
                continue
            due = calendar.add(today, m.supply_days or default_days)
            if cap is not None and due > cap:
                due = cap
            dates[m.name] = min(due, dates.get(m.name, due))
    return dates
