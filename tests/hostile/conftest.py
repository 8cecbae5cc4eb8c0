"""The corpus report: after the run, each class with the inputs tried and handled correctly."""

from __future__ import annotations

from typing import Any

from tests.hostile.build_corpus import CORPUS

# name → True (handled correctly) / False, filled by test_hostile_corpus.py
RESULTS: dict[str, bool] = {}


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not RESULTS:
        return
    rows: dict[str, list[int]] = {}
    for case in CORPUS:
        if case.name in RESULTS:
            tried, handled = rows.setdefault(case.cls, [0, 0])
            rows[case.cls] = [tried + 1, handled + RESULTS[case.name]]
    write = terminalreporter.write_line
    write("")
    write("hostile-input corpus: class → inputs tried → handled correctly")
    for cls, (tried, handled) in rows.items():
        write(f"  {cls}\t{tried}\t{handled}")
    total = [sum(r[i] for r in rows.values()) for i in (0, 1)]
    write(f"  (all)\t{total[0]}\t{total[1]}")
