"""Catalog import for the supervisor: choose a file, see every error or the diff, then apply.

Reading and validating runs off the GUI thread (``ui.worker``) with a progress bar; so does
applying. Each background step opens its own connection to the database (one connection per
thread). A file with errors changes nothing: all its errors are listed, each naming the sheet,
row and column. A good file shows what would change first; 应用导入 makes it current. An import
that removes more than the core allows without consent asks first, with the counts.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.common import ErrorLabel, error_text, hint_label
from ui.file_dialogs import open_file, open_folder, save_file
from ui.worker import Worker
from window_assistant.accounts import User
from window_assistant.catalog.importing import ImportPreview, apply_import, preview_import
from window_assistant.catalog.io import write_template
from window_assistant.catalog.repository import CatalogVersion
from window_assistant.errors import UserError
from window_assistant.paths import catalog_file
from window_assistant.services import open_services

TEMPLATE = "template.xlsx"


class ImportDialog(QDialog):
    """After ``accept()``, ``version`` is the recorded catalog version."""

    def __init__(self, services, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.user = user
        self.preview: ImportPreview | None = None
        self.version: CatalogVersion | None = None
        self.worker = Worker(self)
        self.setWindowTitle(self.tr("导入事项目录"))

        self.path_edit = QLineEdit(self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("尚未选择文件"))
        self.file_button = QPushButton(self.tr("选择文件…"), self)
        self.folder_button = QPushButton(self.tr("选择 CSV 文件夹…"), self)
        self.template_button = QPushButton(self.tr("保存空白模板…"), self)
        self.file_button.clicked.connect(self.choose_file)
        self.folder_button.clicked.connect(self.choose_folder)
        self.template_button.clicked.connect(self.choose_template_destination)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status = QLabel(
            self.tr("请选择要导入的事项目录文件。导入前会先检查并列出变化。"), self
        )
        self.status.setWordWrap(True)
        self.status.setObjectName("importStatus")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setVisible(False)
        self.details = QListWidget(self)
        self.details.setWordWrap(True)
        self.details.setAlternatingRowColors(True)
        self.error = ErrorLabel(self)

        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            self.tr("应用导入"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setEnabled(False)
        self.close_button = self.buttons.addButton(
            self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        source = QHBoxLayout()
        source.addWidget(QLabel(self.tr("来源"), self))
        source.addWidget(self.path_edit, 1)
        source.addWidget(self.file_button)
        source.addWidget(self.folder_button)
        template = QHBoxLayout()
        template.addWidget(
            hint_label(
                self.tr(
                    "支持导入模板 Excel 工作簿(.xlsx)、JSON,或放有 事项.csv 等五个 CSV 文件的文件夹"
                    "(UTF-8 或 GB18030 编码)。"
                ),
                self,
            ),
            1,
        )
        template.addWidget(self.template_button)
        layout = QVBoxLayout(self)
        layout.addLayout(source)
        layout.addLayout(template)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

    # -- choosing ------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = open_file(
            self,
            self.tr("选择事项目录文件"),
            self.tr("事项目录 (*.xlsx *.json);;Excel 工作簿 (*.xlsx);;JSON (*.json)"),
        )
        if path:
            self.load(path)

    def choose_folder(self) -> None:
        path = open_folder(self, self.tr("选择放有 CSV 文件的文件夹"))
        if path:
            self.load(path)

    def choose_template_destination(self) -> None:
        chosen = save_file(
            self,
            self.tr("保存空白导入模板"),
            "事项目录导入模板.xlsx",
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if chosen:
            self.save_template(chosen[0])

    def save_template(self, destination: str | Path) -> None:
        """Copy the shipped blank template (or write one) to ``destination``."""
        destination = Path(destination)
        try:
            bundled = catalog_file(TEMPLATE)
            if bundled.is_file():
                with bundled.open("rb") as src, destination.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
            else:
                write_template(destination)
        except OSError as exc:
            self.error.show_message(
                self.tr("无法保存模板到 {0}:{1}。请换一个位置。").format(
                    destination, exc.strerror or exc
                )
            )
            return
        self.error.show_message(None)
        self.status.setText(self.tr("空白模板已保存到 {0}。").format(destination))

    # -- reading (background) ------------------------------------------------------------
    def load(self, path: str | Path) -> None:
        """Read and check ``path`` in the background, then show its errors or its diff."""
        if self.worker.busy:
            return
        self.preview = None
        self.path_edit.setText(str(path))
        self.details.clear()
        self.summary.setVisible(False)
        self.error.show_message(None)
        self.status.setText(self.tr("正在读取并检查…"))
        db_path = self.services.store.path

        def work(report: Any) -> ImportPreview:
            own = open_services(db_path, seed=False)  # this thread's own connection
            try:
                return preview_import(own, path, progress=report)
            finally:
                own.close()

        self._busy(True)
        self.worker.run(work, self._show_preview, self._show_errors, self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done if total else 0)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        for button in (
            self.file_button,
            self.folder_button,
            self.template_button,
            self.close_button,
        ):
            button.setEnabled(not busy)
        self.apply_button.setEnabled(not busy and self._can_apply())

    def _can_apply(self) -> bool:
        return self.preview is not None and not self.preview.diff.is_empty()

    def _show_errors(self, exc: BaseException) -> None:
        self.preview = None
        self._busy(False)
        self.summary.setVisible(False)
        self.details.clear()
        self.status.setText(exc.message if isinstance(exc, UserError) else error_text(exc))
        for detail in exc.details if isinstance(exc, UserError) else []:
            item = QListWidgetItem(detail)
            item.setForeground(palette.ERROR)
            item.setToolTip(detail)
            self.details.addItem(item)
        self.summary.setText(self.tr("无法导入:当前目录保持原样,没有任何改动。"))
        self.summary.setVisible(True)

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.details.clear()
        if preview.diff.is_empty():
            self.status.setText(self.tr("目录无变化:文件与当前目录相同,无需导入。"))
        else:
            self.status.setText(self.tr("检查通过。应用导入后将做出以下修改:"))
        self.summary.setText(self.summary_text(preview))
        self.summary.setVisible(True)
        for line in preview.diff.lines() if not preview.diff.is_empty() else []:
            item = QListWidgetItem(line)
            item.setToolTip(line)
            self.details.addItem(item)
        self._busy(False)

    def summary_text(self, preview: ImportPreview) -> str:
        """Counts of what the import would add, remove and change, section by section."""
        s = preview.diff.summary()
        cat = preview.catalog
        parts = [
            self.tr("事项:新增 {0},删除 {1},修改 {2}").format(
                s["items_added"], s["items_removed"], s["items_changed"]
            ),
            self.tr("一件事:新增 {0},删除 {1},修改 {2}").format(
                s["bundles_added"], s["bundles_removed"], s["bundles_changed"]
            ),
            self.tr("跨域通办:新增 {0},删除 {1},修改 {2}").format(
                s["crossregion_added"], s["crossregion_removed"], s["crossregion_changed"]
            ),
            self.tr(
                "导入后共有事项 {0} 项、材料 {1} 份、一件事 {2} 个、跨域通办事项 {3} 项。"
            ).format(
                len(cat.items),
                sum(len(i.materials) for i in cat.items),
                len(cat.bundles),
                len(cat.crossregion),
            ),
        ]
        if preview.removals.materials:
            parts.insert(1, self.tr("材料:删除 {0} 份").format(preview.removals.materials))
        return "\n".join(parts)

    def removals_box(self, preview: ImportPreview) -> QMessageBox:
        """The question asked before an import that removes more than the core allows
        without consent; 删除并导入 is not the default button."""
        r = preview.removals
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("确认删除"))
        box.setText(
            self.tr(
                "这次导入会从目录中删除:事项 {0} 项、材料 {1} 份、一件事 {2} 个、跨域通办事项 {3} 项。"
            ).format(r.items, r.materials, r.bundles, r.crossregion)
        )
        box.setInformativeText(
            self.tr(
                "如果选错了文件(例如空白模板),或文件在编辑时损坏,请选择“不导入”。"
                "已登记的办件不受影响。确定要删除这些内容吗?"
            )
        )
        box.addButton(self.tr("删除并导入"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("不导入"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        return box

    # -- applying (background) -----------------------------------------------------------
    def apply(self) -> None:
        preview, db_path, actor = self.preview, self.services.store.path, self.user
        if self.worker.busy or preview is None or not self._can_apply():
            return
        allow = preview.removals.need_consent()
        if allow:
            box = self.removals_box(preview)
            box.exec()
            if box.buttonRole(box.clickedButton()) != QMessageBox.ButtonRole.DestructiveRole:
                self.status.setText(self.tr("没有导入:目录保持原样。"))
                return

        def work(report: Any) -> CatalogVersion:
            own = open_services(db_path, seed=False)
            try:
                return apply_import(own, preview, actor, allow_removals=allow)
            finally:
                own.close()

        self.status.setText(self.tr("正在应用导入…"))
        self._busy(True)
        self.worker.run(work, self._applied, self._apply_failed)

    def _applied(self, version: CatalogVersion) -> None:
        self.version = version
        self.services.catalog_changed()  # the GUI's search index must see the new catalog
        self._busy(False)
        self.accept()

    def _apply_failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.status.setText(self.tr("导入没有完成,目录保持原样。"))
        self.error.show_message(error_text(exc))

    def reject(self) -> None:
        if self.worker.busy:
            return  # a background step is under way; it finishes in a moment
        super().reject()
