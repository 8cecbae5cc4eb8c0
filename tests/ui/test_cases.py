"""The clerk's case in the window: situations → materials brought → applicant → sheet kind →
register, print or save; the rating QR code on screen; the cases view and reprints."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pypdf
import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QDate, QIODevice, Qt
from PySide6.QtWidgets import QDialog

from tests.store_helpers import held_by_another_program
from tests.ui.helpers import show_active, type_into  # tests/ is on sys.path
from ui.cases.case_dialog import CaseDialog
from ui.cases.cases_view import CasesDialog
from ui.cases.ledger_models import FILTER_ROLE
from ui.main_window import MainWindow
from ui.shortcuts import SHORTCUTS
from window_assistant.accounts import INSTALLER
from window_assistant.cases import ids
from window_assistant.cases.model import CaseRequest
from window_assistant.cases.registration import CaseService
from window_assistant.sheets.model import Person
from window_assistant.vocab import CaseState

ITEM = "001701001000"  # 企业设立登记: situations, a shareable, a 容缺后补 material
ANSWERS = {"company_type": "有限责任公司", "premises": "租赁房产", "agent": "否"}
RONGQUE = "房屋租赁合同"  # 容缺后补 when 租赁房产
NECESSARY = "公司章程"  # 必要 for 有限责任公司
SHARED = "股东（投资人、合伙人）主体资格证明"  # 免提交
PHONE = "13812341234"


def valid_id(first17: str = "11010519491231002") -> str:
    """GB 11643: ISO 7064 MOD 11-2 check character, computed here independently."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    total = sum(int(d) * w for d, w in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


def wrong_check(number: str) -> str:
    return number[:17] + ("1" if number[17] != "1" else "2")


def pdf_text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


def nospace(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def clerk(services):
    return services.default_clerk()


@pytest.fixture
def cases(services):
    return CaseService(services)


def open_dialog(qtbot, services, clerk, answers=ANSWERS) -> CaseDialog:
    dialog = CaseDialog(services, clerk, "item", ITEM, answers)
    show_active(qtbot, dialog)
    return dialog


@pytest.fixture
def dialog(qtbot, services, clerk) -> CaseDialog:
    return open_dialog(qtbot, services, clerk)


def ctrl(qtbot, widget, key, shift=False) -> None:
    mods = Qt.KeyboardModifier.ControlModifier
    if shift:
        mods |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(widget, key, mods)


def fill_applicant(qtbot, dialog: CaseDialog, number: str, phone: str = PHONE) -> None:
    form = dialog.applicant
    type_into(qtbot, form.name_edit, "张晓梅")
    type_into(qtbot, form.id_field.edit, number)
    type_into(qtbot, form.phone_field.edit, phone)


def close_preview(dialog) -> None:
    if dialog.preview_dialog is not None:
        dialog.preview_dialog.close()


# -- situations and materials ----------------------------------------------------------------
def test_answers_prefill_and_change_the_materials(qtbot, dialog):
    names = set(dialog.materials.status_texts())
    assert {NECESSARY, RONGQUE, SHARED} <= names
    assert "合伙协议" not in names and "不动产权证书" not in names and "授权委托书" not in names
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    combo = dialog.combos["company_type"]
    combo.setCurrentIndex(combo.findData("合伙企业"))
    names = set(dialog.materials.status_texts())
    assert "合伙协议" in names and NECESSARY not in names
    assert dialog.materials.status_texts()["合伙协议"] == "缺"  # new material: not brought
    assert dialog.materials.status_texts()[RONGQUE] == "已提交"  # still ticked
    agent = dialog.combos["agent"]
    agent.setCurrentIndex(agent.findData("是"))
    assert "授权委托书" in dialog.materials.status_texts()


def test_tick_all_and_none_and_shared_materials_cannot_be_ticked(qtbot, dialog):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    statuses = dialog.materials.status_texts()
    assert statuses[SHARED] == "免提交"
    assert all(s in ("已提交", "免提交") for s in statuses.values()), statuses
    assert SHARED not in dialog.materials.brought()
    assert dialog.summary.text() == "材料齐全"
    with pytest.raises(ValueError):
        dialog.materials.set_brought(SHARED, True)

    ctrl(qtbot, dialog, Qt.Key.Key_A, shift=True)
    assert dialog.materials.brought() == set()
    assert dialog.materials.status_texts()[NECESSARY] == "缺"
    missing = [n for n, s in dialog.materials.status_texts().items() if s in ("缺", "容缺后补")]
    assert dialog.summary.text().startswith(f"缺 {len(missing)} 项:")
    assert f"{RONGQUE}(容缺后补)" in dialog.summary.text()


def test_the_suggested_kind_follows_the_ticks(qtbot, dialog):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    assert dialog.kind_combo.currentData() == "notice"
    assert dialog.outcome_combo.currentText() == "受理"
    dialog.materials.set_brought(NECESSARY, False)
    assert dialog.kind_combo.currentData() == "correction"
    assert dialog.outcome_combo.currentText() == "补正告知"
    assert "一次性补正告知书" in dialog.suggestion.text()
    dialog.materials.set_brought(NECESSARY, True)
    dialog.materials.set_brought(RONGQUE, False)
    assert dialog.kind_combo.currentData() == "rongque"
    assert dialog.outcome_combo.currentText() == "容缺受理"
    assert dialog.summary.text() == f"缺 1 项:{RONGQUE}(容缺后补)"


def test_a_no_application_item_offers_only_the_notice_as_informed(qtbot, services, clerk):
    dialog = CaseDialog(services, clerk, "item", "000308003000", {})  # 专精特新奖励(免申即享)
    show_active(qtbot, dialog)
    kinds = [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())]
    outcomes = [dialog.outcome_combo.itemText(i) for i in range(dialog.outcome_combo.count())]
    assert kinds == ["notice"] and outcomes == ["一次性告知/咨询"]
    statuses = dialog.materials.status_texts()
    assert statuses["政策兑现确认函"] == "免提交（由部门获取）"  # the department obtains it
    assert "缺" not in statuses.values()


