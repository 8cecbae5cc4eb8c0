"""Working-day calendar: building it, ``add`` for time limits up to 60 days, ``between``.

Baseline (a), measured in the same run: a naive calendar that answers "is this a working day?"
by scanning every year's holiday ranges and make-up list, and counts ``between`` day by day —
what one writes first. Ours (b): ``WorkdayCalendar`` (sets of days off / make-up days, sorted
lists and weekday arithmetic for ``between``). Both give the same answers (checked).
Targets: building ≤ 5 ms, ``add`` (n ≤ 60) and ``between`` (≤ 3 years) well under 1 ms.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

import common  # noqa: F401  (puts the repository on sys.path)

from window_assistant.workdays import WorkdayCalendar, bundled_years, load_calendar

SEED, CALLS = 5, 2_000


class NaiveCalendar:
    def __init__(self, years) -> None:
        self.years = list(years)

    def is_workday(self, d: date) -> bool:
        for y in self.years:
            if d in y.workdays:
                return True
        for y in self.years:
            for h in y.holidays:
                if h.start <= d <= h.end:
                    return False
        return d.weekday() < 5

    def add(self, d: date, n: int) -> date:
        while n > 0:
            d += timedelta(days=1)
            n -= self.is_workday(d)
        return d

    def between(self, a: date, b: date) -> int:
        if b < a:
            return -self.between(b, a)
        return sum(self.is_workday(a + timedelta(i)) for i in range(1, (b - a).days + 1))


def per_call_us(fn, args_list) -> tuple[float, float]:
    times = []
    for args in args_list:
        t = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - t) * 1e6)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def main() -> None:
    t = time.perf_counter()
    load_calendar()
    first_ms = (time.perf_counter() - t) * 1e3
    builds = []
    for _ in range(50):
        t = time.perf_counter()
        load_calendar()
        builds.append((time.perf_counter() - t) * 1e3)
    years = bundled_years()
    t = time.perf_counter()
    for _ in range(200):
        WorkdayCalendar(years)
    construct_us = (time.perf_counter() - t) / 200 * 1e6
    print(
        f"load_calendar (read + validate holidays.json + build): first {first_ms:.2f} ms, "
        f"then median {statistics.median(builds):.2f} ms; WorkdayCalendar() alone {construct_us:.0f} µs"
    )

    ours, naive = WorkdayCalendar(years), NaiveCalendar(years)
    rng = random.Random(SEED)
    lo = date(2024, 1, 1)
    adds = [(lo + timedelta(rng.randrange(3 * 365 - 90)), rng.randint(1, 60)) for _ in range(CALLS)]
    spans = [
        (lo + timedelta(rng.randrange(3 * 365)), lo + timedelta(rng.randrange(3 * 365)))
        for _ in range(CALLS)
    ]
    assert all(ours.add(*a) == naive.add(*a) for a in adds)
    assert all(ours.between(*s) == naive.between(*s) for s in spans)
    for label, a_fn, b_fn, args in (
        ("add(d, n ≤ 60)", naive.add, ours.add, adds),
        ("between(a, b), spans ≤ 3 years", naive.between, ours.between, spans),
    ):
        a_med, a_p95 = per_call_us(a_fn, args)
        b_med, b_p95 = per_call_us(b_fn, args)
        print(
            f"{label}: (a) naive median {a_med:.1f} µs p95 {a_p95:.1f} µs; "
            f"(b) ours median {b_med:.1f} µs p95 {b_p95:.1f} µs; ratio a/b {a_med / b_med:.1f}×"
        )


if __name__ == "__main__":
    main()
