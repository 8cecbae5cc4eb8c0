"""The ``pad`` commands: pair a window's tablet (评价器) on a centre PC that only serves
(``serve-ratings``), and unpair it. The rules are the core's (``ratings.pads``): who may pair,
the code's life and tries, one tablet per window."""

from __future__ import annotations

import argparse
from typing import Any

from window_assistant.cli.args import count_arg
from window_assistant.cli.signin import acting, add_as_option
from window_assistant.errors import UserError
from window_assistant.ratings.pads import PAIRING_ATTEMPTS, start_pairing, unpair_devices
from window_assistant.services import Services, open_services


def _label(svc: Services, window_id: int) -> str:
    window = svc.accounts.window(window_id)
    if window is None:
        known = "、".join(f"{w.id}({w.label})" for w in svc.accounts.windows()) or "(无)"
        raise UserError(f"没有编号为 {window_id} 的窗口。已有窗口编号:{known}。")
    return window.label


def cmd_pad_code(args: argparse.Namespace) -> int:
    with open_services(args.db) as svc:
        label = _label(svc, args.window)
        code = start_pairing(svc, acting(svc, args.as_login), args.window)
        host, port = svc.settings.rating_host, svc.settings.rating_port
    print(f"{label} 的评价器配对码:{code.code}")
    print(
        f"请在 {code.expires_at:%H:%M} 前在平板上输入,只能配对一台,输错 {PAIRING_ATTEMPTS} 次作废;"
        "配对新平板会解除原来的平板。"
    )
    if host:
        print(f"平板浏览器打开:http://{host}:{port}/pad/{args.window}")
    else:
        print(
            f"平板浏览器打开:http://<本机局域网地址>:{port}/pad/{args.window}"
            "(还没有选择评价服务地址:即 serve-ratings --host 所用的地址,或在窗口的“设置 → 评价服务”中选择)"
        )
    return 0


def cmd_pad_unpair(args: argparse.Namespace) -> int:
    with open_services(args.db) as svc:
        label = _label(svc, args.window)
        count = unpair_devices(svc, acting(svc, args.as_login), args.window)
    if count:
        print(f"已解除 {label} 的评价器配对({count} 台):它不能再作为该窗口的评价器使用。")
    else:
        print(f"{label} 没有已配对的评价器(未配对的配对码也已作废)。")
    return 0


def add_parsers(sub: Any) -> None:
    """Add ``pad`` to the main parser's subcommands."""
    pad = sub.add_parser("pad", help="窗口评价器(局域网平板)的配对")
    pad = pad.add_subparsers(dest="action", required=True)
    window = count_arg("窗口编号", 1, 2**31)
    # The window's id, as in the tablet's address /pad/N (not the number on the counter's
    # sign, which a centre may change): an unknown one is refused with the list of both.
    where = "窗口编号,即平板地址 /pad/N 中的 N"
    p = pad.add_parser("code", help="生成配对码,并显示平板要打开的地址")
    p.add_argument("--window", type=window, required=True, metavar="N", help=where)
    add_as_option(p)
    p.set_defaults(func=cmd_pad_code)
    p = pad.add_parser("unpair", help="解除窗口的评价器配对(平板丢失或换到别的窗口)")
    p.add_argument("--window", type=window, required=True, metavar="N", help=where)
    add_as_option(p)
    p.set_defaults(func=cmd_pad_unpair)
