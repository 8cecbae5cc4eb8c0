"""Screenshots of the counter's tablet page (``/pad/<window>``) in headless Chromium, for the docs:
``python docs/tools/tablet_screenshots.py [OUT_DIR]`` (default ``docs/``).

A fresh temporary database with one registered case; the rating app served on 127.0.0.1 by
waitress, the pairing page as an unpaired tablet sees it, the idle and the invited page as the
paired tablet does (its key cookie added to each request here, since Chromium's command line
cannot set a cookie). Each page at a landscape tablet's size (1280×800) and a phone's (412×915).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

SIZES = {"tablet": (1280, 800), "phone": (412, 915)}


def shoot(url: str, out: Path, size: tuple[int, int]) -> None:
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={size[0]},{size[1]}",
            f"--screenshot={out}",
            url,
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "docs")
    args = parser.parse_args(argv)

    from waitress.server import create_server

    from tests.web.cases import register_cases
    from window_assistant.ratings.pads import invite, pair_device, start_pairing
    from window_assistant.services import open_services
    from window_assistant.web.app import make_app
    from window_assistant.web.pad import COOKIE

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "pad.db"
        services = open_services(db)
        clerk = services.default_clerk()
        (case,) = register_cases(services, 1)
        key = pair_device(services, 1, start_pairing(services, clerk, 1).code, "1号窗口平板")
        app = make_app(db)

        def paired(environ: dict[str, Any], start_response: Any) -> Any:
            if environ.get("PATH_INFO", "").startswith("/pad/1") and "unpaired" not in str(
                environ.get("QUERY_STRING")
            ):
                environ["HTTP_COOKIE"] = f"{COOKIE}={key}"
            return app(environ, start_response)

        server = create_server(paired, host="127.0.0.1", port=0, threads=4)
        threading.Thread(target=server.run, daemon=True).start()
        base = f"http://127.0.0.1:{server.effective_port}/pad/1"
        try:
            for name, size in SIZES.items():
                shoot(f"{base}?unpaired", args.out / f"screenshot-pad-pairing-{name}.png", size)
                shoot(base, args.out / f"screenshot-pad-idle-{name}.png", size)
            invite(services, clerk, case.serial, 1)
            for name, size in SIZES.items():
                shoot(base, args.out / f"screenshot-pad-invited-{name}.png", size)
        finally:
            server.close()
            app.close()
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
