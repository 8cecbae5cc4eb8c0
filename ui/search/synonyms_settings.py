"""The settings dialog's 检索同义词 tab (issue 13 §1): a supervisor's own synonyms, one a line
「说法=用语、用语」, added to the list shipped in ``catalog/synonyms.json``.

It only collects: whether a line is well formed is the core's to say (``setting_problem``
while typing, ``Settings.change`` on saving: permission, checks, audit); the next search uses
the saved list.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFormLayout, QPlainTextEdit, QWidget

from ui.common import ErrorLabel, hint_label
from window_assistant.accounts import User
from window_assistant.catalog.synonyms import synonym_lines
from window_assistant.settings import Settings, setting_problem

KEY = Settings.search_synonyms.key


class SynonymSettings(QObject):
    """The tab's field on ``form``; ``changed`` whenever the text changes."""

    changed = Signal()

    def __init__(self, form: QFormLayout, settings: Settings, user: User, parent: QWidget) -> None:
        super().__init__(parent)
        may = settings.may_change(user, KEY)
        if not may:
            form.addRow(hint_label(self.tr("只有负责人可以修改检索同义词。"), parent))
        form.addRow(
            hint_label(
                self.tr(
                    "群众常说的词与目录用语的对照,每行一条,如「小饭馆=餐饮、食品经营许可」。"
                    "检索时,说法与用语都能找到事项;程序自带的对照见 catalog/synonyms.json。"
                ),
                parent,
            )
        )
        self.edit = QPlainTextEdit(synonym_lines(settings.search_synonyms), parent)
        self.edit.setObjectName(KEY)
        self.edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.edit.setPlaceholderText(self.tr("小饭馆=餐饮、食品经营许可"))
        self.edit.setTabChangesFocus(True)
        self.edit.setEnabled(may)
        self.edit.textChanged.connect(self.changed)
        self.error = ErrorLabel(parent)
        form.addRow(self.edit)
        form.addRow(self.error)

    def errors(self) -> dict[str, ErrorLabel]:
        """Where the dialog shows this tab's problem."""
        return {KEY: self.error}

    def problems(self) -> dict[str, str]:
        problem = setting_problem(KEY, self.edit.toPlainText())
        return {KEY: problem} if problem else {}

    def values(self) -> dict[str, Any]:
        return {KEY: self.edit.toPlainText()} if self.edit.isEnabled() else {}
