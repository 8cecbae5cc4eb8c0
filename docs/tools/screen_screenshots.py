"""Render the main window and the case dialog as the centre's screens hold them (issue 13 §3):
``python docs/tools/screen_screenshots.py [OUT_DIR]`` (default ``docs/screenshots``).

Three screens: 1366×768 and 1280×720 at 100 %, 1920×1080 at 150 % (QT_SCALE_FACTOR=1.5, so
1280×720 logical pixels). Each loses a 40-pixel task bar and the window's title bar: the window
gets what is left (as maximised), the case dialog what ``fit_to_screen`` gives it. Each screen
is rendered in its own process (the scale factor is read at start-up), headless
(QT_QPA_PLATFORM=offscreen unless a display is set), on a fresh temporary database.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

TASK_BAR = 40
SCREENS = (
    ("1366x768", 1366, 768, "1"),
    ("1280x720", 1280, 720, "1"),
    ("1920x1080-150", 1920, 1080, "1.5"),
)
QUERY = "企业"  # 企业设立登记 first: situations, ten materials, some of the longest names


def shoot(out: Path, name: str, width: int, height: int, scale: float) -> None:
    from PySide6.QtCore import QRect, Qt

    from ui.app import create_application  # isort: skip
    from ui.cases.case_dialog import CaseDialog  # isort: skip
    from ui.main_window import MainWindow  # isort: skip
    from ui.screen_fit import TITLE_BAR, fit_to_screen  # isort: skip
    from window_assistant.services import open_services

    app = create_application(sys.argv[:1])
    area = QRect(0, 0, round(width / scale), round((height - TASK_BAR * scale) / scale))
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(Path(tmp) / "shot.db")
        try:
            window = MainWindow(services, services.default_clerk())
            window.setWindowState(Qt.WindowState.WindowNoState)  # the size of a maximised one
            window.resize(area.width(), area.height() - TITLE_BAR)
            window.show()
            window.search_box.setText(QUERY)
            for _ in range(3):
                app.processEvents()
            window.open_row(0)
            app.processEvents()
            path = out / f"screen-main-{name}.png"
            window.grab().save(str(path))
            print(path)
            item = window.guide.item
            if item is not None:
                dialog = CaseDialog(
                    services, window.user, "item", item.code, window.guide.answers()
                )
                fit_to_screen(dialog, 1180, 720, area)
                dialog.show()
                for _ in range(3):
                    app.processEvents()
                path = out / f"screen-case-{name}.png"
                dialog.grab().save(str(path))
                print(path, dialog.width(), dialog.height())
                dialog.close()
            window.close()
        finally:
            services.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "docs" / "screenshots")
    parser.add_argument("--screen", help=argparse.SUPPRESS)  # one screen, in a child process
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.screen:
        name, width, height, scale = next(s for s in SCREENS if s[0] == args.screen)
        shoot(args.out, name, width, height, float(scale))
        return 0
    for name, _w, _h, scale in SCREENS:
        env = dict(os.environ, QT_SCALE_FACTOR=scale)
        command = [sys.executable, __file__, str(args.out), "--screen", name]
        subprocess.run(command, env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
