"""The ``pad`` commands: pair a window's tablet (评价器) on a centre PC that only serves
(``serve-ratings``), and unpair it. The rules are the core's (``ratings.pads``): who may pair,
the code's life and tries, one tablet per window."""

from __future__ import annotations

import argparse
from typing import Any

from window_assistant.accounts import Window, window_number_problem
from window_assistant.cli.signin import acting, add_as_option
from window_assistant.errors import UserError
from window_assistant.ratings.pads import PAIRING_ATTEMPTS, start_pairing, unpair_devices
from window_assistant.services import Services, open_services


def _window(svc: Services, number: str) -> Window:
    """The window whose number is on the counter's sign (what a clerk reads), or UserError
    listing the numbers there are."""
    problem = window_number_problem(number)
    if problem:
        raise UserError(problem)
    return svc.accounts.window_by_number(number)


def cmd_pad_code(args: argparse.Namespace) -> int:
    with open_services(args.db) as svc:
        window = _window(svc, args.window)
        label = window.label
        code = start_pairing(svc, acting(svc, args.as_login), window.id)
        host, port = svc.settings.rating_host, svc.settings.rating_port
    print(f"{label} 的评价器配对码:{code.code}")
    print(
        f"请在 {code.expires_at:%H:%M} 前在平板上输入,只能配对一台,输错 {PAIRING_ATTEMPTS} 次作废;"
        "配对新平板会解除原来的平板。"
    )
    if host:
        print(f"平板浏览器打开:http://{host}:{port}/pad/{window.id}")
    else:
        print(
            f"平板浏览器打开:http://<本机局域网地址>:{port}/pad/{window.id}"
            "(还没有选择评价服务地址:即 serve-ratings --host 所用的地址,或在窗口的“设置 → 评价服务”中选择)"
        )
    return 0


def cmd_pad_unpair(args: argparse.Namespace) -> int:
    with open_services(args.db) as svc:
        window = _window(svc, args.window)
        label = window.label
        count = unpair_devices(svc, acting(svc, args.as_login), window.id)
    if count:
        print(f"已解除 {label} 的评价器配对({count} 台):它不能再作为该窗口的评价器使用。")
    else:
        print(f"{label} 没有已配对的评价器(未配对的配对码也已作废)。")
    return 0


def add_parsers(sub: Any) -> None:
    """Add ``pad`` to the main parser's subcommands."""
    pad = sub.add_parser("pad", help="窗口评价器(局域网平板)的配对")
    pad = pad.add_subparsers(dest="action", required=True)
    # The number on the counter's sign, as `accounts add --window` takes it; the tablet's
    # address /pad/N carries the window's id, printed by `pad code`.
    where = "窗口编号(窗口牌上的编号,如 3 或 A3)"
    p = pad.add_parser("code", help="生成配对码,并显示平板要打开的地址")
    p.add_argument("--window", required=True, metavar="NUMBER", help=where)
    add_as_option(p)
    p.set_defaults(func=cmd_pad_code)
    p = pad.add_parser("unpair", help="解除窗口的评价器配对(平板丢失或换到别的窗口)")
    p.add_argument("--window", required=True, metavar="NUMBER", help=where)
    add_as_option(p)
    p.set_defaults(func=cmd_pad_unpair)
