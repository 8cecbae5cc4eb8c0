"""Render 跨域通办 to PNGs, for the docs:
``python docs/tools/crossregion_screenshots.py [OUT_DIR]`` (default ``docs/screenshots``).

A fresh temporary database with the bundled catalog and the demonstration agreements
(``catalog/tiexi_crossregion.json``, marked 示例). Writes the 跨域通办 window at 1366×768 (the
whole list, and filtered to 异地代收代办) and the first page of the public list as PDF, drawn by
pdftoppm when it is installed. Runs headless (QT_QPA_PLATFORM=offscreen unless a display is
set).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

SIZE = (1366, 768)
DEMO = ROOT / "catalog" / "tiexi_crossregion.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from ui import worker  # isort: skip
    from ui.app import create_application  # isort: skip
    from ui.crossregion.view import CrossRegionWindow  # isort: skip
    from window_assistant.accounts import INSTALLER
    from window_assistant.crossregion.publish import publish_list
    from window_assistant.crossregion.service import apply_import, preview_import
    from window_assistant.services import open_services
    from window_assistant.vocab import CrossMode

    worker.RUN_SYNC = True
    app = create_application(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shoot(widget, name: str) -> None:
        widget.resize(*SIZE)
        widget.show()
        for _ in range(3):
            app.processEvents()
        written.append(args.out / f"crossregion-{name}-{SIZE[0]}x{SIZE[1]}.png")
        widget.grab().save(str(written[-1]))

    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(Path(tmp) / "shot.db")
        try:
            boss = services.accounts.add_account(
                INSTALLER, "S01", "王主任", "supervisor", "pw-123456"
            )
            apply_import(services, preview_import(services, DEMO), boss)
            window = CrossRegionWindow(services, boss)
            shoot(window, "list")
            window.mode_combo.setCurrentIndex(window.mode_combo.findData(CrossMode.PROXY))
            window.table.selectRow(0)
            shoot(window, "proxy")
            pdf = Path(tmp) / "list.pdf"
            publish_list(services, boss, pdf)
            if shutil.which("pdftoppm"):
                stem = args.out / "crossregion-public-list-page"
                subprocess.run(
                    ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "2", str(pdf), str(stem)],
                    check=True,
                )
                written += sorted(args.out.glob(f"{stem.name}-*.png"))
            window.close()
        finally:
            services.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
