"""A month's 好差评 figures (``ratings.stats.statistics``) over a large log against one raw SQL
aggregate over the same month's ratings (issue 10 §6: at most 2×).

The database: ``--rows`` ratings (default 1,000,000) built by ``bench_verify.build``, one every
90 s from January 2026, so that a month holds about 29,000 of them and the log runs on for years
after the month measured (a month in the middle, as a report of an earlier month would be);
2 % of them 差评 (``--bad-share``: a centre's 好评率 is usually above 98 %; 0.4 draws the levels
alike, the stress case); a case for every rating plus one unrated case in four; every 差评
verified and fixed (立行立改) the next day, a fifth of them revisited, a few appeals upheld — the
follow-up table a centre that does its job accumulates. Then, taking turns round by round so
that load from other programs falls on both alike:

- baseline: ``SELECT level, channel, count(*) FROM ratings WHERE at in the month GROUP BY
  level, channel`` — the least any count of the month's ratings must do;
- ours: ``statistics(services, first, last)``: the same counts, the scores, the cases of the
  month rated or not, excluded appeals, and every follow-up figure.

    python benchmarks/bench_stats.py [--rows N] [--rounds R] [--month YYYY-MM] [--dir FOLDER]
"""

from __future__ import annotations

import argparse
import json
import statistics as stat
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import common  # noqa: F401  (the import path)
from bench_verify import build

from window_assistant.ratings.report import month_end, parse_month
from window_assistant.ratings.stats import statistics
from window_assistant.services import Services, open_services

SECONDS_APART = 90
BAD = ("dissatisfied", "very_dissatisfied")


def add_cases_and_followups(path: Path) -> tuple[int, int]:
    """A case per rating (registered 10 minutes before it), one unrated case in four, and the
    follow-up steps of every 差评; returns (cases, steps)."""
    with open_services(path, seed=False) as svc:
        conn = svc.store.conn
        conn.execute("PRAGMA synchronous = OFF")
        rows = conn.execute(
            "SELECT case_serial, at, item_code, item_name, clerk_login, clerk_name, window_id,"
            " window_name, level, id FROM ratings ORDER BY id"
        ).fetchall()

        def case(serial, at, code, name, login, clerk, window, wname, n):
            created = (datetime.fromisoformat(at) - timedelta(minutes=10)).isoformat()
            phone = "13800138000" if n % 3 == 0 else ""
            return (
                serial, "notice", 2026, n, created, "item", code, name, "accepted", phone, "{}",
                "[]", 1, login, clerk, window, wname, "{}", "", "", "",
            )  # fmt: skip

        def cases():
            for serial, at, code, name, login, clerk, window, wname, _, n in rows:
                yield case(serial, at, code, name, login, clerk, window, wname, n)
                if n % 4 == 0:  # registered, never rated
                    yield case(f"未评{n}", at, code, name, login, clerk, window, wname, -n)

        def steps():
            for serial, at, _, _, _, _, window, _, level, n in rows:
                if level not in BAD:
                    continue
                number = str(window)  # bench_verify.build numbers window w "w"
                day = datetime.fromisoformat(at) + timedelta(days=1)
                yield (
                    number,
                    serial,
                    "verify",
                    day.isoformat(),
                    "S01",
                    "王主任",
                    '{"finding":"属实"}',
                )
                yield (
                    number,
                    serial,
                    "fix_now",
                    day.isoformat(),
                    "S01",
                    "王主任",
                    '{"action":"已改正"}',
                )
                if n % 5 == 0:
                    detail = {"date": day.date().isoformat(), "channel": "phone",
                              "satisfaction": "satisfied"}  # fmt: skip
                    yield (
                        number,
                        serial,
                        "revisit",
                        day.isoformat(),
                        "S01",
                        "王主任",
                        json.dumps(detail),
                    )
                if n % 97 == 0:
                    yield (
                        number,
                        serial,
                        "appeal",
                        day.isoformat(),
                        "1001",
                        "李明",
                        '{"kind":"mistaken"}',
                    )
                    yield (number, serial, "appeal_decision", day.isoformat(), "S01", "王主任",
                           '{"upheld":true,"decision":"属实"}')  # fmt: skip

        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO cases (serial, kind, year, number, created_at, subject_kind,"
            " subject_code, subject_name, outcome, phone, answers, brought, clerk_id, clerk_login,"
            " clerk_name, window_id, window_name, snapshot, content_hash, token, rating_url)"
            " VALUES (" + ", ".join("?" * 21) + ")",
            cases(),
        )
        conn.executemany(
            "INSERT INTO followup_steps (window_number, case_serial, step, at, actor, actor_name,"
            " detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
            steps(),
        )
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM followup_steps)"
        ).fetchone()
    return counts


def baseline(svc: Services, first: date, last: date) -> int:
    rows = svc.store.execute(
        "SELECT level, channel, count(*) FROM ratings WHERE at >= ? AND at < ?"
        " GROUP BY level, channel",
        [first.isoformat(), (last + timedelta(days=1)).isoformat()],
    ).fetchall()
    return sum(n for *_, n in rows)


def ours(svc: Services, first: date, last: date) -> int:
    figures = statistics(svc, first, last, today=last + timedelta(days=40))
    return figures.overall.total + figures.overall.excluded


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--month", default="2027-06", help="the month measured (YYYY-MM)")
    parser.add_argument("--dir", type=Path, default=None, help="folder on the disk to measure")
    parser.add_argument(
        "--bad-share", type=float, default=0.02, help="share of 差评 (1.0 / 5 = levels alike)"
    )
    args = parser.parse_args()
    bad = args.bad_share
    weights = [(1 - bad) * 0.6, (1 - bad) * 0.3, (1 - bad) * 0.1, bad * 0.6, bad * 0.4]
    first = parse_month(args.month)
    last = month_end(first)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        path = Path(tmp) / "ratings.db"
        started = time.perf_counter()
        build(path, args.rows, SECONDS_APART, weights)
        n_cases, n_steps = add_cases_and_followups(path)
        print(
            f"{args.rows:,} ratings, {n_cases:,} cases, {n_steps:,} follow-up steps built in"
            f" {time.perf_counter() - started:.1f} s"
        )
        times: dict[str, list[float]] = {"baseline": [], "ours": []}
        runs = {"baseline": baseline, "ours": ours}
        counted = {}
        with open_services(path, seed=False) as svc:  # opened once: the queries are measured
            for n in range(args.rounds + 1):  # round 0 warms the page cache for both
                for name in ("baseline", "ours") if n % 2 else ("ours", "baseline"):
                    start = time.perf_counter()
                    counted[name] = runs[name](svc, first, last)
                    if n:
                        times[name].append(time.perf_counter() - start)
        assert counted["baseline"] == counted["ours"], counted
    base, mine = stat.median(times["baseline"]), stat.median(times["ours"])
    rounds = {name: " ".join(f"{t * 1000:.0f}" for t in ts) for name, ts in times.items()}
    print(f"{args.month}: {counted['ours']:,} ratings in the month, 差评 share {bad:.0%}")
    print(
        f"raw SQL aggregate (baseline): median {base * 1000:.1f} ms  (rounds {rounds['baseline']})"
    )
    print(f"statistics (ours):            median {mine * 1000:.1f} ms  (rounds {rounds['ours']})")
    print(f"ratio {mine / base:.2f} (target ≤ 2)")


if __name__ == "__main__":
    main()
