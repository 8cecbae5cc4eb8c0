"""差评整改台账: every follow-up the user answers for (a supervisor all, a clerk their own
cases'), filtered to open, overdue, due today or all (``followups.board``); the selected one's
rating and history of steps; and one button per step, enabled only when the core would take it
now from this user (``followups.allowed_steps``). A button opens the step's form
(``StepDialog``), which records through ``record_step``."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, error_text, hint_label
from ui.i18n import code_label
from ui.ratings.board_models import DETAIL, ITEM, FollowUpsModel, StepsModel
from ui.ratings.step_dialog import StepDialog
from ui.tables import read_only_table
from window_assistant.accounts import User
from window_assistant.errors import UserError
from window_assistant.ratings.followups import (
    BOARD_VIEWS,
    FollowUp,
    allowed_steps,
    board,
    followup,
    record_step,
    visible_to,
)
from window_assistant.services import Services
from window_assistant.vocab import FollowUpStep


class BoardDialog(QDialog):
    changed = Signal()  # a step was recorded: the sign-in notice's counts may have moved

    def __init__(self, services: Services, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpBoard")
        self.services = services
        self.user = user
        self.today = date.today()
        self.step_dialog: StepDialog | None = None  # the form open now, if any
        self.setWindowTitle(self.tr("差评整改台账"))

        self.view_combo = QComboBox(self)
        views = {  # BOARD_VIEWS' keys, labelled here so that they are translated
            "open": self.tr("未办结"),
            "overdue": self.tr("已超期"),
            "due_today": self.tr("今天到期"),
            "all": self.tr("全部"),
        }
        for key in BOARD_VIEWS:
            self.view_combo.addItem(views[key], key)
        self.clerk_combo = QComboBox(self)
        self.clerk_combo.addItem(self.tr("全部人员"), None)
        for account in services.accounts.users():
            self.clerk_combo.addItem(f"{account.name}({account.login})", account.login)
        self.clerk_combo.setVisible(visible_to(user) is None)
        filters = QHBoxLayout()
        for text, combo in (
            (self.tr("显示(&V)"), self.view_combo),
            (self.tr("人员(&C)"), self.clerk_combo),
        ):
            caption = QLabel(text, self)  # each filter reached by its Alt+letter (issue 13 §2)
            caption.setBuddy(combo)
            caption.setVisible(not combo.isHidden())
            filters.addWidget(caption)
            filters.addWidget(combo)
        self.count_label = QLabel(self)
        filters.addWidget(self.count_label, 1)

        self.model = FollowUpsModel(self)
        self.table = read_only_table(self.model, self, ITEM)
        self.table.setObjectName("followUps")
        self.steps_model = StepsModel(self)
        self.steps = read_only_table(self.steps_model, self, DETAIL)
        self.steps.setObjectName("followUpSteps")
        self.rating_label = QLabel(self)
        self.rating_label.setObjectName("followUpRating")
        self.rating_label.setTextFormat(Qt.TextFormat.PlainText)  # the citizen's words, as typed
        self.rating_label.setWordWrap(True)

        self.buttons: dict[FollowUpStep, QPushButton] = {}
        grid = QGridLayout()
        for n, step in enumerate(FollowUpStep):
            button = QPushButton(code_label(step) + "…", self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, s=step: self.take(s))
            self.buttons[step] = button
            grid.addWidget(button, n // 7, n % 7)
        self.error = ErrorLabel(self)

        detail = QWidget(self)
        below = QVBoxLayout(detail)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.rating_label)
        below.addLayout(grid)
        below.addWidget(self.error)
        below.addWidget(self.steps, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        close_button = QPushButton(self.tr("关闭"), self)
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(
            hint_label(
                self.tr("红色为已超期未处理。步骤记录后不能删除,如有错误请用「更正」。"), self
            ),
            1,
        )
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.view_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.clerk_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.refresh()
        self.resize(1280, 720)

    def set_view(self, key: str) -> None:
        self.view_combo.setCurrentIndex(self.view_combo.findData(key))

    def refresh(self, keep: str | None = None) -> None:
        """Read the board again, keeping the selection on ``keep`` (a serial) when shown."""
        self.today = date.today()
        if keep is None and (shown := self.selected()) is not None:
            keep = shown.serial
        clerk = self.clerk_combo.currentData() if visible_to(self.user) is None else None
        rows = board(self.services, self.user, self.view_combo.currentData(), clerk=clerk,
                     on=self.today)  # fmt: skip
        self.model.set_followups(rows, self.today)
        overdue = sum(f.open_overdue(self.today) for f in rows)
        self.count_label.setText(
            self.tr("共 {n} 件,其中超期 {late} 件").format(n=len(rows), late=overdue)
        )
        serials = [f.serial for f in rows]
        row = serials.index(keep) if keep in serials else 0
        if rows:
            self.table.selectRow(row)
        self._selected(self.model.index(row, 0) if rows else QModelIndex())

    def selected(self) -> FollowUp | None:
        return self.model.row_at(self.table.currentIndex())

    def _selected(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        f = self.model.row_at(current)
        self.steps_model.set_followup(f)
        self.error.show_message(None)
        allowed = set(allowed_steps(self.services, self.user, f)) if f else set()
        for step, button in self.buttons.items():
            button.setEnabled(step in allowed)
            button.setVisible(self._may_ever(step))
        if f is None:
            self.rating_label.setText(self.tr("没有需要跟进的差评。"))
            return
        rating = f.rating
        text = self.tr("{serial} {level} {tags}\n意见:{comment}").format(
            serial=f.serial,
            level=code_label(rating.level),
            tags="、".join(rating.tags),
            comment=rating.comment or self.tr("(无)"),
        )
        self.rating_label.setText(text)

    def _may_ever(self, step: FollowUpStep) -> bool:
        """A clerk's board shows 申诉 only: the rest are a supervisor's."""
        return visible_to(self.user) is None or step is FollowUpStep.APPEAL

    def take(self, step: FollowUpStep) -> None:
        """Open the form of ``step`` for the selected follow-up (non-modal to tests, modal to
        the user: ``open``)."""
        f = self.selected()
        if f is None:
            return
        current = followup(self.services, f.serial)  # as it stands now, not as listed
        self.step_dialog = StepDialog(step, current, self._record, self)
        self.step_dialog.finished.connect(lambda _result: self._closed(current.serial))
        self.step_dialog.open()

    def _record(self, step: FollowUpStep, fields: dict[str, Any]) -> None:
        f = self.step_dialog.followup if self.step_dialog else None
        if f is None:
            raise UserError(self.tr("请先在台账中选择一件差评。"))
        record_step(self.services, self.user, f.serial, step, fields)
        self.changed.emit()

    def _closed(self, serial: str) -> None:
        self.step_dialog = None
        try:
            self.refresh(serial)
        except UserError as exc:
            self.error.show_message(error_text(exc))
