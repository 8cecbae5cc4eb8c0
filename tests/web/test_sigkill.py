"""A ``serve-ratings`` process killed with SIGKILL in the middle of a burst loses no rating it
acknowledged with 200: the answer is sent only after the COMMIT (synchronous FULL) returned."""

from __future__ import annotations

import signal
import threading
from concurrent.futures import ThreadPoolExecutor

from tests.web.cases import rated_serials, register_cases
from tests.web.http import post_form
from tests.web.serve import start_serving
from window_assistant.services import open_services

CASES = 40
KILL_AFTER = 12  # acknowledgements seen before the kill: the burst is still going


def test_sigkill_mid_burst_keeps_every_acknowledged_rating(services, db_path):
    cases = register_cases(services, CASES)
    child, port = start_serving(db_path)
    acknowledged: list[str] = []
    lock = threading.Lock()
    killed = threading.Event()

    def submit(serial: str, token: str) -> None:
        try:
            answer = post_form(port, f"/r/{token}", [("level", "4")], timeout=10)
        except OSError:
            return  # cut off by the kill: not acknowledged, may or may not be recorded
        with lock:
            if answer.status == 200:
                acknowledged.append(serial)
            if len(acknowledged) >= KILL_AFTER and not killed.is_set():
                killed.set()
                child.send_signal(signal.SIGKILL)

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            for case in cases:
                pool.submit(submit, case.serial, case.token)
    finally:
        child.kill()
        child.communicate(timeout=30)
    assert killed.is_set() and child.returncode == -signal.SIGKILL
    assert len(acknowledged) < CASES, "the kill came after the burst: nothing was tested"
    services.close()
    reopened = open_services(db_path)
    try:
        recorded = set(rated_serials(reopened))
    finally:
        reopened.close()
    assert set(acknowledged) <= recorded
