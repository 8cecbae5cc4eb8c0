"""``python pad_screens_driver.py DB``: the clerk's window and its pad on whatever screens the
Qt platform offers (tests/ui/test_pad.py runs it under an offscreen platform configured with one
or two screens, which a running QApplication cannot change). Prints where the pad opened, as
JSON: the screen's name, the pad's geometry and whether it is full screen."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(db: str) -> int:
    from ui.app import create_application
    from ui.main_window import MainWindow
    from window_assistant.services import open_services

    app = create_application(sys.argv[:1])
    services = open_services(Path(db))
    try:
        window = MainWindow(services, services.default_clerk())
        window.show()
        app.processEvents()
        pad = window.pads.show_pad()
        app.processEvents()
        rect = pad.geometry()
        print(
            json.dumps(
                {
                    "clerk_screen": window.screen().name(),
                    "pad_screen": pad.screen().name(),
                    "geometry": [rect.x(), rect.y(), rect.width(), rect.height()],
                    "full_screen": pad.isFullScreen(),
                }
            )
        )
        window.close()
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
