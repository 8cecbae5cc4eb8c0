"""Keyboard only, one citizen after another (issue 13 §2): the clerk never reaches for the mouse."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QWidget,
)

from tests.ui.helpers import show_active, type_into  # tests/ is on sys.path
from tests.ui.test_cases import ITEM, fill_applicant, valid_id
from tests.ui.test_mnemonics import mnemonic
from ui.admin.account_forms import ClerkForm
from ui.admin.accounts_dialog import AccountsDialog
from ui.cases.case_dialog import CaseDialog
from ui.cases.case_result import ask_sheet_path
from ui.cases.cases_view import CasesDialog
from ui.i18n import install_translator, remove_translators
from ui.main_window import MainWindow
from window_assistant.accounts import INSTALLER


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


# -- 账号管理 --------------------------------------------------------------------------------
@pytest.fixture
def supervisor(services):
    return services.accounts.add_account(INSTALLER, "S01", "王主任", "supervisor", "correct horse")


def test_tab_leaves_the_accounts_tables(qtbot, services, supervisor):
    dialog = AccountsDialog(services, supervisor)
    show_active(qtbot, dialog)
    for tab, table in ((0, dialog.table), (1, dialog.windows_table)):
        dialog.tabs.setCurrentIndex(tab)
        table.setFocus()
        table.setCurrentIndex(table.model().index(0, 0))
        qtbot.keyClick(table, Qt.Key.Key_Tab)
        assert not table.hasFocus() and table.currentIndex().column() == 0


def test_the_accounts_tabs_and_buttons_have_mnemonics(qtbot, services, supervisor):
    dialog = AccountsDialog(services, supervisor)
    show_active(qtbot, dialog)
    texts = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    (box,) = dialog.findChildren(QDialogButtonBox)  # its Close is Esc's (Qt's text, any language)
    close = box.button(QDialogButtonBox.StandardButton.Close)
    texts += [b.text() for b in dialog.findChildren(QPushButton) if b is not close]
    assert all("&" in text for text in texts), texts
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentIndex() == 1


def test_the_new_clerk_form_opens_on_its_first_field(qtbot, services, supervisor):
    dialog = AccountsDialog(services, supervisor)
    show_active(qtbot, dialog)
    dialog.add_button.click()
    form = dialog.editor
    assert isinstance(form, ClerkForm)
    qtbot.waitUntil(form.isActiveWindow)
    assert form.focusWidget() is form.edits["login"]
    qtbot.keyClicks(form.focusWidget(), "1005")
    assert form.edits["login"].text() == "1005"


def test_the_applicants_kind_is_chosen_with_the_arrow_keys(qtbot, services):
    dialog = CaseDialog(services, services.default_clerk(), "item", ITEM, {})
    show_active(qtbot, dialog)
    form = dialog.applicant
    form.person_radio.setFocus()
    qtbot.keyClick(form.person_radio, Qt.Key.Key_Right)
    assert form.organisation_radio.isChecked() and form.organisation_radio.hasFocus()
    qtbot.keyClick(form.organisation_radio, Qt.Key.Key_Left)
    assert form.person_radio.isChecked()


def _focus_changes_the_look(qtbot, widget: QWidget) -> bool:
    widget.clearFocus()
    qtbot.waitUntil(lambda: not widget.hasFocus())
    without = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    return widget.grab().toImage() != without


def _takes_tab(widget: QWidget) -> bool:
    policy = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    return widget.isVisible() and widget.isEnabled() and bool(policy)


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__} {widget.objectName()} {text}"


def test_focus_is_visible_on_every_control(qtbot, styled, services, supervisor):
    """Every control reached by Tab in the main window, 账号管理 and the case dialog looks
    different with the focus (style.qss), with the application's own style sheet."""
    window = MainWindow(services, services.default_clerk())
    accounts = AccountsDialog(services, supervisor)
    case = CaseDialog(services, services.default_clerk(), "item", ITEM, {})
    unseen = []
    for dialog in (window, accounts, case):
        show_active(qtbot, dialog)
        unseen += [
            _name(widget)
            for widget in dialog.findChildren(QWidget)
            if _takes_tab(widget) and not _focus_changes_the_look(qtbot, widget)
        ]
        dialog.close()
    assert unseen == [], "\n".join(unseen)


