"""``serve-ratings``: the rating page without the window, for a centre PC that only serves."""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import signal
import sys
import threading
from typing import Any

from window_assistant.cli.args import count_arg
from window_assistant.errors import UserError
from window_assistant.paths import default_db_path
from window_assistant.services import open_services
from window_assistant.settings import PORT_RANGE, host_problem


def _is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_arg(text: str) -> str:
    """The address to listen on. Loopback is allowed here (a test on this PC, or a server behind
    a local proxy), unlike the setting phones are sent to; the command warns about it."""
    host = text.strip()
    problem = None if _is_loopback(host) else host_problem(host)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return host


def cmd_serve_ratings(args: argparse.Namespace) -> int:
    from window_assistant.web.server import RatingServer  # waitress only for this command

    db = args.db or default_db_path()
    with open_services(db) as svc:
        host = args.host or svc.settings.rating_host
        port = args.port or svc.settings.rating_port
    if not host:
        raise UserError(
            "还没有选择评价服务地址:请用 --host 指定本机的局域网地址(手机能访问到的那个),"
            "或先在窗口的“设置 → 评价服务”中选择并测试。"
        )
    if _is_loopback(host):
        print(
            f"注意:{host} 只有本机能访问,手机扫码打不开;供本机测试或经本机代理转发时使用。",
            file=sys.stderr,
        )
    server = RatingServer(db, host, port)
    server.start()
    stop = threading.Event()
    # SIGTERM (a service manager, kill) stops as cleanly as Ctrl+C: requests under way finish.
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        host, port = server.address
        print(f"评价服务已启动:http://{host}:{port}/r/<评价码>(按 Ctrl+C 停止)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C stops as SIGTERM does
            stop.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()
    print("评价服务已停止。", file=sys.stderr)
    return 0


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("serve-ratings", help="只运行好差评评价页面(不打开窗口)")
    p.add_argument("--host", type=_host_arg, help="监听地址(默认取设置中的评价服务地址)")
    p.add_argument(
        "--port",
        type=count_arg("端口", *PORT_RANGE),
        help="端口(默认取设置中的评价服务端口)",
    )
    p.set_defaults(func=cmd_serve_ratings)
