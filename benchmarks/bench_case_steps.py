"""The overdue query of the case lifecycle (``cases.lifecycle.overdue_cases``) over 100,000
cases with 600,000 steps, against the raw SQL query over the same rows (issue 12 §5: at most 2×).

The database: ``--cases`` cases (default 100,000) registered through 2026, about 400 a working
day, each with six steps (``--cases`` × 6 rows of ``case_steps``): 88 % of them 收件 → 受理 → 转办
→ 办结 → 邮寄 → 完结, the other 12 % still open after 收件 → 补正告知 → 补正收件 → 容缺受理 → 容缺补齐
→ 转办, due 20 days after registration. Each case's ``case_progress`` row is what the core
writes with its last step. Measured on 15 December 2026, when the open cases registered before
late November are overdue (about 11,000). Then, taking turns round by round so that other
programs' load falls on both alike:

- baseline: ``lifecycle.OVERDUE_SQL`` run by hand and fetched: the same join, columns and
  order the core runs, no Python per row;
- ours: ``overdue_cases(services, on)``: the same query plus a ``LedgerRow`` per case with its
  ID number masked and its overdue flag.

For the record it also times, once, the state folded in SQL from the steps themselves (the last
main-line step of each case by a window function, no ``case_progress``): what the query would
cost without the maintained row.

    python benchmarks/bench_case_steps.py [--cases N] [--rounds R] [--dir FOLDER]
"""

from __future__ import annotations

import argparse
import statistics as stat
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import common  # noqa: F401  (the import path)

from window_assistant.cases import lifecycle
from window_assistant.cases.ids import id_check_digit
from window_assistant.services import open_services

ON = date(2026, 12, 15)
DONE = ("receive", "accept", "transfer", "settle", "mailed", "complete")
OPEN = (
    "receive",
    "correction_notice",
    "correction_received",
    "accept_rongque",
    "rongque_supplied",
    "transfer",
)


def build(path: Path, count: int) -> int:
    """``count`` cases with six steps each and their progress rows; returns the steps."""
    with open_services(path, seed=False) as svc:
        conn = svc.store.conn
        conn.execute("PRAGMA synchronous = OFF")
        start = datetime(2026, 1, 5, 9, 0)

        def number(n: int) -> str:  # a distinct 18-character number per applicant
            body = f"2103021985{n:07d}"
            return body + id_check_digit(body)

        def cases():
            for n in range(1, count + 1):
                at = start + timedelta(minutes=(n * 525_600 // (count + 1)) * 0.95)
                yield (
                    f"铁西政服受〔2026〕{n}号", "acceptance", 2026, n, at.isoformat(), "item",
                    f"0009200{n % 50:05d}", f"事项{n % 50}", "accepted", f"申请人{n}",
                    "person", "resident_id", number(n), "", "{}", "[]", 1, f"10{n % 8:02d}",
                    f"窗口人员{n % 8}", 1, "3号窗口", '{"items":[],"materials":[]}', "", "", "",
                )  # fmt: skip

        with svc.store.transaction():
            conn.executemany(
                "INSERT INTO cases (serial, kind, year, number, created_at, subject_kind,"
                " subject_code, subject_name, outcome, applicant_name, applicant_kind, id_type,"
                " id_number, phone, answers, brought, clerk_id, clerk_login, clerk_name,"
                " window_id, window_name, snapshot, content_hash, token, rating_url)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                cases(),
            )
            rows = conn.execute("SELECT id, created_at FROM cases ORDER BY id").fetchall()

            def steps():
                for case_id, created in rows:
                    names = OPEN if case_id % 25 < 3 else DONE
                    at = datetime.fromisoformat(created)
                    for k, name in enumerate(names):
                        yield (case_id, name, (at + timedelta(days=k)).isoformat(), "1001",
                               "窗口人员", "{}")  # fmt: skip

            conn.executemany(
                "INSERT INTO case_steps (case_id, step, at, actor, actor_name, detail)"
                " VALUES (?,?,?,?,?,?)",
                steps(),
            )

            def progress():
                for case_id, created in rows:
                    if case_id % 25 < 3:
                        due = (date.fromisoformat(created[:10]) + timedelta(days=20)).isoformat()
                        yield (case_id, "local", "transferred", "", due, 1)
                    else:
                        yield (case_id, "local", "completed", "", None, 0)

            conn.executemany(
                "INSERT INTO case_progress (case_id, flow, state, region, due, open)"
                " VALUES (?,?,?,?,?,?)",
                progress(),
            )
        conn.execute("ANALYZE")
        return int(conn.execute("SELECT count(*) FROM case_steps").fetchone()[0])


FOLDED = """
WITH last AS (
    SELECT case_id, step, at, row_number() OVER (PARTITION BY case_id ORDER BY id DESC) AS n
    FROM case_steps WHERE step NOT IN ('void', 'correct', 'liability', 'rongque_supplied'))
SELECT c.serial, last.step, last.at FROM last JOIN cases c ON c.id = last.case_id
WHERE last.n = 1 AND last.step NOT IN ('complete', 'inform', 'refuse', 'send_back')
    AND date(c.created_at, '+20 days') < ?
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench_case_steps_"))
    path = folder / "cases.db"
    t0 = time.perf_counter()
    steps = build(path, args.cases)
    print(f"built {args.cases:,} cases, {steps:,} steps in {time.perf_counter() - t0:.1f} s")
    with open_services(path, seed=False) as svc:
        conn = svc.store.conn

        def raw() -> int:
            return len(conn.execute(lifecycle.OVERDUE_SQL, [ON.isoformat()]).fetchall())

        def ours() -> int:
            return len(lifecycle.overdue_cases(svc, ON))

        assert raw() == ours()  # warm-up, and the same rows
        base: list[float] = []
        mine: list[float] = []
        for _ in range(args.rounds):
            for fn, times in ((raw, base), (ours, mine)):
                t = time.perf_counter()
                found = fn()
                times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        folded = len(conn.execute(FOLDED, [ON.isoformat()]).fetchall())
        folded_ms = (time.perf_counter() - t) * 1000
    b, m = stat.median(base), stat.median(mine)
    print(f"overdue on {ON}: {found:,} cases (folded from the steps in SQL: {folded:,})")
    print(f"baseline raw SQL: median {b:.1f} ms ({min(base):.1f}–{max(base):.1f})")
    print(f"ours overdue_cases: median {m:.1f} ms ({min(mine):.1f}–{max(mine):.1f})")
    print(f"ratio {m / b:.2f} (target ≤ 2)")
    print(f"for the record, the state folded in SQL from 600,000 steps: {folded_ms:.0f} ms")


if __name__ == "__main__":
    main()