# -- drop-down lists ---------------------------------------------------------------------------
def _row_colours(image: QImage, rect: QRect) -> Counter[int]:
    return Counter(
        image.pixel(x, y)
        for x in range(rect.left() + 1, rect.right() - 1)
        for y in range(rect.top() + 1, rect.bottom() - 1)
    )


def test_an_open_list_shows_its_highlighted_entry(qtbot, styled, services):
    """The entry under the keyboard is painted highlighted with its text, not as a blank box."""
    dialog = CaseDialog(services, services.default_clerk(), "item", ITEM, {})
    show_active(qtbot, dialog)
    for combo in (next(iter(dialog.combos.values())), dialog.applicant.id_type_combo):
        combo.setFocus()
        combo.showPopup()
        view = combo.view()
        qtbot.waitUntil(view.isVisible)
        view.setCurrentIndex(combo.model().index(1, 0))
        image = view.viewport().grab().toImage()
        highlighted = _row_colours(image, view.visualRect(combo.model().index(1, 0)))
        plain = _row_colours(image, view.visualRect(combo.model().index(2, 0)))
        (background, _), *_ = highlighted.most_common(1)
        assert background != plain.most_common(1)[0][0]  # painted as highlighted
        assert len(highlighted) > 5  # and its text is drawn in another colour over it
        combo.hidePopup()


# -- save dialogs ------------------------------------------------------------------------------
def _answer_save_dialog(seen: dict, folder: Path | None) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QFileDialog)
    seen.setdefault("opened_in", []).append(Path(dialog.directory().absolutePath()))
    seen["buttons"] = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
    seen["labels"] = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    if folder is None:
        dialog.reject()
        return
    dialog.setDirectory(str(folder))
    dialog.selectFile(str(folder / "告知书.pdf"))
    dialog.accept()


def test_save_dialogs_open_in_the_folder_last_used_and_speak_chinese(qtbot, qapp, tmp_path):
    translators = install_translator(qapp, "zh_CN")
    try:
        parent = QWidget()
        qtbot.addWidget(parent)
        seen: dict = {}
        usb = tmp_path / "U盘"
        usb.mkdir()
        QTimer.singleShot(0, lambda: _answer_save_dialog(seen, usb))
        assert ask_sheet_path(parent, "告知书") == usb / "告知书.pdf"
        QTimer.singleShot(0, lambda: _answer_save_dialog(seen, None))  # cancelled: kept
        assert ask_sheet_path(parent, "告知书") is None
        QTimer.singleShot(0, lambda: _answer_save_dialog(seen, None))
        assert ask_sheet_path(parent, "告知书") is None
    finally:
        remove_translators(qapp, translators)
    assert seen["opened_in"][0] != usb and seen["opened_in"][1:] == [usb, usb]
    assert {"保存(&S)", "取消"} <= set(seen["buttons"])
    assert {"查找范围(&L):", "文件名称(&N)：", "文件类型(&T):"} <= set(seen["labels"])


# -- 办件台账 ----------------------------------------------------------------------------------
def test_every_ledger_filter_is_reached_by_its_alt_letter(qtbot, services, supervisor):
    view = CasesDialog(services, supervisor)
    show_active(qtbot, view)
    filters = [  # 登记日期 last: unticking it disables the dates
        view.to_edit,
        view.kind_combo,
        view.state_combo,
        view.flow_combo,
        view.region_combo,
        view.item_combo,
        view.clerk_combo,
        view.overdue_check,
        view.dates_check,
    ]
    buddies = {label.buddy(): label.text() for label in view.findChildren(QLabel) if label.buddy()}
    for widget in filters:
        text = widget.text() if isinstance(widget, QAbstractButton) else buddies[widget]
        letter = mnemonic(text)
        assert letter is not None, text
        view.table.setFocus()
        ticked = widget.isChecked() if isinstance(widget, QAbstractButton) else None
        qtbot.keyClick(
            view, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier
        )
        qtbot.waitUntil(
            lambda w=widget: w.hasFocus() or bool(w.focusProxy() and w.focusProxy().hasFocus())
        )
        if isinstance(widget, QAbstractButton):  # a check box's letter ticks it (a moment later)
            qtbot.waitUntil(lambda w=widget, t=ticked: w.isChecked() != t)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert not view.table.hasFocus()
