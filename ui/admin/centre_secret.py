"""The 中心信息 tab's 导出中心密钥 / 导入中心密钥 buttons (a supervisor's), and the question asked
before an import that would invalidate the QR codes of unrated cases.

Each button runs its use case at once (``window_assistant.centre_secret``), not on 保存: the
secret is not one of the dialog's fields. Files are chosen through ``ui.file_dialogs``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ui.common import ErrorLabel, hint_label
from ui.file_dialogs import open_file, save_file
from window_assistant.accounts import User
from window_assistant.centre_secret import (
    EXAMPLE_NAME,
    PendingTokens,
    SecretImport,
    export_centre_secret,
    import_centre_secret,
)
from window_assistant.errors import UserError
from window_assistant.permissions import Action, allowed


def confirm_invalidating(parent: QWidget, count: int) -> bool:
    """Whether the user accepts that ``count`` unrated cases lose their QR codes; 不导入 is
    the default button."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("CentreSecret", "确认导入中心密钥"))
    box.setText(
        QCoreApplication.translate(
            "CentreSecret",
            "本机有 {0} 件办件在评价期限内尚未评价,导入后它们告知书上的评价二维码将失效。",
        ).format(count)
    )
    box.setInformativeText(
        QCoreApplication.translate("CentreSecret", "申请人将无法再扫码评价这些办件。确定要导入吗?")
    )
    box.addButton(
        QCoreApplication.translate("CentreSecret", "仍然导入"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    keep = box.addButton(
        QCoreApplication.translate("CentreSecret", "不导入"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.DestructiveRole


def imported_text(done: SecretImport) -> str:
    """What an import did, for the status line under the button."""
    if not done.changed:
        return QCoreApplication.translate("CentreSecret", "本机已在使用这把中心密钥,没有修改。")
    return QCoreApplication.translate(
        "CentreSecret", "已导入「{0}」的中心密钥(导出于 {1})。"
    ).format(done.centre_name, done.exported_at)


class CentreSecretBox(QObject):
    """The two buttons with a line saying what happened; ``box`` is their layout."""

    def __init__(self, services, user: User, parent: QWidget) -> None:
        super().__init__(parent)
        self.services, self.user, self.widget = services, user, parent
        self.export_button = QPushButton(self.tr("导出中心密钥…"), parent)
        self.import_button = QPushButton(self.tr("导入中心密钥…"), parent)
        may = allowed(user, Action.SHARE_CENTRE_SECRET)
        self.export_button.setEnabled(may)
        self.import_button.setEnabled(may)
        self.export_button.clicked.connect(self.choose_export)
        self.import_button.clicked.connect(self.choose_import)
        self.status = hint_label("", parent)
        self.status.setVisible(False)
        self.error = ErrorLabel(parent)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        self.box = QVBoxLayout()
        self.box.setSpacing(2)
        self.box.addLayout(buttons)
        self.box.addWidget(
            hint_label(
                self.tr(
                    "同一中心的各窗口电脑须使用同一把密钥(评价二维码由它签名)。"
                    "在一台电脑上导出,在其他窗口电脑上导入;文件用后请删除。"
                ),
                parent,
            )
        )
        self.box.addWidget(self.status)
        self.box.addWidget(self.error)
        self.confirm = lambda count: confirm_invalidating(parent, count)

    def _say(self, text: str | None, error: str | None = None) -> None:
        self.status.setText(text or "")
        self.status.setVisible(bool(text))
        self.error.show_message(error)

    def choose_export(self) -> None:
        chosen = save_file(
            self.widget, self.tr("导出中心密钥"), EXAMPLE_NAME, self.tr("中心密钥 (*.json)")
        )
        if chosen:
            self.export_to(chosen[0])

    def export_to(self, path: Path) -> None:
        try:
            written = export_centre_secret(self.services, self.user, path)
        except UserError as exc:
            self._say(None, str(exc))
            return
        self._say(
            self.tr("已导出到 {0}。持有此文件即可为本中心签发评价码,导入后请删除。").format(written)
        )

    def choose_import(self) -> None:
        path = open_file(self.widget, self.tr("选择中心密钥文件"), self.tr("中心密钥 (*.json)"))
        if path:
            self.import_from(path)

    def import_from(self, path: Path) -> None:
        try:
            try:
                done = import_centre_secret(self.services, self.user, path)
            except PendingTokens as pending:
                if not self.confirm(pending.count):
                    self._say(self.tr("没有导入:本机的中心密钥保持不变。"))
                    return
                done = import_centre_secret(self.services, self.user, path, confirm=True)
        except UserError as exc:
            self._say(None, str(exc))
            return
        self._say(imported_text(done))
