"""Exports of the case ledger (台账): the table a clerk opens in Excel and the 办件 dataset for
the provincial platform (issue 12 §3).

- ``export_ledger`` (``FILE.csv`` UTF-8 with BOM, or ``FILE.xlsx``): one row per case
  registered in the period, with its state, the summary of its steps, its promised date and
  next deadline, whether it is overdue, and the cross-region direction and partner region.
  ``crossregion=True`` keeps the cross-region cases only (``crossregion export``).
- ``export_gbt39046``: the 办件 dataset (GB/T 39046-2020 政务服务平台基础数据规范, the 办件
  data items) with times as ``YYYYMMDDThhmmss`` like the 好差评 dataset of ``ratings.exports``.

Personal data is masked as the lists mask it: the applicant's name to the surname
(``exports.mask_name``), ID numbers and phones by ``cases.ids``. ``unmasked`` is a
supervisor's choice (``Action.EXPORT_UNMASKED``), audited like every export: who, which file,
how many rows, masked or not, never what the rows say. Nothing is written but the file and the
audit entry. The cases are read in one snapshot and the file written beside the target and
renamed (``window_assistant.exports``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from window_assistant.cases import ids
from window_assistant.cases.lifecycle import CLOSED, Progress
from window_assistant.errors import UserError
from window_assistant.exports import (
    Progress as Tell,
)
from window_assistant.exports import (
    beside,
    cell,
    check_dates,
    check_sheet_rows,
    counted,
    gbt39046_time,
    mask_name,
    table_kind,
    write_rows,
)
from window_assistant.permissions import Action, require
from window_assistant.steps import Step
from window_assistant.vocab import CaseFlow, CaseState, CaseStep, IdType, SheetKind

if TYPE_CHECKING:
    from window_assistant.accounts import User
    from window_assistant.services import Services

St = CaseStep
CLI_ACTOR = "cli"  # the audit log's actor for a masked export nobody signed in for
YES, NO = "是", "否"
STEP_JOIN = " → "
# (field code, Chinese name) of the ledger table's columns, in order.
COLUMNS = (
    ("serial", "办件编号"), ("created_at", "登记时间"), ("kind", "文书类型"),
    ("item_code", "事项编码"), ("item_name", "事项名称"), ("department", "实施部门"),
    ("applicant", "申请人"), ("id_type", "证件类型"), ("id_number", "证件号码"),
    ("phone", "联系电话"), ("clerk_login", "经办人工号"), ("clerk_name", "经办人"),
    ("window_name", "窗口"), ("flow", "办理方向"), ("region", "合作地区"),
    ("state", "当前状态"), ("steps", "办理步骤"), ("accepted_at", "受理时间"),
    ("promised", "承诺办结日期"), ("settled_at", "办结时间"), ("result", "办理结果"),
    ("due", "下一期限"), ("overdue", "是否超期"),
)  # fmt: skip
HEADERS = [f"{name}({code})" for code, name in COLUMNS]
# GB/T 39046-2020's 办件 data items this centre holds, by the standard's names (see the README:
# the names the issue lists, 办件编号 … 办理结果, with the applicant's and the item's others).
GBT39046_HEADERS = [
    "办件编号", "事项编码", "事项名称", "申请人名称", "申请人证件类型", "申请人证件号码",
    "联系电话", "受理部门", "受理时间", "承诺办结时间", "办结时间", "办理结果", "办件状态",
    "行政区划",
]  # fmt: skip
_ACCEPTS = (St.ACCEPT, St.ACCEPT_RONGQUE, St.PARTNER_ACCEPT, St.INBOUND)


@dataclass(frozen=True)
class Exported:
    """What an export wrote: where, how many rows, and whether personal data was masked."""

    path: Path
    rows: int
    masked: bool


@dataclass
class CaseFacts:
    """One case as the exports and the monthly report read it: the stored row, its progress
    row and what its steps (as corrected; withdrawn ones left out) say."""

    case_id: int
    serial: str
    created_at: str
    kind: str
    item_code: str
    item_name: str
    department: str
    applicant: str
    id_type: str
    id_number: str
    phone: str
    clerk_login: str
    clerk_name: str
    window_name: str
    flow: str
    state: str
    region: str
    due: str | None
    steps: list[Step[CaseStep]]
    accepted_at: str = ""
    promised: str = ""
    settled_at: str = ""
    result: str = ""
    corrections: int = 0  # 补正告知 entries
    rongque: bool = False  # accepted with 容缺
    refused: bool = False

    def overdue(self, on: date) -> bool:
        return (
            self.due is not None
            and CaseState.of(self.state) not in CLOSED
            and self.due < on.isoformat()
        )

    @property
    def late(self) -> bool:
        """Settled after its promised date."""
        return bool(self.settled_at and self.promised and self.settled_at[:10] > self.promised)

    @property
    def voided(self) -> bool:
        return self.state == CaseState.VOIDED.value

    def steps_text(self) -> str:
        return STEP_JOIN.join(f"{s.step.label} {s.at[:16].replace('T', ' ')}" for s in self.steps)


_CASES_SQL = (
    "SELECT c.id, c.serial, c.created_at, c.kind, c.subject_code, c.subject_name,"
    " coalesce(i.department, ''), c.applicant_name, c.id_type, c.id_number, c.phone,"
    " c.clerk_login, c.clerk_name, c.window_name, p.flow, p.state, p.region, p.due"
    " FROM cases c JOIN case_progress p ON p.case_id = c.id"
    " LEFT JOIN items i ON i.code = c.subject_code"
)


def _period(
    date_from: date | None, date_to: date | None, crossregion: bool
) -> tuple[str, list[Any]]:
    where, params = ["1 = 1"], []
    if date_from:
        where.append("c.created_at >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("substr(c.created_at, 1, 10) <= ?")
        params.append(date_to.isoformat())
    if crossregion:
        where.append("p.flow != ?")
        params.append(CaseFlow.LOCAL.value)
    return " AND ".join(where), params


def count_cases(
    services: Services, date_from: date | None, date_to: date | None, crossregion: bool = False
) -> int:
    where, params = _period(date_from, date_to, crossregion)
    sql = f"SELECT count(*) FROM cases c JOIN case_progress p ON p.case_id = c.id WHERE {where}"
    (total,) = services.store.execute(sql, params).fetchone()
    return int(total)


def case_facts(
    services: Services,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    crossregion: bool = False,
) -> Iterator[CaseFacts]:
    """The cases registered from ``date_from`` to ``date_to`` (inclusive), oldest first, with
    their steps: two queries (cases, then their steps in case order), walked side by side."""
    where, params = _period(date_from, date_to, crossregion)
    cases = services.store.execute(f"{_CASES_SQL} WHERE {where} ORDER BY c.id", params).fetchall()
    steps = services.store.execute(
        "SELECT s.case_id, s.id, s.step, s.at, s.actor, s.actor_name, s.detail, s.corrects"
        " FROM case_steps s JOIN cases c ON c.id = s.case_id"
        f" JOIN case_progress p ON p.case_id = c.id WHERE {where} ORDER BY s.case_id, s.id",
        params,
    )
    pending = next(steps, None)
    for row in cases:
        own: list[Step[CaseStep]] = []
        while pending is not None and pending[0] <= row[0]:
            if pending[0] == row[0]:
                own.append(
                    Step(
                        pending[1],
                        CaseStep.of(pending[2]),
                        pending[3],
                        pending[4],
                        pending[5],
                        json.loads(pending[6]),
                        pending[7],
                    )  # fmt: skip
                )
            pending = next(steps, None)
        if not any(s.step not in (St.CORRECT, St.VOID, St.LIABILITY) for s in own):
            from window_assistant.cases.lifecycle import progress

            own = progress(services, row[1]).steps  # registered before steps were kept
        yield _facts(row, own)


def _facts(row: Any, stored: list[Step[CaseStep]]) -> CaseFacts:
    facts = CaseFacts(*row, steps=[])  # type: ignore[misc]  # the 18 stored columns
    p = Progress(facts.case_id, facts.serial, facts.item_code, facts.clerk_login, steps=stored)
    withdrawn = p.withdrawn()
    for step in stored:
        if step.id and step.id in withdrawn:
            continue
        facts.steps.append(step)
        detail = p.effective(step)
        kind = step.step
        if kind in _ACCEPTS and not facts.accepted_at:
            facts.accepted_at = step.at
        if kind in (St.ACCEPT, St.ACCEPT_RONGQUE) and detail.get("promised"):
            facts.promised = str(detail["promised"])
        if kind is St.ACCEPT_RONGQUE:
            facts.rongque = True
        elif kind is St.CORRECTION_NOTICE:
            facts.corrections += 1
        elif kind is St.REFUSE:
            facts.refused = True
            facts.result = f"不予受理:{detail.get('reason', '')}".rstrip(":")
        elif kind is St.SETTLE:
            facts.settled_at = step.at
            facts.result = str(detail.get("result", ""))
        elif kind is St.SEND_BACK:
            facts.result = f"退回:{detail.get('reason', '')}".rstrip(":")
        elif kind is St.VOID:
            facts.result = f"作废:{detail.get('reason', '')}".rstrip(":")
    return facts


# -- who may, and masking ----------------------------------------------------------------------
def check_actor(actor: User | None, unmasked: bool) -> str:
    """The audit log's actor; an unmasked export only for an account allowed it."""
    if unmasked:
        if actor is None:
            raise UserError("导出未脱敏的办件台账须由负责人以具名账号操作(--as 工号)。")
        require(actor, Action.EXPORT_UNMASKED)
    return actor.login if actor is not None else CLI_ACTOR


