"""Start-up time of the clerk's window against a bare PySide6 window, and of the sign-in dialog
against a bare dialog, all to first paint.

Each run is a fresh process under QT_QPA_PLATFORM=offscreen. The parent notes time.time()
just before starting it; the child prints time.time() when its window gets its first paint
event and quits. The baseline shows an empty QMainWindow; ours does what a real start-up
does after sign-in, through ``main.start()``: the application (font, style sheet, icon,
translator, CJK font check) and the services on an already set-up database, then the search
index and the main window with its first result list and guide. Four more programs show the
floor any such window stands on (see FLOORS below). The sign-in dialog is timed the way the
clerk meets it, ``python main.py`` up to the dialog's first paint, against an empty QDialog.
Runs alternate so drift hits all alike.

Target: median ratio ≤ 1.5× (the main window); the sign-in ratio is reported.
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

# FLOORS. What any window like ours pays before it builds anything of its own, one part at a time and
# all together: importing the core services (sqlite3, dataclasses, json …); PySide6's ``Qt``
# namespace, whose 93 enum types Python builds (~15 ms) the first time any call has a Qt enum
# among its overloads (a QKeySequence, a QSplitter, a model's headerData …); and the first
# paint of Chinese text, which loads the CJK font (the bare window paints no text at all).
CORE_IMPORT = "import sys\nsys.path.insert(0, ROOT)\nimport window_assistant.services\n"
QT_NAMESPACE = "from PySide6.QtCore import Qt\n"
CHINESE_LABEL = (
    "from PySide6.QtWidgets import QLabel\n"
    "window.setCentralWidget(QLabel('在左侧搜索并选择事项,这里显示完整的办事指南。'))\n"
)


BARE_DIALOG = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QDialog\n"
    "app = QApplication(sys.argv[:1])\n" + _FIRST_PAINT + "window = QDialog()\n"
    "watcher = _FirstPaint()\n"
    "window.installEventFilter(watcher)\n"
    "window.show()\n"
    "app.exec()\n"
)

# ``main.run`` as the clerk starts it, up to the sign-in dialog's first paint. The watcher is
# installed once ``main.start`` has returned: importing Qt first would slow the core's imports
# (see ``main.start``). It watches the whole application, since the dialog is built in ``run``.
SIGN_IN = """
import sys
sys.path.insert(0, ROOT)
import main

def start(args, _start=main.start):
    app, services = _start(args)
    import time
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _SignInPainted(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and type(watched).__name__ == "LoginDialog":
                print(f"PAINT {time.time():.6f}", flush=True)
                app.removeEventFilter(self)
                QTimer.singleShot(0, watched.reject)
            return False

    app.watcher = _SignInPainted()
    app.installEventFilter(app.watcher)
    return app, services

main.start = start
sys.exit(main.run(main.parse_args(["--db", DB])))
"""


def _bare_with(before: str = "", after_window: str = "") -> str:
    """BARE with ``before`` run first and ``after_window`` run once the window exists."""
    code = before + BARE
    return code.replace("window.resize(1366, 768)\n", "window.resize(1366, 768)\n" + after_window)


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
    services.settings.mark_set_up()
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
            "bare + core import": prelude + _bare_with(CORE_IMPORT),
            "bare + Qt namespace": _bare_with(QT_NAMESPACE),
            "bare + Chinese label": _bare_with(after_window=CHINESE_LABEL),
            "floor (all three)": prelude + _bare_with(CORE_IMPORT + QT_NAMESPACE, CHINESE_LABEL),
            "窗口助手 main window": prelude + APP,
            "bare PySide6 QDialog": BARE_DIALOG,
            "窗口助手 sign-in dialog": prelude + SIGN_IN,
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
    floor = statistics.median(times["floor (all three)"])
    parts = ", ".join(
        f"{name.removeprefix('bare + ')} {statistics.median(times[name]) / b:.2f}x"
        for name in ("bare + core import", "bare + Qt namespace", "bare + Chinese label")
    )
    print(f"floors: {parts}; all three {floor / b:.2f}x of bare")
    print(f"our own widgets, data and style on top of the floor: {(o - floor) * 1000:.1f} ms")
    ratio = o / b
    print(f"ratio: {ratio:.2f}x (target <= 1.50x) {'OK' if ratio <= 1.5 else 'OVER TARGET'}")
    bare_dialog = statistics.median(times["bare PySide6 QDialog"])
    sign_in = statistics.median(times["窗口助手 sign-in dialog"])
    print(f"sign-in dialog: {sign_in / bare_dialog:.2f}x of a bare QDialog")
    return 0


if __name__ == "__main__":
    sys.exit(main())
