"""好差评 → 导出评价记录… and 生成月度报告… (issue 10 §4): the dialogs hand the core's export or
report to a real background thread behind a progress dialog, and the files they write are the
core's (an export verifies; a report opens). Real temporary databases; the save dialog is
``ui.file_dialogs``'s own, driven as a user does."""

from __future__ import annotations

import threading
import zipfile
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressBar, QPushButton

from tests.core.test_followups import boss
from tests.core.test_rating_report import build_month
from tests.core.test_ratings_exports import known
from tests.core.test_ratings_log import key_of
from tests.ui.helpers import show_active
from ui.main_window import MainWindow
from ui.ratings import export_dialogs
from ui.ratings.export_dialogs import ExportDialog, ReportDialog, Throttle, last_month
from window_assistant.ratings.log import verify_chain
from window_assistant.ratings.report import STEPS

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def open_window(qtbot, services, user) -> MainWindow:
    window = show_active(qtbot, MainWindow(services, user))
    window.ratings.controller.shut_down()  # no rating server: these tests only export
    return window


def in_march(dialog: ExportDialog) -> None:
    dialog.from_edit.setDate(QDate(2026, 3, 1))
    dialog.to_edit.setDate(QDate(2026, 3, 31))


def choose_format(dialog: ExportDialog, text: str) -> None:
    dialog.format_combo.setCurrentIndex(
        dialog.format_combo.findText(text, Qt.MatchFlag.MatchContains)
    )


def watch_progress(window: MainWindow) -> list[tuple[int, int]]:
    """The (value, maximum) pairs the progress dialog shows, from its creation on: the job's
    progress arrives through the event loop, so none is missed by connecting now."""
    progress = window.ratings.exports.progress
    assert progress is not None
    seen: list[tuple[int, int]] = []
    bar = progress.findChild(QProgressBar)
    bar.valueChanged.connect(lambda value: seen.append((value, bar.maximum())))
    return seen


def finish(qtbot, window: MainWindow) -> QMessageBox:
    run = window.ratings.exports
    qtbot.waitUntil(lambda: not run.busy, timeout=30_000)
    assert run.progress is None  # closed at the end
    assert run.notice is not None and run.notice.isVisible()
    assert run.notice.windowModality() == Qt.WindowModality.NonModal
    return run.notice


@pytest.mark.parametrize("label", ["Excel 表格", "CSV 表格"])
def test_an_export_through_the_dialog_verifies_and_its_progress_reaches_the_total(
    qtbot, services, tmp_path, label
):
    known(services)  # five ratings in March 2026, on two windows
    window = open_window(qtbot, services, boss(services))
    dialog = window.ratings.show_export()
    assert isinstance(dialog, ExportDialog) and dialog.unmasked_box.isEnabled()
    in_march(dialog)
    choose_format(dialog, label)
    dialog.unmasked_box.setChecked(True)
    suffix = dialog.format_combo.currentData()[1]
    path = tmp_path / f"评价记录{suffix}"
    dialog.export_to(path)
    run = window.ratings.exports
    assert run.busy and not run.worker.run_sync  # a pool thread, not the GUI's
    assert run.progress.windowModality() == Qt.WindowModality.NonModal  # the window stays usable
    assert run.progress.findChildren(QPushButton) == []  # no 取消 the core could not honour
    seen = watch_progress(window)
    notice = finish(qtbot, window)
    assert seen and seen[-1] == (5, 5)
    verified = verify_chain(path=path, key=key_of(services))
    assert verified.intact and verified.checked == 5 and verified.comments_checked
    assert "已导出 5 条评价(未脱敏)" in notice.text() and str(path) in notice.text()
    assert str(path) in window.statusBar().currentMessage()


def test_the_save_dialog_suggests_the_format_and_starts_where_the_last_export_went(
    qtbot, services, tmp_path_factory
):
    known(services)
    window = open_window(qtbot, services, boss(services))
    dialog = window.ratings.show_export()
    in_march(dialog)
    choose_format(dialog, "GB/T 39046 (.csv)")
    folder = tmp_path_factory.mktemp("导出")  # not the data folder, where no dialog starts
    seen: dict = {}

    def name_the_file() -> None:  # as the clerk types a name without the suffix
        box = QApplication.activeModalWidget()
        assert isinstance(box, QFileDialog)
        seen["suggested"] = box.selectedFiles()[0]
        box.setDirectory(str(folder))
        box.selectFile("省数据")
        box.accept()

    QTimer.singleShot(0, name_the_file)
    dialog.accept()
    assert Path(seen["suggested"]).name == "好差评数据集_20260301-20260331.csv"
    finish(qtbot, window)
    written = folder / "省数据.csv"
    assert written.read_text(encoding="utf-8-sig").startswith("办件编号,评价渠道,评价人")

    again = window.ratings.show_export()

    def look_and_cancel() -> None:
        box = QApplication.activeModalWidget()
        seen["folder"] = box.directory().absolutePath()
        box.reject()

    QTimer.singleShot(0, look_and_cancel)
    assert again.choose_path() is None
    assert Path(seen["folder"]) == folder


def test_a_clerk_cannot_tick_unmasked_nor_open_the_report(qtbot, services, tmp_path):
    known(services)
    window = open_window(qtbot, services, services.default_clerk())
    assert not window.ratings.report_action.isEnabled()
    assert window.ratings.export_action.isEnabled()
    dialog = window.ratings.show_export()
    assert not dialog.unmasked_box.isEnabled()
    in_march(dialog)
    choose_format(dialog, "CSV 表格")
    dialog.unmasked_box.setChecked(True)  # even so, a disabled box asks for nothing
    dialog.export_to(tmp_path / "x.csv")
    assert "(已脱敏)" in finish(qtbot, window).text()
    assert "未脱敏" not in (tmp_path / "x.csv").read_text(encoding="utf-8-sig")
    supervisor = open_window(qtbot, services, boss(services))
    assert supervisor.ratings.report_action.isEnabled()