def _person(f: CaseFacts, unmasked: bool) -> tuple[str, str, str]:
    """(name, ID number, phone) as the export shows them."""
    if unmasked:
        return f.applicant, f.id_number, f.phone
    number = ids.mask_id(f.id_type, f.id_number) if f.id_number else ""
    phone = ids.mask_phone(f.phone) if f.phone else ""
    return mask_name(f.applicant), number, phone


def _label(code_type: Any, value: str) -> str:
    try:
        return str(code_type.of(value).label) if value else ""
    except (KeyError, ValueError):
        return value


def _id_type(f: CaseFacts) -> str:
    """The ID type's label, when there is a number to go with it."""
    return _label(IdType, f.id_type) if f.id_number else ""


# -- the ledger table --------------------------------------------------------------------------
def ledger_row(f: CaseFacts, unmasked: bool, on: date) -> list[Any]:
    name, number, phone = _person(f, unmasked)
    return [
        f.serial, f.created_at.replace("T", " "), _label(SheetKind, f.kind), f.item_code,
        f.item_name, f.department, cell(name), _id_type(f), number, phone,
        f.clerk_login, f.clerk_name, f.window_name, _label(CaseFlow, f.flow), f.region,
        _label(CaseState, f.state), f.steps_text(), f.accepted_at.replace("T", " "),
        f.promised, f.settled_at.replace("T", " "), cell(f.result), f.due or "",
        YES if f.overdue(on) else NO,
    ]  # fmt: skip


