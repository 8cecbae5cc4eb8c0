"""Faces for printed sheets: the configured title/body families, or the best CJK font installed.

Qt silently prints empty boxes when a family lacks Chinese, so the choice is made from the
families Qt reports that cover Chinese (``ui.fonts.cjk_font_families``), and the absence of any
is an error that names the package to install (``ui.fonts.missing_font_message``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QFontDatabase

from ui.fonts import cjk_font_families, missing_font_message, preferred_ui_font
from window_assistant.errors import UserError

# Chinese names as settings hold them → the family names fonts register (Windows, Linux, macOS).
ALIASES: dict[str, tuple[str, ...]] = {
    "黑体": ("黑体", "SimHei", "STHeiti", "Heiti SC"),
    "仿宋": ("仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "STFangsong"),
    "宋体": ("宋体", "SimSun", "STSong", "Songti SC"),
    "楷体": ("楷体", "KaiTi", "楷体_GB2312", "STKaiti"),
    "小标宋": ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S"),
    "微软雅黑": ("微软雅黑", "Microsoft YaHei"),
}
TITLE_FALLBACKS = (
    "小标宋",
    "黑体",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "思源黑体",
    "Microsoft YaHei",
    "WenQuanYi Zen Hei",
)
BODY_FALLBACKS = (
    "仿宋",
    "宋体",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "思源宋体",
    "AR PL UMing CN",
    "AR PL SungtiL GB",
)


@dataclass(frozen=True)
class SheetFonts:
    title: str
    body: str


def _names(wanted: str) -> tuple[str, ...]:
    return ALIASES.get(wanted, (wanted,))


def pick_family(wanted: str, fallbacks: Sequence[str], families: Sequence[str]) -> str | None:
    """The installed family for ``wanted`` (by its aliases), else the first fallback installed,
    else any CJK family; None when nothing installed covers Chinese."""
    cjk = cjk_font_families(families)
    folded = {f.casefold(): f for f in families}
    for choice in (wanted, *fallbacks):
        for name in _names(choice):
            if name.casefold() in folded:
                return folded[name.casefold()]
    for choice in (wanted, *fallbacks):  # "Noto Sans CJK SC" may register as "… SC Regular"
        for name in _names(choice):
            for family in cjk:
                if family.casefold().startswith(name.casefold()):
                    return family
    return preferred_ui_font(families)


def choose_fonts(title: str, body: str, families: Sequence[str]) -> SheetFonts:
    """Title and body faces for ``families``, or UserError naming the package to install."""
    title_face = pick_family(title, TITLE_FALLBACKS, families)
    body_face = pick_family(body, BODY_FALLBACKS, families)
    if title_face is None or body_face is None:
        raise UserError(missing_font_message())
    return SheetFonts(title_face, body_face)


def sheet_fonts(title: str = "黑体", body: str = "仿宋") -> SheetFonts:
    """``choose_fonts`` over the families Qt has on this machine (needs a QGuiApplication)."""
    return choose_fonts(title, body, QFontDatabase.families())
