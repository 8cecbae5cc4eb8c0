"""The settings dialog's 差评整改与统计 tab: the two follow-up deadlines, the score of each rating
level and the centre's region code (issue 10).

It only collects: the ranges are the settings' own (``IntSetting``), and whether the scores
rise or the region code is well formed is the core's to say (``setting_problem`` while
editing, ``Settings.change`` on saving), shown under the field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from ui.common import ErrorLabel, hint_label
from ui.i18n import code_label
from window_assistant.accounts import User
from window_assistant.settings import SETTINGS, IntSetting, Settings, setting_problem
from window_assistant.vocab import RatingLevel

VERIFY_KEY = Settings.followup_verify_days.key
RECTIFY_KEY = Settings.followup_rectify_days.key
SCORES_KEY = Settings.rating_level_scores.key
REGION_KEY = Settings.region_code.key
KEYS = (VERIFY_KEY, RECTIFY_KEY, SCORES_KEY, REGION_KEY)
MAX_SCORE = 100


def days_spin(
    form: QFormLayout, settings: Settings, key: str, label: str, parent: QWidget
) -> QSpinBox:
    """A row of ``form``: the working days of the ``IntSetting`` ``key``, in its own range."""
    setting = SETTINGS[key]
    assert isinstance(setting, IntSetting)  # its range is the spin box's
    spin = QSpinBox(parent)
    spin.setObjectName(setting.key)
    spin.setRange(setting.low, setting.high)  # the setting's own range
    spin.setValue(settings.value(setting))
    spin.setSuffix(QCoreApplication.translate("FollowUpSettings", " 个工作日"))
    form.addRow(label, spin)
    return spin


class FollowUpSettings(QObject):
    """The tab's fields on ``form``; ``changed`` whenever a value changes."""

    changed = Signal()

    def __init__(self, form: QFormLayout, settings: Settings, user: User, parent: QWidget) -> None:
        super().__init__(parent)
        self._widget = parent
        if not all(settings.may_change(user, key) for key in KEYS):
            form.addRow(
                hint_label(self.tr("只有负责人可以修改差评整改期限、分值和行政区划代码。"), parent)
            )
        self.verify_spin = self._days(form, settings, VERIFY_KEY, self.tr("核实期限"))
        self.rectify_spin = self._days(form, settings, RECTIFY_KEY, self.tr("整改期限"))
        form.addRow(
            "",
            hint_label(
                self.tr("辽宁省办法:差评 1 个工作日内回访核实,复杂问题 15 个工作日内整改到位。"),
                parent,
            ),
        )
        self.score_spins: list[QSpinBox] = []
        row = QHBoxLayout()
        for level, score in zip(RatingLevel, settings.rating_level_scores):
            spin = QSpinBox(parent)
            spin.setObjectName(f"{SCORES_KEY}.{level.value}")
            spin.setRange(0, MAX_SCORE)
            spin.setValue(score)
            spin.valueChanged.connect(self.changed)
            row.addWidget(QLabel(code_label(level), parent))
            row.addWidget(spin)
            self.score_spins.append(spin)
        row.addStretch(1)
        self.scores_error = ErrorLabel(parent)
        form.addRow(self.tr("等级分值"), row)
        form.addRow("", self.scores_error)
        form.addRow(
            "", hint_label(self.tr("平均分按这些分值计算,从非常满意到非常不满意不能升高。"), parent)
        )
        self.region_edit = QLineEdit(settings.region_code, parent)
        self.region_edit.setObjectName(REGION_KEY)
        self.region_edit.setMaxLength(6)
        self.region_edit.setPlaceholderText(self.tr("6 位数字,如 210303"))
        self.region_edit.textChanged.connect(self.changed)
        self.region_error = ErrorLabel(parent)
        form.addRow(self.tr("行政区划代码"), self.region_edit)
        form.addRow("", self.region_error)
        form.addRow(
            "", hint_label(self.tr("报送省好差评系统的数据按此代码(GB/T 2260,6 位)归属。"), parent)
        )
        enabled = {key: settings.may_change(user, key) for key in KEYS}
        self.verify_spin.setEnabled(enabled[VERIFY_KEY])
        self.rectify_spin.setEnabled(enabled[RECTIFY_KEY])
        for spin in self.score_spins:
            spin.setEnabled(enabled[SCORES_KEY])
        self.region_edit.setEnabled(enabled[REGION_KEY])

    def _days(self, form: QFormLayout, settings: Settings, key: str, label: str) -> QSpinBox:
        spin = days_spin(form, settings, key, label, self._widget)
        spin.valueChanged.connect(self.changed)
        return spin

    def scores(self) -> list[int]:
        return [spin.value() for spin in self.score_spins]

    def problems(self) -> dict[str, str]:
        found = {}
        for key, value in ((SCORES_KEY, self.scores()), (REGION_KEY, self.region_edit.text())):
            problem = setting_problem(key, value)
            if problem:
                found[key] = problem
        self.scores_error.show_message(found.get(SCORES_KEY))
        self.region_error.show_message(found.get(REGION_KEY))
        return found

    def values(self) -> dict[str, Any]:
        """What the signed-in account may change here."""
        values: dict[str, Any] = {}
        if self.verify_spin.isEnabled():
            values[VERIFY_KEY] = self.verify_spin.value()
        if self.rectify_spin.isEnabled():
            values[RECTIFY_KEY] = self.rectify_spin.value()
        if self.score_spins[0].isEnabled():
            values[SCORES_KEY] = self.scores()
        if self.region_edit.isEnabled():
            values[REGION_KEY] = self.region_edit.text()
        return values