def export_ledger(
    services: Services,
    path: str | Path,
    actor: User | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    unmasked: bool = False,
    crossregion: bool = False,
    on: date | None = None,
    progress: Tell | None = None,
) -> Exported:
    """Write the ledger of the cases registered from ``date_from`` to ``date_to`` to ``path``
    (.csv with BOM or .xlsx), oldest first; overdue as of ``on`` (today)."""
    on = on or date.today()
    rows_of = lambda facts: (ledger_row(f, unmasked, on) for f in facts)  # noqa: E731
    what = "crossregion" if crossregion else "ledger"
    return _export(
        services, Path(path), actor, HEADERS, rows_of, what, "办件台账",
        date_from, date_to, unmasked, crossregion, progress,
    )  # fmt: skip


# -- the GB/T 39046 办件 dataset ---------------------------------------------------------------
def _status(f: CaseFacts) -> str:
    """办件状态 as the dataset gives it: 已办结 / 不予受理 / 作废 / 办理中."""
    state = CaseState.of(f.state)
    if f.voided:
        return "作废"
    if f.refused or state is CaseState.REFUSED:
        return "不予受理"
    if f.settled_at:
        return "已办结"
    return "办理中" if state not in CLOSED else state.label


def gbt39046_row(f: CaseFacts, unmasked: bool, region: str) -> list[Any]:
    name, number, phone = _person(f, unmasked)
    return [
        f.serial, f.item_code, f.item_name, cell(name), _id_type(f), number, phone,
        f.department, gbt39046_time(f.accepted_at) if f.accepted_at else "",
        f.promised.replace("-", "") + "T235959" if f.promised else "",
        gbt39046_time(f.settled_at) if f.settled_at else "", cell(f.result), _status(f), region,
    ]  # fmt: skip


def export_gbt39046(
    services: Services,
    path: str | Path,
    actor: User | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    unmasked: bool = False,
    progress: Tell | None = None,
) -> Exported:
    """Write the 办件 dataset of the cases registered from ``date_from`` to ``date_to`` to
    ``path`` (.csv with BOM or .xlsx). A consultation (一次性告知, no materials taken) is not a
    办件 and is left out; so are void cases."""
    region = services.settings.region_code

    def rows_of(facts: Iterator[CaseFacts]) -> Iterator[list[Any]]:
        for f in facts:
            if f.voided or f.kind == SheetKind.NOTICE.value and not f.accepted_at:
                continue
            yield gbt39046_row(f, unmasked, region)

    return _export(
        services, Path(path), actor, GBT39046_HEADERS, rows_of, "gbt39046", "办件数据",
        date_from, date_to, unmasked, False, progress,
    )  # fmt: skip


# -- writing -----------------------------------------------------------------------------------
def _export(
    services: Services,
    path: Path,
    actor: User | None,
    headers: list[str],
    rows_of: Any,
    what: str,
    sheet: str,
    date_from: date | None,
    date_to: date | None,
    unmasked: bool,
    crossregion: bool,
    progress: Tell | None,
) -> Exported:
    from window_assistant.ratings.log import _snapshot

    kind = table_kind(path)
    check_dates(date_from, date_to)
    who = check_actor(actor, unmasked)
    written = 0
    with beside(path) as tmp:
        with _snapshot(services):
            total = count_cases(services, date_from, date_to, crossregion)
            if kind == "xlsx":
                check_sheet_rows(total, "件办件")
            facts = counted(case_facts(services, date_from, date_to, crossregion=crossregion),
                            total, progress)  # fmt: skip

            def rows() -> Iterator[list[Any]]:
                nonlocal written
                for row in rows_of(facts):
                    written += 1
                    yield row

            write_rows(tmp, kind, headers, rows(), sheet)
        services.audit.record(
            who,
            "cases.export",
            path=str(path),
            format=f"{what}-{kind}",
            rows=written,
            masked=not unmasked,
            date_from=date_from.isoformat() if date_from else None,
            date_to=date_to.isoformat() if date_to else None,
        )
        os.replace(tmp, path)
    return Exported(path, written, not unmasked)
