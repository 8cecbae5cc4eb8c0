"""``python data_folder_driver.py DB PAPERS``: the window, signed in as supervisor S01, opens
目录 → 导入目录… → 选择文件… and browses the database's folder while another program (the CLI)
registers a case; then the window saves a setting, the CLI registers another case, the window
saves another setting and closes. Prints what it wrote as JSON. Run in a child process by
tests/ui/test_file_dialogs.py, which then checks the file (issue 8: this lost data when the
file dialog opened and closed the database files and so dropped the window's SQLite locks).

Also what that test does in its own process: browse a folder in whichever file dialog is open.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

COMPANY = "001701001000"  # 企业设立登记
SHOWN = "目录"  # a folder every dialog lists, so we know the folder has been read


def browse_in_file_dialog(folder: Path, settle: float = 0.5) -> list[str]:
    """In the file dialog on screen, go to ``folder``, wait until it is listed (and a little
    longer, for the model to look at every file), and return the names shown."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QListView

    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QFileDialog), f"no file dialog on screen but {dialog!r}"
    (folder / SHOWN).mkdir(exist_ok=True)
    dialog.setDirectory(str(folder))
    view = dialog.findChild(QListView, "listView")
    model = view.model()
    shown: list[str] = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and SHOWN not in shown:
        QApplication.processEvents()
        root = view.rootIndex()
        shown = [model.data(model.index(r, 0, root)) for r in range(model.rowCount(root))]
    end = time.monotonic() + settle
    while time.monotonic() < end:
        QApplication.processEvents()
    root = view.rootIndex()
    return [model.data(model.index(r, 0, root)) for r in range(model.rowCount(root))]


def cli_registers(db: Path, out: Path) -> str:
    """``python -m window_assistant sheet`` as clerk 1003; the serial it registered."""
    env = {**os.environ, "WINDOW_ASSISTANT_SECRET": "2580"}
    result = subprocess.run(
        [sys.executable, "-m", "window_assistant", "--db", str(db), "sheet", "--item", COMPANY,
         "--clerk", "1003", "--out", str(out), "--json"],
        capture_output=True, text=True, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)["serial"])


def window_browses_while_the_cli_writes(db: Path, papers: Path) -> dict[str, object]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

    import main
    from ui.admin.import_dialog import ImportDialog
    from ui.main_window import MainWindow

    app, services = main.start(main.parse_args(["--db", str(db)]))
    assert services is not None
    supervisor = services.accounts.authenticate("S01", "correct horse")
    window = MainWindow(services, supervisor)
    window.show()
    done: dict[str, object] = {"serials": [], "settings": {}}

    def change(key: str, value: object) -> None:
        services.settings.change(supervisor, {key: value})
        done["settings"][key] = value  # type: ignore[index]

    def when_shown(kind: type, then) -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, kind):
            then(shown)
        else:
            QTimer.singleShot(20, lambda: when_shown(kind, then))

    def in_import_dialog(dialog: QDialog) -> None:
        QTimer.singleShot(0, lambda: when_shown(QFileDialog, in_file_dialog))
        dialog.choose_file()  # modal until in_file_dialog closes it
        dialog.reject()

    def in_file_dialog(dialog: QFileDialog) -> None:
        done["listed"] = browse_in_file_dialog(db.parent)
        done["serials"].append(cli_registers(db, papers / "1.docx"))  # type: ignore[attr-defined]
        dialog.reject()
        QTimer.singleShot(0, after_browsing)

    def after_browsing() -> None:
        change("centre.phone", "0412-7777777")
        done["serials"].append(cli_registers(db, papers / "2.docx"))  # type: ignore[attr-defined]
        change("backup.keep", 21)
        window.close()
        app.quit()

    QTimer.singleShot(0, lambda: when_shown(ImportDialog, in_import_dialog))
    QTimer.singleShot(0, window.import_catalog)
    QTimer.singleShot(60_000, app.quit)  # never hang
    app.exec()
    services.close()
    return done


if __name__ == "__main__":
    print(json.dumps(window_browses_while_the_cli_writes(Path(sys.argv[1]), Path(sys.argv[2]))))
