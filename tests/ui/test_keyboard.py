"""Keyboard only, one citizen after another (issue 13 §2): the clerk never reaches for the mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import show_active, type_into  # tests/ is on sys.path
from tests.ui.test_cases import ITEM, fill_applicant, valid_id
from ui.cases.case_dialog import CaseDialog
from ui.main_window import MainWindow


def _open_case(qtbot, window: MainWindow) -> CaseDialog:
    type_into(qtbot, window.search_box, "企业设立登记")
    assert window.model.hit(0).code == ITEM
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    window.results.setFocus()  # the clerk went down into the list before F2
    qtbot.keyClick(window.results, Qt.Key.Key_F2)
    dialog = window.case_dialog
    assert isinstance(dialog, CaseDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _search_box_ready(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(window.search_box.hasFocus)
    assert window.search_box.selectedText() == "企业设立登记"


@pytest.mark.parametrize("how", ["esc", "saved"])
def test_closing_a_case_returns_to_the_search_box_with_its_text_selected(
    qtbot, services, tmp_path, how
):
    window = MainWindow(services, services.default_clerk())
    show_active(qtbot, window)
    dialog = _open_case(qtbot, window)
    if how == "saved":
        qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        fill_applicant(qtbot, dialog, valid_id())
        assert dialog.register_and_save(tmp_path / "a.pdf") is not None
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _search_box_ready(qtbot, window)
    qtbot.keyClicks(window.search_box, "ab")  # the next citizen's query replaces the last one
    assert window.search_box.text() == "ab"


@pytest.mark.parametrize("key", [Qt.Key.Key_S, Qt.Key.Key_P])
def test_ctrl_s_and_ctrl_p_check_the_case_before_any_dialog_opens(
    qtbot, services, monkeypatch, key
):
    asked: list[str] = []
    monkeypatch.setattr(
        "ui.cases.case_dialog.ask_sheet_path", lambda _parent, stem: asked.append(stem)
    )
    monkeypatch.setattr("ui.cases.case_dialog._preview", lambda *_args: asked.append("preview"))
    dialog = CaseDialog(services, services.default_clerk(), "item", ITEM, {})
    show_active(qtbot, dialog)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(dialog, Qt.Key.Key_A, ctrl)
    fill_applicant(qtbot, dialog, valid_id()[:-1] + ("1" if valid_id()[-1] != "1" else "2"))
    qtbot.keyClick(dialog, key, ctrl)
    assert "校验位" in dialog.error.text() and asked == []

    type_into(qtbot, dialog.applicant.id_field.edit, valid_id())
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findText("不予受理"))
    qtbot.keyClick(dialog, key, ctrl)
    assert dialog.error.text().startswith("不予受理须填写理由") and asked == []
    assert dialog.case is None