# -- the applicant -----------------------------------------------------------------------------
def test_an_invalid_id_number_is_shown_live_and_registers_nothing(qtbot, dialog, cases, tmp_path):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    bad = wrong_check(valid_id())
    fill_applicant(qtbot, dialog, bad, phone="1381234")
    id_error = dialog.applicant.id_field.error
    assert id_error.isVisible() and "校验位" in id_error.text()
    assert id_error.text() == ids.id_problem(ids.RESIDENT_ID, bad)
    assert "手机号码" in dialog.applicant.phone_field.error.text()

    ctrl(qtbot, dialog, Qt.Key.Key_P)
    assert dialog.error.isVisible() and "校验位" in dialog.error.text()
    assert dialog.register_and_save(tmp_path / "x.pdf") is None
    assert cases.list() == [] and dialog.case is None
    assert not (tmp_path / "x.pdf").exists()

    type_into(qtbot, dialog.applicant.id_field.edit, valid_id())
    type_into(qtbot, dialog.applicant.phone_field.edit, PHONE)
    assert not dialog.applicant.id_field.error.isVisible()
    assert not dialog.applicant.phone_field.error.isVisible()
    case = dialog.register_and_save(tmp_path / "x.pdf")
    assert case is not None and case.applicant.id_number == valid_id()
    assert [r.serial for r in cases.list()] == [case.serial]


def test_a_registration_error_from_the_core_is_shown_and_nothing_registered(qtbot, dialog, cases):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findText("不予受理"))
    assert dialog.reason_edit.isVisible()
    assert dialog.register_and_print() is None
    assert dialog.error.text().startswith("不予受理须填写理由")
    assert cases.list() == []


def test_a_file_that_cannot_be_written_registers_nothing(qtbot, dialog, cases, tmp_path):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    assert dialog.register_and_save(tmp_path / "no such folder" / "a.pdf") is None
    assert "不存在" in dialog.error.text()
    assert dialog.register_and_save(tmp_path / "a.txt") is None
    assert "扩展名应为 .docx 或 .pdf" in dialog.error.text()
    assert cases.list() == []


