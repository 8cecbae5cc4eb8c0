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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from window_assistant.catalog.model import Item, Material, Situation
from window_assistant.catalog.repository import CatalogRepository
from window_assistant.errors import UserError
from window_assistant.sheets.model import (
    BROUGHT,
    CORRECTION_NOTE,
    MISSING,
    NOT_TRACKED,
    OBTAINED,
    RONGQUE_LATER,
    SHARED,
    Person,
    Sheet,
    SheetMaterial,
)
from window_assistant.sheets.wording import commitment_text, sheet_item
from window_assistant.vocab import (
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


def suggest_kind(subject: Subject, answers: dict[str, str], brought: set[str]) -> SheetKind:
    """notice when every necessary material is there (受理 with 告知书), correction when a
    necessary one is missing (补正), rongque when only 容缺后补 ones are missing (容缺受理);
    always the notice for a 免申即享 subject."""
    if no_application(subject):
        return SheetKind.NOTICE
    statuses = {tracked_status(m, brought) for m in merged_materials(subject, answers)}
    if MISSING in statuses:
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
) -> Sheet:
    """The sheet of ``kind``; UserError when the kind does not fit what was brought.

    ``answers`` and ``brought`` must already be checked (``check_answers``, ``check_brought``).
    A correction sheet lists only what is missing, a 容缺 commitment only what is to be supplied
    later; ``deadline`` (ISO on the sheet) is the date to supply them by.
    """
    kind = parse_kind(kind)
    if kind not in KIND_OUTCOMES:  # the 收件回执: given with a case's paper, never as it
        raise UserError(
            f"{kind.label}随办件的告知书或通知书一并出具，不能单独作为办件的告知书类型。"
        )
    materials = merged_materials(subject, answers)
    statuses = [tracked_status(m, brought) for m in materials]
    lacking = MISSING in statuses or RONGQUE_LATER in statuses or no_application(subject)
    outcome = parse_outcome(outcome) if outcome else default_outcome(kind, lacking)
    check_no_application(subject, kind, outcome)
    check_outcome(kind, outcome, reason, statuses)
    supply_by = deadline.isoformat() if deadline and kind != SheetKind.NOTICE else None
    for m, status in zip(materials, statuses):
        if outcome == CONSULT:
            m.status = SHARED if m.shareable else OBTAINED if status == OBTAINED else NOT_TRACKED
        elif kind == SheetKind.CORRECTION and status == RONGQUE_LATER:
            m.status = MISSING  # not accepted: 容缺 does not apply, everything is to be supplied
        else:
            m.status = status
        if m.status in (MISSING, RONGQUE_LATER):
            m.supply_by = supply_by
        if m.status == SHARED and SHARED_NOTE not in m.notes:
            m.notes = _join(SHARED_NOTE, m.notes)
    if kind == SheetKind.CORRECTION:
        materials = [m for m in materials if m.status == MISSING]
    elif kind == SheetKind.RONGQUE:
        materials = [m for m in materials if m.status == RONGQUE_LATER]
    notes = {SheetKind.CORRECTION: CORRECTION_NOTE, SheetKind.RONGQUE: commitment_text(deadline)}
    note = notes.get(kind, "")
    questions = {s.key: s.question for s in situations(subject)}
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
        items=[sheet_item(i, context.hours, context.centre_address) for i in subject.items],
        answers=[(questions[k], answers[k]) for k in questions if k in answers],
        materials=materials,
        applicant=context.applicant,
        agent=context.agent,
        deadline=supply_by,
        rating_url=context.rating_url,
        note=note,
        outcome=outcome,
        reason=reason.strip(),
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
    if kind == SheetKind.CORRECTION and MISSING not in statuses and RONGQUE_LATER not in statuses:
        raise UserError("所需材料已经齐全,无需出具补正告知书。")
    if kind == SheetKind.RONGQUE and MISSING in statuses:
        raise UserError("缺少的材料中有必要材料(不可容缺):请出具一次性补正告知书。")
    if kind == SheetKind.RONGQUE and RONGQUE_LATER not in statuses:
        raise UserError("没有需要容缺后补的材料,无需出具容缺受理承诺书。")
