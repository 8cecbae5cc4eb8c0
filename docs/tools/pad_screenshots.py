"""Render the counter's pad and the pairing dialog to PNGs, for the docs:
``python docs/tools/pad_screenshots.py [OUT_DIR]`` (default ``docs/screenshots``).

A fresh temporary database with the bundled catalog and the default clerk; one case registered
and invited. Writes the pad idle and invited at 1366×768 and 1920×1080 (a counter's second
screen), the invited pad with a level and a tag chosen, its thank-you, and the pairing dialog. Runs headless (QT_QPA_PLATFORM=offscreen unless a display is set).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

SIZES = ((1366, 768), (1920, 1080))
ITEM = "000920001000"  # 用人单位社保登记


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from window_assistant.accounts import INSTALLER
    from window_assistant.cases.model import CaseRequest
    from window_assistant.cases.registration import CaseService
    from window_assistant.ratings.pads import cancel_invitation, current_invitation, invite
    from window_assistant.services import open_services
    from window_assistant.vocab import RatingLevel

    from ui.app import create_application  # isort: skip
    from ui.pad.pad_window import PadWindow  # isort: skip
    from ui.pad.pairing_dialog import PairingDialog  # isort: skip

    app = create_application(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(Path(tmp) / "shot.db")
        try:
            services.settings.change(INSTALLER, {"rating.host": "192.168.1.20"})
            clerk = services.default_clerk()
            window_id = services.current_window_id()
            case = CaseService(services).register(CaseRequest("item", ITEM, kind="notice"), clerk)
            for width, height in SIZES:
                pad = PadWindow(services, window_id)
                pad.resize(width, height)
                pad.show()
                app.processEvents()
                written.append(args.out / f"pad-idle-{width}x{height}.png")
                pad.grab().save(str(written[-1]))
                invite(services, clerk, case.serial, window_id)
                invitation = current_invitation(services, window_id)
                assert invitation is not None
                pad.show_invitation(invitation)
                app.processEvents()
                written.append(args.out / f"pad-invited-{width}x{height}.png")
                pad.grab().save(str(written[-1]))
                if width == SIZES[0][0]:  # a level and a tag chosen: the 差评 tags set aside
                    pad.level_buttons[RatingLevel.SATISFIED].click()
                    pad.tag_buttons[0][1].click()
                    app.processEvents()
                    written.append(args.out / f"pad-chosen-{width}x{height}.png")
                    pad.grab().save(str(written[-1]))
                    pad.submit()
                    app.processEvents()
                    written.append(args.out / f"pad-thanks-{width}x{height}.png")
                    pad.grab().save(str(written[-1]))
                    case = CaseService(services).register(
                        CaseRequest("item", ITEM, kind="notice"), clerk
                    )
                cancel_invitation(services, clerk, window_id)
                pad.close()
            dialog = PairingDialog(services, clerk, window_id)
            dialog.show()
            app.processEvents()
            written.append(args.out / "pad-pairing.png")
            dialog.grab().save(str(written[-1]))
            dialog.close()
        finally:
            services.close()
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
