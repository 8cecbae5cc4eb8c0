"""好差评 → 导出评价记录… and 生成月度报告…: a small dialog, the save dialog, then the core's
export or report in the background with a progress dialog, so the window never freezes.

The work runs in ``ui.worker`` on a connection of its own (a SQLite connection belongs to one
thread). The core's exports and report cannot be stopped half-way (each writes beside the
target and renames), so the progress dialog has no 取消 button rather than one that lies.

The report's PDF is drawn by the Qt writer (``ui.render.report_pdf``) in the worker thread too:
it uses only QtGui classes that Qt documents as usable off the GUI thread (QPdfWriter with
QPainter, QTextDocument, QImage; Qt 6 renders text in any thread), never a widget, and the
QGuiApplication already exists. A test writes a PDF through the dialog on a real pool thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from time import monotonic

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, error_text
from ui.file_dialogs import save_file
from ui.worker import Report, Worker
from window_assistant.accounts import User
from window_assistant.permissions import Action, allowed
from window_assistant.ratings.exports import export_gbt39046, export_table
from window_assistant.ratings.report import write_report
from window_assistant.services import Services, open_services
from window_assistant.store import files

NOTICE_MS = 10_000
UPDATES_PER_SECOND = 4  # the progress bar's repaints; the core may report far more often
TABLE, GBT39046 = "table", "gbt39046"
_last_folder: Path | None = None  # where the last export or report went, this session


@dataclass(frozen=True)
class Outcome:
    """What the notice says at the end: the file and what went into it."""

    path: Path
    summary: str
    status: str = ""  # the status bar's line, when it is not 「已保存 path」
    warning: bool = False  # the notice is a warning (part of the work was refused)


def month_start(day: date) -> date:
    return day.replace(day=1)


def last_month(today: date) -> date:
    return month_start(month_start(today) - timedelta(days=1))


def _suggested(name: str) -> str:
    """``name`` in the folder last used, unless that is where a database lives (see
    ``ui.file_dialogs``: the dialog must not start there); else just the name."""
    folder = _last_folder
    if folder is None or not folder.is_dir():
        return name
    if any(folder.is_relative_to(d) for d in files.live_folders()):
        return name
    return str(folder / name)


def _remember(path: Path) -> None:
    global _last_folder
    _last_folder = path.parent


def _with_suffix(path: Path, suffix: str) -> Path:
    """The file the user named, ending in the chosen format's suffix."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


class Throttle:
    """Passes on at most ``per_second`` progress values a second, and always the last one."""

    def __init__(
        self,
        show: Callable[[int, int], None],
        per_second: int = UPDATES_PER_SECOND,
        clock: Callable[[], float] = monotonic,
    ) -> None:
        self.show = show
        self.gap = 1.0 / per_second
        self.clock = clock
        self._shown_at: float | None = None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        final = total > 0 and done >= total
        if final or self._shown_at is None or now - self._shown_at >= self.gap:
            self._shown_at = now
            self.show(done, total)


