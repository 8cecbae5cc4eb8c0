"""The settings dialog's 告知书与补正 tab: the 补正 and 容缺 deadlines, what a 补正告知书 cites
for an item that is not a 行政许可, what happens when the 补正 deadline passes, the default
送达方式 and whether a 告知书 prints its 办事指南要点 附页 (issue 11).

It only collects: the ranges are the settings' own (``IntSetting``) and whether a text will do
is the core's to say (``setting_problem`` while editing, ``Settings.change`` on saving), shown
under the field. A clerk sees the values greyed out.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, hint_label
from window_assistant.accounts import User
from window_assistant.settings import SETTINGS, IntSetting, Settings, setting_problem

CORRECTION_DAYS_KEY = Settings.correction_days.key
RONGQUE_DAYS_KEY = Settings.rongque_days.key
COMMITMENT_KEY = Settings.correction_commitment.key
LAPSE_KEY = Settings.correction_lapse.key
DELIVERY_KEY = Settings.sheet_delivery.key
GUIDE_KEY = Settings.sheet_guide_sheet.key
TEXT_KEYS = (COMMITMENT_KEY, LAPSE_KEY, DELIVERY_KEY)
KEYS = (CORRECTION_DAYS_KEY, RONGQUE_DAYS_KEY, *TEXT_KEYS, GUIDE_KEY)
TEXT_LINES = 3  # a long text's box shows this many lines


class PaperSettings(QObject):
    """The tab's fields on ``form``; ``changed`` whenever a value changes."""

    changed = Signal()

    def __init__(self, form: QFormLayout, settings: Settings, user: User, parent: QWidget) -> None:
        super().__init__(parent)
        self._widget = parent
        self.enabled = {key: settings.may_change(user, key) for key in KEYS}
        if not all(self.enabled.values()):
            form.addRow(hint_label(self.tr("只有负责人可以修改告知书与补正的设置。"), parent))
        self.correction_spin = self._days(form, settings, CORRECTION_DAYS_KEY, self.tr("补正期限"))
        form.addRow(
            "", hint_label(self.tr("一次性补正告知书上的补正期限,自告知之日起计算。"), parent)
        )
        self.rongque_spin = self._days(form, settings, RONGQUE_DAYS_KEY, self.tr("容缺补齐期限"))
        form.addRow(
            "",
            hint_label(
                self.tr(
                    "目录未写补齐时限的容缺材料按此期限补齐;任何补齐日期都不超过事项的承诺办结时限。"
                ),
                parent,
            ),
        )
        self.texts: dict[str, QPlainTextEdit | QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._text(
            form,
            COMMITMENT_KEY,
            self.tr("一次性告知承诺"),
            QPlainTextEdit(settings.correction_commitment, parent),
            self.tr(
                "非行政许可事项的一次性补正告知书引用此承诺;"
                "行政许可事项引用《行政许可法》第三十二条。"
            ),
        )
        self._text(
            form,
            LAPSE_KEY,
            self.tr("逾期未补正"),
            QPlainTextEdit(settings.correction_lapse, parent),
            self.tr("印在补正期限之后,告知申请人逾期未补正如何处理。"),
        )
        self._text(
            form,
            DELIVERY_KEY,
            self.tr("送达方式"),
            QLineEdit(settings.sheet_delivery, parent),
            self.tr("目录未写送达方式的事项,一次性告知书印此送达方式。"),
        )
        self.guide_check = QCheckBox(
            self.tr("一次性告知书附印办事指南要点页(受理条件、设定依据、材料的完整填报要求)"),
            parent,
        )
        self.guide_check.setObjectName(GUIDE_KEY)
        self.guide_check.setChecked(settings.sheet_guide_sheet)
        self.guide_check.toggled.connect(self.changed)
        self.guide_check.setEnabled(self.enabled[GUIDE_KEY])
        form.addRow(self.tr("办事指南要点页"), self.guide_check)
        form.addRow(
            "",
            hint_label(self.tr("窗口人员登记办件时仍可逐件选择;一件事的告知书总是附印。"), parent),
        )

    def _days(self, form: QFormLayout, settings: Settings, key: str, label: str) -> QSpinBox:
        setting = SETTINGS[key]
        assert isinstance(setting, IntSetting)  # its range is the spin box's
        spin = QSpinBox(self._widget)
        spin.setObjectName(key)
        spin.setRange(setting.low, setting.high)
        spin.setValue(settings.value(setting))
        spin.setSuffix(self.tr(" 个工作日"))
        spin.valueChanged.connect(self.changed)
        spin.setEnabled(self.enabled[key])
        form.addRow(label, spin)
        return spin

    def _text(
        self, form: QFormLayout, key: str, label: str, edit: QPlainTextEdit | QLineEdit, hint: str
    ) -> None:
        edit.setObjectName(key)
        edit.setEnabled(self.enabled[key])
        if isinstance(edit, QPlainTextEdit):
            edit.setTabChangesFocus(True)  # Tab goes to the next field, never into the text
            line = edit.fontMetrics().lineSpacing()
            edit.setFixedHeight(line * TEXT_LINES + 2 * edit.frameWidth() + 8)
        edit.textChanged.connect(self.changed)
        error = ErrorLabel(self._widget)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(edit)
        box.addWidget(error)
        box.addWidget(hint_label(hint, self._widget))
        form.addRow(label, box)
        self.texts[key], self.errors[key] = edit, error

    def text(self, key: str) -> str:
        edit = self.texts[key]
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def problems(self) -> dict[str, str]:
        found = {}
        for key in TEXT_KEYS:
            problem = setting_problem(key, self.text(key))
            if problem:
                found[key] = problem
            self.errors[key].show_message(found.get(key))
        return found

    def values(self) -> dict[str, Any]:
        """What the signed-in account may change here."""
        values: dict[str, Any] = {}
        for key, spin in ((CORRECTION_DAYS_KEY, self.correction_spin),
                          (RONGQUE_DAYS_KEY, self.rongque_spin)):  # fmt: skip
            if self.enabled[key]:
                values[key] = spin.value()
        values.update({key: self.text(key) for key in TEXT_KEYS if self.enabled[key]})
        if self.enabled[GUIDE_KEY]:
            values[GUIDE_KEY] = self.guide_check.isChecked()
        return values
