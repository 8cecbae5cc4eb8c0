"""The lifecycle of a case (办件全流程), from 收件 to 完结, and the ledger (台账) queries on it.

A case's steps are appended to ``case_steps`` and never changed (the table's triggers refuse
it); where the case stands is worked out from them (``fold``). Three lines (``CaseFlow``):

    local     收件 → (补正告知 → 补正收件)* → 受理 | 容缺受理 | 不予受理 → (容缺补齐)* → 转办 → 办结
              → 领取 | 邮寄 → 完结;  一次性告知 ends a consultation
    outbound  (a local case at 已收件) 跨域收件 (形式审查 and 身份核验 confirmed) → 寄出 → 对方受理
              → 办结 → 结果寄回 → 领取 | 已送达 → 完结;  退回 or 不予受理 at any open step
    inbound   收到 (``receive_inbound``) → 转办 → 办结 → 结果寄出 → 完结;  退回 at any open step

Beside them, at any time: 作废 (reason; the serial stays used), 更正 (names an earlier step:
replaces some of its fields, or withdraws it when it is the latest step of the line; both
entries stay) and, on a cross-region case, 责任认定 (one of the agreement's liability categories).
Skipping a step is refused with the step that is due named.

一次性告知 is enforced: a later 补正告知 may list only what the first one listed, unless a
supervisor adds materials with a recorded reason.

Deadlines (working days, ``services.workdays``) are computed when the step that starts them is
taken and kept in its ``detail["due"]``: the item's 承诺办结时限 from 受理, each 容缺 material's
``supply_by`` (never past the promised date), the settings' 转办 and 出件 limits, and for
cross-region cases the partner agreement's per-step limits (``crossregion.limit_for``).

``case_progress`` keeps one row per case (line, state, region, next deadline, open), rewritten
in the transaction that appends a step: the overdue and ledger queries read that row through
two indexes instead of folding 600,000 steps (benchmarks/bench_case_steps.py). Cases
registered before steps existed have no steps: they are read as the steps their registration
implies (``implied_steps``) and their progress row was filled by the migration.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from window_assistant.accounts import User
from window_assistant.cases import ids
from window_assistant.errors import UserError
from window_assistant.permissions import Action, PermissionDenied, allowed
from window_assistant.sheets.model import Sheet
from window_assistant.steps import Field, Step, effective, refuse_unknown, text_value
from window_assistant.vocab import (
    AgreementStep,
    CaseFlow,
    CaseState,
    CaseStep,
    MaterialStatus,
    Outcome,
    Role,
    SheetKind,
)

if TYPE_CHECKING:
    from window_assistant.services import Services

S, St, F = CaseState, CaseStep, CaseFlow
MAX_TEXT = 500

_OUT_OPEN = frozenset({S.TO_SEND, S.SENT, S.PARTNER_ACCEPTED, S.SETTLED, S.RETURNED})
_IN_OPEN = frozenset({S.ARRIVED, S.TRANSFERRED})
CLOSED = frozenset({S.INFORMED, S.REFUSED, S.COMPLETED, S.VOIDED, S.SENT_BACK})

# line → step → (the states it may be taken from, the state it leads to; None: it stays)
_LINES: dict[CaseFlow, dict[CaseStep, tuple[frozenset[CaseState], CaseState | None]]] = {
    F.LOCAL: {
        St.CORRECTION_NOTICE: (frozenset({S.RECEIVED}), S.CORRECTING),
        St.CORRECTION_RECEIVED: (frozenset({S.CORRECTING}), S.RECEIVED),
        St.ACCEPT: (frozenset({S.RECEIVED}), S.ACCEPTED),
        St.ACCEPT_RONGQUE: (frozenset({S.RECEIVED}), S.ACCEPTED),
        St.REFUSE: (frozenset({S.RECEIVED, S.CORRECTING}), S.REFUSED),
        St.RONGQUE_SUPPLIED: (frozenset({S.ACCEPTED, S.TRANSFERRED}), None),
        St.TRANSFER: (frozenset({S.ACCEPTED}), S.TRANSFERRED),
        St.SETTLE: (frozenset({S.ACCEPTED, S.TRANSFERRED}), S.SETTLED),
        St.COLLECTED: (frozenset({S.SETTLED}), S.DELIVERED),
        St.MAILED: (frozenset({S.SETTLED}), S.DELIVERED),
        St.COMPLETE: (frozenset({S.DELIVERED}), S.COMPLETED),
        # A cross-region applicant is given the 一次性告知书 (a consultation, 已告知) or came
        # back with corrections (已收件); the window then receives for the partner region.
        St.OUTBOUND: (frozenset({S.RECEIVED, S.INFORMED}), S.TO_SEND),
    },
    F.OUTBOUND: {
        St.SEND: (frozenset({S.TO_SEND}), S.SENT),
        St.PARTNER_ACCEPT: (frozenset({S.SENT}), S.PARTNER_ACCEPTED),
        St.SETTLE: (frozenset({S.PARTNER_ACCEPTED}), S.SETTLED),
        St.RESULT_RETURNED: (frozenset({S.SETTLED}), S.RETURNED),
        St.DELIVERED: (frozenset({S.SETTLED}), S.DELIVERED),
        St.COLLECTED: (frozenset({S.RETURNED}), S.DELIVERED),
        St.COMPLETE: (frozenset({S.DELIVERED}), S.COMPLETED),
        St.SEND_BACK: (_OUT_OPEN, S.SENT_BACK),
        St.REFUSE: (_OUT_OPEN, S.REFUSED),
    },
    F.INBOUND: {
        St.TRANSFER: (frozenset({S.ARRIVED}), S.TRANSFERRED),
        St.SETTLE: (frozenset({S.TRANSFERRED}), S.SETTLED),
        St.RESULT_SENT: (frozenset({S.SETTLED}), S.RESULT_SENT),
        St.COMPLETE: (frozenset({S.RESULT_SENT}), S.COMPLETED),
        St.SEND_BACK: (_IN_OPEN, S.SENT_BACK),
    },
}
# Steps only registration and ``receive_inbound`` write; and the side steps.
_OPENING = {
    St.RECEIVE: S.RECEIVED,
    St.INFORM: S.INFORMED,
    St.INBOUND: S.ARRIVED,
}
_SIDE = frozenset({St.VOID, St.CORRECT, St.LIABILITY})
_UNCORRECTABLE = frozenset({St.CORRECT, St.VOID, St.LIABILITY})

# What each state waits for, as a refusal and the ledger say it.
NEXT: dict[CaseState, str] = {
    S.RECEIVED: "受理、容缺受理、补正告知、不予受理或跨域收件",
    S.INFORMED: "",
    S.CORRECTING: "补正收件(或不予受理)",
    S.ACCEPTED: "办结(或转办、容缺补齐)",
    S.REFUSED: "",
    S.TRANSFERRED: "办结",
    S.SETTLED: "出件(领取或邮寄;跨域:结果寄回或已送达;转来的:结果寄出)",
    S.DELIVERED: "完结",
    S.COMPLETED: "",
    S.VOIDED: "",
    S.TO_SEND: "寄出",
    S.SENT: "对方受理",
    S.PARTNER_ACCEPTED: "办结",
    S.RETURNED: "申请人领取",
    S.SENT_BACK: "",
    S.ARRIVED: "转办",
    S.RESULT_SENT: "完结",
}


_Field = Field  # kind: text | list (material names) | yes (must be confirmed) | step


def _text(name: str, label: str, required: bool = True) -> _Field:
    return _Field(name, label, "text", required)


_NOTE = _text("note", "备注", required=False)
_WAYBILL = (_text("courier", "快递公司"), _text("waybill", "运单号"), _NOTE)
FIELDS: dict[CaseStep, tuple[_Field, ...]] = {
    St.RECEIVE: (_NOTE,),
    St.INFORM: (_NOTE,),
    St.CORRECTION_NOTICE: (
        _Field("materials", "需补正的材料", "list"),
        _NOTE,
        _text("override", "增加材料的理由(负责人)", required=False),
    ),
    St.CORRECTION_RECEIVED: (_Field("materials", "已补正的材料", "list", False), _NOTE),
    St.ACCEPT: (_NOTE,),
    St.ACCEPT_RONGQUE: (_Field("materials", "容缺材料", "list"), _NOTE),
    St.REFUSE: (_text("reason", "不予受理的理由"), _NOTE),
    St.RONGQUE_SUPPLIED: (_text("material", "补齐的容缺材料"), _NOTE),
    St.TRANSFER: (_text("department", "转办部门"), _NOTE),
    St.SETTLE: (_text("result", "办理结果"), _NOTE),
    St.COLLECTED: (
        _text("recipient", "领取人"),
        _Field("signed", "领取人已签字", "yes"),
        _NOTE,
    ),
    St.MAILED: _WAYBILL,
    St.COMPLETE: (_NOTE,),
    St.VOID: (_text("reason", "作废原因"),),
    St.CORRECT: (_Field("step", "更正的步骤", "step"), _text("reason", "更正原因")),
    St.OUTBOUND: (
        _text("region", "受理地区"),
        _Field("form_checked", "形式审查", "yes"),
        _Field("identity_checked", "身份核验", "yes"),
        _NOTE,
    ),
    St.SEND: _WAYBILL,
    St.PARTNER_ACCEPT: (_text("number", "对方受理编号"), _NOTE),
    St.RESULT_RETURNED: _WAYBILL,
    St.DELIVERED: (_NOTE,),
    St.SEND_BACK: (_text("reason", "退回原因"), _NOTE),
    St.INBOUND: (_text("region", "转来地区"), _text("their_serial", "对方编号"), _NOTE),
    St.RESULT_SENT: _WAYBILL,
    St.LIABILITY: (_text("category", "责任情形"), _NOTE),
}


@dataclass(frozen=True)
class Shortfall:
    """A 容缺 material: to be supplied by ``supply_by``; ``supplied_on`` once it was."""

    name: str
    supply_by: str | None
    supplied_on: str | None = None

    def overdue(self, on: date) -> bool:
        return (
            self.supplied_on is None
            and self.supply_by is not None
            and on > date.fromisoformat(self.supply_by)
        )


@dataclass
class Progress:
    """Where one case stands, folded from its steps."""

    case_id: int
    serial: str
    subject_code: str
    clerk_login: str
    steps: list[Step[CaseStep]] = field(default_factory=list)
    flow: CaseFlow = F.LOCAL
    state: CaseState = S.RECEIVED
    region: str = ""
    due: str | None = None  # the next deadline (ISO date) of an open case
    promised: str | None = None  # 承诺办结日期
    shortfalls: list[Shortfall] = field(default_factory=list)
    first_correction: list[str] | None = None  # what the first 补正告知 listed
    implied: bool = False  # an old case: its first steps are read from its registration

    @property
    def open(self) -> bool:
        return self.state not in CLOSED

    @property
    def next_step(self) -> str:
        return NEXT[self.state]

    def overdue(self, on: date) -> bool:
        return self.open and self.due is not None and on > date.fromisoformat(self.due)

    def effective(self, step: Step) -> dict[str, Any]:
        """``step``'s fields as last corrected."""
        return effective(self.steps, step, St.CORRECT)

    def withdrawn(self) -> set[int]:
        return {
            s.detail["step"]
            for s in self.steps
            if s.step is St.CORRECT and s.detail.get("withdraw")
        }


