"""The window's rating server, and how the window hears of new ratings.

One object owns the ``RatingServer``: started when the clerk's window opens, if rating by phone
is on with a chosen address; restarted when a supervisor changes the address, the port or the
switch; stopped when the window closes and when the application quits. A failure to start
(port in use, address not on this PC, damaged database) is a state with a Chinese reason, shown
by the window, never an exception: the clerk keeps working and the sheets say where to rate.

New ratings reach the window two ways, both ending in one check (``RatingWatch``) in the GUI
thread, so each rating is announced once: the server's ``on_recorded`` hook, which fires in a
waitress worker thread and only emits a queued signal (no widget is touched there), and a
timer every few seconds for ratings another process wrote (a headless ``serve-ratings`` on this
PC); the timer's check costs one ``PRAGMA data_version`` (see ``ratings.feed``), not a read.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from window_assistant.errors import UserError
from window_assistant.ratings.feed import RatingWatch
from window_assistant.ratings.log import Rating

if TYPE_CHECKING:
    from window_assistant.services import Services
    from window_assistant.web.server import RatingServer

log = logging.getLogger(__name__)

OFF, RUNNING, FAILED = "off", "running", "failed"
CHECK_MS = 3000  # how soon a rating recorded by another process shows


class RatingServerController(QObject):
    stateChanged = Signal(str)  # noqa: N815 - OFF, RUNNING or FAILED
    ratingsArrived = Signal(list)  # noqa: N815 - new ratings (comments masked), oldest first
    _recorded = Signal()  # emitted in a waitress worker thread, received in the GUI thread

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.server: RatingServer | None = None
        self.state = OFF
        self.url = ""  # where phones rate, while RUNNING
        self.problem = ""  # why it did not start, while FAILED
        self.watch = RatingWatch(services)
        self._recorded.connect(self.check, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QCoreApplication.instance()
        if app is not None:  # a quit without closing the window still stops the server
            app.aboutToQuit.connect(self.stop)

    def wanted(self) -> tuple[str, int] | None:
        """Where the settings say to listen, or None when phones are not to rate."""
        settings = self.services.settings
        host = settings.phone_rating_host()
        return (host, settings.rating_port) if host else None

    def start(self) -> None:
        """Serve as the settings say (stopping first what runs elsewhere); never raises."""
        wanted = self.wanted()
        if self.server is not None:
            if self.state == RUNNING and wanted == (self.server.host, self.server.port):
                return
            self.stop()
        if wanted is None:
            self._set(OFF)
            return
        host, port = wanted
        # Here, not at the top: waitress and the page cost ~60 ms of the window's start-up,
        # which a window without rating by phone need not pay.
        from window_assistant.web.server import RatingServer

        server = RatingServer(self.services.store.path, host, port, on_recorded=self._on_recorded)
        try:
            server.start()
        except UserError as exc:
            self.problem = str(exc)
        except Exception as exc:  # noqa: BLE001 - whatever it is, the clerk keeps working
            log.exception("评价服务无法启动")
            self.problem = f"评价服务无法启动({type(exc).__name__})。"
        else:
            self.server = server
            shown_host, shown_port = server.address
            self.url = f"http://{shown_host}:{shown_port}"
            self._set(RUNNING)
            return
        self._set(FAILED)

    def stop(self) -> None:
        """Stop serving (requests under way are finished); the window stays told."""
        server, self.server = self.server, None
        if server is not None:
            server.stop()
            self._set(OFF)

    def shut_down(self) -> None:
        """At the window's close: no server, no timer left behind."""
        self.timer.stop()
        self.stop()

    def check(self) -> None:
        """Announce the ratings recorded since the last check (by anyone, once each)."""
        try:
            new = self.watch.new_ratings()
        except (UserError, sqlite3.Error) as exc:  # busy or gone: try again at the next tick
            log.warning("无法读取新的评价:%s", exc)
            return
        if new:
            self.ratingsArrived.emit(new)

    def _on_recorded(self, _rating: Rating) -> None:
        self._recorded.emit()  # in a worker thread: only a queued signal, nothing else

    def _set(self, state: str) -> None:
        if state != RUNNING:
            self.url = ""
        if state != FAILED:
            self.problem = ""
        self.state = state
        self.stateChanged.emit(state)
