"""The applicant (and optional agent) of a case, checked as the clerk types.

Every number is checked by the core's own rules (``ids.id_problem``, ``ids.phone_problem``), so
the red line under a field is the message registration would give; a typo is caught while the
applicant is still at the counter. Blank optional fields are not complained about.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, set_style_state
from ui.i18n import code_label
from ui.screen_fit import compact_combo
from window_assistant.cases import ids
from window_assistant.sheets.model import Person
from window_assistant.vocab import IdType, PersonKind

PERSON_ID_TYPES = tuple(t for t in ids.ID_TYPES if t not in ids.ORGANISATION_ID_TYPES)


class CheckedField(QWidget):
    """A line edit with the problem of its text shown in red under it (None: nothing to say)."""

    def __init__(self, check, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check  # text -> message or None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.edit.textChanged.connect(self.revalidate)

    def problem(self) -> str | None:
        text = self.edit.text()
        return self.check(text) if text.strip() else None

    def revalidate(self) -> None:
        problem = self.problem()
        self.error.show_message(problem)
        set_style_state(self.edit, "invalid", bool(problem))  # red frame: style.qss
        self.edit.setToolTip(problem or "")

    def text(self) -> str:
        return self.edit.text()


class ApplicantForm(QGroupBox):
    """申请人: person or organisation, name, document, phone; 代理人 when someone acts for them."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.person_radio = QRadioButton(self.tr("个人"), self)
        self.organisation_radio = QRadioButton(self.tr("单位"), self)
        self.person_radio.setChecked(True)
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.person_radio)
        self.kind_group.addButton(self.organisation_radio)
        kinds = QHBoxLayout()
        kinds.addWidget(self.person_radio)
        kinds.addWidget(self.organisation_radio)
        kinds.addStretch(1)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("姓名"))
        self.id_type_combo = QComboBox(self)
        self.id_field = CheckedField(
            lambda text: ids.id_problem(self.id_type_combo.currentData(), text),
            self.tr("证件号码"),
            self,
        )
        self.phone_field = CheckedField(ids.phone_problem, self.tr("手机或固定电话"), self)

        self.agent_check = QCheckBox(self.tr("由代理人(经办人)办理"), self)
        self.agent_name_edit = QLineEdit(self)
        self.agent_name_edit.setPlaceholderText(self.tr("代理人姓名"))
        self.agent_id_type_combo = QComboBox(self)
        _fill(self.agent_id_type_combo, PERSON_ID_TYPES)
        self.agent_id_field = CheckedField(
            lambda text: ids.id_problem(self.agent_id_type_combo.currentData(), text),
            self.tr("代理人证件号码"),
            self,
        )
        self.agent_box = QWidget(self)
        agent_form = QFormLayout(self.agent_box)
        agent_form.setContentsMargins(0, 0, 0, 0)
        agent_form.addRow(self.tr("代理人"), self.agent_name_edit)
        agent_form.addRow(self.tr("证件类型"), self.agent_id_type_combo)
        agent_form.addRow(self.tr("证件号码"), self.agent_id_field)
        self.agent_box.setVisible(False)

        self.form = QFormLayout(self)
        self.form.setContentsMargins(10, 12, 10, 8)
        self.form.setVerticalSpacing(6)
        self.form.addRow(self.tr("类型"), kinds)
        self.form.addRow(self.tr("姓名"), self.name_edit)
        self.form.addRow(self.tr("证件类型"), self.id_type_combo)
        self.form.addRow(self.tr("证件号码"), self.id_field)
        self.form.addRow(self.tr("联系电话"), self.phone_field)
        self.form.addRow(self.agent_check)
        self.form.addRow(self.agent_box)
        self._fill_id_types()

        self.organisation_radio.toggled.connect(self._kind_changed)
        self.id_type_combo.currentIndexChanged.connect(self.id_field.revalidate)
        self.agent_id_type_combo.currentIndexChanged.connect(self.agent_id_field.revalidate)
        self.agent_check.toggled.connect(self.agent_box.setVisible)
        for signal in (
            self.organisation_radio.toggled,
            self.name_edit.textChanged,
            self.id_type_combo.currentIndexChanged,
            self.id_field.edit.textChanged,
            self.phone_field.edit.textChanged,
            self.agent_check.toggled,
            self.agent_name_edit.textChanged,
            self.agent_id_field.edit.textChanged,
        ):
            signal.connect(self.changed)

    # -- reading ---------------------------------------------------------------------------
    @property
    def kind(self) -> PersonKind:
        if self.organisation_radio.isChecked():
            return PersonKind.ORGANISATION
        return PersonKind.PERSON

    def applicant(self) -> Person | None:
        """The applicant as typed (the core normalises and checks it), None when left blank."""
        texts = (self.name_edit.text(), self.id_field.text(), self.phone_field.text())
        if not any(t.strip() for t in texts):
            return None
        return Person(
            name=texts[0].strip(),
            kind=self.kind,
            id_type=self.id_type_combo.currentData(),
            id_number=texts[1],
            phone=texts[2],
        )

    def agent(self) -> Person | None:
        if not self.agent_check.isChecked():
            return None
        name, number = self.agent_name_edit.text(), self.agent_id_field.text()
        if not (name.strip() or number.strip()):
            return None
        return Person(
            name=name.strip(),
            kind=PersonKind.PERSON,
            id_type=self.agent_id_type_combo.currentData(),
            id_number=number,
        )

    def problems(self) -> list[str]:
        """The red messages now showing, in form order."""
        fields = [self.id_field, self.phone_field]
        if self.agent_check.isChecked():
            fields.append(self.agent_id_field)
        return [p for p in (f.problem() for f in fields) if p]

    # -- internals -------------------------------------------------------------------------
    def _fill_id_types(self) -> None:
        organisation = self.kind == PersonKind.ORGANISATION
        types = ids.ORGANISATION_ID_TYPES if organisation else PERSON_ID_TYPES
        self.id_type_combo.blockSignals(True)
        self.id_type_combo.clear()
        _fill(self.id_type_combo, types)
        self.id_type_combo.blockSignals(False)
        self.name_edit.setPlaceholderText(
            self.tr("单位名称(与营业执照一致)") if organisation else self.tr("姓名")
        )
        label = self.form.labelForField(self.name_edit)
        if isinstance(label, QLabel):
            label.setText(self.tr("单位名称") if organisation else self.tr("姓名"))
        self.id_field.revalidate()

    def _kind_changed(self) -> None:
        self._fill_id_types()
        if self.kind == PersonKind.ORGANISATION and not self.agent_check.isChecked():
            self.agent_check.setChecked(True)  # an organisation always acts through someone


def _fill(combo: QComboBox, id_types: tuple[IdType, ...]) -> None:
    """Each document type by its label, its code as the item's data."""
    for id_type in id_types:
        combo.addItem(code_label(id_type), id_type)
    compact_combo(combo, 16)  # the field's width, not the longest type's: the dialog fits