# -- the steps a registration implies ----------------------------------------------------------
def implied_steps(sheet: Sheet, outcome: Outcome) -> list[tuple[CaseStep, dict[str, Any]]]:
    """The first steps of a case registered with ``sheet`` and ``outcome``: what registration
    writes, and how a case registered before steps existed is read. A consultation (一次性告知,
    no materials taken: no 收件回执 can be given) is 一次性告知 alone."""
    if outcome == Outcome.CONSULTED:
        return [(St.INFORM, {})]
    steps: list[tuple[CaseStep, dict[str, Any]]] = [(St.RECEIVE, {})]
    promised = sheet.promised_date
    if outcome == Outcome.ACCEPTED:
        steps.append((St.ACCEPT, {"due": promised, "promised": promised}))
    elif outcome == Outcome.RONGQUE:
        later = [
            {"name": m.name, "supply_by": m.supply_by}
            for m in sheet.materials
            if m.status == MaterialStatus.LATER
        ]
        steps.append(
            (St.ACCEPT_RONGQUE, {"materials": later, "due": promised, "promised": promised})
        )
    elif outcome == Outcome.CORRECTION:
        wanted = (MaterialStatus.MISSING, MaterialStatus.TO_CORRECT)
        listed = [m.name for m in sheet.materials if m.status in wanted]
        steps.append((St.CORRECTION_NOTICE, {"materials": listed}))
    elif outcome == Outcome.REFUSED:
        steps.append((St.REFUSE, {"reason": sheet.reason}))
    return steps