def test_a_file_name_taken_after_registering_shows_the_registered_case_and_why(
    qtbot, dialog, cases, tmp_path
):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    taken = tmp_path / "告知书.pdf"
    (taken / "a folder now").mkdir(parents=True)  # the rename after COMMIT is refused
    assert dialog.register_and_save(taken) is None
    [row] = cases.list()
    assert dialog.case is not None and dialog.case.serial == row.serial
    assert dialog.stack.currentWidget() is dialog.result_panel
    assert row.serial in dialog.error.text() and "没有保存" in dialog.error.text()


def test_a_database_held_by_another_program_is_reported_and_the_case_stays_on_screen(
    qtbot, dialog, services, cases
):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    fill_applicant(qtbot, dialog, valid_id())
    with held_by_another_program(services.store):
        assert dialog.register_and_print() is None
        assert "另一个程序占用" in dialog.error.text() and "没有保存" in dialog.error.text()
    assert cases.list() == [] and dialog.case is None
    assert dialog.applicant.id_field.edit.text()  # what the clerk typed is still there
    case = dialog.register_and_print()  # once the database is free, the same case registers
    close_preview(dialog)
    assert case is not None and case.serial.endswith("〕1号")


# -- preview, print, save, result --------------------------------------------------------------
def test_preview_registers_nothing(qtbot, dialog, cases):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    ctrl(qtbot, dialog, Qt.Key.Key_P, shift=True)
    assert dialog.preview_dialog is not None and dialog.preview_dialog.isVisible()
    assert "受理通知书、收件回执" in dialog.preview_dialog.windowTitle()
    close_preview(dialog)
    assert cases.list() == [] and dialog.case is None


def test_register_and_print_shows_the_case_and_its_rating_qr(qtbot, services, clerk, cases):
    services.settings.change(INSTALLER, {"rating.host": "192.168.1.20", "rating.by_phone": True})
    dialog = open_dialog(qtbot, services, clerk)
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    dialog.materials.set_brought(RONGQUE, False)
    fill_applicant(qtbot, dialog, valid_id())
    ctrl(qtbot, dialog, Qt.Key.Key_P)
    case = dialog.case
    assert case is not None and case.kind == "rongque" and case.outcome == "rongque"
    assert dialog.preview_dialog.isVisible()
    close_preview(dialog)

    result = dialog.result_panel
    assert dialog.stack.currentWidget() is result
    assert result.serial_label.text() == case.serial and "承" in case.serial
    assert result.kind_label.text() == "容缺受理承诺书"
    assert RONGQUE in result.missing_label.text()
    assert result.qr_caption.text() == "请扫码评价本次服务"
    assert result.url_label.text() == case.rating_url
    pixmap = result.qr_label.pixmap()
    assert pixmap.width() >= 250  # large enough to scan from the screen
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.toImage().save(buffer, "PNG")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))
    assert [b.text for b in decoded] == [case.rating_url]
    assert case.rating_url == f"http://192.168.1.20:8765/r/{case.token}"

    ctrl(qtbot, dialog, Qt.Key.Key_P)  # prints the same case again: no second registration
    close_preview(dialog)
    assert [r.serial for r in cases.list()] == [case.serial]
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_without_rating_by_phone_the_result_shows_no_qr_and_sends_to_the_pad(
    qtbot, dialog, tmp_path
):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    fill_applicant(qtbot, dialog, valid_id())
    case = dialog.register_and_save(tmp_path / "告知.pdf")
    result = dialog.result_panel
    assert case is not None and case.rating_url == ""
    assert dialog.stack.currentWidget() is result
    assert result.qr_caption.text() == "请在窗口评价器上评价本次服务"
    assert result.qr_label.isHidden() and result.qr_label.pixmap().isNull()
    assert result.url_label.text() == ""


def test_register_and_save_writes_the_pdf_then_saves_the_same_sheet_again(
    qtbot, dialog, cases, tmp_path
):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    dialog.materials.set_brought(NECESSARY, False)
    fill_applicant(qtbot, dialog, valid_id())
    case = dialog.register_and_save(tmp_path / "补正.pdf")
    assert case is not None and case.kind == "correction"
    text = pdf_text(tmp_path / "补正.pdf")
    assert nospace(case.serial) in text and "一次性补正告知书" in text and NECESSARY in text
    assert valid_id() not in text  # the applicant's number is printed masked
    assert str(tmp_path / "补正.pdf") in dialog.result_panel.file_label.text()
    assert dialog.register_and_save(tmp_path / "again.docx") is case
    assert (tmp_path / "again.docx").stat().st_size > 0
    assert len(cases.list()) == 1


