"""Which installed font families cover Chinese, for the screen (``ui.app``) and the paper
(``ui.render.fonts``). QtGui only: the PDF writer uses it without loading widgets.

Without a CJK font Qt draws every Chinese character as an empty box (and prints them so,
silently), so both look for one by family name and say which package to install.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase

# Substrings of family names of fonts that cover Simplified Chinese, by platform.
CJK_FONT_HINTS = (
    "Noto Sans CJK",
    "Noto Serif CJK",
    "Source Han",
    "WenQuanYi",
    "Droid Sans Fallback",
    "AR PL",
    "Microsoft YaHei",
    "SimSun",
    "SimHei",
    "FangSong",
    "KaiTi",
    "DengXian",
    "PingFang",
    "Hiragino Sans GB",
    "STHeiti",
    "STSong",
    "微软雅黑",
    "宋体",
    "黑体",
    "仿宋",
)

# Screen faces in order of preference (first one present wins).
PREFERRED_UI_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK",
    "Source Han Sans",
    "DengXian",
    "SimHei",
)


def cjk_font_families(families: Iterable[str]) -> list[str]:
    """The families among ``families`` that cover Chinese, by name."""
    hints = [h.casefold() for h in CJK_FONT_HINTS]
    return [f for f in families if any(h in f.casefold() for h in hints)]


def preferred_ui_font(families: Sequence[str]) -> str | None:
    """The best screen face among the CJK ``families`` (exact name first, then prefix)."""
    cjk = cjk_font_families(families)
    for wanted in PREFERRED_UI_FONTS:
        for family in cjk:
            if family == wanted:
                return family
        for family in cjk:
            if family.startswith(wanted):
                return family
    return cjk[0] if cjk else None


def installed_cjk_fonts() -> list[str]:
    """CJK families Qt can use on this machine (needs a QGuiApplication)."""
    return cjk_font_families(QFontDatabase.families())


def missing_font_message() -> str:
    return QCoreApplication.translate(
        "app",
        "本机没有找到中文字体,窗口和打印的告知书中的汉字会显示成方框。\n\n"
        "请安装中文字体后重新启动窗口助手:\n"
        "  · Debian / Ubuntu / 统信UOS / 麒麟:sudo apt install fonts-noto-cjk\n"
        "  · 其他 Linux:安装 Noto Sans CJK(思源黑体)或文泉驿字体\n"
        "  · Windows:确认系统自带的“微软雅黑”“宋体”字体未被删除",
    )
