"""Interface language: the English translation of our own strings and Qt's own (buttons, menus).

Chinese is the source language, so ``zh_CN`` needs only Qt's own Chinese strings (so that a
QWizard says 下一步 rather than Next); ``en`` loads ``window_assistant_en.qm``. The language
setting takes effect at the next start, because translators are installed before any window
is built.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from ui.app import RESOURCES_DIR

if TYPE_CHECKING:
    from window_assistant.vocab import Code

APP_CATALOG = "window_assistant"
_language = "zh_CN"  # of the translators installed last


def code_label(code: Code) -> str:
    """A stored code as the interface shows it: its Chinese label, or its English one while the
    English translation is installed. The labels live in ``window_assistant.vocab``."""
    from window_assistant.vocab import label_for  # not at start-up: the sign-in needs none

    return label_for(code, _language)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context`` and return it unchanged: Qt's own marker,
    typed as returning ``str`` (PySide6's stub says ``object``)."""
    return text


def translations_dir() -> Path:
    """``resources/translations`` (a real directory: QTranslator needs a file path)."""
    return RESOURCES_DIR / "translations"


def install_translator(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for ``language`` on ``app``; return those that loaded.

    The translators are children of ``app``, so they live as long as it does.
    """
    global _language
    _language = language
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_locale = "en" if language == "en" else "zh_CN"
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{qt_locale}", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    if language == "en":
        ours = QTranslator(app)
        if ours.load(f"{APP_CATALOG}_en", str(translations_dir())):
            app.installTranslator(ours)
            installed.append(ours)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    global _language
    _language = "zh_CN"
    for translator in translators:
        app.removeTranslator(translator)
