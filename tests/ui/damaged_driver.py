"""``python damaged_driver.py restore|quit DB``: start the app through ``main.run`` on a damaged
database and answer the damaged-database dialog as a person would (from timers inside the event
loop), then print what it saw as JSON. Run in a child process by tests/ui/test_damaged.py."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def answer(choice: str, db_path: Path) -> dict[str, object]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    import main
    from ui.signin.damaged import DamagedDatabaseDialog

    seen: dict[str, object] = {"shown": []}

    def when(kind: type, then: Callable[[QDialog], None], tries: int = 500) -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            if tries:
                QTimer.singleShot(20, lambda: when(kind, then, tries - 1))
            return
        seen["shown"].append(type(widget).__name__)  # type: ignore[union-attr]
        then(widget)

    def on_damaged(dialog: DamagedDatabaseDialog) -> None:
        seen["backup"] = dialog.error.backup.name if dialog.error.backup else None
        if choice == "quit":
            dialog.quit_button.click()
            return
        dialog.restore_button.click()  # the dialog then says what the restore did
        seen["restored"] = dialog.note.text()
        QTimer.singleShot(0, lambda: when(QDialog, lambda d: d.reject()))  # sign-in: leave
        dialog.restore_button.click()  # 继续

    QTimer.singleShot(0, lambda: when(DamagedDatabaseDialog, on_damaged))
    QTimer.singleShot(20_000, QApplication.quit)  # never hang
    seen["exit"] = main.run(main.parse_args(["--db", str(db_path)]))
    return seen


if __name__ == "__main__":
    print(json.dumps(answer(sys.argv[1], Path(sys.argv[2])), ensure_ascii=False))
