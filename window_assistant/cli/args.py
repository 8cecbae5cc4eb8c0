"""Argument types shared by the commands (enumerated options take the code or the Chinese word;
numbers are bounded), and the checks of raw arguments and argparse's own errors."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence

from window_assistant.cases.ids import half_width
from window_assistant.text import text_problem
from window_assistant.vocab import C, Code


def code_arg(enum: type[C]) -> Callable[[str], C]:
    """An argparse ``type`` reading a member of ``enum`` from its code or its Chinese (or
    English) label, so that ``--id-type 居民身份证`` and ``--id-type resident_id`` both work."""

    def parse(text: str) -> C:
        try:
            return enum.parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = enum.__name__  # argparse names the type in some messages
    return parse


def choices_help(enum: type[Code]) -> str:
    """The accepted values for a help text: 受理(accepted)、不予受理(refused) …"""
    return "、".join(f"{m.label}({m.value})" for m in enum)


def count_arg(label: str, low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number from ``low`` to ``high``: digits 0–9 only
    (full-width ones too), since ``int()`` would also take other scripts' digits (٣) and
    ``1_000``, and an unbounded number reaches SQLite or the calendar as an overflow."""

    def parse(text: str) -> int:
        digits = half_width(text).strip()
        shown = text if len(text) <= 24 else text[:24] + "…"
        if not re.fullmatch(r"-?[0-9]+", digits):
            raise argparse.ArgumentTypeError(f"{label}须为整数(用数字 0–9 书写),收到「{shown}」。")
        value = int(digits[:40])  # 40 digits are past any bound; int() refuses 4,300 or more
        if value < 0 <= low:
            raise argparse.ArgumentTypeError(f"{label}不能为负数(收到 {shown})。")
        if value < low:
            raise argparse.ArgumentTypeError(f"{label}至少为 {low}(收到 {shown})。")
        if value > high:
            raise argparse.ArgumentTypeError(f"{label} {shown} 过大,最多 {high}。")
        return value

    parse.__name__ = "count"
    return parse


def window_arg(text: str) -> str:
    """An argparse ``type`` for a window's number as on its sign (3, A3): what the accounts
    accept for a window, full-width letters and digits read as half-width."""
    from window_assistant.accounts import window_number_problem

    number = half_width(text).strip()
    problem = window_number_problem(number)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return number


window_arg.__name__ = "window"


# argparse words its usage errors in English; the clerk reads Chinese.
_ARGPARSE_ZH = (
    (r"^argument (\S+): ", r"参数 \1:"),
    (r"the following arguments are required: (.*)", r"缺少必需的参数:\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数:\1"),
    (r"expected one argument", "后面应跟一个值"),
    (r"expected at most one argument", "后面最多跟一个值"),
    (r"expected at least one argument", "后面至少跟一个值"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"没有 \1 这一项,可选:\2"),
    (r"invalid \S+ value: (.*)", r"无效的值 \1"),
    (r"not allowed with argument (.*)", r"不能与 \1 同时使用"),
    (r"one of the arguments (.*) is required", r"须给出其中之一:\1"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项 \1 不明确,可能是:\2"),
    (r"ignored explicit argument (.*)", r"此选项不带值,多余的值:\1"),
)


def chinese_usage_error(message: str) -> str:
    """argparse's message for a usage error, in Chinese where it has a known wording."""
    for pattern, replacement in _ARGPARSE_ZH:
        message = re.sub(pattern, replacement, message)
    return message


def argument_problem(argv: Sequence[str]) -> str | None:
    """What makes one of the raw arguments unusable, or None: bytes that were not UTF-8 (lone
    surrogates), control characters (line breaks and tabs aside: a reason may have them)."""
    for index, arg in enumerate(argv):
        previous = argv[index - 1] if index else ""
        where = f"{previous} 的值" if previous.startswith("-") else f"第 {index + 1} 个参数"
        problem = text_problem(arg, where, multiline=True)
        if problem:
            return problem
    return None
