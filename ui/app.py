"""The QApplication as the clerk's PC needs it: names, a CJK font, the style sheet, the icon.

Without a CJK font Qt draws every Chinese character as an empty box (and prints them so,
silently), so start-up looks for one by family name and says which package to install.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QWidget

import resources
from ui.fonts import installed_cjk_fonts, missing_font_message, preferred_ui_font

# style.qss, icons/ and translations/: a plain directory in the source tree and when installed
# (importlib.resources would give the same path for a regular package, at ~4 ms of start-up).
RESOURCES_DIR = Path(resources.__file__).parent
APP_NAME = "window-assistant"
ORGANIZATION = "tiexi-zwfw"
BODY_POINT_SIZE = 11


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


def app_font(app: QApplication) -> QFont:
    """The window's font: a Chinese UI face this PC has, at the body size."""
    family = preferred_ui_font(QFontDatabase.families())
    font = QFont(family) if family else QFont(app.font())
    font.setPointSize(BODY_POINT_SIZE)
    return font


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The application object with names, font, style sheet and icon set (or the existing one)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv if argv is not None else sys.argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationDisplayName(QCoreApplication.translate("app", "窗口助手"))
    app.setFont(app_font(app))
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(app_icon())
    return app