class BackgroundRun(QObject):
    """Runs one export or report at a time for the main window, behind a progress dialog that
    leaves the window usable; at the end a status-bar message and a non-modal notice."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.worker = Worker(self)
        self.progress: QProgressDialog | None = None
        self.notice: QMessageBox | None = None

    @property
    def busy(self) -> bool:
        return self.worker.busy

    def start(self, label: str, work: Callable[[Report], Outcome]) -> None:
        progress = QProgressDialog(label, "", 0, 0, self.window)
        progress.setWindowTitle(self.tr("请稍候"))
        progress.setCancelButton(None)  # the core cannot stop half-way: no button that lies
        progress.setWindowModality(Qt.WindowModality.NonModal)
        progress.setAutoReset(False)  # else, at the total, the bar empties and the dialog hides
        # while the file is still being closed and renamed
        progress.setMinimumDuration(0)
        progress.setMinimumWidth(360)
        progress.setValue(0)
        self.progress = progress
        self.worker.run(work, self._done, self._failed, Throttle(self._progress))

    def tell_busy(self) -> None:
        self.window.statusBar().showMessage(self.tr("上一个导出或报告还在进行,请稍候。"), NOTICE_MS)

    def _progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 0))
            self.progress.setValue(min(done, total) if total > 0 else 0)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, outcome: Outcome) -> None:
        self._close_progress()
        _remember(outcome.path)
        status = outcome.status or self.tr("已保存 {path}").format(path=outcome.path)
        self.window.statusBar().showMessage(status, NOTICE_MS)
        if outcome.warning:
            self._notice(QMessageBox.Icon.Warning, self.tr("部分没有完成"), outcome.summary)
        else:
            self._notice(QMessageBox.Icon.Information, self.tr("完成"), outcome.summary)

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        message = error_text(exc)  # a UserError's Chinese message; never a traceback
        self.window.statusBar().showMessage(self.tr("没有完成:{0}").format(message), NOTICE_MS)
        self._notice(QMessageBox.Icon.Warning, self.tr("没有完成"), message)

    def _notice(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        """Non-modal: the clerk reads it while working on."""
        if self.notice is not None:
            self.notice.close()
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._notice_gone)
        self.notice = box
        box.show()

    def _notice_gone(self) -> None:
        self.notice = None


def _date_edit(day: date, display: str, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(display)
    return edit


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(dialog)
    buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class _SaveAndRun(QDialog):
    """What both dialogs share: the save dialog with the format chosen, then the work handed
    to the background run and the dialog closed."""

    format_combo: QComboBox
    _build: Callable[[date], None]  # each dialog's own fields, defaults counted from ``today``

    def __init__(
        self,
        services: Services,
        user: User,
        run: BackgroundRun,
        parent: QWidget | None = None,
        today: date | None = None,  # tests give the day the defaults count from
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.user = user
        self.run = run
        self._build(today or date.today())

    def _ask_path(self, caption: str, name: str, suffix: str) -> Path | None:
        """The file to write, from the save dialog, ending in ``suffix``."""
        name_filter = f"{self.format_combo.currentText()} (*{suffix})"
        chosen = save_file(self, caption, _suggested(name + suffix), name_filter)
        return _with_suffix(chosen[0], suffix) if chosen else None

    def _start(self, label: str, work: Callable[[Report], Outcome]) -> None:
        self.run.start(label, work)
        super().accept()


class ExportDialog(_SaveAndRun):
    """导出评价记录: the period, the format and (a supervisor's) 不脱敏; ``accept`` asks where
    to save and hands the export to ``run``."""

    def _texts(self) -> tuple[str, str, str, str, str]:
        """(title, the 不脱敏 box, the hint, the period's label, the reversed period's message):
        what a subclass exporting other rows (the case ledger) says instead."""
        return (
            self.tr("导出评价记录"),
            self.tr("不脱敏(导出评价意见原文,仅负责人可选)"),
            self.tr("评价意见中的手机号、身份证号默认脱敏。导出的表格带有链头,可用于核验。"),
            self.tr("评价日期"),
            self.tr("起始日期 {0} 晚于截止日期 {1},请检查评价日期。"),
        )

    def _formats(self) -> list[tuple[str, str, str]]:
        """(label, kind, suffix) of each format offered."""
        return [
            (self.tr("Excel 表格 (.xlsx)"), TABLE, ".xlsx"),
            (self.tr("CSV 表格 (.csv)"), TABLE, ".csv"),
            (self.tr("省好差评系统数据集 GB/T 39046 (.xlsx)"), GBT39046, ".xlsx"),
            (self.tr("省好差评系统数据集 GB/T 39046 (.csv)"), GBT39046, ".csv"),
        ]

    def _build(self, today: date) -> None:
        title, unmasked, hint_text, period_label, self.reversed_text = self._texts()
        self.setWindowTitle(title)
        self.from_edit = _date_edit(month_start(today), "yyyy-MM-dd", self)
        self.to_edit = _date_edit(today, "yyyy-MM-dd", self)
        self.format_combo = QComboBox(self)
        for label, kind, suffix in self._formats():
            self.format_combo.addItem(label, (kind, suffix))
        self.unmasked_box = QCheckBox(unmasked, self)
        self.unmasked_box.setEnabled(allowed(self.user, Action.EXPORT_UNMASKED))
        hint = QLabel(hint_text, self)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.error = ErrorLabel(self)
        period = QHBoxLayout()
        period.addWidget(self.from_edit)
        period.addWidget(QLabel(self.tr("至"), self))
        period.addWidget(self.to_edit)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(period_label, period)
        form.addRow(self.tr("格式"), self.format_combo)
        form.addRow("", self.unmasked_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, self.tr("导出…"), self.tr("取消")))

    def period(self) -> tuple[date, date]:
        return _day(self.from_edit), _day(self.to_edit)

    def choose_path(self) -> Path | None:
        """The file to write, from the save dialog, with the chosen format's suffix."""
        kind, suffix = self.format_combo.currentData()
        start, end = self.period()
        stem = self.tr("评价记录") if kind == TABLE else self.tr("好差评数据集")
        return self._ask_path(
            self.tr("保存评价记录"), f"{stem}_{start:%Y%m%d}-{end:%Y%m%d}", suffix
        )

    def accept(self) -> None:
        start, end = self.period()
        if start > end:  # before the save dialog, not after it
            self.error.show_message(self.reversed_text.format(start, end))
            return
        path = self.choose_path()
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Hand the export to the background run and close."""
        kind, _suffix = self.format_combo.currentData()
        start, end = self.period()
        unmasked = self.unmasked_box.isEnabled() and self.unmasked_box.isChecked()
        db_path, actor = self.services.store.path, self.user
        export = export_table if kind == TABLE else export_gbt39046
        rows_text = self.tr("已导出 {n} 条评价({masked})到:\n{path}")
        masked_text = (self.tr("已脱敏"), self.tr("未脱敏"))

        def work(report: Report) -> Outcome:
            with open_services(db_path, seed=False) as own:  # this thread's own connection
                done = export(
                    own,
                    path,
                    actor,
                    date_from=start,
                    date_to=end,
                    unmasked=unmasked,
                    progress=report,
                )
            masked = masked_text[0] if done.masked else masked_text[1]
            return Outcome(done.path, rows_text.format(n=done.rows, masked=masked, path=done.path))

        self._start(self.tr("正在导出评价记录…"), work)


class ReportDialog(_SaveAndRun):
    """生成月度报告 (a supervisor's): the month and the format; ``accept`` asks where to save
    and hands the report to ``run``."""

    def _texts(self) -> tuple[str, str]:
        """(title, hint): what a subclass writing another report says instead."""
        return (
            self.tr("生成月度报告"),
            self.tr("报告含当月统计、图表、每条差评的整改情况、申诉复核和各窗口的评价记录链头。"),
        )

    def _build(self, today: date) -> None:
        title, hint_text = self._texts()
        self.setWindowTitle(title)
        self.month_edit = _date_edit(last_month(today), "yyyy年MM月", self)
        self.format_combo = QComboBox(self)
        self.format_combo.addItem(self.tr("Word 文档 (.docx)"), ".docx")
        self.format_combo.addItem(self.tr("PDF 文件 (.pdf)"), ".pdf")
        hint = QLabel(hint_text, self)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        form = QFormLayout()
        form.addRow(self.tr("月份"), self.month_edit)
        form.addRow(self.tr("格式"), self.format_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(_buttons(self, self.tr("生成…"), self.tr("取消")))

    def month(self) -> date:
        return month_start(_day(self.month_edit))

    def choose_path(self) -> Path | None:
        name = self.tr("好差评月度报告_{0}").format(f"{self.month():%Y-%m}")
        return self._ask_path(self.tr("保存月度报告"), name, self.format_combo.currentData())

    def accept(self) -> None:
        path = self.choose_path()
        if path is not None:
            self.report_to(path)

    def report_to(self, path: Path) -> None:
        month, db_path, actor = self.month(), self.services.store.path, self.user
        done_text = self.tr("{month:%Y年%m月}的月度报告已保存到:\n{path}")

        def work(report: Report) -> Outcome:
            with open_services(db_path, seed=False) as own:
                write_report(own, actor, month, path, progress=report)
            return Outcome(path, done_text.format(month=month, path=path))

        self._start(self.tr("正在生成月度报告…"), work)


def open_export(
    services: Services, user: User, run: BackgroundRun, parent: QWidget
) -> QDialog | None:
    """导出评价记录…, unless an export or report is still under way."""
    return _open(ExportDialog(services, user, run, parent), run)


def open_report(
    services: Services, user: User, run: BackgroundRun, parent: QWidget
) -> QDialog | None:
    """生成月度报告…, unless an export or report is still under way."""
    return _open(ReportDialog(services, user, run, parent), run)


def _open(dialog: QDialog, run: BackgroundRun) -> QDialog | None:
    if run.busy:
        run.tell_busy()
        dialog.deleteLater()
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # window-modal to the main window only while choosing; the work is not
    return dialog
