"""``ratings export FILE.csv`` over the rating log against a plain ``csv.writer`` over the same
query (issue 10 §6: at most 1.5×, peak memory under 200 MB).

A database of ``--rows`` ratings (default 1,000,000) in 10 windows' chains is built once with
``bench_verify.build`` (the same rows the verify benchmark checks). Then, taking turns round by
round so that load from other programs falls on both alike, each side runs in a child process of
its own, which reports its time (from opening the database to the file renamed in place) and its
peak resident memory (``resource.getrusage(RUSAGE_SELF).ru_maxrss``: the whole process, Python
and SQLite's cache included):

- baseline: the same SELECT of every stored field in (window, seq) order, written by
  ``csv.writer`` to a UTF-8 file with BOM: what any CSV export of these rows must at least do;
- ours: ``exports.export_table`` (masked: the comment's digest and mask, labels, tags joined,
  formula guard, chain heads, a read snapshot, fsync and rename).

    python benchmarks/bench_export.py [--rows N] [--rounds R] [--dir FOLDER]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (the import path)
from bench_verify import WINDOWS, build

from window_assistant.ratings.exports import export_table
from window_assistant.ratings.log import _SELECT
from window_assistant.services import open_services


def baseline(db: Path, out: Path) -> int:
    with (
        open_services(db, seed=False) as svc,
        open(out, "w", encoding="utf-8-sig", newline="") as handle,
    ):
        writer = csv.writer(handle)
        count = 0
        for row in svc.store.execute(f"{_SELECT} ORDER BY window_number, seq"):
            writer.writerow(row)
            count += 1
    return count


def ours(db: Path, out: Path) -> int:
    with open_services(db, seed=False) as svc:
        return export_table(svc, out).rows


def child(side: str, db: Path, out: Path) -> None:
    """One side in this (fresh) process: print its time, rows and peak memory as JSON."""
    start = time.perf_counter()
    rows = {"baseline": baseline, "ours": ours}[side](db, out)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(json.dumps({"seconds": seconds, "rows": rows, "peak_mb": peak_mb}))


def run(side: str, db: Path, out: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", side, "--db", str(db), "--out", str(out)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="folder on the disk to measure")
    parser.add_argument("--child", choices=("baseline", "ours"), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db, args.out)
        return
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        db = Path(tmp) / "ratings.db"
        built, _ = time.perf_counter(), build(db, args.rows)
        print(
            f"{args.rows:,} ratings in {WINDOWS} chains built in {time.perf_counter() - built:.1f} s"
        )
        times: dict[str, list[float]] = {"baseline": [], "ours": []}
        peaks: dict[str, float] = {"baseline": 0.0, "ours": 0.0}
        sizes: dict[str, int] = {}
        for n in range(args.rounds + 1):  # round 0 warms the page cache for both
            for side in ("baseline", "ours") if n % 2 else ("ours", "baseline"):
                out = Path(tmp) / f"{side}.csv"
                result = run(side, db, out)
                assert result["rows"] == args.rows, result
                sizes[side] = out.stat().st_size
                out.unlink()
                peaks[side] = max(peaks[side], result["peak_mb"])
                if n:
                    times[side].append(result["seconds"])
    base, mine = statistics.median(times["baseline"]), statistics.median(times["ours"])
    rounds = {side: " ".join(f"{t:.2f}" for t in ts) for side, ts in times.items()}
    print(
        f"plain csv.writer (baseline): median {base:.2f} s  (rounds {rounds['baseline']}), "
        f"peak RSS {peaks['baseline']:.0f} MB, {sizes['baseline'] / 2**20:.0f} MB written"
    )
    print(
        f"export_table (ours):         median {mine:.2f} s  (rounds {rounds['ours']}), "
        f"peak RSS {peaks['ours']:.0f} MB, {sizes['ours'] / 2**20:.0f} MB written"
    )
    print(f"ratio {mine / base:.2f} (target ≤ 1.5); peak RSS {peaks['ours']:.0f} MB (target < 200)")


if __name__ == "__main__":
    main()
