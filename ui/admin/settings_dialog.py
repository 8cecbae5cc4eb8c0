"""Settings: the centre's profile and secret, the rating server, the 差评 follow-up deadlines and
scores, the 告知书 and 补正 settings, this window, print fonts, language.

A view over ``Settings.change``: a field the signed-in account may not change
(``Settings.may_change``; the centre's profile and the rating server are a supervisor's) is
greyed out; values are checked while typed with the settings' own checks
(``window_assistant.settings.setting_problem``); saving hands everything to the use case, which
writes it in one transaction with an audit entry per changed setting.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.admin.case_settings import CaseSettings
from ui.admin.centre_secret import CentreSecretBox
from ui.admin.followup_settings import FollowUpSettings
from ui.admin.paper_settings import PaperSettings
from ui.admin.rating_address import RatingAddressBox
from ui.admin.rating_tags import TagListEditor
from ui.common import ErrorLabel, hint_label, window_label
from ui.search.synonyms_settings import SynonymSettings
from window_assistant.accounts import User
from window_assistant.errors import UserError
from window_assistant.ratings.reach import LanAddress
from window_assistant.settings import LANGUAGES, SETTINGS, IntSetting, Settings, setting_problem

CENTRE_KEYS = (
    "centre.name",
    "centre.abbrev",
    "centre.address",
    "centre.phone",
    "centre.complaint_phone",
    "centre.review_body",
    "centre.court",
)
RATING_KEYS = ("rating.host", "rating.port")
SUPERVISOR_KEYS = CENTRE_KEYS + RATING_KEYS
TAG_KEYS = (Settings.rating_good_tags.key, Settings.rating_bad_tags.key)
PERIOD_KEY = Settings.rating_period_days.key


class SettingsDialog(QDialog):
    def __init__(
        self,
        services,
        user: User,
        parent: QWidget | None = None,
        *,
        addresses: list[LanAddress] | None = None,  # this PC's, unless a test says otherwise
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.user = user
        self.setWindowTitle(self.tr("设置"))
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        settings: Settings = services.settings
        current = settings.all()
        labels = {
            "centre.name": self.tr("中心名称"),
            "centre.abbrev": self.tr("文号简称"),
            "centre.address": self.tr("地址"),
            "centre.phone": self.tr("咨询电话"),
            "centre.complaint_phone": self.tr("监督投诉电话"),
            "centre.review_body": self.tr("行政复议机关"),
            "centre.court": self.tr("行政诉讼法院"),
        }
        self.tabs = QTabWidget(self)
        # every tab in sight: scroll arrows hid the last ones and were Tab stops of their own
        self.tabs.setUsesScrollButtons(False)
        centre_form = self._form_tab(self.tr("中心信息"))
        for key in CENTRE_KEYS:
            self._add_edit(centre_form, key, labels[key], str(current[key]))
        self.secret_box = CentreSecretBox(services, user, self)
        centre_form.addRow(self.tr("中心密钥"), self.secret_box.box)
        rating_form = self._form_tab(self.tr("评价服务"))
        self.rating = RatingAddressBox(
            rating_form,
            settings.rating_host,
            settings.rating_port,
            settings.rating_by_phone,
            self,
            addresses=addresses,
        )
        self.edits["rating.host"] = self.rating.host_edit
        self.edits["rating.port"] = self.rating.port_edit
        self.errors["rating.host"] = self.rating.host_error
        self.errors["rating.port"] = self.rating.port_error
        self.rating.changed.connect(self.refresh)
        if not all(settings.may_change(user, key) for key in SUPERVISOR_KEYS):
            note = self.tr("只有负责人可以修改中心信息和评价服务设置。")
            centre_form.insertRow(0, hint_label(note, self))
            rating_form.insertRow(0, hint_label(note, self))
        for key in CENTRE_KEYS:
            self.edits[key].setEnabled(settings.may_change(user, key))
        self.rating.set_enabled(all(settings.may_change(user, key) for key in RATING_KEYS))
        self._build_rating_choices(self._form_tab(self.tr("评价标签与期限")), settings, user)
        self.followup = FollowUpSettings(
            self._form_tab(self.tr("差评整改与统计")), settings, user, self
        )
        self.followup.changed.connect(self.refresh)
        self.case_limits = CaseSettings(self._form_tab(self.tr("办件期限")), settings, user, self)
        self.papers = PaperSettings(self._form_tab(self.tr("告知书与补正")), settings, user, self)
        self.papers.changed.connect(self.refresh)

        local = self._form_tab(self.tr("本机与打印"))
        self.window_combo = QComboBox(self)
        for window in services.accounts.windows():
            self.window_combo.addItem(window_label(window), window.id)
        self.window_combo.setCurrentIndex(
            max(self.window_combo.findData(services.current_window_id()), 0)
        )
        local.addRow(self.tr("本机窗口"), self.window_combo)
        self.font_combos: dict[str, QFontComboBox] = {}
        self._fonts_picked: set[str] = set()
        chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        for setting, label in (
            (Settings.title_font, self.tr("标题字体")),
            (Settings.body_font, self.tr("正文字体")),
        ):
            key = setting.key
            combo = QFontComboBox(self)
            combo.setObjectName(key)
            combo.setWritingSystem(QFontDatabase.WritingSystem.SimplifiedChinese)
            combo.setEditable(False)
            stored = settings.value(setting)
            self.font_combos[key] = combo
            local.addRow(label, combo)
            if stored in chinese or not chinese:
                combo.setCurrentFont(QFont(stored))
            else:
                substitute = _substitute(chinese, serif=setting is Settings.body_font)
                combo.setCurrentFont(QFont(substitute))
                local.addRow(
                    "",
                    hint_label(
                        self.tr(
                            "本机没有「{0}」字体,打印时由相近字体(如「{1}」)代替。"
                            "在此选一种字体并保存,即改用所选字体。"
                        ).format(stored, substitute),
                        self,
                    ),
                )
            # Only a font the user picks is saved; showing a substitute changes nothing.
            combo.currentFontChanged.connect(lambda _f, k=key: self._fonts_picked.add(k))
        self.language_combo = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(settings.language), 0))
        local.addRow(self.tr("界面语言"), self.language_combo)
        local.addRow("", hint_label(self.tr("界面语言在重新启动窗口助手后生效。"), self))
        lock = Settings.lock_idle_minutes
        assert isinstance(lock, IntSetting)  # its range is the spin box's
        self.lock_spin = QSpinBox(self)
        self.lock_spin.setObjectName(lock.key)
        self.lock_spin.setRange(lock.low, lock.high)
        self.lock_spin.setValue(settings.lock_idle_minutes)
        self.lock_spin.setSuffix(self.tr(" 分钟"))
        self.lock_spin.setSpecialValueText(self.tr("不自动锁定"))  # 0
        self.lock_spin.setEnabled(settings.may_change(user, lock.key))
        local.addRow(self.tr("无操作自动锁屏"), self.lock_spin)
        local.addRow(
            "",
            hint_label(self.tr("负责人设置;随时可按 Ctrl+Shift+L 锁定或换人登录。"), self),
        )
        self._build_direct_print(local, settings, user)

        # a supervisor's own search synonyms (issue 13 §1)
        self.synonyms = SynonymSettings(self._form_tab(self.tr("检索同义词")), settings, user, self)
        self.synonyms.changed.connect(self.refresh)
        self.errors.update(self.synonyms.errors())

        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.changed: dict[str, tuple[Any, Any]] = {}
        self.refresh()
        self.resize(560, 470)  # the tag lists show five tags without scrolling

    def _build_direct_print(self, form: QFormLayout, settings: Settings, user: User) -> None:
        """登记并打印 straight to the default printer (a supervisor's choice), and which one."""
        self.direct_check = QCheckBox(self.tr("登记并打印时直接送默认打印机(不预览)"), self)
        self.direct_check.setObjectName(Settings.print_direct.key)
        self.direct_check.setChecked(settings.print_direct)
        self.direct_check.setEnabled(settings.may_change(user, Settings.print_direct.key))
        form.addRow(self.tr("打印"), self.direct_check)
        printer = QPrinterInfo.defaultPrinterName()
        where = (
            self.tr("本机默认打印机:{0}。").format(printer)
            if printer
            else self.tr("本机没有默认打印机:登记后将打开打印预览。")
        )
        form.addRow("", hint_label(where + self.tr("负责人设置;预览仍可按 Ctrl+Shift+P。"), self))

    def _build_rating_choices(self, form: QFormLayout, settings: Settings, user: User) -> None:
        """The rating period and the two tag sets: a supervisor's, read-only for a clerk."""
        if not all(settings.may_change(user, key) for key in (*TAG_KEYS, PERIOD_KEY)):
            form.addRow(hint_label(self.tr("只有负责人可以修改评价标签和评价期限。"), self))
        self.period_spin = QSpinBox(self)
        self.period_spin.setObjectName(PERIOD_KEY)
        period = SETTINGS[PERIOD_KEY]
        assert isinstance(period, IntSetting)  # its range is the spin box's
        self.period_spin.setRange(period.low, period.high)
        self.period_spin.setValue(settings.rating_period_days)
        self.period_spin.setSuffix(self.tr(" 天"))
        self.period_spin.setEnabled(settings.may_change(user, PERIOD_KEY))
        form.addRow(self.tr("评价期限"), self.period_spin)
        form.addRow("", hint_label(self.tr("办件后在此期限内可以评价(含补充评价)。"), self))
        self.tag_editors: dict[str, TagListEditor] = {}
        for setting, label in (
            (Settings.rating_good_tags, self.tr("好评标签")),
            (Settings.rating_bad_tags, self.tr("差评标签")),
        ):
            editor = TagListEditor(setting.key, settings.value(setting), self)
            editor.set_enabled(settings.may_change(user, setting.key))
            editor.changed.connect(self.refresh)
            error = ErrorLabel(self)
            editor.box.addWidget(error)
            form.addRow(label, editor.box)
            self.tag_editors[setting.key], self.errors[setting.key] = editor, error

    def _form_tab(self, title: str) -> QFormLayout:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.tabs.addTab(page, title)
        return form

    def _add_edit(self, form: QFormLayout, key: str, label: str, text: str) -> None:
        edit = QLineEdit(text, self)
        edit.setObjectName(key)
        error = ErrorLabel(self)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(edit)
        box.addWidget(error)
        form.addRow(label, box)
        self.edits[key], self.errors[key] = edit, error
        edit.textChanged.connect(self.refresh)

    def problems(self) -> dict[str, str]:
        found = (
            self.rating.problems()
            | self.followup.problems()
            | self.papers.problems()
            | self.synonyms.problems()
        )
        for key, editor in self.tag_editors.items():
            problem = setting_problem(key, editor.tags())
            if problem:
                found[key] = problem
        for key, edit in self.edits.items():
            problem = None if key in RATING_KEYS else setting_problem(key, edit.text())
            if problem:
                found[key] = problem
        return found

    def refresh(self) -> None:
        if not hasattr(self, "save_button"):
            return  # still being built
        found = self.problems()
        for key, label in self.errors.items():
            label.show_message(found.get(key))
        self.save_button.setEnabled(not found)

    def values(self) -> dict[str, Any]:
        """What the user may change here (fonts only when the user picked one)."""
        values: dict[str, Any] = {
            Settings.current_window.key: self.window_combo.currentData(),
            Settings.language.key: self.language_combo.currentData(),
        }
        for key in self._fonts_picked:
            values[key] = self.font_combos[key].currentFont().family()
        for key in SUPERVISOR_KEYS:
            if self.edits[key].isEnabled():
                values[key] = self.edits[key].text()
        if self.rating.host_combo.isEnabled():
            values[Settings.rating_by_phone.key] = self.rating.by_phone.isChecked()
        if self.period_spin.isEnabled():
            values[PERIOD_KEY] = self.period_spin.value()
        if self.lock_spin.isEnabled():
            values[Settings.lock_idle_minutes.key] = self.lock_spin.value()
        if self.direct_check.isEnabled():
            values[Settings.print_direct.key] = self.direct_check.isChecked()
        for key, editor in self.tag_editors.items():
            if editor.list.isEnabled():
                values[key] = editor.tags()
        values.update(self.followup.values())
        values.update(self.case_limits.values())
        values.update(self.papers.values())
        values.update(self.synonyms.values())
        return values

    def save(self) -> None:
        found = self.problems()
        if found:
            self.refresh()
            self.error.show_message(self.tr("有设置不正确,请按红字提示修改后再保存。"))
            return
        try:
            self.changed = self.services.settings.change(self.user, self.values())
        except UserError as exc:
            self.error.show_message(str(exc))
            return
        self.accept()


def _substitute(families: list[str], *, serif: bool) -> str:
    """A Simplified-Chinese face of the right kind (黑体-like sans or 宋/仿宋-like serif)."""
    kinds = ("Serif", "Song", "Fang", "Ming", "宋") if serif else ("Sans", "Hei", "黑")
    for region in ("SC", "CN", "GB", ""):
        for family in families:
            if any(k in family for k in kinds) and region in family and "Mono" not in family:
                return family
    return families[0]
