"""The ledger's exports and the monthly 台账 report over the database of ``bench_case_steps``
(100,000 cases, 600,000 steps): how long a whole-ledger CSV, XLSX and GB/T 39046 dataset take,
and the report of one month (issue 12 §3). Run once each: they are written in the background in
the window, with progress; this says how long the clerk waits.

    python benchmarks/bench_case_exports.py [--cases N] [--dir FOLDER]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import common  # noqa: F401  (the import path)
from bench_case_steps import ON, build

from window_assistant.cases.exports import export_gbt39046, export_ledger
from window_assistant.cases.report import build_ledger_report
from window_assistant.services import open_services


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        out = Path(folder)
        build(out / "bench.db", args.cases)
        svc = open_services(out / "bench.db", seed=False)
        runs: list[tuple[str, Any]] = [
            ("ledger .csv", lambda: export_ledger(svc, out / "台账.csv", on=ON).rows),
            ("ledger .xlsx", lambda: export_ledger(svc, out / "台账.xlsx", on=ON).rows),
            ("GB/T 39046 .csv", lambda: export_gbt39046(svc, out / "办件.csv").rows),
            (
                "report of November (built)",
                lambda: (
                    build_ledger_report(
                        svc, SimpleNamespace(name="bench"), date(2026, 11, 1), today=ON
                    ).totals.cases
                ),
            ),
        ]
        for name, run in runs:
            start = time.perf_counter()
            rows = run()
            print(f"{name:28} {rows:>8} cases  {time.perf_counter() - start:6.1f} s")
        svc.close()


if __name__ == "__main__":
    main()
