"""At sign-in: the 差评 follow-ups the user answers for that are overdue or due today
(``followups.needs_attention``), said once in a non-modal notice above the search with a button
to the 台账, and kept as a count on the 好差评 menu's 台账 entry and in the status bar until
they are dealt with. The counts are the core's; this only shows them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.common import set_style_state
from window_assistant.ratings.followups import Attention


class AttentionNotice(QFrame):
    def __init__(self, open_board: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpNotice")
        self.text = QLabel(self)
        self.text.setObjectName("followUpNoticeText")
        self.text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("打开差评整改台账…"), self)
        self.open_button.clicked.connect(open_board)
        self.open_button.clicked.connect(self.hide)
        self.dismiss_button = QPushButton(self.tr("知道了"), self)
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def show_attention(self, attention: Attention) -> None:
        """Shown only when something is overdue or due today."""
        message = attention.message()
        self.text.setText(
            self.tr("{message},请及时核实、整改和回访。").format(message=message) if message else ""
        )
        set_style_state(self, "state", "overdue" if attention.overdue else "due")
        self.setVisible(bool(message))


class AttentionCount(QLabel):
    """The status bar's 差评跟进 field: empty (hidden) when nothing needs attention."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpCount")
        self.hide()

    def show_attention(self, attention: Attention) -> None:
        late, today = len(attention.overdue), len(attention.due_today)
        self.setText(
            self.tr("差评跟进:超期 {late},今天到期 {today}").format(late=late, today=today)
        )
        set_style_state(self, "state", "overdue" if late else "due")
        self.setVisible(bool(late or today))
