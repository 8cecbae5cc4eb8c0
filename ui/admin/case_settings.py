"""The settings dialog's 办件期限 tab: the per-step limits of the case lifecycle (转办, 出件
reminder) and how near a deadline counts as due soon (cases/lifecycle.py). A supervisor's; the
ranges are the settings' own."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QSpinBox, QWidget

from ui.admin.followup_settings import days_spin
from ui.common import hint_label
from window_assistant.accounts import User
from window_assistant.settings import Settings

KEYS = (
    Settings.case_transfer_days.key,
    Settings.case_delivery_days.key,
    Settings.case_due_soon_days.key,
)


class CaseSettings(QObject):
    def __init__(self, form: QFormLayout, settings: Settings, user: User, parent: QWidget) -> None:
        super().__init__(parent)
        if not all(settings.may_change(user, key) for key in KEYS):
            form.addRow(hint_label(self.tr("只有负责人可以修改办件期限。"), parent))
        labels = (self.tr("转办期限"), self.tr("办结后出件提醒"), self.tr("临近到期提醒"))
        self.spins: dict[str, QSpinBox] = {}
        for key, label in zip(KEYS, labels):
            self.spins[key] = days_spin(form, settings, key, label, parent)
            self.spins[key].setEnabled(settings.may_change(user, key))
        form.addRow(
            "",
            hint_label(
                self.tr(
                    "转办期限从收到外地转来的材料起算;跨域通办其他各步的期限按合作协议。"
                    "期限在记录该步骤时计算,修改只影响此后记录的步骤。"
                ),
                parent,
            ),
        )

    def values(self) -> dict[str, int]:
        return {key: spin.value() for key, spin in self.spins.items() if spin.isEnabled()}
