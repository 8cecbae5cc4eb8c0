"""The QApplication as the clerk's PC needs it: names, a CJK font, the style sheet, the icon.

Without a CJK font Qt draws every Chinese character as an empty box (and prints them so,
silently), so start-up looks for one by family name and says which package to install.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QWidget

import resources

# style.qss, icons/ and translations/: a plain directory in the source tree and when installed
# (importlib.resources would give the same path for a regular package, at ~4 ms of start-up).
RESOURCES_DIR = Path(resources.__file__).parent
APP_NAME = "window-assistant"
ORGANIZATION = "tiexi-zwfw"
BODY_POINT_SIZE = 11

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


def warn_if_no_cjk_font(parent: QWidget | None = None) -> bool:
    """Show the missing-font warning if needed; return whether a CJK font is present."""
    if installed_cjk_fonts():
        return True
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(
        parent, QCoreApplication.translate("app", "缺少中文字体"), missing_font_message()
    )
    return False


def resource_text(name: str) -> str:
    return (RESOURCES_DIR / name).read_text(encoding="utf-8")


def icons_dir() -> str:
    """The icons folder as a path Qt can read (a source tree or an installed package)."""
    return (RESOURCES_DIR / "icons").as_posix()


def app_icon() -> QIcon:
    return QIcon(icons_dir() + "/app.svg")


def style_sheet() -> str:
    """The application style sheet, its ``@ICONS@`` placeholders pointing at our icons."""
    return resource_text("style.qss").replace("@ICONS@", icons_dir())


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The application object with names, font, style sheet and icon set (or the existing one)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv if argv is not None else sys.argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationDisplayName(QCoreApplication.translate("app", "窗口助手"))
    family = preferred_ui_font(QFontDatabase.families())
    font = QFont(family) if family else QFont(app.font())
    font.setPointSize(BODY_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(app_icon())
    return app
