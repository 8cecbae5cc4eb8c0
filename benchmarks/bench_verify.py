"""``verify`` over the rating log against a plain hashlib loop over the same rows (issue 9 §5:
at most 1.5×).

A database of ``--rows`` ratings (default 1,000,000) in 10 windows' chains is built once: the
rows are made here with the log's own content and hash rules and appended through the table's
chain trigger (the benchmark stands in for a year of citizens; no product path writes ratings
but ``record_rating``). Then, taking turns round by round so that load from other programs falls
on both alike:

- baseline: the same SELECT in (window, seq) order, and SHA-256 of each row's previous hash plus
  its fields joined with "|": what any hash check over these rows must at least do;
- ours: ``verify_chain`` over the database (sequence, link, separator and hash checks, heads).

    python benchmarks/bench_verify.py [--rows N] [--rounds R] [--dir FOLDER]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import common  # noqa: F401  (the import path)

from window_assistant.ratings.log import (
    _INSERT,
    _SELECT,
    GENESIS,
    ROW_FIELDS,
    _content,
    _hash,
    comment_key,
    verify_chain,
)
from window_assistant.services import open_services
from window_assistant.vocab import RatingChannel, RatingLevel

WINDOWS = 10
ITEMS = [
    ("000920001000", "用人单位社保登记"),
    ("001701001000", "企业设立登记"),
    ("000510003000", "公章刻制备案"),
    ("005520001000", "住房公积金单位缴存登记"),
]
COMMENTS = ["", "", "", "很满意,工作人员热情耐心。", "等了四十分钟才叫号,希望增加窗口。"]
GOOD, BAD = ["热情耐心", "一次办成", "指引清楚"], ["等候时间长", "多次跑腿"]


def build(
    path: Path, rows: int, seconds_apart: int = 30, level_weights: list[float] | None = None
) -> None:
    """A database holding ``rows`` ratings, chained per window, in one transaction, one every
    ``seconds_apart`` from 2026-01-05 08:30, levels drawn alike or by ``level_weights``
    (bench_stats spreads them over years, with few 差评 as a real centre has)."""
    rnd = random.Random(9)
    levels, channels = list(RatingLevel), list(RatingChannel)
    start = datetime(2026, 1, 5, 8, 30)
    with open_services(path) as svc:
        key = comment_key(svc.settings.centre_secret)
        conn = svc.store.conn
        conn.execute("PRAGMA synchronous = OFF")
        last = {w: (0, GENESIS) for w in range(1, WINDOWS + 1)}

        def make(n: int) -> tuple[object, ...]:
            window = n % WINDOWS + 1
            seq, prev = last[window]
            seq += 1
            level = rnd.choices(levels, level_weights)[0] if level_weights else rnd.choice(levels)
            code, name = rnd.choice(ITEMS)
            tags = rnd.sample(
                BAD if level.value.endswith("dissatisfied") else GOOD, rnd.randint(0, 2)
            )
            content = (
                str(window), 3, window, f"{window}号综合窗口", seq, f"铁西政服告〔2026〕{n + 1:06d}号", code, name,
                f"10{window:02d}", "李明", level.value, rnd.choice(channels).value,
                json.dumps(tags, ensure_ascii=False, separators=(",", ":")),
                rnd.choice(COMMENTS), (start + timedelta(seconds=seconds_apart * n)).isoformat(),
                f"{n:032x}", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)",
            )  # fmt: skip
            digest = _hash(prev, _content(content, key))
            last[window] = (seq, digest)
            # case_created: the case registered 10 minutes before (bench_stats adds the cases)
            created = start + timedelta(seconds=seconds_apart * n) - timedelta(minutes=10)
            named = int((n + 1) % 3 == 0)  # bench_stats gives every third case a phone
            return (*content, prev, digest, created.isoformat(), named)

        svc.store.execute("BEGIN IMMEDIATE")
        svc.store.conn.executemany(_INSERT, (make(n) for n in range(rows)))
        svc.store.execute("COMMIT")


def baseline(path: Path) -> int:
    """SHA-256 of previous hash + the fields, row by row: no checks at all."""
    sha256 = hashlib.sha256
    with open_services(path, seed=False) as svc:
        count = 0
        for row in svc.store.execute(f"{_SELECT} ORDER BY window_number, seq"):
            sha256((row[-2] + "|".join(map(str, row[:-2]))).encode()).hexdigest()
            count += 1
    return count


def ours(path: Path) -> int:
    with open_services(path, seed=False) as svc:
        result = verify_chain(svc)
    assert result.intact, result.problem
    return result.checked


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="folder on the disk to measure")
    args = parser.parse_args()
    assert len(ROW_FIELDS) == 19
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        path = Path(tmp) / "ratings.db"
        built, _ = time.perf_counter(), build(path, args.rows)
        print(
            f"{args.rows:,} ratings in {WINDOWS} chains built in {time.perf_counter() - built:.1f} s"
        )
        times: dict[str, list[float]] = {"baseline": [], "ours": []}
        runs = {"baseline": baseline, "ours": ours}
        for n in range(args.rounds + 1):  # round 0 warms the page cache for both
            for name in ("baseline", "ours") if n % 2 else ("ours", "baseline"):
                start = time.perf_counter()
                assert runs[name](path) == args.rows
                if n:
                    times[name].append(time.perf_counter() - start)
    base, mine = statistics.median(times["baseline"]), statistics.median(times["ours"])
    rounds = {name: " ".join(f"{t:.2f}" for t in ts) for name, ts in times.items()}
    print(f"plain hashlib loop (baseline): median {base:.2f} s  (rounds {rounds['baseline']})")
    print(f"verify_chain (ours):           median {mine:.2f} s  (rounds {rounds['ours']})")
    print(f"ratio {mine / base:.2f} (target ≤ 1.5)")


if __name__ == "__main__":
    main()
