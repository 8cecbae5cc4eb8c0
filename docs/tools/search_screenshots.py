"""Render the search view to PNGs, for the docs (issue 13 §1):
``python docs/tools/search_screenshots.py [OUT_DIR]`` (default ``docs/screenshots``).

A fresh temporary database with the bundled catalog; the clerk's main window at 1366×768 after a
near miss (公债金: 「您要找的是不是「公积金」?」 and what to try), and after a natural request
(办营业执照). Runs headless (QT_QPA_PLATFORM=offscreen unless a display is set).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

SIZE = (1366, 768)
SHOTS = (("公债金", "suggestion"), ("办营业执照", "natural"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from ui.app import create_application  # isort: skip
    from ui.main_window import MainWindow  # isort: skip
    from window_assistant.services import open_services

    app = create_application(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(Path(tmp) / "shot.db")
        try:
            window = MainWindow(services, services.default_clerk())
            window.resize(*SIZE)
            window.show()
            for query, name in SHOTS:
                window.search_box.setText(query)
                for _ in range(3):
                    app.processEvents()
                path = args.out / f"search-{name}-{SIZE[0]}x{SIZE[1]}.png"
                window.grab().save(str(path))
                print(path)
            window.close()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
