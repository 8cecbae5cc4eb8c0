"""The search view when citizens' words miss (issue 13 §1), headless with pytest-qt on the
bundled catalog: 「您要找的是不是…」 as a clickable line instead of an empty table, an empty state
that says what to try, a count that never moves the search box, and the supervisor's
synonyms tab in 设置."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.ui.helpers import show_active, type_into  # tests/ is on sys.path
from ui.admin.settings_dialog import SettingsDialog
from ui.main_window import MainWindow
from ui.search.results_pane import EMPTY, TABLE
from window_assistant.accounts import INSTALLER


@pytest.fixture
def window(qtbot, services):
    window = MainWindow(services, services.default_clerk())
    show_active(qtbot, window)
    return window


def _search(qtbot, window: MainWindow, text: str) -> None:
    type_into(qtbot, window.search_box, text)


def test_a_near_miss_offers_a_clickable_suggestion(qtbot, window):
    _search(qtbot, window, "公债金")
    pane = window.results_pane
    assert window.model.rowCount() == 0 and pane.currentIndex() == EMPTY
    link = pane.empty.suggestion
    assert link.isVisible() and "您要找的是不是「公积金」" in link.text()
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert window.search_box.text() == "公积金"
    assert pane.currentIndex() == TABLE and window.model.rowCount() > 0
    assert window.search_box.hasFocus()  # the clerk types on


def test_enter_takes_the_suggestion_from_the_search_box(qtbot, window):
    _search(qtbot, window, "公债金")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.search_box.text() == "公积金"
    assert window.model.hits()[0].name.startswith("住房公积金")


def test_the_empty_state_says_what_to_try(qtbot, window):
    _search(qtbot, window, "火箭发射")
    pane = window.results_pane
    assert pane.currentIndex() == EMPTY and not pane.empty.suggestion.isVisible()
    assert "没有找到与「火箭发射」相符的事项" in pane.empty.title.text()
    tips = pane.empty.tips.text()
    assert "可以试试" in tips and "拼音首字母" in tips and "事项编码" in tips
    assert "筛选" not in tips
    window.department_combo.setCurrentIndex(1)  # a department chosen: the filter is a reason
    assert "把筛选改回「全部」" in pane.empty.tips.text()
    window.department_combo.setCurrentIndex(0)
    _search(qtbot, window, "")
    assert pane.currentIndex() == TABLE and window.model.rowCount() > 0  # browsing


def test_natural_requests_fill_the_table(qtbot, window):
    _search(qtbot, window, "办营业执照")
    assert window.results_pane.currentIndex() == TABLE
    assert window.model.hits()[0].name in ("企业设立登记", "个体工商户设立登记")


def test_the_count_never_moves_the_search_box(qtbot, window):
    box, label = window.search_box, window.count_label
    geometry, width = box.geometry(), label.width()
    for text in ("", "社", "办营业执照", "火箭发射", "0017", "公债金"):
        _search(qtbot, window, text)
        qtbot.wait(1)  # let the layout run
        assert box.geometry() == geometry, text
        assert label.width() == width
    assert label.fontMetrics().horizontalAdvance(label.count_text(5000)) < width


@pytest.fixture
def supervisor(services):
    return services.accounts.add_account(INSTALLER, "S01", "王主任", "supervisor", "correct horse")


def test_a_supervisor_adds_synonyms_in_the_settings(qtbot, services, supervisor):
    dialog = SettingsDialog(services, supervisor)
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.synonyms.edit
    edit.setPlainText("小饭馆餐饮")
    assert not dialog.save_button.isEnabled()
    assert "缺少「=」" in dialog.errors["search.synonyms"].text()
    edit.setPlainText("小饭馆=餐饮、食品经营许可")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.search.search("小饭馆")[0].name == "食品经营许可（新办）"
    clerk = services.accounts.add_account(INSTALLER, "1004", "王强", "clerk", "2580")
    read_only = SettingsDialog(services, clerk)
    qtbot.addWidget(read_only)
    assert not read_only.synonyms.edit.isEnabled()
    assert read_only.synonyms.edit.toPlainText() == "小饭馆=餐饮、食品经营许可"