# -- the cases view ----------------------------------------------------------------------------
def _register(services, clerk, brought_all=True, outcome=None, number=None):
    cases = CaseService(services)
    subject_materials = {
        NECESSARY,
        RONGQUE,
        "企业登记（备案）申请书",
        "法定代表人、董事、监事和经理的任职文件",
    }
    brought = subject_materials if brought_all else subject_materials - {NECESSARY}
    applicant = Person("李四", "person", ids.RESIDENT_ID, number or valid_id(), PHONE)
    return cases.register(
        CaseRequest("item", ITEM, dict(ANSWERS), set(brought), applicant, outcome=outcome), clerk
    )


def _all_data(model) -> str:
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, FILTER_ROLE)
    return " ".join(
        str(model.data(model.index(r, c), role))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        for role in roles
    )


@pytest.mark.qt_no_exception_capture
def test_the_cases_view_takes_no_date_the_core_refuses(qtbot, services, clerk, monkeypatch):
    """Typing 9999-12-31 into 至 used to end in an overflow in the list query (a crash dialog)."""
    import sys

    errors: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: errors.append(exc))
    case = _register(services, clerk)
    view = CasesDialog(services, clerk)
    qtbot.addWidget(view)
    view.to_edit.setDate(QDate(9999, 12, 31))
    view.from_edit.setDate(QDate(1752, 9, 14))
    assert errors == []
    assert view.to_edit.date() == QDate(2199, 12, 31)
    assert view.from_edit.date() == QDate(1900, 1, 1)
    assert [r.serial for r in view.model.rows] == [case.serial]


def test_the_cases_view_lists_masked_filters_and_reprints(
    qtbot, qtmodeltester, services, clerk, tmp_path
):
    accepted = _register(services, clerk)
    corrected = _register(services, clerk, brought_all=False, number=valid_id("21010219800101123"))
    other = services.accounts.add_account(INSTALLER, "1002", "刘洋", "clerk", "1357")
    view = CasesDialog(services, clerk)
    qtbot.addWidget(view)
    view.show()
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 2 and view.count_label.text() == "共 2 件,其中超期 0 件"
    data = _all_data(view.model)
    assert accepted.serial in data and corrected.serial in data
    assert valid_id() not in data and PHONE not in data  # the ledger lists no phone
    assert ids.mask_id(ids.RESIDENT_ID, valid_id()) in data

    view.state_combo.setCurrentIndex(view.state_combo.findData(CaseState.CORRECTING.value))
    assert [r.serial for r in view.model.rows] == [corrected.serial]
    view.state_combo.setCurrentIndex(0)
    view.item_combo.setCurrentIndex(view.item_combo.findData(ITEM))
    assert view.model.rowCount() == 2
    view.item_combo.setCurrentIndex(view.item_combo.findData("000920012000"))
    assert view.model.rowCount() == 0 and view.count_label.text() == "共 0 件,其中超期 0 件"
    view.item_combo.setCurrentIndex(0)
    view.clerk_combo.setCurrentIndex(view.clerk_combo.findData(other.login))
    assert view.model.rows == []
    view.clerk_combo.setCurrentIndex(view.clerk_combo.findData(clerk.login))
    assert len(view.model.rows) == 2
    tomorrow = date.today() + timedelta(days=1)
    view.from_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert view.model.rows == []
    view.from_edit.setDate(QDate.currentDate())
    qtmodeltester.check(view.model)

    row = [r.serial for r in view.model.rows].index(corrected.serial)
    view.table.selectRow(row)
    assert view.selected().serial == corrected.serial
    sheet = view.save_reprint(tmp_path / "reprint.pdf")
    assert sheet.content_hash() == corrected.content_hash
    text = pdf_text(tmp_path / "reprint.pdf")
    assert nospace(corrected.serial) in text and NECESSARY in text
    preview = view.reprint()
    assert preview is not None and preview.isVisible()
    preview.close()
    actions = [e.action for e in services.audit.entries()]
    assert actions.count("case.reprint") == 2


