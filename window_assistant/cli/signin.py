"""How a writing command learns who is acting: ``--as LOGIN`` and that account's secret.

The secret comes from the environment variable ``WINDOW_ASSISTANT_SECRET`` (for scripts) or is
asked for without echo when the command runs in a terminal. Whether one is needed at all is the
core's decision (``Services.act_as``: not on a database nobody has set up yet); so is what a
wrong one costs (it counts toward the lock-out). A new account's PIN or password comes the same
way, from ``WINDOW_ASSISTANT_NEW_SECRET`` or typed twice.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable

from window_assistant.accounts import User
from window_assistant.errors import UserError
from window_assistant.services import Services

SECRET_ENV = "WINDOW_ASSISTANT_SECRET"
NEW_SECRET_ENV = "WINDOW_ASSISTANT_NEW_SECRET"


def add_as_option(
    parser: argparse.ArgumentParser, *aliases: str, who: str = "操作人员工号"
) -> None:
    parser.add_argument(
        "--as",
        *aliases,
        dest="as_login",
        metavar="LOGIN",
        help=f"{who};其密码或 PIN 取自环境变量 {SECRET_ENV},或在终端中输入",
    )


def _ask(prompt: str, variable: str, missing: str) -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"{missing}:请设置环境变量 {variable},或在终端中运行本命令以便输入。")
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise UserError(f"{missing}。") from None


def secret_for(login: str | None) -> Callable[[], str]:
    """The acting account's secret, read only if the core asks for it."""
    return lambda: _ask(f"工号 {login} 的密码或 PIN:", SECRET_ENV, f"需要工号 {login} 的密码或 PIN")


def acting(svc: Services, login: str | None, fallback: Callable[[], User] | None = None) -> User:
    """The account this command acts as (see ``Services.act_as``). A file a newer version
    wrote is refused here, before anyone is asked for a secret: this command would write."""
    svc.store.refuse_if_newer()
    return svc.act_as(login, secret_for(login), fallback)


def new_secret(login: str) -> str:
    """The PIN or password for ``login``: from the environment, or typed twice."""
    missing = f"需要为 {login} 设置的密码或 PIN"
    secret = _ask(f"{login} 的新密码或 PIN:", NEW_SECRET_ENV, missing)
    if NEW_SECRET_ENV not in os.environ and getpass.getpass("再输入一次:") != secret:
        raise UserError("两次输入的密码或 PIN 不一致,没有做任何修改。")
    return secret
