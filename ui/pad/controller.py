"""The main window's side of the counter's pad: 邀请评价 from every screen that offers it (the
menu and its shortcut, the case result panel, 办件台账, a scan into the search box or the pad),
and the second-screen pad window it keeps.

The pad learns of an invitation from here, directly, when the clerk makes it on this PC: no
timer reads the database to find out. The invitation itself is the core's (``pads.invite``):
permission, the case, 一次一评 and the audit entry are decided there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from ui.common import error_text
from ui.pad.pad_window import NOTICE_MS, PadWindow
from ui.pad.scan import scanned_reference
from window_assistant.accounts import User
from window_assistant.errors import UserError
from window_assistant.ratings import pads
from window_assistant.services import Services


def second_screen(beside: QWidget) -> QScreen | None:
    """A screen other than the one ``beside`` (the clerk's window) is on, or None."""
    own = beside.screen()
    return next((s for s in QGuiApplication.screens() if s is not own), None)


class PadController(QObject):
    notice = Signal(str, bool)  # what to tell the clerk, and whether the case was invited
    rated = Signal(object)  # a Rating the pad just recorded

    def __init__(
        self, services: Services, user: User, clerk_window: QWidget, *, notice_ms: int = NOTICE_MS
    ) -> None:
        super().__init__(clerk_window)
        self.services = services
        self.user = user
        self.clerk_window = clerk_window
        self.notice_ms = notice_ms
        self.pad: PadWindow | None = None
        clerk_window.installEventFilter(self)  # the pad closes with the clerk's window

    def pad_window(self) -> PadWindow:
        """The pad window (made the first time; not shown)."""
        if self.pad is None:
            # A top-level window of its own (no parent), closed with the clerk's window.
            self.pad = PadWindow(
                self.services, self.services.current_window_id(), notice_ms=self.notice_ms
            )
            self.pad.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
            self.pad.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
            self.pad.scanned.connect(self.take_scan)
            self.pad.rated.connect(self.rated)
            self.clerk_window.destroyed.connect(self.pad.deleteLater)
        return self.pad

    def show_pad(self) -> PadWindow:
        """Show the pad: full screen on a second screen when there is one, else as a window
        the clerk places (F11 in it toggles full screen). The clerk keeps the keyboard."""
        pad = self.pad_window()
        if not pad.isVisible():
            screen = second_screen(self.clerk_window)
            if screen is not None:
                pad.setScreen(screen)
                pad.setGeometry(screen.geometry())
                pad.showFullScreen()
            else:
                pad.show()
        pad.raise_()
        return pad

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if watched is self.clerk_window and event.type() == QEvent.Type.Close and self.pad:
            self.pad.close()
        return super().eventFilter(watched, event)

    def invite(self, reference: str) -> pads.Invitation | None:
        """Invite the case ``reference`` names (a serial, or what the scanner read) at this
        PC's window and show it on the pad; ``notice`` says what happened either way."""
        window_id = self.services.current_window_id()
        try:
            invitation = pads.invite(self.services, self.user, reference, window_id)
        except UserError as exc:
            self.notice.emit(error_text(exc), False)
            return None
        pad = self.show_pad()
        pad.window_id = window_id
        pad.show_invitation(invitation)
        self.notice.emit(self.tr("已邀请评价:{serial}").format(serial=invitation.serial), True)
        return invitation

    def take_scan(self, text: str) -> bool:
        """Invite the case if ``text`` is what a scanner reads from a rating code (True);
        anything else is left to the caller (a search, for the search box)."""
        reference = scanned_reference(self.services, text)
        if reference is None:
            return False
        self.invite(reference)
        return True
