"""跨域通办 in the window: the list's Qt model (qtmodeltester), its filters as the core filters,
a supervisor's import (the diff asked, then applied or not), a clerk without the import, and the
public list written as PDF on a pool thread and read back with pypdf."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import show_active, type_into
from ui.crossregion.view import CONTACT, CrossRegionWindow
from ui.main_window import MainWindow
from window_assistant.crossregion.service import (
    ListFilter,
    apply_import,
    crossregion_list,
    preview_import,
    versions,
)
from window_assistant.vocab import CrossMode, Scope

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "catalog" / "tiexi_crossregion.xlsx"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def boss(set_up):
    return set_up.accounts.authenticate("S01", "correct horse")


@pytest.fixture
def clerk(set_up):
    return set_up.accounts.authenticate("1003", "2580")


@pytest.fixture
def agreed(set_up, boss):
    apply_import(set_up, preview_import(set_up, DEMO), boss)
    return set_up


def _window(qtbot, services, user) -> CrossRegionWindow:
    window = CrossRegionWindow(services, user)
    show_active(qtbot, window)
    return window


def _shown_codes(window: CrossRegionWindow) -> set[str]:
    return {window.proxy.index(r, 1).data() for r in range(window.proxy.rowCount())}


def test_the_model_is_a_valid_qt_model(qtmodeltester, qtbot, agreed, clerk):
    window = _window(qtbot, agreed, clerk)
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.proxy)
    assert window.model.rowCount() == 31
    row = next(
        r
        for r in range(window.model.rowCount())
        if window.model.index(r, 1).data() == "000920014000"
    )
    assert (
        window.model.index(row, CONTACT).data().startswith("吉林省长春市朝阳区：朝阳区政务服务中心")
    )
    tip = window.model.index(row, CONTACT).data(3)  # ToolTipRole
    assert "结果寄回 3 个工作日" in tip
    assert "合作协议版本 1" in window.version_label.text()
    window.table.selectRow(window.proxy.mapFromSource(window.model.index(row, 0)).row())
    detail = window.detail_label.text()
    assert detail.startswith("社会保障卡申领\nTX-KY-2025-03(示例) 吉林省长春市朝阳区")
    assert "责任情形:办件超期、材料邮寄遗失、形式审查疏漏、结果寄送错误" in detail


def test_the_filters_filter_as_the_core_does(qtbot, agreed, clerk):
    window = _window(qtbot, agreed, clerk)

    def core(**kw) -> set[str]:
        return {r.item_code for r in crossregion_list(agreed, ListFilter(**kw))}

    window.scope_combo.setCurrentIndex(window.scope_combo.findData(Scope.INTERCOUNTY))
    assert _shown_codes(window) == core(scope=Scope.INTERCOUNTY) and len(_shown_codes(window)) == 3
    window.mode_combo.setCurrentIndex(window.mode_combo.findData(CrossMode.PROXY))
    assert _shown_codes(window) == {"000920012000", "000605004000"}
    window.scope_combo.setCurrentIndex(0)
    window.mode_combo.setCurrentIndex(0)
    window.region_combo.setCurrentIndex(window.region_combo.findData("大连市甘井子区"))
    assert _shown_codes(window) == core(region="大连市甘井子区") and len(_shown_codes(window)) == 5
    window.region_combo.setCurrentIndex(0)
    window.department_combo.setCurrentIndex(window.department_combo.findData("区人社局"))
    type_into(qtbot, window.text_edit, "社会保障卡")
    assert _shown_codes(window) == {"000920014000", "000920015000"}
    assert window.count_label.text() == "共 2 项(清单 31 项)"


def test_a_clerk_views_and_publishes_but_cannot_import(qtbot, set_up, clerk):
    window = _window(qtbot, set_up, clerk)
    assert not window.import_button.isVisible()
    assert window.pdf_button.isEnabled() and window.docx_button.isEnabled()
    assert window.import_file(DEMO) is None
    assert versions(set_up) == []
    assert window.version_label.text() == "尚未导入合作协议"


def test_a_supervisor_sees_the_diff_and_confirms(qtbot, set_up, boss):
    window = _window(qtbot, set_up, boss)
    assert window.import_button.isVisible()
    box = window.import_file(DEMO)
    assert box is not None and box.isVisible()
    assert "新增协议 3,删除协议 0,修改协议 0;新增协议事项 8" in box.text()
    assert "新增协议:TX-KY-2025-01 大连市甘井子区" in box.informativeText()
    assert versions(set_up) == []  # nothing yet: the question is open
    cancel = [b for b in box.buttons() if b.text() == "取消"][0]
    qtbot.mouseClick(cancel, LEFT)
    assert versions(set_up) == []
    assert window.statusBar().currentMessage() == "没有导入,合作协议未改动。"

    box = window.import_file(DEMO)
    qtbot.mouseClick(window.confirm_button, LEFT)
    assert [v.id for v in versions(set_up)] == [1]
    assert window.statusBar().currentMessage() == "已导入合作协议版本 1:3 个协议。"
    assert window.confirm.isVisible()  # and above the list, where it cannot be missed
    assert window.confirm.text.text() == "已导入合作协议版本 1:3 个协议。"
    assert "合作协议版本 1" in window.version_label.text()
    assert any(window.model.index(r, CONTACT).data().startswith("铁东区：") for r in range(31))


def test_a_bad_file_is_named_in_chinese_and_nothing_asked(qtbot, set_up, boss, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(DEMO)
    book["协议事项"]["B2"] = "000920001000"
    bad = tmp_path / "协议.xlsx"
    book.save(bad)
    window = _window(qtbot, set_up, boss)
    assert window.import_file(bad) is None
    assert (
        "工作表「协议事项」第 2 行「事项编码」列:事项「000920001000」在目录中,但不在跨域通办清单上"
        in (window.error.text())
    )
    assert window.confirm_box is None and versions(set_up) == []


def test_the_public_list_as_pdf_on_a_pool_thread(qtbot, agreed, clerk, tmp_path):
    window = _window(qtbot, agreed, clerk)
    path = tmp_path / "公示.pdf"
    window.publish(path)
    assert window.run.busy and not window.run.worker.run_sync
    qtbot.waitUntil(lambda: not window.run.busy, timeout=60_000)
    assert window.run.notice is not None and str(path) in window.run.notice.text()
    reader = pypdf.PdfReader(str(path))
    text = "".join(page.extract_text() for page in reader.pages)
    squeezed = "".join(text.split())
    assert "鞍山市铁西区政务服务中心跨域通办事项清单" in squeezed
    for heading in (
        "一、全国通办（18项）",
        "二、跨省通办（1项）",
        "三、省内跨市通办（9项）",
        "四、市内跨县通办（3项）",
    ):
        assert heading in squeezed
    assert "朝阳区政务服务中心跨省通办专窗" in squeezed
    assert "国办发〔2020〕35号" in squeezed
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4
    assert agreed.audit.entries()[0].action == "crossregion.publish"


def test_the_menu_entry_opens_it(qtbot, set_up, clerk):
    main = MainWindow(set_up, clerk)
    show_active(qtbot, main)
    assert main.crossregion_action.text() == "跨域通办清单…"
    main.crossregion_action.trigger()
    assert main.crossregion_window is not None and main.crossregion_window.isVisible()
    main.crossregion_window.close()
