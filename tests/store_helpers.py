"""Storage trouble on demand, for the tests that check nothing is lost when writes fail."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

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


def written_by_a_newer_version(db: Path) -> None:
    """Make ``db`` what a newer 窗口助手 leaves: one migration more than this one knows."""
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('window_assistant', '9999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()


def other_program_reads(db: Path) -> None:
    """Another program opens the database, reads and closes it: if it is the last to have the
    file open (it is, when this process's locks were dropped) it checkpoints and deletes the
    WAL."""
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        " c.execute('SELECT count(*) FROM settings').fetchall(); c.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)
