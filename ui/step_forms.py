"""The frame both step forms share: a 差评 follow-up's (ui/ratings/step_dialog.py) and a case's
(ui/cases/step_form.py). A hint that a step stays once recorded; for 更正 the step it names, with
that step's own fields as last corrected to edit; the step's fields; the core's refusal under
them (the form stays open with what was typed, nothing written); 记录 and 取消. The fields and
the log are the subclass's: ``field_form``, ``fields_of``, ``correctable``, ``effective``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, error_text, hint_label
from window_assistant.errors import UserError
from window_assistant.steps import Step


class FieldsWidget(Protocol):
    """A step's fields as a form: its editors by field name, what they hold, set one."""

    editors: dict[str, QWidget]

    def values(self) -> dict[str, Any]: ...

    def set_value(self, name: str, value: Any) -> None: ...


class StepFormDialog(QDialog):
    """The form of ``step``; ``submit(step, values)`` records it (UserError when refused).
    ``correct`` says whether ``step`` is its log's 更正."""

    def __init__(
        self,
        step: Any,
        correct: bool,
        submit: Callable[[Any, dict[str, Any]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.step = step
        self.correct = correct
        self.submit = submit
        self.corrected: Any = None  # the named step's fields (更正), a ``FieldsWidget``
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(self.tr("记录后不能删除或修改;如有错误,请用「更正」另行记录。"), self)
        )
        specs = [s for s in self.fields_of(step) if s.kind != "step"]
        if correct:
            self.target = QComboBox(self)
            self.target.setObjectName("field_step")
            for done in self.correctable():
                self.target.addItem(self.step_title(done), done.id)
            self.target.currentIndexChanged.connect(self._show_target)
            form = QFormLayout()
            form.addRow(self.tr("更正的步骤"), self.target)
            self.correct_options(form)
            layout.addLayout(form)
            self.corrected_box = QVBoxLayout()
            layout.addLayout(self.corrected_box)
        self.form: Any = self.field_form(specs)
        layout.addWidget(self.form)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("记录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if correct:
            self._show_target()
        self.setMinimumWidth(480)

    # -- what the subclass gives -----------------------------------------------------------
    def fields_of(self, step: Any) -> Sequence[Any]:
        raise NotImplementedError

    def field_form(self, specs: Sequence[Any]) -> QWidget:
        raise NotImplementedError

    def steps(self) -> Sequence[Step[Any]]:
        raise NotImplementedError

    def correctable(self) -> Sequence[Step[Any]]:
        raise NotImplementedError

    def effective(self, step: Step[Any]) -> dict[str, Any]:
        raise NotImplementedError

    def step_title(self, step: Step[Any]) -> str:
        raise NotImplementedError

    def correct_options(self, form: QFormLayout) -> None:
        """More rows under the step a 更正 names (none by default)."""

    def edits_target(self) -> bool:
        """Whether the named step's fields are shown to edit (a withdrawal edits none)."""
        return True

    @staticmethod
    def same(before: Any, value: Any) -> bool:
        return str(before) == str(value)

    # -- 更正 ------------------------------------------------------------------------------
    def _target_step(self) -> Step[Any] | None:
        wanted = self.target.currentData()
        return next((s for s in self.steps() if s.id == wanted), None)

    def _show_target(self) -> None:
        """The chosen step's own fields, as last corrected, to edit."""
        if self.corrected is not None:
            self.corrected.setParent(None)
            self.corrected.deleteLater()
            self.corrected = None
        target = self._target_step()
        if target is None or not self.edits_target():
            return
        self.corrected = self.field_form(self.fields_of(target.step))
        for name, value in self.effective(target).items():
            if name in self.corrected.editors:
                self.corrected.set_value(name, value)
        self.corrected_box.addWidget(self.corrected)

    def values(self) -> dict[str, Any]:
        fields: dict[str, Any] = self.form.values()
        if self.correct:
            target = self._target_step()
            fields["step"] = target.id if target else None
            changed = {}
            if target is not None and self.corrected is not None:
                before = self.effective(target)
                changed = {
                    name: value
                    for name, value in self.corrected.values().items()
                    if not self.same(before.get(name, ""), value)
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
