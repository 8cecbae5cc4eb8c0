"""The first thing shown when the database file is damaged: what happened, the newest backup
that passes the check, and two ways on: restore it and go on, or quit (and call for help).
After a restore the same dialog says what the restore did (the cases the backup lacks, the
serial counters carried forward) before the app goes on."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.common import ErrorLabel, hint_label, set_style_state
from window_assistant.errors import UserError
from window_assistant.paths import backup_dir
from window_assistant.services import restore_database
from window_assistant.store.backup import RestoreResult
from window_assistant.store.damage import DamagedDatabase

MISSING_SHOWN = 20  # serials listed here; the audit log and the CLI have them all
WIDTH = 560


def _no_secret() -> str:
    # Asked only if the file opens after all (someone restored it meanwhile): start again.
    raise UserError("数据库文件现在可以打开了,请关闭本窗口后重新启动窗口助手。")


class DamagedDatabaseDialog(QDialog):
    """Accepted once the backup is restored and the user has read what the restore did
    (``restored``); rejected when the user quits."""

    def __init__(self, error: DamagedDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.restored: RestoreResult | None = None
        self.setWindowTitle(self.tr("数据库文件已损坏 — 窗口助手"))
        self.title = QLabel(self.tr("数据库文件已损坏,无法使用"), self)
        self.title.setObjectName("damagedTitle")
        self.what = QLabel(
            self.tr("文件:{path}\nSQLite 报告:{detail}").format(
                path=error.path, detail=error.detail
            ),
            self,
        )
        self.inline_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = None
        if error.backup is not None:
            made = datetime.fromtimestamp(error.backup.stat().st_mtime)
            self.way = QLabel(
                self.tr("最新的完好备份:{name}\n备份于 {time},在 {folder}").format(
                    name=error.backup.name,
                    time=made.strftime("%Y-%m-%d %H:%M"),
                    folder=error.backup.parent,
                ),
                self,
            )
            self.note = hint_label(
                self.tr(
                    "恢复这份备份后即可继续工作。备份之后登记的办件不在备份里:恢复后会列出它们的"
                    "编号(这些编号不会再发),请按纸质材料核对。损坏的文件会原样另存到备份文件夹,"
                    "不会删除。"
                ),
                self,
            )
            self.restore_button = self.buttons.addButton(
                self.tr("恢复此备份并继续"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.restore_button.setObjectName("primary")
            self.restore_button.setDefault(True)
        else:
            self.way = QLabel(
                self.tr("在 {folder} 中没有找到完好的备份。").format(folder=backup_dir(error.path)),
                self,
            )
            self.note = hint_label(
                self.tr(
                    "请不要删除或覆盖这个文件,把它交给系统管理员;"
                    "如在别处有备份,可用命令行的 restore 命令恢复。"
                ),
                self,
            )
        self.quit_button = self.buttons.addButton(
            self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.restore)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        for widget in (self.title, self.what, self.way, self.note):
            widget.setWordWrap(True)
            layout.addWidget(widget)
        layout.addWidget(self.inline_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(WIDTH)
        self._fit()

    def _fit(self) -> None:
        # A window ignores its wrapped labels' height-for-width unless told: without this the
        # last lines of the note were cut off.
        self.resize(WIDTH, self.heightForWidth(WIDTH))

    def restore(self) -> None:
        backup = self.error.backup
        if backup is None or self.restored is not None:
            return
        try:
            self.restored = restore_database(self.error.path, backup, None, _no_secret)
        except UserError as exc:
            self.inline_error.show_message(str(exc))
            self._fit()
            return
        self.inline_error.show_message(None)
        self.title.setText(self.tr("已从备份恢复"))
        set_style_state(self.title, "state", "restored")
        self.what.hide()
        self.way.setText(self.tr("已从 {name} 恢复数据库。").format(name=backup.name))
        self.note.setText("\n".join(self.restored.lines(limit=MISSING_SHOWN)))
        self.quit_button.hide()
        if self.restore_button is not None:  # always, with a backup to restore
            self.restore_button.setText(self.tr("继续"))
        self.buttons.accepted.disconnect(self.restore)
        self.buttons.accepted.connect(self.accept)
        self._fit()


def recover(error: DamagedDatabase, parent: QWidget | None = None) -> bool:
    """Show the dialog; whether the backup was restored and the app can go on."""
    dialog = DamagedDatabaseDialog(error, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted and dialog.restored is not None
