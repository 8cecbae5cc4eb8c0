"""``ratings merge`` of a 100,000-row export, in rows per second (issue 10 §6), against the bare
INSERT of the same rows measured in the same run.

A window PC's database of ``--rows`` ratings (10 windows' chains, ``bench_verify.build``) is
exported once as CSV (masked, as a clerk exports) and as JSON lines. Each round then merges a
file into a fresh installation of the same centre (its secret copied), and the baseline inserts
the same stored rows into another fresh one with one ``executemany`` in one transaction (the
chain trigger included): what any merge of these rows must at least do. Ours also reads and
parses the file, verifies every hash, compares every row with what is there, checks the chain
continues, and writes the merge record and audit entry. Sides take turns round by round.

    python benchmarks/bench_merge.py [--rows N] [--rounds R] [--dir FOLDER]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (the import path)
from bench_verify import WINDOWS, build

from window_assistant.accounts import INSTALLER
from window_assistant.ratings.exports import export_table
from window_assistant.ratings.log import _DB_SELECT, ROW_FIELDS, export_ratings
from window_assistant.ratings.merge import merge_file
from window_assistant.services import Services, open_services

_INSERT = (
    f"INSERT INTO ratings ({', '.join(ROW_FIELDS)}, comment_digest)"
    f" VALUES ({', '.join('?' for _ in ROW_FIELDS)}, ?)"
)


def hub(path: Path, secret: str) -> Services:
    """A fresh installation of the same centre (the secret set as ``centre import-secret``
    would), with a supervisor to merge."""
    svc = open_services(path)
    with svc.store.transaction():
        svc.store.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('centre.secret', ?)", [secret]
        )
    svc.accounts.add_account(INSTALLER, "S01", "王主任", "supervisor", "pw-123456")
    return svc


def baseline(rows: list[tuple[object, ...]], path: Path, secret: str) -> float:
    svc = hub(path, secret)
    start = time.perf_counter()
    with svc.store.transaction():
        svc.store.conn.executemany(_INSERT, rows)
    seconds = time.perf_counter() - start
    svc.close()
    return seconds


def ours(export: Path, path: Path, secret: str) -> float:
    svc = hub(path, secret)
    boss = svc.accounts.user("S01")
    assert boss is not None
    start = time.perf_counter()
    done = merge_file(svc, boss, export)
    seconds = time.perf_counter() - start
    assert done.added == done.rows, done
    svc.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="folder on the disk to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        source = folder / "window.db"
        build(source, args.rows)
        with open_services(source, seed=False) as svc:
            (secret,) = svc.store.execute(  # as stored: copied as import-secret would
                "SELECT value FROM settings WHERE key = 'centre.secret'"
            ).fetchone()
            rows = [(*r[:-1], None) for r in svc.store.execute(_DB_SELECT + " ORDER BY id")]
            files = {"csv": folder / "window.csv", "jsonl": folder / "window.jsonl"}
            export_table(svc, files["csv"])
            export_ratings(svc, files["jsonl"], "bench")
        print(f"{args.rows:,} ratings in {WINDOWS} chains; exports written")
        times: dict[str, list[float]] = {"baseline": [], "csv": [], "jsonl": []}
        for n in range(args.rounds):
            order = ["baseline", "csv", "jsonl"] if n % 2 else ["jsonl", "csv", "baseline"]
            for side in order:
                path = folder / f"hub-{side}-{n}.db"
                if side == "baseline":
                    times[side].append(baseline(rows, path, secret))
                else:
                    times[side].append(ours(files[side], path, secret))
    base = statistics.median(times["baseline"])
    print(f"bare INSERT (baseline): median {base:.2f} s, {args.rows / base:,.0f} rows/s")
    for side in ("csv", "jsonl"):
        mine = statistics.median(times[side])
        print(
            f"ratings merge {side:5}:      median {mine:.2f} s, {args.rows / mine:,.0f} rows/s,"
            f" ratio {mine / base:.2f} × the bare INSERT"
        )


if __name__ == "__main__":
    main()
