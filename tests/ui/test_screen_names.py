"""Names readable at every screen a centre has (issue 13 §3): at 1366×768, 1280×720 and
1920×1080 at 150 %, each material's name in the case dialog, each item's name in the results
and in the 办件台账 shows whole (wrapped, its row as tall as it needs), for the bundled catalog's
longest names, and the dialogs' buttons stay on the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QWidget

from tests.ui.helpers import run_driver, show_active
from tests.ui.test_case_ledger import ID_NUMBER
from tests.ui.test_screen import SCREENS
from ui.cases.case_dialog import CaseDialog
from ui.cases.cases_view import CasesDialog
from ui.cases.ledger_models import SUBJECT
from ui.cases.materials_list import NAME as MATERIAL_NAME
from ui.main_window import MainWindow
from ui.screen_fit import TITLE_BAR, fit_to_screen
from ui.search.results_model import NAME as RESULT_NAME
from window_assistant.cases.model import CaseRequest
from window_assistant.cases.registration import CaseService
from window_assistant.sheets.build import merged_materials, resolve_subject
from window_assistant.sheets.model import Person


def cut_names(view: QAbstractItemView, column: int) -> list[str]:
    """The texts of ``column`` that do not fit their cells: each row scrolled into view, its
    text wrapped (Qt.TextWordWrap) at the width the cell draws it in (the cell less a check
    box and the item margins) and compared with the row's height on the screen."""
    model = view.model()
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    cut = []
    for row in range(model.rowCount()):
        index = model.index(row, column)
        view.scrollTo(index)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(index)
        option.text = index.data()
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        if index.data(Qt.ItemDataRole.CheckStateRole) is not None:
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        inner = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        width = inner.width() - 2 * margin
        needed = view.fontMetrics().boundingRect(
            QRect(0, 0, width, 1 << 20), Qt.TextFlag.TextWordWrap, option.text
        )
        if needed.width() > width or needed.height() > option.rect.height():
            cut.append(option.text)
    return cut


def longest_named(services, n: int = 3) -> list[tuple[str, str]]:
    """The ``n`` items and the bundle (一件事) with the longest material names of the catalog."""
    catalog = services.catalog.load()

    def longest(kind: str, code: str) -> int:
        subject = resolve_subject(services.catalog, kind, code)
        return max(len(m.name) for m in merged_materials(subject, {}))

    items = sorted(catalog.items, key=lambda i: -longest("item", i.code))[:n]
    bundle = max(catalog.bundles, key=lambda b: longest("bundle", b.code))
    return [("item", i.code) for i in items] + [("bundle", bundle.code)]


def assert_on_screen(dialog: QWidget, area: QRect, buttons: list[QWidget]) -> None:
    assert dialog.width() <= area.width() and dialog.height() <= area.height() - TITLE_BAR
    for button in buttons:
        where = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
        assert button.isVisible() and dialog.rect().contains(where), button.text()


@pytest.mark.parametrize("size", sorted(SCREENS))
def test_case_dialog_shows_each_material_name_whole(qtbot, as_shipped, services, size):
    area = SCREENS[size]
    subjects = longest_named(services)
    assert ("item", "000420002000") in subjects  # 研究开发费用和高新技术产品收入专项审计报告
    for kind, code in subjects:
        dialog = CaseDialog(services, services.default_clerk(), kind, code)
        qtbot.addWidget(dialog)
        fit_to_screen(dialog, 1180, 720, area)
        dialog.show()
        qtbot.waitExposed(dialog)
        materials = dialog.materials
        assert materials.topLevelItemCount() == len(materials.materials) > 0
        assert cut_names(materials, MATERIAL_NAME) == [], (size, code)
        buttons = [dialog.print_button, dialog.save_button, dialog.close_button]
        assert_on_screen(dialog, area, buttons)
        dialog.close()


@pytest.mark.parametrize("size", sorted(SCREENS))
def test_results_show_each_item_name_whole(qtbot, as_shipped, services, size):
    area = SCREENS[size]
    window = show_active(qtbot, MainWindow(services, services.default_clerk()))
    window.showNormal()
    window.resize(area.width(), area.height() - TITLE_BAR)  # as maximised on that screen
    qtbot.waitUntil(lambda: window.width() == area.width())
    window.search_box.clear()  # every item and bundle of the catalog
    catalog = services.catalog.load()
    assert window.model.rowCount() == len(catalog.items) + len(catalog.bundles)
    assert cut_names(window.results, RESULT_NAME) == [], size


@pytest.mark.parametrize("size", sorted(SCREENS))
def test_ledger_shows_each_item_name_whole(qtbot, as_shipped, services, size):
    area = SCREENS[size]
    clerk = services.default_clerk()
    catalog = services.catalog.load()
    longest = sorted(catalog.items, key=lambda i: -len(i.name))[:3]
    for item in longest:  # each with an applicant and an ID number, as at the counter
        request = CaseRequest(
            "item", item.code, kind="notice", applicant=Person("欧阳明月", id_number=ID_NUMBER)
        )
        CaseService(services).register(request, clerk)
    ledger = CasesDialog(services, clerk)
    qtbot.addWidget(ledger)
    fit_to_screen(ledger, 1320, 700, area)
    ledger.show()
    qtbot.waitExposed(ledger)
    assert {ledger.model.index(r, SUBJECT).data() for r in range(3)} == {i.name for i in longest}
    assert cut_names(ledger.table, SUBJECT) == [], size
    assert_on_screen(ledger, area, [ledger.detail_button, ledger.close_button])


def test_names_whole_at_a_real_150_percent_scale(services, db_path):
    """The same at Qt's own 1.5 scale (fractional font metrics, rounding), in a child process."""
    services.close()  # the driver opens the database in its own process
    env = {"QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": "offscreen"}
    seen = run_driver("screen_names_driver.py", db_path, env)
    assert seen["ratio"] == 1.5 and seen["results"] > 100
    assert seen["cut"] == [] and seen["off_screen"] == []


def test_results_measured_again_in_a_larger_font(qtbot, as_shipped, services):
    """A font or style change (a larger face) measures the rows again, not from before."""
    area = SCREENS["1280x720"]
    window = show_active(qtbot, MainWindow(services, services.default_clerk()))
    window.showNormal()
    window.resize(area.width(), area.height() - TITLE_BAR)
    qtbot.waitUntil(lambda: window.width() == area.width())
    window.search_box.clear()
    assert cut_names(window.results, RESULT_NAME) == []
    larger = window.results.font()
    larger.setPointSize(larger.pointSize() + 4)
    window.results.setFont(larger)
    assert cut_names(window.results, RESULT_NAME) == []
