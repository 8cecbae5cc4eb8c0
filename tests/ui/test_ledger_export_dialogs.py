"""办件 → 导出台账… and 生成台账月报… (issue 12 §3): the dialogs hand the core's export or report
to the window's background run behind a progress dialog; a clerk exports masked only and does
not see the report. Real temporary databases."""

from __future__ import annotations

import csv

from docx import Document
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QProgressBar

from tests.core.test_case_lifecycle import ID_NUMBER, register
from tests.core.test_followups import boss
from tests.ui.test_rating_export_dialogs import open_window
from ui.cases.ledger_exports import LedgerExportDialog, LedgerReportDialog
from ui.main_window import MainWindow
from window_assistant.cases.exports import HEADERS


def in_march(dialog: LedgerExportDialog) -> None:
    dialog.from_edit.setDate(QDate(2026, 3, 1))
    dialog.to_edit.setDate(QDate(2026, 3, 31))


def choose(dialog, text: str) -> None:
    dialog.format_combo.setCurrentIndex(
        dialog.format_combo.findText(text, Qt.MatchFlag.MatchContains)
    )


def finish(qtbot, window: MainWindow):
    run = window.ratings.background_run()
    qtbot.waitUntil(lambda: not run.busy, timeout=30_000)
    assert run.progress is None and run.notice is not None
    return run.notice


def test_a_clerk_exports_the_ledger_masked_with_progress(qtbot, services, tmp_path):
    for day in (9, 10, 11):
        register(services, f"2026-03-{day:02d}T10:00", outcome="受理")
    window = open_window(qtbot, services, services.default_clerk())
    assert window.ledger_export_action.isEnabled()
    assert not window.ledger_report_action.isVisible()  # a supervisor's paper
    dialog = window.export_ledger()
    assert isinstance(dialog, LedgerExportDialog) and not dialog.unmasked_box.isEnabled()
    dialog.unmasked_box.setChecked(True)  # disabled: not honoured
    in_march(dialog)
    choose(dialog, "办件台账 CSV")
    path = tmp_path / "台账.csv"
    dialog.export_to(path)
    run = window.ratings.background_run()
    assert run.busy and run.progress is not None
    bar = run.progress.findChild(QProgressBar)
    seen: list[tuple[int, int]] = []
    bar.valueChanged.connect(lambda value: seen.append((value, bar.maximum())))
    notice = finish(qtbot, window)
    assert seen and seen[-1] == (3, 3)
    assert "已导出 3 件办件(已脱敏)" in notice.text()
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == HEADERS and len(rows) == 4
    assert ID_NUMBER not in path.read_text(encoding="utf-8-sig")


def test_the_start_after_the_end_is_refused_before_the_save_dialog(qtbot, services):
    window = open_window(qtbot, services, services.default_clerk())
    dialog = window.export_ledger()
    dialog.from_edit.setDate(QDate(2026, 3, 2))
    dialog.to_edit.setDate(QDate(2026, 3, 1))
    dialog.accept()
    assert "晚于截止日期" in dialog.error.text() and dialog.isVisible()


def test_a_supervisor_writes_the_monthly_report(qtbot, services, tmp_path):
    register(services, "2026-03-09T10:00", outcome="受理")
    window = open_window(qtbot, services, boss(services))
    assert window.ledger_report_action.isVisible()
    dialog = window.report_ledger()
    assert isinstance(dialog, LedgerReportDialog)
    dialog.month_edit.setDate(QDate(2026, 3, 1))
    path = tmp_path / "月报.docx"
    dialog.report_to(path)
    notice = finish(qtbot, window)
    assert "台账月报已保存到" in notice.text()
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "本月登记办件 1 件" in text
