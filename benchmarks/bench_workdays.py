"""Working-day calendar: building it, ``add`` for time limits up to 60 days, ``between``.

Baseline (a), measured in the same run: a naive calendar that answers "is this a working day?"
by scanning every year's holiday ranges and make-up list, and counts ``between`` day by day —
what one writes first. Ours (b): ``WorkdayCalendar`` (sets of days off / make-up days, sorted
lists and weekday arithmetic for ``between``). Both give the same answers (checked).
Targets: building ≤ 5 ms, ``add`` (n ≤ 60) and ``between`` (≤ 3 years) well under 1 ms.

Past the known years (a deadline in December reaching into a year not arranged yet) the days
off are estimated from the ``holidays`` package. Baseline (c): asking the package for the year
on every day counted, as one would first write it; ours (d): the year's statutory days computed
once per process (``statutory_year``) and kept as a set per calendar. Same answers (checked).
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

import common  # noqa: F401  (puts the repository on sys.path)

from window_assistant.workdays import (
    STATUTORY_NAMES,
    WorkdayCalendar,
    bundled_years,
    load_calendar,
)

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


class PackageEachDay:
    """(c): the package asked for the date's year on every day counted; statutory days only."""

    def __init__(self, known: WorkdayCalendar) -> None:
        self.known = known

    def is_workday(self, d: date) -> bool:
        import holidays

        if d.year in self.known.years:
            return self.known.is_workday(d)
        names = holidays.China(years=d.year, language="zh_CN").get(d) or ""
        statutory = any(part.strip().split("（")[0] in STATUTORY_NAMES for part in names.split(";"))
        return d.weekday() < 5 and not statutory

    def add(self, d: date, n: int) -> date:
        while n > 0:
            d += timedelta(days=1)
            n -= self.is_workday(d)
        return d


def across_new_year() -> None:
    years = bundled_years()
    t = time.perf_counter()
    ours = WorkdayCalendar(years)
    ours.add(date(2026, 12, 20), 10)
    first_ms = (time.perf_counter() - t) * 1e3
    baseline = PackageEachDay(WorkdayCalendar(years))
    rng = random.Random(SEED)
    adds = [
        (date(2026, 11, 1) + timedelta(rng.randrange(61)), rng.randint(1, 60)) for _ in range(200)
    ]
    assert all(ours.add(*a) == baseline.add(*a) for a in adds)
    c_med, c_p95 = per_call_us(baseline.add, adds)
    d_med, d_p95 = per_call_us(ours.add, adds)
    print(
        f"add(d in Nov–Dec 2026, n ≤ 60) into estimated 2027: first call {first_ms:.0f} ms "
        f"(imports holidays, computes 2027); (c) package per day median {c_med:.0f} µs "
        f"p95 {c_p95:.0f} µs; (d) ours median {d_med:.1f} µs p95 {d_p95:.1f} µs; "
        f"ratio c/d {c_med / d_med:.0f}×"
    )


if __name__ == "__main__":
    main()
    across_new_year()
