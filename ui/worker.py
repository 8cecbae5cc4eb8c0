"""The one helper for background work: run a callable off the GUI thread, report back by signal.

The callable receives a ``report(done, total)`` function and must not touch any widget; its
progress, result or exception come back to the GUI thread through queued signals, where the
callbacks run. A SQLite connection belongs to one thread, so work that writes opens its own
store.

``run_sync`` (per worker, or the module default ``RUN_SYNC``) runs the callable at once in the
calling thread and calls the callbacks before ``run`` returns, so tests are deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

Report = Callable[[int, int], None]
RUN_SYNC = False  # default for workers created without an explicit ``run_sync``


class _Relay(QObject):
    """Carries one job's signals; emitted from the pool thread, received in the GUI thread."""

    progress = Signal(int, int)
    result = Signal(object)
    error = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Report], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn = fn
        self.relay = relay

    def run(self) -> None:  # in a pool thread
        try:
            value = self.fn(lambda done, total: self.relay.progress.emit(int(done), int(total)))
        except BaseException as exc:  # every failure must reach the GUI, never vanish
            self.relay.error.emit(exc)
        else:
            self.relay.result.emit(value)


class Worker(QObject):
    """Runs one job at a time in its own thread pool; ``busy`` while a job is under way."""

    started = Signal()
    finished = Signal()  # after the result or the error callback has run

    def __init__(self, parent: QObject | None = None, *, run_sync: bool | None = None) -> None:
        super().__init__(parent)
        self.run_sync = RUN_SYNC if run_sync is None else run_sync
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay: _Relay | None = None
        self._callbacks: tuple[Callable[..., Any], ...] = ()

    @property
    def busy(self) -> bool:
        return self._relay is not None

    def run(
        self,
        fn: Callable[[Report], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Start ``fn(report)``; exactly one of ``on_result``/``on_error`` is called later."""
        if self.busy:
            raise RuntimeError("Worker is already running a job")
        self._callbacks = (on_result, on_error, on_progress or (lambda done, total: None))
        self.started.emit()
        if self.run_sync:
            self._relay = _Relay()
            try:
                value = fn(lambda done, total: self._progress(int(done), int(total)))
            except Exception as exc:
                self._error(exc)
            else:
                self._result(value)
            return
        relay = _Relay()
        queued = Qt.ConnectionType.QueuedConnection
        relay.progress.connect(self._progress, queued)
        relay.result.connect(self._result, queued)
        relay.error.connect(self._error, queued)
        self._relay = relay
        self._pool.start(_Job(fn, relay))

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (the callbacks still arrive through the event loop)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self._callbacks:
            self._callbacks[2](done, total)

    @Slot(object)
    def _result(self, value: object) -> None:
        on_result = self._callbacks[0]
        self._done()
        on_result(value)
        self.finished.emit()

    @Slot(object)
    def _error(self, exc: object) -> None:
        on_error = self._callbacks[1]
        self._done()
        on_error(exc)
        self.finished.emit()

    def _done(self) -> None:
        self._relay = None
        self._callbacks = ()
