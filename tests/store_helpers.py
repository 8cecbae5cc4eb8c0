"""Storage trouble on demand, for the tests that check nothing is lost when writes fail."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from window_assistant.store.database import BUSY_TIMEOUT_MS, Store


@contextlib.contextmanager
def held_by_another_program(store: Store) -> Iterator[None]:
    """Another program holds the write lock; our writes give up after 50 ms instead of 10 s."""
    store.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@contextlib.contextmanager
def audit_refused(store: Store) -> Iterator[None]:
    """Every audit-log insert fails (a temporary trigger on this connection only): a change
    written in the same transaction as its audit entry must then be rolled back with it."""
    store.execute(
        "CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log"
        " BEGIN SELECT RAISE(ABORT, 'audit log refused'); END"
    )
    try:
        yield
    finally:
        store.execute("DROP TRIGGER temp.refuse_audit")


def table_rows(store: Store, *tables: str) -> dict[str, list[tuple]]:
    """Everything in ``tables``, to compare before and after a change that must not happen."""
    return {t: store.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
