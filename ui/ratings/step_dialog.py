"""One step of a 差评's follow-up, as a small form: the fields come from the core
(``followups.step_fields``), the answer from ``record_step``. A refusal (a skipped step, a
missing field, no permission) is the core's Chinese message under the form, which stays open
with what was typed; nothing is written then."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, error_text, hint_label
from ui.i18n import code_label
from ui.ratings.rating_filters import date_edit
from window_assistant.errors import UserError
from window_assistant.ratings.followups import (
    FollowUp,
    Step,
    StepField,
    correctable,
    step_fields,
)
from window_assistant.vocab import FollowUpStep

Submit = Callable[[FollowUpStep, dict[str, Any]], None]  # raises UserError when refused


class FieldForm(QWidget):
    """The fields of one step; ``values()`` as ``record_step`` takes them."""

    def __init__(self, specs: list[StepField], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs = specs
        self.editors: dict[str, QWidget] = {}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for spec in specs:
            editor = self._editor(spec)
            editor.setObjectName(f"field_{spec.name}")
            self.editors[spec.name] = editor
            label = (
                spec.label if spec.required else self.tr("{label}(可不填)").format(label=spec.label)
            )
            layout.addRow(label, editor)

    def _editor(self, spec: StepField) -> QWidget:
        if spec.kind in ("text", "note"):
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(72)
            return edit
        if spec.kind == "date":
            return date_edit(date.today(), self)
        combo = QComboBox(self)
        if spec.kind == "bool":
            combo.addItem(self.tr("成立"), "成立")
            combo.addItem(self.tr("不成立"), "不成立")
        for code, label in spec.choices:
            combo.addItem(label, code)
        return combo

    def set_value(self, name: str, value: Any) -> None:
        editor = self.editors[name]
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value))
        elif isinstance(editor, QDateEdit):
            editor.setDate(QDate.fromString(str(value), "yyyy-MM-dd"))
        elif isinstance(editor, QComboBox):
            key = ("成立" if value else "不成立") if isinstance(value, bool) else value
            editor.setCurrentIndex(max(0, editor.findData(key)))

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QPlainTextEdit):
                found[name] = editor.toPlainText()
            elif isinstance(editor, QDateEdit):
                found[name] = editor.date().toString("yyyy-MM-dd")
            elif isinstance(editor, QComboBox):
                found[name] = editor.currentData()
        return found


class StepDialog(QDialog):
    """The form of ``step`` for ``followup``; ``submit`` records it."""

    def __init__(
        self,
        step: FollowUpStep,
        followup: FollowUp,
        submit: Submit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followUpStepDialog")
        self.step = step
        self.followup = followup
        self.submit = submit
        self.setWindowTitle(
            self.tr("{step} — {serial}").format(step=code_label(step), serial=followup.serial)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(self.tr("记录后不能删除或修改;如有错误,请用「更正」另行记录。"), self)
        )
        specs = step_fields(step)
        if step is FollowUpStep.CORRECT:
            specs = [s for s in specs if s.kind != "step"]
            self.target = QComboBox(self)
            self.target.setObjectName("field_step")
            for done in correctable(followup):
                self.target.addItem(step_title(done), done.id)
            self.target.currentIndexChanged.connect(self._show_target)
            form = QFormLayout()
            form.addRow(self.tr("更正的步骤"), self.target)
            layout.addLayout(form)
            self.corrected: FieldForm | None = None
            self.corrected_box = QVBoxLayout()
            layout.addLayout(self.corrected_box)
        self.form = FieldForm(specs, self)
        layout.addWidget(self.form)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("记录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if step is FollowUpStep.CORRECT:
            self._show_target()
        self.setMinimumWidth(480)

    def _target_step(self) -> Step | None:
        wanted = self.target.currentData()
        return next((s for s in self.followup.steps if s.id == wanted), None)

    def _show_target(self) -> None:
        """The chosen step's own fields, as last corrected, to edit."""
        if self.corrected is not None:
            self.corrected.setParent(None)
            self.corrected.deleteLater()
            self.corrected = None
        target = self._target_step()
        if target is None:
            return
        self.corrected = FieldForm(step_fields(target.step), self)
        for name, value in self.followup.effective(target).items():
            if name in self.corrected.editors:
                self.corrected.set_value(name, value)
        self.corrected_box.addWidget(self.corrected)

    def values(self) -> dict[str, Any]:
        fields = self.form.values()
        if self.step is FollowUpStep.CORRECT:
            target = self._target_step()
            fields["step"] = target.id if target else None
            changed = {}
            if target is not None and self.corrected is not None:
                before = self.followup.effective(target)
                changed = {
                    name: value
                    for name, value in self.corrected.values().items()
                    if str(before.get(name, "")) != str(value)
                }
            fields["fields"] = changed
        return fields

    def record(self) -> None:
        try:
            self.submit(self.step, self.values())
        except UserError as exc:
            self.error.show_message(error_text(exc))
            return
        self.accept()


def step_title(step: Step) -> str:
    return f"{step.at.replace('T', ' ')[:16]} {code_label(step.step)}({step.actor_name})"
