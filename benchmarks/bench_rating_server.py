"""The rating page under load (issue 9 §5): concurrent phones submit ratings on distinct tokens
to the running server on loopback; throughput, p50/p99 latency, 0 lost and 0 duplicated.

Baseline in the same run: a minimal waitress WSGI app, same threads and database durability
(WAL, synchronous FULL), that parses the same form and inserts a row of the same fields, with no
token check, no chain hash, no audit entry, no page template. Each server runs in its own
process, as ``serve-ratings`` does; the clients are threads of this process, one new connection
per rating as a phone makes. Rounds alternate baseline and ours, so that load from other
programs on the machine falls on both alike.

    python benchmarks/bench_rating_server.py [--ratings 5000] [--clients 50] [--rounds 2]
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import common  # noqa: F401  (the import path)
from common import ROOT

THREADS = 8
FORM = [("level", "4"), ("tags", "热情耐心"), ("comment", "办得很快,谢谢。")]
COMPANY = "001701001000"  # 企业设立登记


# -- the two servers (child processes) --------------------------------------------------------
def serve_ours(db: Path, port: int) -> None:
    from window_assistant.web.app import RateLimiter
    from window_assistant.web.server import RatingServer

    unlimited = RateLimiter(burst=1e12, per_second=1e12)  # every client is 127.0.0.1 here
    server = RatingServer(db, "127.0.0.1", port, limiter=unlimited, threads=THREADS)
    _serve_until_term(server.start, server.stop)


def baseline_app(db: Path) -> Any:
    local = threading.local()

    def connection() -> sqlite3.Connection:
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(db, isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            local.conn = conn
        return conn

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        token = environ["PATH_INFO"].removeprefix("/r/")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        form = parse_qs(environ["wsgi.input"].read(length).decode("utf-8"))
        row = (
            token,
            int(form["level"][0]),
            json.dumps(form.get("tags", []), ensure_ascii=False),
            form.get("comment", [""])[0],
            datetime.now().isoformat(timespec="seconds"),
            environ.get("REMOTE_ADDR", ""),
        )
        try:
            connection().execute(
                "INSERT INTO ratings (token, level, tags, comment, at, device) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                row,
            )
            status, body = "200 OK", b"<p>thanks</p>"
        except sqlite3.IntegrityError:
            status, body = "409 Conflict", b"<p>already</p>"
        start_response(status, [("Content-Type", "text/html; charset=utf-8")])
        return [body]

    return app


def serve_baseline(db: Path, port: int) -> None:
    from waitress.server import create_server

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS ratings (id INTEGER PRIMARY KEY, token TEXT UNIQUE NOT NULL,"
        " level INTEGER, tags TEXT, comment TEXT, at TEXT, device TEXT)"
    )
    conn.close()
    server = create_server(baseline_app(db), host="127.0.0.1", port=port, threads=THREADS)
    thread = threading.Thread(target=server.run, daemon=True)
    _serve_until_term(thread.start, server.close)


def _serve_until_term(start: Any, stop: Any) -> None:
    # waitress warns at every queued request under this load: thousands of lines, both servers
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    start()
    print("ready", flush=True)
    done.wait()
    stop()


# -- the clients --------------------------------------------------------------------------------
def start_child(kind: str, db: Path, port: int) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", kind, "--db", str(db), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def stop_child(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=60)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (Linux; 0 elsewhere): what the server spends per
    rating tells more than throughput on a machine others are using too."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def load(port: int, tokens: list[str], clients: int) -> tuple[float, list[float], dict[int, int]]:
    """(seconds, latencies, statuses) of submitting one rating per token from ``clients``."""
    work: queue.Queue[str] = queue.Queue()
    for t in tokens:
        work.put(t)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    body = urlencode(FORM).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded"}

    def client() -> None:
        while True:
            try:
                token = work.get_nowait()
            except queue.Empty:
                return
            start = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                conn.request("POST", f"/r/{token}", body, headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = 0
            finally:
                conn.close()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, latencies, statuses


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


def prepare_tokens(db: Path, count: int) -> list[str]:
    from window_assistant.cases.registration import CaseRequest, CaseService
    from window_assistant.services import open_services

    svc = open_services(db)
    try:
        cases = CaseService(svc)
        clerk = svc.default_clerk()
        request = CaseRequest("item", COMPANY, kind="notice")
        return [cases.register(request, clerk).token for _ in range(count)]
    finally:
        svc.close()


def count_ratings(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        total, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT case_serial) FROM ratings"
        ).fetchone()
        return int(total), int(distinct)
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ratings", type=int, default=5000, help="ratings per server, in all")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2, help="baseline/ours alternations")
    parser.add_argument("--serve", choices=("ours", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        (serve_ours if args.serve == "ours" else serve_baseline)(args.db, args.port)
        return 0

    per_round = args.ratings // args.rounds
    with tempfile.TemporaryDirectory() as tmp:
        ours_db, base_db = Path(tmp) / "ours.db", Path(tmp) / "baseline.db"
        began = time.perf_counter()
        tokens = prepare_tokens(ours_db, per_round * args.rounds)
        print(f"prepared {len(tokens)} cases and tokens in {time.perf_counter() - began:.1f} s")
        results: dict[str, list[tuple[float, list[float], dict[int, int]]]] = {
            "baseline": [],
            "ours": [],
        }
        cpu = {"baseline": 0.0, "ours": 0.0}
        for r in range(args.rounds):
            batch = tokens[r * per_round : (r + 1) * per_round]
            for kind, db in (("baseline", base_db), ("ours", ours_db)):
                port = free_port()
                child = start_child(kind, db, port)
                try:
                    before = cpu_seconds(child.pid)
                    results[kind].append(load(port, batch, args.clients))
                    cpu[kind] += cpu_seconds(child.pid) - before
                finally:
                    stop_child(child)
        line = {}
        for kind, runs in results.items():
            seconds = sum(r[0] for r in runs)
            latencies = [x for r in runs for x in r[1]]
            statuses: dict[int, int] = {}
            for r in runs:
                for s, n in r[2].items():
                    statuses[s] = statuses.get(s, 0) + n
            line[kind] = (len(latencies) / seconds, pct(latencies, 0.5), pct(latencies, 0.99))
            print(
                f"{kind:8}: {len(latencies)} ratings, {args.clients} clients: "
                f"{line[kind][0]:7.1f}/s, p50 {line[kind][1]:6.1f} ms, p99 {line[kind][2]:6.1f} ms,"
                f" statuses {dict(sorted(statuses.items()))},"
                f" server CPU {cpu[kind] / len(latencies) * 1000:.2f} ms per rating"
            )
            if kind == "ours":
                acknowledged = statuses.get(200, 0)
                total, distinct = count_ratings(ours_db)
                lost = max(0, acknowledged - total)
                print(
                    f"ours: {acknowledged} acknowledged, {total} recorded, "
                    f"lost {lost}, duplicated {total - distinct}"
                )
                ok = acknowledged == len(tokens) and total == distinct == len(tokens)
        throughput = line["ours"][0] / line["baseline"][0]
        p99 = line["ours"][2] / line["baseline"][2]
        print(f"throughput ours/baseline {throughput:.2f} (target ≥ 0.7)")
        print(f"p99 ours/baseline {p99:.2f} (target ≤ 2)")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
