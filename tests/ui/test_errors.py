"""The last-resort error report: what the clerk is told, and what the log keeps (no personal data)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

from ui.errors import ErrorReporter
from window_assistant.errors import UserError
from window_assistant.store.database import StorageError

ID_NUMBER = "11010519491231002X"
PHONE = "13812341234"


class Recorder:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str, bool]] = []

    def __call__(self, title: str, message: str, serious: bool) -> None:
        self.shown.append((title, message, serious))


def report(reporter: ErrorReporter, exc: BaseException) -> None:
    try:
        raise exc
    except BaseException as raised:  # noqa: BLE001 - handing it on is the point
        reporter(type(raised), raised, raised.__traceback__)


def test_a_user_error_is_shown_as_it_is_and_not_logged(tmp_path):
    shown = Recorder()
    reporter = ErrorReporter(tmp_path / "errors.log", shown)
    report(reporter, StorageError("磁盘空间不足,本次操作没有保存"))
    assert shown.shown == [("提示", "磁盘空间不足,本次操作没有保存", False)]
    assert not (tmp_path / "errors.log").exists()


def test_an_unexpected_error_is_explained_and_logged_without_personal_data(tmp_path):
    shown = Recorder()
    log = tmp_path / "logs" / "errors.log"
    reporter = ErrorReporter(log, shown)
    spaced_id, dashed_phone = "110105 19491231 002X", "138-1234-1234"
    report(
        reporter,
        RuntimeError(f"申请人 {ID_NUMBER} 电话 {PHONE},代理人 {spaced_id} 电话 {dashed_phone}"),
    )
    [(title, message, serious)] = shown.shown
    assert serious and title == "意外错误"
    assert "操作没有完成" in message and str(log) in message
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "test_errors.py" in text
    for personal in (ID_NUMBER, PHONE, spaced_id, dashed_phone, "1234"):
        assert personal not in text.split("RuntimeError", 1)[1]
    assert "***" in text


def test_a_log_that_cannot_be_written_still_tells_the_clerk(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    shown = Recorder()
    report(ErrorReporter(blocker / "errors.log", shown), ValueError("x"))
    assert "日志文件无法写入" in shown.shown[0][1]


def test_an_error_that_comes_back_at_once_is_shown_once(tmp_path):
    shown = Recorder()
    now = [100.0]
    reporter = ErrorReporter(tmp_path / "errors.log", shown, clock=lambda: now[0])
    for _ in range(5):  # e.g. raised by every repaint
        report(reporter, RuntimeError("boom"))
    assert len(shown.shown) == 1
    assert (tmp_path / "errors.log").read_text(encoding="utf-8").count("RuntimeError") == 5
    report(reporter, UserError("另一件事"))
    now[0] += 60
    report(reporter, RuntimeError("boom"))
    assert [m for _, m, _ in shown.shown][1:] == ["另一件事", shown.shown[0][1]]


class _Emitter(QObject):
    fired = Signal()


@pytest.mark.qt_no_exception_capture
def test_an_error_raised_in_a_slot_reaches_the_clerk(qtbot, tmp_path, monkeypatch):
    shown = Recorder()
    monkeypatch.setattr(sys, "excepthook", ErrorReporter(tmp_path / "errors.log", shown))
    emitter = _Emitter()

    def slot() -> None:
        raise UserError("无法写入备份文件")

    emitter.fired.connect(slot)
    emitter.fired.emit()
    assert shown.shown == [("提示", "无法写入备份文件", False)]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions (Windows: see README)")
def test_the_error_log_is_the_owners_only_whatever_the_umask(tmp_path):
    import os
    import stat

    old = os.umask(0)
    try:
        report(ErrorReporter(tmp_path / "logs" / "errors.log", Recorder()), ValueError("x"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "logs" / "errors.log").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "logs").stat().st_mode) == 0o700