def record_registration(services: Services, case_id: int, sheet: Sheet, clerk: User) -> None:
    """Write the steps a registration implies and the case's progress row (inside the
    registration's transaction; its audit entry covers them)."""
    outcome = Outcome.of(sheet.outcome) if sheet.outcome else Outcome.CONSULTED
    for step, detail in implied_steps(sheet, outcome):
        _insert(services, case_id, step, sheet.issued_at, clerk, detail)
    _save_progress(services, _load(services, case_id))


# -- reading -----------------------------------------------------------------------------------
_CASE_COLUMNS = "id, serial, subject_code, clerk_login, clerk_name, created_at, outcome, snapshot"


def _case_row(services: Services, serial: str) -> tuple[Any, ...]:
    from window_assistant.cases.registration import _serial_key

    text = serial.strip()
    row = services.store.execute(
        f"SELECT {_CASE_COLUMNS} FROM cases WHERE serial = ?", [text]
    ).fetchone()
    key = _serial_key(text)
    if row is None and key is not None:
        row = services.store.execute(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE kind = ? AND year = ? AND number = ?", key
        ).fetchone()
    if row is None:
        raise UserError(f"没有编号为 {text} 的办件,可用 cases list 查看已登记的办件。")
    return tuple(row)


def _load(services: Services, case_id: int) -> Progress:
    row = services.store.execute(
        f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?", [case_id]
    ).fetchone()
    return _fold(services, tuple(row))


def progress(services: Services, serial: str) -> Progress:
    """Where the case ``serial`` stands, with every step; UserError if there is no such case."""
    return _fold(services, _case_row(services, serial))


def _fold(services: Services, row: tuple[Any, ...]) -> Progress:
    case_id, serial, subject, clerk_login, clerk_name, created_at, outcome, snapshot = row
    stored = [
        Step(r[0], CaseStep.of(r[1]), r[2], r[3], r[4], json.loads(r[5]), r[6])
        for r in services.store.execute(
            "SELECT id, step, at, actor, actor_name, detail, corrects FROM case_steps"
            " WHERE case_id = ? ORDER BY id",
            [case_id],
        )
    ]
    p = Progress(case_id, serial, subject, clerk_login)
    if not any(s.step in _OPENING for s in stored):  # registered before steps were kept
        sheet = Sheet.from_json(snapshot)
        p.implied = True
        implied = implied_steps(sheet, Outcome.of(outcome))
        p.steps = [Step(0, s, created_at, clerk_login, clerk_name, d) for s, d in implied]
    p.steps += stored
    withdrawn = p.withdrawn()
    last_due: str | None = None
    for step in p.steps:
        if step.id in withdrawn and step.id:
            continue
        detail = p.effective(step)
        if step.step in _OPENING:
            p.state = _OPENING[step.step]
            last_due = detail.get("due")
            if step.step is St.INBOUND:
                p.flow, p.region = F.INBOUND, detail.get("region", "")
        elif step.step is St.VOID:
            p.state = S.VOIDED
        elif step.step in _LINES[p.flow] or step.step is St.OUTBOUND:
            target = _LINES[p.flow][step.step][1]
            if step.step is St.OUTBOUND:
                p.flow, p.region = F.OUTBOUND, detail.get("region", "")
            if target is not None:
                p.state = target
                last_due = detail.get("due")
            if step.step in (St.ACCEPT, St.ACCEPT_RONGQUE):
                p.promised = detail.get("promised")
            if step.step is St.ACCEPT_RONGQUE:
                p.shortfalls = [
                    Shortfall(m["name"], m.get("supply_by")) for m in detail["materials"]
                ]
            if step.step is St.RONGQUE_SUPPLIED:
                p.shortfalls = [
                    Shortfall(s.name, s.supply_by, step.at[:10])
                    if s.name == detail.get("material") and s.supplied_on is None
                    else s
                    for s in p.shortfalls
                ]
            if step.step is St.CORRECTION_NOTICE and p.first_correction is None:
                p.first_correction = list(detail.get("materials", []))
    if p.open:
        dues = [
            d for d in (last_due, *(s.supply_by for s in p.shortfalls if not s.supplied_on)) if d
        ]
        p.due = min(dues) if dues else None
    return p


