"""No two controls a clerk sees at once answer the same Alt+letter, in English or in Chinese
(issue 13 §2): a duplicate mnemonic only cycles the focus, so the key does not do its job."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QTabBar, QWidget

from tests.ui.helpers import show_active  # tests/ is on sys.path
from tests.ui.test_cases import ITEM
from ui.admin.accounts_dialog import AccountsDialog
from ui.admin.import_dialog import ImportDialog
from ui.admin.settings_dialog import SettingsDialog
from ui.cases.case_dialog import CaseDialog
from ui.cases.cases_view import CasesDialog
from ui.crossregion.view import CrossRegionWindow
from ui.i18n import install_translator, remove_translators
from ui.main_window import MainWindow
from ui.ratings.board import BoardDialog
from ui.signin.login import LoginDialog
from window_assistant.accounts import INSTALLER

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _duplicates(named: list[tuple[str, str | None]]) -> list[str]:
    counts = Counter(key for _, key in named if key)
    return sorted(f"{key}: {text}" for text, key in named if key and counts[key] > 1)


def _shown_texts(window: QWidget) -> list[str]:
    """What the window's Alt+letters belong to: visible buttons, tabs, group boxes, and labels
    that give their buddy the focus."""
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
    return texts


def _menu_clashes(menu_actions: list[QAction], where: str) -> list[str]:
    visible = [a for a in menu_actions if a.isVisible() and not a.isSeparator()]
    clashes = [
        f"{where}: {d}" for d in _duplicates([(a.text(), mnemonic(a.text())) for a in visible])
    ]
    for action in visible:
        if isinstance(action.menu(), QMenu):
            clashes += _menu_clashes(action.menu().actions(), action.text())
    return clashes


def _window_clashes(window: QWidget) -> list[str]:
    texts = _shown_texts(window)
    return [f"{type(window).__name__}: {d}" for d in _duplicates([(t, mnemonic(t)) for t in texts])]


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    translators = install_translator(qapp, request.param)
    yield request.param
    remove_translators(qapp, translators)


def test_the_pattern_finds_mnemonics():
    assert mnemonic("文件(&F)") == "f" and mnemonic("Add &clerk…") == "c"
    assert mnemonic("Save && close") is None and mnemonic("关闭 Esc") is None
    assert _duplicates([("&Edit", "e"), ("&Exit", "e"), ("&File", "f")]) == ["e: &Edit", "e: &Exit"]


def test_no_duplicate_mnemonics_in_the_menus_and_forms(qtbot, services, language):
    supervisor = services.accounts.add_account(
        INSTALLER, "S01", "王主任", "supervisor", "correct horse"
    )
    window = MainWindow(services, supervisor)
    show_active(qtbot, window)
    clashes = _menu_clashes(window.menuBar().actions(), "menu bar")
    clashes += _window_clashes(window)
    crossregion = CrossRegionWindow(services, supervisor)
    show_active(qtbot, crossregion)
    clashes += _menu_clashes(crossregion.menuBar().actions(), "跨域通办")
    for dialog in (  # the case, 账号管理, 办件台账, 设置, 导入目录, 差评整改, 跨域通办, 登录
        CaseDialog(services, services.default_clerk(), "item", ITEM, {}),
        AccountsDialog(services, supervisor),
        CasesDialog(services, supervisor),
        SettingsDialog(services, supervisor),
        ImportDialog(services, supervisor),
        BoardDialog(services, supervisor),
        crossregion,
        LoginDialog(services),
    ):
        show_active(qtbot, dialog)
        clashes += _window_clashes(dialog)
        dialog.close()
    assert clashes == [], "\n".join(clashes)
