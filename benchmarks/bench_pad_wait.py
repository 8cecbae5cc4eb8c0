"""How soon the counter's tablet shows the clerk's invitation, without JavaScript (issue 9 §3).

Ours: the idle page's ``Refresh`` leads to ``/pad/<w>?after=<version>``, held by the server
until the invitation changes (``web/pad.py``). Baseline in the same run: the plain refresh, the
idle page reloaded every 2 s. A client thread behaves as the browser does (follows each answer's
``Refresh`` header after its delay; the baseline reloads every 2 s); the clerk invites a fresh
case at a random moment; measured: from the invitation's commit to the tablet holding the page
with the case, and the requests the idle tablet made per minute. Trials alternate the two.
Then a phone's ``GET /r/<token>`` with ``MAX_HELD`` tablets held against none.

    python benchmarks/bench_pad_wait.py [--trials 8]
"""

from __future__ import annotations

import argparse
import http.client
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import common  # noqa: F401  (the import path)

from tests.web.cases import register_cases
from window_assistant.accounts import INSTALLER
from window_assistant.ratings.pads import (
    cancel_invitation,
    invitation_version,
    invite,
    pair_device,
    start_pairing,
)
from window_assistant.services import open_services
from window_assistant.web.pad import COOKIE, MAX_HELD
from window_assistant.web.server import RatingServer

PLAIN_REFRESH = 2.0
ROUNDS = 3
STEADY = 62.0  # seconds idle, for the requests an idle tablet makes (three held rounds)


def get(port: int, path: str, key: str | None = None) -> tuple[str, str]:
    """The page and its Refresh header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Cookie": f"{COOKIE}={key}"} if key else {})
        response = conn.getresponse()
        return response.read().decode("utf-8"), response.getheader("Refresh") or ""
    finally:
        conn.close()


def tablet(port: int, key: str, held: bool, seen: list[float], requests: list[int]) -> None:
    path = "/pad/1"
    while True:
        page, refresh = get(port, path, key)
        requests[0] += 1
        if 'name="level"' in page:
            seen.append(time.monotonic())
            return
        if held:
            seconds, _, url = refresh.partition("; url=")
            time.sleep(float(seconds))
            path = url
        else:
            time.sleep(PLAIN_REFRESH)


def trial(
    port: int, services, key: str, serial: str, held: bool, idle: float | None = None
) -> tuple[float, float]:
    seen: list[float] = []
    requests = [0]
    client = threading.Thread(target=tablet, args=(port, key, held, seen, requests))
    started = time.monotonic()
    client.start()
    time.sleep(idle or random.uniform(3, 8))
    invited = time.monotonic()
    invite(services, services.default_clerk(), serial, 1)
    client.join(timeout=60)
    cancel_invitation(services, services.default_clerk(), 1)  # idle again for the next trial
    idle_minutes = (invited - started) / 60
    return seen[0] - invited, requests[0] / idle_minutes


def phone_latency(port: int, token: str, n: int = 20) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        get(port, f"/r/{token}")
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=8, help="per mode")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        services = open_services(db)
        clerk = services.default_clerk()
        cases = register_cases(services, 2 * args.trials + 3 + ROUNDS * MAX_HELD)
        key = pair_device(services, 1, start_pairing(services, clerk, 1).code, "bench")
        with RatingServer(db, "127.0.0.1", 0) as server:
            port = server.address[1]
            results: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
            for _ in range(args.trials):
                for held in (False, True):
                    case = cases.pop()
                    results[held].append(trial(port, services, key, case.serial, held))
            steady = {
                held: trial(port, services, key, cases.pop().serial, held, STEADY)[1]
                for held in (False, True)
            }
            for held, name in ((False, f"plain {PLAIN_REFRESH:g}-s refresh"), (True, "held")):
                delays = sorted(d for d, _ in results[held])
                print(
                    f"{name:>22}: invitation shown after median {statistics.median(delays):.2f} s,"
                    f" max {delays[-1]:.2f} s; an idle tablet's requests over {STEADY:g} s:"
                    f" {steady[held]:.1f}/min"
                )
            # A phone with every holding place taken, against none (alternating).
            windows = [
                services.accounts.add_window(INSTALLER, str(20 + i), f"{20 + i}号窗口").id
                for i in range(MAX_HELD)
            ]
            keys = [
                pair_device(services, w, start_pairing(services, clerk, w).code, "b")
                for w in windows
            ]
            token = cases.pop().token
            quiet, busy = [], []
            for _ in range(ROUNDS):
                quiet.append(phone_latency(port, token))
                waiting = [
                    threading.Thread(
                        target=get,
                        args=(port, f"/pad/{w}?after={invitation_version(services, w)}", k),
                    )
                    for w, k in zip(windows, keys, strict=True)
                ]
                for t in waiting:
                    t.start()
                time.sleep(0.5)
                busy.append(phone_latency(port, token))
                for w in windows:  # the clerks invite: the held requests answer
                    invite(services, clerk, cases.pop().serial, w)
                for t in waiting:
                    t.join()
            print(
                f"phone GET /r/<token> median: {statistics.median(quiet) * 1000:.1f} ms with no"
                f" tablet held, {statistics.median(busy) * 1000:.1f} ms with {MAX_HELD} held"
            )
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
