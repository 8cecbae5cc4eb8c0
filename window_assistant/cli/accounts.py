"""The ``accounts`` commands: list accounts, and a supervisor's changes to them.

Each change calls the same use case as the accounts dialog (``Accounts.add_account`` …), as the
account named by ``--as``; nothing here decides who may do what. ``list`` is read-only and
needs no sign-in; it shows no PIN, password or hash.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from window_assistant.accounts import User
from window_assistant.cli.signin import acting, add_as_option, new_secret
from window_assistant.services import Services, open_services
from window_assistant.vocab import Role


def _row(svc: Services, user: User) -> dict[str, Any]:
    window = svc.accounts.window(user.window_id)
    return {
        "login": user.login,
        "name": user.name,
        "role": user.role.value,
        "window": window.number if window else None,
        "window_name": window.label if window else "",
        "active": user.active,
    }


def cmd_accounts_list(args: argparse.Namespace) -> int:
    with open_services(args.db) as svc:
        rows = [_row(svc, u) for u in svc.accounts.users()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        status = "在用" if r["active"] else "已停用"
        print(
            f"{r['login']}\t{r['name']}\t{Role.parse(r['role']).label}\t{r['window_name']}\t{status}"
        )
    return 0


def cmd_accounts_add(args: argparse.Namespace) -> int:
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login)
        window_id = svc.accounts.window_by_number(args.window).id if args.window else None
        user = svc.accounts.add_account(
            actor, args.login, args.name, args.role, new_secret(args.login), window_id
        )
    print(f"已新增{user.role.label} {user.login} {user.name}。")
    return 0


def cmd_accounts_set_active(args: argparse.Namespace) -> int:
    with open_services(args.db) as svc:
        user = svc.accounts.set_active(acting(svc, args.as_login), args.login, args.active)
    print(f"已{'启用' if user.active else '停用'} {user.login} {user.name}。")
    return 0


def cmd_accounts_reset(args: argparse.Namespace) -> int:
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login)
        svc.accounts.reset_secret(actor, args.login, new_secret(args.login))
    print(f"已重置 {args.login} 的密码或 PIN。")
    return 0


def cmd_accounts_role(args: argparse.Namespace) -> int:
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login)
        user = svc.accounts.change_role(actor, args.login, args.role, new_secret(args.login))
    print(f"已将 {user.login} {user.name} 改为{user.role.label}(已设置新的密码或 PIN)。")
    return 0


def add_parsers(sub: Any) -> None:
    """Add ``accounts`` to the main parser's subcommands."""
    acc = sub.add_parser("accounts", help="账号(新增、停用、重置密码由负责人操作)")
    acc = acc.add_subparsers(dest="action", required=True)
    p = acc.add_parser("list", help="列出账号(不显示密码)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_accounts_list)

    roles = "、".join(f"{r.value}/{r.label}" for r in Role)
    p = acc.add_parser("add", help="新增账号;新密码或 PIN 取自 WINDOW_ASSISTANT_NEW_SECRET")
    p.add_argument("login", help="新账号的工号")
    p.add_argument("--name", required=True, help="姓名")
    p.add_argument("--role", default=Role.CLERK.value, help=f"角色:{roles}(默认窗口人员)")
    p.add_argument("--window", metavar="NUMBER", help="所属窗口编号")
    add_as_option(p)
    p.set_defaults(func=cmd_accounts_add)
    for name, active, text in (("disable", False, "停用账号"), ("enable", True, "重新启用账号")):
        p = acc.add_parser(name, help=text)
        p.add_argument("login")
        add_as_option(p)
        p.set_defaults(func=cmd_accounts_set_active, active=active)
    p = acc.add_parser("reset", help="重置密码或 PIN;新值取自 WINDOW_ASSISTANT_NEW_SECRET")
    p.add_argument("login")
    add_as_option(p)
    p.set_defaults(func=cmd_accounts_reset)
    p = acc.add_parser("role", help="更改角色,同时设置新的密码或 PIN")
    p.add_argument("login")
    p.add_argument("role", help=f"新角色:{roles}")
    add_as_option(p)
    p.set_defaults(func=cmd_accounts_role)
