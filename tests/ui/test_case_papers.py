"""The papers of one registration in the case dialog (issue 11 §1): a stated 受理 prints the
受理通知书 and the 收件回执 together, 不予受理 the 不予受理通知书 with the clerk's reason and
basis; previewed in one job, saved side by side, read back from the PDFs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget

from tests.ui.test_cases import close_preview, ctrl, fill_applicant, open_dialog, pdf_text, valid_id
from ui.cases.case_result import receipt_path
from ui.cases.cases_view import CasesDialog
from window_assistant.cases.registration import CaseService
from window_assistant.vocab import Outcome, SheetKind


@pytest.fixture
def clerk(services):
    return services.default_clerk()


@pytest.fixture
def dialog(qtbot, services, clerk):
    return open_dialog(qtbot, services, clerk)


def preview_pages(dialog) -> int:
    widget = dialog.preview_dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    return widget.pageCount()


def test_a_complete_case_previews_its_notice_and_receipt_in_one_job(qtbot, dialog, services):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    assert dialog.outcome_combo.currentData() == Outcome.ACCEPTED
    assert dialog.papers_label.text() == "将出具:受理通知书、收件回执"
    ctrl(qtbot, dialog, Qt.Key.Key_P, shift=True)
    assert "受理通知书、收件回执" in dialog.preview_dialog.windowTitle()
    assert preview_pages(dialog) >= 2  # each paper from a page of its own
    close_preview(dialog)
    assert CaseService(services).list() == []


def test_register_and_save_writes_the_notice_and_the_receipt_beside_it(qtbot, dialog, tmp_path):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    fill_applicant(qtbot, dialog, valid_id())
    path = tmp_path / "受理.pdf"
    case = dialog.register_and_save(path)
    assert case is not None and case.kind == SheetKind.ACCEPTANCE
    [paper] = case.papers
    receipt = receipt_path(path)
    assert receipt == tmp_path / "受理-收件回执.pdf"
    notice_text, receipt_text = pdf_text(path), pdf_text(receipt)
    assert "受理通知书" in notice_text and case.serial in notice_text
    assert "承诺办结日期" in notice_text and "（盖章）" in notice_text
    assert "收件回执" in receipt_text and paper.serial in receipt_text
    assert "公司章程" in receipt_text and case.serial in receipt_text  # the case it belongs to
    result = dialog.result_panel
    assert result.papers_label.text() == f"收件回执 {paper.serial}"
    assert str(receipt) in result.file_label.text()

    again = tmp_path / "again.pdf"  # 另存为 once registered: both papers again, nothing new
    assert dialog.register_and_save(again) is case
    assert receipt_path(again).exists()
    assert len(CaseService(dialog.services).list()) == 1


def test_a_refusal_takes_reason_and_basis_and_prints_the_refusal(qtbot, dialog, tmp_path):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findText("不予受理"))
    assert dialog.reason_edit.isVisible() and dialog.basis_edit.isVisible()
    assert dialog.papers_label.text() == "将出具:不予受理通知书、收件回执"
    dialog.reason_edit.setText("申请事项依法不属于本机关职权范围")
    dialog.basis_edit.setText("《中华人民共和国行政许可法》第三十二条第一款第（二）项")
    path = tmp_path / "不予受理.pdf"
    case = dialog.register_and_save(path)
    assert case is not None and case.kind == SheetKind.REFUSAL
    text = pdf_text(path)
    assert "申请事项依法不属于本机关职权范围" in text and "第三十二条第一款第（二）项" in text
    assert "申请行政复议" in text and "提起行政诉讼" in text


def test_a_consultation_prints_the_notice_alone(qtbot, dialog):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findData(Outcome.CONSULTED))
    assert dialog.papers_label.text() == "将出具:一次性告知书"
    assert dialog.request().receipt is False


def test_the_cases_view_reprints_the_notice_with_its_receipt(
    qtbot, dialog, services, clerk, tmp_path
):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    fill_applicant(qtbot, dialog, valid_id())
    first = tmp_path / "first.pdf"
    case = dialog.register_and_save(first)
    view = CasesDialog(services, clerk)
    qtbot.addWidget(view)
    assert view.selected().serial == case.serial
    again = tmp_path / "again.pdf"
    view.save_reprint(again)
    assert pdf_text(again) == pdf_text(first)
    assert pdf_text(receipt_path(again)) == pdf_text(receipt_path(first))
    preview = view.reprint()
    assert preview is not None and "受理通知书、收件回执" in preview.windowTitle()
    preview.close()
