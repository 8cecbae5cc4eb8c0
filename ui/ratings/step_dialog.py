"""One step of a 差评's follow-up, as a small form: the fields come from the core
(``followups.step_fields``), the answer from ``record_step``. A refusal (a skipped step, a
missing field, no permission) is the core's Chinese message under the form, which stays open
with what was typed; nothing is written then."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QPlainTextEdit,
    QWidget,
)

from ui.i18n import code_label
from ui.ratings.rating_filters import date_edit
from ui.step_forms import StepFormDialog
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


class StepDialog(StepFormDialog):
    """The form of ``step`` for ``followup``; ``submit`` records it."""

    def __init__(
        self,
        step: FollowUpStep,
        followup: FollowUp,
        submit: Submit,
        parent: QWidget | None = None,
    ) -> None:
        self.followup = followup
        super().__init__(step, step is FollowUpStep.CORRECT, submit, parent)
        self.setObjectName("followUpStepDialog")
        self.setWindowTitle(
            self.tr("{step} — {serial}").format(step=code_label(step), serial=followup.serial)
        )

    def fields_of(self, step: FollowUpStep) -> list[StepField]:
        return step_fields(step)

    def field_form(self, specs: Sequence[StepField]) -> FieldForm:
        return FieldForm(list(specs), self)

    def steps(self) -> list[Step]:
        return self.followup.steps

    def correctable(self) -> list[Step]:
        return correctable(self.followup)

    def effective(self, step: Step) -> dict[str, Any]:
        return self.followup.effective(step)

    def step_title(self, step: Step) -> str:
        return step_title(step)


def step_title(step: Step) -> str:
    return f"{step.at.replace('T', ' ')[:16]} {code_label(step.step)}({step.actor_name})"
