"""``python sign_in_driver.py DB``: start the app through ``main.run`` and use it as a clerk
would, from timers inside its event loop (sign in, type ``sbdj``, press F2), then print what
it saw as JSON. Run in a child process by tests/ui/test_flow.py, on each Qt platform.

``python sign_in_driver.py --modules DB`` (DB already set up): start the app the same way and,
once the sign-in dialog has painted, print the modules loaded so far as JSON and close it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def sign_in_and_press_f2(db_path: Path) -> dict[str, object]:
    """What the clerk got: the type of the active window after sign-in, and whether F2 opened
    the case dialog. The database gets a clerk 1001 with PIN 2468 first."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    import main
    from ui.main_window import MainWindow
    from ui.signin.login import LoginDialog
    from window_assistant.accounts import INSTALLER
    from window_assistant.services import open_services

    setup = open_services(db_path)
    setup.settings.mark_set_up()
    setup.accounts.add_account(INSTALLER, "1001", "张敏", "clerk", "2468")
    setup.close()
    seen: dict[str, object] = {}

    def sign_in() -> None:
        login = QApplication.activeModalWidget()
        if not isinstance(login, LoginDialog):
            QTimer.singleShot(20, sign_in)
            return
        QTest.keyClicks(login.login_edit, "1001")
        QTest.keyClicks(login.secret_edit, "2468")
        QTest.keyClick(login.secret_edit, Qt.Key.Key_Return)
        QTimer.singleShot(0, use_window)

    def use_window(tries: int = 100) -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window = shown[0] if shown and shown[0].isVisible() else None
        if tries and (window is None or QApplication.activeWindow() is not window):
            QTimer.singleShot(20, lambda: use_window(tries - 1))
            return
        seen["active"] = type(QApplication.activeWindow()).__name__
        if window is not None:
            QTest.keyClicks(window.search_box, "sbdj")
            QTest.keyClick(window, Qt.Key.Key_F2)
            seen["case"] = window.case_dialog is not None
            if window.case_dialog is not None:
                window.case_dialog.close()
            window.close()
        QApplication.quit()

    QTimer.singleShot(0, sign_in)
    QTimer.singleShot(20_000, QApplication.quit)  # never hang
    if main.run(main.parse_args(["--db", str(db_path)])) != 0:
        seen["exit"] = "non-zero"
    return seen


def modules_at_sign_in(db_path: Path) -> list[str]:
    """``sys.modules`` when the sign-in dialog first paints (nothing else imported first: the
    probe's own Qt imports come once the application exists, as they would in the app)."""
    import main
    import ui.app

    loaded: list[str] = []
    create = ui.app.create_application

    def create_and_watch(argv):
        app = create(argv)
        from PySide6.QtCore import QEvent, QObject, QTimer

        class FirstPaint(QObject):
            def eventFilter(self, watched, event):  # noqa: N802 - Qt naming
                name = type(watched).__name__
                if name == "LoginDialog" and event.type() == QEvent.Type.Paint:
                    app.removeEventFilter(self)
                    loaded.extend(sorted(sys.modules))
                    QTimer.singleShot(0, watched.reject)
                return False

        app.installEventFilter(FirstPaint(app))  # its parent, the application, keeps it
        return app

    ui.app.create_application = create_and_watch
    main.run(main.parse_args(["--db", str(db_path)]))
    return loaded


if __name__ == "__main__":
    if sys.argv[1] == "--modules":
        print(json.dumps(modules_at_sign_in(Path(sys.argv[2]))))
    else:
        print(json.dumps(sign_in_and_press_f2(Path(sys.argv[1]))))
