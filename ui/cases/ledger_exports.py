"""办件 → 导出台账… and 生成台账月报…: the ratings exports' dialogs (``ui.ratings.export_dialogs``)
saying what the case ledger's exports say, then the core's export or report in the background
through the window's one ``BackgroundRun`` (progress dialog, non-modal notice at the end). A
clerk exports masked only: 不脱敏 is enabled for an account allowed ``Action.EXPORT_UNMASKED``;
the report is a supervisor's (``Action.REPORT_CASES``), its menu entry hidden from others."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from ui.ratings.export_dialogs import BackgroundRun, ExportDialog, Outcome, ReportDialog, _open
from ui.worker import Report
from window_assistant.accounts import User
from window_assistant.cases.exports import export_gbt39046, export_ledger
from window_assistant.cases.report import write_ledger_report
from window_assistant.services import Services, open_services

LEDGER, CROSSREGION, GBT39046 = "ledger", "crossregion", "gbt39046"


class LedgerExportDialog(ExportDialog):
    """导出台账: the registration period, the format and (a supervisor's) 不脱敏."""

    def _texts(self) -> tuple[str, str, str, str, str]:
        return (
            self.tr("导出台账"),
            self.tr("不脱敏(导出申请人姓名、证件号码和电话原文,仅负责人可选)"),
            self.tr("申请人姓名只显示姓,证件号码和电话默认脱敏;每次导出都记入审计日志。"),
            self.tr("登记日期"),
            self.tr("起始日期 {0} 晚于截止日期 {1},请检查登记日期。"),
        )

    def _formats(self) -> list[tuple[str, str, str]]:
        return [
            (self.tr("办件台账 Excel 表格 (.xlsx)"), LEDGER, ".xlsx"),
            (self.tr("办件台账 CSV 表格 (.csv)"), LEDGER, ".csv"),
            (self.tr("跨域通办办件 Excel 表格 (.xlsx)"), CROSSREGION, ".xlsx"),
            (self.tr("省平台办件数据集 GB/T 39046 (.xlsx)"), GBT39046, ".xlsx"),
            (self.tr("省平台办件数据集 GB/T 39046 (.csv)"), GBT39046, ".csv"),
        ]

    def choose_path(self) -> Path | None:
        kind, suffix = self.format_combo.currentData()
        start, end = self.period()
        stem = {
            LEDGER: self.tr("办件台账"),
            CROSSREGION: self.tr("跨域通办办件"),
            GBT39046: self.tr("办件数据集"),
        }[kind]
        return self._ask_path(
            self.tr("保存办件台账"), f"{stem}_{start:%Y%m%d}-{end:%Y%m%d}", suffix
        )

    def export_to(self, path: Path) -> None:
        """Hand the export to the background run and close."""
        kind, _suffix = self.format_combo.currentData()
        start, end = self.period()
        unmasked = self.unmasked_box.isEnabled() and self.unmasked_box.isChecked()
        db_path, actor = self.services.store.path, self.user
        rows_text = self.tr("已导出 {n} 件办件({masked})到:\n{path}")
        masked_text = (self.tr("已脱敏"), self.tr("未脱敏,已记入审计日志"))

        def work(report: Report) -> Outcome:
            with open_services(db_path, seed=False) as own:  # this thread's own connection
                if kind == GBT39046:
                    done = export_gbt39046(
                        own, path, actor, date_from=start, date_to=end,
                        unmasked=unmasked, progress=report,
                    )  # fmt: skip
                else:
                    done = export_ledger(
                        own, path, actor, date_from=start, date_to=end, unmasked=unmasked,
                        crossregion=kind == CROSSREGION, progress=report,
                    )  # fmt: skip
            masked = masked_text[0] if done.masked else masked_text[1]
            return Outcome(done.path, rows_text.format(n=done.rows, masked=masked, path=done.path))

        self._start(self.tr("正在导出办件台账…"), work)


class LedgerReportDialog(ReportDialog):
    """生成台账月报 (a supervisor's): the month and the format."""

    def _texts(self) -> tuple[str, str]:
        return (
            self.tr("生成台账月报"),
            self.tr(
                "月报含按部门和事项的办件数、一次办结率、补正率、容缺率、超期办件和跨域通办办件。"
            ),
        )

    def choose_path(self) -> Path | None:
        name = self.tr("办件台账月报_{0}").format(f"{self.month():%Y-%m}")
        return self._ask_path(self.tr("保存台账月报"), name, self.format_combo.currentData())

    def report_to(self, path: Path) -> None:
        month, db_path, actor = self.month(), self.services.store.path, self.user
        done_text = self.tr("{month:%Y年%m月}的台账月报已保存到:\n{path}")

        def work(report: Report) -> Outcome:
            report(0, 1)
            with open_services(db_path, seed=False) as own:
                write_ledger_report(own, actor, month, path)
            report(1, 1)
            return Outcome(path, done_text.format(month=month, path=path))

        self._start(self.tr("正在生成台账月报…"), work)


def open_ledger_export(
    services: Services, user: User, run: BackgroundRun, parent: QWidget
) -> QDialog | None:
    """导出台账…, unless an export or report is still under way."""
    return _open(LedgerExportDialog(services, user, run, parent), run)


def open_ledger_report(
    services: Services, user: User, run: BackgroundRun, parent: QWidget
) -> QDialog | None:
    """生成台账月报…, unless an export or report is still under way."""
    return _open(LedgerReportDialog(services, user, run, parent), run)
