"""Guards against a PySide6 binding bug that would crash the app after a day of use.

PySide6 6.12.0 on CPython 3.11 drops one reference to ``True`` on every signal emitted from
Python; after a few hundred emits the interpreter aborts ("bool_dealloc"). setup.cfg pins a
version without it; this test fails if an upgrade brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    changed = Signal(str)


def test_emitting_signals_from_python_keeps_reference_counts(qapp):
    sender = _Sender()
    received: list[str] = []
    sender.changed.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(300):
        sender.changed.emit("x")
    assert len(received) == 300
    assert sys.getrefcount(True) >= before - 5
