"""The 办件台账 in the window (``ui.cases.cases_view.CasesDialog``) over 100,000 cases with
600,000 steps (issue 12 §5: the ledger opens under 300 ms, a filter applies under 50 ms).

The database is ``bench_case_steps.build``'s: ``--cases`` cases through 2026, about 400 a working
day, six steps each, 12 % still open; then 2 % of them made 跨域代收 cases sent to 铁东区 (their
progress rows: line, state, region, due three days after registration). The view is measured through Qt (offscreen), as of
15 December 2026 (its default range, the last 30 days, then holds about 8,000 cases; it lists
the newest 1,000 and says so):

- open: ``CasesDialog(services, clerk)`` built, shown and painted (every filter's choices,
  the catalog's items, the ledger query, the model and the table laid out);
- filters: a state chosen (已转办, in the default range), 只看超期 ticked (every date, as the
  view does), an ID number typed in full in the search box and 跨域通办 chosen as direction (both
  over every date), each timed from the change to the table painted again.

Baseline, taking turns with ours round by round: the same SQL the core runs for that filter
(``lifecycle._LEDGER_SQL`` with its WHERE, order and limit) executed and fetched raw, no
Python per row and no Qt.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_ledger.py [--cases N] [--rounds R]
"""

from __future__ import annotations

import argparse
import os
import statistics as stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import common  # noqa: F401  (the import path)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_case_steps import ON, build  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.cases.cases_view import LIMIT, CasesDialog  # noqa: E402
from window_assistant.cases import lifecycle  # noqa: E402
from window_assistant.cases.lifecycle import LedgerFilter  # noqa: E402
from window_assistant.services import open_services  # noqa: E402


def raw_sql(conn, f: LedgerFilter) -> int:
    """The core's ledger query for ``f``, fetched raw."""
    clauses, params = lifecycle._where(f)
    sql = lifecycle._LEDGER_SQL + (f" WHERE {' AND '.join(clauses)}" if clauses else "")
    order = "p.due, c.id" if f.overdue_on or f.due_by else "c.created_at DESC, c.id DESC"
    rows = conn.execute(f"{sql} ORDER BY {order} LIMIT ?", [*params, LIMIT]).fetchall()
    return len(rows)


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench_ledger_"))
    path = folder / "cases.db"
    t0 = time.perf_counter()
    steps = build(path, args.cases)
    with open_services(path, seed=False) as svc:  # 2 % of the cases 跨域代收, sent to 铁东区
        conn = svc.store.conn
        conn.execute(
            "UPDATE case_progress SET flow = 'outbound', state = 'sent', region = '铁东区',"
            " open = 1, due = date((SELECT created_at FROM cases WHERE id = case_id), '+3 days')"
            " WHERE case_id % 50 = 7"
        )
        conn.commit()
    print(f"built {args.cases:,} cases, {steps:,} steps in {time.perf_counter() - t0:.1f} s")
    app = QApplication.instance() or QApplication([])
    with open_services(path, seed=False) as svc:
        conn = svc.store.conn
        svc.accounts.ensure_defaults()  # the default profile's clerk opens the view
        clerk = svc.default_clerk()
        number = conn.execute(
            "SELECT id_number FROM cases c JOIN case_progress p ON p.case_id = c.id"
            " WHERE p.state = 'transferred' AND c.created_at < ? ORDER BY c.id DESC LIMIT 1",
            [ON.isoformat()],
        ).fetchone()[0]

        def open_view() -> CasesDialog:
            view = CasesDialog(svc, clerk, today=ON)
            view.show()
            app.processEvents()
            return view

        def painted(view: CasesDialog, change: Callable[[], object]) -> Callable[[], None]:
            def run() -> None:
                change()
                app.processEvents()  # the table's update request: painted again

            return run

        view = open_view()  # warm-up: fonts, style, the first query
        opened = view.filters()
        shown = len(view.model.rows)
        view.close()
        results: dict[str, tuple[list[float], list[float]]] = {"open": ([], [])}
        for _ in range(args.rounds):
            results["open"][0].append(timed(lambda: raw_sql(conn, opened)))
            views: list[CasesDialog] = []
            results["open"][1].append(timed(lambda views=views: views.append(open_view())))
            views[0].close()
            views[0].deleteLater()
        app.processEvents()

        view = open_view()
        combos = {
            "state 已转办": (
                lambda: view.state_combo.setCurrentIndex(view.state_combo.findData("transferred")),
                lambda: view.state_combo.setCurrentIndex(0),
            ),
            "只看超期": (
                lambda: view.overdue_check.setChecked(True),
                lambda: view.overdue_check.setChecked(False),
            ),
            "ID number in full, every date": (
                lambda: view.search_edit.setText(number),
                lambda: view.search_edit.clear(),
            ),
            "跨域通办, every date": (
                lambda: view.flow_combo.setCurrentIndex(view.flow_combo.findData("cross")),
                lambda: view.flow_combo.setCurrentIndex(0),
            ),
        }
        counts: dict[str, int] = {}
        for name, (apply, undo) in combos.items():
            # 只看超期 looks at every date (the view unticks 登记日期); the search and the
            # direction are measured over every date too: the harder case
            view.dates_check.setChecked(name == "state 已转办")
            base, mine = results.setdefault(name, ([], []))
            apply()
            f = view.filters()
            counts[name] = len(view.model.rows)
            assert counts[name] == raw_sql(conn, f)  # the same rows
            undo()
            for _ in range(args.rounds):
                base.append(timed(lambda f=f: raw_sql(conn, f)))
                mine.append(timed(painted(view, apply)))
                painted(view, undo)()
        view.close()
    print(f"as of {ON}: default range lists {shown:,} rows (limit {LIMIT:,})")
    for name, (base, mine) in results.items():
        b, m = stat.median(base), stat.median(mine)
        target = 300 if name == "open" else 50
        rows = f", {counts[name]:,} rows" if name in counts else ""
        print(
            f"{name}{rows}: raw SQL median {b:.1f} ms ({min(base):.1f}–{max(base):.1f}); "
            f"view median {m:.1f} ms ({min(mine):.1f}–{max(mine):.1f}); ratio {m / b:.1f}; "
            f"target < {target} ms {'✔' if m < target else '✘'}"
        )


if __name__ == "__main__":
    main()
