"""The clerk's screen made ready while the clerk signs in.

``main.run`` shows the sign-in dialog as soon as Qt is up, with what ``sign_in_facts`` read
(the centre, the window, the language), and nothing of the core loaded. A clerk then spends a
second or more typing the PIN; that time is used:

1. in a background thread, the core is loaded (only imports of pure Python: no Qt, no widget,
   no database; the GUI thread keeps answering keys);
2. on the GUI thread, one short step per turn of the event loop: the database is opened
   (checked, migrated) as ``open_services`` does, the search index built, the window's modules
   loaded one by one, then the window of
   the account being signed in (the 工号 remembered from this PC's last sign-in, or the one
   typed) is built, hidden and not started (no rating server, notice or idle lock:
   ``MainWindow.start``), and shown once off the screen, so that Qt's first-time costs (layout,
   polish at its real size) are paid before the clerk waits;
3. the sign-in dialog derives the key of the PIN as it is typed (``Accounts.derive_ahead``).

Only ``Accounts.authenticate`` decides who signs in; the window built ahead is used only if it
is that account's (else it is dropped and built anew). If the database cannot be opened
(damaged, from a newer version …), ``failed`` carries the error: the sign-in closes and
``main.run`` says what is wrong, as it does when it finds out before showing the dialog.
What is not done when the clerk presses Enter is done then, in order.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

# Not ``Qt``: importing it builds the Python types of its 93 enums (~15–40 ms), which the
# sign-in dialog does not need before it shows; the steps that use it import it then.
from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ui.common import after_first_paint

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from window_assistant.accounts import User
    from window_assistant.services import Services

# A query run once on the new index (its first use builds what the first query needs).
WARM_QUERY = "营业执照"
# Loaded in the background thread: the core only. It never imports Qt (import-linter), and Qt
# must not be imported there: PySide6 builds its Python types and enums lazily, on first use,
# and not safely from two threads at once (a sign-in once saw ``Qt`` without ``ConnectionType``).
# First what opening the database needs, then the core the window's modules import. Not pinyin:
# pypinyin reads its dictionaries (~0.4 s of Python) on the first query that needs them; loaded
# here it would slow whatever the GUI thread does meanwhile.
CORE_MODULES = ("window_assistant.services",)
WINDOW_CORE_MODULES = (
    "window_assistant.ratings.followups",
    "window_assistant.cases.lifecycle",
    "window_assistant.cases.registration",
)
# Loaded on the GUI thread, one step each (each a few tens of milliseconds: keys wait no longer).
WINDOW_MODULES = (
    "ui.tables",
    "ui.search.guide_panel",
    "ui.ratings.window_ratings",
    "ui.cases.attention",
    "ui.signin.lock",
    "ui.main_window",
)
_LAST_LOGIN = "signin/last_login"


def _screen_settings(db_path: Path) -> QSettings:
    """This PC's window.ini, beside the database (``MainWindow`` keeps its place there)."""
    return QSettings(str(db_path.parent / "window.ini"), QSettings.Format.IniFormat)


def remember_login(db_path: Path, login: str) -> None:
    """The 工号 signed in last on this PC: the next sign-in offers it and prepares its window."""
    settings = _screen_settings(db_path)
    settings.setValue(_LAST_LOGIN, login)
    settings.sync()


def last_login(db_path: Path) -> str:
    value = _screen_settings(db_path).value(_LAST_LOGIN, "")
    return value if isinstance(value, str) else ""


def _importer(name: str) -> Callable[[], None]:
    def step() -> None:
        importlib.import_module(name)

    step.__qualname__ = f"import {name}"
    return step


class PreparationFailed(Exception):
    """Opening the database failed; ``Preparation.failure`` is why."""


