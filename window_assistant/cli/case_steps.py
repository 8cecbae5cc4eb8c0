"""The lifecycle commands: ``cases show``, ``cases step``, ``cases void``, the overdue list
(``cases list --overdue``) and, for 跨域通办, ``crossregion cases`` and ``crossregion receive``.

Every rule is the core's (cases/lifecycle.py); these read the arguments, name the acting
account and print. A refused step exits 2 with the core's Chinese message and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from typing import Any

from window_assistant.cases import lifecycle
from window_assistant.cases.lifecycle import LedgerFilter, LedgerRow, Progress
from window_assistant.cli.args import code_arg
from window_assistant.cli.signin import acting, add_as_option
from window_assistant.errors import UserError
from window_assistant.services import open_services
from window_assistant.vocab import CaseFlow, CaseStep, IdType

DIRECTIONS = {"out": CaseFlow.OUTBOUND, "in": CaseFlow.INBOUND}


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _on(args: argparse.Namespace) -> date:
    from window_assistant.workdays import parse_user_date

    return parse_user_date(args.on) if args.on else date.today()


def _progress_json(p: Progress, on: date) -> dict[str, Any]:
    return {
        "serial": p.serial,
        "flow": p.flow.value,
        "flow_label": p.flow.label,
        "state": p.state.value,
        "state_label": p.state.label,
        "region": p.region,
        "due": p.due,
        "overdue": p.overdue(on),
        "promised": p.promised,
        "next": p.next_step,
        "implied": p.implied,
        "shortfalls": [{**asdict(s), "overdue": s.overdue(on)} for s in p.shortfalls],
        "steps": [
            {
                "id": s.id or None,
                "step": s.step.value,
                "label": s.step.label,
                "at": s.at,
                "actor": s.actor,
                "actor_name": s.actor_name,
                "detail": p.effective(s),
                "corrects": s.corrects,
                "implied": s.id == 0,
            }
            for s in p.steps
        ],
    }


def _print_progress(p: Progress, on: date) -> None:
    late = "(已超期)" if p.overdue(on) else ""
    print(f"{p.serial}  {p.flow.label}  {p.state.label}{late}")
    if p.region:
        print(f"合作地区:{p.region}")
    if p.due:
        print(f"下一期限:{p.due}")
    if p.next_step:
        print(f"下一步:{p.next_step}")
    for m in p.shortfalls:
        done = f"已于 {m.supplied_on} 补齐" if m.supplied_on else f"应于 {m.supply_by} 前补齐"
        print(f"容缺材料:{m.name},{done}{'(已超期)' if m.overdue(on) else ''}")
    for s in p.steps:
        number = f"#{s.id}" if s.id else "(登记)"
        detail = ",".join(f"{k}={v}" for k, v in p.effective(s).items())
        print(f"  {number}\t{s.at}\t{s.step.label}\t{s.actor_name}\t{detail}")


def cmd_show(args: argparse.Namespace) -> int:
    with open_services(args.db) as svc:
        p = lifecycle.progress(svc, args.serial)
    on = _on(args)
    if args.json:
        _print_json(_progress_json(p, on))
    else:
        _print_progress(p, on)
    return 0


def _fields(args: argparse.Namespace, step: CaseStep) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for pair in args.set:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--set「{pair}」的写法不对,应为 项=内容,例如 department=区人社局。")
        key = key.strip()
        if key in fields:  # a repeated key is a list (several materials)
            old = fields[key]
            fields[key] = [*(old if isinstance(old, list) else [old]), value]
        else:
            fields[key] = value
    for option, value in (("courier", args.courier), ("waybill", args.waybill)):
        if value is not None:
            fields[option] = value
    if args.note is not None:
        # --note is the step's main text when that is not given otherwise (办结's result,
        # 转办's department, 作废's reason …), else its 备注
        wanted = [f.name for f in lifecycle.FIELDS[step] if f.kind == "text" and f.required]
        target = next((n for n in wanted if n not in fields), "note")
        fields.setdefault(target, args.note)
    if step is CaseStep.CORRECT and args.withdraw:
        fields["withdraw"] = True
    return fields


def cmd_step(args: argparse.Namespace) -> int:
    step = lifecycle.parse_step(args.step)
    fields = _fields(args, step)
    if step is CaseStep.CORRECT and not args.withdraw:
        # 更正: --set step=N and reason=…; the other --set values are the corrected fields
        fields = {
            "step": fields.pop("step", None),
            "reason": fields.pop("reason", None),
            "fields": fields,
        }
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login, svc.default_clerk)
        p = lifecycle.record_step(svc, actor, args.serial, step, fields)
    if args.json:
        _print_json(_progress_json(p, date.today()))
    else:
        print(f"已记录 {p.serial} {step.label}(#{p.steps[-1].id}),现在{p.state.label}。")
    return 0


def cmd_void(args: argparse.Namespace) -> int:
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login, svc.default_clerk)
        p = lifecycle.void_case(svc, actor, args.serial, args.reason)
    print(f"已作废 {p.serial}(编号保留,不再使用)。")
    return 0


def _rows_json(rows: list[LedgerRow]) -> list[dict[str, Any]]:
    return [
        {
            **r._asdict(),
            "state_label": r.state_label,
            "flow_label": CaseFlow.of(r.flow).label,
        }
        for r in rows
    ]


def print_rows(rows: list[LedgerRow], as_json: bool) -> None:
    if as_json:
        _print_json(_rows_json(rows))
        return
    for r in rows:
        late = "已超期" if r.overdue else ""
        who = " ".join(filter(None, (r.applicant_name, r.id_masked)))
        print(
            f"{r.serial}\t{r.created_at}\t{CaseFlow.of(r.flow).label}\t{r.state_label}\t"
            f"{r.region}\t{r.due or ''}\t{late}\t{r.subject_name}\t{who}\t{r.clerk_name}"
        )
    if not rows:
        print("没有符合条件的办件。", file=sys.stderr)


def cmd_overdue(args: argparse.Namespace) -> int:
    """``cases list --overdue``: the open cases past their next deadline."""
    on = _on(args)
    with open_services(args.db) as svc:
        rows = lifecycle.overdue_cases(svc, on)
    print_rows(rows, args.json)
    return 0


def cmd_crossregion_cases(args: argparse.Namespace) -> int:
    on = _on(args)
    flow = DIRECTIONS[args.direction] if args.direction else None
    with open_services(args.db) as svc:
        rows = lifecycle.ledger(
            svc,
            LedgerFilter(flow=flow, crossregion=True, overdue_on=on if args.overdue else None),
            on=on,
        )
    print_rows(rows, args.json)
    return 0


def cmd_receive(args: argparse.Namespace) -> int:
    from window_assistant.cases.ids import ORGANISATION_ID_TYPES
    from window_assistant.sheets.model import Person
    from window_assistant.vocab import PersonKind

    person = None
    if args.applicant:
        kind = (
            PersonKind.ORGANISATION if args.id_type in ORGANISATION_ID_TYPES else PersonKind.PERSON
        )
        person = Person(args.applicant, kind, args.id_type, args.id or "", args.phone or "")
    elif args.id or args.phone:
        raise UserError("填写了证件号码或电话,请同时用 --applicant 填写申请人姓名或单位名称。")
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login, svc.default_clerk)
        p = lifecycle.receive_inbound(svc, actor, args.region, args.item, args.their_serial, person)
    if args.json:
        _print_json(_progress_json(p, date.today()))
    else:
        print(
            f"已登记转来的办件 {p.serial}({p.region},对方编号 {args.their_serial}),转办期限 {p.due}。"
        )
    return 0


def _add_on(p: argparse.ArgumentParser) -> None:
    p.add_argument("--on", metavar="DATE", help="按此日期判断是否超期(默认今天)")


def add_case_parsers(cases: Any) -> None:
    """Add ``show``, ``step`` and ``void`` to ``cases`` (its subcommands)."""
    p = cases.add_parser("show", help="办件的当前状态、期限和全部办理步骤")
    p.add_argument("serial", help="编号,如 铁西政服告〔2026〕123号")
    _add_on(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)
    p = cases.add_parser("step", help="记录办件的一个办理步骤(受理、转办、办结、邮寄、完结……)")
    p.add_argument("serial", help="编号")
    p.add_argument("step", help="步骤:" + "、".join(s.label for s in CaseStep))
    p.add_argument(
        "--note", help="步骤的主要内容(如办结的办理结果、转办的部门),已用 --set 填写时为备注"
    )
    p.add_argument("--courier", help="快递公司")
    p.add_argument("--waybill", help="运单号")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="其他内容,如 department=区人社局、materials=公司章程(可重复)",
    )
    p.add_argument("--withdraw", action="store_true", help="更正:撤回 --set step=N 所指的步骤")
    add_as_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_step)
    p = cases.add_parser("void", help="作废误登记的办件(编号保留)")
    p.add_argument("serial", help="编号")
    p.add_argument("--reason", required=True, help="作废原因")
    add_as_option(p)
    p.set_defaults(func=cmd_void)


def add_list_options(p: argparse.ArgumentParser) -> None:
    """``--overdue`` and ``--on`` for ``cases list``."""
    p.add_argument("--overdue", action="store_true", help="只列出已超期的办件(按期限先后)")
    _add_on(p)


def add_crossregion_parsers(cross: Any) -> None:
    """Add ``cases`` and ``receive`` to ``crossregion``."""
    p = cross.add_parser("cases", help="跨域通办办件(寄出的和转来的)")
    p.add_argument("--direction", choices=sorted(DIRECTIONS), help="out:代收寄出;in:外地转来")
    p.add_argument("--overdue", action="store_true", help="只列出已超期的")
    _add_on(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_crossregion_cases)
    p = cross.add_parser("receive", help="登记外地转来的跨域通办办件(收到)")
    p.add_argument("--region", required=True, help="转来地区(合作地区)")
    p.add_argument("--item", required=True, metavar="CODE", help="事项编码")
    p.add_argument("--their-serial", required=True, metavar="SERIAL", help="对方的办件编号")
    p.add_argument("--applicant", metavar="NAME", help="申请人姓名或单位名称")
    p.add_argument("--id-type", type=code_arg(IdType), default=IdType.RESIDENT_ID, metavar="TYPE")
    p.add_argument("--id", metavar="NUMBER", help="证件号码")
    p.add_argument("--phone", help="联系电话")
    add_as_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_receive)
