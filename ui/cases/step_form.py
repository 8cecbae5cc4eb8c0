"""One step of a case, as a small form (the pattern of the follow-up board's ``StepDialog``):
the fields come from the core (``lifecycle.FIELDS``), the answer from ``record_step``. A refusal
(a skipped step, a missing field, no permission) is the core's Chinese message under the form,
which stays open with what was typed; nothing is written then.

Choices the case offers are offered as such: its materials (补正告知, 容缺受理 …), its open 容缺
materials (容缺补齐), the item's partner regions (跨域收件), the steps a 更正 may name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from ui.i18n import code_label
from ui.step_forms import StepFormDialog
from window_assistant.cases.lifecycle import FIELDS, Progress
from window_assistant.steps import Field, Step
from window_assistant.vocab import CaseStep

Submit = Callable[[CaseStep, dict[str, Any]], None]  # raises UserError when refused
_UNCORRECTABLE = (CaseStep.CORRECT, CaseStep.VOID, CaseStep.LIABILITY, CaseStep.RECEIVE,
                  CaseStep.INFORM, CaseStep.INBOUND)  # fmt: skip


class CaseFieldForm(QWidget):
    """The fields of one step; ``values()`` as ``record_step`` takes them. ``choices`` gives a
    field's options by name (a list field's materials, a text field's known values)."""

    def __init__(
        self,
        specs: Sequence[Field],
        choices: dict[str, list[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.choices = choices or {}
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

    def _editor(self, spec: Field) -> QWidget:
        options = self.choices.get(spec.name, [])
        if spec.kind == "list":
            box = QListWidget(self)
            for name in options:
                item = QListWidgetItem(name, box)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            box.setFixedHeight(min(160, 24 * max(len(options), 2) + 8))
            return box
        if spec.kind == "yes":
            return QCheckBox(self.tr("已确认"), self)
        if options:
            combo = QComboBox(self)
            combo.setEditable(True)
            combo.addItems(options)
            return combo
        return QLineEdit(self)

    def set_value(self, name: str, value: Any) -> None:
        editor = self.editors[name]
        if isinstance(editor, QListWidget):
            wanted = {str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value}
            for n in range(editor.count()):
                item = editor.item(n)
                checked = item.text() in wanted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(str(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QListWidget):
                found[name] = [
                    editor.item(n).text()
                    for n in range(editor.count())
                    if editor.item(n).checkState() == Qt.CheckState.Checked
                ]
            elif isinstance(editor, QCheckBox):
                found[name] = editor.isChecked()
            elif isinstance(editor, QComboBox):
                found[name] = editor.currentText()
            elif isinstance(editor, QLineEdit):
                found[name] = editor.text()
        return found


def step_title(step: Step[CaseStep]) -> str:
    return f"#{step.id} {step.at.replace('T', ' ')[:16]} {code_label(step.step)}({step.actor_name})"


class CaseStepDialog(StepFormDialog):
    """The form of ``step`` for the case ``progress``; ``submit`` records it."""

    def __init__(
        self,
        step: CaseStep,
        progress: Progress,
        submit: Submit,
        choices: dict[str, list[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.progress = progress
        self.choices = choices or {}
        super().__init__(step, step is CaseStep.CORRECT, submit, parent)
        self.setObjectName("caseStepDialog")
        self.setWindowTitle(
            self.tr("{step} — {serial}").format(step=code_label(step), serial=progress.serial)
        )

    def fields_of(self, step: CaseStep) -> tuple[Field, ...]:
        return FIELDS[step]

    def field_form(self, specs: Sequence[Field]) -> CaseFieldForm:
        return CaseFieldForm(specs, self.choices, self)

    def steps(self) -> list[Step[CaseStep]]:
        return self.progress.steps

    def correctable(self) -> list[Step[CaseStep]]:
        return correctable(self.progress)

    def effective(self, step: Step[CaseStep]) -> dict[str, Any]:
        return self.progress.effective(step)

    def step_title(self, step: Step[CaseStep]) -> str:
        return step_title(step)

    def correct_options(self, form: QFormLayout) -> None:
        self.withdraw = QCheckBox(self.tr("撤回该步骤(只限最近的一个步骤)"), self)
        self.withdraw.setObjectName("field_withdraw")
        self.withdraw.toggled.connect(self._show_target)
        form.addRow("", self.withdraw)

    def edits_target(self) -> bool:
        return not self.withdraw.isChecked()

    @staticmethod
    def same(before: Any, value: Any) -> bool:
        return _plain(before) == _plain(value)

    def values(self) -> dict[str, Any]:
        if self.correct and self.withdraw.isChecked():
            target = self._target_step()
            return {**self.form.values(), "step": target.id if target else None, "withdraw": True}
        return super().values()


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
    if value is True:
        return "True"
    return "" if value in (None, False) else str(value)


def correctable(p: Progress) -> list[Step[CaseStep]]:
    """The steps a 更正 may name: recorded ones (not the registration's implied), not side steps."""
    return [s for s in p.steps if s.id and s.step not in _UNCORRECTABLE]
