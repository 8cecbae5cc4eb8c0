"""``serve-ratings`` in a child process, as a centre PC runs it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.web.http import free_port, request
from window_assistant.web.app import STYLESHEET

REPO = Path(__file__).resolve().parents[2]


def start_serving(db: Path, port: int | None = None) -> tuple[subprocess.Popen[str], int]:
    """The child and its port, once it answers."""
    port = port or free_port()
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "window_assistant",
            "--db",
            str(db),
            "serve-ratings",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise AssertionError(f"serve-ratings exited: {child.communicate()}")
        try:
            if request(port, "GET", STYLESHEET, timeout=2).status == 200:
                return child, port
        except OSError:
            time.sleep(0.1)
    child.kill()
    raise AssertionError("serve-ratings did not answer within 30 s")
