"""``ratings followups`` and ``ratings follow-up``: the 差评 台账 from a terminal.

``followups`` lists every 差评's follow-up with its state, deadlines and what is due (overdue
first with ``--overdue``); ``follow-up SERIAL STEP KEY=VALUE …`` takes one step as the account
``--as`` names, through ``ratings.followups.record_step``, which decides whether it may.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from window_assistant.cli.args import window_arg
from window_assistant.cli.signin import acting, add_as_option
from window_assistant.errors import UserError
from window_assistant.ratings.followups import FollowUp, followups, record_step
from window_assistant.services import open_services
from window_assistant.vocab import FollowUpStep


def _row(f: FollowUp, today: date) -> dict[str, Any]:
    r = f.rating
    return {
        "serial": f.serial,
        "rated_at": r.at,
        "level": r.level.value,
        "level_label": r.level.label,
        "clerk": r.clerk_login,
        "clerk_name": r.clerk_name,
        "window": r.window_name,
        "item": r.item_name,
        "named": f.named,
        "state": f.state.value,
        "state_label": f.state.label,
        "next_step": f.next_step,
        "verify_due": f.verify_due.isoformat(),
        "handle_due": f.handle_due.isoformat(),
        "overdue": f.overdue(today),
        "open_overdue": f.open_overdue(today),
        "appeal": f.appeal,
        "excluded": f.excluded,
        "supervised": f.supervised,
        "steps": [
            {
                "id": s.id,
                "step": s.step.value,
                "step_label": s.step.label,
                "at": s.at,
                "by": s.actor,
                "detail": f.effective(s),
            }
            for s in f.steps
        ],
    }


def cmd_followups(args: argparse.Namespace) -> int:
    today = date.today()
    with open_services(args.db) as svc:
        found = followups(svc)
    if args.overdue:
        found = [f for f in found if f.open_overdue(today)]
    if args.json:
        print(json.dumps([_row(f, today) for f in found], ensure_ascii=False, indent=2))
        return 0
    for f in found:
        late = "、".join(f.overdue(today))
        excluded = "\t申诉成立(不计入统计)" if f.excluded else ""
        print(
            f"{f.serial}\t{f.rating.at[:10]}\t{f.rating.level.label}\t{f.rating.clerk_name}\t"
            f"{f.state.label}\t核实期限 {f.verify_due}\t整改期限 {f.handle_due}\t"
            f"{late or '未超期'}{excluded}"
        )
    if not found:
        print("没有需要跟进的差评。")
    return 0


def _fields(pairs: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"「{pair}」应写成 项=内容,例如 finding=已核实属实。")
        fields[key.strip()] = value
    return fields


def cmd_follow_up(args: argparse.Namespace) -> int:
    fields = _fields(args.fields)  # a malformed field is refused before anyone signs in
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login)
        after = record_step(svc, actor, args.serial, args.step, fields, window=args.window)
    print(
        f"已记录「{FollowUpStep.parse(args.step).label}」:{after.serial} 现为{after.state.label}。"
    )
    if after.next_step:
        print(f"下一步:{after.next_step}。")
    return 0


def add_parsers(ratings: Any) -> None:
    """Add ``followups`` and ``follow-up`` to the ``ratings`` subcommands."""
    p = ratings.add_parser("followups", help="差评整改台账(状态、期限、是否超期)")
    p.add_argument("--overdue", action="store_true", help="只列超期未办的")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_followups)
    steps = "、".join(f"{s.value}({s.label})" for s in FollowUpStep)
    p = ratings.add_parser("follow-up", help="记录差评跟进的一步(核实、整改、回访、办结、申诉…)")
    p.add_argument("serial", help="办件编号")
    p.add_argument("step", help=f"步骤:{steps}")
    p.add_argument(
        "--window", type=window_arg, help="窗口编号:合并后同一办件编号在几个窗口都有差评时指明"
    )
    p.add_argument(
        "fields",
        nargs="*",
        metavar="KEY=VALUE",
        help="该步骤的内容,如 finding=… action=… date=2026-03-09 channel=电话 satisfaction=满意",
    )
    add_as_option(p)
    p.set_defaults(func=cmd_follow_up)