class Preparation(QObject):
    failed = Signal(object)  # the exception opening the database raised
    _phase_loaded = Signal(str)  # from the loading thread: "core", then "window" (or "error")

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.failure: BaseException | None = None
        self._services: Services | None = None
        self.window: MainWindow | None = None
        self.login = last_login(db_path)  # whose window to build
        self._loaded: set[str] = set()
        self._thread: threading.Thread | None = None
        self._steps: list[tuple[str, Callable[[], None]]] = [
            ("core", self._open_services),
            ("core", self._build_index),
            ("core", self._qt_enums),
            *(("window", _importer(name)) for name in WINDOW_MODULES),
            *self._window_steps(),
        ]
        self._running = False
        self._phase_loaded.connect(self._on_loaded)

    def _window_steps(self) -> list[tuple[str, Callable[[], None]]]:
        return [
            ("window", self._build_window),
            ("window", self._warm_paint),
            ("window", self._warm_clear),
        ]

    # -- running the steps -----------------------------------------------------------------
    def start_after_paint(self, widget: QWidget) -> None:
        """Start once ``widget`` (the sign-in dialog) has painted: the clerk sees it first."""
        after_first_paint(widget, self.start)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="prepare", daemon=True)
            self._thread.start()
        self._schedule()

    def _load(self) -> None:  # in the loading thread: imports of the core only
        try:
            for name in CORE_MODULES:
                importlib.import_module(name)
            self._phase_loaded.emit("core")
            for name in WINDOW_CORE_MODULES:
                importlib.import_module(name)
            self._phase_loaded.emit("window")
        except BaseException:  # a missing module: a fault of ours, said as one when the GUI
            self._phase_loaded.emit("error")  # thread imports it in its turn

    def _on_loaded(self, phase: str) -> None:
        if phase == "error":
            self._loaded.update(("core", "window"))  # done on the GUI thread, as they come
        self._loaded.add(phase)
        self._schedule()

    def _schedule(self) -> None:
        if not self._running and self._next_is_ready():
            self._running = True
            QTimer.singleShot(0, self, self._next)

    def _next_is_ready(self) -> bool:
        """Whether the next step can run: what it needs is loaded, and nothing has failed."""
        return self.failure is None and bool(self._steps) and self._steps[0][0] in self._loaded

    def _next(self) -> None:
        self._running = False
        if self._next_is_ready():
            self._run(self._steps.pop(0)[1])
        self._schedule()

    def _run(self, step: Callable[[], None]) -> None:
        if step != self._open_services:
            step()  # a fault here is a bug: reported as one (ui.errors), the sign-in goes on
            return
        try:
            step()
        except Exception as exc:  # the database: said by main.run, never a traceback
            self.failure = exc
            self._steps.clear()
            self.failed.emit(exc)

    def finish(self) -> None:
        """Do now what is left (the clerk pressed Enter before it was done); raises
        ``PreparationFailed`` if the database could not be opened."""
        if self._thread is not None:
            self._thread.join()  # a few core modules: not imported by two threads at once
        self._loaded.update(("core", "window"))
        while self._steps and self.failure is None:
            self._run(self._steps.pop(0)[1])
        if self.failure is not None:
            raise PreparationFailed from self.failure

    # -- the steps -------------------------------------------------------------------------
    def _open_services(self) -> None:
        from window_assistant.services import open_services

        services = open_services(self.db_path)
        if services.store.newer_version:  # the window writes from its first minute
            services.close()
            services.store.refuse_if_newer()
        self._services = services

    @staticmethod
    def _qt_enums() -> None:
        """The name ``Qt``: importing it builds the Python types of its 93 enums (15–40 ms), a
        step of its own (the sign-in dialog shows without them)."""
        from PySide6.QtCore import Qt  # noqa: F401

    def _build_index(self) -> None:
        self.services().search.search(WARM_QUERY)

    def _build_window(self) -> None:
        from ui.main_window import MainWindow

        services = self.services()
        user = services.accounts.user(self.login) if self.login else None
        if self.window is not None and self.window.user == user:
            return
        self._drop_window()
        if user is not None and user.active:
            self.window = MainWindow(services, user, start=False)

    # Shown once off the screen, then hidden again: Qt lays out and polishes the whole window at
    # its real size the first time it is shown, which then no longer waits for the clerk's Enter
    # (measured: ~35 ms less from Enter to the first result). Drawing a query's guide too, or
    # drawing the window into a pixmap (``grab()``), saved nothing more.
    def _warm_paint(self) -> None:
        """Shown as on the screen but not on it (nor active: the keys still go to the sign-in)."""
        from PySide6.QtCore import Qt

        if self.window is not None:
            self.window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            self.window.show()

    def _warm_clear(self) -> None:
        """Hidden again, to be shown for real at sign-in."""
        from PySide6.QtCore import Qt

        if self.window is not None and self.window.testAttribute(
            Qt.WidgetAttribute.WA_DontShowOnScreen
        ):
            self.window.hide()
            self.window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)

    def _drop_window(self) -> None:
        """The window built for another account: never shown nor started, so not closed (its
        place on the screen is not saved); just gone."""
        from ui.main_window import OPEN_WINDOWS

        if self.window is not None:
            if self.window in OPEN_WINDOWS:
                OPEN_WINDOWS.remove(self.window)
            self.window.deleteLater()
            self.window = None

    # -- what the sign-in asks for ---------------------------------------------------------
    def opened(self) -> Services | None:
        """The services if the database is open already (nothing is done now)."""
        return self._services

    def services(self) -> Services:
        """The services, opening the database now if that is not done yet; raises
        ``PreparationFailed`` if it cannot be opened."""
        if self._services is None and self.failure is None:
            self._steps = [s for s in self._steps if s[1] != self._open_services]
            self._run(self._open_services)
        if self._services is None:
            raise PreparationFailed from self.failure
        return self._services

    def claim(self, login: str) -> None:
        """The 工号 typed so far: if it is another account's, build that one's window."""
        login = login.strip()
        if login == self.login:
            return
        self.login = login
        if self._services is not None and self._services.accounts.user(login) is None:
            return  # not (yet) a login: keep the window built, if any
        self._steps = [s for s in self._steps if s[0] != "window" or s[1] == self._build_index]
        self._steps += self._window_steps()
        self._schedule()

    def window_for(self, user: User) -> MainWindow:
        """The window of ``user``, who has just signed in: the one built ahead if it is theirs,
        started once it has painted; else one built now."""
        from ui.main_window import MainWindow

        self.login = user.login
        # The clerk waits now: not shown off the screen first (if it was, it is still hidden).
        self._steps = [s for s in self._steps if s[1] != self._warm_paint]
        self.finish()
        window = self.window if self.window is not None and self.window.user == user else None
        if window is None:
            self._drop_window()
            window = MainWindow(self.services(), user, start=False)
        self.window = None
        window.start(after_paint=True)
        after_first_paint(window, lambda: remember_login(self.db_path, user.login))
        return window