def _save_progress(services: Services, p: Progress) -> None:
    services.store.execute(
        "INSERT INTO case_progress (case_id, flow, state, region, due, open)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET flow = excluded.flow,"
        " state = excluded.state, region = excluded.region, due = excluded.due,"
        " open = excluded.open",
        [p.case_id, p.flow.value, p.state.value, p.region, p.due, int(p.open)],
    )


# -- recording a step --------------------------------------------------------------------------
def _line_step(p: Progress, step: CaseStep) -> tuple[frozenset[CaseState], CaseState | None] | None:
    return _LINES[p.flow].get(step)


def _allowed_now(p: Progress, step: CaseStep) -> str | None:
    """Why ``step`` cannot be taken now on ``p``, or None."""
    if step in _OPENING:
        return f"「{step.label}」只在登记办件时记录。"
    if step is St.VOID:
        if p.state is S.VOIDED:
            return f"办件 {p.serial} 已经作废。"
        return f"办件 {p.serial} 已经完结,不能作废。" if p.state is S.COMPLETED else None
    if step is St.CORRECT:
        return None  # checked against the step it names
    if step is St.LIABILITY:
        return None if p.flow is not F.LOCAL else "责任认定只用于跨域通办办件。"
    rule = _line_step(p, step)
    if rule is not None and p.state in rule[0]:
        if step is St.SETTLE and any(s.supplied_on is None for s in p.shortfalls):
            names = "、".join(s.name for s in p.shortfalls if s.supplied_on is None)
            return f"办件 {p.serial} 的容缺材料 {names} 尚未补齐,不能办结。"
        if step is St.RONGQUE_SUPPLIED and not any(s.supplied_on is None for s in p.shortfalls):
            return f"办件 {p.serial} 没有待补齐的容缺材料。"
        return None
    if not p.open:
        return f"办件 {p.serial} {p.state.label},不能再{step.label}。"
    if rule is None and not any(step in line for line in _LINES.values()):
        return f"「{step.label}」不是办件的办理步骤。"
    if rule is None:
        return f"办件 {p.serial} 是{p.flow.label}办件,没有「{step.label}」这一步;现在应当{p.next_step}。"
    return f"办件 {p.serial} 现在{p.state.label},应当{p.next_step},不能跳过步骤直接{step.label}。"


def _value(spec: _Field, raw: Any, p: Progress) -> Any:
    if spec.kind == "text":
        return text_value(spec, raw, MAX_TEXT)
    if spec.kind == "list":
        # one name, or several: names may hold 、 themselves (法定代表人、董事…的任职文件)
        names = raw if isinstance(raw, (list, tuple)) else [raw] if raw else []
        cleaned = [_value(_text(spec.name, spec.label), n, p) for n in names if str(n).strip()]
        if spec.required and not cleaned:
            raise UserError(f"请填写{spec.label}。")
        return list(dict.fromkeys(cleaned))
    if spec.kind == "yes":
        if raw is True or str(raw).strip().lower() in (
            "是",
            "已",
            "已核验",
            "已审查",
            "true",
            "yes",
            "1",
        ):
            return True
        raise UserError(f"{spec.label}尚未确认,请确认后再记录(填「是」)。")
    ids_ = {s.id: s for s in p.steps if s.id}
    try:
        target = ids_[int(raw)]
    except (KeyError, TypeError, ValueError):
        raise UserError(f"办件 {p.serial} 没有第 {raw} 号步骤,无法更正。") from None
    if target.step in _UNCORRECTABLE or target.step in _OPENING:
        raise UserError(f"「{target.step.label}」不能更正。")
    return target.id


