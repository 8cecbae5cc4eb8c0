"""登记并打印 straight to the default printer (issue 13 §2, setting ``print.direct``): Ctrl+P
registers once and prints the notice and its 收件回执 with no dialog; the preview stays one key
away; a missing or refusing printer leaves the case registered, says so and opens the preview.

The papers go where the dialog's ``printer_source`` says: here a real QPrinter writing a PDF
file, read back with pdftotext (no Qt class is patched)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from tests.ui.helpers import show_active
from tests.ui.test_cases import ANSWERS, ITEM, close_preview, ctrl, fill_applicant, valid_id
from ui.admin.settings_dialog import SettingsDialog
from ui.cases.case_dialog import CaseDialog
from ui.cases.case_result import save_sheet
from ui.main_window import MainWindow
from window_assistant.accounts import INSTALLER
from window_assistant.cases.registration import CaseService


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFileName(str(path))
    return printer


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pages(path: Path) -> int:
    return len(pypdf.PdfReader(str(path)).pages)


@pytest.fixture
def direct(services):
    services.settings.change(INSTALLER, {"print.direct": True})
    return services


def open_dialog(qtbot, services, source) -> CaseDialog:
    dialog = CaseDialog(
        services, services.default_clerk(), "item", ITEM, ANSWERS, printer_source=source
    )
    show_active(qtbot, dialog)
    ctrl(qtbot, dialog, Qt.Key.Key_A)  # everything brought: 受理通知书 and 收件回执
    fill_applicant(qtbot, dialog, valid_id())
    return dialog


def test_ctrl_p_registers_once_and_prints_both_papers_with_no_dialog(qtbot, direct, tmp_path):
    out = tmp_path / "printer.pdf"
    dialog = open_dialog(qtbot, direct, lambda: pdf_printer(out))
    assert dialog.print_button.text() == "登记并直接打印 Ctrl+P"
    assert str(out) in dialog.print_button.toolTip()  # where it prints
    assert "Ctrl+Shift+P" in dialog.print_button.toolTip()

    ctrl(qtbot, dialog, Qt.Key.Key_P)
    case = dialog.case
    assert case is not None and dialog.preview_dialog is None  # no dialog at all
    [paper] = case.papers
    assert [row.serial for row in CaseService(direct).list()] == [case.serial]
    text = pdftotext(out)
    assert case.serial in text and paper.serial in text
    assert text.index("受理通知书") < text.index("收件回执")
    # the same pages as the notice and the receipt printed one by one, each from a new page
    save_sheet(direct, case.sheet, tmp_path / "notice.pdf")
    save_sheet(direct, paper.sheet, tmp_path / "receipt.pdf")
    notice_pages = pages(tmp_path / "notice.pdf")
    assert pages(out) == notice_pages + pages(tmp_path / "receipt.pdf")
    receipt_first = pypdf.PdfReader(str(out)).pages[notice_pages].extract_text()
    assert "收件回执" in receipt_first
    assert dialog.result_panel.file_label.text() == f"已送打印机 {out}"
    assert dialog.error.text() == ""

    # afterwards the papers are previewed and reprinted as before: nothing registered again
    assert dialog.print_button.text() == "打印 Ctrl+P"
    ctrl(qtbot, dialog, Qt.Key.Key_P)
    assert dialog.preview_dialog is not None and dialog.preview_dialog.isVisible()
    close_preview(dialog)
    assert len(CaseService(direct).list()) == 1


def test_the_preview_stays_one_key_away_and_registers_nothing(qtbot, direct, tmp_path):
    out = tmp_path / "printer.pdf"
    dialog = open_dialog(qtbot, direct, lambda: pdf_printer(out))
    ctrl(qtbot, dialog, Qt.Key.Key_P, shift=True)
    assert dialog.preview_dialog is not None and dialog.preview_dialog.isVisible()
    close_preview(dialog)
    assert dialog.case is None and CaseService(direct).list() == [] and not out.exists()


def test_setting_off_ctrl_p_opens_the_preview_as_before(qtbot, services, tmp_path):
    out = tmp_path / "printer.pdf"
    dialog = open_dialog(qtbot, services, lambda: pdf_printer(out))
    assert dialog.print_button.text() == "登记并打印 Ctrl+P"
    ctrl(qtbot, dialog, Qt.Key.Key_P)
    assert dialog.case is not None
    assert dialog.preview_dialog is not None and dialog.preview_dialog.isVisible()
    close_preview(dialog)
    assert not out.exists()


def test_no_default_printer_registers_once_says_so_and_opens_the_preview(qtbot, direct):
    dialog = open_dialog(qtbot, direct, lambda: None)
    assert "没有默认打印机" in dialog.print_button.toolTip()
    ctrl(qtbot, dialog, Qt.Key.Key_P)
    case = dialog.case
    assert case is not None
    assert [row.serial for row in CaseService(direct).list()] == [case.serial]
    message = dialog.error.text()
    assert case.serial in message and "没有设置默认打印机" in message and "打印预览" in message
    assert dialog.preview_dialog is not None and dialog.preview_dialog.isVisible()
    assert "受理通知书、收件回执" in dialog.preview_dialog.windowTitle()
    close_preview(dialog)
    assert dialog.result_panel.file_label.text() == ""


@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")  # Qt says so, and so do we
def test_a_printer_that_refuses_leaves_the_case_registered_and_opens_the_preview(
    qtbot, direct, tmp_path
):
    gone = tmp_path / "no such folder" / "printer.pdf"  # the printer cannot begin the job
    dialog = open_dialog(qtbot, direct, lambda: pdf_printer(gone))
    ctrl(qtbot, dialog, Qt.Key.Key_P)
    case = dialog.case
    assert case is not None and not gone.exists()
    message = dialog.error.text()
    assert case.serial in message and f"打印机「{gone}」没有接受打印任务" in message
    assert dialog.preview_dialog is not None and dialog.preview_dialog.isVisible()
    close_preview(dialog)
    # the clerk prints again (from the preview, or Ctrl+P): the same case, never a new serial
    assert dialog.register_and_print() is case
    close_preview(dialog)
    assert [row.serial for row in CaseService(direct).list()] == [case.serial]


def test_the_main_window_confirms_the_printer_and_takes_the_focus_back(qtbot, direct, tmp_path):
    out = tmp_path / "printer.pdf"
    window = MainWindow(direct, direct.default_clerk())
    show_active(qtbot, window)
    window.search_box.setText("企业设立登记")
    window.open_code("item", ITEM)
    window.start_case()
    dialog = window.case_dialog
    assert isinstance(dialog, CaseDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.printer_source = lambda: pdf_printer(out)
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    fill_applicant(qtbot, dialog, valid_id())
    ctrl(qtbot, dialog, Qt.Key.Key_P)
    assert dialog.case is not None and out.exists()
    assert window.confirm.isVisible()
    assert window.confirm.text.text() == f"已登记:{dialog.case.serial},已送打印机 {out}"
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(window.search_box.hasFocus)
    assert window.search_box.selectedText() == "企业设立登记"


def test_a_supervisor_turns_direct_printing_on_a_clerk_sees_it_greyed(qtbot, set_up):
    clerk_dialog = SettingsDialog(set_up, set_up.accounts.authenticate("1003", "2580"))
    qtbot.addWidget(clerk_dialog)
    assert not clerk_dialog.direct_check.isEnabled() and not clerk_dialog.direct_check.isChecked()
    boss = set_up.accounts.authenticate("S01", "correct horse")
    dialog = SettingsDialog(set_up, boss)
    qtbot.addWidget(dialog)
    assert dialog.direct_check.text() == "登记并打印时直接送默认打印机(不预览)"
    dialog.direct_check.setChecked(True)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert set_up.settings.print_direct is True
    [entry] = [e for e in set_up.audit.entries() if e.detail.get("key") == "print.direct"]
    assert entry.actor == "S01" and entry.detail["new"] is True
