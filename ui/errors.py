"""The last resort for an exception that no dialog caught, installed as ``sys.excepthook``.

PySide6 hands an exception raised in a slot to ``sys.excepthook`` and carries on, so without
this the clerk would see nothing at all. A ``UserError`` (a full disk, say) is shown as it is;
anything else gets a plain Chinese message, and its traceback goes to a log file beside the
database with anything like an ID number or a phone masked (``ids.mask_in_text``), since
personal data is never logged.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from time import monotonic
from types import TracebackType

from PySide6.QtCore import QCoreApplication

from window_assistant.cases.ids import mask_in_text
from window_assistant.errors import UserError
from window_assistant.store import files

# (title, message, serious) → shown to the clerk; tests pass a recorder instead of a dialog.
Show = Callable[[str, str, bool], None]


def _message_box(title: str, message: str, serious: bool) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    box = QMessageBox.critical if serious else QMessageBox.warning
    box(QApplication.activeWindow(), title, message)


class ErrorReporter:
    """Callable with ``sys.excepthook``'s signature."""

    REPEAT_SECONDS = 30.0  # the same error again within this time is logged, not shown again

    def __init__(
        self, log_path: Path, show: Show = _message_box, clock: Callable[[], float] = monotonic
    ) -> None:
        self.log_path = log_path
        self.show = show
        self.clock = clock
        self._showing = False  # an error raised while the box is up is logged, not stacked
        # An error in a paint or timer slot comes back at once: one box, not a box per repaint.
        self._last: tuple[str, float] | None = None

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        translate = QCoreApplication.translate
        if isinstance(exc, UserError):
            title, message, serious = translate("errors", "提示"), str(exc), False
        else:
            logged = self._log(exc_type, exc, tb)
            title, serious = translate("errors", "意外错误"), True
            message = translate(
                "errors",
                "出现意外错误,刚才的操作没有完成,已保存的数据不受影响。\n"
                "详细信息已记入 {log},请把这个文件交给系统管理员。",
            ).format(log=logged or translate("errors", "(日志文件无法写入)"))
        now = self.clock()
        if self._showing or (
            self._last is not None
            and self._last[0] == message
            and now - self._last[1] < self.REPEAT_SECONDS
        ):
            return
        self._last = (message, now)
        self._showing = True
        try:
            self.show(title, message, serious)
        finally:
            self._showing = False

    def _log(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> Path | None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        stamp = datetime.now().isoformat(timespec="seconds")
        try:
            files.private_dir(self.log_path.parent)
            files.private_file(self.log_path)  # the owner's only, like the database beside it
            with self.log_path.open("a", encoding="utf-8") as log:
                log.write(f"=== {stamp}\n{mask_in_text(text)}\n")
        except OSError:
            return None
        return self.log_path
