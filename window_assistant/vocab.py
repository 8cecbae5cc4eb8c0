"""One vocabulary: the codes stored for every enumeration, and their labels kept apart.

Storage, snapshots, audit entries and comparisons use the codes (``Role.SUPERVISOR`` is stored
as ``"supervisor"``); people see labels. Each enumeration is a ``Code`` (a ``str`` enum, so a
code read back from SQLite compares equal to its member) with a Chinese label and an English
one, both declared here and nowhere else. Front ends show ``code.label`` (Chinese, the default
interface language) or ``label_for(code, "en")``; the printed papers always use Chinese.

Reading words people type (the CLI's ``--id-type 居民身份证``, an imported spreadsheet's
``必要``) goes through ``Code.parse``, which accepts the code, the Chinese label and the
English label, and any alias a member declares.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

C = TypeVar("C", bound="Code")


class Code(str, Enum):
    """A stored code with a Chinese and an English label.

    Members are declared as ``NAME = ("code", "中文", "English", *aliases)``.
    """

    _label_zh: str
    _label_en: str
    _aliases: tuple[str, ...]

    def __new__(cls, code: str, zh: str, en: str, *aliases: str) -> Code:
        member = str.__new__(cls, code)
        member._value_ = code
        member._label_zh = zh
        member._label_en = en
        member._aliases = aliases
        return member

    def __str__(self) -> str:
        return str(self.value)

    @property
    def label(self) -> str:
        """The Chinese label: what the window shows by default and what the papers print."""
        return self._label_zh

    @property
    def label_en(self) -> str:
        return self._label_en

    @classmethod
    def parse(cls: type[C], text: str) -> C:
        """The member named by its code, Chinese label, English label or an alias.

        Raises ``ValueError`` with a Chinese message listing what is accepted.
        """
        word = str(text).strip()
        for member in cls:
            if word in (member.value, member._label_zh) or word in member._aliases:
                return member
            if word.casefold() == member._label_en.casefold():
                return member
        accepted = "、".join(m._label_zh for m in cls)
        raise ValueError(f"「{word}」不是可用的取值,可填:{accepted}")

    @classmethod
    def labels(cls) -> dict[str, str]:
        """code → Chinese label, in declaration order (for drop-down lists and exports)."""
        return {m.value: m._label_zh for m in cls}


def label_for(code: Code, language: str = "zh_CN") -> str:
    """The label of ``code`` in the interface language (``"zh_CN"`` or ``"en"``)."""
    return code.label_en if language == "en" else code.label


class Role(Code):
    """Who an account is (users.role)."""

    CLERK = ("clerk", "窗口人员", "Window clerk")
    SUPERVISOR = ("supervisor", "负责人", "Supervisor")
