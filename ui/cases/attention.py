"""At sign-in: the cases the user answers for that are overdue or due soon
(``cases.lifecycle.needs_attention``: a clerk's own, every case for a supervisor), said once in
a non-modal notice above the search, and kept as a count in the status bar. The counts are the
core's; this only shows them."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.common import set_style_state
from ui.notice import Notice
from window_assistant.accounts import User
from window_assistant.cases.lifecycle import Attention, needs_attention
from window_assistant.services import Services


class CaseNotice(Notice):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("caseNotice", parent)

    def show_attention(self, attention: Attention) -> None:
        message = attention.message()
        self.text.setText(
            self.tr("{message},请及时办理(命令行 cases list --overdue 可列出)。").format(
                message=message
            )
            if message
            else ""
        )
        set_style_state(self, "state", "overdue" if attention.overdue else "due")
        self.setVisible(bool(message))


class CaseCount(QLabel):
    """The status bar's 办件期限 field: hidden when nothing is overdue or due soon."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseCount")
        self.hide()

    def show_attention(self, attention: Attention) -> None:
        late, soon = len(attention.overdue), len(attention.due_soon)
        self.setText(self.tr("办件:超期 {late},即将到期 {soon}").format(late=late, soon=soon))
        set_style_state(self, "state", "overdue" if late else "due")
        self.setVisible(bool(late or soon))


class CaseAttention(QObject):
    """The notice (inserted at the top of ``layout``) and the status-bar count of one window."""

    def __init__(self, services: Services, user: User, window: QWidget, layout: QVBoxLayout):
        super().__init__(window)
        self.services, self.user = services, user
        self.notice = CaseNotice(window)
        layout.insertWidget(0, self.notice)
        self.count = CaseCount(window)

    def start(self) -> None:
        QTimer.singleShot(0, self, self.check)  # once the window is up, not before

    def check(self) -> None:
        attention = needs_attention(self.services, self.user)
        self.notice.show_attention(attention)
        self.count.show_attention(attention)
