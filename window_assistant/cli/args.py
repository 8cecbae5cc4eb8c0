"""Argument types shared by the commands: enumerated options take the code or the Chinese word."""

from __future__ import annotations

import argparse
from collections.abc import Callable

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