def test_an_export_to_a_removed_folder_shows_the_chinese_message(qtbot, services, tmp_path):
    known(services)
    window = open_window(qtbot, services, boss(services))
    dialog = window.ratings.show_export()
    in_march(dialog)
    gone = tmp_path / "U盘"
    gone.mkdir()
    gone.rmdir()  # the stick pulled out between choosing and writing
    dialog.export_to(gone / "评价记录.xlsx")
    notice = finish(qtbot, window)
    assert notice.text().startswith(f"无法写入 {gone / '评价记录.xlsx'}")
    assert "请检查位置和磁盘空间" in notice.text() and "Traceback" not in notice.text()
    assert notice.icon() == QMessageBox.Icon.Warning
    assert "没有完成" in window.statusBar().currentMessage()
    assert not gone.exists()


def test_a_period_ending_before_it_starts_is_refused_before_the_save_dialog(qtbot, services):
    window = open_window(qtbot, services, boss(services))
    dialog = window.ratings.show_export()
    dialog.from_edit.setDate(QDate(2026, 3, 31))
    dialog.to_edit.setDate(QDate(2026, 3, 1))
    opened: list = []

    def close_a_save_dialog() -> None:  # had one opened, the test would otherwise hang in it
        box = QApplication.activeModalWidget()
        opened.append(box)
        if isinstance(box, QFileDialog):
            box.reject()

    QTimer.singleShot(0, close_a_save_dialog)
    dialog.accept()
    qtbot.wait(10)
    assert not any(isinstance(w, QFileDialog) for w in opened)
    assert dialog.error.text() == "起始日期 2026-03-31 晚于截止日期 2026-03-01,请检查评价日期。"
    assert dialog.isVisible() and not window.ratings.exports.busy


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_a_monthly_report_through_the_dialog_in_the_background(qtbot, services, tmp_path, suffix):
    """The PDF too is drawn on the worker's pool thread (see ``export_dialogs``)."""
    build_month(services)
    window = open_window(qtbot, services, boss(services))
    dialog = window.ratings.show_report()
    assert isinstance(dialog, ReportDialog)
    dialog.month_edit.setDate(QDate(2026, 3, 1))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(suffix))
    path = tmp_path / f"月报{suffix}"
    dialog.report_to(path)
    assert not window.ratings.exports.worker.run_sync
    seen = watch_progress(window)
    notice = finish(qtbot, window)
    assert seen[-1] == (STEPS, STEPS)
    assert "2026年03月的月度报告已保存到" in notice.text()
    if suffix == ".docx":
        with zipfile.ZipFile(path) as docx:
            body = docx.read("word/document.xml").decode("utf-8")
        assert "月度报告" in body and "七、评价记录链头" in body
    else:
        reader = pypdf.PdfReader(str(path))
        assert len(reader.pages) >= 3
        assert "评价记录链头" in "".join(page.extract_text() for page in reader.pages)


def test_the_report_defaults_to_last_month_and_the_export_to_this_month(qtbot, services):
    window = open_window(qtbot, services, boss(services))
    run = window.ratings._run()
    report = ReportDialog(services, boss(services), run, window, today=date(2026, 1, 15))
    assert report.month() == date(2025, 12, 1) == last_month(date(2026, 1, 15))
    export = ExportDialog(services, boss(services), run, window, today=date(2026, 1, 15))
    assert export.period() == (date(2026, 1, 1), date(2026, 1, 15))
    for d in (report, export):
        d.deleteLater()


def test_progress_is_throttled_but_the_total_always_shown():
    now = [0.0]
    shown: list[tuple[int, int]] = []
    throttle = Throttle(lambda d, t: shown.append((d, t)), per_second=4, clock=lambda: now[0])
    for done in range(0, 10_001, 100):  # a hundred reports within 0.1 s
        now[0] += 0.001
        throttle(done, 10_000)
    assert shown == [(0, 10_000), (10_000, 10_000)]
    now[0] += 0.3
    throttle(5, 20)
    assert shown[-1] == (5, 20)


def test_a_second_export_waits_for_the_first(qtbot, services, tmp_path):
    known(services)
    window = open_window(qtbot, services, boss(services))
    dialog = window.ratings.show_export()
    in_march(dialog)
    dialog.export_to(tmp_path / "a.csv")
    assert window.ratings.show_export() is None
    assert window.statusBar().currentMessage() == "上一个导出或报告还在进行,请稍候。"
    finish(qtbot, window)
    assert export_dialogs._last_folder == tmp_path
    # The data folder (wa.db is in tmp_path) is remembered but never where a dialog starts.
    assert export_dialogs._suggested("x.csv") == "x.csv"


def test_a_full_bar_stays_up_until_the_file_is_written(qtbot, services, tmp_path):
    """The core reports the last row before the file is closed and renamed: the dialog must
    neither empty its bar nor vanish then, only when the work has ended."""
    window = open_window(qtbot, services, boss(services))
    run = window.ratings._run()
    written = threading.Event()

    def work(report) -> export_dialogs.Outcome:
        report(3, 3)
        assert written.wait(10)
        return export_dialogs.Outcome(tmp_path / "x.csv", "好了")

    run.start("正在导出评价记录…", work)
    qtbot.waitUntil(lambda: run.progress.value() == 3)
    assert run.progress.isVisible() and run.progress.maximum() == 3 and run.busy
    written.set()
    assert finish(qtbot, window).text() == "好了"
