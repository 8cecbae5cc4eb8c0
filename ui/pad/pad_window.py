"""The counter's pad on the clerk's second screen (好差评 channel 4, issue 9 §3).

It idles with the centre's and the window's names. When the clerk invites (邀请评价, or the
scanner reads a sheet's rating code) the main window hands it the invitation and it shows the
case with the five levels (none chosen, all alike: nothing steers) and the two groups of
reason tags; 提交评价 records the press through the core against the invitation shown, so a
press on a stale screen is refused by the core, never given to another case. A thank-you (or
the core's reason for refusing) stays a few seconds, then the pad is idle again.

适老化: the type scales with the window (the screen it fills), the buttons are large, and the
colours and borders come from the style sheet (``#padWindow`` in ``resources/style.qss``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.common import error_text, set_style_state
from ui.i18n import code_label
from window_assistant.errors import UserError
from window_assistant.ratings.pads import (
    INVITE_MINUTES,
    SECOND_SCREEN,
    Invitation,
    current_invitation,
    record_pad_rating,
)
from window_assistant.services import Services
from window_assistant.vocab import RatingLevel

NOTICE_MS = 6000  # the thank-you (or the refusal) stays this long, then idle
LEVELS = tuple(RatingLevel)  # 非常满意 … 非常不满意, left to right as on the phone page
TAG_COLUMNS = 2
MAX_SCAN = 512  # characters a scan may have before the pad stops listening to it
# Font size of each text role, in units of the window's scale (``_unit``).
FONT_SCALE = {
    "centre": 2.0,
    "window": 3.0,
    "heading": 1.9,
    "body": 1.25,
    "level": 1.45,
    "tag": 1.15,
    "submit": 1.5,
    "notice": 2.6,
}
BOLD = {"window", "heading", "notice", "submit"}
# Minimum height of each kind of button, in the same units (a finger is about 2 units wide).
BUTTON_HEIGHT = {"level": 3.2, "tag": 2.3, "submit": 2.8}


def _label(text: str, role: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("padFont", role)
    label.setObjectName(name or f"pad_{role}")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def _column(page: QWidget, *items: QWidget | int) -> QWidget:
    """Lay ``items`` out on ``page`` top to bottom: a widget, or a number: a stretch factor."""
    layout = QVBoxLayout(page)
    layout.setSpacing(24)
    for item in items:
        if isinstance(item, int):
            layout.addStretch(item)
        else:
            layout.addWidget(item)
    return page


class PadWindow(QWidget):
    """The second screen's pad of window ``window_id``; ``show_invitation`` shows a case."""

    scanned = Signal(str)  # what a scanner typed into the pad (the main window invites it)
    rated = Signal(object)  # the Rating just recorded

    def __init__(
        self,
        services: Services,
        window_id: int,
        parent: QWidget | None = None,
        *,
        notice_ms: int = NOTICE_MS,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.services = services
        self.window_id = window_id
        self.invitation: Invitation | None = None
        self._scan = ""
        self.setObjectName("padWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a scanner types into the window
        self.setWindowTitle(self.tr("窗口评价器"))

        self.stack = QStackedWidget(self)
        self.idle_page = self._build_idle()
        self.rating_page = self._build_rating()
        self.notice_page = self._build_notice()
        for page in (self.idle_page, self.rating_page, self.notice_page):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.back_timer = QTimer(self)  # from the thank-you back to idle
        self.back_timer.setSingleShot(True)
        self.back_timer.setInterval(notice_ms)
        self.back_timer.timeout.connect(self.show_idle)
        self.lapse_timer = QTimer(self)  # an invitation nobody answers lapses (the core's rule)
        self.lapse_timer.setSingleShot(True)
        self.lapse_timer.timeout.connect(self.refresh)
        self.resize(1024, 640)
        self.refresh()

    # -- construction ----------------------------------------------------------------------
    def _build_idle(self) -> QWidget:
        page = QWidget(self)
        self.centre_label = _label("", "centre", page)
        self.window_label = _label("", "window", page)
        self.idle_hint = _label(
            self.tr("办理完毕后,工作人员会邀请您在这里评价本次服务。"), "body", page, "padHint"
        )
        return _column(page, 3, self.centre_label, self.window_label, 2, self.idle_hint, 1)

    def _build_rating(self) -> QWidget:
        page = QWidget(self)
        self.heading = _label(self.tr("请您对本次服务进行评价"), "heading", page)
        self.case_label = _label("", "body", page, "padCase")
        # One level at most, kept by hand: in an exclusive QButtonGroup Tab would skip from
        # the first level to the tags (arrows only between levels), unlike the rest of the pad.
        self.level_buttons: dict[RatingLevel, QPushButton] = {}
        levels = QHBoxLayout()
        levels.setSpacing(16)
        for level in LEVELS:
            button = self._button(code_label(level), "level", page)
            button.toggled.connect(lambda on, chosen=level: self._level_toggled(chosen, on))
            self.level_buttons[level] = button
            levels.addWidget(button, 1)

        self.good_box = QGroupBox(self.tr("满意的方面(选填)"), page)
        self.bad_box = QGroupBox(self.tr("不满意的方面(选填)"), page)
        tags = QHBoxLayout()
        tags.setSpacing(24)
        self.tag_grids: list[QGridLayout] = []
        for box in (self.good_box, self.bad_box):
            box.setObjectName("padTags")
            box.setProperty("padFont", "body")
            grid = QGridLayout(box)
            grid.setSpacing(12)
            grid.setAlignment(Qt.AlignmentFlag.AlignTop)
            self.tag_grids.append(grid)
            tags.addWidget(box, 1)
        self.tag_buttons: list[tuple[str, QPushButton]] = []

        self.submit_button = self._button(self.tr("提交评价"), "submit", page)
        self.submit_button.setCheckable(False)
        self.submit_button.setObjectName("padSubmit")
        self.submit_button.clicked.connect(self.submit)
        submit_row = QHBoxLayout()
        submit_row.addStretch(1)
        submit_row.addWidget(self.submit_button, 2)
        submit_row.addStretch(1)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addWidget(self.case_label)
        layout.addStretch(1)
        layout.addLayout(levels)
        layout.addStretch(1)
        layout.addLayout(tags)
        layout.addStretch(1)
        layout.addLayout(submit_row)
        return page

    def _build_notice(self) -> QWidget:
        page = QWidget(self)
        self.notice_title = _label("", "notice", page, "padNotice")
        self.notice_text = _label("", "body", page, "padNoticeText")
        return _column(page, 1, self.notice_title, self.notice_text, 1)

    def _button(self, text: str, role: str, parent: QWidget) -> QPushButton:
        button = QPushButton(text, parent)
        button.setCheckable(True)
        button.setAutoDefault(False)  # Enter ends a scan; Space presses the focused button
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setObjectName(f"pad_{role}")
        button.setProperty("padFont", role)
        return button

    # -- showing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show what the core says the pad shows now: the invited case, or idle."""
        invitation = current_invitation(self.services, self.window_id)
        if invitation is None:
            if self.stack.currentWidget() is not self.notice_page or not self.back_timer.isActive():
                self.show_idle()  # (a notice on screen goes when its time is up)
        elif self.invitation is None or invitation.version != self.invitation.version:
            self.show_invitation(invitation)

    def show_idle(self) -> None:
        self.back_timer.stop()
        self.lapse_timer.stop()
        self.invitation = None
        window = self.services.accounts.window(self.window_id)
        self.centre_label.setText(self.services.settings.centre_name)
        self.window_label.setText(window.name if window else "")
        self.stack.setCurrentWidget(self.idle_page)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_invitation(self, invitation: Invitation) -> None:
        """Show the invited case, nothing chosen; it lapses when the core's invitation does."""
        self.back_timer.stop()
        self.invitation = invitation
        target = invitation.target
        self.case_label.setText(
            self.tr("事项:{item}    窗口:{window}    日期:{date}").format(
                item=target.item_name, window=target.window_name, date=target.date.isoformat()
            )
        )
        for button in self.level_buttons.values():
            button.setChecked(False)
        self._fill_tags(target.good_tags, target.bad_tags)
        self.good_box.setEnabled(True)
        self.bad_box.setEnabled(True)
        self.submit_button.setEnabled(False)
        self.stack.setCurrentWidget(self.rating_page)
        self.setFocus(Qt.FocusReason.OtherFocusReason)  # no button focused: nothing suggested
        lapses = invitation.invited_at + timedelta(minutes=INVITE_MINUTES) - datetime.now()
        self.lapse_timer.start(max(0, int(lapses.total_seconds() * 1000)) + 500)

    def _fill_tags(self, good: tuple[str, ...], bad: tuple[str, ...]) -> None:
        for _, button in self.tag_buttons:
            button.deleteLater()
        self.tag_buttons = []
        for box, grid, tags in zip((self.good_box, self.bad_box), self.tag_grids, (good, bad)):
            for n, tag in enumerate(tags):
                button = self._button(tag, "tag", box)
                grid.addWidget(button, n // TAG_COLUMNS, n % TAG_COLUMNS)
                self.tag_buttons.append((tag, button))
            box.setVisible(bool(tags))
        # Tab goes through the page as it reads: levels, tags, then 提交评价.
        chain = [*self.level_buttons.values(), *(b for _, b in self.tag_buttons)]
        for first, second in zip(chain, [*chain[1:], self.submit_button]):
            QWidget.setTabOrder(first, second)
        self._apply_scale()

    def show_notice(self, title: str, text: str, ok: bool) -> None:
        """The thank-you or a refusal, then idle after the notice delay."""
        self.lapse_timer.stop()
        self.invitation = None
        self.notice_title.setText(title)
        self.notice_text.setText(text)
        set_style_state(self.notice_title, "state", "ok" if ok else "refused")
        self._apply_scale()  # re-polishing for the new state gave the title the sheet's font
        self.stack.setCurrentWidget(self.notice_page)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.back_timer.start()

    # -- the citizen's press ---------------------------------------------------------------
    def chosen_level(self) -> RatingLevel | None:
        return next((lv for lv, b in self.level_buttons.items() if b.isChecked()), None)

    def chosen_tags(self) -> list[str]:
        return [tag for tag, button in self.tag_buttons if button.isChecked()]

    def _level_toggled(self, level: RatingLevel, on: bool) -> None:
        """One level at most. Both groups of tags stay open whatever the level, as on the phone
        page: a satisfied citizen who waited long may say so."""
        if on:
            for other, button in self.level_buttons.items():
                if other is not level:
                    button.setChecked(False)
        self.submit_button.setEnabled(self.chosen_level() is not None)

    def submit(self) -> None:
        level = self.chosen_level()
        invitation = self.invitation
        if invitation is None or level is None:
            return
        try:
            rating = record_pad_rating(
                self.services,
                self.window_id,
                invitation.version,
                level,
                self.chosen_tags(),
                "",
                SECOND_SCREEN,
            )
        except UserError as exc:
            self.show_notice(self.tr("未能提交评价"), error_text(exc), ok=False)
            return
        self.show_notice(self.tr("感谢您的评价!"), self.tr("您的评价已记录。"), ok=True)
        self.rated.emit(rating)

    # -- the keyboard: a scanner, and full screen ------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            scan, self._scan = self._scan.strip(), ""
            if scan:
                self.scanned.emit(scan)
            return
        if key == Qt.Key.Key_F11:
            self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
            return
        if key == Qt.Key.Key_Escape:
            self._scan = ""
            return
        text = event.text()
        if text.isprintable() and text and len(self._scan) < MAX_SCAN:
            self._scan += text
            return
        super().keyPressEvent(event)

    # -- 适老化: type and targets scale with the window ---------------------------------------
    def _unit(self) -> float:
        """The scale in pixels: a 24-px unit at 1366×768, larger on a larger screen."""
        return max(14.0, min(self.height() / 32, self.width() / 48))

    def _apply_scale(self) -> None:
        unit = self._unit()
        for widget in self.findChildren(QWidget):
            role = widget.property("padFont")
            if role not in FONT_SCALE:
                continue
            font = QFont(widget.font())
            font.setPixelSize(round(unit * FONT_SCALE[role]))
            font.setBold(role in BOLD)
            widget.setFont(font)
            if role in BUTTON_HEIGHT:
                widget.setMinimumHeight(round(unit * BUTTON_HEIGHT[role]))
        margin = round(unit * 0.6)
        for grid in self.tag_grids:  # room for the group's title, in its size
            grid.setContentsMargins(margin, round(unit * 2), margin, margin)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        """A closed pad shows nothing and waits for nothing; opened again it refreshes."""
        self.back_timer.stop()
        self.lapse_timer.stop()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self._apply_scale()