def _detail(step: CaseStep, fields: Mapping[str, Any], p: Progress) -> dict[str, Any]:
    specs = FIELDS[step]
    refuse_unknown(step.label, fields, specs, ("fields", "withdraw") if step is St.CORRECT else ())
    detail = {s.name: _value(s, fields.get(s.name), p) for s in specs}
    detail = {k: v for k, v in detail.items() if v not in ("", [], None)}
    if step is St.CORRECT:
        target = next(s for s in p.steps if s.id == detail["step"])
        if fields.get("withdraw"):
            latest = [
                s for s in p.steps if s.id and s.step not in _SIDE and s.id not in p.withdrawn()
            ]
            if not latest or latest[-1].id != target.id:
                raise UserError("只能撤回最近的一个办理步骤;更早的步骤请更正其内容。")
            detail["withdraw"] = True
            return detail
        replaced = fields.get("fields") or {}
        own = {s.name: s for s in FIELDS[target.step]}
        if not isinstance(replaced, Mapping) or not replaced:
            raise UserError("请填写更正后的内容,或撤回该步骤。")
        refuse_unknown(target.step.label, replaced, own.values())
        detail["fields"] = {k: _value(own[k], v, p) for k, v in replaced.items()}
    return detail


def _materials(services: Services, p: Progress) -> list[str]:
    row = services.store.execute("SELECT snapshot FROM cases WHERE id = ?", [p.case_id]).fetchone()
    return [m.name for m in Sheet.from_json(row[0]).materials]


def _check_materials(services: Services, p: Progress, names: list[str], what: str) -> None:
    known = _materials(services, p)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UserError(f"办件 {p.serial} 的材料清单中没有「{'、'.join(unknown)}」,无法{what}。")


def _add(services: Services, day: date, days: int | None) -> str | None:
    return services.workdays.add(day, days).isoformat() if days is not None else None


def _agreement_days(services: Services, p: Progress, step: AgreementStep) -> int | None:
    from window_assistant.crossregion.service import limit_for

    return limit_for(services.store, p.region, p.subject_code, step)


def _promised(services: Services, p: Progress, day: date) -> str | None:
    from window_assistant.sheets.build import resolve_subject
    from window_assistant.sheets.decisions import promised_date

    row = services.store.execute(
        "SELECT subject_kind FROM cases WHERE id = ?", [p.case_id]
    ).fetchone()
    try:
        subject = resolve_subject(services.catalog, row[0], p.subject_code)
    except UserError:
        return None  # the item left the catalog: no promise can be counted
    found = promised_date(services.workdays, subject.items, day)
    return found.isoformat() if found else None


def partners_for(services: Services, item_code: str) -> list[str]:
    """The regions ``item_code`` may be handled with across regions: the list's partners and
    those of the agreements covering it (a 跨域收件 form offers them)."""
    from window_assistant.crossregion.service import load_agreements

    entry = services.catalog.crossregion_entry(item_code)
    regions = list(entry.partners) if entry else []
    regions += [a.region for a in load_agreements(services.store).covering(item_code)]
    return list(dict.fromkeys(regions))


def _check_region(services: Services, item_code: str, region: str) -> None:
    partners = partners_for(services, item_code)
    if region not in partners:
        listed = "、".join(partners) if partners else "(该事项不在跨域通办清单上)"
        raise UserError(f"事项 {item_code} 不能与「{region}」跨域通办;合作地区:{listed}。")


def crossregion_line(services: Services, item_code: str, region: str, today: date) -> str:
    """What the 一次性告知书 of a cross-region case says: where the materials go and, from the
    partner agreement's limits, by when to expect the result; UserError when ``region`` is
    not a partner for the item."""
    from window_assistant.crossregion.service import load_agreements
    from window_assistant.sheets.content import cn_date

    _check_region(services, item_code, region)
    agreement = next(
        (a for a in load_agreements(services.store).covering(item_code) if a.region == region),
        None,
    )
    where = (agreement.contact_window if agreement else "") or region
    line = f"申请材料经本窗口形式审查、身份核验后寄往{where}办理"
    limits = [agreement.limit(item_code, s) for s in AgreementStep] if agreement else []
    if not limits or any(days is None for days in limits):
        return line + f"，办理时限以{region}的规定为准，办结后结果寄回本窗口。"
    send, accept, finish, back = (int(d or 0) for d in limits)
    settled = services.workdays.add(today, send + accept + finish)
    returned = services.workdays.add(settled, back)
    return (
        line + f"；按合作协议，预计{cn_date(settled)}前办结，结果于{cn_date(returned)}前寄回"
        "本窗口，届时通知领取。"
    )