def test_a_reprint_is_the_sheet_first_saved(qtbot, dialog, services, clerk, tmp_path):
    ctrl(qtbot, dialog, Qt.Key.Key_A)
    fill_applicant(qtbot, dialog, valid_id())
    case = dialog.register_and_save(tmp_path / "first.pdf")
    view = CasesDialog(services, clerk)
    qtbot.addWidget(view)
    assert view.selected().serial == case.serial
    view.save_reprint(tmp_path / "again.pdf")
    assert pdf_text(tmp_path / "again.pdf") == pdf_text(tmp_path / "first.pdf")


def test_every_case_dialog_shortcut_is_in_the_help(dialog):
    shown = " ".join(s for _, s, _ in SHORTCUTS)
    for key in dialog.shortcuts:
        assert key in shown, key


# -- end to end --------------------------------------------------------------------------------
def test_search_open_f2_fill_register_and_save_a_pdf(qtbot, services, tmp_path):
    window = MainWindow(services, services.default_clerk())
    show_active(qtbot, window)

    type_into(qtbot, window.search_box, "企业设立登记")
    assert window.model.hit(0).code == ITEM
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    window.guide.set_answer("premises", "租赁房产")
    qtbot.keyClick(window.search_box, Qt.Key.Key_F2)
    dialog = window.case_dialog
    assert isinstance(dialog, CaseDialog) and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.answers() == {"premises": "租赁房产"}
    assert RONGQUE in dialog.materials.status_texts()

    ctrl(qtbot, dialog, Qt.Key.Key_A)
    dialog.materials.set_brought(RONGQUE, False)
    ctrl(qtbot, dialog, Qt.Key.Key_3)
    assert dialog.focusWidget() is dialog.applicant.name_edit
    fill_applicant(qtbot, dialog, valid_id())
    assert dialog.kind_combo.currentData() == "rongque"
    case = dialog.register_and_save(tmp_path / "承诺书.pdf")
    assert case is not None
    text = pdf_text(tmp_path / "承诺书.pdf")
    assert nospace(case.serial) in text and "容缺受理承诺书" in text and RONGQUE in text
    assert case.serial in window.statusBar().currentMessage()
    dialog.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    qtbot.keyClick(window.search_box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    view = window.cases_dialog
    assert view is not None and view.isVisible()
    assert [r.serial for r in view.model.rows] == [case.serial]
    view.close()


def test_an_opinion_on_a_brought_material_asks_for_correction_and_is_registered(
    qtbot, dialog, cases
):
    dialog.materials.set_all(True)
    assert dialog.kind_combo.currentData() != "correction"
    # a reason fits only a material brought: unticked, its reason cannot be chosen
    dialog.materials.set_brought(NECESSARY, False)
    combo, text = dialog.materials._opinion_boxes[NECESSARY]
    assert not combo.isEnabled()
    dialog.materials.set_brought(NECESSARY, True)
    assert combo.isEnabled()
    dialog.materials.set_opinion(NECESSARY, "unsigned", "第5页股东未签字")
    assert dialog.kind_combo.currentData() == "correction"
    request = dialog.request()
    assert request.opinions == {NECESSARY: ("unsigned", "第5页股东未签字")}
    case = cases.register(request, dialog.clerk)
    (row,) = [m for m in case.sheet.materials if m.name == NECESSARY]
    assert (row.status, row.opinion, row.opinion_text) == (
        "to_correct",
        "unsigned",
        "第5页股东未签字",
    )
    # the opinions survive a change of the answers (the rows are rebuilt)
    dialog.combos["agent"].setCurrentIndex(dialog.combos["agent"].findData("是"))
    assert "授权委托书" in {m.name for m in dialog.materials.materials}
    assert dialog.materials.opinions() == {NECESSARY: ("unsigned", "第5页股东未签字")}


def test_the_guide_sheet_follows_the_setting_and_can_be_asked_per_case(qtbot, services, clerk):
    dialog = open_dialog(qtbot, services, clerk)
    assert not dialog.guide_check.isChecked() and dialog.request().guide_sheet is False
    dialog.guide_check.setChecked(True)
    assert dialog.request().guide_sheet is True
    services.settings.change(INSTALLER, {"sheet.guide_sheet": True})
    assert open_dialog(qtbot, services, clerk).guide_check.isChecked()
