"""``python screen_names_driver.py DB``: the case dialog (for the catalog's longest material
names) and the main window's results on a 1920×1080 screen at 150 %, as its own process under
QT_SCALE_FACTOR=1.5 (a running QApplication cannot change its scale). Prints, as JSON, the
device pixel ratio, the names cut (``test_screen_names.cut_names``) and whether the dialog's
buttons were on the screen. Run by tests/ui/test_screen_names.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(db: str) -> int:
    from PySide6.QtCore import QPoint, QRect, Qt

    from tests.ui.test_screen import SCREENS
    from tests.ui.test_screen_names import cut_names, longest_named
    from ui.app import create_application
    from ui.cases.case_dialog import CaseDialog
    from ui.cases.materials_list import NAME as MATERIAL_NAME
    from ui.main_window import MainWindow
    from ui.screen_fit import TITLE_BAR, fit_to_screen
    from ui.search.results_model import NAME as RESULT_NAME
    from window_assistant.services import open_services

    app = create_application(sys.argv[:1])
    area = SCREENS["1920x1080-150"]
    services = open_services(Path(db))
    out: dict[str, object] = {"cut": [], "off_screen": []}
    try:
        for kind, code in longest_named(services):
            dialog = CaseDialog(services, services.default_clerk(), kind, code)
            fit_to_screen(dialog, 1180, 720, area)
            dialog.show()
            for _ in range(3):
                app.processEvents()
            out["ratio"] = dialog.devicePixelRatioF()
            out["cut"] += cut_names(dialog.materials, MATERIAL_NAME)  # type: ignore[operator]
            for button in (dialog.print_button, dialog.save_button, dialog.close_button):
                where = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
                if dialog.height() > area.height() - TITLE_BAR or not dialog.rect().contains(where):
                    out["off_screen"].append(button.text())  # type: ignore[attr-defined]
            dialog.close()
        window = MainWindow(services, services.default_clerk())
        window.setWindowState(Qt.WindowState.WindowNoState)  # the size of a maximised one
        window.resize(area.width(), area.height() - TITLE_BAR)
        window.show()
        window.search_box.clear()
        for _ in range(3):
            app.processEvents()
        out["results"] = window.model.rowCount()
        out["cut"] += cut_names(window.results, RESULT_NAME)  # type: ignore[operator]
        window.close()
    finally:
        services.close()
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