def _enrich(
    services: Services, actor: User, p: Progress, step: CaseStep, detail: dict[str, Any], day: date
) -> None:
    """Check what depends on the case and add the deadlines this step starts."""
    settings = services.settings
    if step is St.CORRECTION_NOTICE:
        _check_materials(services, p, detail["materials"], "补正告知")
        first = p.first_correction
        added = [m for m in detail["materials"] if first is not None and m not in first]
        if added:
            if not allowed(actor, Action.OVERRIDE_ONE_TIME) or not detail.get("override"):
                raise UserError(
                    f"一次性告知:首次补正告知没有列出「{'、'.join(added)}」,再次补正不能增加材料。"
                    "确需增加的,须由负责人填写理由后记录。"
                )
            detail["added"] = added
        elif "override" in detail:
            del detail["override"]
    elif step is St.CORRECTION_RECEIVED:
        notice = [s for s in p.steps if s.step is St.CORRECTION_NOTICE][-1]
        detail["notice"] = notice.id or "implied"
        detail.setdefault("materials", p.effective(notice).get("materials", []))
    elif step in (St.ACCEPT, St.ACCEPT_RONGQUE):
        promised = _promised(services, p, day)
        detail["promised"] = detail["due"] = promised
        if step is St.ACCEPT_RONGQUE:
            _check_materials(services, p, detail["materials"], "容缺受理")
            own = _add(services, day, settings.rongque_days)
            by = min(own, promised) if own and promised else own
            detail["materials"] = [{"name": n, "supply_by": by} for n in detail["materials"]]
    elif step is St.RONGQUE_SUPPLIED:
        if detail["material"] not in {s.name for s in p.shortfalls if s.supplied_on is None}:
            waiting = "、".join(s.name for s in p.shortfalls if s.supplied_on is None)
            raise UserError(f"「{detail['material']}」不是待补齐的容缺材料;待补齐:{waiting}。")
    elif step is St.TRANSFER:
        if p.flow is F.INBOUND:
            arrived = next(s for s in p.steps if s.step is St.INBOUND).day
            detail["due"] = _add(
                services, arrived, _agreement_days(services, p, AgreementStep.FINISH)
            )
        else:
            detail["due"] = p.promised
    elif step is St.SETTLE:
        if p.flow is F.LOCAL:
            detail["due"] = _add(services, day, settings.case_delivery_days)
        else:
            detail["due"] = _add(services, day, _agreement_days(services, p, AgreementStep.RETURN))
    elif step is St.OUTBOUND:
        _check_region(services, p.subject_code, detail["region"])
        p.region = detail["region"]
        detail["due"] = _add(services, day, _agreement_days(services, p, AgreementStep.SEND))
    elif step is St.SEND:
        detail["due"] = _add(services, day, _agreement_days(services, p, AgreementStep.ACCEPT))
    elif step is St.PARTNER_ACCEPT:
        detail["due"] = _add(services, day, _agreement_days(services, p, AgreementStep.FINISH))
    elif step is St.RESULT_RETURNED:
        detail["due"] = _add(services, day, settings.case_delivery_days)
    elif step is St.LIABILITY:
        from window_assistant.crossregion.service import load_agreements

        kinds = [
            k
            for a in load_agreements(services.store).covering(p.subject_code)
            if a.region == p.region
            for k in a.liabilities
        ]
        if detail["category"] not in kinds:
            listed = "、".join(dict.fromkeys(kinds)) or "(与该地区的协议没有约定责任情形)"
            raise UserError(f"责任情形「{detail['category']}」不在合作协议中;可选:{listed}。")


def _permission(services: Services, actor: User, p: Progress, step: CaseStep) -> User:
    if step is St.VOID:
        actor = services.accounts.authorise(actor, Action.VOID_CASE)
        if actor.role != Role.SUPERVISOR and actor.login != p.clerk_login:
            raise PermissionDenied(
                f"账号 {actor.login} 只能作废自己登记的办件(办件 {p.serial} 由 {p.clerk_login} 登记),"
                "请由登记人或负责人作废。"
            )
        return actor
    return services.accounts.authorise(actor, Action.RECORD_CASE_STEP)


def _insert(
    services: Services,
    case_id: int,
    step: CaseStep,
    at: str,
    actor: User,
    detail: dict[str, Any],
    corrects: int | None = None,
) -> int:
    cursor = services.store.execute(
        "INSERT INTO case_steps (case_id, step, at, actor, actor_name, detail, corrects)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            case_id,
            step.value,
            at,
            actor.login,
            actor.name,
            json.dumps(detail, ensure_ascii=False, sort_keys=True),
            corrects,
        ],
    )
    return int(cursor.lastrowid or 0)


def parse_step(step: CaseStep | str) -> CaseStep:
    try:
        return CaseStep.parse(str(step))
    except ValueError as exc:
        raise UserError(f"办理步骤无效:{exc}") from None


