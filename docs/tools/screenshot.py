"""Render the clerk's screen to a PNG, for the docs: ``python docs/tools/screenshot.py OUT.png [QUERY]``.

Uses a fresh temporary database seeded with the bundled catalog, the default clerk, a window of
1366×768 (a common counter PC) and the query typed in the search box; the top hit is opened.
Runs headless (QT_QPA_PLATFORM=offscreen unless a display is set).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("query", nargs="?", default="营业执照")
    parser.add_argument("--answer", action="append", default=[], help="情形 key=option")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from window_assistant.services import open_services

    from ui.app import create_application  # isort: skip
    from ui.main_window import MainWindow  # isort: skip

    app = create_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(Path(tmp) / "shot.db")
        try:
            window = MainWindow(services, services.default_clerk())
            window.resize(1366, 768)
            window.show()
            window.search_box.setText(args.query)
            window.open_row(0)
            for answer in args.answer:
                key, _, option = answer.partition("=")
                window.guide.set_answer(key, option)
            app.processEvents()
            window.grab().save(str(args.out))
            window.close()
        finally:
            services.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
