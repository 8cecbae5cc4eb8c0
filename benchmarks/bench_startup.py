"""Start-up time of the clerk's window against a bare PySide6 window, both to first paint.

Each run is a fresh process under QT_QPA_PLATFORM=offscreen. The parent notes time.time()
just before starting it; the child prints time.time() when its main window gets its first
paint event and quits. The baseline shows an empty QMainWindow; ours does what a real start-up
does after sign-in, through ``main.start()``: the application (font, style sheet, icon,
translator, CJK font check) and the services on an already set-up database, then the search
index and the main window with its first result list and guide. A third program, the bare
window after importing the core services, shows the floor the core's imports (sqlite-utils
and what it loads) set. Runs alternate so drift hits all alike.

Target: median ratio ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_FIRST_PAINT = """
import time
from PySide6.QtCore import QEvent, QObject

class _FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"PAINT {time.time():.6f}", flush=True)
            app.quit()
        return False
"""

BARE = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1])\n" + _FIRST_PAINT + "window = QMainWindow()\n"
    "window.resize(1366, 768)\n"
    "watcher = _FirstPaint()\n"
    "window.installEventFilter(watcher)\n"
    "window.show()\n"
    "app.exec()\n"
)

# The floor our core sets: the bare window plus importing the core services (sqlite-utils …).
CORE_FLOOR = "import sys\nsys.path.insert(0, ROOT)\nimport window_assistant.services\n" + BARE

# The floor PySide6 itself sets for a window like ours: the bare window after importing the
# Qt classes the clerk's screen uses (PySide6 initialises each type lazily on first import).
QT_CLASSES_FLOOR = (
    "from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, Signal\n"
    "from PySide6.QtGui import QFontDatabase, QIcon, QKeySequence, QShortcut, QTextDocument\n"
    "from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout,\n"
    "    QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QSplitter,\n"
    "    QTableView, QTextBrowser, QVBoxLayout, QWidget)\n" + BARE
)
APP = (
    "import sys\n"
    "sys.path.insert(0, ROOT)\n"
    "import main\n"
    "app, services = main.start(main.parse_args(['--db', DB]))\n"
    + _FIRST_PAINT
    + "from ui.main_window import MainWindow\n"
    "window = MainWindow(services, services.default_clerk())\n"
    "watcher = _FirstPaint()\n"
    "window.installEventFilter(watcher)\n"
    "window.show()\n"
    "app.exec()\n"
    "assert window.model.rowCount() > 0\n"
)


def time_to_first_paint(code: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # An installed app has its bytecode compiled (pip does it); let the warm-up run write it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise SystemExit(f"child failed ({result.returncode}):\n{result.stderr}")
    line = next(x for x in result.stdout.splitlines() if x.startswith("PAINT "))
    return float(line.split()[1]) - start


def prepare_database(path: Path) -> None:
    """A database set up as after the first-run wizard (bundled catalog, default accounts)."""
    sys.path.insert(0, str(ROOT))
    from window_assistant.services import open_services

    services = open_services(path)
    services.settings.set("setup.completed", True)
    services.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        prepare_database(db)
        prelude = f"ROOT = {str(ROOT)!r}\nDB = {str(db)!r}\n"
        programs = {
            "bare PySide6 QMainWindow": BARE,
            "bare + import of the core": prelude + CORE_FLOOR,
            "bare + Qt classes we use": QT_CLASSES_FLOOR,
            "窗口助手 main window": prelude + APP,
        }
        for code in programs.values():  # warm the file cache and write bytecode
            time_to_first_paint(code)
        times: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, code in programs.items():
                times[name].append(time_to_first_paint(code))
    print(f"time to first paint, {args.runs} runs each (median, min–max):")
    for name, values in times.items():
        print(
            f"  {name:<28} {statistics.median(values) * 1000:7.1f} ms"
            f"  ({min(values) * 1000:.1f}–{max(values) * 1000:.1f})"
        )
    b = statistics.median(times["bare PySide6 QMainWindow"])
    o = statistics.median(times["窗口助手 main window"])
    f = statistics.median(times["bare + import of the core"])
    q = statistics.median(times["bare + Qt classes we use"])
    print(f"core import floor: {f / b:.2f}x of bare; Qt classes floor: {q / b:.2f}x of bare")
    ratio = o / b
    print(f"ratio: {ratio:.2f}x (target <= 1.50x) {'OK' if ratio <= 1.5 else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