def record_step(
    services: Services,
    actor: User,
    serial: str,
    step: CaseStep | str,
    fields: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> Progress:
    """Take ``step`` on case ``serial`` with its ``fields`` (see ``FIELDS``) as ``actor``; the
    case's progress after it. Refused with nothing written when the actor may not, the step
    skips one that is due, or a field is wrong; the step and its audit entry are one
    transaction."""
    now = (now or datetime.now()).replace(microsecond=0)
    step = parse_step(step)
    store = services.store
    with store.transaction():
        p = progress(services, serial)
        actor = _permission(services, actor, p, step)
        problem = _allowed_now(p, step)
        if problem:
            raise UserError(problem)
        detail = _detail(step, fields or {}, p)
        _enrich(services, actor, p, step, detail, now.date())
        corrects = detail.get("step") if step is St.CORRECT else None
        step_id = _insert(services, p.case_id, step, now.isoformat(), actor, detail, corrects)
        after = _load(services, p.case_id)
        _save_progress(services, after)
        services.audit.record(
            actor.login,
            "case.step",
            serial=p.serial,
            step=step,
            id=step_id,
            state=after.state,
            **({"override": True} if "added" in detail else {}),
        )
    return after


def void_case(
    services: Services, actor: User, serial: str, reason: str, now: datetime | None = None
) -> Progress:
    """作废 a case registered by mistake: its serial stays used and the ledger shows it void."""
    return record_step(services, actor, serial, St.VOID, {"reason": reason}, now)


def receive_inbound(
    services: Services,
    actor: User,
    region: str,
    item_code: str,
    their_serial: str,
    applicant: Any = None,
    now: datetime | None = None,
) -> Progress:
    """Open an inbound 跨域通办 case: materials from ``region`` for a local department's item,
    with the partner's serial and the applicant; numbered as a 收件回执 of this centre (the
    paper that acknowledges them), its first step 收到 and the 转办 deadline from settings."""
    from window_assistant.cases import serials
    from window_assistant.cases.model import CaseRequest, check_person
    from window_assistant.cases.registration import CaseService, check_clock
    from window_assistant.sheets.model import Sheet as PaperSheet
    from window_assistant.text import clean_code
    from window_assistant.vocab import SubjectKind

    actor = services.accounts.authorise(actor, Action.RECORD_CASE_STEP)
    now = check_clock((now or datetime.now()).replace(microsecond=0))
    code = clean_code(item_code, "事项编码")
    item = services.catalog.item(code)
    if item is None:
        raise UserError(f"目录中没有事项编码 {code},请用 catalog search 查找。")
    fields = {"region": region, "their_serial": their_serial}
    probe = Progress(0, "", code, actor.login)
    detail = _detail(St.INBOUND, fields, probe)
    _check_region(services, code, detail["region"])
    person = check_person(applicant, "申请人", now.date()) if applicant else None
    settings = services.settings
    window_id = services.current_window_id() or actor.window_id or 0
    store = services.store
    with store.transaction():
        number = serials.take_number(store, SheetKind.RECEIPT, now.year)
        serial = serials.format_serial(settings.centre_abbrev, SheetKind.RECEIPT, now.year, number)
        window = services.accounts.window(window_id)
        sheet = PaperSheet(
            kind=SheetKind.RECEIPT,
            serial=serial,
            issued_at=now.isoformat(),
            centre=settings.centre_name,
            centre_address=settings.centre_address,
            centre_phone=settings.centre_phone,
            complaint_phone=settings.complaint_phone,
            window=window.name if window else "",
            clerk=actor.name,
            subject_kind=SubjectKind.ITEM,
            subject_code=code,
            subject_name=item.name,
            items=[],
            answers=[],
            materials=[],
            applicant=person,
            outcome=Outcome.ACCEPTED,  # received for handling here; its line has no 受理 step
            note=f"{detail['region']}转来,对方编号 {detail['their_serial']}",
        )
        request = CaseRequest(SubjectKind.ITEM, code, applicant=person)
        case_id = CaseService(services)._insert(request, sheet, actor, window_id, number, "")
        detail["due"] = _add(services, now.date(), settings.case_transfer_days)
        _insert(services, case_id, St.INBOUND, now.isoformat(), actor, detail)
        after = _load(services, case_id)
        _save_progress(services, after)
        services.audit.record(
            actor.login, "case.inbound", serial=serial, region=detail["region"], subject=code
        )
    return after


# -- what may be done now (a form enables these) -----------------------------------------------
def allowed_steps(services: Services, actor: User, p: Progress) -> list[CaseStep]:
    found = []
    for step in CaseStep:
        try:
            _permission(services, actor, p, step)
        except PermissionDenied:
            continue
        if _allowed_now(p, step) is None:
            found.append(step)
    return found


# -- the ledger --------------------------------------------------------------------------------
@dataclass(frozen=True)
class LedgerFilter:
    """What the ledger (台账) is narrowed to; every field optional.

    ``text`` finds an applicant by name (part of it), an ID number typed in full (compared
    in its normalised form: half-width, upper-case X) or a serial (with or without leading
    zeros). ``overdue_on`` keeps the open cases whose next deadline passed before that day;
    ``due_by`` those due on or before it (not yet overdue included)."""

    date_from: date | None = None
    date_to: date | None = None  # inclusive
    kind: SheetKind | None = None
    flow: CaseFlow | None = None  # direction: local, outbound, inbound
    crossregion: bool = False  # outbound and inbound only
    state: CaseState | None = None
    open_only: bool = False
    region: str = ""
    item_code: str = ""
    clerk_login: str = ""
    overdue_on: date | None = None
    due_by: date | None = None
    text: str = ""


class LedgerRow(NamedTuple):
    """One case as the ledger lists it: personal data masked, state and next deadline."""

    serial: str
    created_at: str
    kind: str
    subject_code: str
    subject_name: str
    applicant_name: str
    id_masked: str
    clerk_login: str
    clerk_name: str
    window_name: str
    flow: str
    state: str
    region: str
    due: str | None
    overdue: bool

    @property
    def state_label(self) -> str:
        return CaseState.of(self.state).label


_LEDGER_SQL = (
    "SELECT c.serial, c.created_at, c.kind, c.subject_code, c.subject_name, c.applicant_name,"
    " c.id_type, c.id_number, c.clerk_login, c.clerk_name, c.window_name,"
    " p.flow, p.state, p.region, p.due FROM case_progress p JOIN cases c ON c.id = p.case_id"
)
OVERDUE_SQL = f"{_LEDGER_SQL} WHERE p.open = 1 AND p.due IS NOT NULL AND p.due < ? ORDER BY p.due"


_DIGITS = re.compile(r"[0-9]{6,}X?")
_CROSS_FLOWS = (CaseFlow.OUTBOUND.value, CaseFlow.INBOUND.value)


def _where(f: LedgerFilter) -> tuple[list[str], list[Any]]:
    from window_assistant.cases.registration import _serial_key

    where: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        where.append(sql)
        params.extend(values)

    if f.overdue_on is not None:
        add("p.open = 1 AND p.due IS NOT NULL AND p.due < ?", f.overdue_on.isoformat())
    if f.due_by is not None:
        add("p.open = 1 AND p.due IS NOT NULL AND p.due <= ?", f.due_by.isoformat())
    if f.open_only:
        add("p.open = 1")
    # A cross-region line is read through the (flow, state) index: the few such cases are
    # found first instead of walking every case newest first (benchmarks/bench_ledger.py)
    lines = _CROSS_FLOWS if f.crossregion else ()
    if f.flow is not None and f.flow is not CaseFlow.LOCAL:
        lines = tuple(x for x in lines if x == f.flow.value) if f.crossregion else (f.flow.value,)
    if f.crossregion or lines:
        marks = ", ".join("?" * len(lines)) or "NULL"
        add(f"p.case_id IN (SELECT case_id FROM case_progress WHERE flow IN ({marks}))", *lines)
    if f.date_from:
        add("c.created_at >= ?", f.date_from.isoformat())
    if f.date_to:
        add("substr(c.created_at, 1, 10) <= ?", f.date_to.isoformat())
    for column, value in (
        ("c.kind", f.kind.value if f.kind else ""),
        ("p.flow", f.flow.value if f.flow is CaseFlow.LOCAL else ""),
        ("p.state", f.state.value if f.state else ""),
        ("p.region", f.region.strip()),
        ("c.subject_code", f.item_code.strip()),
        ("c.clerk_login", f.clerk_login.strip()),
    ):
        if value:
            add(f"{column} = ?", value)
    text = f.text.strip()
    if text:
        number = ids.half_width(text).replace(" ", "").upper()
        like = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        # ``id_number != ''`` lets SQLite read the partial index of ID numbers; an ID number
        # typed in full (digits) is nobody's name, so the names (a scan) are left alone then
        alternatives = ["c.serial = ?", "(c.id_number = ? AND c.id_number != '')"]
        values: list[Any] = [text, number]
        if not _DIGITS.fullmatch(number):
            alternatives.append("c.applicant_name LIKE ? ESCAPE '\\'")
            values.append(f"%{like}%")
        key = _serial_key(text)
        if key is not None:
            alternatives.append("(c.kind = ? AND c.year = ? AND c.number = ?)")
            values += key
        add(f"({' OR '.join(alternatives)})", *values)
    return where, params


def _rows(rows: list[Any], on: date) -> list[LedgerRow]:
    """The ledger rows of ``_LEDGER_SQL``'s rows: ID numbers masked, overdue as of ``on``
    (a tuple per row and the day's text computed once: the overdue query's cost per row)."""
    today, closed, mask = on.isoformat(), _CLOSED_CODES, ids.mask_id
    return [
        LedgerRow(
            serial, created, kind, code, name, applicant, mask(id_type, number) if number else "",
            login, clerk, window, flow, state, region, due,
            due is not None and state not in closed and due < today,
        )
        for (serial, created, kind, code, name, applicant, id_type, number, login, clerk, window,
             flow, state, region, due) in rows
    ]  # fmt: skip


_CLOSED_CODES = frozenset(s.value for s in CLOSED)


def ledger(
    services: Services,
    where: LedgerFilter | None = None,
    *,
    on: date | None = None,
    limit: int = 100_000,
) -> list[LedgerRow]:
    """Every case matching ``where``, newest first (overdue queries: earliest deadline
    first), each with its state, next deadline and whether it is overdue on ``on`` (today)."""
    f = where or LedgerFilter()
    on = on or date.today()
    clauses, params = _where(f)
    sql = _LEDGER_SQL + (f" WHERE {' AND '.join(clauses)}" if clauses else "")
    order = "p.due, c.id" if f.overdue_on or f.due_by else "c.created_at DESC, c.id DESC"
    rows = services.store.execute(f"{sql} ORDER BY {order} LIMIT ?", [*params, limit]).fetchall()
    return _rows(rows, on)


def overdue_cases(services: Services, on: date | None = None) -> list[LedgerRow]:
    """The open cases whose next deadline passed before ``on`` (today), earliest first."""
    on = on or date.today()
    return _rows(services.store.execute(OVERDUE_SQL, [on.isoformat()]).fetchall(), on)


@dataclass(frozen=True)
class Attention:
    """What to flag at sign-in and in the status bar: the cases ``actor`` answers for."""

    overdue: list[LedgerRow]
    due_soon: list[LedgerRow]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon)

    def message(self) -> str:
        parts = []
        if self.overdue:
            parts.append(f"{len(self.overdue)} 件办件已超期")
        if self.due_soon:
            parts.append(f"{len(self.due_soon)} 件即将到期")
        return ",".join(parts)


def needs_attention(services: Services, actor: User, on: date | None = None) -> Attention:
    """The open cases overdue or due within the setting's working days: a clerk's own, every
    case for a supervisor."""
    on = on or date.today()
    soon = services.workdays.add(on, services.settings.case_due_soon_days)
    mine = "" if actor.role == Role.SUPERVISOR else actor.login
    rows = ledger(services, LedgerFilter(due_by=soon, clerk_login=mine), on=on)
    return Attention([r for r in rows if r.overdue], [r for r in rows if not r.overdue])
