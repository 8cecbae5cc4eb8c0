"""Registering a case (办件登记) with ``synchronous = FULL`` against ``NORMAL``, the price of a
case surviving a power cut (issue 8).

In WAL mode NORMAL does not flush the WAL at each COMMIT, so the last transactions before a
power cut may be lost; FULL flushes it, so a case whose paper was handed out is on the disk. Two
databases on the same disk (``--dir``, default the temporary folder), one per setting, take
turns case by case in the same run, so that load from other programs falls on both alike.
Measured: ``CaseService.register`` alone (the database's part), and with the .docx written as
the clerk's Ctrl+S does (staged in the transaction, renamed after COMMIT).

    python benchmarks/bench_register.py [--cases N] [--dir FOLDER]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (the import path)

from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.services import Services, open_services

COMPANY = "001701001000"  # 企业设立登记
REQUEST = CaseRequest("item", COMPANY, kind="notice")
MODES = ("NORMAL", "FULL")


def opened(folder: Path, mode: str) -> Services:
    svc = open_services(folder / f"{mode.lower()}.db")
    svc.store.execute(f"PRAGMA synchronous = {mode}")
    assert svc.store.execute("PRAGMA synchronous").fetchone()[0] == {"NORMAL": 1, "FULL": 2}[mode]
    return svc


def register_once(svc: Services, out: Path | None) -> float:
    start = time.perf_counter()
    CaseService(svc).register(REQUEST, svc.default_clerk(), out=out)
    return time.perf_counter() - start


def summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[int(len(ms) * 0.95) - 1]
    return f"median {statistics.median(ms):6.2f} ms, p95 {p95:6.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200, help="cases per setting and kind")
    parser.add_argument("--dir", type=Path, default=None, help="folder on the disk to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        services = {mode: opened(folder, mode) for mode in MODES}
        times: dict[tuple[str, bool], list[float]] = {(m, f): [] for m in MODES for f in (0, 1)}
        for svc in services.values():  # warm up: caches, the docx writer, the first pages
            register_once(svc, folder / "warm.docx")
        for n in range(args.cases):
            for with_file in (False, True):
                for mode in MODES if n % 2 else reversed(MODES):  # alternate who goes first
                    out = folder / f"{mode}-{n}.docx" if with_file else None
                    times[(mode, with_file)].append(register_once(services[mode], out))
        for svc in services.values():
            svc.close()
    print(f"{args.cases} cases per setting and kind, databases in {folder.parent}")
    for with_file, what in ((False, "register (database only)"), (True, "register + .docx")):
        normal, full = times[("NORMAL", with_file)], times[("FULL", with_file)]
        ratio = statistics.median(full) / statistics.median(normal)
        print(f"{what}:")
        print(f"  NORMAL (baseline): {summary(normal)}")
        print(f"  FULL   (ours):     {summary(full)}   ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
